"""Text is wrapped and fitted in time linear in its length (issue 18: one 2,000-character word
took `timeline` 6-7 s, 10,000 more than two minutes, since each cut measured the whole rest).

How much work a layout does is counted, not timed: every measurement goes through
`svg._advances`, and a counter there stops a layout that measures any character more than a
few times, so a quadratic one fails at once instead of running for minutes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tabletop.reports import svg
from tabletop.reports.charts import MARK_MAX_W, MARK_SIZE, fit_label
from tabletop.reports.svg import text_width, wrap

LENGTH = 20_000
MEASURES_PER_CHARACTER = 3
"""A linear layout measures a word once to see that it is too long, once more to cut it."""

TEXTS = {
    "a word of letters": ("incomprehensibilities" * LENGTH)[:LENGTH],
    "combining marks": "e" + "\u0301" * (LENGTH - 1),
    "one line of short words": ("ab " * LENGTH)[:LENGTH],
    "wide characters": "\u5b57" * LENGTH,
}


class Budget:
    """Counts the characters measured; fails as soon as they pass the budget."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.measured = 0

    def advances(self, text: str, bold: bool) -> Iterator[int]:
        self.measured += len(text)
        assert self.measured <= self.limit, (
            f"measured {self.measured:,} characters of a {LENGTH:,}-character text")
        return MEASURE(text, bold)


MEASURE = svg._advances


@pytest.fixture
def budget(monkeypatch: pytest.MonkeyPatch) -> Budget:
    counter = Budget(MEASURES_PER_CHARACTER * LENGTH + 100)
    monkeypatch.setattr(svg, "_advances", counter.advances)
    return counter


@pytest.mark.parametrize("text", list(TEXTS.values()), ids=list(TEXTS))
def test_a_long_text_is_wrapped_measuring_each_character_a_few_times(
        budget: Budget, text: str) -> None:
    lines = wrap(text, 350, 12.5)
    assert budget.measured >= LENGTH // 2  # it was measured through the counter (no spaces)
    assert len(lines) > 1 or text_width(text, 12.5) <= 350


@pytest.mark.parametrize("bold", [False, True])
def test_a_long_word_is_cut_into_pieces_that_fit_each_as_long_as_fits(bold: bool) -> None:
    word = TEXTS["a word of letters"]
    lines = wrap(word, 350, 15, bold)
    assert "".join(lines) == word
    assert all(text_width(line, 15, bold) <= 350 for line in lines)
    # Each piece but the last would overflow with the next character.
    assert all(text_width(line + word[len("".join(lines[:n + 1]))], 15, bold) > 350
               for n, line in enumerate(lines[:-1]))


def test_words_around_a_long_one_keep_their_lines() -> None:
    word = "x" * 200
    lines = wrap(f"before {word} after", 300, 12.5)
    assert lines[0] == "before"
    assert "".join(lines).replace(" ", "") == f"before{word}after"
    assert lines[-1].endswith("after")
    assert all(text_width(line, 12.5) <= 300 for line in lines)


def test_a_room_narrower_than_one_character_still_ends() -> None:
    assert wrap("WWW", 1, 28) == ["W", "W", "W"]


def test_a_long_chart_label_is_fitted_measuring_each_character_a_few_times(
        budget: Budget) -> None:
    label = fit_label(TEXTS["a word of letters"])
    assert label.endswith("\u2026")
    assert text_width(label, MARK_SIZE, bold=True) <= MARK_MAX_W
    assert budget.measured >= LENGTH


def test_a_fitted_label_keeps_as_much_as_fits() -> None:
    label = "Roll back the release " + "w" * 100
    fitted = fit_label(label)
    kept = fitted[:-1]
    assert label.startswith(kept)
    assert text_width(label[:len(kept) + 1] + "\u2026", MARK_SIZE, bold=True) > MARK_MAX_W
    assert fit_label("Roll back") == "Roll back"
