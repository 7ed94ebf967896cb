"""The statement corpus (tests/scoring/statement_corpus.py): honest paraphrases and true
negations keep their points (within 20 % of the reference statement's); every lie, salad,
blame, wrong cause and vague update earns at most half, and its why quotes what is wrong."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.scoring.statement_corpus import CORPUS, REFERENCE, statement_line

_CASES = [(ident, kind, band, text) for ident, corpus in CORPUS.items()
          for kind, band, text in corpus]


def test_the_corpus_holds_sixty_statements_of_every_class_over_both_scenarios() -> None:
    assert len(_CASES) >= 60
    kinds = Counter(kind for _, kind, _, _ in _CASES)
    for kind in ("paraphrase", "negation", "lie", "salad", "blame", "wrong cause",
                 "vague update"):
        assert kinds[kind] >= 4, kind
    assert {ident for ident, *_ in _CASES} == set(REFERENCE)


@pytest.mark.parametrize(("ident", "kind", "band", "text"), _CASES,
                         ids=[f"{i}-{k}-{n}" for n, (i, k, _, _) in enumerate(_CASES)])
def test_each_statement_lands_in_its_band(ident: str, kind: str, band: str, text: str) -> None:
    line = statement_line(ident, text)
    if band == "kept":
        reference = statement_line(ident, REFERENCE[ident]).points
        assert line.points >= 0.8 * reference, line.why
        assert "wrong claim" not in line.why, line.why
    else:
        assert line.points <= line.max / 2, line.why
        assert 'says "' in line.why, line.why
