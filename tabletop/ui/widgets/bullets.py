"""A list of scenario sentences with hanging indents, bulleted or numbered."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tabletop.ui.text import literal


class Bullets(Vertical):
    """Each item on its own row; wrapped lines stay indented under the item's text.

    Args:
        items: the sentences, shown literally.
        numbered: number the items instead of bulleting them.
    """

    DEFAULT_CSS = """
    Bullets { height: auto; }
    Bullets > Horizontal { height: auto; }
    Bullets .bullet { width: 4; text-align: right; padding-right: 1; }
    Bullets .item { width: 1fr; }
    """

    def __init__(self, items: Sequence[str], *, numbered: bool = False,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self._items = tuple(items)
        self._numbered = numbered

    def compose(self) -> ComposeResult:
        """One row per item."""
        for number, item in enumerate(self._items, 1):
            with Horizontal():
                yield Static(f"{number}." if self._numbered else "•", classes="bullet",
                             markup=False)
                yield Static(literal(item), classes="item")
