"""Where the bundled scenarios and assets are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def data_dir(name: str) -> Path:
    """`scenarios` or `assets`: inside the package when installed, at the top of a checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"tabletop's {name}/ folder is missing from this installation")


def bundled_scenarios() -> dict[str, Path]:
    """Scenario id (file stem) to file, sorted."""
    return {p.stem: p for p in sorted(data_dir("scenarios").glob("*.yaml"))}


DEFAULT_SCENARIO = "student-support-release"
"""The scenario `tabletop` starts with no arguments."""


def resolve_scenario(name: str) -> Path:
    """A bundled id or a path to a scenario file."""
    bundled = bundled_scenarios()
    if name in bundled:
        return bundled[name]
    return Path(name)
