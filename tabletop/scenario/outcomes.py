"""What the simulated world can do and count: the effects an action or inject has on the
rollout, and the kinds of harm a run counts. One list each, read by the simulation, the
scoring, the checks, the reports and the protective plays.
"""

from __future__ import annotations

from typing import Literal, get_args

RolloutEffect = Literal["none", "deploy", "continue", "freeze", "rollback", "disable", "block"]
"""What an action (or an inject) does to the rollout (see `stream.Rollout`): `block` keeps the
candidate from being deployed at all, `deploy` deploys it after all (overruling a block)."""
ROLLOUT_EFFECTS: tuple[RolloutEffect, ...] = get_args(RolloutEffect)

PROTECTIVE_EFFECTS: frozenset[RolloutEffect] = frozenset({"block", "rollback", "disable", "freeze"})
"""Effects that hold or reduce the candidate's exposure: the protective plays the best case is
found among (`exercise.plays`)."""
LIVE_ROLLOUT_CALLS: frozenset[RolloutEffect] = frozenset(
    {"continue", "freeze", "rollback", "disable"})
"""The calls a team makes on a release already live: continue it, freeze it, roll it back or
turn it off."""
SHARE_EFFECTS: frozenset[RolloutEffect] = frozenset({"continue", "freeze", "rollback"})
"""Effects that move the candidate's share of traffic from their minute on (a continue ramps
up, a rollback drains, a freeze holds); they apply only once the candidate is deployed."""

HarmCounter = Literal["critical_misrouted", "high_priority_missed", "leaks", "failed"]
"""The kinds of harm a run counts, in the order they are reported: critical items sent to
the fallback class, high-priority items among them, responses that leaked personal data, and
requests that failed."""
HARM_COUNTERS: tuple[HarmCounter, ...] = get_args(HarmCounter)
ROUTING_COUNTERS: frozenset[HarmCounter] = frozenset({"critical_misrouted", "high_priority_missed"})
"""The counters of the routing family: only a stream that routes has them."""

DEFAULT_HARM_WEIGHTS: dict[str, float] = {"critical_misrouted": 1.0}
"""How harm is weighed when the rubric has no harm criterion with weights."""
