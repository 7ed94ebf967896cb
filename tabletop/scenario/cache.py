"""Scenarios already parsed and checked, kept so that opening one again skips YAML.

Importing PyYAML and parsing and checking the default scenario take about 45 ms, a third of
what the dashboard adds to a bare Textual app's first paint (a budget in `bench/`). Like
Python's own bytecode cache, an entry is valid while the scenario file's size and modification
time are unchanged, and only for the exact core code that produced it. Only scenarios that
loaded without error are kept; a file with a problem is parsed every time, so its error is
always reported in full.

Entries are pickles, and unpickling runs code, so an entry is read only when nobody but the
user could have written it: the folder is created private (0o700), and an entry is ignored
unless it and its folder belong to the user and neither is writable by the group or others
(checked on the open file, which is never a symbolic link). A pickle stays rather than a
format that runs nothing: it is what keeps the parse off the first paint, and these checks are
the ones Python's own caches rely on. Anything wrong with an entry (missing, truncated, from
other code, someone else's) means the file is parsed again; a cache that cannot be written is
no error.
"""

from __future__ import annotations

import _blake2
import contextlib
import os
import pickle
import stat
import sys
from pathlib import Path

from tabletop.scenario.model import Scenario

ENV_CACHE_DIR = "TABLETOP_CACHE_DIR"
"""Environment variable that overrides where entries are kept; empty turns the cache off."""
_CODE = (Path(__file__).resolve().parent, Path(__file__).resolve().parents[1] / "base")
"""The scenario package and the foundations its records are made of: a cached scenario is
stale once any of their code changes."""


def cache_dir() -> Path | None:
    """`$TABLETOP_CACHE_DIR`, or the platform's user cache directory; None when turned off."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env is not None:
        return Path(env).expanduser() if env else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("tabletop", appauthor=False)) / "scenarios"


def load_scenario_cached(path: Path, directory: Path | None) -> Scenario:
    """The scenario in `path`, from the cache in `directory` when it holds this very file.

    Raises ScenarioError exactly as `load_scenario` does.
    """
    name = _entry_name(path) if directory is not None else None
    entry = directory / name if directory is not None and name is not None else None
    cached = _read(entry) if entry is not None else None
    if cached is not None:
        return cached
    from tabletop.scenario.loader import load_scenario  # and with it the YAML parser

    scenario = load_scenario(path)
    if entry is not None:
        _write(entry, scenario)
    return scenario


def _entry_name(path: Path) -> str | None:
    """`<the file>-<its version>.pickle`: the version is what the entry depends on, the
    file's size and time (as for pyc) and the code that loads it."""
    try:
        stat = path.stat()
        code = [(p.name, s.st_mtime_ns, s.st_size)
                for folder in _CODE for p in sorted(folder.glob("*.py")) for s in [p.stat()]]
    except OSError:
        return None  # the loader reports a missing or unreadable file
    version = (stat.st_size, stat.st_mtime_ns, code, sys.version_info[:2])
    return f"{_digest(str(path.resolve()))}-{_digest(repr(version))}.pickle"


def _digest(text: str) -> str:
    # BLAKE2 from CPython's own module: `hashlib` would load OpenSSL first (about a
    # millisecond of every start) for a name that needs no more than a strong 64-bit digest.
    return _blake2.blake2b(text.encode(), digest_size=8).hexdigest()


_NOT_OURS = stat.S_IWGRP | stat.S_IWOTH
"""Permission bits that would let someone other than the user write an entry."""
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def trusted(info: os.stat_result) -> bool:
    """Whether a file or folder with this status could only have been written by the user:
    theirs, and not writable by the group or others."""
    owner = getattr(os, "getuid", None)
    return (owner is None or info.st_uid == owner()) and not info.st_mode & _NOT_OURS


def _read(entry: Path) -> Scenario | None:
    try:
        if not trusted(entry.parent.stat()):
            return None
        descriptor = os.open(entry, os.O_RDONLY | _NO_FOLLOW)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not trusted(info):
                return None  # someone else's, or writable by others: never unpickled
            value = pickle.loads(handle.read())
    except Exception:  # missing, truncated or written by other code: parse the file instead
        return None
    return value if isinstance(value, Scenario) else None


def _write(entry: Path, scenario: Scenario) -> None:
    """Keep the entry, replacing this file's older versions; never an error."""
    temporary = entry.with_suffix(f".{os.getpid()}.tmp")
    file_part = entry.name.split("-")[0]
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for old in entry.parent.glob(f"{file_part}-*.pickle"):
            old.unlink(missing_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(entry)  # atomic: a reader sees no entry or the whole of it
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
