"""What the store's rows read as: a session with where it got to (a stored event is
`journal.events.StoredEvent`)."""

from __future__ import annotations

from tabletop.base.kinds import Mode
from tabletop.base.record import record


@record
class SessionInfo:
    """One row of the sessions table, with where the session got to."""

    id: int
    """Session id, as `tabletop resume ID` takes it."""
    scenario_id: str
    """Id of the scenario played."""
    scenario_ref: str
    """The bundled id or path the scenario was loaded from."""
    mode: Mode
    """team, workshop or solo."""
    seed: int
    """Seed of the ticket stream."""
    speed: float
    """Clock speed at the start (scenario minutes per real minute)."""
    teams: tuple[str, ...]
    """Team names in workshop mode."""
    started_at: str
    """Wall time it started, ISO 8601 in UTC."""
    state: str
    """running or ended."""
    total: float | None
    """Total score once ended."""
    max: float | None
    """Maximum score once ended."""
    grade: str | None
    """Grade once ended."""
    last_minute: float | None
    """Scenario minute of the latest event; None before any."""
    last_at: str | None
    """Wall time of the latest event."""
    variation: dict[str, float]
    """Stream parameter path to the value the run used, for the scenario's declared ranges."""
    readable: bool = True
    """False when its journal could not be read (a damaged store): `last_minute` is unknown."""

    @property
    def ended(self) -> bool:
        """The exercise was ended and scored."""
        return self.state == "ended"
