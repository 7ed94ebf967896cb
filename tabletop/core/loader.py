"""Read scenario files into `Scenario` values, with errors that name file, line and field.

YAML is composed into nodes (not constructed into objects) so that every value keeps its line
and column, no tag can build an object, and alias expansion is bounded. The nodes are then
converted by walking the type hints of `model`, which is also what `schema` walks.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import string
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tabletop.core import model
from tabletop.core.errors import ScenarioError
from tabletop.core.signals import TEMPLATE_FIELDS
from tabletop.core.variation import stream_value

MAX_FILE_BYTES = 1_000_000
"""Scenario files are hand-written; anything larger is a mistake or an attack."""
MAX_NODES = 25_000
"""Bounds alias expansion ("billion laughs") long before it costs time or memory: the bundled
scenarios hold about 600 values, and converting 25,000 takes a fraction of a second."""
MAX_DEPTH = 64
"""The format nests about ten levels; anything far deeper is a mistake or an attack."""
MAX_STREAM_ITEMS = 100_000
"""Items a stream may generate over an exercise (the bundled scenarios make a few thousand);
bounds the time `simulate` takes, since every item is drawn and routed in Python."""

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}


Mark = tuple[int, int]
Path_ = tuple[str | int, ...]


def format_path(path: Path_) -> str:
    """`("injects", 2, "evidence")` as `injects[2].evidence`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML has it: the pure-Python one takes some 20 seconds over a
megabyte of short values. Both resolve tags with the same Python resolver."""
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
"""Characters YAML does not allow in a stream (PyYAML's own test, found here with a line)."""


def _compose(text: str, file: str) -> yaml.Node | None:
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
    depth = values = 0
    for event in yaml.parse(text, Loader=_LOADER):
        problem = ""
        if isinstance(event, yaml.events.NodeEvent):
            values += 1
            if values > MAX_NODES:
                problem = (f"more than {MAX_NODES} values; scenario files hold a few hundred "
                           "to a few thousand")
        if isinstance(event, yaml.events.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problem = f"values nested more than {MAX_DEPTH} levels deep"
        elif isinstance(event, yaml.events.CollectionEndEvent):
            depth -= 1
        if problem:
            mark = event.start_mark
            raise ScenarioError(file, problem, line=mark.line + 1 if mark else None,
                                column=mark.column + 1 if mark else None)
    return yaml.compose(text, Loader=_LOADER)


class _Reader:
    """Converts one composed document into model values, remembering where each came from."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[Path_, Mark] = {}
        self._nodes = 0
        self._scalars = yaml.constructor.SafeConstructor()

    def error(self, node: yaml.Node | None, path: Path_, message: str) -> ScenarioError:
        if node is None:
            line, column = self.mark_for(path)
            return ScenarioError(self.file, message, line=line, column=column,
                                 field_path=format_path(path))
        mark = node.start_mark
        return ScenarioError(self.file, message, line=mark.line + 1, column=mark.column + 1,
                             field_path=format_path(path))

    def mark_for(self, path: Path_) -> Mark:
        """Line and column of the nearest recorded value on or above `path`."""
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def convert(self, node: yaml.Node, hint: Any, path: Path_) -> Any:
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise self.error(node, path, f"document expands to more than {MAX_NODES} values "
                             "(alias expansion?)")
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self._check_tag(node, path)
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            return self._union(node, hint, path)
        if origin is typing.Literal:
            value = self._scalar(node, path)
            allowed = typing.get_args(hint)
            if value not in allowed:
                raise self.error(node, path, f"expected one of {', '.join(map(str, allowed))}; "
                                 f"got {value!r}")
            return value
        if origin is tuple:
            return self._tuple(node, typing.get_args(hint)[0], path)
        if origin is dict:
            return self._dict(node, typing.get_args(hint)[1], path)
        if dataclasses.is_dataclass(hint):
            return self._dataclass(node, hint, path)
        return self._primitive(node, hint, path)

    def _union(self, node: yaml.Node, hint: Any, path: Path_) -> Any:
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
        return self.convert(node, chosen, path)

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, path, "expected a single value, got a "
                             + ("list" if isinstance(node, yaml.SequenceNode) else "mapping"))
        self._check_tag(node, path)
        kind = node.tag.removeprefix(_STD)
        if kind in ("str", "timestamp"):
            return node.value
        if kind in ("int", "float") and not node.style:  # plain, not quoted
            self._check_plain_number(node, path)
        constructor = getattr(self._scalars, f"construct_yaml_{kind}")
        try:
            return constructor(node)
        except (ValueError, KeyError, yaml.YAMLError):
            # An explicit tag on a value it does not fit, such as `!!int abc`.
            raise self.error(node, path, f"{node.value!r} is not a valid {kind}") from None

    def _check_plain_number(self, node: yaml.ScalarNode, path: Path_) -> None:
        """Refuse YAML 1.1's surprising numbers, which read as other than they show.

        `1:30` is the base-60 number 90 and `010` the octal number 8; an author who wrote
        either meant a minute and a half, or ten.
        """
        text = node.value.lstrip("+-")
        if ":" in text:
            base, advice = "base-60", "write minutes as a decimal (1.5 for 1:30)"
        elif len(text) > 1 and text[0] == "0" and text.isdigit():
            base, advice = "octal", "drop the leading zero"
        else:
            return
        value = getattr(self._scalars, f"construct_yaml_{node.tag.removeprefix(_STD)}")(node)
        raise self.error(node, path, f"{node.value} reads as the {base} number {value!r}; "
                         f"{advice}, or quote it if you mean text")

    def _check_tag(self, node: yaml.Node, path: Path_) -> None:
        """Refuse any tag but plain YAML's (`!!python/object/apply:...`, `!foo`, `!!set`).

        Checked before the node's shape, so a tagged list where text belongs is reported as
        the tag it is, not as a list.
        """
        allowed = (_SCALAR_TAGS if isinstance(node, yaml.ScalarNode) else
                   {f"{_STD}seq"} if isinstance(node, yaml.SequenceNode) else {f"{_STD}map"})
        if node.tag not in allowed:
            raise self.error(node, path, f"tag {node.tag} is not allowed in scenario files; "
                             "expected plain text, numbers, lists and mappings")

    def _keys(self, node: yaml.MappingNode, path: Path_) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The mapping's (key, key node, value node), refusing a key given twice."""
        out: list[tuple[str, yaml.Node, yaml.Node]] = []
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(self._scalar(key_node, path))
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise self.error(key_node, (*path, key),
                                 f"duplicate key '{key}' (first defined on line {first})")
            seen[key] = key_node
            out.append((key, key_node, value_node))
        return out

    def _primitive(self, node: yaml.Node, hint: Any, path: Path_) -> Any:
        value = self._scalar(node, path)
        if hint is float and isinstance(value, float) and not math.isfinite(value):
            # .inf or .nan would stall the simulation or poison every figure derived from it.
            raise self.error(node, path, f"expected a finite number, got {value!r}")
        if hint is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if hint is str and isinstance(value, int | float) and not isinstance(value, bool):
            raise self.error(node, path, f"expected text, got the number {value!r} "
                             "(quote it if you mean text)")
        if not isinstance(value, hint) or (hint is not bool and isinstance(value, bool)):
            names = {str: "text", float: "a number", int: "a whole number", bool: "true or false"}
            raise self.error(node, path, f"expected {names.get(hint, hint.__name__)}, "
                             f"got {_describe(value)}")
        return value

    def _tuple(self, node: yaml.Node, item: Any, path: Path_) -> tuple[Any, ...]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, path, "expected a list")
        return tuple(self.convert(child, item, (*path, i)) for i, child in enumerate(node.value))

    def _dict(self, node: yaml.Node, item: Any, path: Path_) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, path, "expected a mapping of names to values")
        out: dict[str, Any] = {}
        for key, _key_node, value_node in self._keys(node, path):
            out[key] = self.convert(value_node, item, (*path, key))
        return out

    def _dataclass(self, node: yaml.Node, cls: Any, path: Path_) -> Any:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, path, f"expected a mapping ({_title(cls)})")
        hints, fields = _fields(cls)
        values: dict[str, Any] = {}
        for key, key_node, value_node in self._keys(node, path):
            if key not in fields:
                raise self.error(key_node, (*path, key),
                                 f"unknown field; expected one of {', '.join(fields)}")
            values[key] = self.convert(value_node, hints[key], (*path, key))
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
    return f"the text {str(value)!r}"


def _title(cls: Any) -> str:
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0].rstrip(".").lower()


def read_text(path: Path) -> str:
    """The file's text, or a ScenarioError saying why it cannot be read."""
    name = str(path)
    try:
        return _decode(name, _read_bytes(name, path))
    except OSError as err:
        # Unreadable, a name too long for the system, removed while being read, ...
        raise ScenarioError(name, f"cannot be read ({err.strerror or err})") from None


def _read_bytes(name: str, path: Path) -> bytes:
    if not path.exists():
        raise ScenarioError(name, "no such file")
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


def _position(data: bytes, offset: int) -> Mark:
    """1-based line and column (in bytes) of an offset."""
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def parse_scenario(text: str, file: str = "<scenario>") -> model.Scenario:
    """Parse and check scenario YAML text; raise ScenarioError on any problem."""
    try:
        node = _compose(text, file)
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
        raise ScenarioError(file, "the file is empty; expected a scenario mapping")
    reader = _Reader(file)
    scenario = reader.convert(node, model.Scenario, ())
    for path, message in check_references(scenario):
        raise reader.error(None, path, message)
    return scenario


def load_scenario(path: Path) -> model.Scenario:
    """Read, parse and check one scenario file."""
    return parse_scenario(read_text(path), str(path))


def check_references(s: model.Scenario) -> Iterator[tuple[Path_, str]]:
    """Every id a scenario names must exist; yields (field path, problem)."""
    yield from _unique_ids(s)
    actions = {a.id for a in s.actions}
    injects = {i.id for i in s.injects}
    decisions = {d.id for d in s.decisions}
    statements = {r.id for r in s.statements}
    checks = {c.id for d in s.decisions for c in d.checks}

    def unknown(kind: str, name: str, known: set[str]) -> str:
        return f"unknown {kind} '{name}'; known: {', '.join(sorted(known)) or 'none'}"

    if s.end_minute <= s.start_minute:
        yield ("end_minute",), "must be later than start_minute"
    if not 0 <= s.rollout.initial_exposure <= 1:
        yield ("rollout", "initial_exposure"), "expected a share of traffic from 0 to 1"
    for n, request in enumerate(s.statements):
        if not request.fields:
            yield ("statements", n, "fields"), "expected at least one field to fill in"
        elif len(set(request.fields)) != len(request.fields):
            yield ("statements", n, "fields"), "expected each field named once"
    for r, role in enumerate(s.roles):
        for key in role.prompts:
            if key not in injects:
                yield ("roles", r, "prompts", key), unknown("inject", key, injects)
    for n, line in enumerate(s.runbook):
        for k, name in enumerate(getattr(line, "done_by", ())):
            if name not in actions | statements:
                yield ("runbook", n, "done_by", k), unknown(
                    "action or communication request", name, actions | statements)
    for d, point in enumerate(s.decisions):
        for o, option in enumerate(point.options):
            if option not in actions:
                yield ("decisions", d, "options", o), unknown("action", option, actions)
        if point.checks_with and point.checks_with not in point.options:
            yield ("decisions", d, "checks_with"), unknown(
                "option of this decision", point.checks_with, set(point.options))
    for i, inject in enumerate(s.injects):
        where: Path_ = ("injects", i)
        if not s.start_minute <= inject.minute <= s.end_minute:
            yield (*where, "minute"), (f"{inject.minute:g} is outside the exercise "
                                       f"({s.start_minute:g} to {s.end_minute:g})")
        if inject.decision and inject.decision not in decisions:
            yield (*where, "decision"), unknown("decision point", inject.decision, decisions)
        if inject.requests_statement and inject.requests_statement not in statements:
            yield (*where, "requests_statement"), unknown(
                "communication request", inject.requests_statement, statements)
        cond = inject.when
        if cond is None:
            continue
        for field_name, known, kind in (("chose", actions, "action"),
                                        ("not_acted", actions, "action"),
                                        ("checks", checks, "check")):
            for n, name in enumerate(getattr(cond, field_name)):
                if name not in known:
                    yield (*where, "when", field_name, n), unknown(kind, name, known)
        if cond.no_statement and cond.no_statement not in statements:
            yield (*where, "when", "no_statement"), unknown(
                "communication request", cond.no_statement, statements)
        if cond.exposure_at_least is not None and not 0 <= cond.exposure_at_least <= 1:
            yield (*where, "when", "exposure_at_least"), "expected a share of traffic from 0 to 1"
    yield from _check_stream(s.stream)
    yield from _check_templates(s)
    yield from _check_variation(s)
    yield from _check_volume(s)
    yield from _check_rubric(s, actions, injects, statements)


def _unique_ids(s: model.Scenario) -> Iterator[tuple[Path_, str]]:
    groups: dict[str, list[tuple[Path_, str]]] = {
        "roles": [(("roles", n), x.id) for n, x in enumerate(s.roles)],
        "actions": [(("actions", n), x.id) for n, x in enumerate(s.actions)],
        "injects": [(("injects", n), x.id) for n, x in enumerate(s.injects)],
        "evidence": [(("injects", n, "evidence", m), e.id)
                     for n, x in enumerate(s.injects) for m, e in enumerate(x.evidence)],
        "decisions": [(("decisions", n), x.id) for n, x in enumerate(s.decisions)],
        "checks": [(("decisions", n, "checks", m), c.id)
                   for n, x in enumerate(s.decisions) for m, c in enumerate(x.checks)],
        "communication request": [(("statements", n), x.id)
                                  for n, x in enumerate(s.statements)],
        "criteria": [(("rubric", "criteria", n), x.id) for n, x in enumerate(s.rubric.criteria)],
    }
    for kind, entries in groups.items():
        seen: set[str] = set()
        for path, ident in entries:
            if ident in seen:
                yield (*path, "id"), f"duplicate {kind} id '{ident}'"
            seen.add(ident)


_EVIDENCE_TAGS: tuple[str, ...] = typing.get_args(model.EvidenceTag)
_HARM_COUNTERS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(model.HarmLabels))
"""The harm counters a `harm` criterion may weigh; `HarmLabels` names each of them."""


def _statement_fields(s: model.Scenario, request_id: str) -> tuple[str, ...]:
    return next((r.fields for r in s.statements if r.id == request_id), ())


def _check_templates(s: model.Scenario) -> Iterator[tuple[Path_, str]]:
    """Evidence may quote run figures as {name}; any other brace is a mistake."""
    for i, inject in enumerate(s.injects):
        for e, evidence in enumerate(inject.evidence):
            try:
                names = [name for _, name, _, _ in string.Formatter().parse(evidence.text)
                         if name is not None]
            except ValueError as err:
                yield ("injects", i, "evidence", e, "text"), (
                    f"{err}; write a literal brace as {{{{ or }}}}")
                continue
            for name in names:
                if name not in TEMPLATE_FIELDS:
                    yield ("injects", i, "evidence", e, "text"), (
                        f"unknown figure {{{name}}}; known: {', '.join(TEMPLATE_FIELDS)} "
                        "(write a literal brace as {{ or }})")


def _check_variation(s: model.Scenario) -> Iterator[tuple[Path_, str]]:
    for path, bounds in s.variation.items():
        where: Path_ = ("variation", path)
        try:
            value = stream_value(s.stream, path)
        except KeyError:
            yield where, "not a parameter of the stream model (e.g. candidate.other.override)"
            continue
        if not isinstance(value, float):
            yield where, "only number parameters can vary"
        elif len(bounds) != 2 or bounds[0] > bounds[1]:
            yield where, "expected [low, high]"


def _check_stream(stream: model.Stream) -> Iterator[tuple[Path_, str]]:
    where: Path_ = ("stream",)
    for name in ("segments", "classes"):
        shares: dict[str, float] = getattr(stream, name)
        if not shares or any(v < 0 for v in shares.values()) or sum(shares.values()) <= 0:
            yield (*where, name), "expected positive shares"
    if stream.home_segment not in stream.segments:
        yield (*where, "home_segment"), f"'{stream.home_segment}' is not one of the segments"
    for name in ("critical_class", "fallback_class"):
        value = getattr(stream, name)
        if value not in stream.classes:
            yield (*where, name), f"'{value}' is not one of the classes"
    if stream.per_minute <= 0:
        yield (*where, "per_minute"), "must be more than 0"


def _check_volume(s: model.Scenario) -> Iterator[tuple[Path_, str]]:
    """The stream must stay small enough to simulate in seconds (the history starts 20 minutes
    before deployment, as in `Simulation`)."""
    start = min(s.start_minute, s.rollout.deploy_minute - 20.0)
    # A solo drill may draw the rate from its variation range, so the top of it must fit too.
    varied = s.variation.get("per_minute", ())
    per_minute = max((s.stream.per_minute, *varied))
    where: Path_ = (("stream", "per_minute") if per_minute == s.stream.per_minute
                    else ("variation", "per_minute"))
    expected = per_minute * (s.end_minute - start)
    if expected > MAX_STREAM_ITEMS:
        yield where, (f"{per_minute:g} per minute makes about {expected:.0f} items over the "
                      f"exercise; expected at most {MAX_STREAM_ITEMS}")


def _check_rubric(
    s: model.Scenario, actions: set[str], injects: set[str], statements: set[str],
) -> Iterator[tuple[Path_, str]]:
    for c, crit in enumerate(s.rubric.criteria):
        where: Path_ = ("rubric", "criteria", c)
        if crit.max <= 0:
            yield (*where, "max"), "must be more than 0"
        for n, name in enumerate(crit.actions):
            if name not in actions:
                yield (*where, "actions", n), f"unknown action '{name}'"
        for n, stage in enumerate(crit.stages):
            if stage.after not in injects:
                yield (*where, "stages", n, "after"), f"unknown inject '{stage.after}'"
            for name in stage.outcomes:
                if name not in actions:
                    yield (*where, "stages", n, "outcomes", name), (
                        f"unknown option '{name}'; known actions: {', '.join(sorted(actions))}")
        if crit.after and crit.after not in injects:
            yield (*where, "after"), f"unknown inject '{crit.after}'"
        if crit.statement and crit.statement not in statements:
            yield (*where, "statement"), f"unknown communication request '{crit.statement}'"
        elif crit.verify_trace and crit.verify_trace not in _statement_fields(s, crit.statement):
            yield (*where, "verify_trace"), (
                f"'{crit.verify_trace}' is not a field of the communication request "
                f"'{crit.statement}'; expected one of "
                f"{', '.join(_statement_fields(s, crit.statement)) or 'none'}")
        for name in ("strong_tags", "trap_tags"):
            for n, tag in enumerate(getattr(crit, name)):
                if tag not in _EVIDENCE_TAGS:
                    yield (*where, name, n), (f"unknown evidence tag '{tag}'; expected one of "
                                              f"{', '.join(_EVIDENCE_TAGS)}")
        for n, name in enumerate(crit.trap_actions):
            if name not in actions:
                yield (*where, "trap_actions", n), f"unknown action '{name}'"
        for name in crit.weights:
            if name not in _HARM_COUNTERS:
                yield (*where, "weights", name), (f"unknown harm counter '{name}'; expected one "
                                                  f"of {', '.join(_HARM_COUNTERS)}")
        for n, group in enumerate(crit.sequence):
            for m, name in enumerate(group):
                if name not in actions | statements:
                    yield (*where, "sequence", n, m), (
                        f"unknown action or communication request '{name}'")
        required = {"decision": "stages", "timeliness": "after", "statement": "statement",
                    "order": "sequence", "completeness": "actions"}.get(crit.kind)
        if required and not getattr(crit, required):
            yield (*where, required), f"a {crit.kind} criterion needs {required}"
    for n, planned in enumerate(s.rubric.reference_plan):
        if planned.action not in actions:
            yield ("rubric", "reference_plan", n, "action"), f"unknown action '{planned.action}'"
    bands = [b.min_percent for b in s.rubric.grades]
    if not bands or bands != sorted(bands, reverse=True):
        yield ("rubric", "grades"), "expected grade bands, highest first"
