"""`@record` behaves as `@dataclass(frozen=True)` does, with its methods shared."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import FrozenInstanceError, field, replace
from typing import Any

import pytest

from tabletop.base.record import memo, record


@record
class Point:
    """A record with a default and a field left out of comparison and repr."""

    x: int
    y: int = 0
    label: str = field(default="", compare=False, repr=False)


@record
class Single:
    value: str


@record
class Empty:
    pass


def test_equal_and_hashed_by_compared_fields() -> None:
    assert Point(1, 2) == Point(1, 2, label="other")
    assert hash(Point(1, 2)) == hash(Point(1, 2, label="other"))
    assert Point(1, 2) != Point(2, 1)
    assert len({Point(1, 2), Point(1, 2), Point(1, 3)}) == 2


def test_a_one_field_record_compares_its_value() -> None:
    assert Single("a") == Single("a")
    assert Single("a") != Single("b")
    assert hash(Single("a")) == hash(Single("a"))


def test_a_fieldless_record_equals_its_kind_only() -> None:
    assert Empty() == Empty()
    assert Empty() != Single("a")  # type: ignore[comparison-overlap]
    assert hash(Empty()) == hash(Empty())


def test_never_equal_to_another_class_with_the_same_values() -> None:
    @record
    class Other:
        x: int
        y: int = 0

    assert Point(1, 2) != Other(1, 2)  # type: ignore[comparison-overlap]
    assert Point(1, 2) != (1, 2)  # type: ignore[comparison-overlap]


def test_repr_shows_the_repr_fields() -> None:
    assert repr(Point(1, 2, label="hidden")) == "Point(x=1, y=2)"
    assert repr(Single("a")) == "Single(value='a')"


def test_fields_cannot_be_assigned_deleted_or_added() -> None:
    point = Point(1, 2)
    with pytest.raises(FrozenInstanceError):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del point.x
    with pytest.raises(FrozenInstanceError):
        point.z = 1  # type: ignore[attr-defined]
    assert point == Point(1, 2)


def test_dataclass_functions_and_pickle_work() -> None:
    point = Point(1, 2, label="a")
    assert [f.name for f in dataclasses.fields(point)] == ["x", "y", "label"]
    assert dataclasses.replace(point, y=7) == Point(1, 7)
    assert dataclasses.asdict(point) == {"x": 1, "y": 2, "label": "a"}
    copy = pickle.loads(pickle.dumps(point))
    assert copy == point
    assert copy.label == "a"
    with pytest.raises(FrozenInstanceError):
        copy.x = 3


def test_a_record_may_not_define_the_shared_methods() -> None:
    with pytest.raises(TypeError, match="must not define __eq__"):
        @record
        class Custom:
            x: int

            def __eq__(self, other: object) -> bool:
                return True


def test_init_is_compiled_on_the_first_call_and_then_called_directly() -> None:
    @record
    class Later:
        name: str
        tags: tuple[str, ...] = ()
        notes: dict[str, str] = field(default_factory=dict)

    first_init = Later.__init__
    made = Later("a", notes={"k": "v"})
    assert Later.__init__ is not first_init
    assert (made.name, made.tags, made.notes) == ("a", (), {"k": "v"})
    assert Later("b").notes == {}
    assert Later("b").notes is not Later("c").notes
    with pytest.raises(TypeError):
        Later()  # type: ignore[call-arg]


def test_unpickling_a_record_calls_no_init(monkeypatch: pytest.MonkeyPatch) -> None:
    # So a scenario read back from the cache compiles no __init__ before the first frame.
    data = pickle.dumps(Point(1, 2, label="kept"))

    def refuse(self: Point, *args: object, **kwargs: object) -> None:
        raise AssertionError("__init__ was called")

    monkeypatch.setattr(Point, "__init__", refuse)
    loaded = pickle.loads(data)
    assert (loaded.x, loaded.y, loaded.label) == (1, 2, "kept")


def test_a_record_cannot_extend_another_dataclass() -> None:
    with pytest.raises(TypeError, match="must not extend"):
        @record
        class Extended(Point):
            z: int = 0


def test_a_memo_is_kept_on_its_record_and_not_compared_copied_or_pickled() -> None:
    first, second = Point(1, 2), Point(1, 2)
    memo(first)["sum"] = 3
    assert memo(first) == {"sum": 3}
    assert memo(second) == {}
    assert first == second
    assert hash(first) == hash(second)
    assert repr(first) == repr(second)
    assert memo(replace(first, y=5)) == {}
    assert memo(pickle.loads(pickle.dumps(first))) == {}
    assert memo(first) == {"sum": 3}


def test_the_compiled_init_takes_what_a_dataclass_init_takes() -> None:
    @record
    class Made:
        name: str
        size: int = 3
        notes: dict[str, str] = field(default_factory=dict)

    @dataclasses.dataclass(frozen=True)
    class Plain:
        name: str
        size: int = 3
        notes: dict[str, str] = field(default_factory=dict)

    Made("first call compiles")
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (("a",), {}), (("a", 5), {}), ((), {"name": "a", "size": 1})]
    for args, kwargs in calls:
        made, plain = Made(*args, **kwargs), Plain(*args, **kwargs)
        assert (made.name, made.size, made.notes) == (plain.name, plain.size, plain.notes)
    wrong: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (("a", 1, {}, 2), {}), (("a",), {"colour": "red"}), (("a",), {"name": "b"})]
    for args, kwargs in wrong:
        with pytest.raises(TypeError):
            Made(*args, **kwargs)
