"""The evidence log: every revealed evidence item, by round, with its tag."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import FiredInject
from tabletop.scenario.model import Evidence
from tabletop.ui.text import literal

TAG_WIDTH = 16
"""Width of the tag column; the longest tag, service-quality, fits."""
TAG_STYLES = {"service-quality": "bold $text-accent", "infrastructure": "bold $foreground-muted",
              "stakeholder": "bold $text-warning"}
"""Each tag's style; the tag's word is always shown too, so colour is never the only cue."""
DEFAULT_TAG_STYLE = "bold $text-secondary"


def evidence_lines(items: Sequence[Evidence], width: int) -> list[Content]:
    """Items as lines: the tag in its column, the text wrapped beside it with a hanging indent."""
    text_width = max(8, width - TAG_WIDTH)
    lines: list[Content] = []
    for evidence in items:
        tag = Content.styled(f"{evidence.tag:<{TAG_WIDTH}}",
                             TAG_STYLES.get(evidence.tag, DEFAULT_TAG_STYLE))
        indent = Content(" " * TAG_WIDTH)
        for index, part in enumerate(literal(evidence.text).wrap(text_width)):
            lines.append((tag if index == 0 else indent) + part)
    return lines


def round_lines(fired: Sequence[FiredInject], width: int) -> list[Content]:
    """Each round's heading and its items, a blank line between rounds."""
    lines: list[Content] = []
    for number, round_ in enumerate(fired):
        if number:
            lines.append(Content(""))
        heading = Content.assemble((fmt_minute(round_.minute), "bold"), "  ",
                                   literal(round_.inject.title, "bold"))
        lines.extend(line.stylize("$text-primary") for line in heading.wrap(width))
        lines.extend(evidence_lines(round_.evidence, width))
    return lines


class EvidenceLog(ScrollView, can_focus=True):
    """One block per fired inject; red herrings look like every other item.

    A single line-rendering widget, not a widget per item: the log grows every round, and each
    widget mounted costs styling and layout for the whole screen.
    """

    def __init__(self) -> None:
        super().__init__(id="evidence", classes="panel")
        self._fired: tuple[FiredInject, ...] = ()
        self._lines: list[Content] = []
        self._strips: list[Strip] | None = None
        """The lines rendered in the current theme; None until the next paint needs them."""
        self._laid_out_width = -1
        self._following = True

    def on_mount(self) -> None:
        """Title the panel."""
        self.border_title = "Evidence log"

    def show(self, fired: Sequence[FiredInject]) -> bool:
        """Add the rounds fired since the last call and follow them to the end; True when a
        round was added."""
        if len(fired) == len(self._fired):
            return False
        self._fired = tuple(fired)
        self.border_subtitle = f"{sum(len(f.evidence) for f in fired)} items"
        self._following = True  # a new round is worth the jump
        self._lay_out()
        return True

    def on_resize(self) -> None:
        """Wrap again at the new width; at a new height only, a log following the rounds
        stays at the end (a line or panel mounted above or below it after the first frame)."""
        if self.scrollable_content_region.width != self._laid_out_width:
            self._lay_out()
        elif self._following:
            self.call_after_refresh(self.scroll_end, animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Follow new rounds again once the reader is back at the end."""
        super().watch_scroll_y(old_value, new_value)
        self._following = new_value >= self.max_scroll_y - 0.5

    def _lay_out(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._laid_out_width = width
        self._lines = round_lines(self._fired, width)
        self._strips = None
        self.virtual_size = Size(width, len(self._lines))
        if self._following:  # once the new size is laid out: until then it cannot scroll
            self.call_after_refresh(self.scroll_end, animate=False, immediate=True)
        self.refresh()

    def notify_style_update(self) -> None:
        """A new theme: render the lines again in its colours."""
        super().notify_style_update()
        self._strips = None

    def render_line(self, y: int) -> Strip:
        """The line at `y` of the view, scrolled."""
        width = self.scrollable_content_region.width
        if self._strips is None:
            content = Content("\n").join(self._lines)
            self._strips = Visual.to_strips(self, content, self._laid_out_width, None,
                                            self.visual_style)
        index = y + round(self.scroll_y)
        if 0 <= index < len(self._strips):
            return self._strips[index].extend_cell_length(width, self.rich_style)
        return Strip.blank(width, self.rich_style)
