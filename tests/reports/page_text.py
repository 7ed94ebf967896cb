"""An HTML page as a browser shows it: its text outside stylesheets, entities decoded, and the
elements it builds (the report tests read pages through this one parser)."""

from __future__ import annotations

from html.parser import HTMLParser


class PageText(HTMLParser):
    """The text a browser shows, and the elements it builds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.tags: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._skip += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)


def shown(page: str) -> PageText:
    """The page as a browser reads it."""
    parser = PageText()
    parser.feed(page)
    parser.close()
    return parser


def text_of(page: str) -> str:
    """The page's text as a browser shows it, spaces normalised."""
    return " ".join(" ".join(shown(page).chunks).split())
