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
ROOM = Binding.Group("Room", compact=True)
"""The presentation keys, which act on the room's view (`tabletop present`), share one."""

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
    Binding("ctrl+e", "gates", "Gates", id="briefing-gates",
            tooltip="Start with the extension activity: design the release gates, replayed on "
                    "this run; the debrief judges the design saved."),
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
    Binding("v", "next_panel", "Panels", id="next-panel", show=False,
            tooltip="Where the panels take turns (a small terminal): show the next one; the "
                    "line above them names each, the evidence log first."),
    Binding("V", "previous_panel", "Previous panel", id="previous-panel", show=False,
            tooltip="Where the panels take turns: show the previous one."),
    Binding("e", "app.end", "End", id="end",
            tooltip="Facilitator: end the exercise now and go to the debrief (asks first)."),
    *[
        Binding("f", "app.facilitator", "Notes", id="facilitator",
                tooltip="Facilitator: your material, never on the room's view: the note, "
                        "upcoming injects and whether each will fire, expected actions and "
                        "the rubric, red herrings marked."),
        Binding("t", "truth", "Truth", id="truth", show=False,
                tooltip="Facilitator: show or hide each item's true class in the feed (the "
                        "room's view never shows it)."),
        Binding("o", "app.steer", "Steering", id="steering", show=False,
                tooltip="Facilitator: keep the story going: write an inject and release it "
                        "now (it may change the rollout whatever the team decided; the team's "
                        "own decision is still what is scored), or hold back or bring forward "
                        "one still to come."),
    ],
    *[
        Binding("b", "blank", "Blank", id="room-blank", group=ROOM,
                tooltip="Room's view: blank the room's screen, or bring it back."),
        Binding("d", "discussion", "Timer", id="room-timer", group=ROOM,
                tooltip="Room's view: a discussion timer counting down (2, 5, 10 minutes, "
                        "then off; each press the next)."),
        Binding("c", "big_clock", "Clock", id="room-clock", group=ROOM,
                tooltip="Room's view: the big clock alone, or the dashboard again."),
        Binding("p", "panel", "Panel", id="room-panel", group=ROOM,
                tooltip="Room's view: one panel full screen, the next at each press, then the "
                        "whole dashboard again."),
    ],
]
"""The dashboard, while the exercise runs."""

FACILITATOR = [
    Binding("1", "section('note')", "Note", id="facilitator-note",
            tooltip="The scenario's facilitator note."),
    Binding("2", "section('injects')", "Injects", id="facilitator-injects",
            tooltip="Every inject still to come, its condition and whether it will fire."),
    Binding("3", "section('rubric')", "Rubric", id="facilitator-rubric",
            tooltip="The expected actions and the rubric's criteria."),
    Binding("4", "section('evidence')", "Evidence", id="facilitator-evidence",
            tooltip="The evidence revealed so far, red herrings marked."),
    Binding("escape,f", "close", "Close", id="facilitator-close", key_display="Esc",
            tooltip="Back to the dashboard."),
]
"""The facilitator's material, behind `f` on the facilitator's seat only."""

ROOM_VIEW: list[Binding] = []
"""The room's view (`tabletop present`): no key changes the run; help and quit are `APP`'s."""

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
    Binding("ctrl+e", "gates", "Gates", id="debrief-gates",
            tooltip="Design the release gates and replay them on this run (the extension "
                    "activity)."),
    Binding("ctrl+g", "rate", "Rate", id="debrief-rate",
            tooltip="The facilitator rates the statement on HSEEP's scale, with a reason: "
                    "it sets the points, the machine's reading shown beside it."),
    Binding("ctrl+q", "app.quit", "Quit", id="debrief-quit", tooltip="Leave tabletop."),
]
"""The debrief."""

GATES = [
    Binding("ctrl+s", "save", "Save design", id="gates-save", priority=True,
            tooltip="Save the design with the session and to a file here, which "
                    "`tabletop gates --gates` replays."),
    Binding("escape", "back", "Back", id="gates-back",
            tooltip="Back to the briefing or the debrief, where the designer was opened."),
]
"""The gate designer."""

GROUPS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", APP),
    ("Briefing", BRIEFING),
    ("Dashboard", DASHBOARD),
    ("Inject announcement", ANNOUNCEMENT),
    ("Facilitator's material", FACILITATOR),
    ("Action and statement dialogs", DIALOG),
    ("Questions", CONFIRM),
    ("Debrief", DEBRIEF),
    ("Gate designer", GATES),
    ("Help", HELP),
]
"""Every group, in the order the help screen lists them."""
