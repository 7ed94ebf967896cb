"""The panels' tabs: which panel is shown while they take turns, and the key that turns them."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from tabletop.ui.widgets.line_table import fit
from tabletop.ui.widgets.readout import Readout

KEY = " v "
"""The key that shows the next panel, as its badge."""


class PanelTabs(Readout):
    """One line naming every panel, the one shown marked (in reverse and with ▸, so not by
    colour alone); a click on a name shows that panel. Names are cut to share the line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tabs: tuple[tuple[tuple[str, str], ...], str, bool] = ((), "", True)

    def show_tabs(self, titles: Sequence[tuple[str, str]], shown: str, *,
                  keys: bool = True) -> None:
        """Redraw for `titles` (each panel's id and title), `shown` the panel on screen."""
        self._tabs = (tuple(titles), shown, keys)
        width = self.size.width or self.app.size.width
        whole = next((title for panel_id, title in titles if panel_id == shown), "")
        # Each name takes 3 cells more than itself ("  name "), the shown one 4 (" ▸ name ").
        room = width - (len(KEY) if keys else 0) - 3 * len(titles) - 1 - len(whole)
        each = _widest(sorted(len(t) for i, t in titles if i != shown), room)
        parts: list[Content] = []
        if keys:
            parts.append(Content.styled(KEY, "bold reverse $text-accent"))
        for panel_id, title in titles:
            name = title if panel_id == shown else fit(title, each)
            label = f" ▸ {name} " if panel_id == shown else f"  {name} "
            style = "bold reverse" if panel_id == shown else "$foreground-muted"
            parts.append(Content.styled(label, f"{style} @click=screen.show_panel('{panel_id}')"))
        self.show(Content("").join(parts))

    def on_resize(self) -> None:
        """Share the new width among the names."""
        titles, shown, keys = self._tabs
        if titles:
            self.show_tabs(titles, shown, keys=keys)


def _widest(lengths: list[int], room: int) -> int:
    """The longest a name may be for names of these `lengths` (ascending) to share `room`
    cells: short names whole, the longer ones cut to what is left, never below 4."""
    for count, length in enumerate(lengths):
        share = room // (len(lengths) - count)
        if length > share:
            return max(4, share)
        room -= length
    return max(lengths, default=4)
