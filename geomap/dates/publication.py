"""Publication dates: an article's own date evidence, and the dates decided over a run."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from geomap.dates.patterns import MONTH_RE, WEEKDAY_RE, WEEKDAYS, YEAR_RE, month_number
from geomap.dates.values import safe_date
from geomap.models import Article

__all__ = [
    "PubDateEvidence",
    "YEAR_WINDOW",
    "decide_publication_dates",
    "decided_alone",
    "needs_run",
    "publication_evidence",
    "run_default_year",
]


#: How many years before the run's today a dateline without a year may fall.
YEAR_WINDOW = 40


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
    rf"(?P<wd>{WEEKDAY_RE})(?P<pair>,?[ \t]+(?P<mon>{MONTH_RE})\.?[ \t]?(?P<d>\d{{1,2}})\b)?"
)


_YEAR_MENTION = re.compile(rf"\b{YEAR_RE}\b")


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
    )


def _weekday_score(ev: PubDateEvidence, day: dt.date) -> float:
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
            d = safe_date(year, ev.month, ev.day)
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
