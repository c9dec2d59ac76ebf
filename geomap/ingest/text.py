"""Plain-text articles: a .txt file, its ``date`` header, dateline and boilerplate lines."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from geomap.dates import MONTHS
from geomap.ingest.decoding import decode_bytes, looks_binary
from geomap.ingest.files import read_document
from geomap.ingest.options import READ_DEFAULTS, ReadOptions, over_limit
from geomap.ingest.pubdate import parse_iso_date
from geomap.models import Article, Dateline, Problem
from geomap.textsafe import has_surrogates, mend, shown

__all__ = ["read_txt", "parse_article", "find_dateline"]


def read_txt(path: Path, options: ReadOptions = READ_DEFAULTS) -> Iterator[Article | Problem]:
    """One article per .txt file; its id is the file name without the extension.

    A ``Reader`` (``options.Reader``); a file over the length limit by its size alone is
    skipped unread.

    Parameters
    ----------
    path : pathlib.Path
        A text file: UTF-8, or decoded by ``decode_bytes``' fallback (with a warning).
    options : ReadOptions, optional
        The length limit and the run's today (a header date after it is an error).

    Yields
    ------
    Article or Problem
        The article, or the Problem that skipped the file.
    """
    name = str(path)
    too_big = _over_limit(path, options.max_chars)
    if too_big is not None:
        yield Problem(name, too_big, severity="skipped")
        return
    data = read_document(path)
    if isinstance(data, Problem):
        yield data
        return
    decoded = decode_bytes(data)
    if decoded is None or looks_binary(decoded.text):
        yield Problem(name, "binary file, not text; skipped", severity="skipped")
        return
    too_long = over_limit(len(decoded.text), options.max_chars)
    if too_long is not None:
        yield Problem(name, too_long, severity="skipped")
        return
    problems = (Problem(name, decoded.warning),) if decoded.warning else ()
    yield parse_article(
        path.stem,
        decoded.text,
        path=name,
        encoding=decoded.encoding,
        problems=problems,
        infer_title=True,
        today=options.today,
    )


#: The most bytes one character takes in any encoding read (UTF-32), and a byte-order mark.
_MAX_CHAR_BYTES = 4


def _over_limit(path: Path, max_chars: int) -> str | None:
    """Why the file at ``path`` is over ``max_chars`` characters whatever its encoding (more
    than 4 bytes a character and a byte-order mark), judged by its size before it is read;
    None when it may be within the limit (or its size cannot be known: reading says why)."""
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):
        return None
    if size <= _MAX_CHAR_BYTES * (max_chars + 1):
        return None
    least = -(-size // _MAX_CHAR_BYTES) - 1
    return (
        f"article has {size:,} bytes, so at least {least:,} characters, over the limit of "
        f"{max_chars:,} (raise it with --max-chars)"
    )


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
    """A dateline at ``text[start:end]`` (one line), e.g. ``BAKU, September 27. /TASS/.``.

    Parameters
    ----------
    text : str
        The article's text.
    start, end : int
        The line's bounds in ``text``.

    Returns
    -------
    Dateline or None
        The dateline, its offsets into ``text``; None when the line does not open with one.

    Examples
    --------
    >>> dl = find_dateline("KYIV, May 5 (Wire) - Shelling.", 0, 30)
    >>> (dl.place, dl.month, dl.day)
    ('KYIV', 5, 5)
    """
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
        MONTHS[mon[:4].lower() if mon[:4].lower() == "sept" else mon[:3].lower()] if mon else None
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

    Parameters
    ----------
    id : str
        The article's id.
    text : str
        Its text as given; every offset in geomap refers to it.
    path : str, optional
        The file it was read from, for Problems.
    line : int, optional
        Its line in that file, for Problems.
    published : datetime.date, optional
        A publication date the input states (metadata); a header's date does not replace it.
    title, url, source : str, optional
        What the input says of it.
    encoding : str, default 'utf-8'
        The encoding its text was decoded from.
    problems : tuple of Problem, optional
        What the reader found, kept with the article.
    infer_title : bool, default False
        Take the first line for the title (plain-text files).
    today : datetime.date, optional
        The run's today: later dates are errors.

    Returns
    -------
    Article
    """
    probs = list(problems)
    fields = {"id": id, "text": text, "title": title, "url": url, "source": source}
    broken = [key for key, value in fields.items() if value and has_surrogates(value)]
    if broken:  # not Unicode text: no output could be written with it
        id, text = shown(id), mend(text)
        title, url, source = (None if v is None else mend(v) for v in (title, url, source))
        probs.append(
            Problem(
                path,
                f"{', '.join(repr(k) for k in broken)}: characters that are not Unicode text "
                "(lone surrogates, or a file name's bytes that are not UTF-8) replaced",
                line,
            )
        )
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
