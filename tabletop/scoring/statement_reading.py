"""Read a statement's free text into clauses and the generic English that shapes a claim.

Nothing here knows a scenario: the words that name harm, actions and the next update come from
the scenario's statement facts (`scenario.rubric.StatementFacts`). This module only knows
English: where a clause ends, which words negate ("no", "not", "won't"), which look forward
("will", "further"), which speak of timing ("in time", "until"), numbers ("41", "two") and
times ("T+60", "in 30 minutes", "10:45").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tabletop.base.record import record

_CLAUSE_END = re.compile(
    r"[.!?;]+(?=\s|$)|[;\n]+|[,:](?!\d)|\s+(?:and|but|so|because|since|while|whereas|although|"
    r"though)\s+",
    re.IGNORECASE)
"""Where one claim ends and the next begins: sentence ends, commas, and joining words."""

_NEGATION = re.compile(
    r"\b(?:no|not|nothing|nobody|none|never|neither|nor|without|cannot|no one|"
    r"rather than|instead of)\b|\b\w+n['’]t\b")
"""Words that deny what follows them in a clause."""

_FUTURE = re.compile(
    r"\b(?:will|shall|going to|won['’]t|\w+['’]ll|may|might|could|would|should|if|once|"
    r"plan\w*|expect\w*|intend\w*|consider\w*|aim\w*)\b")
"""Words that make a clause a promise or a possibility, not a report of what happened."""

_ONWARD = re.compile(r"\b(?:further|more|again|longer|anymore|now|currently|still)\b")
"""Words that make a clause about what comes after what already happened ("no further"), or
about now rather than all along ("nobody is affected now")."""

_TIMING = re.compile(
    r"\b(?:in time|on time|soon enough|fast enough|quickly enough|early enough|sooner|"
    r"earlier|until|till|too late)\b")
"""Words that make a denied action a matter of when, not whether ("we could not roll back in
time", "we did not roll back until T+25"): an admission of lateness, not a denial."""

NEGATION_REACH = 3
"""A negation denies a word at most this many words after it ("nobody was affected"); further
on, it denies something else ("nobody noticed at first that items were lost")."""

NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty")
"""Number words read as counts, by value."""
TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90, "hundred": 100, "a hundred": 100}
"""Round number words past twenty, read as counts."""

_NUMBER = "|".join([r"\d{1,6}", *sorted(TENS, key=len, reverse=True), *NUMBER_WORDS])
_UNIT = r"(?:%|percent|per cent|minutes?|mins?|hours?|hrs?|h|am|pm|o['’]clock)(?!\w)"
_COUNT = re.compile(
    rf"(?<![\w.+:/#-])({_NUMBER})(?![\w.:/%-])(?!\s*{_UNIT})")
"""A count: a whole number standing alone, not part of a time, a share, an id or a decimal."""

_T_TIME = re.compile(r"\bt\s*([+-])\s*(\d{1,4})(?::(\d\d))?\b")
_IN_TIME = re.compile(
    rf"\b(?:in|within)\s+(?:the\s+next\s+)?({_NUMBER}|an?|half an)\s*"
    r"(minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?)\b")
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 1440, "w": 10080}
_LATER = {"within the hour": 60, "this hour": 60, "tonight": 360, "tomorrow": 1440,
          "next week": 10080, "next month": 43200, "next year": 525600}
"""Times named in words, in minutes from the statement."""
_WALL_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d\s*(?:am|pm)?|\s*(?:am|pm|o['’]clock))\b")
"""A time of day ("11:00", "3 pm"): a time named, though the exercise cannot check it."""

FACT_WORDS = frozenset((
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "has", "have", "had", "we",
    "our", "it", "its", "they", "their", "them", "to", "of", "in", "on", "at", "by", "for",
    "from", "with", "into", "this", "that", "which", "who", "will", "did", "do", "does", "not",
    "no", "after", "before", "since", "until", "about", "some", "all", "every", "any",
    # verbs whose past has no -ed, as terse reports use them ("admins got wrong prices")
    "got", "saw", "went", "sent", "made", "gave", "took", "came", "began", "found", "lost",
    "kept", "left", "put", "set", "told", "held", "brought", "ran", "hit", "shown", "seen"))
"""The small words a sentence that states a fact has and a list of keywords lacks."""
SENTENCE_WORDS = 4
"""A clause states a fact when it has at least this many words, one of them a `FACT_WORDS`."""

COUNT_REACH = 3
"""A count names the harm whose words begin within this many words after it ("41 urgent
tickets"); further away, the number is about something else."""


@record
class Clause:
    """One claim-sized piece of a statement."""

    text: str
    """As written, trimmed."""
    lower: str
    """Lower-cased, for matching."""

    @property
    def forward(self) -> bool:
        """The clause promises or supposes rather than reports ("we will", "if")."""
        return bool(_FUTURE.search(self.lower))

    @property
    def onward(self) -> bool:
        """The clause is about what comes after ("no further", "no longer")."""
        return bool(_ONWARD.search(self.lower))

    @property
    def timing(self) -> bool:
        """The clause is about when something was done ("not in time", "not until T+25")."""
        return bool(_TIMING.search(self.lower))

    def negated_before(self, position: int) -> bool:
        """A negation stands before `position`, within `NEGATION_REACH` words of it."""
        return any(m.end() <= position
                   and len(self.lower[m.end():position].split()) <= NEGATION_REACH
                   for m in _NEGATION.finditer(self.lower))


def clauses(text: str) -> list[Clause]:
    """The statement split into clauses, empty pieces dropped."""
    out = []
    for piece in _CLAUSE_END.split(text):
        piece = piece.strip(" \t\"'()[]:-")
        if piece:
            out.append(Clause(piece, piece.lower()))
    return out


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Matches any of `words` at the start of a word, case aside ("misrout" in "misrouted")."""
    alternatives = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in alternatives) + ")")


def _value(token: str) -> int:
    if token in TENS:
        return TENS[token]
    return NUMBER_WORDS.index(token) if token in NUMBER_WORDS else int(token)


def states_a_fact(clause: Clause) -> bool:
    """The clause reads as a sentence, not a list of keywords ("misrouted student rolled")."""
    # Whole words only: an id such as "d9a74cd6" holds letters, not words.
    tokens = (t.strip(".,;:!?\"()[]") for t in clause.lower.split())
    words = [t for t in tokens if t and t.replace("'", "").replace("-", "").isalpha()]
    return len(words) >= SENTENCE_WORDS and any(w in FACT_WORDS for w in words)


def names_a_time(clause: Clause) -> bool:
    """The clause names when something comes, whether or not the exercise can place it."""
    return (minute_named(clause, 0.0) is not None
            or _WALL_CLOCK.search(clause.lower) is not None)


def counts(clause: Clause, words: re.Pattern[str]) -> list[tuple[int, int, int]]:
    """Each count in the clause followed within `COUNT_REACH` words by one of `words`, as
    (value, where the count starts, how far after it the word starts); "no one" is a
    negation, never the count one."""
    out = []
    for match in _COUNT.finditer(clause.lower):
        if match.group(1) == "one" and re.search(r"\b(?:no|any|some|every)\s+$",
                                                 clause.lower[:match.start()]):
            continue
        after = clause.lower[match.end():]
        following = re.findall(r"\S+", after)[:COUNT_REACH]
        reach = after.find(following[-1]) + len(following[-1]) if following else 0
        found = words.search(after[:reach])
        if found is not None:
            out.append((_value(match.group(1)), match.start(), found.start()))
    return out


def clock_minute(clause: Clause) -> float | None:
    """The scenario minute a clause names on the game clock ("T+25", "T-05:30"), or None.

    A wall-clock time ("10:45") is never read as a minute: the exercise has no wall clock to
    place it on, so such times are left unchecked (and never read as counts)."""
    found = _T_TIME.search(clause.lower)
    if found is None:
        return None
    minutes = int(found.group(2)) + int(found.group(3) or 0) / 60
    return minutes if found.group(1) == "+" else -minutes


def minute_named(clause: Clause, now: float) -> float | None:
    """The scenario minute a clause names: "T+90", or "in 30 minutes", "tomorrow" counted
    from `now`."""
    minute = clock_minute(clause)
    if minute is not None:
        return minute
    later = next((m for words, m in _LATER.items() if words in clause.lower), None)
    if later is not None:
        return now + later
    found = _IN_TIME.search(clause.lower)
    if found is None:
        return None
    amount = {"a": 1.0, "an": 1.0, "half an": 0.5}.get(found.group(1))
    value = amount if amount is not None else _value(found.group(1))
    return now + value * _UNIT_MINUTES.get(found.group(2)[0], 1)
