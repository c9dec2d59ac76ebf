"""Tagging a text's date expressions, and which one dates a mention in its sentence."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from geomap.asciifold import ascii_lower
from geomap.dates.patterns import (
    LOWERED,
    MONTH_NAME,
    NEEDS_DAY_MONTH,
    NEEDS_MONTH_NAME,
    NEEDS_YEAR,
    PATTERNS,
    STARTS_WITH_MONTH,
)
from geomap.dates.scan import (
    day_before,
    low_names,
    lowered_starts,
    matches_at,
    weekday_starts,
    year_starts,
)
from geomap.dates.values import value_of
from geomap.models import DateValue, TimeExpr

__all__ = ["SentenceDates", "governing_expr", "tag_dates"]


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
    years = year_starts(text)  # the same offsets in ``low``
    month_starts = [m.start() for m in MONTH_NAME.finditer(text)]
    month_words: list[int] = []
    relative_at: list[int] = []
    if low is not None:
        month_words, relative_at = low_names(low)
    day_month: bool | None = None
    for order, (kind, pattern) in enumerate(PATTERNS):
        if kind in NEEDS_MONTH_NAME and not month_starts:
            continue  # no month name: the cheapest test first
        if kind in NEEDS_YEAR and not years:
            continue
        if kind in NEEDS_DAY_MONTH:
            if day_month is None:
                day_month = any(day_before(text, at) for at in month_starts)
            if not day_month:
                continue
        fast = LOWERED.get(kind)
        if kind in STARTS_WITH_MONTH:
            matches = matches_at(pattern, text, month_starts)
        elif kind == "iso":
            matches = matches_at(pattern, text, years)
        elif fast is not None and low is not None:
            # same matches; groups in lower case, which value_of reads case-insensitively
            starts = lowered_starts(kind, low, years, month_words, relative_at)
            if not starts:
                continue  # none of the names every match holds
            matches = matches_at(fast, low, starts)
        elif kind == "weekday":
            matches = matches_at(pattern, text, weekday_starts(text))
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
        res = value_of(kind, m, anchor, default_year)
        if res is None:
            continue
        value, inferred = res
        exprs.append(TimeExpr(start, end, text[start:end], value, inferred))
    return _merge(text, exprs)


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
        #: (start, end) of each clause break; not needed when there is at most one
        #: expression (see ``governing``).
        self.breaks: list[tuple[int, int]] = []
        if len(self.inside) > 1:
            self.breaks = [
                (m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text, sent_start, sent_end)
            ]

    def governing(self, start: int, end: int) -> TimeExpr | None:
        """``governing_expr`` for a mention at ``text[start:end]`` in the sentence."""
        inside = self.inside
        if not inside:
            return None
        if len(inside) == 1:
            # the one expression is the nearest before or after the mention, in its clause
            # or not: the clauses do not matter
            (only,) = inside
            return only if only.end <= start or only.start >= end else None
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
