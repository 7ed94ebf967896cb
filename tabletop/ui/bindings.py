"""Every key of the app, in one place.

Each screen takes its `BINDINGS` from here and the help screen lists these same groups, so a key
added here shows in the footer, the help screen and the command palette alike. Every binding has
a description (the footer label), a tooltip (the help screen's sentence) and a stable id (so a
keymap can rebind it).
"""

from __future__ import annotations

from textual.binding import Binding

SPEED = Binding.Group("Speed", compact=True)
"""Faster and slower share one footer entry."""

APP = [
    Binding("ctrl+q", "request_quit", "Quit", id="quit", priority=True, show=False,
            tooltip="Quit tabletop; asks first while an exercise is running."),
    Binding("f1,question_mark", "help", "Help", id="help", key_display="F1/?",
            tooltip="Show this list of keys."),
]
"""Everywhere."""

BRIEFING = [
    Binding("enter", "start", "Start exercise", id="start",
            tooltip="Start the scenario clock; round 1 arrives at once."),
]
"""The briefing screen."""

DASHBOARD = [
    Binding("space", "app.pause", "Pause", id="pause", key_display="Space",
            tooltip="Pause the scenario clock."),
    Binding("space", "app.resume", "Resume", id="resume", key_display="Space",
            tooltip="Resume the scenario clock from the minute it was paused at."),
    Binding("a", "app.act", "Act", id="act",
            tooltip="Open the action dialog: choose an action, cite evidence, justify it."),
    Binding("s", "app.statement", "Statement", id="statement",
            tooltip="Write the statement that was asked for."),
    Binding("n", "app.next_inject", "Next inject", id="next-inject",
            tooltip="Facilitator: jump the clock to the next scheduled inject now."),
    Binding("plus,equals_sign", "app.faster", "Faster", id="faster", key_display="+", group=SPEED,
            tooltip="Facilitator: run the clock faster (1, 2, 5, 10, 30, 60, 120x)."),
    Binding("minus", "app.slower", "Slower", id="slower", key_display="-", group=SPEED,
            tooltip="Facilitator: run the clock slower."),
    Binding("i", "app.last_inject", "Last inject", id="last-inject", show=False,
            tooltip="Show the latest inject's announcement again."),
    Binding("e", "app.end", "End", id="end",
            tooltip="Facilitator: end the exercise now and go to the debrief (asks first)."),
]
"""The dashboard, while the exercise runs."""

ANNOUNCEMENT = [
    Binding("enter", "close(True)", "Resume clock", id="announcement-resume",
            tooltip="Close the announcement and let the clock run again."),
    Binding("escape", "close(False)", "Keep paused", id="announcement-keep-paused",
            tooltip="Close the announcement and keep the clock paused for discussion."),
    Binding("a", "act", "Act", id="announcement-act",
            tooltip="Close the announcement and open the action dialog."),
]
"""An inject's announcement."""

DIALOG = [
    Binding("ctrl+s", "submit", "Submit", id="dialog-submit", priority=True,
            tooltip="Submit the action or the statement."),
    Binding("escape", "cancel", "Cancel", id="dialog-cancel",
            tooltip="Close the dialog without doing anything."),
]
"""The action and statement dialogs."""

CONFIRM = [
    Binding("y", "answer(True)", "Yes", id="confirm-yes", tooltip="Confirm."),
    Binding("n,escape", "answer(False)", "No", id="confirm-no", key_display="n/Esc",
            tooltip="Cancel."),
]
"""Yes/no questions."""

HELP = [
    Binding("escape,q,f1", "close", "Close", id="help-close", key_display="Esc",
            tooltip="Close the help screen."),
]
"""The help screen."""

DEBRIEF = [
    Binding("ctrl+s", "export", "Save report", id="export-report", priority=True,
            tooltip="Write the after-action report (Markdown, HTML, JSON) to this folder."),
    Binding("ctrl+r", "copy_replay", "Copy replay command", id="copy-replay",
            tooltip="Copy the `tabletop simulate` command line of this run to the clipboard."),
    Binding("ctrl+q", "app.quit", "Quit", id="debrief-quit", tooltip="Leave tabletop."),
]
"""The debrief."""

GROUPS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", APP),
    ("Briefing", BRIEFING),
    ("Dashboard", DASHBOARD),
    ("Inject announcement", ANNOUNCEMENT),
    ("Action and statement dialogs", DIALOG),
    ("Questions", CONFIRM),
    ("Debrief", DEBRIEF),
    ("Help", HELP),
]
"""Every group, in the order the help screen lists them."""
