"""How the loader speaks of numbers as written: short, and with a hint where YAML 1.1 reads a
number as text."""

from __future__ import annotations

import math
import re

MAX_SHOWN = 24
"""Characters of a value an error quotes as written; longer ones are described instead."""
MAX_DIGITS = 30
"""A whole number written with more digits is out of every field's range; it is refused
before Python builds it (which it will not past 4,300 digits)."""

_EXPONENT = re.compile(r"[-+]?(\d[\d_]*)?(\.[\d_]*)?[eE][-+]?\d+")
"""A number with an exponent, as Python reads one; YAML 1.1 wants a dot and a signed exponent."""


def digits(text: str) -> int:
    """How many digits `text` holds."""
    return sum(char.isdigit() for char in text)


def shown_number(text: str) -> str:
    """A number as written, or 'a number with 130 digits' when it is too long to quote."""
    text = text.strip()
    return text if len(text) <= MAX_SHOWN else f"a number with {digits(text)} digits"


def shown_text(text: str) -> str:
    """Text as an error quotes it: whole when short, else its start and its length."""
    if len(text) <= 2 * MAX_SHOWN:
        return repr(text)
    return f"{text[:MAX_SHOWN]!r}... ({len(text)} characters)"


def exponent_hint(text: str, whole: bool) -> str:
    """For text such as `1e9` that YAML 1.1 reads as text where a number belongs: how to write
    it so that it reads as the number ('' when the text is no such number)."""
    if not _EXPONENT.fullmatch(text):
        return ""
    try:
        value = float(text.replace("_", ""))
    except ValueError:
        return ""
    if not math.isfinite(value):
        return ""
    forms = [] if whole else [_yaml_float(text)]
    if value.is_integer() and abs(value) < 1e16:
        forms.append(str(int(value)))
    if not forms:
        return ""
    return (f"; YAML reads {text} as text (an exponent needs a dot and a sign): "
            f"write {' or '.join(forms)}")


def _yaml_float(text: str) -> str:
    """`1e9` as YAML 1.1 reads a float: `1.0e+9`."""
    mantissa, _, exponent = text.lower().partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    elif mantissa.endswith("."):
        mantissa += "0"
    if exponent[0] not in "+-":
        exponent = "+" + exponent
    return f"{mantissa}e{exponent}"
