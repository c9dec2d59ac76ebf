"""Publication dates: what an article says about its own date, and what it decides alone."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geomap.dates.patterns import MONTH_RE, WEEKDAY_RE, WEEKDAYS, YEAR_RE, month_number
from geomap.dates.values import safe_date
from geomap.models import Article, direct_init

__all__ = [
    "PubDateEvidence",
    "decided_alone",
    "needs_run",
    "publication_evidence",
    "weekday_score",
]


@direct_init
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
    #: Latest year the text writes out, forecasts aside ("by 2030"): a publication cannot
    #: precede it much.
    latest_year: int | None = None
    #: Where the article was read: its file, and its line in a JSONL or CSV file.
    path: str = ""
    line: int | None = None


_WEEKDAY_MENTION = re.compile(
    rf"(?P<pre>\b(?:on|said|says|reported|announced|late|early|last|this|next)[ \t]+)?"
    rf"(?P<wd>{WEEKDAY_RE})(?P<pair>,?[ \t]+(?P<mon>{MONTH_RE})\.?[ \t]?(?P<d>\d{{1,2}})\b)?"
)


#: A year written out, unless it is a forecast or deadline ("by 2030", "until 2025"): the
#: latest such year is one a publication cannot much precede.
_YEAR_MENTION = re.compile(rf"(?<![Bb]y )(?<![Uu]ntil )(?<![Tt]ill )\b{YEAR_RE}\b")


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
            pairs.append((wd, month_number(m.group("mon")), int(m.group("d"))))
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
        line=article.line,
    )


def weekday_score(ev: PubDateEvidence, day: dt.date) -> float:
    """How well ``day`` fits the weekdays the article names: each weekday named that is
    ``day``'s adds its weight (the day before's, 0.4 of it: a story written the next
    morning); a "Monday, September 28" pair near ``day`` adds 2 when it is right for
    ``day``'s year and takes 2 when it is not."""
    score = 0.0
    for wd, weight in ev.weekdays:
        if wd == day.weekday():
            score += weight
        elif wd == (day.weekday() - 1) % 7:
            score += 0.4 * weight
    for wd, month, d in ev.pairs:
        paired = safe_date(day.year, month, d)
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
    d = safe_date(ev.year, ev.month, ev.day)
    if d is not None and d <= today + dt.timedelta(days=2):
        return d, "dateline"
    return None, "unknown"
