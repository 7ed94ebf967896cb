"""The report as Markdown, under the headings of the HSEEP after-action report.

An Executive Summary first, for readers who were not in the room, then Exercise Overview,
Timeline, Analysis of Learning Goals, Score Card, Harm, Debrief, Improvement Plan: one function
a section. Scenario and player text is escaped (`md`), so it stays text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tabletop.base.text import printable
from tabletop.base.words import fmt_minute, out_of, percent
from tabletop.reports import wording
from tabletop.reports.facts import Report
from tabletop.reports.harm import harm_columns, harm_figures
from tabletop.scoring.rubric import CriterionScore

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")
"""Characters that start Markdown inline syntax (`&` starts an entity such as `&amp;`)."""
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")
"""What opens a list, or underlines a setext heading, at the start of a line: `1.`, `2)`,
`-`, `+`, `=`. The text follows a list marker or an indent, so it could open a nested list."""

KIND_NAMES = {"inject": "Inject", "decision": "Decision", "statement": "Statement",
              "vote": "Vote"}
"""How each kind of timeline entry is named in the Event column."""


def md(text: str) -> str:
    """Scenario or player text as literal Markdown: specials escaped, one line, a control
    character shown as its escape (`base.text`)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(printable(text).split()))
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def _md_cell(lines: Iterable[str]) -> str:
    return "<br>".join(md(line) for line in lines if line)


def to_markdown(report: Report) -> str:
    """The report as Markdown with the HSEEP after-action report's headings."""
    out: list[str] = [f"# After-action report: {md(report.overview.title)}", ""]
    for section in (_summary, _overview, _timeline, _goals, _score, _harm, _debrief, _plan,
                    _gates):
        out += section(report)
    return "\n".join(out)


def _summary(report: Report) -> list[str]:
    """What happened, the decisions, the harm, the grade and three lessons from the card."""
    summary = report.summary
    if summary is None:
        return []
    out = ["## Executive Summary", "", md(summary.happened), "", "**Decisions**", ""]
    out += [f"- {md(d)}" for d in summary.decisions]
    out += ["", f"**Harm.** {md(summary.harm)}", "", f"**Grade.** {md(summary.grade)}", "",
            "**Lessons from the score card**", ""]
    out += [f"{n}. **{'To keep' if lesson.kept else 'To improve'}:** {md(lesson.title)} "
            f"({out_of(lesson.points, lesson.max)}): {md(lesson.why)}"
            for n, lesson in enumerate(summary.lessons, 1)]
    return [*out, ""]


def _overview(report: Report) -> list[str]:
    o, card = report.overview, report.card
    out = ["## Exercise Overview", "", "| | |", "| --- | --- |",
           f"| Scenario | {md(o.title)} ({md(o.scenario_id)}) |",
           f"| Date | {md(o.date)} |",
           f"| Mode | {md(wording.mode_name(o.mode))} |",
           f"| Teams | {md(wording.team_names(o.teams))} |",
           f"| Roles | {md(', '.join(o.roles))} |",
           f"| Facilitator | {md(o.facilitator or 'not named')} |",
           f"| Seed | {o.seed} |"]
    if o.session_id is not None:
        out.append(f"| Session | {o.session_id} |")
    if o.real_time:
        out.append(f"| Real time | {md(o.real_time)} |")
    return [
        *out,
        f"| State | {wording.sentence(wording.state(report))} |",
        f"| Result | {out_of(card.total, card.max)} ({percent(card.share)}), "
        f"grade {md(card.grade)}: {md(card.grade_label)} |", "",
        f"**Purpose.** {md(o.purpose)}", "", f"**Scenario.** {md(o.summary)}", ""]


def _timeline(report: Report) -> list[str]:
    out = ["## Timeline", "", "| Time | Event | Details |", "| --- | --- | --- |"]
    for e in report.timeline:
        kind = KIND_NAMES.get(e.kind, e.kind)
        who = f" ({md(e.team)})" if e.team and e.kind == "decision" else ""
        out.append(f"| {e.clock} | {kind}: {md(e.title)}{who} | {_md_cell(e.details)} |")
    out.append("")
    if report.votes:
        out += ["### Team votes", "", "| Time | Decision point | Teams' votes | Room's action "
                "| Alignment |", "| --- | --- | --- | --- | --- |"]
        for r in report.votes:
            point = wording.point_title(report, r.decision)
            out.append(f"| {fmt_minute(r.minute)} | {md(point)} | "
                       f"{md(wording.vote_summary(report, r))} | "
                       f"{md(wording.action_label(report, r.room_action))} | "
                       f"{percent(r.alignment)} |")
        out.append("")
    return out


def _goals(report: Report) -> list[str]:
    out = ["## Analysis of Learning Goals", ""]
    titles = {c.id: c.title for c in report.card.criteria}
    for n, g in enumerate(report.goals, 1):
        out += [f"### {n}. {md(wording.sentence(g.goal))}", ""]
        if g.criteria:
            names = ", ".join(md(titles[c]) for c in g.criteria)
            out += [f"Evidenced by: {names} ({out_of(g.points, g.max)}).", ""]
        else:
            out += ["Evidenced by the debrief and the improvement plan.", ""]
        if g.capability is not None:
            out += [f"Capability: {md(wording.capability(g))}. Facilitator's rating: "
                    f"{md(wording.facilitator_capability(g))}", ""]
        elif g.facilitator_capability is not None:  # a goal the debrief judges, rated
            out += [f"Facilitator's rating: {md(wording.facilitator_capability(g))}", ""]
        out += ["**Strengths**", ""]
        out += [f"- {md(s)}" for s in g.strengths] or ["- None recorded."]
        out += ["", "**Areas for improvement**", ""]
        out += [f"- {md(s)}" for s in g.improvements] or ["- None recorded."]
        out.append("")
    return out


def _score(report: Report) -> list[str]:
    card = report.card
    out = ["## Score Card", "", *_card_rows(card.criteria),
           f"| **Total** | **{out_of(card.total, card.max)}** | "
           f"**Grade {md(card.grade)}: {md(card.grade_label)}** ({percent(card.share)}) |", ""]
    if report.team_scores:
        out += ["### Team scoreboard", "", "| Team | Points | Grade | With the room |",
                "| --- | --- | --- | --- |"]
        out += [f"| {md(t.team)} | {out_of(t.total, t.max)} | {md(t.grade)} | "
                f"{percent(t.agreement)} |" for t in report.team_scores]
        out.append("")
        for t in report.team_scores:
            out += [f"### Team {md(t.team)}: {out_of(t.total, t.max)}, grade "
                    f"{md(t.grade)}", "", md(wording.TEAM_CARD),
                    "", *_card_rows(t.criteria),
                    f"| **Total** | **{out_of(t.total, t.max)}** | **Grade "
                    f"{md(t.grade)}{': ' + md(t.grade_label) if t.grade_label else ''}** "
                    f"({percent(t.share)}) |", ""]
    return out


def _card_rows(criteria: tuple[CriterionScore, ...]) -> list[str]:
    """A score card's table head and one row per criterion (the caller adds the total)."""
    return ["| Criterion | Points | Why |", "| --- | --- | --- |",
            *(f"| {md(wording.line_title(c))} | {out_of(c.points, c.max)} | {md(c.why)} |"
              for c in criteria)]


def _harm(report: Report) -> list[str]:
    columns = harm_columns(report.harm_span)
    out = ["## Harm", "", md(wording.harm_heading(report)), "",
           "| Harm | " + " | ".join(md(c) for c in columns) + " |",
           "| --- |" + " --- |" * len(columns)]
    out += [f"| {md(h.label)} | " + " | ".join(str(n) for n in harm_figures(report.harm_span, h))
            + " |" for h in report.harm]
    return [*out, ""]


def _debrief(report: Report) -> list[str]:
    out = ["## Debrief", ""]
    for n, a in enumerate(report.debrief, 1):
        out.append(f"{n}. **{md(a.question)}**  ")
        out.append(f"   {md(a.answer)}" if a.answer.strip() else "   *Not answered.*")
    out.append("")
    if report.commitments:
        out += ["### Stop, start, continue", ""]
        out += [f"- **{kind.upper()}:** {md(text)}" for kind, text in report.commitments.items()]
        out.append("")
    if report.facilitator_note.strip():
        out += ["### Facilitator note", "", md(report.facilitator_note), ""]
    if report.extension_activity or report.extension_intro.strip():
        out += ["### Extension activity", ""]
        out += [md(report.extension_intro), ""] if report.extension_intro.strip() else []
        out += [f"- {md(item)}" for item in report.extension_activity]
        out.append("")
    return out


def _plan(report: Report) -> list[str]:
    out = ["## Improvement Plan", ""]
    if report.plan:
        out += ["| # | Action | Owner | Due |", "| --- | --- | --- | --- |"]
        out += [f"| {n} | {md(r.action)} | {md(r.owner)} | {md(r.due)} |"
                for n, r in enumerate(report.plan, 1)]
    else:
        out.append("*No improvement actions were recorded.*")
    areas = wording.areas(report)
    if areas:
        out += ["", "### Areas for improvement to assign", "", wording.AREAS_NOTE, "",
                "| Area for improvement | Goal | Corrective action | Owner | Organisation | "
                "Start | Due |", "| --- | --- | --- | --- | --- | --- | --- |"]
        out += [f"| {md(area)} | {goal} | | | | | |" for goal, area in areas]
    return [*out, ""]


def _gates(report: Report) -> list[str]:
    """The release gates: what the design would have done, the governance mapping, the
    pipeline (its workflow and playbook, as written: they are the design's own files)."""
    g = report.gates
    if g is None:
        return []
    whose = "the team's design" if g.own else "the scenario's design (the team saved none)"
    out = ["## Release Gates", "", f"**{md(g.title)}**, {whose}.", "",
           f"On this run the gates would have: {md(g.outcome)}.", ""]
    out += [f"- {md(event)}" for event in g.events]
    out += ["", "| Weighted harm | |", "| --- | --- |"]
    out += [f"| {md(name)} | {value:g} |" for name, value in g.harm]
    out += ["", f"On a healthy release: {md(g.healthy)}"
            + (" (a false alarm)." if g.false_alarm else "."), "", "### Governance practices", ""]
    out += [f"- **{md(p.practice)}**: the team: {md('; '.join(p.team) or 'nothing scored')}; "
            f"the gates: {md('; '.join(p.gates) or 'no part of the design')}"
            for p in g.practices]
    out += ["", "### The pipeline", "", "```yaml",
            *(printable(line) for line in g.workflow.rstrip().splitlines()), "```", "",
            "### The playbook", "", *_demoted(printable(g.playbook)), ""]
    return out


def _demoted(text: str) -> list[str]:
    """The playbook's Markdown, its headings two levels down (under the report's)."""
    return [f"##{line}" if line.startswith("#") else line for line in text.rstrip().splitlines()]
