"""Every test keeps its cached scenarios in a temporary folder, never the user's cache; the
garbage collector runs less often than Python's default."""

from __future__ import annotations

import gc
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


GC_THRESHOLDS = (50_000, 20, 20)
"""Allocations between young collections, and young collections between older ones. A Pilot
test allocates millions of short-lived strips and segments, and with Python's default (700, 10,
10) the collector ran thousands of times a file: in tests/ui/test_modes.py and
test_clock_and_injects.py, 3,900 collections took 8 s of 30 to 34 s of CPU; with these, 132
take 2.9 s of 25 to 26 s, each worker holding about 40 MB more."""


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once every test module is imported: its objects (Textual's, the loaded scenarios) live
    to the end, so they are set aside from collections (`gc.freeze`), then the thresholds."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


FIRST = ("tests/serve/test_browser.py", "tests/faults/test_key_walk.py")
"""The longest tests (10 s and more each on a busy machine): started first, so that no worker
is left running one of them after the others have finished."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests first, the rest in their order."""
    items.sort(key=lambda item: not item.nodeid.startswith(FIRST))
