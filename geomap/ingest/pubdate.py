"""Reading an article's stated publication date, and the bounds a plausible one keeps within.

Dates are read as written: a time and a zone may follow, but the calendar day is the one
the publisher wrote (``2017-08-01T23:30-05:00`` is August 1), never shifted to UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from geomap.dates import MONTHS

__all__ = [
    "FUTURE_SLACK",
    "EARLIEST_PUBLICATION",
    "DATE_ORDERS",
    "DateOrder",
    "parse_date",
    "parse_iso_date",
    "check_plausible",
]

#: Dates further ahead of the run's today than this are taken for errors.
FUTURE_SLACK = dt.timedelta(days=2)
#: Dates before this are taken for errors.
EARLIEST_PUBLICATION = dt.date(1800, 1, 1)

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?\s*$")


def check_plausible(day: dt.date, *, today: dt.date | None = None) -> str | None:
    """Why ``day`` cannot be a publication date (in the future, too early), or None.

    Parameters
    ----------
    day : datetime.date
        The date read.
    today : datetime.date, optional
        The run's today (default: the system's); ``FUTURE_SLACK`` beyond it is allowed.

    Returns
    -------
    str or None
        The reason, or None when the date is plausible.
    """
    limit = (today or dt.date.today()) + FUTURE_SLACK
    if day > limit:
        return f"in the future (after {limit.isoformat()})"
    if day < EARLIEST_PUBLICATION:
        return f"implausibly early (before {EARLIEST_PUBLICATION.isoformat()})"
    return None


def parse_iso_date(
    value: str, *, today: dt.date | None = None
) -> tuple[dt.date | None, str | None]:
    """``parse_date`` for ISO 8601 dates alone (``2020-10-29``, optionally with a time).

    >>> parse_iso_date("2020-10-29T08:15:00Z", today=dt.date(2024, 1, 1))
    (datetime.date(2020, 10, 29), None)
    >>> parse_iso_date("2020-02-30")
    (None, 'impossible date')
    >>> parse_iso_date("29/10/2020")
    (None, 'not an ISO 8601 date (YYYY-MM-DD)')
    """
    m = _ISO_DATE.match(value)
    if not m:
        return None, "not an ISO 8601 date (YYYY-MM-DD)"
    return _plausible_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)


def _plausible_date(
    year: int, month: int, day: int, today: dt.date | None
) -> tuple[dt.date | None, str | None]:
    """The date, or None and why it is none (impossible, or not ``check_plausible``)."""
    try:
        parsed = dt.date(year, month, day)
    except ValueError:
        return None, "impossible date"
    why = check_plausible(parsed, today=today)
    if why:
        return None, why
    return parsed, None


#: How a numeric date's first two fields are read: day first or month first.
DateOrder = Literal["dmy", "mdy"]
DATE_ORDERS: tuple[str, ...] = ("dmy", "mdy")

_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?[ \t]+)?"
#: A time of day and a zone after the date: ``12:00:00 +0000``, ``T08:15Z``, ``10:30 AM EST``.
_TIME = (
    r"(?:(?:[ \t]*,[ \t]*|[ \t]+|T)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:[ \t]*[AaPp]\.?[Mm]\.?)?"
    r"(?:[ \t]*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?|[A-Z]{3,4}))?)?"
)
_ORD = r"(?:st|nd|rd|th)?"
_YMD = re.compile(
    rf"\s*(?P<y>\d{{4}})(?P<sep>[/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}}){_TIME}\s*"
)
_DAY_MONTH = re.compile(
    rf"\s*{_WEEKDAY}(?P<d>\d{{1,2}}){_ORD}[ \t]+{_MONTH},?[ \t]+(?P<y>\d{{4}}){_TIME}\s*",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"\s*{_WEEKDAY}{_MONTH}[ \t]+(?P<d>\d{{1,2}}){_ORD},?[ \t]+(?P<y>\d{{4}}){_TIME}\s*",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    rf"\s*(?P<a>\d{{1,2}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}){_TIME}\s*"
)
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_FORMS = "ISO 8601, RFC 2822, '5 Apr 2015', 'April 5, 2015', '2015/04/05' or DD/MM/YYYY"


def _month_number(name: str) -> int:
    t = name.lower().rstrip(".")
    return MONTHS[t] if t in MONTHS else MONTHS[t[:3]]


def parse_date(
    value: str, *, today: dt.date | None = None, date_order: DateOrder | None = None
) -> tuple[dt.date | None, str | None]:
    """A publication date in a form news exports write, or None and the reason.

    Read: ISO 8601 (``2015-04-05``, with a time and zone or not), RFC 2822 (``Sun, 05 Apr
    2015 12:00:00 +0000``), ``5 Apr 2015``, ``April 5, 2015``, ``2015/04/05``, and numeric
    day/month/year dates (``28/11/2016``, ``11/28/2016``, ``05.04.2015``). A numeric date
    whose first two fields could each be the day (``05/04/2015``) is read by
    ``date_order``; without it the date is refused, never guessed.

    Parameters
    ----------
    value : str
        The date as written.
    today : datetime.date, optional
        The run's today, for ``check_plausible``.
    date_order : {'dmy', 'mdy'}, optional
        How to read an ambiguous numeric date: day first or month first.

    Returns
    -------
    tuple of (datetime.date or None, str or None)
        The date and None, or None and why it was not read.

    Examples
    --------
    >>> parse_date("Tue, 01 Aug 2017 12:00:00 +0000")
    (datetime.date(2017, 8, 1), None)
    >>> parse_date("11/28/2016")
    (datetime.date(2016, 11, 28), None)
    >>> parse_date("05/04/2015")[1]
    'ambiguous day and month (5 April or May 4); give the order with --date-order dmy|mdy'
    >>> parse_date("05/04/2015", date_order="dmy")
    (datetime.date(2015, 4, 5), None)
    """
    if _ISO_DATE.match(value):
        return parse_iso_date(value, today=today)
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be 'dmy', 'mdy' or None, not {date_order!r}")
    if m := _YMD.fullmatch(value):
        year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    elif m := _DAY_MONTH.fullmatch(value) or _MONTH_DAY.fullmatch(value):
        year, month, day = int(m["y"]), _month_number(m["mon"]), int(m["d"])
    elif m := _NUMERIC.fullmatch(value):
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        elif a == b or date_order is not None:
            day, month = (a, b) if date_order != "mdy" else (b, a)
        else:
            if not 1 <= a <= 12 or not 1 <= b <= 12:
                return None, "impossible date"
            return None, (
                f"ambiguous day and month ({a} {_MONTH_NAMES[b - 1]} or "
                f"{_MONTH_NAMES[a - 1]} {b}); give the order with --date-order dmy|mdy"
            )
    else:
        return None, f"not a date geomap reads ({_FORMS})"
    return _plausible_date(year, month, day, today)
