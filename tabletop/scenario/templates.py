"""The figures an evidence text may quote: part of the scenario format, filled in by the run."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping

TEMPLATE_FIELDS = (
    "critical_to_fallback", "critical_to_fallback_baseline", "critical_change_percent",
    "critical_change_phrase", "overrides", "overrides_baseline", "overrides_phrase",
    "high_priority_missed", "high_priority_missed_words", "high_priority_missed_s",
    "high_priority_missed_verb", "high_priority_missed_all", "exposure_percent",
    "latency_p95_ms", "error_rate_percent",
    # properties of the models, for the results of pre-release checks
    "candidate_recall_home", "candidate_recall_other", "incumbent_recall",
    "agreement_home_percent", "agreement_other_percent",
    "candidate_confidence_wrong_other", "candidate_confidence_right_other",
)
"""Names an evidence text may quote as {name}; each is rendered from the run when it fires."""

TELLING_FIGURES = {
    "critical_change_phrase": "critical_change_percent", "overrides_phrase": "overrides",
    "high_priority_missed_words": "high_priority_missed",
    "high_priority_missed_s": "high_priority_missed",
    "high_priority_missed_verb": "high_priority_missed",
    "high_priority_missed_all": "high_priority_missed",
}
"""Figures quoted in words that tell which way the run went ("increase by", "one case
missed"), to the figure a story line bounds to keep those words true in every drill."""

OUTCOME_FIGURES = ("count", "total", "baseline", "rate_percent")
"""What evidence may quote of each declared outcome, as {id_count}, {id_total} and so on:
how many items produced it in the last 20 minutes, since deployment, and in the 20 minutes
before deployment, and the share (percent) of the window's answered items that produced it."""


def known_figures(outcome_ids: Iterable[str]) -> tuple[str, ...]:
    """Every figure a scenario with these declared outcomes may quote."""
    return (*TEMPLATE_FIELDS, *(f"{o}_{f}" for o in outcome_ids for f in OUTCOME_FIGURES))


def template_fields(text: str) -> list[tuple[str, str]]:
    """Each {field} of a text as (its name, the field as written inside its braces); raises
    ValueError for a lone brace."""
    return [(name, _written(name, spec, conversion))
            for _, name, spec, conversion in string.Formatter().parse(text) if name is not None]


def fill_template(text: str, figures: Mapping[str, str]) -> str:
    """`text` with each {name} of `figures` replaced by its figure, and `{{`, `}}` by braces.

    Only a bare name is replaced, never formatted: the loader refuses a format spec, a
    conversion or an unknown name (`checks`), and a text that never met the loader (a scenario
    built in code) keeps any such field as written rather than failing or growing.
    """
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        return text
    out: list[str] = []
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        if name in figures and not spec and conversion is None:
            out.append(figures[name])
        else:
            out.append("{" + _written(name, spec, conversion) + "}")
    return "".join(out)


def _written(name: str, spec: str | None, conversion: str | None) -> str:
    return name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
