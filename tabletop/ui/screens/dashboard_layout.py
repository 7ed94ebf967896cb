"""How the dashboard lays its panels out at a size: two columns where they all fit, else one
at a time behind the panels key (`v`), the evidence log first, named on a line of tabs; and a
footer that leaves out what the help lists anyway when narrow."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding

from tabletop.ui.widgets.key_footer import KeyFooter
from tabletop.ui.widgets.ticket_feed import TicketFeed

if TYPE_CHECKING:  # the mixin's methods are the dashboard screen's
    from textual.screen import Screen

    _Screen = Screen[None]
else:
    _Screen = object

SPARE_FOOTER_WIDTH = 90
"""Columns below which the footer leaves out `FOOTER_SPARES` (a statement's key, shown when one
is asked for, would push the help key off 80 columns)."""
FOOTER_SPARES = frozenset({"next-inject"})
"""Keys the footer may leave out when narrow: the help and the palette list them."""
FULL_WIDTH = 120
"""Columns from which every panel is on screen at once, in two columns."""
FULL_HEIGHT = 34
"""Rows from which every panel is on screen at once (a scenario with a runbook needs more)."""
FULL_HEIGHT_RUNBOOK = 44
EVIDENCE = "evidence"
"""The panel shown first when panels take turns, and again whenever a round arrives."""
TURNS_WITH = {"canary-judge": "health"}
"""A short panel that takes its turn below another's rather than a tab of its own: on 80
columns a seventh tab would cut every name (the canary judge judges the service's signals)."""


class PanelLayout(_Screen):
    """The dashboard's layout at a size (a mixin of `DashboardScreen`): breakpoints, panels
    taking turns (`-tabs`), the feed's width, the footer's spare keys."""

    # Textual declares the breakpoints an instance variable, so no ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012
    SHOWS_KEYS = True
    """The prompt bar names the key that answers each prompt (the room's view has no keys)."""
    _has_runbook: bool
    _shown_panel: str
    _tabs_shown: bool
    _spares_hidden: bool
    """The layout and footer the bindings were last refreshed for (`on_resize`)."""

    def _breakpoints(self) -> set[str]:
        """The breakpoint classes for the terminal's size now.

        Textual sets them at the first resize; set here, they are already right then, which
        spares restyling every widget of the freshly built screen a second time.
        """
        try:
            width, height = self.app.size
        except RuntimeError:  # no running app (a screen built outside one)
            return set()
        horizontal = [c for w, c in self.HORIZONTAL_BREAKPOINTS or [] if width >= w][-1:]
        vertical = [c for h, c in self.VERTICAL_BREAKPOINTS or [] if height >= h][-1:]
        tabs = {"-tabs"} if self._takes_turns(width, height) else set()
        return set(horizontal + vertical) | tabs

    def _takes_turns(self, width: int, height: int) -> bool:
        """Whether the panels take turns at this size: two columns would leave the evidence log
        too narrow or too short for a round's evidence whole."""
        tall = FULL_HEIGHT_RUNBOOK if self._has_runbook else FULL_HEIGHT
        return width < FULL_WIDTH or height < tall

    def _fit_feed(self) -> None:
        """The feed's column as wide as its columns need, the rest to the evidence log; where
        the panels take turns, each takes the whole width (`dashboard.tcss`)."""
        needed = self.query_one(TicketFeed).needed_width
        self.query_one("#column-left").styles.width = None if self.has_class("-tabs") else needed

    def panel_ids(self) -> list[str]:
        """The panels in the order they take turns: the evidence log first."""
        ids = [str(w.id) for w in self.query("#body .panel") if w.id and w.id not in TURNS_WITH]
        return [EVIDENCE, *(i for i in ids if i != EVIDENCE)]

    def show_panel(self, panel_id: str) -> None:
        """The panel shown while the panels take turns (all show where they fit), with any
        that takes its turn with it (`TURNS_WITH`)."""
        panel_id = TURNS_WITH.get(panel_id, panel_id)
        self._shown_panel = panel_id
        if not self.has_class("-tabs"):  # every panel is on screen: shown when they take turns
            return
        for widget in self.query("#body .panel"):
            widget.set_class(TURNS_WITH.get(str(widget.id), widget.id) == panel_id, "-shown")
        for column in self.query("#body .column"):
            column.set_class(any(w.id == panel_id for w in column.query(".panel")), "-shown")
        titles = [(i, str(self.query_one(f"#{i}").border_title or i)) for i in self.panel_ids()]
        from tabletop.ui.widgets.panel_tabs import PanelTabs  # only where panels take turns

        if not self.query(PanelTabs):
            self.mount(PanelTabs(id="panel-tabs"), before="#body")
        self.query_one(PanelTabs).show_tabs(titles, panel_id, keys=self.SHOWS_KEYS)

    def action_next_panel(self) -> None:
        """The next panel, where they take turns."""
        ids = self.panel_ids()
        self.show_panel(ids[(ids.index(self._shown_panel) + 1) % len(ids)])

    def action_previous_panel(self) -> None:
        """The previous panel, where they take turns."""
        ids = self.panel_ids()
        self.show_panel(ids[(ids.index(self._shown_panel) - 1) % len(ids)])

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys the footer shows: below `SPARE_FOOTER_WIDTH` columns without those the help
        lists anyway (`FOOTER_SPARES`), so the help key itself stays on a footer that would
        otherwise cut it; every key still works."""
        shown = super().active_bindings
        if not self._narrow_footer():
            return shown
        return {key: active._replace(binding=replace(active.binding, show=False))
                if active.binding.id in FOOTER_SPARES else active
                for key, active in shown.items()}

    def on_resize(self) -> None:
        """A compact footer below 100 columns, so every key label fits: without the palette's
        key there (ctrl+p still opens it), and below 90 without the spare keys."""
        footer = self.query_one(KeyFooter)
        footer.compact = self.size.width < 100
        footer.show_command_palette = self.size.width >= 100
        tabs = self._takes_turns(*self.size)
        spares = self._narrow_footer()
        if tabs != self.has_class("-tabs"):
            self.set_class(tabs, "-tabs")
            self._fit_feed()
            self.show_panel(self._shown_panel)
        if tabs != self._tabs_shown or spares != self._spares_hidden:
            self._tabs_shown, self._spares_hidden = tabs, spares
            self.refresh_bindings()

    def _narrow_footer(self) -> bool:
        """The app's width, known before this screen's first layout, is below
        `SPARE_FOOTER_WIDTH`."""
        try:
            return self.app.size.width < SPARE_FOOTER_WIDTH
        except RuntimeError:  # no running app
            return False
