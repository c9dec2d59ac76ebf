"""A date expression's calendar value: absolute, partial and relative dates against an anchor."""

from __future__ import annotations

import datetime as dt
import re

from geomap.dates.patterns import WEEKDAYS, month_number
from geomap.models import DateValue

__all__ = ["FORECAST_WORDS", "safe_date", "value_of"]


_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """``datetime.date(year, month, day)``, or None for a day the calendar lacks."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _closest_year(month: int, day: int, anchor: dt.date) -> int | None:
    """The year putting month/day nearest the anchor; the future counts double."""
    best: tuple[float, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = safe_date(year, month, day)
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


#: The words that make a year or a month the end of a forecast or a deadline rather than
#: the date of what happened: "by 2023", "until 2025", "till October". ("since 1992" is a
#: reference period: its start dates the background it gives, which ``geomap.events``
#: keeps out of events as over a year before the article.)
FORECAST_WORDS = frozenset({"by", "until", "till"})
#: The kinds of expression ``FORECAST_WORDS`` apply to: a day ("until October 30") bounds a
#: truce or a curfew that is in force.
_FORECAST_KINDS = frozenset({"year", "month", "my", "part_month"})
#: One of ``FORECAST_WORDS`` and a gap, at the end of the text before an expression.
_FORECAST_BEFORE = re.compile(r"(?i:\b(?:by|until|till))[ \t]+\Z")
#: The opening of a range ("from October", "between 2019"), shortly before its end.
_RANGE_FROM = re.compile(r"(?i:\b(?:from|between))[ \t]")


def _is_forecast(m: re.Match[str], g: dict[str, str | None]) -> bool:
    """Whether the expression ``m`` ends a forecast or deadline: its own preposition is one
    of ``FORECAST_WORDS`` ("by 2023"), or it follows one ("by October 2020")."""
    start = m.start()
    prep = g.get("prep")
    word = prep.lower() if prep is not None else None
    if word not in FORECAST_WORDS:
        before = _FORECAST_BEFORE.search(m.string, max(0, start - 6), start)
        if before is None:
            return False
        word = before.group().split()[0].lower()
    # "from October until December": the end of a range the tagger joins, not a forecast
    return word == "by" or _RANGE_FROM.search(m.string, max(0, start - 40), start) is None


def value_of(
    kind: str, m: re.Match[str], anchor: dt.date | None, default_year: int | None
) -> tuple[DateValue | None, bool] | None:
    """The value of one match, and whether its year was inferred; None to drop the match.

    A year or month that a forecast or deadline names ("by 2023", "until October") is not
    the date of what the sentence reports: its value is None (``FORECAST_WORDS``). A
    reference period ("since 1992") keeps its start, the date of the background it gives.
    """
    g = m.groupdict()
    if kind in _FORECAST_KINDS and _is_forecast(m, g):
        return None, False
    if kind == "iso":
        d = safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return None if d is None else (DateValue(d, "day"), False)
    if kind in ("dmy", "mdy", "md_range", "dm_range"):
        month, day = month_number(g["mon"]), int(g["d"])
        if not 1 <= day <= 31:
            return None
        inferred = g.get("y") is None
        year: int | None
        if inferred:
            year, _ = _year_for(month, day, anchor, default_year)
        else:
            year = int(g["y"])
        if year is None:
            return (None, True) if safe_date(2000, month, day) else None
        d = safe_date(year, month, day)
        if d is None:
            return None
        if kind in ("md_range", "dm_range"):
            d2 = safe_date(year, month, int(g["d2"]))
            if d2 is None or d2 <= d:
                return None
            return DateValue(d, "day", d2), inferred
        return DateValue(d, "day"), inferred
    if kind in ("my", "part_month", "month"):
        month = month_number(g["mon"])
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
