"""The scenario's own words for what the screens show around its content.

A panel title or a column heading that names the scenario's domain ("Ticket routing",
"Manual overrides", "feature flag") belongs to the scenario, not to the code: each is a field
here, and each default names nothing domain-specific, so a scenario that sets none of them
still reads right in its own domain. `Scenario.terms` holds them; docs/scenario-format.md
lists where each shows.
"""

from __future__ import annotations

from tabletop.base.record import record

MAX_COLUMN_HEADING = 10
"""Longest column heading of the live feed, so that the feed keeps to its panel's width."""


@record
class Terms:
    """Words the screens show around the scenario's content; the defaults name no domain."""

    feed_title: str = "Live feed"
    """Title of the dashboard's live feed of items (such as Ticket routing)."""
    feed_counts: str = "classes"
    """What the counts per class above the live feed are, in its caption: 'WORDS: last 20 min'
    (such as queues)."""
    assigned_column: str = "Predicted"
    """Heading of the live feed's column with the class the serving model gave an item (such
    as Routed to); at most 10 characters."""
    corrected_column: str = "Corrected"
    """Heading of the live feed's column that marks an item a person corrected (such as
    Override); at most 10 characters."""
    corrections_title: str = "Corrections by people"
    """Title of the dashboard panel that counts the items people corrected (such as Manual
    overrides)."""
    accuracy_means: str = "share not corrected"
    """What the confidence panel's accuracy is, in its caption: 'accuracy: WORDS; n/a under 5
    items' (such as share not overridden)."""
    log_title: str = "Log of faulty items"
    """Title of the dashboard's log of faulty items, shown with a runbook or
    `stream.log_faults` (such as Request log: faulty requests)."""
    outcomes_title: str = "Outcomes"
    """Title of the dashboard panel that counts the outcomes the scenario declares (such as
    Pricing assistant triggers); shown when `stream.outcomes` declares any."""
    switch: str = ""
    """Name of what an action with effect `disable` turns off (such as feature flag), shown in
    the header as 'NAME ON' or 'NAME OFF'; empty: the header shows no such line while the
    candidate serves, and 'OFF' once it is turned off."""
    statements_from: str = "the scenario"
    """Who asks for the communications, as the help screen says it: 'Write the statement
    WHO asked for.' (such as the communications team)."""
