"""Evidence judged by what it means for the decision (issue 20, item 2): a decision point's
`evidence` reading says what supports which option and what is a red herring; evidence that
supports another option and not the one taken points the other way."""

from __future__ import annotations

from tabletop.exercise.replay import parse_action, play
from tabletop.scoring.rubric import ScoreCard, score
from tests.helpers import FILE, bundled, mini, mutate, position, refused, run, step
from tests.scenario.test_loader_errors import assert_error

STUDENT = "student-support-release"
_CHECKS = "-5:approve-with-checks:r1-f1,r1-regression:slice-eval,shadow-compare"
_EVERYTHING = ("r1-f1,r1-regression,r1-staging,r1-rollout-plan,r2-urgent-to-general,"
               "r2-overrides,r2-latency,r2-reviewer,x-slice-recall,x-shadow-disagree")


def evidence(*actions: str) -> tuple[float, str]:
    card = score(play(bundled(STUDENT), None, [parse_action(a) for a in actions]))
    return _line(card)


def _line(card: ScoreCard) -> tuple[float, str]:
    line = next(line for line in card.criteria if line.id == "evidence")
    return line.points, line.why


def test_citing_everything_revealed_scores_below_citing_what_supports_the_call() -> None:
    expert, _ = evidence(_CHECKS, "20:freeze:r2-overrides,r2-reviewer",
                         "25:rollback:r2-overrides,r2-reviewer")
    padded, why = evidence(_CHECKS, f"20:freeze:{_EVERYTHING}", f"25:rollback:{_EVERYTHING}")
    assert expert == 15
    assert padded <= expert / 2
    assert "response latency stays healthy" in why


def test_evidence_that_points_the_other_way_scores_below_citing_nothing() -> None:
    contrary, why = evidence("0:rollback:r1-f1")
    nothing, _ = evidence("0:rollback")
    assert contrary < nothing
    blocked, why = evidence("-9:block:r1-f1")
    assert blocked == 0
    assert "points the other way" in why


def test_the_why_quotes_only_evidence_the_team_cited() -> None:
    _, why = evidence(_CHECKS, "20:freeze:r2-overrides")
    assert "manual override actions" in why
    for uncited in ("urgent support tickets routed", "one staff reviewer", "response latency"):
        assert uncited not in why
    assert "technical" in why  # the kind it missed, named, not an item it did not cite


def test_a_point_without_a_reading_reads_the_tags() -> None:
    # The mini scenario declares no reading: strong tags support, red herrings cost.
    card = score(run(mini(), step(11, "freeze", ("overrides", "reviewer"))))
    assert _line(card)[0] == 15
    padded = score(run(mini(), step(11, "freeze", ("latency", "overrides", "reviewer"))))
    assert _line(padded)[0] < 15


def test_a_declared_reading_replaces_the_tags() -> None:
    reading = ("    options: [continue, freeze, rollback]\n"
               "    evidence:\n"
               "      supports: {freeze: [reviewer], rollback: [reviewer, overrides]}\n"
               "      red_herrings: [f1]\n")
    text = mutate("    options: [continue, freeze, rollback]\n", reading)
    freeze_on_overrides = score(run(mini(text), step(11, "freeze", ("overrides",))))
    points, why = _line(freeze_on_overrides)
    assert points == 0
    assert "points the other way" in why
    assert _line(score(run(mini(text), step(11, "rollback", ("overrides",)))))[0] > 0


def test_a_reading_naming_an_unknown_option_or_evidence_is_refused() -> None:
    base = "    options: [continue, freeze, rollback]\n"
    option = mutate(base, base + "    evidence: {supports: {explode: [reviewer]}}\n")
    assert_error(refused(option), position(option, "[reviewer]}}"),
                 "decisions[1].evidence.supports.explode", "unknown option of this decision")
    item = mutate(base, base + "    evidence: {red_herrings: [gossip]}\n")
    assert_error(refused(item), position(item, "gossip"),
                 "decisions[1].evidence.red_herrings[0]", "unknown evidence 'gossip'")
    both = mutate(base, base + "    evidence: {supports: {freeze: [latency]}, "
                  "red_herrings: [latency]}\n")
    error = refused(both)
    assert error.file == FILE
    assert error.field_path == "decisions[1].evidence.supports.freeze[0]"
    assert "also listed in red_herrings" in error.message
