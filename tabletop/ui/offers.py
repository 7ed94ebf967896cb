"""What players can do now: the keys the footer shows, greys out or hides, and the palette's
commands.

Every answer is asked of the exercise (the core decides what is available); this module only
says which question answers which of the app's actions.
"""

from __future__ import annotations

from tabletop.exercise.engine import Exercise

SPEED_STEPS: tuple[float, ...] = (1, 2, 5, 10, 30, 60, 120)
"""Clock speeds the faster and slower keys step through, in scenario minutes per real minute."""
IN_PLAY = frozenset({"act", "pause", "resume", "faster", "slower", "end", "last_inject",
                     "facilitator", "truth", "steer", "blank", "discussion", "big_clock",
                     "panel"})
"""Actions offered only while the exercise runs (footer, palette): the players' and the
facilitator's keys of the dashboard."""
ANSWER_KEY = frozenset({"facilitator", "truth", "steer"})
"""The facilitator's material, the feed's true class and the steering (which lists the injects
to come): never offered in a solo drill, where the learner at the keyboard would be reading
the answers to the questions being asked."""


def applies(action: str, exercise: Exercise, *, in_play: bool, announced: bool,
            solo: bool = False) -> bool | None:
    """Whether an app action applies now, as Textual's `check_action` answers it.

    Args:
        action: the app action's name (`act`, `pause`, `next_inject`, ...).
        exercise: the exercise as it stands.
        in_play: the exercise has started and not ended.
        announced: an announcement has been shown (the last-inject key shows it again).
        solo: a solo drill, which offers no answer key (`ANSWER_KEY`).

    Returns:
        True when it applies; None when it is only momentarily unavailable (greyed out);
        False when it makes no sense now (hidden).
    """
    clock = exercise.clock
    if (action in IN_PLAY and not in_play) or (action in ANSWER_KEY and solo):
        return False
    if action == "pause":
        return in_play and clock.running
    if action == "resume":
        return in_play and not clock.running
    if action == "statement":
        return in_play and bool(exercise.open_statements())
    if action == "next_inject":
        return in_play and exercise.next_inject_minute() is not None
    if action == "act":
        return True if exercise.available_actions() else None
    if action == "faster":
        return True if clock.speed < SPEED_STEPS[-1] else None
    if action == "slower":
        return True if clock.speed > SPEED_STEPS[0] else None
    if action == "last_inject":
        return announced
    return True


def next_speed(speed: float, *, faster: bool) -> float:
    """The next step of `SPEED_STEPS` above (or below) `speed`; `speed` itself at either end."""
    steps = SPEED_STEPS if faster else tuple(reversed(SPEED_STEPS))
    return next((s for s in steps if (s > speed if faster else s < speed)), speed)
