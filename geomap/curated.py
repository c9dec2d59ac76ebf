"""The curated gazetteer file (``gazetteer/curated_places.csv``): its columns, types and checks."""

from __future__ import annotations

import csv
import math
import os
import re
from collections.abc import Iterator
from pathlib import Path

from geomap.names import name_key

__all__ = ["CURATED_COLUMNS", "PLACE_TYPES", "NOT_PLACE_TYPES", "CuratedError", "read_curated"]

#: The columns of ``curated_places.csv``, in order.
CURATED_COLUMNS = (
    "place_id", "name", "aliases", "lat", "lon", "place_type",
    "country_code", "population", "radius_km", "source",
)  # fmt: skip

#: ``place_type`` values a curated row may take: the types of places, and two kinds of names
#: that are never places (``demonym``: "Azeri"; ``not_place``: "Hamas", "Kremlin", "Reuters").
PLACE_TYPES = frozenset({"region", "historical", "populated_place", "country", "admin1", "admin2"})
NOT_PLACE_TYPES = frozenset({"demonym", "not_place"})
_ID = re.compile(r"curated:[a-z0-9]+(?:-[a-z0-9]+)*|geonames:[0-9]+")
_COUNTRY = re.compile(r"[A-Z]{2}")


class CuratedError(ValueError):
    """A curated row that cannot be built; the message names the file, line and problem."""


def _number(value: str, what: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None
    if not (low <= number <= high) or math.isnan(number):
        raise ValueError(f"{what} {value} is out of range [{low:g}, {high:g}]")
    return number


def _check_row(row: dict[str, str]) -> None:
    """Raise ValueError naming what is wrong with one curated row (ids checked elsewhere)."""
    pid, kind = row["place_id"], row["place_type"]
    if not _ID.fullmatch(pid):
        raise ValueError(f"place_id {pid!r} is neither curated:<slug> nor geonames:<id>")
    if not row["name"].strip():
        raise ValueError(f"{pid} has no name")
    if not row["source"].strip():
        raise ValueError(f"{pid} names no source")
    if kind and kind not in PLACE_TYPES | NOT_PLACE_TYPES:
        known = ", ".join(sorted(PLACE_TYPES | NOT_PLACE_TYPES))
        raise ValueError(f"{pid} has unknown place_type {kind!r} (known: {known})")
    if not kind and not pid.startswith("geonames:"):
        raise ValueError(f"{pid} has no place_type (only a geonames: row may leave it empty)")
    if row["country_code"] and not _COUNTRY.fullmatch(row["country_code"]):
        raise ValueError(f"{pid} has country_code {row['country_code']!r}, not ISO alpha-2")
    lat, lon = row["lat"], row["lon"]
    if bool(lat) != bool(lon):
        raise ValueError(f"{pid} gives only one of lat and lon")
    if lat:
        _number(lat, "lat", -90, 90)
        _number(lon, "lon", -180, 180)
    if kind in NOT_PLACE_TYPES:
        if lat or row["radius_km"] or row["population"]:
            raise ValueError(f"{pid} is a {kind} row but gives a position, radius or population")
        return
    if not lat and pid.startswith("curated:"):
        raise ValueError(f"{pid} is a new place but gives no coordinates")
    if row["population"]:
        _number(row["population"], "population", 0, 10_000_000_000)
        if not row["population"].isdigit():
            raise ValueError(f"population {row['population']!r} is not a whole number")
    if row["radius_km"]:
        _number(row["radius_km"], "radius_km", 0, 20_000)


def _records(numbered: list[tuple[int, str]]) -> Iterator[tuple[int, list[str]]]:
    """CSV records of (line number, line) pairs, each with the number of its first line (a
    quoted field may span lines)."""
    used: list[int] = []

    def lines() -> Iterator[str]:
        for n, line in numbered:
            used.append(n)
            yield line

    reader = csv.reader(lines())
    while True:
        first = len(used)
        fields = next(reader, None)
        if fields is None:
            return
        yield used[first], fields


def read_curated(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """Read and check a curated gazetteer file; return its rows.

    Lines starting with ``#`` are comments. Each row must have the ``CURATED_COLUMNS``, a
    unique ``place_id`` (``curated:<slug>`` or ``geonames:<id>``), a known ``place_type``
    (``PLACE_TYPES``, or ``NOT_PLACE_TYPES`` for names that are never places; empty only on
    a ``geonames:`` row), a source, coordinates in range (both or neither; required for a
    new place, absent on a demonym or not-place row), and no two new places may share a
    name or alias.

    Parameters
    ----------
    path : path-like
        The file (the bundled one is ``gazetteer/curated_places.csv``).

    Returns
    -------
    list of dict
        The rows, as ``{column: value}`` with every column present.

    Raises
    ------
    CuratedError
        At the first problem, as ``FILE:LINE: problem``.
    """
    path = Path(path)
    rows: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    names: dict[str, tuple[str, int]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        numbered = [(n, line) for n, line in enumerate(fh, start=1) if not line.startswith("#")]
    header: list[str] | None = None
    for n, fields in _records(numbered):
        if header is None:
            header = fields
            if tuple(fields) != CURATED_COLUMNS:
                raise CuratedError(
                    f"{path}:{n}: the header must be {','.join(CURATED_COLUMNS)}, "
                    f"not {','.join(fields)}"
                )
            continue
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            raise CuratedError(
                f"{path}:{n}: {len(fields)} fields where the header has {len(header)}"
            )
        row = dict(zip(header, (f.strip() for f in fields), strict=True))
        try:
            _check_row(row)
        except ValueError as exc:
            raise CuratedError(f"{path}:{n}: {exc}") from None
        pid = row["place_id"]
        if pid in seen:
            raise CuratedError(f"{path}:{n}: duplicate place_id {pid} (first on line {seen[pid]})")
        seen[pid] = n
        if pid.startswith("curated:") and row["place_type"] in PLACE_TYPES:
            for name in [row["name"], *row["aliases"].split("|")]:
                key = name_key(name)
                if not key:
                    continue
                if key in names and names[key][0] != pid:
                    other, line = names[key]
                    raise CuratedError(
                        f"{path}:{n}: {pid} and {other} (line {line}) are both named "
                        f"{name!r}: one place, one row"
                    )
                names[key] = (pid, n)
        rows.append(row)
    if header is None:
        raise CuratedError(f"{path}: no header row")
    return rows
