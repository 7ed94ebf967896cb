"""`@record`: a frozen dataclass whose methods are shared rather than compiled per class.

`@dataclass(frozen=True)` writes six methods for each class as source text and compiles each
with `exec` (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): about
a millisecond a class on Python 3.11. Start-up defines some forty such classes before the
dashboard's first frame, which made them the largest share of tabletop's start-up over a bare
Textual app (see bench/bench_dashboard.py). A record compiles only its `__init__`, and only
when the class is first called: a scenario read back from the cache is unpickled without
calling any `__init__`, so most of the scenario's classes never compile one before the first
frame. The other five methods are written once, below, and read the class's field names.

Records behave as frozen dataclasses do: equal and hashed by their fields (those with
`compare=True`), shown by `repr` (those with `repr=True`), and assigning or deleting a field
once made raises `FrozenInstanceError`. `dataclasses.fields`, `replace` and `asdict` work on
them, pickling too. Type checkers see a frozen dataclass (PEP 681's `frozen_default`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import FrozenInstanceError, field
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform

_T = TypeVar("_T")

_KEY = "__record_key__"
"""Class attribute: a function from an instance to what its equality and hash compare."""
_SHOWN = "__record_shown__"
"""Class attribute: the names of the fields that `repr` shows."""
_MEMO = "__record_memo__"
"""Instance attribute: values derived from the record, kept with it (`memo`)."""


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """Make `cls` a frozen dataclass with the shared methods (see the module's docstring)."""
    if any(dataclasses.is_dataclass(base) for base in cls.__mro__[1:]):
        # A dataclass base has its own compiled methods, which would mix with the shared ones.
        raise TypeError(f"record {cls.__qualname__} must not extend another dataclass")
    for name, method in _SHARED.items():
        if name in cls.__dict__:
            raise TypeError(f"record {cls.__qualname__} must not define {name}")
        setattr(cls, name, method)
    # Not frozen for dataclasses (that would compile the methods set above); frozen by ours.
    made = dataclasses.dataclass(cls, init=False, eq=False, repr=False)
    cast(Any, made).__init__ = _first_init
    fields = dataclasses.fields(cast(Any, made))
    setattr(made, _KEY, staticmethod(_key_function([f.name for f in fields if f.compare])))
    setattr(made, _SHOWN, tuple(f.name for f in fields if f.repr))
    return made


def _first_init(self: Any, *args: Any, **kwargs: Any) -> None:
    """Compile the class's `__init__`, put it in place, and call it."""
    cls = type(self)
    init = _compiled_init(cls)
    cast(Any, cls).__init__ = init
    init(self, *args, **kwargs)


def _compiled_init(cls: type) -> Callable[..., None]:
    """The `__init__` dataclasses would write for `cls`'s fields, written here in one `exec`.

    A second `dataclasses.dataclass` pass over the body would write the same function, but
    processes every field again first: about half a millisecond a class, nine classes before
    the first frame.
    """
    scope: dict[str, Any] = {"_set": object.__setattr__, "_factory": _FACTORY}
    params, lines = [], []
    for each in dataclasses.fields(cast(Any, cls)):
        name = each.name
        if each.default_factory is not dataclasses.MISSING:
            scope[f"_make_{name}"] = each.default_factory
            params.append(f"{name}=_factory")
            lines.append(f" _set(self, {name!r}, _make_{name}() if {name} is _factory else {name})")
            continue
        if each.default is not dataclasses.MISSING:
            scope[f"_default_{name}"] = each.default
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
        lines.append(f" _set(self, {name!r}, {name})")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(lines) or " pass")
    exec(source, scope)  # the source is built from the class's field names alone
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


_FACTORY = object()
"""The default of a parameter whose field has a `default_factory`: make one."""


def _key_function(names: list[str]) -> Callable[[Any], object]:
    if not names:
        return lambda _: ()
    if len(names) == 1:  # attrgetter of one name returns the value, not a tuple
        get = attrgetter(names[0])
        return lambda instance: (get(instance),)
    return attrgetter(*names)


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]  # typeshed types it as Any
    key: Callable[[Any], object] = getattr(self, _KEY)
    return bool(key(self) == key(other))


def _hash(self: Any) -> int:
    return hash(getattr(self, _KEY)(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in getattr(self, _SHOWN))
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    # `__init__` sets each field once; nothing else may, as with a frozen dataclass.
    if name in self.__dict__ or name not in type(self).__dataclass_fields__:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> dict[str, Any]:
    # A pickle holds the fields alone: what was derived from them is worked out again.
    state: dict[str, Any] = self.__dict__
    return {k: v for k, v in state.items() if k != _MEMO} if _MEMO in state else state


def memo(instance: object) -> dict[Any, Any]:
    """A cache of values another room derives from the record `instance` alone (the scoring's
    counterfactuals of a scenario, by seed), kept on it and gone with it.

    Not a field: it is not compared, hashed, shown, pickled or carried over by `replace`
    (which makes a new record); every key is the deriving room's own.
    """
    found: dict[Any, Any] | None = instance.__dict__.get(_MEMO)
    if found is None:
        found = {}
        object.__setattr__(instance, _MEMO, found)  # past the frozen `__setattr__`, on purpose
    return found


_SHARED: dict[str, Callable[..., Any]] = {
    "__eq__": _eq, "__hash__": _hash, "__repr__": _repr,
    "__setattr__": _setattr, "__delattr__": _delattr, "__getstate__": _getstate,
}
