"""What `simulate` prints: the run's timeline, its harm and its score card, or the same as JSON."""

from __future__ import annotations

from typing import Any

from tabletop.exercise.engine import Exercise
from tabletop.scoring.rubric import ScoreCard


def result_json(exercise: Exercise, card: ScoreCard) -> dict[str, Any]:
    """The `simulate --json` shape."""
    return {
        "scenario": exercise.scenario.id,
        "seed": exercise.seed,
        "total": card.total, "max": card.max, "percent": round(card.percent, 1),
        "grade": card.grade, "grade_label": card.grade_label,
        "criteria": [{"id": c.id, "title": c.title, "points": c.points, "max": c.max,
                      "why": c.why} for c in card.criteria],
        "harm": card.harm.as_dict(),
        "baseline_harm": card.baseline_harm.as_dict(),
        "best_harm": card.best_harm.as_dict(),
        "fired_injects": [{"id": f.inject.id, "minute": f.minute, "title": f.inject.title}
                          for f in exercise.fired],
        "decisions": [{"minute": d.minute, "action": d.action, "cited": list(d.cited),
                       "checks": list(d.checks)} for d in exercise.decisions],
    }


def print_run(exercise: Exercise, card: ScoreCard) -> None:
    """The run's timeline, its harm against nobody acting and the best case, and the score card."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tabletop.exercise.clock import fmt_minute

    console = Console(highlight=False)
    scenario = exercise.scenario
    console.print(Text(scenario.title, style="bold"))
    rows: list[tuple[float, int, str, Text]] = []
    for fired in exercise.fired:
        text = Text(fired.inject.title, style="bold cyan")
        for evidence in fired.evidence:
            text.append(f"\n• {evidence.text} ", style="default")
            text.append(f"({evidence.tag})", style="dim")
        rows.append((fired.minute, 0, fmt_minute(fired.minute), text))
    for d in exercise.decisions:
        line = Text(f"ACTION {scenario.action(d.action).label}", style="bold yellow")
        if d.cited:
            line.append(f" citing {', '.join(d.cited)}", style="yellow")
        rows.append((d.minute, 1, fmt_minute(d.minute), line))
    for s in exercise.statements:
        title = scenario.statement_request(s.request).title
        rows.append((s.minute, 1, fmt_minute(s.minute), Text(f"SENT {title}", style="bold yellow")))
    timeline = Table.grid(padding=(0, 2))
    timeline.add_column(no_wrap=True)
    timeline.add_column(ratio=1)
    for _, _, when, text in sorted(rows, key=lambda r: (r[0], r[1])):
        timeline.add_row(when, text)
    console.print(timeline)
    labels = scenario.harm_labels
    harm = Table(title="Harm, deployment to end", title_justify="left")
    for column in ("", "this run", "nobody acted", "best case"):
        harm.add_column(column, justify="right" if column else "left")
    for name, count in card.harm.as_dict().items():
        if count or card.baseline_harm.as_dict()[name]:
            harm.add_row(getattr(labels, name), str(count),
                         str(card.baseline_harm.as_dict()[name]),
                         str(card.best_harm.as_dict()[name]))
    console.print(harm)
    table = Table(title="Score card", title_justify="left", show_lines=True)
    table.add_column("criterion")
    table.add_column("points", justify="right")
    table.add_column("why", ratio=1)
    for criterion in card.criteria:
        table.add_row(criterion.title, f"{criterion.points:g}/{criterion.max:g}",
                      Text(criterion.why))
    table.add_row(Text("Total", style="bold"), Text(f"{card.total:g}/{card.max:g}", style="bold"),
                  Text(f"Grade {card.grade}: {card.grade_label}", style="bold"))
    console.print(table)
