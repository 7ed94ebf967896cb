"""Radio buttons and checklists whose state shows as a symbol, not only as a colour.

Textual draws the same glyph for on and off and tells them apart by colour; on a washed-out
projector that is invisible, so these draw a mark only when the item is chosen.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, RadioSet, SelectionList


class MarkedRadioButton(RadioButton):
    """A radio button showing ● when chosen and a blank when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        """The mark inside the button."""
        return "●" if self.value else " "


class MarkedRadioSet(RadioSet):
    """A radio set whose cursor starts on the chosen row, not on the first: Textual's puts it
    on the first, so Enter there would change a choice the player never meant to touch."""

    def on_mount(self) -> None:
        # Textual's own mount handler runs after this one (handlers go down the class's MRO)
        # and puts the cursor on the first row: move it once that is done.
        self.call_later(self._start_on_chosen)

    def _start_on_chosen(self) -> None:
        if self.pressed_index >= 0:
            # Textual keeps the cursor in a private reactive and offers no public setter.
            self._selected = self.pressed_index


class Checklist(SelectionList[str]):
    """A selection list showing ✓ beside ticked items and a blank beside the others."""

    def render_line(self, y: int) -> Strip:
        """Textual's line, with the button's glyph swapped for the item's state."""
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        index = self.scroll_offset.y + y
        ticked = index < self.option_count and \
            self.get_option_at_index(index).value in self.selected
        segments[1] = Segment("✓" if ticked else " ", segments[1].style)
        return Strip(segments, strip.cell_length)
