"""Reading inputs: files and folders -> Article (decoding, header, dateline, boilerplate)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from geomap.models import Article, Dateline, Problem

__all__ = [
    "SUFFIXES",
    "iter_input_files",
    "read_file",
    "read_txt",
    "read_jsonl",
    "read_csv",
    "decode_bytes",
    "Decoded",
    "parse_article",
    "parse_iso_date",
    "find_dateline",
]

#: File name endings geomap reads, and how.
SUFFIXES: dict[str, str] = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

#: Documentation files inside input folders, passed over without a report.
DOC_SUFFIXES = (".md", ".rst")

#: Dates further ahead of the run's today than this are taken for errors.
FUTURE_SLACK = dt.timedelta(days=2)
EARLIEST_PUBLICATION = dt.date(1800, 1, 1)

PathLike = str | os.PathLike[str]


# --------------------------------------------------------------------------- files


def iter_input_files(paths: Iterable[PathLike]) -> Iterator[Path | Problem]:
    """Every readable input file under ``paths``, in a stable order, or a Problem.

    Folders are read recursively (sorted; hidden entries skipped; symlinked folders
    followed once, loops detected). A path given explicitly must exist and be a regular
    file of a supported type; what cannot be read becomes a ``Problem`` naming it.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        yield from _walk(path, explicit=True, seen_dirs=seen_dirs)


def _walk(
    path: Path, *, explicit: bool, seen_dirs: set[tuple[int, int]]
) -> Iterator[Path | Problem]:
    name = str(path)
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            yield Problem(name, "symlink loop; cannot be read", severity="skipped")
        elif path.is_symlink():
            yield Problem(name, "dangling symlink (its target does not exist)", severity="skipped")
        elif exc.errno == errno.ENOENT:
            yield Problem(name, "no such file or directory", severity="skipped")
        else:
            yield Problem(name, f"cannot be read: {exc.strerror}", severity="skipped")
        return
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            if path.is_symlink():
                yield Problem(
                    name, "symlink loop (folder already read); ignored", severity="warning"
                )
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            yield Problem(name, f"cannot list folder: {exc.strerror}", severity="skipped")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            yield from _walk(Path(entry.path), explicit=False, seen_dirs=seen_dirs)
        return
    suffix = path.suffix.lower()
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "not a regular file"
        yield Problem(name, f"{kind}; only regular files are read", severity="skipped")
        return
    if suffix not in SUFFIXES:
        if not explicit and suffix in DOC_SUFFIXES:
            return  # a folder's README is documentation, not an article
        if explicit:
            yield Problem(
                name,
                f"unsupported file type {suffix or '(none)'}; use .txt, .jsonl or .csv",
                severity="skipped",
            )
        else:
            yield Problem(name, "ignored: not a .txt, .jsonl or .csv file", severity="warning")
        return
    yield path


def read_file(
    path: PathLike, *, max_chars: int = 2_000_000, today: dt.date | None = None
) -> Iterator[Article | Problem]:
    """The articles of one input file (by its suffix), and a Problem for each bad record."""
    p = Path(path)
    kind = SUFFIXES.get(p.suffix.lower())
    if kind == "txt":
        yield from read_txt(p, max_chars=max_chars, today=today)
    elif kind == "jsonl":
        yield from read_jsonl(p, max_chars=max_chars, today=today)
    elif kind == "csv":
        yield from read_csv(p, max_chars=max_chars, today=today)
    else:
        yield Problem(str(p), "unsupported file type; use .txt, .jsonl or .csv", severity="skipped")


# --------------------------------------------------------------------------- decoding


@dataclass(frozen=True)
class Decoded:
    """Decoded file content, the encoding used and any warning about it."""

    text: str
    encoding: str
    warning: str | None = None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: Cyrillic letters inside Cyrillic words (cp1251 text), not lone ones among Latin letters.
_CYRILLIC_RUN = re.compile(
    r"(?<=[\u0400-\u04ff])[\u0400-\u04ff]|[\u0400-\u04ff](?=[\u0400-\u04ff])"
)


def decode_bytes(data: bytes, *, binary_check: bool = True) -> Decoded | None:
    """Decode file bytes: BOM, then UTF-8, then cp1251 or cp1252/latin-1 by content.

    Returns None when ``binary_check`` is on and the bytes look binary (NUL bytes or many
    control characters). Record-oriented readers turn it off and judge each record.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(
                    data.decode(enc),
                    enc,
                    None if enc == "utf-8-sig" else f"decoded as {enc} (byte-order mark)",
                )
            except UnicodeDecodeError:
                text = data.decode(enc, errors="replace")
                return Decoded(text, enc, f"invalid {enc} bytes replaced by U+FFFD")
    if binary_check and b"\x00" in data:
        return None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            text = data[: exc.start].decode("utf-8")
            return Decoded(
                text,
                "utf-8",
                f"truncated UTF-8 at the end of the file; {len(data) - exc.start} byte(s) dropped",
            )
        bad_utf8 = exc
    if binary_check and _many_controls(data[:65536]):
        return None
    high = [b for b in data if b >= 0x80]
    cyr = data.decode("cp1251", errors="replace")
    cyr_letters = len(_CYRILLIC.findall(cyr))
    in_words = len(_CYRILLIC_RUN.findall(cyr))
    if high and cyr_letters >= 0.8 * len(high) and in_words >= 0.6 * cyr_letters:
        enc = "cp1251"
        text = cyr
    else:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, enc = data.decode("latin-1"), "latin-1"
    return Decoded(
        text, enc, f"not valid UTF-8 ({bad_utf8.reason} at byte {bad_utf8.start}); decoded as {enc}"
    )


def _many_controls(head: bytes) -> bool:
    """Whether more than 1% (and over 8) of these bytes are control characters."""
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 100)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" in sample or controls > max(8, len(sample) // 100)


# --------------------------------------------------------------------------- readers


def _read_bytes(path: Path) -> bytes | Problem:
    fh = _open_binary(path)
    if isinstance(fh, Problem):
        return fh
    with fh:
        try:
            return fh.read()
        except OSError as exc:
            return _unreadable(path, exc)


class _Lines:
    """The lines of a record file, decoded one at a time: a multi-GB file is never held whole.

    Each line is UTF-8, or decoded by ``decode_bytes``' fallback on its own; a file with a
    UTF-16/32 byte-order mark is read as a text stream in that encoding. What was said
    about the decoding collects in ``problems`` for the reader to report.
    """

    def __init__(self, fh: BinaryIO, name: str) -> None:
        self.fh = fh
        self.name = name
        self.problems: list[Problem] = []
        self.fallbacks = 0
        self.content = False
        #: the encoding of the line last read
        self.encoding = "utf-8"

    def __iter__(self) -> Iterator[str]:
        head = self.fh.read(4)
        self.fh.seek(0)
        for bom, enc in _BOMS:
            if head.startswith(bom) and enc != "utf-8-sig":
                self.problems.append(Problem(self.name, f"decoded as {enc} (byte-order mark)"))
                self.encoding = enc
                stream = io.TextIOWrapper(self.fh, encoding=enc, errors="replace", newline="")
                for line in stream:
                    self.content = self.content or bool(line.strip())
                    yield line
                return
        for number, raw in enumerate(self.fh, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                line = raw.decode("utf-8")
                self.encoding = "utf-8"
            except UnicodeDecodeError:
                decoded = decode_bytes(raw, binary_check=False)
                assert decoded is not None  # never None without the binary check
                line, self.encoding = decoded.text, decoded.encoding
                self.fallbacks += 1
                if self.fallbacks == 1 and decoded.warning:
                    self.problems.append(Problem(self.name, decoded.warning, number))
            self.content = self.content or bool(line.strip())
            yield line

    def drain(self) -> list[Problem]:
        """What was said about the decoding since the last call."""
        said, self.problems = self.problems, []
        return said

    def closing(self) -> list[Problem]:
        """What is left to say at the end, with a note when more than one line needed the
        fallback."""
        said = self.drain()
        if self.fallbacks > 1:
            said.append(
                Problem(
                    self.name,
                    f"{self.fallbacks:,} lines were not valid UTF-8 and were decoded by the "
                    "fallback",
                )
            )
        return said


def _unreadable(path: Path, exc: OSError) -> Problem:
    return Problem(str(path), f"cannot be read: {exc.strerror or exc}", severity="skipped")


def _open_binary(path: Path) -> BinaryIO | Problem:
    try:
        return open(path, "rb")
    except OSError as exc:
        return _unreadable(path, exc)


def _looks_binary_head(fh: BinaryIO) -> bool:
    head = fh.read(65536)
    fh.seek(0)
    if head.startswith(tuple(bom for bom, _ in _BOMS)):
        return False
    return b"\x00" in head or _many_controls(head)


def read_txt(
    path: Path, *, max_chars: int = 2_000_000, today: dt.date | None = None
) -> Iterator[Article | Problem]:
    """One article per .txt file; its id is the file name without the extension."""
    data = _read_bytes(path)
    if isinstance(data, Problem):
        yield data
        return
    name = str(path)
    if not data.strip():
        yield Problem(name, "empty file", severity="skipped")
        return
    decoded = decode_bytes(data)
    if decoded is None or _looks_binary(decoded.text):
        yield Problem(name, "binary file, not text; skipped", severity="skipped")
        return
    if len(decoded.text) > max_chars:
        yield Problem(
            name,
            f"article has {len(decoded.text):,} characters, over the limit of {max_chars:,} "
            "(raise it with --max-chars)",
            severity="skipped",
        )
        return
    problems = (Problem(name, decoded.warning),) if decoded.warning else ()
    yield parse_article(
        path.stem,
        decoded.text,
        path=name,
        encoding=decoded.encoding,
        problems=problems,
        infer_title=True,
        today=today,
    )


_FIELDS = ("id", "text", "date", "title", "url", "source")


def _record_article(
    rec: dict[str, object],
    *,
    path: Path,
    line: int,
    fallback_id: str,
    max_chars: int,
    today: dt.date | None,
    encoding: str,
    extra: tuple[Problem, ...] = (),
) -> Article | Problem:
    name = str(path)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text is None else "empty" if isinstance(text, str) else "not a string"
        return Problem(name, f"'text' is {what}; record skipped", line, "skipped")
    if len(text) > max_chars:
        return Problem(
            name,
            f"article has {len(text):,} characters, over the limit of {max_chars:,} "
            "(raise it with --max-chars)",
            line,
            "skipped",
        )
    problems = list(extra)
    raw_id = rec.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        art_id = fallback_id
        problems.append(Problem(name, f"no 'id'; using {art_id!r}", line))
    else:
        art_id = str(raw_id).strip()
    published: dt.date | None = None
    raw_date = rec.get("date")
    if raw_date not in (None, ""):
        published, why = parse_iso_date(str(raw_date), today=today)
        if why:
            problems.append(Problem(name, f"'date' {raw_date!r}: {why}; ignored", line))

    def opt(key: str) -> str | None:
        value = rec.get(key)
        if value is None:
            return None
        value = " ".join(str(value).split())
        return value or None

    return parse_article(
        art_id,
        text,
        path=name,
        line=line,
        published=published,
        title=opt("title"),
        url=opt("url"),
        source=opt("source"),
        encoding=encoding,
        problems=tuple(problems),
        today=today,
    )


def read_jsonl(
    path: Path, *, max_chars: int = 2_000_000, today: dt.date | None = None
) -> Iterator[Article | Problem]:
    """One article per JSON line: ``id``, ``text``; optional ``date``, ``title``, ``url``…

    Read line by line: memory does not grow with the file.
    """
    fh = _open_binary(path)
    if isinstance(fh, Problem):
        yield fh
        return
    name = str(path)
    stem = path.stem
    with fh:
        lines = _Lines(fh, name)
        for number, raw in enumerate(lines, start=1):
            yield from lines.drain()
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
            except (json.JSONDecodeError, RecursionError) as exc:
                msg = getattr(exc, "msg", "too deeply nested")
                yield Problem(name, f"not valid JSON ({msg}); line skipped", number, "skipped")
                continue
            if not isinstance(rec, dict):
                yield Problem(
                    name,
                    f"a JSON {type(rec).__name__}, not an object; line skipped",
                    number,
                    "skipped",
                )
                continue
            yield _record_article(
                rec,
                path=path,
                line=number,
                fallback_id=f"{stem}-{number}",
                max_chars=max_chars,
                today=today,
                encoding=lines.encoding,
            )
        yield from lines.closing()
        if not lines.content:
            yield Problem(name, "empty file", severity="skipped")


def read_csv(
    path: Path, *, max_chars: int = 2_000_000, today: dt.date | None = None
) -> Iterator[Article | Problem]:
    """One article per CSV row, with a header row naming ``text`` and optional columns.

    Read row by row: memory does not grow with the file.
    """
    fh = _open_binary(path)
    if isinstance(fh, Problem):
        yield fh
        return
    with fh:
        yield from _read_csv_rows(path, fh, max_chars=max_chars, today=today)


def _read_csv_rows(
    path: Path, fh: BinaryIO, *, max_chars: int, today: dt.date | None
) -> Iterator[Article | Problem]:
    name = str(path)
    if _looks_binary_head(fh):
        yield Problem(name, "binary file, not CSV; skipped", severity="skipped")
        return
    lines = _Lines(fh, name)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        yield from lines.drain()
        yield Problem(name, "empty file", severity="skipped")
        return
    except csv.Error as exc:
        yield from lines.drain()
        yield Problem(name, f"cannot read the CSV header: {exc}", 1, "skipped")
        return
    yield from lines.drain()
    if not lines.content and not any(h.strip() for h in header):
        yield Problem(name, "empty file", severity="skipped")
        return
    columns = [h.strip().lower() for h in header]
    if "text" not in columns:
        yield Problem(
            name,
            f"no 'text' column (found: {', '.join(header[:8]) or 'none'}); "
            f"expected columns {', '.join(_FIELDS)}",
            1,
            "skipped",
        )
        return
    row_start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(name, f"malformed CSV ({exc}); row skipped", row_start, "skipped")
            row_start = reader.line_num + 1
            continue
        line, row_start = row_start, reader.line_num + 1
        yield from lines.drain()
        if not any(cell.strip() for cell in row):
            continue
        extra: tuple[Problem, ...] = ()
        if len(row) != len(columns):
            extra = (Problem(name, f"row has {len(row)} fields, the header {len(columns)}", line),)
        rec = {col: row[i] for i, col in enumerate(columns) if i < len(row) and col}
        yield _record_article(
            rec,  # type: ignore[arg-type]
            path=path,
            line=line,
            fallback_id=f"{path.stem}-{line}",
            max_chars=max_chars,
            today=today,
            encoding=lines.encoding,
            extra=extra,
        )
    yield from lines.closing()


# --------------------------------------------------------------------------- dates


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?\s*$")


def parse_iso_date(
    value: str, *, today: dt.date | None = None
) -> tuple[dt.date | None, str | None]:
    """An ISO 8601 date (``2020-10-29``, optionally with a time), or None and the reason."""
    m = _ISO_DATE.match(value)
    if not m:
        return None, "not an ISO 8601 date (YYYY-MM-DD)"
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None, "impossible date"
    limit = (today or dt.date.today()) + FUTURE_SLACK
    if day > limit:
        return None, f"in the future (after {limit.isoformat()})"
    if day < EARLIEST_PUBLICATION:
        return None, f"implausibly early (before {EARLIEST_PUBLICATION.isoformat()})"
    return day, None


# --------------------------------------------------------------------------- articles


_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*", re.IGNORECASE)
_HEADER_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")

_BOILERPLATE_EXACT = {
    "all news",
    "trend:",
    "advertisement",
    "share",
    "share this article",
    "print",
    "comments",
    "subscribe",
    "related",
    "related articles",
    "related news",
    "read more",
    "video",
    "photo",
    "latest news",
    "top stories",
    "more news",
}
_BOILERPLATE_LONGEST = max(map(len, _BOILERPLATE_EXACT))
_BOILERPLATE_PREFIX = re.compile(
    r"^\s*(read also|read more|see also|related:|also read|follow us|click here|"
    r"sign up for|subscribe to|advertisement\b|photo:|image:|video:|watch:|©|copyright\b)",
    re.IGNORECASE,
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")
_CREDIT = re.compile(
    r"\s+[/|\-–—]\s*(?:REUTERS|AFP|AP|TASS|Reuters|Photo[^/|]*|Getty Images|EPA|Xinhua|"
    r"UNIAN|Anadolu)\s*$"
)

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_UPPER = r"A-Z\u00c0-\u00de\u0100-\u017f"
_DATELINE = re.compile(
    rf"[ \t]*(?P<place>[{_UPPER}][{_UPPER}'’.\-]*(?:[ \t]+[{_UPPER}][{_UPPER}'’.\-]*){{0,3}})"
    rf"(?:,[ \t]*(?P<country>[A-Z][A-Za-z.'’\-]*(?:[ \t]+[A-Z][A-Za-z.'’\-]*){{0,3}}))?"
    rf"(?:"
    rf"(?:,[ \t]*|[ \t]+)(?P<date>(?P<mon>{_MONTH_RE})\.?[ \t]*(?P<day>\d{{1,2}})"
    rf"(?:,?[ \t]+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})[ \t]+(?P<mon2>{_MONTH_RE})\.?(?:[ \t]+(?P<year2>\d{{4}}))?)"
    rf"(?P<tail>[ \t]*\.?[ \t]*(?:/[^/\n]{{1,40}}/\.?|\([^()\n]{{1,40}}\)[ \t]*[-–—:]?|[-–—:])?)"
    rf"|(?P<bare>[ \t]*(?:\([^()\n]{{1,40}}\))?[ \t]*[-–—])"
    rf")"
)


def find_dateline(text: str, start: int, end: int) -> Dateline | None:
    """A dateline at ``text[start:end]`` (one line), e.g. ``BAKU, September 27. /TASS/.``."""
    m = _DATELINE.match(text, start, end)
    if not m:
        return None
    place = m.group("place").rstrip(".'’-")
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return None
    if m.group("bare") is None and m.group("date") is None:
        return None
    p_start = m.start("place")
    p_end = p_start + len(place)
    mon = m.group("mon") or m.group("mon2")
    day = m.group("day") or m.group("day2")
    year = m.group("year") or m.group("year2")
    month = (
        _MONTHS[mon[:4].lower() if mon[:4].lower() == "sept" else mon[:3].lower()] if mon else None
    )
    d = int(day) if day else None
    if month and d and not 1 <= d <= 31:
        return None
    return Dateline(
        start=m.start(),
        end=m.end(),
        place=place,
        place_start=p_start,
        place_end=p_end,
        country=m.group("country"),
        month=month,
        day=d,
        year=int(year) if year else None,
    )


#: Where a sentence may start within a line: after ". ", "? " or "! ".
_SENTENCE_START = re.compile(r"[.?!][\"'”’]?[ \t]+(?=[A-Z])")


def _dateline_after_title(text: str, start: int, end: int) -> Dateline | None:
    """A dateline opening the second sentence of a line that holds a title and the body
    ("Man faces charges. TORRINGTON — City Council…"), as feeds that join them write it.

    Only a dateline with a date or a dash counts, in the first 300 characters.
    """
    for m in _SENTENCE_START.finditer(text, start, min(end, start + 300)):
        return find_dateline(text, m.end(), end)
    return None


def _check_dateline(found: Dateline, today: dt.date | None) -> tuple[Dateline, str | None]:
    """Drop a dateline's date when it is impossible or in the future; say why."""
    if found.month is None or found.day is None:
        return found, None
    why = None
    year = found.year if found.year is not None else 2000  # a leap year: Feb 29 may be valid
    if _safe(year, found.month, found.day) is None:
        why = f"{found.month:02d}-{found.day:02d} is impossible"
    elif found.year is not None:
        day, reason = parse_iso_date(f"{found.year}-{found.month}-{found.day}", today=today)
        if reason:
            why = f"{found.year}-{found.month:02d}-{found.day:02d} is {reason}"
    if why is None:
        return found, None
    return replace(found, month=None, day=None, year=None), why


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end
        pos = end + 1


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _mostly_latin(sample: str) -> bool:
    """True when more than half the letters of ``sample`` are Latin (``_LATIN``).

    Counting letters with the regular expressions is slow; when the ASCII letters alone are
    more than half of all the letters there could be, the answer is known without it.
    """
    if sample.isascii():
        return True
    ascii_part = sample.encode("ascii", "ignore")
    ascii_letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))
    others = len(sample) - len(ascii_part)
    if ascii_letters > 0.5 * (ascii_letters + others):
        return True  # even if every other character were a non-Latin letter
    n_letters = len(_LETTER.findall(sample))
    return n_letters > 0 and len(_LATIN.findall(sample)) > 0.5 * n_letters


_NOT_LINE_BREAK = re.compile(r"[^\n\r]")


def _blanked(segment: str) -> str:
    """``segment`` with every character but line breaks replaced by a space."""
    if "\n" in segment or "\r" in segment:
        return _NOT_LINE_BREAK.sub(" ", segment)
    return " " * len(segment)


def _is_boilerplate(line: str, mostly_latin: Callable[[], bool]) -> bool:
    """Whether a line of an article is boilerplate to blank.

    ``mostly_latin()`` tells whether the article is mostly in Latin script; it is asked
    only about a short line in another script (most articles have none, and it is slow).
    """
    s = line.strip()
    if not s:
        return False
    # casefold never shortens a string, so a longer line cannot be one of the exact ones
    if len(s) <= _BOILERPLATE_LONGEST and s.casefold() in _BOILERPLATE_EXACT:
        return True
    if _BOILERPLATE_PREFIX.match(s):
        return True
    # a short line in another script inside a Latin-script story ("Видео дня")
    return bool(len(s) <= 60 and _LETTER.search(s) and not _LATIN.search(s) and mostly_latin())


def parse_article(
    id: str,
    text: str,
    *,
    path: str = "",
    line: int | None = None,
    published: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    encoding: str = "utf-8",
    problems: tuple[Problem, ...] = (),
    infer_title: bool = False,
    today: dt.date | None = None,
) -> Article:
    """Clean one article's text into an ``Article``.

    The ``date YYYY-MM-DD`` header, boilerplate lines ("All news", "Read also…", short
    lines in another script), a dateline's date and agency, and a title's photo credit are
    blanked in ``body`` (same length as ``text``, so offsets carry over). With
    ``infer_title``, the first remaining line is the title when short and without a final
    full stop.
    """
    probs = list(problems)
    date_source = "metadata" if published is not None else "unknown"
    # the body, spliced where something is blanked (a few short spans, or none): a list of
    # the characters joined back costs more than copying the whole text a few times
    body = text

    def blank(a: int, b: int) -> None:
        nonlocal body
        body = body[:a] + _blanked(text[a:b]) + body[b:]

    pos = 0
    header = _HEADER.match(text)
    if header and _HEADER_DATE.fullmatch(header.group(1)):
        blank(header.start(), header.end())
        pos = header.end()
        day, why = parse_iso_date(header.group(1), today=today)
        if why:
            probs.append(Problem(path, f"header date {header.group(1)!r}: {why}; ignored", line))
        elif published is None:
            published, date_source = day, "header"

    latin: list[bool] = []

    def mostly_latin() -> bool:
        if not latin:
            latin.append(_mostly_latin(text[:20000]))
        return latin[0]

    dateline: Dateline | None = None
    first_content: tuple[int, int] | None = None
    seen_content = 0
    for a, b in _lines(text, pos):
        segment = text[a:b].strip()
        if not segment:
            continue
        if _is_boilerplate(segment, mostly_latin):
            # "Read alsoArmenia's…" may glue a headline of another story: drop it all
            blank(a, b)
            continue
        seen_content += 1
        if dateline is None and seen_content <= 6:
            found = find_dateline(text, a, b)
            if found is None and seen_content == 1:
                found = _dateline_after_title(text, a, b)
            if found is not None:
                found, why = _check_dateline(found, today)
                if why:
                    probs.append(Problem(path, f"dateline date {why}; ignored", line))
                dateline = found
                blank(found.place_end, found.end)
                if found.country:
                    # keep the comma and the country (or state: "CHARLESTON, W.Va.") visible
                    # for extraction, blank the date and agency
                    c_at = text.find(found.country, found.place_end, found.end)
                    # (a country not found there keeps nothing, as a range would)
                    kept = max(found.place_end, c_at + len(found.country))
                    body = body[: found.place_end] + text[found.place_end : kept] + body[kept:]
                if first_content is None:
                    first_content = (-1, -1)  # a dateline first: no title
                continue
        if first_content is None:
            first_content = (a, b)

    if infer_title and title is None and first_content and first_content[0] >= 0:
        a, b = first_content
        line_text = text[a:b]
        credit = _CREDIT.search(line_text)
        if credit:
            blank(a + credit.start(), a + credit.end())
            line_text = line_text[: credit.start()]
        candidate = " ".join(line_text.split())
        if candidate and len(candidate) <= 200 and not candidate.endswith("."):
            title = candidate

    return Article(
        id=id,
        text=text,
        body=body,
        title=title,
        url=url,
        source=source,
        path=path,
        line=line,
        published=published,
        date_source=date_source,  # type: ignore[arg-type]
        dateline=dateline,
        encoding=encoding,
        problems=tuple(probs),
    )
