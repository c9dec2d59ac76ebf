"""Frozen dataclasses passed between the pipeline's stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal, TypeVar

__all__ = [
    "PRECISIONS",
    "PLACE_TYPES",
    "ROLES",
    "DATE_SOURCES",
    "Precision",
    "PlaceType",
    "Role",
    "DateSource",
    "DateValue",
    "TimeExpr",
    "Dateline",
    "Problem",
    "Article",
    "Place",
    "Mention",
    "direct_init",
    "NOT_GIVEN",
]

_C = TypeVar("_C", bound=type)
#: Stands for an argument not given, where a field's default comes from a factory: the
#: default the ``__init__`` of ``direct_init`` shows for such a field.
NOT_GIVEN: Any = object()


def direct_init(cls: _C) -> _C:
    """Give a frozen dataclass an ``__init__`` that puts its fields straight into the
    instance's ``__dict__``, with the same parameters and defaults as the one dataclasses
    writes (which sets each field through ``object.__setattr__``, to get past the frozen
    ``__setattr__``; three times slower, and the pipeline makes tens of these per article).

    Put it above ``@dataclass(frozen=True)``; every other method stays dataclasses' own.
    Not for classes with ``__slots__``, ``__post_init__``, init-only or keyword-only fields.
    """
    if "__slots__" in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(f"direct_init: {cls.__name__} has __slots__ or __post_init__")
    env: dict[str, Any] = {"NOT_GIVEN": NOT_GIVEN}
    params, lines = [], []
    for f in fields(cls):
        if not f.init or f.kw_only:
            raise TypeError(f"direct_init: {cls.__name__}.{f.name} is init-only or kw-only")
        value = f.name
        if f.default is not MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            env[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=NOT_GIVEN")
            value = f"_factory_{f.name}() if {f.name} is NOT_GIVEN else {f.name}"
        else:
            params.append(f.name)
        lines.append(f"    fields[{f.name!r}] = {value}\n")
    # the same way dataclasses makes its __init__: the source of a function, executed
    source = f"def __init__(self, {', '.join(params)}):\n    fields = self.__dict__\n"
    exec(source + "".join(lines), env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]
    return cls


Precision = Literal["day", "week", "month", "year"]
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")

PlaceType = Literal["country", "admin1", "admin2", "region", "populated_place", "historical"]
PLACE_TYPES: tuple[str, ...] = (
    "country",
    "admin1",
    "admin2",
    "region",
    "populated_place",
    "historical",
)

Role = Literal["event", "dateline", "background", "reference"]
ROLES: tuple[str, ...] = ("event", "dateline", "background", "reference")

#: How an article's publication date was obtained.
DateSource = Literal["header", "metadata", "dateline", "inferred", "unknown"]
DATE_SOURCES: tuple[str, ...] = ("header", "metadata", "dateline", "inferred", "unknown")


@direct_init
@dataclass(frozen=True)
class DateValue:
    """A calendar date with a precision, optionally the start of an inclusive range.

    ``start`` is the first day of the period (a month is dated by its first day, a year
    by January 1, a week by its Monday); ``end`` is the last day of a range, or None.
    """

    start: dt.date
    precision: Precision = "day"
    end: dt.date | None = None

    def iso(self) -> str:
        """ISO 8601 text of ``start`` truncated to the precision (``2020-10``, ``2020``)."""
        return iso_truncated(self.start, self.precision)

    def iso_end(self) -> str | None:
        """ISO 8601 text of ``end`` truncated to the precision, or None."""
        return None if self.end is None else iso_truncated(self.end, self.precision)

    @property
    def last_day(self) -> dt.date:
        """The last day the value covers (the range end, or the end of the period)."""
        if self.end is not None:
            return self.end
        return period_end(self.start, self.precision)


def iso_truncated(day: dt.date, precision: str) -> str:
    """Format ``day`` as ISO 8601 truncated to ``precision`` (a week keeps its Monday)."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def period_end(start: dt.date, precision: str) -> dt.date:
    """The last day of the period of ``precision`` that begins on ``start``."""
    if precision == "year":
        return dt.date(start.year, 12, 31)
    if precision == "month":
        nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if precision == "week":
        return start + dt.timedelta(days=6)
    return start


@direct_init
@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression found in a text, with its resolved value.

    ``start``/``end`` are character offsets into the text it was found in.
    ``value`` is None when the expression could not be placed on the calendar
    (for example "September 27" with no year known).
    """

    start: int
    end: int
    text: str
    value: DateValue | None
    #: True when the year was not written and came from the anchor or the run.
    year_inferred: bool = False


@direct_init
@dataclass(frozen=True)
class Dateline:
    """The dateline at the head of a story: ``BAKU, Azerbaijan, Oct.29``.

    Offsets are into ``Article.text``. ``year`` is None when the dateline has none.
    """

    start: int
    end: int
    place: str
    place_start: int
    place_end: int
    country: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None


@direct_init
@dataclass(frozen=True)
class Problem:
    """Something wrong with an input: which file, which line, why, and what was done."""

    path: str
    reason: str
    line: int | None = None
    #: "skipped" (the article or file was not processed), "warning" (processed anyway) or
    #: "note" (nothing wrong: how the input was read, e.g. where a page's date came from).
    severity: Literal["skipped", "warning", "note"] = "warning"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


@direct_init
@dataclass(frozen=True)
class Article:
    """One news article as read from the input.

    ``text`` is the text as given (a .txt file's decoded content, the ``text`` field of a
    JSONL/CSV row); every offset in geomap refers to it. ``body`` has the same length as
    ``text`` with the header, boilerplate lines and other non-story text blanked out by
    spaces, so offsets found in ``body`` are valid in ``text``.
    """

    id: str
    text: str
    body: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str = ""
    line: int | None = None
    #: Publication date as stated (header or metadata); dateline dates live in ``dateline``.
    published: dt.date | None = None
    date_source: DateSource = "unknown"
    dateline: Dateline | None = None
    encoding: str = "utf-8"
    problems: tuple[Problem, ...] = ()


@direct_init
@dataclass(frozen=True)
class Place:
    """A gazetteer entry. Coordinates are (lat, lon) in WGS 84."""

    place_id: str
    name: str
    lat: float
    lon: float
    place_type: PlaceType
    country_code: str | None = None
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None
    #: Rough radius in km of the area the place covers (0 for a point).
    radius_km: float = 0.0

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon)."""
        return (self.lat, self.lon)


@direct_init
@dataclass(frozen=True)
class Mention:
    """A toponym found in an article and the place it was resolved to.

    ``start``/``end`` are offsets into ``Article.text``; ``text[start:end] == surface``.
    """

    article_id: str
    start: int
    end: int
    surface: str
    place: Place
    sentence: str = ""
    sentence_start: int = 0
    is_dateline: bool = False
    date: DateValue | None = None
    #: "text" (a temporal expression), "published" (publication date) or "inferred".
    date_basis: str | None = None
    role: Role = "reference"
    event_types: tuple[str, ...] = field(default_factory=tuple)
    fatalities: int | None = None
    wounded: int | None = None
