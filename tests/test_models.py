"""The models' frozen dataclasses: ``direct_init`` gives them the __init__ dataclasses would,
faster, and leaves them frozen, comparable, hashable, picklable and replaceable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import pickle

import pytest

from geomap.extract import Span
from geomap.gazetteer import Candidate
from geomap.models import (
    Article,
    Dateline,
    DateValue,
    Mention,
    Place,
    Problem,
    TimeExpr,
    direct_init,
)

PLACE = Place("geonames:587084", "Baku", 40.37767, 49.89201, "populated_place", "AZ", 587084)
DIRECT = [DateValue, TimeExpr, Dateline, Problem, Article, Place, Mention, Span, Candidate]


def _plain_twin(cls: type) -> type:
    """The same fields as a dataclass of dataclasses' own making."""
    spec = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, spec, frozen=True)


@pytest.mark.parametrize("cls", DIRECT, ids=lambda c: c.__name__)
def test_init_has_the_dataclass_parameters(cls):
    from geomap.models import NOT_GIVEN

    def shape(init_of: type) -> list[tuple[str, object, object]]:
        params = inspect.signature(init_of).parameters.values()
        # a default from a factory shows as a marker in both: dataclasses' and ours
        return [
            (p.name, p.kind, "factory" if p.default is NOT_GIVEN else p.default) for p in params
        ]

    twin = _plain_twin(cls)
    want = [(n, k, "factory" if repr(d) == "<factory>" else d) for n, k, d in shape(twin)]
    assert shape(cls) == want
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"


def _examples() -> list[tuple[type, tuple, dict]]:
    day = dt.date(2020, 10, 4)
    return [
        (DateValue, (day,), {}),
        (DateValue, (day, "week"), {"end": day}),
        (TimeExpr, (3, 9, "Sunday", DateValue(day)), {"year_inferred": True}),
        (Problem, ("a.jsonl", "bad"), {"line": 3}),
        (Article, ("id", "text", "text"), {"title": "T", "problems": (Problem("p", "r"),)}),
        (
            Place,
            (),
            {"place_id": "x", "name": "X", "lat": 1.5, "lon": -2.0, "place_type": "region"},
        ),
        (Mention, ("a", 0, 4, "Baku", PLACE), {}),
        (Mention, ("a", 0, 4, "Baku", PLACE, "s", 0, True), {"event_types": ("shelling",)}),
        (Span, (0, 4, "Baku", (Candidate(PLACE, True),), 0), {"qualifier": "district"}),
        (Candidate, (PLACE, False), {}),
    ]


@pytest.mark.parametrize("cls, args, kwargs", _examples())
def test_instances_are_the_dataclass_instances(cls, args, kwargs):
    twin = _plain_twin(cls)
    got, want = cls(*args, **kwargs), twin(*args, **kwargs)
    assert dataclasses.asdict(got) == dataclasses.asdict(want)
    assert repr(got) == repr(want)
    assert got == cls(*args, **kwargs) and hash(got) == hash(cls(*args, **kwargs))
    assert pickle.loads(pickle.dumps(got)) == got
    assert dataclasses.replace(got) == got
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(got, name, None)


def test_a_default_factory_gives_a_new_value_each_time():
    @direct_init
    @dataclasses.dataclass(frozen=True)
    class Box:
        items: list[int] = dataclasses.field(default_factory=list)

    a, b = Box(), Box()
    assert a.items == [] and a.items is not b.items
    assert Box([1]).items == [1]
    assert Mention("a", 0, 4, "Baku", PLACE).event_types == ()


def test_classes_it_cannot_serve_are_refused():
    with pytest.raises(TypeError, match="__post_init__"):

        @direct_init
        @dataclasses.dataclass(frozen=True)
        class Checked:
            x: int

            def __post_init__(self) -> None:
                pass

    with pytest.raises(TypeError, match="__slots__"):

        @direct_init
        @dataclasses.dataclass(frozen=True, slots=True)
        class Slotted:
            x: int

    with pytest.raises(TypeError, match="kw-only"):

        @direct_init
        @dataclasses.dataclass(frozen=True, kw_only=True)
        class KeywordOnly:
            x: int
