"""JSON Schema of the scenario format, derived from `model` so it cannot disagree with the loader.

Field descriptions are the docstrings under each dataclass field, read from the source with
`ast` (Python keeps no runtime record of attribute docstrings).
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import itertools
import types
import typing
from functools import cache
from typing import Any

from tabletop.base.text import UNSAFE
from tabletop.scenario import model
from tabletop.scenario.bounds import MAX_LIST_ITEMS, Range, bound_of

ID_SCHEMA = f"^{model.ID_PATTERN.pattern}$"
"""An id, as the loader checks it (`model.ID_PATTERN`)."""
TEXT_SCHEMA = "^[^" + "".join(
    char if " " <= char <= "~" else f"\\u{ord(char):04x}" for char in UNSAFE.pattern[1:-1]
) + "]*$"
"""Text, as the loader checks it: none of `base.text.UNSAFE`'s characters, written as JSON
Schema (ECMA-262) escapes so that the file itself holds none of them."""


@cache
def field_docs(cls: type) -> dict[str, str]:
    """Docstring under each field of a dataclass, by field name."""
    tree = ast.parse(inspect.getsource(cls))
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for stmt, after in itertools.pairwise(body):
        if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            docs[stmt.target.id] = " ".join(after.value.value.split())  # one paragraph
    return docs


def _schema(hint: Any, defs: dict[str, Any], bound: Range | None = None) -> dict[str, Any]:
    """The schema of a field's type; `bound` is the range of the numbers it holds."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_schema(a, defs, bound) for a in typing.get_args(hint)]
        return {"anyOf": options}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(hint))}
    if origin is tuple:
        return {"type": "array", "items": _schema(typing.get_args(hint)[0], defs, bound),
                "maxItems": MAX_LIST_ITEMS}
    if origin is dict:
        return {"type": "object", "propertyNames": {"pattern": TEXT_SCHEMA},
                "additionalProperties": _schema(typing.get_args(hint)[1], defs, bound),
                "maxProperties": MAX_LIST_ITEMS}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _object(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", float: "number", int: "integer", bool: "boolean",
              type(None): "null"}
    if hint in (int, float) and bound is not None:
        return {"type": simple[hint], **bound.schema()}
    if hint is str:
        return {"type": "string", "pattern": TEXT_SCHEMA}
    return {"type": simple[hint]}


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    docs = field_docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):
        prop = _schema(hints[f.name], defs, bound_of(cls, f.name))
        if f.name == "id" and prop.get("type") == "string":
            prop = {**prop, "pattern": ID_SCHEMA}
        if f.name in docs:
            prop = {**prop, "description": docs[f.name]}
        properties[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    out: dict[str, Any] = {"type": "object", "description": (cls.__doc__ or "").strip(),
                           "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file."""
    defs: dict[str, Any] = {}
    root = _object(model.Scenario, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tabletop.invalid/scenario.schema.json",
        "title": "tabletop scenario",
        **root,
        "$defs": defs,
    }
