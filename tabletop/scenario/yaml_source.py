"""A scenario file's text, read and composed into YAML nodes within fixed bounds.

Everything here runs before the file's meaning is known: its size, its encoding, its characters,
how many values it holds and how deeply they nest. Each bound is the loader's own, checked
whatever the YAML parser underneath would allow, so a refusal always names the file, the line
and the column, and says what was expected.
"""

from __future__ import annotations

import codecs
import errno
import os
from pathlib import Path
from typing import Any

import yaml

from tabletop.scenario.errors import ScenarioError

MAX_FILE_BYTES = 1_000_000
"""Scenario files are hand-written; anything larger is a mistake or an attack."""
MAX_NODES = 25_000
"""Bounds alias expansion ("billion laughs") long before it costs time or memory: the bundled
scenarios hold about 600 values, and converting 25,000 takes a fraction of a second."""
MAX_EXPANDED_CHARS = 2 * MAX_FILE_BYTES
"""Bounds the text a document expands to, counting an aliased value each time it is used: a
file within `MAX_FILE_BYTES` holds less than half of this without aliases, while a long text
aliased thousands of times would hand every screen and report gigabytes to show."""
MAX_DEPTH = 64
"""The format nests about ten levels; anything far deeper is a mistake or an attack."""

Mark = tuple[int, int]
"""1-based line and column."""


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML has it: the pure-Python one takes some 20 seconds over a
megabyte of short values. Both resolve tags with the same Python resolver."""
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
"""Characters YAML does not allow in a stream (PyYAML's own test, found here with a line)."""


def compose(text: str, file: str) -> yaml.Node | None:
    """The document's node tree, after bounding its size and depth.

    The events are counted before anything is composed: libyaml's composer recurses in C, so a
    file of a few thousand `[` would crash the interpreter, and either composer is slow on a
    file of hundreds of thousands of values. Aliases are counted once here; their expansion is
    bounded by `_Reader`. Duplicate keys are refused by `_Reader` too, which knows the field path.
    """
    bad = _NON_PRINTABLE.search(text)
    if bad:
        offset = bad.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise ScenarioError(file, f"character U+{ord(bad.group()):04X} is not allowed; expected "
                            "printable YAML text", line=line, column=column)
    depth = reached = 0
    try:
        for values, event in enumerate(yaml.parse(text, Loader=_LOADER), start=1):
            if isinstance(event, yaml.events.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.events.CollectionEndEvent):
                depth -= 1
            reached = event.end_mark.index if event.end_mark else reached
            problem = ""
            if values > MAX_NODES:
                problem = (f"more than {MAX_NODES} values; scenario files hold a few hundred "
                           "to a few thousand")
            elif depth > MAX_DEPTH:
                problem = _TOO_DEEP
            if problem:
                raise _error_at(file, text, event.start_mark.index if event.start_mark else 0,
                                problem)
    except yaml.MarkedYAMLError as err:
        # The parser reads ahead of the events it hands over, and may stop at a limit of its
        # own first (libyaml refuses flow collections nested a thousand deep). The depth
        # bound is ours whatever the parser does: look at the text it read past the last event.
        stop = err.problem_mark.index if err.problem_mark else len(text)
        deepest = _flow_depth_exceeded(text, reached, stop, depth)
        if deepest is not None:
            raise _error_at(file, text, deepest, _TOO_DEEP) from None
        raise
    return yaml.compose(text, Loader=_LOADER)


_TOO_DEEP = f"values nested more than {MAX_DEPTH} levels deep"


def _error_at(file: str, text: str, offset: int, problem: str) -> ScenarioError:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return ScenarioError(file, problem, line=line, column=column)


def _flow_depth_exceeded(text: str, start: int, stop: int, depth: int) -> int | None:
    """Where flow collections (`[`, `{`) opened in `text[start:stop]` first take the nesting
    past `MAX_DEPTH`, counting from `depth`; None if they never do.

    Quoted text and comments are skipped; a quote counts as one only where a value can begin
    (after a space, an indicator or a line break), so the apostrophe in `student's` does not.
    """
    quote = ""
    previous = "\n"
    index = start
    while index < stop:
        char = text[index]
        if quote:
            if char == quote and not (quote == '"' and previous == "\\"):
                quote = ""
        elif char in "'\"" and previous in " \t\n[{,:-?":
            quote = char
        elif char == "#" and previous in " \t\n":
            newline = text.find("\n", index, stop)
            index = stop if newline < 0 else newline
            continue
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return index
        elif char in "]}":
            depth -= 1
        previous = "" if previous == "\\" and char == "\\" else char
        index += 1
    return None


def read_text(path: Path) -> str:
    """The file's text, or a ScenarioError saying why it cannot be read."""
    name = str(path)
    try:
        return _decode(name, _read_bytes(name, path))
    except OSError as err:
        # Unreadable, a name too long for the system, removed while being read, ...
        raise ScenarioError(name, f"cannot be read ({err.strerror or err})") from None


def _why_not_found(err: OSError) -> str:
    """Why a named file cannot be reached, in words: a missing file and a loop of links differ."""
    if err.errno == errno.ELOOP:
        return "is a loop of symbolic links; point it at a scenario file"
    if err.errno == errno.ENOENT:
        return "no such file" if not os.path.islink(err.filename or "") else \
            "is a symbolic link to a file that does not exist"
    return f"cannot be read ({err.strerror or err})"


def _read_bytes(name: str, path: Path) -> bytes:
    try:
        path.stat()
    except OSError as err:
        raise ScenarioError(name, _why_not_found(err)) from None
    if path.is_dir():
        raise ScenarioError(name, "is a directory, not a scenario file")
    if not path.is_file():
        # A FIFO or a device would block or never end.
        raise ScenarioError(name, "is not a regular file; expected a scenario file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ScenarioError(name, f"file is {size} bytes; scenario files are limited to "
                            f"{MAX_FILE_BYTES} bytes")
    with path.open("rb") as handle:
        # Read no more than the limit, in case the file grew after the size was checked.
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(name, f"file is over {MAX_FILE_BYTES} bytes; scenario files are "
                            "limited to that")
    return data


def _decode(name: str, data: bytes) -> str:
    wide = _wide_encoding(data)
    if wide:
        raise ScenarioError(name, f"the file is {wide}; save it as UTF-8 (scenario files are "
                            "UTF-8 YAML text)", line=1, column=1)
    if b"\0" in data:
        line, column = _position(data, data.index(b"\0"))
        raise ScenarioError(name, "binary content (NUL byte); expected UTF-8 YAML text",
                            line=line, column=column)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _position(data, err.start)
        raise ScenarioError(name, f"not UTF-8 text (byte 0x{data[err.start]:02x}); "
                            "expected UTF-8 YAML text", line=line, column=column) from None


_WIDE_MARKS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
               (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
"""Byte order marks of the wide encodings, UTF-32's first since its LE mark starts as
UTF-16's does."""


def _wide_encoding(data: bytes) -> str:
    """'UTF-16' or 'UTF-32' when the bytes are text in one of them (as some Windows editors
    save), by its byte order mark or, without one, by the NUL bytes that pad the characters of
    plain text: every other byte (UTF-16) or three in four (UTF-32), in most characters of the
    file's start; '' otherwise."""
    for mark, encoding in _WIDE_MARKS:
        if data.startswith(mark):
            return encoding
    sample = data[:200]
    for width, encoding in ((4, "UTF-32"), (2, "UTF-16")):
        units = [sample[i:i + width] for i in range(0, len(sample) - width + 1, width)]
        padded = sum(unit.count(0) == width - 1 for unit in units)
        if len(units) >= 2 and padded * 4 >= len(units) * 3:
            return encoding
    return ""


def _position(data: bytes, offset: int) -> Mark:
    """1-based line and column (in bytes) of an offset."""
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1
