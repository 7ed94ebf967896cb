"""Read scenario files into `Scenario` values, with errors that name file, line and field.

YAML is composed into nodes (not constructed into objects) so that every value keeps its line
and column, no tag can build an object, and alias expansion is bounded. The nodes are then
converted by walking the type hints of `model`, which is also what `schema` walks.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from tabletop.base.text import INVISIBLE, bounded, describe, unsafe_at
from tabletop.scenario import model
from tabletop.scenario.bounds import MAX_LIST_ITEMS, Range, bound_of
from tabletop.scenario.checks import check_references
from tabletop.scenario.errors import FieldPath, ScenarioError
from tabletop.scenario.model import ID_PATTERN, ID_RULE
from tabletop.scenario.numbers import (
    MAX_DIGITS,
    digits,
    exponent_hint,
    shown_number,
    shown_text,
)
from tabletop.scenario.outcomes import DEFAULT_HARM_WEIGHTS
from tabletop.scenario.yaml_source import MAX_EXPANDED_CHARS, MAX_NODES, Mark, compose, read_text

_T = TypeVar("_T")

MoreChecks = Callable[[model.Scenario], Iterable[tuple[FieldPath, str]]]
"""Checks a caller adds to the file's own: each yields (field path, problem)."""

_STD = "tag:yaml.org,2002:"
_CUT_BY_COMMENT = re.compile(r"[ \t]+(#[^\s#]\S*)")
"""What follows a plain text on its line when a '#word' (a channel, a tag) cut it short."""
_SCALAR_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NAMES = {str: "text", float: "a number", int: "a whole number", bool: "true or false"}


def format_path(path: FieldPath) -> str:
    """`("injects", 2, "evidence")` as `injects[2].evidence` (a long key cut, shown as text)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = bounded(part)  # a key of a hundred thousand characters is cut
        out += f".{name}" if out else name
    return out


class _Reader:
    """Converts one composed document into model values, remembering where each came from."""

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self.text = text
        """The file's text, to see what YAML read past (a comment cutting a sentence)."""
        self.marks: dict[FieldPath, Mark] = {}
        self._nodes = 0
        self._chars = 0
        self._scalars = yaml.constructor.SafeConstructor()

    def error(self, node: yaml.Node | None, path: FieldPath, message: str) -> ScenarioError:
        if node is None:
            line, column = self.mark_for(path)
            return ScenarioError(self.file, message, line=line, column=column,
                                 field_path=format_path(path))
        mark = node.start_mark
        return ScenarioError(self.file, message, line=mark.line + 1, column=mark.column + 1,
                             field_path=format_path(path))

    def mark_for(self, path: FieldPath) -> Mark:
        """Line and column of the nearest recorded value on or above `path`."""
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def convert(self, node: yaml.Node, hint: Any, path: FieldPath,
                bound: Range | None = None) -> Any:
        """The value of `node` as `hint` describes it; `bound` is the range of its numbers."""
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise self.error(node, path, f"document expands to more than {MAX_NODES} values "
                             "(alias expansion?)")
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self._check_tag(node, path)
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            return self._union(node, hint, path, bound)
        if origin is typing.Literal:
            value = self._scalar(node, path)
            allowed = typing.get_args(hint)
            if value not in allowed:
                raise self.error(node, path, f"expected one of {', '.join(map(str, allowed))}; "
                                 f"got {_describe(value)}")
            return value
        if origin is tuple:
            return self._tuple(node, typing.get_args(hint)[0], path, bound)
        if origin is dict:
            return self._dict(node, typing.get_args(hint)[1], path, bound)
        if dataclasses.is_dataclass(hint):
            return self._dataclass(node, hint, path)
        return self._primitive(node, hint, path, bound)

    def _union(self, node: yaml.Node, hint: Any, path: FieldPath, bound: Range | None) -> Any:
        """`X | None`, or a record that may also be written as a plain value (`Line | str`):
        a mapping is read as the record, anything else as the first other option."""
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if isinstance(node, yaml.ScalarNode) and node.tag == f"{_STD}null" \
                and type(None) in typing.get_args(hint):
            return None
        records = [o for o in options if dataclasses.is_dataclass(o)]
        plain = [o for o in options if not dataclasses.is_dataclass(o)]
        chosen = records[0] if records and (isinstance(node, yaml.MappingNode) or not plain) \
            else plain[0]
        return self.convert(node, chosen, path, bound)

    def _scalar(self, node: yaml.Node, path: FieldPath) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, path, "expected a single value, got a "
                             + ("list" if isinstance(node, yaml.SequenceNode) else "mapping"))
        self._check_tag(node, path)
        self._chars += len(node.value)
        if self._chars > MAX_EXPANDED_CHARS:
            raise self.error(node, path, f"document expands to more than {MAX_EXPANDED_CHARS} "
                             "characters of text (an alias counts each time it is used)")
        kind = node.tag.removeprefix(_STD)
        if kind == "int" and digits(node.value) > MAX_DIGITS:
            # Python refuses to build an int past 4,300 digits; no field wants a tenth of that.
            raise self.error(node, path, f"{shown_number(node.value)} is too large for any "
                             "field of a scenario")
        if kind in ("str", "timestamp"):
            self._check_text(node, path)
            return node.value
        if kind in ("int", "float") and not node.style:  # plain, not quoted
            self._check_plain_number(node, path)
        constructor = getattr(self._scalars, f"construct_yaml_{kind}")
        try:
            return constructor(node)
        except (ValueError, KeyError, yaml.YAMLError):
            # An explicit tag on a value it does not fit, such as `!!int abc`.
            raise self.error(node, path, f"{shown_text(node.value)} is not a valid {kind}") \
                from None

    def _check_text(self, node: yaml.ScalarNode, path: FieldPath) -> None:
        """Refuse a control character or a bidirectional override in text, as YAML decoded it
        (a double-quoted "\\e" or "\\u202e" is one): shown later, it would act on the
        terminal, or make the text read other than it is (`base.text`)."""
        at = unsafe_at(node.value)
        if at is not None:
            character = node.value[at]
            kind = ("a bidirectional control" if ord(character) >= 0x200 else
                    "a control character")
            raise self.error(node, path, f"character {describe(character)} ({kind}) is not "
                             "allowed in scenario text; expected printable text")
        if not node.style and node.end_mark is not None:  # plain: not quoted, not a block
            self._check_cut_by_comment(node, path)

    def _check_cut_by_comment(self, node: yaml.ScalarNode, path: FieldPath) -> None:
        """Refuse unquoted text that a ' #word' on its line cuts short: YAML reads everything
        from ' #' on as a comment, so 'posts the stub in #ai-alerts.' would load as 'posts the
        stub in' and say nothing. A comment proper ('# note', a space after the '#') is left
        alone."""
        end = node.end_mark.index
        line_end = self.text.find("\n", end)
        rest = self.text[end:line_end if line_end >= 0 else len(self.text)]
        cut = _CUT_BY_COMMENT.match(rest)
        if cut is None:
            return
        column = node.end_mark.column + cut.start(1) + 1
        raise ScenarioError(
            self.file, f"the text stops at ' {bounded(cut.group(1))}': YAML reads ' #' as the "
            "start of a comment; quote the whole text to keep it",
            line=node.end_mark.line + 1, column=column, field_path=format_path(path))

    def _check_plain_number(self, node: yaml.ScalarNode, path: FieldPath) -> None:
        """Refuse YAML 1.1's surprising numbers, which read as other than they show.

        `1:30` is the base-60 number 90 and `010` the octal number 8; an author who wrote
        either meant a minute and a half, or ten.
        """
        text = node.value.lstrip("+-")
        if text[:2].lower() in ("0x", "0o", "0b") or "_" in text:
            raise self.error(node, path, f"{shown_text(node.value)} is not a decimal number; "
                             "write numbers in decimal digits (40, 0.25, 1e-3)")
        if ":" in text:
            base, advice = "base-60", "write minutes as a decimal (1.5 for 1:30)"
        elif len(text) > 1 and text[0] == "0" and text.isdigit():
            base, advice = "octal", "drop the leading zero"
        else:
            return
        value = getattr(self._scalars, f"construct_yaml_{node.tag.removeprefix(_STD)}")(node)
        raise self.error(node, path, f"{node.value} reads as the {base} number {value!r}; "
                         f"{advice}, or quote it if you mean text")

    def _check_tag(self, node: yaml.Node, path: FieldPath) -> None:
        """Refuse any tag but plain YAML's (`!!python/object/apply:...`, `!foo`, `!!set`).

        Checked before the node's shape, so a tagged list where text belongs is reported as
        the tag it is, not as a list.
        """
        allowed = (_SCALAR_TAGS if isinstance(node, yaml.ScalarNode) else
                   {f"{_STD}seq"} if isinstance(node, yaml.SequenceNode) else {f"{_STD}map"})
        if node.tag not in allowed:
            raise self.error(node, path, f"tag {node.tag} is not allowed in scenario files; "
                             "expected plain text, numbers, lists and mappings")

    def _keys(self, node: yaml.MappingNode,
              path: FieldPath) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The mapping's (key, key node, value node), refusing a key given twice."""
        out: list[tuple[str, yaml.Node, yaml.Node]] = []
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(self._scalar(key_node, path))
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise self.error(key_node, (*path, key),
                                 f"duplicate key '{key}' (first defined on line {first})")
            invisible = INVISIBLE.search(key)
            if invisible is not None:  # a key names something: two names must not look alike
                raise self.error(key_node, (*path, key), f"character "
                                 f"{describe(invisible.group())} shows nothing and is not "
                                 "allowed in a key; expected a name that reads as it is")
            seen[key] = key_node
            out.append((key, key_node, value_node))
        return out

    def _primitive(self, node: yaml.Node, hint: Any, path: FieldPath, bound: Range | None) -> Any:
        long_number = (isinstance(node, yaml.ScalarNode) and node.tag == f"{_STD}int"
                       and digits(node.value) > MAX_DIGITS)
        value = shown_number(node.value) if long_number else self._scalar(node, path)
        number = long_number or (isinstance(value, int | float) and not isinstance(value, bool))
        if hint is str and number:
            raise self.error(node, path, f"expected text, got {_describe_number(node, value)} "
                             "(quote it if you mean text)")
        if hint in (int, float) and number and (hint is float or not isinstance(value, float)):
            return self._number(node, hint, path, bound, value)
        if not isinstance(value, hint) or (hint is not bool and isinstance(value, bool)):
            plain = isinstance(node, yaml.ScalarNode) and not node.style  # not quoted
            hint_text = (exponent_hint(value, hint is int) if isinstance(value, str)
                         and hint in (int, float) and plain else "")
            got = _describe_number(node, value) if number else _describe(value)
            raise self.error(node, path, f"expected {_NAMES.get(hint, hint.__name__)}, "
                             f"got {got}{hint_text}")
        return value

    def _number(self, node: yaml.Node, hint: Any, path: FieldPath, bound: Range | None,
                value: Any) -> Any:
        """A number within its field's range (a whole number past `MAX_DIGITS` digits arrives
        as its description, out of every range)."""
        shown = shown_number(node.value)
        expected = f" ({bound.describe()})" if bound else ""
        if isinstance(value, float) and not math.isfinite(value):
            # .inf or .nan would stall the simulation or poison every figure derived from it.
            raise self.error(node, path, f"expected a finite number{expected}, got {shown}")
        if isinstance(value, str) or (bound is not None and not bound.holds(value)):
            raise self.error(node, path, f"{shown} is out of range; expected "
                             f"{bound.describe() if bound else 'a smaller number'}")
        return float(value) if hint is float else value

    def _tuple(self, node: yaml.Node, item: Any, path: FieldPath,
               bound: Range | None) -> tuple[Any, ...]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, path, "expected a list")
        self._check_count(node, path)
        return tuple(self.convert(child, item, (*path, i), bound)
                     for i, child in enumerate(node.value))

    def _dict(self, node: yaml.Node, item: Any, path: FieldPath,
              bound: Range | None) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, path, "expected a mapping of names to values")
        self._check_count(node, path)
        out: dict[str, Any] = {}
        for key, _key_node, value_node in self._keys(node, path):
            out[key] = self.convert(value_node, item, (*path, key), bound)
        return out

    def _check_count(self, node: yaml.SequenceNode | yaml.MappingNode, path: FieldPath) -> None:
        if len(node.value) > MAX_LIST_ITEMS:
            raise self.error(node, path, f"{len(node.value)} items; expected at most "
                             f"{MAX_LIST_ITEMS} (scenarios hold a few to a few dozen)")

    def _dataclass(self, node: yaml.Node, cls: Any, path: FieldPath) -> Any:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, path, f"expected a mapping ({_title(cls)})")
        hints, fields = _fields(cls)
        values: dict[str, Any] = {}
        for key, key_node, value_node in self._keys(node, path):
            if key not in fields:
                raise self.error(key_node, (*path, key),
                                 f"unknown field; expected one of {', '.join(fields)}")
            values[key] = self.convert(value_node, hints[key], (*path, key), bound_of(cls, key))
            if key == "id" and not ID_PATTERN.fullmatch(str(values[key])):
                raise self.error(value_node, (*path, key), f"{shown_text(str(values[key]))} is "
                                 f"not an id; expected {ID_RULE}")
        for name, f in fields.items():
            required = (f.default is dataclasses.MISSING
                        and f.default_factory is dataclasses.MISSING)
            if required and name not in values:
                raise self.error(node, (*path, name), f"missing required field ({_title(cls)})")
        return cls(**values)


@functools.cache
def _fields(cls: Any) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]]]:
    """Type hints and fields of a model class; cached, since resolving hints is slow and an
    alias-heavy file may convert the same class tens of thousands of times."""
    return typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls)}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return f"the text {shown_text(str(value))}"


def _describe_number(node: yaml.Node, value: Any) -> str:
    """A number as written ('the number 0x3C'), or described when it is too long to quote."""
    shown = shown_number(node.value)
    return shown if shown.startswith("a number") else f"the number {value!r}"


def _title(cls: Any) -> str:
    text: str = cls.__doc__ or cls.__name__
    return text.strip().splitlines()[0].rstrip(".").lower()


def parse_scenario(text: str, file: str = "<scenario>",
                   more_checks: MoreChecks | None = None) -> model.Scenario:
    """Parse and check scenario YAML text; raise ScenarioError on any problem.

    `more_checks` (such as `exercise.story.story_checks`, which plays the stream) yields
    further (field path, problem) pairs once the file's own checks pass, reported the same way.
    """
    def checks(s: model.Scenario) -> Iterable[tuple[FieldPath, str]]:
        yield from check_references(s)
        yield from more_checks(s) if more_checks else ()  # only once the file's own pass

    return _declared_weights(read_document(text, file, model.Scenario, "a scenario", checks))


def read_document(text: str, file: str, cls: type[_T], what: str,
                  checks: Callable[[_T], Iterable[tuple[FieldPath, str]]]) -> _T:
    """YAML text read as the record `cls` describes (a scenario, a gate design), then
    checked: the first problem is raised as a ScenarioError naming file, line, column and
    field."""
    try:
        node = compose(text, file)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = " ".join(p for p in (err.context, err.problem) if p)
        if mark is None:
            raise ScenarioError(file, f"not valid YAML: {message}") from None
        raise ScenarioError(file, f"not valid YAML: {message}", line=mark.line + 1,
                            column=mark.column + 1) from None
    except yaml.YAMLError as err:
        raise ScenarioError(file, f"not valid YAML: {err}") from None
    if node is None:
        raise ScenarioError(file, f"the file is empty; expected {what} mapping")
    reader = _Reader(file, text)
    value: _T = reader.convert(node, cls, ())
    for path, message in checks(value):
        raise reader.error(None, path, message)
    return value


def _declared_weights(scenario: model.Scenario) -> model.Scenario:
    """A harm criterion that names no weights weighs each declared harm outcome at the
    outcome's own weight, and the critical misroutes too where the stream routes (a stream
    that does not route has none, and its why must not name them)."""
    declared = {o.id: o.weight for o in scenario.stream.outcomes if o.harm}
    if not declared:
        return scenario
    routing = DEFAULT_HARM_WEIGHTS if scenario.stream.routes else {}
    criteria = tuple(
        dataclasses.replace(c, weights={**routing, **declared})
        if c.kind == "harm" and not c.weights else c for c in scenario.rubric.criteria)
    return dataclasses.replace(
        scenario, rubric=dataclasses.replace(scenario.rubric, criteria=criteria))


def load_scenario(path: Path, more_checks: MoreChecks | None = None) -> model.Scenario:
    """Read, parse and check one scenario file (`more_checks`: see `parse_scenario`)."""
    return parse_scenario(read_text(path), str(path), more_checks)
