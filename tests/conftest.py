"""Every test keeps its cached scenarios in a temporary folder, never the user's cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tabletop.scenario.cache import ENV_CACHE_DIR


@pytest.fixture(autouse=True, scope="session")
def _scenario_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    directory = tmp_path_factory.mktemp("scenario-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv(ENV_CACHE_DIR, str(directory))
    yield directory
    patch.undo()
