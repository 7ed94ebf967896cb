"""`tabletop handouts`: a printable page per role and a facilitator sheet, from the scenario
file alone, every text escaped, nothing fetched, A4 with a page break between sheets."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tabletop.base.words import fmt_minute
from tabletop.cli import main
from tabletop.exercise.replay import play
from tabletop.reports.conditions import describe_condition
from tabletop.reports.forms import GROUND_RULES
from tabletop.reports.handouts import handouts_html
from tabletop.scenario.bundled import bundled_scenarios
from tabletop.scenario.loader import load_scenario
from tests.helpers import FILE, MINI, bundled, mini, mutate
from tests.reports import hostile as h


class Sheets(HTMLParser):
    """The text a browser shows on each sheet (`<section class="sheet ...">`), and the tags."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sheets: list[tuple[str, list[str]]] = []
        self.tags: set[str] = set()
        self._in_style = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_style = tag == "style"
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section" and "sheet" in classes:
            self.sheets.append((classes[1], []))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self.sheets and not self._in_style:
            self.sheets[-1][1].append(data)

    def text(self, index: int) -> str:
        return "".join(self.sheets[index][1])


def test_a_sheet_per_role_then_the_facilitators() -> None:
    scenario = bundled()
    sheets = Sheets(handouts_html(scenario))
    kinds = [kind for kind, _ in sheets.sheets]
    roles = len(scenario.roles)
    assert kinds[:2 + roles] == ["manual", "signin", *["role"] * roles]
    assert set(kinds[2 + roles:-3]) == {"round"}
    assert kinds[-3:] == ["feedback", "hotwash", "facilitator"]
    rounds = [sheets.text(i) for i, kind in enumerate(kinds) if kind == "round"]
    for index, role in enumerate(scenario.roles, start=2):
        text = sheets.text(index)
        assert role.title in text
        assert role.brief in text
        assert all(watch in text for watch in role.watches)
        # Its prompts are on the cards of their rounds, handed out as each opens.
        assert all(any(prompt in card for card in rounds) for prompt in role.prompts.values())
        # Another role's prompts are not on this page.
        others = [p for r in scenario.roles if r != role for p in r.prompts.values()
                  if p not in role.prompts.values()]
        assert not [p for p in others if p in text]


def test_the_facilitator_sheet_holds_what_the_room_must_not_see() -> None:
    scenario = bundled()
    sheets = Sheets(handouts_html(scenario))
    facilitator = sheets.text(len(sheets.sheets) - 1)
    roles = "".join(sheets.text(i) for i, (kind, _) in enumerate(sheets.sheets)
                    if kind == "role")
    note = scenario.facilitator_note
    assert note
    assert note in facilitator
    assert note not in roles
    assert all(q in facilitator for q in scenario.debrief_questions)
    assert all(item in facilitator for item in scenario.extension_activity)
    assert all(inject.title in facilitator for inject in scenario.injects)
    herrings = [e for i in scenario.injects for e in i.evidence if e.red_herring]
    assert herrings
    assert facilitator.count("red herring") == len(herrings)
    assert "red herring" not in roles
    for header in ("Learning goals", "Injects", "Expected actions", "Debrief questions",
                   "Facilitator note", "Extension activity"):
        assert header in facilitator


def test_expected_actions_are_the_rubrics_best_choices() -> None:
    scenario = mini()
    facilitator = Sheets(handouts_html(scenario)).text(-1)
    best = []
    for criterion in scenario.rubric.criteria:
        for stage in criterion.stages:
            top = max(o.points for o in stage.outcomes.values())
            best += [key for key, o in stage.outcomes.items() if o.points == top]
    labels = {a.id: a.label for a in scenario.actions}
    assert best
    assert all(f": {labels[key]} (" in facilitator for key in best)


def test_every_text_is_escaped_and_nothing_is_fetched() -> None:
    page = handouts_html(h.hostile_scenario())
    sheets = Sheets(page)
    assert sheets.tags <= {"html", "head", "meta", "title", "style", "body", "section", "p",
                           "h1", "h2", "h3", "ul", "ol", "li", "dl", "dt", "dd", "div", "span",
                           "b", "table", "tr", "th", "td"}
    shown = "".join(sheets.text(i) for i in range(len(sheets.sheets)))
    for text in (h.TITLE, h.SUMMARY, h.ROLE, h.BRIEF, h.ROLE_PROMPT, h.QUESTION, h.NOTE,
                 h.INJECT, h.EXTENSION, h.GOAL):
        assert text in shown, text
    assert not re.search(r"(src|href)\s*=|@import|url\(\s*['\"]?https?:", page)


def test_the_page_prints_on_a4_with_a_break_between_sheets() -> None:
    page = handouts_html(mini())
    assert "size: A4" in page
    assert re.search(r"\.sheet \{[^}]*break-after: page", page)


SCENARIOS = [bundled_scenarios()[ident] for ident in sorted(bundled_scenarios())] + sorted(
    (Path(__file__).parents[1] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda path: path.stem)
def test_the_facilitator_sheet_fills_every_figure_and_names_no_id(path: Path) -> None:
    """Figures as the default seed plays them with nobody acting, never a placeholder; a
    condition in words, never an evidence or check id."""
    scenario = load_scenario(path)
    sheets = Sheets(handouts_html(scenario))
    facilitator = sheets.text(len(sheets.sheets) - 1)
    assert not re.search(r"\[[a-z][a-z ]*\]|\{[a-z_]+\}", facilitator)
    # The evidence as the default seed fires it (an inject waiting for a figure fires after
    # its minute), each varying figure followed by the range drills drew.
    plain = re.sub(r" \((?:some )?drills: [^)]*\)", "", facilitator)
    fired = [e.text for f in play(scenario, None, []).fired for e in f.evidence]
    assert fired
    assert [text for text in fired if text not in plain] == []
    if scenario.variation:
        assert re.search(r"\(drills: [\d.]+%?\u2013[\d.]+%?\)", facilitator)
    ids = {e.id for i in scenario.injects for e in i.evidence}
    assert not [each for each in ids if re.search(rf"(?<![\w-]){re.escape(each)}(?![\w-])",
                                                  facilitator)]


def test_a_contingent_round_is_named_with_its_condition() -> None:
    scenario = bundled()
    contingent = [i for i in scenario.injects if i.when is not None]
    assert contingent
    assert all(describe_condition(scenario, i) for i in contingent)
    assert all(describe_condition(scenario, i) == "" for i in scenario.injects
               if i.when is None and not i.needs_deployment)


def test_the_command_writes_the_page_and_refuses_a_bad_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / FILE
    source.write_text(MINI, encoding="utf-8")
    out = tmp_path / "handouts.html"
    assert main(["handouts", str(source), "-o", str(out)]) == 0
    assert "Release lead" in out.read_text(encoding="utf-8")
    source.write_text(mutate("    title: Release lead\n", "    title: [\n"), encoding="utf-8")
    assert main(["handouts", str(source), "-o", str(tmp_path / "no.html")]) == 2
    assert FILE in capsys.readouterr().err
    assert not (tmp_path / "no.html").exists()


@pytest.mark.parametrize("ident", ["student-support-release", "pricing-assistant-incident"])
def test_the_players_paper_tells_the_situation_and_only_the_facilitator_sheet_the_ending(
        ident: str) -> None:
    scenario = bundled(ident)
    assert scenario.synopsis
    endings = [sentence for sentence in scenario.synopsis.split(". ")
               if sentence not in scenario.summary]
    assert endings  # what the synopsis tells beyond the players' situation
    sheets = Sheets(handouts_html(scenario))
    for index in range(2, 2 + len(scenario.roles)):
        text = " ".join(sheets.text(index).split())
        assert scenario.summary in text
        assert not [sentence for sentence in endings if sentence in text]
    facilitator = " ".join(sheets.text(len(sheets.sheets) - 1).split())
    assert all(sentence in facilitator for sentence in endings)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda path: path.stem)
def test_the_players_paper_says_nothing_of_a_round_before_it_opens(path: Path) -> None:
    """Role cards and the players' forms carry no round's prompt, question or evidence; each
    round's card carries only its own round's words."""
    scenario = load_scenario(path)
    sheets = Sheets(handouts_html(scenario))
    kinds = [kind for kind, _ in sheets.sheets]
    roles = [sheets.text(i) for i, kind in enumerate(kinds)
             if kind in ("role", "manual", "signin", "feedback")]
    assert len(roles) == len(scenario.roles) + 3
    for inject in scenario.injects:
        words = [inject.prompt, *(r.prompts.get(inject.id, "") for r in scenario.roles),
                 *(e.text for e in inject.evidence if "{" not in e.text)]
        assert not [w for w in words if w and any(w in role for role in roles)], inject.id
    cards = [sheets.text(i) for i, kind in enumerate(kinds) if kind == "round"]
    prompts = {i.id: {r.prompts[i.id] for r in scenario.roles if i.id in r.prompts}
               for i in scenario.injects}
    rounds = [i for i in sorted(scenario.injects, key=lambda i: i.minute)
              if i.prompt or i.decision or prompts[i.id]]
    assert len(cards) == len(rounds)
    for card, inject in zip(cards, rounds, strict=True):
        assert inject.title in card
        later = {p for other in scenario.injects if other.id != inject.id
                 for p in prompts[other.id]} - prompts[inject.id]
        assert not [p for p in later if p in card]


def test_the_forms_carry_the_rules_and_ask_about_every_goal() -> None:
    """The situation manual's page (no-fault statement, ground rules, the scenario's clock and
    roles as its artificialities), a sign-in sheet, a feedback form that rates every
    learning goal, and a hot-wash sheet with every goal and debrief question."""
    scenario = bundled()
    sheets = Sheets(handouts_html(scenario))
    text = {kind: " ".join(sheets.text(i).split()) for i, (kind, _) in enumerate(sheets.sheets)}
    manual = text["manual"]
    assert "no-fault exercise" in manual
    assert all(" ".join(rule.split()) in manual for rule in GROUND_RULES)
    assert f"from {fmt_minute(scenario.start_minute)} to {fmt_minute(scenario.end_minute)}" in (
        manual)
    assert all(role.title in manual for role in scenario.roles)
    assert "Organisation" in text["signin"]
    assert all(f"I am able to {goal}" in text["feedback"] for goal in scenario.learning_goals)
    hot = text["hotwash"]
    assert all(goal in hot for goal in scenario.learning_goals)
    assert all(q in hot for q in scenario.debrief_questions)
    assert hot.count("Areas for improvement") == len(scenario.learning_goals)
    assert "Organisation" in hot


def test_the_timings_name_each_rounds_board_column_not_its_stage_id() -> None:
    scenario = bundled("pricing-assistant-incident")
    page = handouts_html(scenario)
    timings = page[page.index('<table class="timings">'):]
    timings = timings[:timings.index("</table>")]
    cells = re.findall(r"<td>([^<]*)</td>", timings)
    scheduled = {i.stage for i in scenario.injects if i.when is None}
    assert {s.title for s in scenario.board.stages if s.stage in scheduled} <= set(cells)
    assert not scheduled & set(cells)


def test_a_round_that_asks_only_through_its_decision_point_gets_a_card() -> None:
    scenario = load_scenario(Path(__file__).parents[1] / "scenarios" / "discount-chatbot.yaml")
    asked = [i for i in scenario.injects if i.decision and not i.prompt]
    assert asked
    sheets = Sheets(handouts_html(scenario))
    cards = [" ".join(sheets.text(n).split()) for n, (kind, _) in enumerate(sheets.sheets)
             if kind == "round"]
    for inject in asked:
        point = scenario.decision(inject.decision)
        card = next(c for c in cards if inject.title in c)
        assert point.prompt in card
        assert all(scenario.action(a).label in card for a in point.options)
