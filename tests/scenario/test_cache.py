"""A scenario opened again comes from the cache, exactly as parsed, and only while it is valid."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tabletop.scenario import loader
from tabletop.scenario.cache import ENV_CACHE_DIR, cache_dir, load_scenario_cached
from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.model import Scenario
from tests.helpers import FILE, MINI


def write(folder: Path, text: str = MINI) -> Path:
    path = folder / FILE
    path.write_text(text, encoding="utf-8")
    return path


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parsed: list[Path] = []
    real = loader.load_scenario

    def counting(path: Path) -> Scenario:
        parsed.append(path)
        return real(path)

    monkeypatch.setattr(loader, "load_scenario", counting)
    return parsed


def test_a_scenario_opened_again_is_not_parsed_again_and_is_equal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = count_parses(monkeypatch)
    path, cache = write(tmp_path), tmp_path / "cache"
    first = load_scenario_cached(path, cache)
    second = load_scenario_cached(path, cache)
    assert second == first == loader.parse_scenario(MINI, FILE)
    assert parsed == [path]


def test_an_edited_file_is_parsed_again_and_replaces_its_old_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = count_parses(monkeypatch)
    path, cache = write(tmp_path), tmp_path / "cache"
    load_scenario_cached(path, cache)
    write(tmp_path, MINI.replace("title: Mini release", "title: Edited release"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_scenario_cached(path, cache).title == "Edited release"
    assert len(parsed) == 2
    assert len(list(cache.glob("*.pickle"))) == 1


def test_a_damaged_entry_means_the_file_is_parsed(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path, cache = write(tmp_path), tmp_path / "cache"
    expected = load_scenario_cached(path, cache)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[:40])
    parsed = count_parses(monkeypatch)
    assert load_scenario_cached(path, cache) == expected
    assert parsed == [path]


def test_a_broken_file_reports_its_error_every_time_and_is_never_kept(tmp_path: Path) -> None:
    path, cache = write(tmp_path, MINI.replace("end_minute: 60", "end_minute: soon")), \
        tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(ScenarioError, match="end_minute"):
            load_scenario_cached(path, cache)
    assert not list(cache.glob("*.pickle"))


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    path = write(tmp_path)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    assert load_scenario_cached(path, not_a_folder / "cache").id == "mini"


def test_an_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CACHE_DIR, "")
    assert cache_dir() is None


def test_a_cached_scenario_opens_without_importing_the_yaml_parser(tmp_path: Path) -> None:
    path, cache = write(tmp_path), tmp_path / "cache"
    load_scenario_cached(path, cache)
    probe = ("import sys; from pathlib import Path; "
             "from tabletop.scenario.cache import load_scenario_cached; "
             f"s = load_scenario_cached(Path({str(path)!r}), Path({str(cache)!r})); "
             "print(s.id, 'yaml' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, check=True, env={**os.environ, ENV_CACHE_DIR: ""})
    assert result.stdout.split() == ["mini", "False"]


def test_the_cache_folder_is_created_private_and_its_entries_readable_only_by_the_user(
        tmp_path: Path) -> None:
    path, cache = write(tmp_path), tmp_path / "cache"
    load_scenario_cached(path, cache)
    (entry,) = cache.glob("*.pickle")
    assert cache.stat().st_mode & 0o777 == 0o700
    assert entry.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("loosened", ["entry", "folder"])
def test_an_entry_others_could_have_written_is_never_unpickled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loosened: str) -> None:
    path, cache = write(tmp_path), tmp_path / "cache"
    load_scenario_cached(path, cache)
    (entry,) = cache.glob("*.pickle")
    planted = loader.parse_scenario(MINI.replace("id: mini", "id: planted"), FILE)
    entry.write_bytes(pickle.dumps(planted))  # a valid entry, but not the user's own writing
    target = entry if loosened == "entry" else cache
    target.chmod(target.stat().st_mode | 0o022)  # writable by the group and others
    parsed = count_parses(monkeypatch)
    assert load_scenario_cached(path, cache).id == "mini"
    assert parsed == [path]  # parsed again: the planted entry was not read


def test_a_symbolic_link_in_place_of_an_entry_is_not_followed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, cache = write(tmp_path), tmp_path / "cache"
    load_scenario_cached(path, cache)
    (entry,) = cache.glob("*.pickle")
    elsewhere = tmp_path / "elsewhere.pickle"
    elsewhere.write_bytes(pickle.dumps(loader.parse_scenario(
        MINI.replace("id: mini", "id: planted"), FILE)))
    entry.unlink()
    entry.symlink_to(elsewhere)
    parsed = count_parses(monkeypatch)
    assert load_scenario_cached(path, cache).id == "mini"
    assert parsed == [path]


def test_an_entry_of_another_user_is_never_unpickled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, cache = write(tmp_path), tmp_path / "cache"
    load_scenario_cached(path, cache)
    real_uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real_uid + 1)  # as if the files were another's
    parsed = count_parses(monkeypatch)
    assert load_scenario_cached(path, cache).id == "mini"
    assert parsed == [path]
