"""Temporal expressions -> calendar dates with precision; publication dates and their years.

A focused tagger (regular expressions, no model): absolute dates ("July 12", "Oct.29",
"27 September 2020", "2020-10-26"), relative ones ("on Monday", "yesterday", "last week",
"earlier this month"), partial ones ("October 2020", "early October", "in 1988") and
ranges ("1992-1994", "from 8:00 on October 26 until October 30", "October 26-28").
Expressions are resolved against an anchor (the publication date). A weekday names the
most recent such day on or before the anchor: "on Monday" in a Monday story is that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from geomap.asciifold import ascii_lower, lowered
from geomap.models import Article, DateValue, TimeExpr

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "tag_dates",
    "governing_expr",
    "SentenceDates",
    "PubDateEvidence",
    "publication_evidence",
    "decide_publication_dates",
    "decided_alone",
    "needs_run",
    "run_default_year",
    "YEAR_WINDOW",
]

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

#: How many years before the run's today a dateline without a year may fall.
YEAR_WINDOW = 40

_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH|APRIL|"
    r"MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
_END = r"(?![\w-])"


class _Source(NamedTuple):
    """A pattern's text and flags, compiled once its guard is known (see ``_GUARDS``)."""

    pattern: str
    flags: int = 0


# (name, pattern); earlier names win ties between overlapping matches of equal length.
_SOURCES: list[tuple[str, _Source]] = [
    ("iso", _Source(rf"\b(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    (
        "md_range",
        _Source(
            rf"\b(?P<mon>{_MON})\.?[ \t]?(?P<d>\d{{1,2}}){_ORD}[ \t]*[-–][ \t]*"
            rf"(?P<d2>\d{{1,2}}){_ORD}"
            rf"(?:,?[ \t]+(?P<y>{_YEAR}))?{_END}"
        ),
    ),
    (
        "dm_range",
        _Source(
            rf"\b(?P<d>\d{{1,2}}){_ORD}[ \t]*[-–][ \t]*"
            rf"(?P<d2>\d{{1,2}}){_ORD}[ \t]+(?P<mon>{_MON})\.?"
            rf"(?:,?[ \t]+(?P<y>{_YEAR}))?{_END}"
        ),
    ),
    (
        "dmy",
        _Source(
            rf"\b(?P<d>\d{{1,2}}){_ORD}[ \t]+(?:of[ \t]+)?"
            rf"(?P<mon>{_MON})\.?(?:,?[ \t]+(?P<y>{_YEAR}))?{_END}"
        ),
    ),
    (
        "mdy",
        _Source(
            rf"\b(?P<mon>{_MON})\.?[ \t]?(?P<d>\d{{1,2}}){_ORD}"
            rf"(?:,?[ \t]+(?P<y>{_YEAR}))?(?![\d:.,]\d|\w)"
        ),
    ),
    (
        "part_month",
        _Source(
            rf"\b(?P<part>early|mid|late|the "
            rf"(?:early|first|last|final) days of|the (?:beginning|start|"
            rf"middle|end) of)[ \t-]+(?P<mon>{_MON})(?:,?[ \t]+(?:of[ \t]+)?(?P<y>{_YEAR}))?{_END}",
            re.IGNORECASE,
        ),
    ),
    ("my", _Source(rf"\b(?P<mon>{_MON})\.?,?[ \t]+(?:of[ \t]+)?(?P<y>{_YEAR}){_END}")),
    (
        "month",
        _Source(
            rf"\b(?P<prep>in|since|until|till|by|during|through|throughout|from|last|this|next|"
            rf"early|late|mid|of)[ \t-]+(?P<mon>{_MON}){_END}(?!\.?[ \t]?\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "year_range",
        _Source(
            rf"\b(?:(?P<pre>from|between)[ \t]+)?(?P<y>{_YEAR})[ \t]*(?:[-–—]|to|and|until)[ \t]*"
            rf"(?P<y2>{_YEAR}|\d\d){_END}",
            re.IGNORECASE,
        ),
    ),
    (
        "year",
        _Source(
            rf"(?:\b(?P<prep>in|since|from|until|till|by|of|during|through|before|after|the|early|"
            rf"late|mid|around|circa|spring|summer|autumn|fall|winter)[ \t-]+)"
            rf"(?P<y>{_YEAR})(?!\d|[-–]\d|,\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        _Source(
            rf"\b(?:(?P<rel>last|this|next|on|early|late)[ \t]+)?(?:the[ \t]+(?:morning|evening|"
            rf"night|afternoon)[ \t]+of[ \t]+)?(?P<wd>{_WD}){_END}(?:[ \t]+(?P<part>morning|"
            rf"evening|night|afternoon))?"
        ),
    ),
    (
        "relative",
        _Source(
            r"\b(?P<rel>the day before yesterday|yesterday|today|tonight|tomorrow|last night|"
            r"this (?:morning|afternoon|evening)|(?:earlier |later )?this (?:week|month|year)|"
            r"last (?:week|month|year)|next (?:week|month|year)|the previous (?:week|month|year)|"
            r"(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)[ \t]+"
            r"(?P<unit>days?|weeks?|months?|years?)[ \t]+ago)\b",
            re.IGNORECASE,
        ),
    ),
]

#: First letters each slow pattern can start with: a cheap lookahead that lets the regex
#: engine skip most positions (measured: 30-50% less time per pattern, same matches).
_GUARDS = {
    "relative": "[tTyYlLeEnN0-9aAoOfFsS]",
    "year": "[iIsSfFuUtTbBoOdDaAeElLmMcCwW]",
    "month": "[iIsSuUtTbBdDfFlLnNeEmMoO]",
    "weekday": "[lLtToOeEnNMWFS]",
    "part_month": "[eEmMlLtT]",
}
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        kind,
        re.compile(
            f"(?={_GUARDS[kind]})" + src.pattern if kind in _GUARDS else src.pattern, src.flags
        ),
    )
    for kind, src in _SOURCES
]

#: Where each pattern is tried. A pattern is skipped when a scan finds none of the names
#: all its matches hold (years, month names, weekday names, relative words); otherwise it is
#: matched only where a match can start (``_matches_at``), not at every position.
#: The patterns whose matches start with a month name (``\b(?P<mon>...)``): they are tried
#: only where ``_MONTH_NAME`` finds one, instead of at every position of the text.
_STARTS_WITH_MONTH = frozenset({"md_range", "mdy", "my"})
_MONTH_NAME = re.compile(_MON)
#: The patterns every match of which holds a month name (``_MON``, case-sensitive).
_NEEDS_MONTH_NAME = frozenset({"md_range", "dm_range", "dmy", "mdy", "my"})
#: The patterns every match of which holds a year: skipped when ``_year_starts`` finds none
#: (its offsets then serve "iso", "year" and "year_range").
_NEEDS_YEAR = frozenset({"iso", "my", "year_range", "year"})
#: The patterns every match of which holds a day number before a month name
#: (``_day_before``).
_NEEDS_DAY_MONTH = frozenset({"dm_range", "dmy"})
#: A month name after a space or hyphen and not followed by a word character or hyphen.
_MONTH_WORD = re.compile(rf"[ \t-]{_MON.lower()}{_END}")
#: Words one of which every "relative" expression holds (lower case).
_RELATIVE_WORDS = (
    "yesterday", "today", "tonight", "tomorrow", "last night", "this morning",
    "this afternoon", "this evening", "this week", "this month", "this year", "last week",
    "last month", "last year", "next week", "next month", "next year", "previous week",
    "previous month", "previous year", "ago",
)  # fmt: skip
#: The case-insensitive patterns in lowered, case-sensitive form, by kind.
_LOWERED: dict[str, re.Pattern[str]] = {
    kind: lowered(pat) for kind, pat in _PATTERNS if pat.flags & re.IGNORECASE
}

_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


def _month_of(token: str) -> int:
    t = token.lower().rstrip(".")
    return MONTHS[t] if t in MONTHS else MONTHS[t[:3]]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _closest_year(month: int, day: int, anchor: dt.date) -> int | None:
    """The year putting month/day nearest the anchor; the future counts double."""
    best: tuple[float, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = _safe_date(year, month, day)
        if d is None:
            continue
        delta = (d - anchor).days
        cost = delta * 2.0 if delta > 0 else -delta
        if best is None or cost < best[0]:
            best = (cost, year)
    return None if best is None else best[1]


def _year_for(
    month: int, day: int, anchor: dt.date | None, default_year: int | None
) -> tuple[int | None, bool]:
    if anchor is not None:
        return _closest_year(month, day, anchor), True
    if default_year is not None:
        return default_year, True
    return None, True


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _value(
    kind: str, m: re.Match[str], anchor: dt.date | None, default_year: int | None
) -> tuple[DateValue | None, bool] | None:
    """The value of one match, and whether its year was inferred; None to drop the match."""
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return None if d is None else (DateValue(d, "day"), False)
    if kind in ("dmy", "mdy", "md_range", "dm_range"):
        month, day = _month_of(g["mon"]), int(g["d"])
        if not 1 <= day <= 31:
            return None
        inferred = g.get("y") is None
        year: int | None
        if inferred:
            year, _ = _year_for(month, day, anchor, default_year)
        else:
            year = int(g["y"])
        if year is None:
            return (None, True) if _safe_date(2000, month, day) else None
        d = _safe_date(year, month, day)
        if d is None:
            return None
        if kind in ("md_range", "dm_range"):
            d2 = _safe_date(year, month, int(g["d2"]))
            if d2 is None or d2 <= d:
                return None
            return DateValue(d, "day", d2), inferred
        return DateValue(d, "day"), inferred
    if kind in ("my", "part_month", "month"):
        month = _month_of(g["mon"])
        if kind == "month" and g["mon"].lower() == "may" and g["prep"].lower() not in (
            "in", "since", "until", "by", "during", "early", "late", "mid", "last", "next"
        ):  # fmt: skip
            return None
        if g.get("y"):
            return DateValue(dt.date(int(g["y"]), month, 1), "month"), False
        prep = (g.get("prep") or "").lower()
        if anchor is not None:
            if prep == "last":
                year = anchor.year - (month >= anchor.month)
            elif prep == "next":
                year = anchor.year + (month <= anchor.month)
            else:
                year = _closest_year(month, 15, anchor) or anchor.year
        elif default_year is not None:
            year = default_year
        else:
            return None, True
        return DateValue(dt.date(year, month, 1), "month"), True
    if kind == "year_range":
        y1 = int(g["y"])
        y2s = g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if not y1 < y2 <= y1 + 50:
            return None
        return DateValue(dt.date(y1, 1, 1), "year", dt.date(y2, 12, 31)), False
    if kind == "year":
        prep = (g.get("prep") or "").lower()
        y = int(g["y"])
        if prep == "the" and not re.match(
            r"[ \t]*(?:'s|s\b|war|ceasefire|conflict|election|"
            r"agreement|treaty|accord|war|crisis|uprising|revolution|"
            r"census|olympics|games|season|budget|referendum|"
            r"earthquake|flood|protests?|elections)",
            m.string[m.end() : m.end() + 20],
            re.IGNORECASE,
        ):
            return None
        return DateValue(dt.date(y, 1, 1), "year"), False
    if kind == "weekday":
        if anchor is None:
            return None, True
        wd = WEEKDAYS[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        back = (anchor.weekday() - wd) % 7
        if rel == "next":
            d = anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7 or 7)
        elif rel == "last" and back == 0:
            d = anchor - dt.timedelta(days=7)
        else:
            d = anchor - dt.timedelta(days=back)
        return DateValue(d, "day"), True
    if kind == "relative":
        if anchor is None:
            return None, True
        rel = g["rel"].lower()
        if g.get("unit"):
            n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
            unit = g["unit"].lower().rstrip("s")
            if unit == "day":
                return DateValue(anchor - dt.timedelta(days=n), "day"), True
            if unit == "week":
                return DateValue(_monday(anchor - dt.timedelta(days=7 * n)), "week"), True
            if unit == "month":
                return DateValue(_add_months(anchor, -n), "month"), True
            return DateValue(dt.date(anchor.year - n, 1, 1), "year"), True
        if (
            rel in ("today", "tonight")
            or rel.startswith("this ")
            and rel.split()[1] in ("morning", "afternoon", "evening")
        ):
            return DateValue(anchor, "day"), True
        if rel in ("yesterday", "last night"):
            return DateValue(anchor - dt.timedelta(days=1), "day"), True
        if rel == "the day before yesterday":
            return DateValue(anchor - dt.timedelta(days=2), "day"), True
        if rel == "tomorrow":
            return DateValue(anchor + dt.timedelta(days=1), "day"), True
        unit = rel.split()[-1]
        shift = (
            -1 if rel.startswith(("last", "the previous")) else 1 if rel.startswith("next") else 0
        )
        if unit == "week":
            return DateValue(_monday(anchor) + dt.timedelta(days=7 * shift), "week"), True
        if unit == "month":
            return DateValue(_add_months(anchor, shift), "month"), True
        return DateValue(dt.date(anchor.year + shift, 1, 1), "year"), True
    return None


_RANGE_LINK = re.compile(
    r"^[ \t]*(?:[-–—]|to|until|till|through|and)[ \t]+(?:\d{1,2}[:.]\d\d[ \t]+(?:on[ \t]+)?)?$",
    re.IGNORECASE,
)
_RANGE_OPEN = re.compile(
    r"(?:from|between)[ \t]+(?:\d{1,2}[:.]\d\d[ \t]+(?:(?:a\.m\.|p\.m\.|am|pm)[ \t]+)?)?"
    r"(?:on[ \t]+)?$",
    re.IGNORECASE,
)
_WEEKDAY_LINK = re.compile(r"^,?[ \t]*(?:the[ \t]+)?$")


def tag_dates(
    text: str, anchor: dt.date | None, *, default_year: int | None = None
) -> list[TimeExpr]:
    """Every temporal expression of ``text``, resolved against ``anchor``, by position.

    Parameters
    ----------
    text : str
        The text (an article's cleaned body).
    anchor : datetime.date or None
        The publication date; relative expressions need it.
    default_year : int, optional
        The year for "September 27" when there is no anchor (the run's common year).

    Returns
    -------
    list of TimeExpr
        Non-overlapping expressions; ``value`` is None when one cannot be placed.
    """
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    low = ascii_lower(text)
    years = _year_starts(text)  # the same offsets in ``low``
    month_starts = [m.start() for m in _MONTH_NAME.finditer(text)]
    month_words: list[int] = []
    relative_at: list[int] = []
    if low is not None:
        month_words, relative_at = _low_names(low)
    day_month: bool | None = None
    for order, (kind, pattern) in enumerate(_PATTERNS):
        if kind in _NEEDS_MONTH_NAME and not month_starts:
            continue  # no month name: the cheapest test first
        if kind in _NEEDS_YEAR and not years:
            continue
        if kind in _NEEDS_DAY_MONTH:
            if day_month is None:
                day_month = any(_day_before(text, at) for at in month_starts)
            if not day_month:
                continue
        fast = _LOWERED.get(kind)
        if kind in _STARTS_WITH_MONTH:
            matches = _matches_at(pattern, text, month_starts)
        elif kind == "iso":
            matches = _matches_at(pattern, text, years)
        elif fast is not None and low is not None:
            # same matches; groups in lower case, which _value reads case-insensitively
            starts = _lowered_starts(kind, low, years, month_words, relative_at)
            if not starts:
                continue  # none of the names every match holds
            matches = _matches_at(fast, low, starts)
        elif kind == "weekday":
            matches = _matches_at(pattern, text, _weekday_starts(text))
        else:
            matches = pattern.finditer(text)
        for m in matches:
            found.append((m.start(), m.end(), order, kind, m))
    # longest first, then pattern order; keep the non-overlapping ones
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for start, end, _order, kind, m in found:
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, kind, m))
    chosen.sort(key=lambda c: c[0])
    exprs: list[TimeExpr] = []
    for start, end, kind, m in chosen:
        res = _value(kind, m, anchor, default_year)
        if res is None:
            continue
        value, inferred = res
        exprs.append(TimeExpr(start, end, text[start:end], value, inferred))
    return _merge(text, exprs)


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: Sequence[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (ascending).

    Where ``finditer`` would look for the next match, the first of ``starts`` where the
    pattern matches is that match. A month name inside an earlier one (``_MONTH_NAME``
    matches do not overlap) follows a letter, so no ``\b(?P<mon>...)`` pattern can start
    there.
    """
    end = 0
    for pos in starts:
        if pos >= end:
            m = pattern.match(text, pos)
            if m is not None:
                yield m
                end = m.end()


#: Where a year starts ("1" before ``[5-9]\d\d``, "20" before ``\d\d``: ``_YEAR``), overlapping
#: ones too. Two scans for a literal are several times faster than one for ``(?=_YEAR)``.
_YEAR_1 = re.compile(r"1(?=[5-9]\d\d)")
_YEAR_20 = re.compile(r"20(?=\d\d)")
#: A weekday name, found from its "day": a literal the regex engine skips to quickly. The
#: group that matched holds the start of the name.
_WEEKDAY_DAY = re.compile(
    r"day(?:(?<=(Mon|Fri|Sun)day)|(?<=(Tues)day)|(?<=(Thurs|Satur)day)|(?<=(Wednes)day))"
)
#: The lengths of the "part" of a ``part_month`` expression ("early", "the end of"…).
_PART_LENGTHS = (3, 4, 5, 10, 12, 13, 16, 17)


def _year_starts(text: str) -> list[int]:
    """Every offset where ``_YEAR`` matches ``text`` (ascending, overlapping ones too)."""
    return sorted(
        [m.start() for m in _YEAR_1.finditer(text)] + [m.start() for m in _YEAR_20.finditer(text)]
    )


def _is_day_end(text: str, end: int) -> bool:
    r"""Whether ``text[:end]`` ends with ``\d(?:st|nd|rd|th)?`` (``\d`` is ``isdecimal``)."""
    if end > 0 and text[end - 1].isdecimal():
        return True
    return end > 2 and text[end - 2 : end] in ("st", "nd", "rd", "th") and text[end - 3].isdecimal()


def _day_before(text: str, at: int) -> bool:
    r"""Whether ``\d(?:st|nd|rd|th)?[ 	]+(?:of[ 	]+)?`` ends at ``at`` (before a month name).

    Each ``[ 	]+`` is the whole run of blanks before what follows it (a digit, an ordinal
    suffix and "of" end in no blank), so walking back over them finds every such match.
    """
    gap = _gap_before(text, at, " \t")
    if gap == at:
        return False
    if _is_day_end(text, gap):
        return True
    if gap < 2 or text[gap - 2 : gap] != "of":
        return False
    before_of = _gap_before(text, gap - 2, " \t")
    return before_of < gap - 2 and _is_day_end(text, before_of)


def _gap_before(text: str, at: int, chars: str) -> int:
    """Where the run of ``chars`` that ends at ``at`` starts (``at`` if there is none)."""
    while at > 0 and text[at - 1] in chars:
        at -= 1
    return at


def _word_before(text: str, at: int) -> int:
    r"""Where the run of word characters (``\w``) that ends at ``at`` starts."""
    while at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):
        at -= 1
    return at


def _lowered_starts(
    kind: str, low: str, years: list[int], month_words: list[int], relative_at: list[int]
) -> list[int] | None:
    r"""Every offset where the lowered pattern ``kind`` can match ``low`` (ascending, for
    ``_matches_at``), found from the names it must hold; None when not known.

    "year" is a word, a gap of ``[ \t-]`` and a year: it can only start at the word before
    the gap before a year (a word, after ``\b``, is a whole run of word characters).
    "year_range" starts at a year or at the word before the ``[ \t]`` gap before one;
    "month" at the word before the gap before a month name; "part_month" a part's length
    before that gap. Month names are ``_MONTH_WORD``'s (both patterns need the gap before
    and no word character or hyphen after: its matches do not overlap). "relative" starts
    at one of ``_RELATIVE_WORDS`` or at one of the three words before it. ``years``,
    ``month_words`` and ``relative_at`` are the offsets of ``_year_starts`` and
    ``_low_names``.
    """
    out: list[int] = []
    if kind in ("year", "year_range"):
        for at in years:
            if kind == "year_range":
                out.append(at)
            gap = _gap_before(low, at, " \t-" if kind == "year" else " \t")
            if gap < at:
                word = _word_before(low, gap)
                if word < gap:
                    out.append(word)
    elif kind in ("month", "part_month"):
        for at in month_words:
            gap = _gap_before(low, at, " \t-")
            if kind == "month":
                word = _word_before(low, gap)
                if word < gap:
                    out.append(word)
            else:
                out.extend(gap - n for n in _PART_LENGTHS if gap >= n)
    elif kind == "relative":
        for at in relative_at:
            out.extend(_starts_before(low, at, 3))
    else:
        return None
    return sorted(set(out))


def _low_names_automaton() -> Any:
    """An Aho-Corasick automaton finding, in one scan of a lowered text, every occurrence of
    a ``_RELATIVE_WORDS`` word (value: its length) and of a ``[ \t-]`` gap followed by the
    first three letters of a month name (value: 0)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for word in _RELATIVE_WORDS:
        auto.add_word(word, len(word))
    for name in _MON[3:-1].split("|"):  # the alternatives of ``(?:...)``
        for gap in " \t-":
            auto.add_word(gap + name[:3].lower(), 0)
    auto.make_automaton()
    return auto


_LOW_NAMES = _low_names_automaton()


def _low_names(low: str) -> tuple[list[int], list[int]]:
    """Where ``_MONTH_WORD``'s month names start in ``low`` and where its ``_RELATIVE_WORDS``
    words start, ascending (one ``_LOW_NAMES`` scan instead of a regex and a search each).

    Every month name starts with one of the automaton's prefixes, so checking
    ``_MONTH_WORD`` at each gap found gives its matches (they do not overlap).
    """
    month_words: list[int] = []
    relative_at: list[int] = []
    for end, length in _LOW_NAMES.iter(low):
        if length:
            relative_at.append(end - length + 1)
        elif _MONTH_WORD.match(low, end - 3):
            month_words.append(end - 2)
    return month_words, relative_at


def _weekday_starts(text: str) -> list[int]:
    r"""Every offset where the "weekday" pattern can match ``text`` (ascending): at a weekday
    name or at one of the four words before it, each followed by a ``[ \t]`` gap ("last
    Monday", "on the morning of Monday")."""
    out: list[int] = []
    for m in _WEEKDAY_DAY.finditer(text):
        out.extend(_starts_before(text, m.start(m.lastindex or 0), 4))
    return sorted(set(out))


def _starts_before(text: str, at: int, n: int) -> list[int]:
    r"""``at`` and the starts of up to ``n`` words before it, each followed by a ``[ \t]``
    gap: where a pattern that may open with those words can start."""
    out = [at]
    for _ in range(n):
        gap = _gap_before(text, at, " \t")
        word = _word_before(text, gap)
        if gap == at or word == gap:
            break
        out.append(word)
        at = word
    return out


def _merge(text: str, exprs: list[TimeExpr]) -> list[TimeExpr]:
    """Join "Monday, September 28" and "from X until Y" into single expressions."""
    out: list[TimeExpr] = []
    for expr in exprs:
        if out:
            prev = out[-1]
            between = text[prev.end : expr.start]
            if (
                prev.text.split()[-1].capitalize()
                in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
                and _WEEKDAY_LINK.match(between)
                and expr.value is not None
                and expr.value.precision == "day"
            ):
                out[-1] = TimeExpr(
                    prev.start,
                    expr.end,
                    text[prev.start : expr.end],
                    expr.value,
                    expr.year_inferred,
                )
                continue
            if (
                prev.value is not None
                and expr.value is not None
                and _RANGE_LINK.match(between)
                and _RANGE_OPEN.search(text[max(0, prev.start - 30) : prev.start])
                and expr.value.last_day > prev.value.start
                and prev.value.end is None
                and expr.value.end is None
            ):
                precision = prev.value.precision
                value = DateValue(prev.value.start, precision, expr.value.last_day)
                out[-1] = TimeExpr(
                    prev.start,
                    expr.end,
                    text[prev.start : expr.end],
                    value,
                    prev.year_inferred or expr.year_inferred,
                )
                continue
        out.append(expr)
    return out


_CLAUSE_BREAK = re.compile(r";|:|\s[–—-]\s|,\s+(?:but|while|whereas|although|and then)\b")


def governing_expr(
    exprs: Sequence[TimeExpr], text: str, sent_start: int, sent_end: int, start: int, end: int
) -> TimeExpr | None:
    """The expression that dates a mention at ``text[start:end]`` in its sentence.

    The nearest expression in the mention's clause (before it, else after it); else the
    nearest one before it in the sentence; else the nearest after it; else None.
    ``SentenceDates`` gives the same for several mentions of one sentence.
    """
    return SentenceDates(exprs, text, sent_start, sent_end).governing(start, end)


class SentenceDates:
    """The expressions of one sentence and its clause breaks, found once for all its mentions.

    Parameters
    ----------
    exprs : sequence of TimeExpr
        The text's expressions, by position (``tag_dates``).
    text : str
        The text.
    sent_start, sent_end : int
        The sentence's offsets in ``text``.
    """

    __slots__ = ("inside", "breaks", "sent_start", "sent_end")

    def __init__(
        self, exprs: Sequence[TimeExpr], text: str, sent_start: int, sent_end: int
    ) -> None:
        self.sent_start, self.sent_end = sent_start, sent_end
        self.inside = [e for e in exprs if sent_start <= e.start and e.end <= sent_end]
        #: (start, end) of each clause break; not needed when there is no expression.
        self.breaks: list[tuple[int, int]] = []
        if self.inside:
            self.breaks = [
                (m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text, sent_start, sent_end)
            ]

    def governing(self, start: int, end: int) -> TimeExpr | None:
        """``governing_expr`` for a mention at ``text[start:end]`` in the sentence."""
        inside = self.inside
        if not inside:
            return None
        clause_start, clause_end = self.sent_start, self.sent_end
        for b_start, b_end in self.breaks:
            if b_end <= start:
                clause_start = b_end
            elif b_start >= end:
                clause_end = b_start
                break
        in_clause = [e for e in inside if clause_start <= e.start and e.end <= clause_end]
        for pool in (in_clause, inside):
            before = [e for e in pool if e.end <= start]
            if before:
                return before[-1]
            after = [e for e in pool if e.start >= end]
            if after:
                return after[0]
        return None


# --------------------------------------------------------------------------- publication


@dataclass(frozen=True)
class PubDateEvidence:
    """What an article says about its own date, for deciding it after a run is read."""

    article_id: str
    #: A date from the header or metadata, and which.
    stated: dt.date | None = None
    stated_source: str = "unknown"
    #: The dateline's month, day and year (year None when it has none).
    month: int | None = None
    day: int | None = None
    year: int | None = None
    #: Weekdays the text names (0 = Monday) with a weight.
    weekdays: tuple[tuple[int, float], ...] = ()
    #: "Monday, September 28" pairs: (weekday, month, day).
    pairs: tuple[tuple[int, int, int], ...] = ()
    #: Latest year the text writes out (a publication cannot precede it much).
    latest_year: int | None = None
    path: str = ""


_WEEKDAY_MENTION = re.compile(
    rf"(?P<pre>\b(?:on|said|says|reported|announced|late|early|last|this|next)[ \t]+)?"
    rf"(?P<wd>{_WD})(?P<pair>,?[ \t]+(?P<mon>{_MON})\.?[ \t]?(?P<d>\d{{1,2}})\b)?"
)
_YEAR_MENTION = re.compile(rf"\b{_YEAR}\b")


def publication_evidence(article: Article) -> PubDateEvidence:
    """Collect an article's date evidence: header/metadata date, dateline, weekdays named."""
    weekdays: list[tuple[int, float]] = []
    pairs: list[tuple[int, int, int]] = []
    body = article.body
    dl = article.dateline
    if article.published is not None or dl is None or dl.year is not None or not dl.month:
        # the date follows from the article alone: no need for the weekdays it names
        body = ""
    for m in _WEEKDAY_MENTION.finditer(body):
        wd = WEEKDAYS[m.group("wd").lower()]
        pre = (m.group("pre") or "").strip().lower()
        if pre in ("last", "next"):
            continue
        if m.group("pair"):
            pairs.append((wd, _month_of(m.group("mon")), int(m.group("d"))))
            continue
        weekdays.append((wd, 1.0 if pre else 0.8))
    years = [int(y) for y in _YEAR_MENTION.findall(body)]
    return PubDateEvidence(
        article_id=article.id,
        stated=article.published,
        stated_source=article.date_source if article.published else "unknown",
        month=dl.month if dl else None,
        day=dl.day if dl else None,
        year=dl.year if dl else None,
        weekdays=tuple(weekdays),
        pairs=tuple(pairs),
        latest_year=max(years) if years else None,
        path=article.path,
    )


def _weekday_score(ev: PubDateEvidence, day: dt.date) -> float:
    score = 0.0
    for wd, weight in ev.weekdays:
        if wd == day.weekday():
            score += weight
        elif wd == (day.weekday() - 1) % 7:
            score += 0.4 * weight
    for wd, month, d in ev.pairs:
        paired = _safe_date(day.year, month, d)
        if paired is not None and abs((paired - day).days) <= 60:
            score += 2.0 if paired.weekday() == wd else -2.0
    return score


def needs_run(ev: PubDateEvidence) -> bool:
    """True when an article's date can only be decided with the run's other articles."""
    return ev.stated is None and bool(ev.month and ev.day) and not ev.year


def decided_alone(ev: PubDateEvidence, *, today: dt.date) -> tuple[dt.date | None, str] | None:
    """The publication date an article's evidence gives on its own, and how: a stated
    (header or metadata) date stands, a dateline with a year gives "dateline", no dateline
    date gives "unknown". None when the run must decide (``needs_run``): a dateline's month
    and day without a year.
    """
    if ev.stated is not None:
        return ev.stated, ev.stated_source
    if not (ev.month and ev.day):
        return None, "unknown"
    if not ev.year:
        return None
    d = _safe_date(ev.year, ev.month, ev.day)
    if d is not None and d <= today + dt.timedelta(days=2):
        return d, "dateline"
    return None, "unknown"


def decide_publication_dates(
    evidence: Iterable[PubDateEvidence],
    *,
    today: dt.date,
    run_years: Counter[int] | None = None,
) -> dict[str, tuple[dt.date | None, str]]:
    """Each article's publication date and how it was obtained, decided over a whole run.

    header/metadata dates stand; a dateline with a year gives "dateline"; a dateline
    without one gets the year, within ``YEAR_WINDOW`` years before ``today``, that best
    fits the weekdays the text names, ties broken by the years of the run's other dated
    articles ("inferred"); otherwise the date is unknown. Never ``today`` by default.
    ``run_years`` adds the years of articles decided elsewhere (a streaming first pass).
    """
    items = list(evidence)
    decided: dict[str, tuple[dt.date | None, str]] = {}
    pending: list[PubDateEvidence] = []
    for ev in items:
        alone = decided_alone(ev, today=today)
        if alone is None:
            pending.append(ev)
        else:
            decided[ev.article_id] = alone
    years = Counter(d.year for d, _ in decided.values() if d is not None)
    if run_years:
        years.update(run_years)
    run_years = years
    for ev in pending:
        assert ev.month is not None and ev.day is not None
        low = today.year - YEAR_WINDOW
        if ev.latest_year is not None and ev.latest_year <= today.year:
            low = max(low, ev.latest_year)
        scored: list[tuple[float, int, dt.date]] = []
        for year in range(low, today.year + 1):
            d = _safe_date(year, ev.month, ev.day)
            if d is None or d > today:
                continue
            scored.append((_weekday_score(ev, d), year, d))
        if not scored:
            decided[ev.article_id] = (None, "unknown")
            continue
        best = max(s for s, _, _ in scored)
        top = [(y, d) for s, y, d in scored if s == best]
        if len(top) > 1 and run_years:
            top.sort(
                key=lambda yd: (
                    -run_years.get(yd[0], 0),
                    min(abs(yd[0] - y) for y in run_years),
                    -yd[0],
                )
            )
            decided[ev.article_id] = (top[0][1], "inferred")
        elif len(top) == 1 and best > 0:
            decided[ev.article_id] = (top[0][1], "inferred")
        elif best > 0:
            decided[ev.article_id] = (max(top)[1], "inferred")
        else:
            decided[ev.article_id] = (None, "unknown")
    return decided


def run_default_year(decided: dict[str, tuple[dt.date | None, str]]) -> int | None:
    """The most common publication year of a run (latest on ties), or None."""
    years = Counter(d.year for d, _ in decided.values() if d is not None)
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
