"""Checks judged by what they found (issue 20, item 3): decoy checks earn nothing and the
release decision says so; letting the release go ahead after the checks reported a failure
costs; acting on what the checks found never scores below acting later on production signals
with the same or more harm."""

from __future__ import annotations

from tabletop.exercise.replay import parse_action, play
from tabletop.scoring.rubric import ScoreCard, score
from tests.helpers import bundled

STUDENT = "student-support-release"


def card(*actions: str) -> ScoreCard:
    return score(play(bundled(STUDENT), None, [parse_action(a) for a in actions]))


def line(c: ScoreCard, criterion: str) -> tuple[float, str]:
    found = next(x for x in c.criteria if x.id == criterion)
    return found.points, found.why


def weighted(c: ScoreCard) -> float:
    return c.harm.weighted(bundled(STUDENT).rubric.harm_weights)


def test_decoy_checks_alone_are_judged_as_a_plain_approval() -> None:
    decoys = card("-5:approve-with-checks:r1-f1:load-test,fresh-split,security-scan")
    approved = card("-5:approve:r1-f1")
    points, why = line(decoys, "release-decision")
    assert points == line(approved, "release-decision")[0]
    assert "no check that could find the problem ticked: judged as Approve release" in why
    assert line(decoys, "checks")[0] == 0


def test_letting_the_release_go_ahead_after_the_checks_found_the_failure_costs() -> None:
    heeded = card("-5:approve-with-checks:r1-f1:slice-eval", "-4:block:x-slice-recall")
    ignored = card("-5:approve-with-checks:r1-f1:slice-eval", "20:rollback:r2-overrides")
    ignored_points, why = line(ignored, "release-decision")
    assert ignored_points < line(heeded, "release-decision")[0]
    assert "the release went ahead after the checks reported" in why
    assert "slice check" in why


def test_rolling_back_as_it_goes_live_on_the_checks_is_acting_on_them() -> None:
    on_checks = card("-5:approve-with-checks:r1-f1:slice-eval", "0:rollback:x-slice-recall")
    assert line(on_checks, "release-decision")[0] == 10


def test_a_check_reporting_after_deployment_leaves_the_approval_as_it_was() -> None:
    # The canary review reports at T+15: when the release went live, nothing had been found.
    canary = card("-5:approve-with-checks:r1-f1:canary-review", "15:freeze:x-canary-overrides")
    assert line(canary, "release-decision")[0] == 10


def test_acting_on_the_checks_never_scores_below_acting_later_on_production_signals() -> None:
    for action in ("freeze", "rollback"):
        early = card("-5:approve-with-checks:r1-f1:slice-eval", f"5:{action}:x-slice-recall")
        late = card("-5:approve-with-checks:r1-f1:slice-eval",
                    f"20:{action}:r2-overrides,r2-reviewer")
        assert weighted(early) <= weighted(late)
        assert early.total >= late.total, action
