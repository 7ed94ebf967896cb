"""Every command's output is text, whatever a journal, a player or a scenario built in memory
holds (issue 18, items 1 and 6).

A file cannot bring a control character in (the loader refuses it, `test_escape_injection`),
but a journal tampered with by hand, what a team types and a scenario made by code can: each
of them goes through `sessions`, `report` (Markdown, HTML, JSON), `timeline`, `handouts`,
`resume` and `present`, and no control byte or bidirectional control comes out. The refusals
that name a file or a store say what happened (a loop of links, a folder in the store's place,
a session that does not exist) and quote no more than a bounded name.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tabletop.cli import main
from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Choice
from tabletop.journal.setup import new_run, play_to
from tabletop.journal.sqlite_journal import save_session
from tabletop.journal.store import DB_NAME, Store
from tabletop.reports.board import timeline_svg
from tabletop.reports.facts import report_from_session
from tabletop.reports.handouts import handouts_html
from tabletop.reports.html import to_html
from tabletop.reports.markdown import to_markdown
from tabletop.scenario.model import Scenario
from tests.helpers import bundled, mutate

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""A byte a terminal would obey, or a bidirectional control (newline and tab are text)."""
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\u2066\x00\x7f"
"""Title, clear screen, C1 CSI, right-to-left override, isolate, NUL and DEL in one string."""
TEXT_FIELDS = {"title", "summary", "purpose", "facilitator_note", "label", "text", "brief",
               "name", "description", "prompt", "question", "note", "source", "headline"}
"""Fields of a scenario's records that hold prose (never ids, kinds or references)."""


def clean(text: str) -> bool:
    return CONTROL.search(text.replace("\n", "").replace("\t", "")) is None


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def poisoned(value: Any) -> Any:
    """`value` with HOSTILE appended to every prose field of every record inside it."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: poisoned(getattr(value, f.name)) for f in dataclasses.fields(value)
                   if f.init}
        for name, field_value in changes.items():
            if name in TEXT_FIELDS and type(field_value) is str:
                changes[name] = field_value + HOSTILE
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(poisoned(item) for item in value)
    if isinstance(value, list):
        return [poisoned(item) for item in value]
    return value


@pytest.fixture
def tampered(tmp_path: Path) -> Path:
    """A data folder whose one session a hand edited: escapes in its scenario id, its team
    names and what the teams typed."""
    session = new_run(bundled(), ref="student-support-release", seed=7,
                      teams=("Red", "Blue"), time_source=FakeTime())
    with Store(tmp_path / DB_NAME) as store:
        session_id = save_session(store, session)
        session.start()
        play_to(session, 21.0)
        session.act(Choice("freeze", (), "We froze" + HOSTILE))
        session.answer(0, "Because" + HOSTILE)
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("UPDATE sessions SET scenario_id = ?, teams = ? WHERE id = ?",
                     ("student" + HOSTILE, '["R\\u001b[2Jed", "B\\u202elue"]', session_id))
    return tmp_path


@pytest.mark.parametrize("argv", [
    ("sessions",), ("sessions", "--scenario", "x" + HOSTILE), ("history",),
    ("report",), ("report", "--format", "html"), ("report", "--format", "json"),
    ("report", "99999"), ("resume", "99999"), ("present", "99999")],
    ids=lambda argv: "-".join(a for a in argv if a.isalnum() or a.startswith("-"))[:30])
def test_no_command_prints_a_control_character_from_a_tampered_journal(
        tampered: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, printed = run(capsys, *argv, "--data-dir", str(tampered))
    assert clean(printed), repr(printed[:400])
    assert "Traceback" not in printed
    assert code in (0, 2)


def test_sessions_shows_the_tampered_id_as_its_escape(
        tampered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, printed = run(capsys, "sessions", "--data-dir", str(tampered))
    assert code == 0
    assert "student\\x1b]0;pwned\\x07" in printed
    assert len(printed.splitlines()) == 2  # the header and one row: no newline smuggled in


def test_every_report_format_written_to_a_file_is_text(
        tampered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(tampered / DB_NAME) as conn:  # the scenario id a report needs, back
        conn.execute("UPDATE sessions SET scenario_id = 'student-support-release'")
    for form in ("md", "html", "json"):
        output = tampered / f"report.{form}"
        code, printed = run(capsys, "report", "--format", form, "-o", str(output),
                            "--data-dir", str(tampered))
        assert code == 0, printed
        assert clean(output.read_text(encoding="utf-8")), form
        assert clean(printed)


def test_a_scenario_made_by_code_with_escapes_in_every_prose_field_renders_as_text() -> None:
    scenario: Scenario = poisoned(bundled())
    assert HOSTILE in scenario.title  # the corpus reached the records
    session = new_run(scenario, seed=7, time_source=FakeTime())
    session.start()
    play_to(session, 21.0)
    session.act(Choice("freeze", (), HOSTILE))
    report = report_from_session(session)
    for name, text in [("handouts", handouts_html(scenario)), ("markdown", to_markdown(report)),
                       ("html", to_html(report)), ("timeline", timeline_svg(scenario))]:
        assert clean(text), name


def test_sessions_of_a_scenario_with_none_says_so_and_not_that_nothing_is_saved(
        tampered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, printed = run(capsys, "sessions", "--scenario", "pricing", "--data-dir", str(tampered))
    assert code == 0
    assert "No sessions of scenario pricing" in printed
    assert "1 of other scenarios" in printed
    assert "saved yet" not in printed


def test_sessions_bounds_the_scenario_name_it_quotes(
        tampered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, printed = run(capsys, "sessions", "--scenario", "x" * 100_000,
                        "--data-dir", str(tampered))
    assert code == 0
    assert len(printed) < 400


@pytest.mark.parametrize("command", ["present", "resume", "report"])
def test_a_missing_session_is_refused_with_exit_2_by_every_command_that_names_one(
        tampered: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, printed = run(capsys, command, "99999", "--data-dir", str(tampered))
    assert code == 2
    assert "no session 99999" in printed


def test_present_of_a_session_in_a_folder_with_no_store_exits_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, printed = run(capsys, "present", "3", "--data-dir", str(tmp_path))
    assert code == 2
    assert "no session 3" in printed
    assert not (tmp_path / DB_NAME).exists()  # asking created nothing


def test_a_folder_in_the_stores_place_is_named_as_a_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / DB_NAME).mkdir()
    code, printed = run(capsys, "sessions", "--data-dir", str(tmp_path))
    assert code == 2
    assert "is a folder, not a tabletop store" in printed
    assert "writable" not in printed


@pytest.mark.parametrize(("make", "says"), [
    (lambda d: ((d / "a.yaml").symlink_to(d / "b.yaml"), (d / "b.yaml").symlink_to(d / "a.yaml")),
     "is a loop of symbolic links"),
    (lambda d: (d / "a.yaml").symlink_to(d / "gone.yaml"),
     "is a symbolic link to a file that does not exist"),
    (lambda d: None, "no such file")])
def test_a_file_that_cannot_be_reached_is_refused_saying_why(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, says: str) -> None:
    make(tmp_path)
    code, printed = run(capsys, "validate", str(tmp_path / "a.yaml"))
    assert code == 2
    assert printed.startswith(f"{tmp_path / 'a.yaml'}: {says}")
    assert printed.count("\n") == 1


@pytest.mark.parametrize("content", [
    "root:x:0:0:secret-gecos-field:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/nologin\n",
    "password = hunter2-secret-token\n[section]\n",
    "- secret-gecos-field\n- hunter2-secret-token\n",
    "secret: [unbalanced hunter2-secret-token\n", '"unterminated hunter2-secret-token\n',
    "%YAML 9.9 hunter2-secret-token\n", "key: value: hunter2-secret-token\n",
    "@hunter2-secret-token\n", "a:\n  - b\n c hunter2-secret-token\n",
    "{secret-gecos-field: 1, hunter2-secret-token: 2, " + "k" * 500 + ": 3}\n"])
def test_a_refusal_of_a_file_that_is_no_scenario_does_not_print_its_content(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    system_file = tmp_path / "system"
    system_file.write_text(content, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(system_file)
    code, printed = run(capsys, "validate", str(tmp_path / "link.yaml"))
    assert code == 2
    assert "hunter2" not in printed  # at most the one token refused (a key), bounded
    assert "k" * 61 not in printed
    assert printed.count("\n") == 1
    assert "gecos" not in printed or printed.split(": ")[1] == "secret-gecos-field"


@pytest.mark.parametrize(("old", "new"), [
    ("action: rollback}", "action: {}}}"), ("home_segment: en", "home_segment: {}"),
    ("tag: technical, text: offline", "tag: {}, text: offline"),
    ("effect: continue", "effect: {}")])
def test_a_refusal_quotes_a_name_from_the_file_bounded(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(mutate(old, new.format("z" * 200_000)), encoding="utf-8")
    code, printed = run(capsys, "validate", str(path))
    assert code == 2
    assert "z" * 61 not in printed
    assert printed.count("\n") == 1


@pytest.mark.parametrize("command", ["validate", "simulate", "timeline", "handouts"])
def test_every_command_that_reads_a_file_refuses_an_escape_in_it_printing_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(mutate("title: Mini release", 'title: "Mini \\e]0;pwned\\a \\x9b2J"'),
                    encoding="utf-8")
    output = () if command in ("validate", "simulate") else ("-o", str(tmp_path / "out"))
    code, printed = run(capsys, command, str(path), *output)
    assert code == 2
    assert clean(printed), repr(printed)
    assert "hostile.yaml:" in printed
    assert ": title: character U+001B" in printed
    assert not (tmp_path / "out").exists()
