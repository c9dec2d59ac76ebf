"""GeoJSON (RFC 7946) and CSV export of the events and mentions tables; atomic, byte-stable writes.

The columns and their order are ``geomap.schema``'s: ``EVENT_COLUMNS`` for events,
``MENTION_COLUMNS`` for mentions. GeoJSON writes ``lat``/``lon`` as the feature's
``[lon, lat]`` geometry and every other column as a property; CSV writes every column.
Lists are JSON arrays in GeoJSON and ``; ``-joined in CSV, except ``sources`` (records of
id, title, url and publisher), which CSV writes as a JSON array.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import itertools
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from geomap.schema import EVENT_COLUMNS, MENTION_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "PROPERTY_COLUMNS",
    "MENTION_PROPERTY_COLUMNS",
    "Table",
    "lonlat",
    "rounded",
    "rounding",
    "to_geojson",
    "write_geojson",
    "write_csv",
    "csv_safe",
    "FORMULA_STARTS",
    "write_json",
    "atomic_write_text",
    "atomic_open",
    "public_mode",
]

#: Event properties written to GeoJSON, in order (the columns but the coordinates).
PROPERTY_COLUMNS: tuple[str, ...] = tuple(c for c in EVENT_COLUMNS if c not in ("lat", "lon"))
#: Mention properties written to GeoJSON, in order.
MENTION_PROPERTY_COLUMNS: tuple[str, ...] = tuple(
    c for c in MENTION_COLUMNS if c not in ("lat", "lon")
)
#: Which table a frame is: its columns, its GeoJSON properties and the id of a feature.
Table = Literal["events", "mentions"]
_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "events": (EVENT_COLUMNS, PROPERTY_COLUMNS, "event_id"),
    "mentions": (MENTION_COLUMNS, MENTION_PROPERTY_COLUMNS, "mention_id"),
}


def lonlat(lat: float, lon: float) -> list[float]:
    """The one place geomap turns its (lat, lon) into GeoJSON's [lon, lat] order."""
    return [round(float(lon), 6), round(float(lat), 6)]


class _Rounded(dict[float, float]):
    """``round(x, digits)`` of each float asked for, each distinct one rounded once (while
    kept: at most ``_MEMO_SIZE`` of them)."""

    def __init__(self, digits: int) -> None:
        super().__init__()
        self.digits = digits

    def __missing__(self, x: float) -> float:
        r = round(x, self.digits)
        if x:  # never zero as a key: 0.0 == -0.0, which rounds to -0.0
            if len(self) >= _MEMO_SIZE:
                self.clear()
            self[x] = r
        return r

    def __call__(self, values: list[float]) -> list[float]:
        """``rounded(values, digits)``."""
        return list(map(self.__getitem__, values))


def rounded(values: list[float], digits: int) -> list[float]:
    """``[round(v, digits) for v in values]`` for a column of Python floats (nothing else:
    an int equal to one of them would get its result), each distinct value rounded once:
    a place's coordinates come back in every row of it, and ``round`` to digits is slow."""
    return _Rounded(digits)(values)


def rounding(digits: int) -> Callable[[list[float]], list[float]]:
    """``rounded(values, digits)`` of one slice of a column after another, each distinct
    value rounded once over them all."""
    return _Rounded(digits)


def _plain(value: Any) -> Any:
    """A JSON-ready value: NA -> None, numpy scalars -> Python, tuples -> lists."""
    kind = type(value)
    if kind is str or kind is int:
        return value  # most values (and every one of a source record): nothing to convert
    import pandas as pd  # here, not at the top: ``geomap extract`` needs no pandas

    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (tuple, list)):
        return [v if type(v) is str else _plain(v) for v in value]
    if isinstance(value, Mapping):
        # a source record: strings and None, nothing to convert
        return {str(k): v if v is None or type(v) is str else _plain(v) for k, v in value.items()}
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def _features(frame: pd.DataFrame, table: Table = "events") -> Iterator[dict[str, Any]]:
    """The GeoJSON features of a table, one at a time (a row is read when asked for)."""
    _columns, properties, id_column = _TABLES[table]
    for row in frame.itertuples(index=False):
        rec = row._asdict()
        yield {
            "type": "Feature",
            "id": rec[id_column],
            "geometry": {"type": "Point", "coordinates": lonlat(rec["lat"], rec["lon"])},
            "properties": {k: _plain(rec.get(k)) for k in properties},
        }


def to_geojson(frame: pd.DataFrame, table: Table = "events") -> dict[str, Any]:
    """A table as an RFC 7946 FeatureCollection: one Point feature per row.

    Parameters
    ----------
    frame : pandas.DataFrame
        Events (``EVENT_COLUMNS``) or mentions (``MENTION_COLUMNS``).
    table : {"events", "mentions"}
        Which of the two ``frame`` is.
    """
    return {"type": "FeatureCollection", "features": list(_features(frame, table))}


def public_mode() -> int:
    """The mode a newly created file gets under the current umask (0o666 minus umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A text file (UTF-8, no newline translation) that replaces ``path`` when closed.

    What is written goes to a temporary file beside ``path``, flushed to disk and then
    renamed over it; if the block raises, ``path`` is left as it was.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, public_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    with atomic_open(path) as fh:
        fh.write(text)
    return Path(path)


def write_json(data: Any, path: str | os.PathLike[str]) -> Path:
    """Write JSON (UTF-8, sorted where the data is, newline-terminated) atomically."""
    return atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


#: How many pieces of text are joined into one write.
_BATCH = 4096
#: The nesting level from which a value is encoded as one string: a feature is at level 2,
#: its properties at 3, a list of them (``sources``: one entry per article) at 4, and only
#: an entry is joined whole, so one event with many sources is never one string.
_WHOLE_FROM = 5

#: json's own string encoder (its C function where json has one), as ``ensure_ascii=False``
#: encodes strings.
_STRING = json.encoder.encode_basestring  # type: ignore[attr-defined]
_FLOAT = float.__repr__
_INT = int.__repr__


def _float_text(value: float) -> str:
    """A float as json writes it (``allow_nan``: NaN, Infinity, -Infinity)."""
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return _FLOAT(value)


def _key_text(key: Any) -> str:
    """A dict key as json writes it (keys that are not strings turned into them)."""
    if isinstance(key, str):
        return _STRING(key)
    if isinstance(key, float):
        return _STRING(_float_text(key))
    if key is True or key is False or key is None:
        return _STRING({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return _STRING(_INT(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _indented(value: Any, level: int) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)`` for a value at nesting ``level``
    (the text json's indent=1 layout gives it there): the same bytes, built by joins
    instead of json's generator of pieces, which is four times slower for features."""
    if isinstance(value, str):
        return _STRING(value)  # type: ignore[no-any-return]
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _INT(value)
    if isinstance(value, float):
        return _float_text(value)
    inner = "\n" + " " * (level + 1)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [_indented(v, level + 1) for v in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + " " * level + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        pairs = [_key_text(k) + ": " + _indented(v, level + 1) for k, v in value.items()]
        return "{" + inner + ("," + inner).join(pairs) + "\n" + " " * level + "}"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _pieces(value: Any, level: int) -> Iterator[str]:
    """``_indented(value, level)`` in pieces: containers above level ``_WHOLE_FROM`` item by
    item, the rest whole."""
    if level >= _WHOLE_FROM or not value or not isinstance(value, (list, tuple, dict)):
        yield _indented(value, level)
        return
    inner = "\n" + " " * (level + 1)
    sep = inner
    if isinstance(value, dict):
        yield "{"
        for k, v in value.items():
            yield sep + _key_text(k) + ": "
            yield from _pieces(v, level + 1)
            sep = "," + inner
        yield "\n" + " " * level + "}"
    else:
        yield "["
        for v in value:
            yield sep
            yield from _pieces(v, level + 1)
            sep = "," + inner
        yield "\n" + " " * level + "]"


def _feature_text(frame: pd.DataFrame, table: Table) -> Iterator[str]:
    """The features as json's indent=1 lists them in a FeatureCollection (each at level 2),
    in pieces, each feature after its separator."""
    sep = "\n  "
    for feature in _features(frame, table):
        yield sep
        yield from _pieces(feature, 2)
        sep = ",\n  "


#: Rows read from a frame at a time, a column at a time (memory does not grow with the frame).
_ROWS = 256
#: Rows of a table written to CSV at a time: its cells are made a slice of rows at a time,
#: and an event's may be long (its sources, one per article).
_CSV_ROWS: dict[str, int] = {"events": 32, "mentions": _ROWS}
#: json's encoder as ``json.dumps(value, ensure_ascii=False)`` makes it, made once.
_COMPACT = json.JSONEncoder(ensure_ascii=False)
#: How a column's values are read and written: ``"str"`` (text, or a missing value: None,
#: NaN or NA, none of them a ``str``), ``"int"`` or ``"float"`` (numbers; None where
#: missing, NaN too) or ``"object"`` (anything: made JSON-ready, ``_plain``, as written).
_Kind = Literal["str", "int", "float", "object"]
#: The kind of a column by its dtype's kind (``numpy.dtype.kind``).
_KINDS: dict[str, _Kind] = {"i": "int", "u": "int", "f": "float", "O": "object"}


def _column_reader(series: pd.Series) -> tuple[_Kind, Callable[[int, int], list[Any]]]:
    """A column's kind (``_Kind``) and a function of ``(start, stop)`` giving that slice of
    its values as Python values. The column's arrays are read once (a string column's own
    array of ``str``, a nullable integer column's numbers and where they are missing) and
    sliced as asked."""
    import pandas as pd

    dtype = series.dtype
    read: Callable[[int, int], list[Any]]
    kind: _Kind
    if isinstance(dtype, pd.StringDtype):
        kind, texts = "str", series.to_numpy()

        def read(start: int, stop: int) -> list[Any]:
            return texts[start:stop].tolist()  # type: ignore[no-any-return]

    elif isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "iuf":
        # Int64, Float64: the numbers (0 where missing) and where they are missing
        kind = _KINDS[dtype.kind]
        numbers = series.to_numpy(dtype=dtype.numpy_dtype, na_value=0)  # type: ignore[attr-defined]
        missing = series.isna().to_numpy()

        def read(start: int, stop: int) -> list[Any]:
            values = numbers[start:stop].tolist()
            gaps = missing[start:stop]
            if gaps.any():
                values = [None if gap else v for v, gap in zip(values, gaps.tolist(), strict=True)]
            return values  # type: ignore[no-any-return]

    elif isinstance(dtype, pd.api.extensions.ExtensionDtype):  # booleans, categories…
        kind, array = "object", series.array

        def read(start: int, stop: int) -> list[Any]:
            return array[start:stop].to_numpy(dtype=object, na_value=None).tolist()  # type: ignore[no-any-return]

    elif dtype.kind in _KINDS:
        kind, values = _KINDS[dtype.kind], series.to_numpy()

        def read(start: int, stop: int) -> list[Any]:
            return values[start:stop].tolist()  # type: ignore[no-any-return]

    else:  # booleans, datetimes…: pandas' own values
        kind = "object"

        def read(start: int, stop: int) -> list[Any]:
            return series.iloc[start:stop].tolist()

    if kind == "float":  # NaN (in a float extension too) is None

        def numbers_read(start: int, stop: int) -> list[Any]:
            return [None if v != v else v for v in read(start, stop)]

        return kind, numbers_read
    return kind, read


def _value_columns(
    frame: pd.DataFrame, columns: tuple[str, ...], rows: int = _ROWS
) -> tuple[list[_Kind], Iterator[list[list[Any]]]]:
    """The kinds of ``frame``'s ``columns`` and their values, ``rows`` rows at a time:
    for each slice of rows, one list of values per column (``_column_reader``'s)."""
    readers = [_column_reader(frame[column]) for column in columns]
    kinds = [kind for kind, _read in readers]

    def parts() -> Iterator[list[list[Any]]]:
        for start in range(0, len(frame), rows):
            stop = start + rows
            yield [read(start, stop) for _kind, read in readers]

    return kinds, parts()


def _json_texts(kind: _Kind, values: list[Any]) -> list[str]:
    """Each value as ``json.dumps(value, ensure_ascii=False)`` writes it."""
    if kind == "str":
        return [_STRING(v) if isinstance(v, str) else "null" for v in values]
    if kind == "int":
        return ["null" if v is None else _INT(v) for v in values]
    if kind == "float":
        inf = math.inf
        return [
            "null" if v is None else _FLOAT(v) if -inf < v < inf else _float_text(v) for v in values
        ]
    encode = _COMPACT.encode
    return [
        "null" if v is None else _STRING(v) if type(v) is str else encode(_plain(v)) for v in values
    ]


def _float_json(value: float | None) -> str:
    """A float (or None) as ``json.dumps`` writes it."""
    if value is None:
        return "null"
    return _FLOAT(value) if -math.inf < value < math.inf else _float_text(value)


def _str_json(value: Any) -> str:
    """A text's JSON (``"null"`` for a missing one: None, NaN, NA)."""
    return _STRING(value) if isinstance(value, str) else "null"  # type: ignore[no-any-return]


#: Distinct values a column's memo of texts (``_Texts``) keeps before it starts again:
#: enough for the values that come back row after row, and memory stays bounded.
_MEMO_SIZE = 4096


class _Texts(dict[Any, str]):
    """``text(value)`` of each value of a column, made once per distinct value while kept
    (at most ``_MEMO_SIZE`` of them): a table's values repeat (a place's name, type and
    coordinates on each of its mentions, a sentence on each place it names). A column
    whose first slice holds no value twice (ids) has each text made as it comes.

    Only values that no value of the column's kind with another text equals are kept:
    ``str``, None and floats but zeros (``0.0 == -0.0``, which differ in text); NaN is
    kept by identity (it equals nothing). Other values' texts are made each time, and a
    value equal to a kept one gets its text: ``text`` gives equal texts to equal values of
    a kind (a ``str`` subclass's, ``numpy.str_``, its ``str``'s).
    """

    def __init__(self, text: Callable[[Any], str]) -> None:
        super().__init__()
        self.text = text
        #: whether texts are made as they come, without the memo (None: until the first
        #: slice of the column has been seen)
        self.direct: bool | None = None

    def __missing__(self, value: Any) -> str:
        text = self.text(value)
        kind = type(value)
        if kind is str or value is None or (kind is float and value != 0):
            if len(self) >= _MEMO_SIZE:
                self.clear()
            self[value] = text
        return text

    def __call__(self, values: list[Any]) -> list[str]:
        """The texts of ``values``."""
        if self.direct:
            return list(map(self.text, values))
        texts = list(map(self.__getitem__, values))
        if self.direct is None and values:
            self.direct = len(self) >= len(values) > 1  # nothing came back twice
        return texts


def _json_column(kind: _Kind) -> Callable[[list[Any]], list[str]]:
    """``_json_texts`` of a column's slices, one after another: text through a memo
    (``_Texts``), the same texts."""
    if kind == "str":
        return _Texts(_str_json)
    return functools.partial(_json_texts, kind)


def _lonlat_json(value: float) -> str:
    """A coordinate's JSON in GeoJSON: ``lonlat``'s rounding (of a float)."""
    return _float_json(round(value, 6))


def _lonlats(
    lat_kind: _Kind, lats: list[Any], lon_kind: _Kind, lons: list[Any]
) -> tuple[list[float], list[float]]:
    """``lonlat`` of each row, as two columns: the longitudes and the latitudes (from
    columns of floats none missing, ``rounded``)."""
    if lat_kind == lon_kind == "float" and None not in lats and None not in lons:
        return rounded(lons, 6), rounded(lats, 6)
    pairs = [lonlat(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
    return [lon for lon, _lat in pairs], [lat for _lon, lat in pairs]


def _line_pieces(properties: tuple[str, ...]) -> tuple[list[str], str]:
    """A feature on one line as ``json.dumps(feature, ensure_ascii=False)`` writes it, in
    pieces: the text before each of its values (its id, longitude, latitude and each
    property's JSON text), and after the last."""
    keys = [_STRING(k) + ": " for k in properties]
    before = ['{"type": "Feature", "id": ', ', "geometry": {"type": "Point", "coordinates": [',
              ", ", *(", " + k for k in keys)]  # fmt: skip
    opening, end = ']}, "properties": {', "}}"
    if keys:
        before[3] = opening + keys[0]
    else:
        end = opening + end
    return before, end


def _feature_lines(frame: pd.DataFrame, table: Table) -> Iterator[str]:
    """The features, each on one line of compact JSON (``json.dumps(feature,
    ensure_ascii=False)``), ``_ROWS`` at a time, each line after its separator."""
    _columns, properties, id_column = _TABLES[table]
    kinds, parts = _value_columns(frame, (id_column, "lat", "lon", *properties))
    before, end = _line_pieces(properties)
    columns = [_json_column(kind) for kind in kinds]
    # a coordinate's text straight from its float (``_lonlats``'s rounding, then its JSON)
    lon_texts, lat_texts = _Texts(_lonlat_json), _Texts(_lonlat_json)
    floats = kinds[1] == kinds[2] == "float"
    sep = "\n"
    for values in parts:
        texts = [column(vals) for column, vals in zip(columns[3:], values[3:], strict=True)]
        # [lon, lat] in the line: ``lonlat``'s order
        if floats and None not in values[1] and None not in values[2]:
            lons, lats = lon_texts(values[2]), lat_texts(values[1])
        else:
            lon_values, lat_values = _lonlats(kinds[1], values[1], kinds[2], values[2])
            lons, lats = _json_texts("float", lon_values), _json_texts("float", lat_values)
        texts[:0] = (columns[0](values[0]), lons, lats)
        # each line joined from its pieces and values (a format string of them is parsed
        # again for every line: several times slower)
        n = len(texts[0])
        columns_of_line = [column for piece, values_of in zip(before, texts, strict=True)
                           for column in ([piece] * n, values_of)]  # fmt: skip
        columns_of_line.append([end] * n)
        yield sep + ",\n".join(map("".join, zip(*columns_of_line, strict=True)))
        sep = ",\n"


def write_geojson(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    table: Table = "events",
    *,
    layout: Literal["indented", "lines"] = "indented",
) -> Path:
    """Write ``events.geojson`` (or ``mentions.geojson``): RFC 7946, [lon, lat], no ``crs``.

    ``layout="indented"``: the file holds the bytes ``write_json(to_geojson(frame, table))``
    would write. ``layout="lines"``: the same FeatureCollection with each feature on a
    line of its own, compact (``json.dumps(feature, ensure_ascii=False)``): a third of the
    size and several times faster to write, for the mentions table, which has a row per
    place name, laid out from each column's JSON texts. Either way features are encoded
    and written a few hundred at a time, so memory does not grow with the output (and the
    indented layout writes one event's list of sources in pieces).
    """
    if layout == "lines":
        with atomic_open(path) as fh:
            fh.write('{"type": "FeatureCollection", "features": [')
            empty = True
            for lines in _feature_lines(frame, table):
                fh.write(lines)
                empty = False
            fh.write("]}\n" if empty else "\n]}\n")
        return Path(path)
    # json's indent=1 layout of {"type": ..., "features": [f1, f2]}: the features at level
    # 2, "[]" when there are none
    with atomic_open(path) as fh:
        fh.write('{\n "type": "FeatureCollection",\n "features": [')
        pieces, empty = _feature_text(frame, table), True
        while batch := list(itertools.islice(pieces, _BATCH)):
            fh.write("".join(batch))
            empty = False
        fh.write("]\n}\n" if empty else "\n ]\n}\n")
    return Path(path)


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text: one that begins as a formula
    would (``=HYPERLINK(…)``, ``+1``, ``-1+2``, ``@SUM``, a tab or carriage return) gets
    a leading ``'``, as OWASP recommends; any other text is left as it is.

    >>> csv_safe("=SUM(A1)"), csv_safe("-2+3"), csv_safe("Kharkiv")
    ("'=SUM(A1)", "'-2+3", 'Kharkiv')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: Any) -> str:
    """The CSV cell of a JSON-ready value: nothing for None, numbers as they are (``-74.01``
    is a number, not a formula; floats to 6 decimals), lists joined with ``; `` (records
    as a JSON array), any text ``csv_safe``."""
    if value is None:
        return ""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is float:
        return repr(round(value, 6))
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            text = "; ".join(str(v) for v in value)
    else:
        text = str(value)
    return csv_safe(text)


def _object_cell(value: Any) -> str:
    """``_csv_cell`` of any value (made JSON-ready first), text first."""
    if type(value) is str:
        return csv_safe(value)
    return _csv_cell(_plain(value))


#: A cell that begins as a formula, in cells joined with NUL (``_csv_texts``).
#: (A pattern with a literal start: several times faster than a search for each pair.)
_FORMULA_AFTER_NUL = re.compile("\x00[" + "".join(map(re.escape, FORMULA_STARTS)) + "]")


def _csv_special(text: str) -> bool:
    """Whether ``csv.writer`` (the excel dialect, ``QUOTE_MINIMAL``) may quote ``text``:
    it holds the delimiter, the quote character or a line break (a bare carriage return
    is quoted only from Python 3.12: ``_csv_quoted`` asks the module about those).
    Substring searches: faster than a pattern's."""
    return "," in text or '"' in text or "\n" in text or "\r" in text


def _csv_quoted(text: str) -> str:
    """``text`` as ``csv.writer`` writes a cell of it (``text`` is ``_csv_special``)."""
    if "\r" not in text:
        return '"' + text.replace('"', '""') + '"'
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow((text, ""))
    return buf.getvalue()[:-2]  # less the empty second cell's delimiter, the line's end


def _csv_texts(
    kind: _Kind, values: list[Any], quote: Callable[[list[str]], list[str]] | None = None
) -> list[str]:
    """A column's cells as ``csv.writer`` writes them (``_csv_cell``'s, quoted where the
    dialect quotes): None as nothing, an int as ``str``, a float as the ``repr`` of it
    rounded to 6 decimals. ``quote``: what quotes a column of text where it needs it (the
    same as ``_csv_text`` of each)."""
    texts: list[str]
    if kind == "int":
        if None in values:
            return ["" if v is None else _INT(v) for v in values]
        return list(map(_INT, values))
    if kind == "float":
        if None in values:
            return ["" if v is None else _FLOAT(round(v, 6)) for v in values]
        return list(map(_FLOAT, rounded(values, 6)))
    if kind == "str":
        try:  # a slice without a missing value (most): its texts as they are
            joined = "\x00".join(values)
            texts = values
        except TypeError:
            texts = [v if isinstance(v, str) else "" for v in values]
            joined = "\x00".join(texts)
        if joined.startswith(FORMULA_STARTS) or _FORMULA_AFTER_NUL.search(joined):
            texts = list(map(csv_safe, texts))
        elif not _csv_special(joined):
            return texts  # nothing to escape nor quote (most columns)
    else:
        texts = ["" if v is None else _object_cell(v) for v in values]
    return quote(texts) if quote is not None else list(map(_csv_text, texts))


def _csv_text(text: str) -> str:
    """A cell of text as ``csv.writer`` writes it (quoted where the dialect quotes)."""
    return _csv_quoted(text) if _csv_special(text) else text


def _csv_float(value: float | None) -> str:
    """A float's cell (``_csv_texts``'s: nothing for None)."""
    return "" if value is None else _FLOAT(round(value, 6))  # type: ignore[no-any-return]


def _csv_column(kind: _Kind) -> Callable[[list[Any]], list[str]]:
    """``_csv_texts`` of a column's slices, one after another: floats and the quoting of
    text through a memo (``_Texts``), the same cells."""
    if kind == "float":
        return _Texts(_csv_float)
    if kind == "str":
        return functools.partial(_csv_texts, kind, quote=_Texts(_csv_text))
    return functools.partial(_csv_texts, kind)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str], table: Table = "events") -> Path:
    """Write ``events.csv`` (or ``mentions.csv``): every column of the table, in order.

    Lists (``articles``, ``mentions``, ``fatalities_reported``) are joined with ``; ``;
    ``sources`` is a JSON array. Text that a spreadsheet would run as a formula (an
    article id ``=HYPERLINK(…)``) is escaped (``csv_safe``); numbers are written as they
    are. Rows are read and written a slice at a time, a column at a time.
    """
    columns = _TABLES[table][0]
    kinds, parts = _value_columns(frame, columns, _CSV_ROWS[table])
    cells_of = [_csv_column(kind) for kind in kinds]
    with atomic_open(path) as fh:
        fh.write(",".join(map(_csv_text, columns)))
        fh.write("\n")
        for values in parts:
            cells = [cells_of_column(column) for cells_of_column, column
                     in zip(cells_of, values, strict=True)]  # fmt: skip
            fh.write("\n".join(map(",".join, zip(*cells, strict=True))))
            fh.write("\n")
    return Path(path)
