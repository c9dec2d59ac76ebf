"""Reading an article's stated publication date, and the bounds a plausible one keeps within."""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "FUTURE_SLACK",
    "EARLIEST_PUBLICATION",
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
    """An ISO 8601 date (``2020-10-29``, optionally with a time), or None and the reason.

    Parameters
    ----------
    value : str
        The date as written.
    today : datetime.date, optional
        The run's today, for ``check_plausible``.

    Returns
    -------
    tuple of (datetime.date or None, str or None)
        The date and None, or None and why it was not read.

    Examples
    --------
    >>> parse_iso_date("2020-10-29T08:15:00Z", today=dt.date(2024, 1, 1))
    (datetime.date(2020, 10, 29), None)
    >>> parse_iso_date("2020-02-30")
    (None, 'impossible date')
    """
    m = _ISO_DATE.match(value)
    if not m:
        return None, "not an ISO 8601 date (YYYY-MM-DD)"
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None, "impossible date"
    why = check_plausible(day, today=today)
    if why:
        return None, why
    return day, None
