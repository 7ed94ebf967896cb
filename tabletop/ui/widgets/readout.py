"""A Static that redraws only when what it shows has changed."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class Readout(Static):
    """Static text updated through `show`, which skips the redraw when nothing changed.

    The 1 Hz tick hands every panel its figures; most ticks change only a few of them, so the
    comparison keeps the refresh work in proportion to what actually moved.
    """

    def __init__(self, content: Content | str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(content, id=id, classes=classes, markup=False)
        self._markup = content.markup if isinstance(content, Content) else content
        self._lines = 0

    def show(self, content: Content) -> bool:
        """Show `content` if it differs from what is on screen; True when it was redrawn.

        A new layout of the screen is asked for only when the text may need a different
        height: a figure that changes from 19 to 20 repaints this widget and nothing else.
        """
        if content.markup == self._markup:
            return False
        self._markup = content.markup
        layout = self._reshapes(content)
        self._lines = content.plain.count("\n") + 1
        self.update(content, layout=layout)
        return True

    def _reshapes(self, content: Content) -> bool:
        """True when `content` may take a different number of lines than what is shown."""
        lines = content.plain.split("\n")
        fits = self.styles.text_wrap == "nowrap" or \
            max(len(line) for line in lines) <= self.content_size.width
        return not fits or len(lines) != self._lines or not self.is_mounted
