"""What `simulate` prints: the run's timeline, its harm and its score card.

Everything comes from the run's `Report` (`reports.facts`), which the debrief screen and the
after-action report draw too; this module only lays it out for a terminal.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tabletop.base.text import printable
from tabletop.base.words import out_of
from tabletop.cli.output import say
from tabletop.exercise.variation import Drill, DrillSurvey, played_variation
from tabletop.reports.facts import Report
from tabletop.reports.harm import harm_columns, harm_figures, harm_title, projection
from tabletop.reports.timeline import TimelineEntry
from tabletop.scoring.rubric import ScoreCard


def print_run(report: Report, drill: Drill | None = None) -> None:
    """The run's timeline, its harm against nobody acting and the best case, and the score card
    (after the title, the drill a solo drill's seed drew)."""
    console = Console(highlight=False)
    console.print(shown(report.overview.title, style="bold"))
    if drill is not None:
        console.print(shown(drill_line(drill), style="dim"))
    timeline = Table.grid(padding=(0, 2))
    timeline.add_column(no_wrap=True)
    timeline.add_column(ratio=1)
    for entry in report.timeline:
        timeline.add_row(entry.clock, _timeline_text(entry))
    console.print(timeline)
    console.print(_harm_table(report))
    console.print(_score_table(report.card))


def shown(text: str, style: str = "") -> Text:
    """Text from a scenario, a journal or a player, as Rich shows it: never a control
    sequence (`base.text.printable`)."""
    return Text(printable(text), style=style)


def _timeline_text(entry: TimelineEntry) -> Text:
    if entry.kind == "inject":
        text = shown(entry.label, style="bold cyan")
        for evidence in entry.evidence:
            text.append(printable(f"\n• {evidence.text} "), style="default")
            text.append(f"({evidence.tag})", style="dim")
        return text
    if entry.kind == "statement":
        return shown(f"SENT {entry.label}", style="bold yellow")
    line = shown(f"ACTION {entry.label}", style="bold yellow")
    if entry.cited:
        line.append(printable(f" citing {', '.join(entry.cited)}"), style="yellow")
    return line


def _harm_table(report: Report) -> Table:
    span = report.harm_span
    note = projection(span)
    table = Table(title=harm_title(span), title_justify="left",
                  caption=shown(note) if note else None, caption_justify="left")
    table.add_column("")
    for column in harm_columns(span):
        table.add_column(column[:1].lower() + column[1:], justify="right")
    for row in report.harm:
        table.add_row(shown(row.label), *(str(n) for n in harm_figures(span, row)))
    return table


def _score_table(card: ScoreCard) -> Table:
    table = Table(title="Score card", title_justify="left", show_lines=True)
    table.add_column("criterion")
    table.add_column("points", justify="right")
    table.add_column("why", ratio=1)
    for criterion in card.criteria:
        table.add_row(shown(criterion.title), out_of(criterion.points, criterion.max),
                      shown(criterion.why))
    table.add_row(shown("Total", style="bold"),
                  shown(out_of(card.total, card.max), style="bold"),
                  shown(f"Grade {card.grade}: {card.grade_label}", style="bold"))
    return table


def drill_line(drill: Drill) -> str:
    """'Solo drill 42: stream seed 42 (first draw), per_minute 38.1, ...'."""
    how = "first draw" if drill.draws == 1 else f"draw {drill.draws}, the first broke the story"
    values = ", ".join(f"{path} {value:g}"
                       for path, value in played_variation(drill.scenario).items())
    return f"Solo drill {drill.seed}: stream seed {drill.stream_seed} ({how})" + \
        (f"; {values}" if values else "")


def print_survey(survey: DrillSurvey) -> None:
    """What `validate --drills N` says of the drills: how many keep the story at the first
    draw, what broke the first draw of the others, and any drill no draw of which keeps it."""
    n = survey.drills
    kept = survey.first_kept + survey.redrawn
    say(f"  drills 0 to {n - 1}: {survey.first_kept} of {n} keep the story at the first draw"
          + (f"; {survey.redrawn} more draw again until they do (at most {survey.most_draws} "
             "draws)" if survey.redrawn else "")
          + f"; {kept} of {n} play a stream that keeps it")
    for line, count in sorted(survey.broken_by.items(), key=lambda item: -item[1]):
        say(f"  first draws that broke {line}: {count}")
    if survey.unkept:
        say(f"  no draw keeps the story for drill seeds {', '.join(map(str, survey.unkept))}:"
              " tabletop run --solo refuses them", error=True)
