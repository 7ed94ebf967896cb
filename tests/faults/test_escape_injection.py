"""No control sequence from a file, a journal or a player reaches a terminal (issue 18).

YAML decodes escapes in double-quoted text ("\\e", "\\x1b", "\\u001b", "\\x9b", "\\u202e"), so a
scenario's text is checked after decoding: every kind of field refuses a control character or
a bidirectional control with file, line, column and field, and the refusal itself prints none.
Text that reaches the program another way (a journal's rows, a statement a player typed) is
shown as its escape by every command that prints it.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from tabletop.base.text import printable, unsafe_at
from tabletop.cli import main
from tests.helpers import MINI, mutate, position

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Any byte a terminal would obey, or a bidirectional control, in what a command printed."""

ESCAPES = {
    "ESC as \\e": "\\e]0;pwned\\a",
    "ESC as \\x1b": "\\x1b[2J",
    "ESC as \\u001b": "\\u001b]52;c;cHduZWQ=\\a",
    "C1 CSI": "\\x9b2J",
    "right-to-left override": "\\u202eevil",
    "first-strong isolate": "\\u2068x",
    "DEL": "\\x7f",
    "NUL": "\\0",
}
"""What a hostile author writes inside double quotes, by what YAML makes of it."""

PLACES = {
    "the title": ("title: Mini release", 'title: "Mini {}"', "title"),
    "a learning goal": ("learning_goals: [halt a harmful rollout]",
                        'learning_goals: ["halt {}"]', "learning_goals[0]"),
    "an action's label": ("    label: Approve\n", '    label: "Approve {}"\n', "actions[0].label"),
    "a segment's name (a key)": ("segments: {", 'segments: {{"home{}": 0.5, ', "stream.segments"),
    "a debrief question": ('debrief_questions: ["What should have gated the release?"]',
                           'debrief_questions: ["What {}?"]', "debrief_questions[0]"),
    "an action's id": ("  - id: approve\n", '  - id: "approve{}"\n', "actions[0].id"),
    "a role's brief": ("    brief: Decides.\n", '    brief: "Decides {}"\n', "roles[0].brief"),
    "a prompt (a mapping's value)": ("      signals: Halt or wait?\n",
                                     '      signals: "Halt {}"\n', "roles[0].prompts.signals"),
    "an evidence text (a flow mapping)": ("text: offline F1 improved}",
                                          'text: "offline {}"}}', "injects[0].evidence[0].text"),
    "a reference to an action": ("    - {minute: 10, action: rollback}",
                                 '    - {{minute: 10, action: "rollback{}"}}',
                                 "rubric.reference_plan[0].action"),
}
"""Where in a file the text goes: (what is replaced, its hostile form, the field refused)."""


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("escape", list(ESCAPES), ids=list(ESCAPES))
@pytest.mark.parametrize("place", list(PLACES), ids=list(PLACES))
def test_a_decoded_control_character_is_refused_in_every_kind_of_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], place: str, escape: str) -> None:
    old, new, field = PLACES[place]
    assert old in MINI
    text = mutate(old, new.format(ESCAPES[escape]))
    code, printed = run(capsys, "validate", str(written(tmp_path, text)))
    assert code == 2
    assert CONTROL.search(printed) is None, repr(printed)
    assert "is not allowed in scenario text" in printed
    line = position(text, new.format(ESCAPES[escape]).strip())[0]
    assert re.search(rf"hostile\.yaml:{line}:\d+: {re.escape(field)}", printed), printed
    assert "Traceback" not in printed


@pytest.mark.parametrize(("ident", "says"), [
    ('""', "is not an id"), ('"approve\\nnow"', "is not an id"),
    ('"approve\\u200b"', "is not an id"), ('"approve:now"', "is not an id"),
    ('"a b"', "is not an id"), ('"apprové"', "is not an id")])
def test_an_id_that_is_not_one_word_of_letters_digits_dashes_and_dots_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], ident: str, says: str) -> None:
    text = mutate("  - id: approve\n", f"  - id: {ident}\n")
    code, printed = run(capsys, "validate", str(written(tmp_path, text)))
    assert code == 2
    assert says in printed
    assert "actions[0].id" in printed
    assert CONTROL.search(printed) is None


def test_the_scenario_id_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = mutate("id: mini\n", 'id: "mini\\nok"\n')
    code, printed = run(capsys, "validate", str(written(tmp_path, text)))
    assert code == 2
    assert ": id: " in printed
    assert printed.count("\n") == 1  # one line, the newline shown as text


def test_an_unknown_key_holding_an_escape_is_named_without_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = mutate("title: Mini release", 'title: Mini release\n"x\\e]0;t\\a": 1')
    code, printed = run(capsys, "validate", str(written(tmp_path, text)))
    assert code == 2
    assert CONTROL.search(printed) is None
    assert "U+001B" in printed  # named, not obeyed


def test_a_very_long_unknown_key_is_cut_in_the_refusal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = mutate("title: Mini release", "title: Mini release\n" + "k" * 200_000 + ": 1")
    code, printed = run(capsys, "validate", str(written(tmp_path, text)))
    assert code == 2
    assert len(printed) < 3_000


def test_a_rate_that_makes_no_item_is_refused_with_its_bound(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = mutate("  per_minute: ", "  per_minute: 4.9e-324\n  old_per_minute: ")
    text = re.sub(r"\n  old_per_minute: [^\n]*", "", text)
    code, printed = run(capsys, "validate", str(written(tmp_path, text)))
    assert code == 2
    assert "stream.per_minute" in printed
    assert "makes no item over the exercise" in printed
    assert "expected at least" in printed


def test_a_player_statement_with_escapes_is_printed_as_text(
        capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "We rolled back.\x1b]0;pwned\x07 \x9b2J Next update in 30 minutes."
    code, printed = run(capsys, "simulate", "student-support-release", "--action",
                        "20:rollback:r2-overrides", "--statement",
                        f"57:incident-statement:{hostile}")
    assert code == 0
    assert CONTROL.search(printed.replace("\n", "")) is None


def test_sessions_shows_a_journals_hostile_ids_and_names_as_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(capsys, "simulate", "student-support-release")
    assert code == 0
    from tabletop.journal.setup import new_run
    from tabletop.journal.sqlite_journal import save_session
    from tabletop.journal.store import DB_NAME, Store
    from tests.helpers import bundled

    with Store(tmp_path / DB_NAME) as store:
        session_id = save_session(store, new_run(bundled(), ref="student-support-release"))
    with sqlite3.connect(tmp_path / DB_NAME) as conn:  # a journal tampered with by hand
        conn.execute("UPDATE sessions SET scenario_id = ?, teams = ? WHERE id = ?",
                     ("x\x1b]0;pwned\x07", '["R\\u001b[2Jed"]', session_id))
    code, printed = run(capsys, "sessions", "--data-dir", str(tmp_path))
    assert CONTROL.search(printed.replace("\n", "")) is None, repr(printed)
    assert "\\x1b" in printed


def test_printable_shows_every_unsafe_character_and_keeps_the_rest() -> None:
    hostile = "a\x1b[2Jb\x9bc\u202ed\u2066e\x00f\tg\nh é 字 ×"
    shown = printable(hostile)
    assert unsafe_at(shown) is None
    assert shown == "a\\x1b[2Jb\\x9bc\\u202ed\\u2066e\\x00f\tg\nh é 字 ×"
    assert printable("plain text") == "plain text"


def test_every_report_shows_typed_escapes_as_text(tmp_path: Path) -> None:
    from tabletop.exercise.clock import FakeTime
    from tabletop.exercise.engine import Choice
    from tabletop.journal.setup import new_run, play_to
    from tabletop.reports.facts import report_from_session
    from tabletop.reports.json_format import load_json
    from tabletop.reports.writers import write_reports
    from tests.helpers import bundled

    typed = "It\x1b]0;pwned\x07 was\x9b2J us\u202e."
    session = new_run(bundled(), seed=7, time_source=FakeTime())
    play_to(session, 21.0)
    session.act(Choice("freeze", (), typed))
    session.answer(0, typed)
    session.commit("stop", typed)
    session.plan_row(0, typed, typed, typed)
    files = write_reports(report_from_session(session), tmp_path, "hostile")
    assert len(files) >= 3
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert CONTROL.search(text.replace("\n", "").replace("\t", "")) is None, path.name
    (data,) = [p for p in files if p.suffix == ".json"]
    assert load_json(data.read_text(encoding="utf-8"))["debrief"]["answers"][0]["answer"] == typed


@pytest.mark.parametrize("invisible", ["\\u200b", "\\u200d", "\\u2060", "\\ufeff", "\\u00ad"])
def test_a_key_with_a_character_that_shows_nothing_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], invisible: str) -> None:
    text = mutate("segments: {", f'segments: {{"en{invisible}": 0.5, ')
    code, printed = run(capsys, "validate", str(written(tmp_path, text)))
    assert code == 2
    assert "shows nothing and is not allowed in a key" in printed
    shown = invisible.replace("\\u00", "\\x")  # as `printable` writes it: \xad, \u200b
    assert f"stream.segments.en{shown}: " in printed  # the character shown as its escape
