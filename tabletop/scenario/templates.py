"""The figures an evidence text may quote: part of the scenario format, filled in by the run."""

from __future__ import annotations

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
