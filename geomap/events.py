"""Roles, event types and dates of mentions, and their aggregation into an events DataFrame.

Codebook (``event_type``), in the spirit of ACLED's event types; a sentence may carry
several, and then gives one event per type:

=================  ==============================================================
armed_clash        fighting, clashes, attacks, offensives, battles
shelling           shelling, artillery, mortar, missile, rocket, air or drone strikes
casualties         people killed, wounded, dead (with counts when the text has them)
ceasefire          ceasefire, truce, armistice, peace agreement
diplomacy          talks, meetings, calls, negotiations, statements, visits
mobilisation       mobilisation, martial law, curfew, state of emergency
protest            protests, demonstrations, rallies, riots
disaster           floods, earthquakes, wildfires, storms, droughts, landslides
accident           crashes, collisions, sinkings, derailments, explosions
other              none of the above
=================  ==============================================================

Roles, from evidence in the sentence: ``dateline`` (where the story was filed),
``background`` (what the text dates more than a year before the article's time frame — its
publication date, else the latest date it gives), ``event`` (something happened there: the
clause reports one of the types above, the place is where it happened rather than an actor
— "called on Yerevan", "Armenia said" — and the clause is not about what will, would or
could happen — "the next meeting in Geneva"), ``reference`` (any other mention). A
sentence dated "on that day" or "the same day" takes the date of the sentences before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from geomap.asciifold import ascii_lower, lowered
from geomap.dates import SentenceDates
from geomap.models import Article, DateValue, Mention, Place, Precision, TimeExpr
from geomap.resolve import Resolution

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EVENT_TYPES",
    "EVENT_COLUMNS",
    "event_types_of",
    "casualty_counts",
    "make_mentions",
    "aggregate",
    "Aggregator",
    "geo_precision",
    "source_record",
]

EVENT_TYPES: dict[str, str] = {
    "armed_clash": "Armed clash or attack",
    "shelling": "Shelling, missile or air strike",
    "casualties": "Casualties",
    "ceasefire": "Ceasefire or truce",
    "diplomacy": "Diplomacy",
    "mobilisation": "Mobilisation, martial law, curfew",
    "protest": "Protest",
    "disaster": "Disaster",
    "accident": "Accident",
    "other": "Other",
}

_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "armed_clash": r"\b(clash(?:es|ed)?|fighting|fought|battles?|(?:counter-?)?offensive|"
        r"attack(?:s|ed|ing)?|hostilities|firefights?|skirmish(?:es)?|assaults?|ambush(?:ed)?|"
        r"raids?|military (?:action|confrontation|operation)|gunfire|clashes|incursions?)\b",
        "shelling": r"\b(shell(?:ing|ed|s)?|artillery|mortars?|missiles?|rockets?|"
        r"air ?strikes?|drone (?:strikes?|attacks?)|drones? (?:struck|hit)|"
        r"kamikaze drones?|bomb(?:ing|ed|s)?|air raids?|barrages?|fired on|"
        r"struck by)\b",
        "casualties": r"\b(killed|kill(?:ing)?|dead|deaths?|died|wounded|injured|injur(?:y|ies)|"
        r"casualties|victims|fatalities|loss of life|lost their lives)\b",
        "ceasefire": r"\b(cease-?fire|cease fire|truce|armistice|peace (?:deal|agreement|accord)|"
        r"cessation of hostilities)\b",
        "diplomacy": r"\b(talks|meetings?|met|negotiat(?:ions?|ing|ed)|phone call|"
        r"telephone (?:conversation|call)|discuss(?:ed|es|ion)?|summit|visit(?:ed|s)?|"
        r"called on|urged|condemn(?:ed|s)?|diplomat(?:s|ic)?|foreign ministers?|"
        r"co-?chairs|mediat(?:ion|ed|or))\b",
        "mobilisation": r"\b(mobili[sz]ation|mobili[sz]ed|martial law|curfew|reservists|"
        r"conscription|state of emergency)\b",
        "protest": r"\b(protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies)|"
        r"riots?|marched)\b",
        "disaster": r"\b(flood(?:s|ing|ed)?|earthquakes?|quakes?|aftershocks?|wildfires?|"
        r"storms?|hurricanes?|cyclones?|typhoons?|droughts?|landslides?|eruptions?|tsunamis?)\b",
        "accident": r"\b(crash(?:ed|es)?|collisions?|capsi[sz]ed|sank|sinking|derail(?:ed|ment)|"
        r"accidents?|explosions?|ferry disaster)\b",
    }.items()
}
#: The same patterns, case-sensitive, for ``ascii_lower`` sentences (same matches, faster).
_LOWERED: dict[str, re.Pattern[str]] = {name: lowered(pat) for name, pat in _PATTERNS.items()}


def _required_literal(alternative: str) -> str:
    """The longest run of plain characters every match of a regex alternative holds.

    Only text outside groups counts, and not a character a quantifier makes optional:
    ``"(?:counter-?)?offensive"`` gives ``"offensive"``, ``"air ?strikes?"`` ``"strike"``.
    """
    runs, run, depth, k = [""], "", 0, 0
    while k < len(alternative):
        ch = alternative[k]
        if ch == "\\":
            runs.append(run)
            run, k = "", k + 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if depth or ch in "()[]{}.*+?|^$":
            runs.append(run)
            run = ""
        elif alternative[k + 1 : k + 2] in ("?", "*", "{"):
            runs.append(run)
            run = ""
        else:
            run += ch
        k += 1
    runs.append(run)
    return max(runs, key=len)


def _triggers() -> Any:
    """An Aho-Corasick automaton of a literal every match of each ``_LOWERED`` pattern holds,
    with the names of the patterns it stands for: one scan of a sentence tells which
    patterns can match it (the others are not run)."""
    import ahocorasick

    by_literal: dict[str, set[str]] = {}
    for name, pat in _LOWERED.items():
        body = pat.pattern
        assert body.startswith("\\b(") and body.endswith(")\\b"), name
        depth, start, parts = 0, 0, []
        inner = body[3:-3]
        for k, ch in enumerate(inner):
            if ch == "(" and inner[k - 1 : k] != "\\":
                depth += 1
            elif ch == ")" and inner[k - 1 : k] != "\\":
                depth -= 1
            elif ch == "|" and depth == 0:
                parts.append(inner[start:k])
                start = k + 1
        parts.append(inner[start:])
        for part in parts:
            literal = _required_literal(part)
            assert literal, (name, part)
            by_literal.setdefault(literal, set()).add(name)
    auto = ahocorasick.Automaton()
    for literal, names in by_literal.items():
        auto.add_word(literal, frozenset(names))
    auto.make_automaton()
    return auto


_TRIGGERS = _triggers()
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUM = r"(\d[\d,]*|" + "|".join(_NUMBER_WORDS) + r")"
_KILLED = re.compile(
    _NUM + r"\s+(?:[A-Za-z-]+\s+){0,3}?(?:were\s+|was\s+|have been\s+)?(?:killed|dead|died)",
    re.IGNORECASE,
)
_WOUNDED = re.compile(
    _NUM + r"\s+(?:[A-Za-z-]+\s+){0,3}?(?:were\s+|was\s+)?(?:wounded|injured|hurt)"
    r"|(?:and|with)\s+" + _NUM + r"\s+(?:others?\s+)?(?:wounded|injured)",
    re.IGNORECASE,
)
_KILLED_LOW = lowered(_KILLED)
_WOUNDED_LOW = lowered(_WOUNDED)
_LOCATIVE = re.compile(
    r"\b(in|at|near|on|into|inside|outside|around|across|throughout|towards?|from|of|"
    r"over|along|within|off|entire|in the|at the|near the|around the)\s*$",
    re.IGNORECASE,
)
_ACTOR_BEFORE = re.compile(
    r"\b(called on|urged|addressed|asked|told|by|accused|against|with|between|and|blamed)"
    r"\s*$",
    re.IGNORECASE,
)
_ACTOR_AFTER = re.compile(
    r"^\s*(?:'s|’s|has|have|had|is|was|will|would|said|says|stated|announced|reported|"
    r"claimed|denied|urged|called|accused|blamed|warned|insisted|responded|expressed|"
    r"declared|confirmed|did|does)\b",
    re.IGNORECASE,
)
#: A clause about what is planned, hoped for or hypothetical: not (yet) an event there.
_IRREALIS = re.compile(
    r"\b(?:will|would|could|might|shall|plans? to|planned|intends? to|is to|are to|"
    r"(?:is|are) (?:expected|scheduled|due|set) to|to be held|next (?:meeting|round|talks)|"
    r"threaten(?:s|ed)? to|if)\b",
    re.IGNORECASE,
)
#: "On that day", "the same day": the date of the previous sentences.
_ANAPHORIC_DATE = re.compile(
    r"\b(?:on|by|during|later|earlier)\s+(?:that|the same)\s+(?:day|date|morning|evening|night)\b"
    r"|\bthe same day\b",
    re.IGNORECASE,
)
_CLAUSE_STOP = re.compile(r"[;:]|,\s+(?:but|while|whereas|although)\b|\s[–—-]\s")


def _clause(sentence: str, rel_start: int, rel_end: int) -> str:
    start, end = 0, len(sentence)
    for m in _CLAUSE_STOP.finditer(sentence):
        if m.end() <= rel_start:
            start = m.end()
        elif m.start() >= rel_end:
            end = m.start()
            break
    return sentence[start:end]


#: Columns of the events DataFrame, in order.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "name",
    "country_code",
    "place_type",
    "place_id",
    "geonameid",
    "lat",
    "lon",
    "geo_precision",
    "radius_km",
    "date",
    "date_end",
    "date_precision",
    "date_basis",
    "role",
    "event_type",
    "fatalities",
    "wounded",
    "articles",
    "mentions",
    "sentence",
    "sources",
)


def _number(text: str) -> int | None:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


def event_types_of(sentence: str) -> tuple[str, ...]:
    """The codebook types a sentence reports, in codebook order (empty for none)."""
    return _event_types(sentence, ascii_lower(sentence))


def _event_types(sentence: str, low: str | None) -> tuple[str, ...]:
    """``event_types_of(sentence)``; ``low`` is ``ascii_lower(sentence)``."""
    if low is None:
        return tuple(name for name, pat in _PATTERNS.items() if pat.search(sentence))
    possible: set[str] = set()
    for _end, names in _TRIGGERS.iter(low):
        possible |= names
    if not possible:
        return ()
    return tuple(name for name, pat in _LOWERED.items() if name in possible and pat.search(low))


def casualty_counts(sentence: str) -> tuple[int | None, int | None]:
    """(killed, wounded) counts a sentence states, or None where it states none."""
    return _casualties(sentence, ascii_lower(sentence))


def _casualties(sentence: str, low: str | None) -> tuple[int | None, int | None]:
    """``casualty_counts(sentence)``; ``low`` is ``ascii_lower(sentence)``."""
    killed = wounded = None
    lower = sentence.lower() if low is None else low
    if not any(stem in lower for stem in ("kill", "dead", "died", "wound", "injur", "hurt")):
        return None, None  # cheap test first: the count patterns are slow
    # the lowered patterns on the lowered sentence: the same matches, groups in lower case
    text, killed_re, wounded_re = (
        (sentence, _KILLED, _WOUNDED) if low is None else (low, _KILLED_LOW, _WOUNDED_LOW)
    )
    for m in killed_re.finditer(text):
        n = _number(m.group(1))
        if n is not None:
            killed = (killed or 0) + n
    for m in wounded_re.finditer(text):
        n = _number(m.group(1) or m.group(2))
        if n is not None:
            wounded = (wounded or 0) + n
    return killed, wounded


def geo_precision(place_type: str) -> int:
    """ACLED-style precision: 1 town or point, 2 district, 3 region or province, 4 country."""
    return {"populated_place": 1, "admin2": 2, "admin1": 3, "region": 3, "historical": 3}.get(
        place_type, 4
    )


def _is_actor(sentence: str, rel_start: int, rel_end: int, place_type: str) -> bool:
    before = sentence[max(0, rel_start - 30) : rel_start]
    after = sentence[rel_end : rel_end + 30]
    if _ACTOR_BEFORE.search(before):
        return True
    if _ACTOR_AFTER.match(after):
        return True
    if place_type == "country" and not _LOCATIVE.search(before):
        return True  # countries are actors unless something happened *in* them
    return False


def make_mentions(
    article: Article,
    resolutions: Sequence[Resolution],
    exprs: Sequence[TimeExpr],
    bounds: Sequence[tuple[int, int]],
    published: dt.date | None,
    published_source: str,
) -> list[Mention]:
    """Date, role and type every resolved place mention of one article."""
    out: list[Mention] = []
    text = article.text
    pub_basis = "inferred" if published_source == "inferred" else "published"
    # the article's time frame: its date, else the latest date its text gives
    frame = published
    if frame is None:
        ends = [e.value.last_day for e in exprs if e.value is not None]
        frame = max(ends) if ends else None
    per_sentence: dict[int, tuple[tuple[str, ...], tuple[int | None, int | None], str, bool]] = {}
    # the sentence and its dating, once for all its mentions
    sentence_dates: dict[tuple[int, int], tuple[str, SentenceDates]] = {}
    for res in resolutions:
        span = res.span
        s_start, s_end = bounds[span.sentence] if bounds else (0, len(text))
        known = sentence_dates.get((s_start, s_end))
        if known is None:
            known = sentence_dates[s_start, s_end] = (
                article.body[s_start:s_end],
                SentenceDates(exprs, article.body, s_start, s_end),
            )
        sentence, dating = known
        expr = dating.governing(span.start, span.end)
        cached = per_sentence.get(s_start)
        if cached is None:
            low = ascii_lower(sentence)
            anaphoric = (low is None or "that" in low or "same" in low) and bool(
                _ANAPHORIC_DATE.search(article.body, s_start, s_end)
            )  # every match holds "that" or "same"
            cached = per_sentence[s_start] = (
                _event_types(sentence, low),
                _casualties(sentence, low),
                " ".join(sentence.split()),
                anaphoric,
            )
        types, (killed, wounded), flat, anaphoric = cached
        if (expr is None or expr.value is None) and anaphoric:
            earlier = [e for e in exprs if e.end <= s_start and e.value is not None]
            expr = earlier[-1] if earlier else expr
        date: DateValue | None
        if expr is not None and expr.value is not None:
            date = expr.value
            basis = (
                "inferred"
                if expr.year_inferred
                and published_source != "header"
                and (published_source in ("inferred", "unknown"))
                else "text"
            )
        elif published is not None:
            date, basis = DateValue(published, "day"), pub_basis
        else:
            date, basis = None, None
        rel_start, rel_end = span.start - s_start, span.end - s_start
        if span.is_dateline:
            role = "dateline"
            if published is not None:
                date, basis = DateValue(published, "day"), pub_basis
        elif (
            date is not None
            and frame is not None
            and date.last_day < frame - dt.timedelta(days=365)
        ):
            role = "background"
        elif (
            types
            and not _is_actor(sentence, rel_start, rel_end, res.place.place_type)
            and not _IRREALIS.search(_clause(sentence, rel_start, rel_end))
        ):
            role = "event"
        else:
            role = "reference"
        out.append(
            Mention(
                article_id=article.id,
                start=span.start,
                end=span.end,
                surface=span.surface,
                place=res.place,
                sentence=flat,
                sentence_start=s_start,
                is_dateline=span.is_dateline,
                date=date,
                date_basis=basis,
                role=role,  # type: ignore[arg-type]
                # only an event is split by type; other roles keep the sentence's main type
                event_types=(types if role == "event" else types[:1]) or ("other",),
                fatalities=killed if "casualties" in types else None,
                wounded=wounded if "casualties" in types else None,
            )
        )
    return out


class _Group:
    """What an event keeps while mentions stream in: a few small collections, not the mentions.

    Of its first mention (the earliest in the first article by id) it keeps where that is
    (``first``: article id and offset), its place, date basis and sentence, which is all
    ``Aggregator.frame`` reads. ``articles`` is a list (8 bytes an entry; a set takes
    30-60): an article's mentions come in together, so a repeat of the last entry is
    skipped as it comes; what interleaved input leaves repeated is dropped by ``absorb``
    and ``Aggregator.frame``.
    """

    __slots__ = (
        "first",
        "place",
        "basis",
        "sentence",
        "start",
        "end",
        "precision",
        "articles",
        "surfaces",
        "killed",
        "wounded",
    )

    first: tuple[str, int]
    place: Place
    basis: str | None
    sentence: str
    start: dt.date | None
    end: dt.date | None
    #: the precision of the dates (the same for all: it is part of the event's key)
    precision: Precision
    articles: list[str]
    surfaces: set[str]
    killed: dict[str, int]
    wounded: dict[str, int]

    def __init__(self, m: Mention) -> None:
        self.first = (m.article_id, m.start)
        self.place = m.place
        self.basis = m.date_basis
        self.sentence = m.sentence
        self.start = m.date.start if m.date else None
        self.end = m.date.end if m.date else None
        self.precision = m.date.precision if m.date else "day"
        self.articles = []
        self.surfaces = set()
        self.killed = {}
        self.wounded = {}

    def add(self, m: Mention) -> None:
        if (m.article_id, m.start) < self.first:
            self.first = (m.article_id, m.start)
            self.place, self.basis, self.sentence = m.place, m.date_basis, m.sentence
        if not self.articles or self.articles[-1] != m.article_id:
            self.articles.append(m.article_id)
        self.surfaces.add(m.surface)
        if m.fatalities is not None:
            self.killed[m.article_id] = max(self.killed.get(m.article_id, 0), m.fatalities)
        if m.wounded is not None:
            self.wounded[m.article_id] = max(self.wounded.get(m.article_id, 0), m.wounded)

    def _first_of(self, other: _Group) -> None:
        if other.first < self.first:
            self.first = other.first
            self.place, self.basis, self.sentence = other.place, other.basis, other.sentence

    def _counts_of(self, other: _Group) -> None:
        self.surfaces |= other.surfaces
        for mine, theirs in ((self.killed, other.killed), (self.wounded, other.wounded)):
            for art, n in theirs.items():
                mine[art] = max(mine.get(art, 0), n)

    def update(self, other: _Group) -> None:
        """Take in the same event's group from input that came after this one's: the same
        as adding its mentions here one by one."""
        self._first_of(other)
        theirs = other.articles
        if theirs and self.articles and self.articles[-1] == theirs[0]:
            theirs = theirs[1:]
        self.articles.extend(theirs)
        self._counts_of(other)

    def absorb(self, other: _Group) -> None:
        """Merge an overlapping range of the same place, role, type and precision."""
        self._first_of(other)
        assert self.start is not None and other.start is not None
        last = max(_last(self), _last(other))
        self.start = min(self.start, other.start)
        self.end = last if last > self.start else None
        # without repeats: frame() merges again each time it is called
        self.articles = sorted({*self.articles, *other.articles})
        self._counts_of(other)

    def state(self) -> tuple[Any, ...]:
        """The group's fields in ``__slots__`` order, for pickling."""
        return tuple(getattr(self, name) for name in _Group.__slots__)

    @classmethod
    def from_state(cls, state: tuple[Any, ...]) -> _Group:
        """The group ``state`` describes (the inverse of ``state``)."""
        group = cls.__new__(cls)
        for name, value in zip(cls.__slots__, state, strict=True):
            setattr(group, name, value)
        return group


def _last(g: _Group) -> dt.date:
    assert g.start is not None
    if g.end is not None:
        return g.end
    return DateValue(g.start, g.precision).last_day


class Aggregator:
    """Events built incrementally from a stream of mentions (memory grows with events).

    The same happening — same place, role and event type, the same date, or date ranges
    of the same precision that overlap — reported by several articles is one event that
    lists them all. A different date or type is a different event.

    Examples
    --------
    >>> agg = Aggregator()
    >>> for article, mentions in work:          # doctest: +SKIP
    ...     agg.add(mentions, source_record(article))
    >>> events = agg.frame()                    # doctest: +SKIP
    """

    def __init__(self) -> None:
        self._groups: dict[tuple[str, ...], _Group] = {}
        self._sources: dict[str, dict[str, str | None]] = {}

    def add(self, mentions: Iterable[Mention], source: dict[str, str | None] | None = None) -> int:
        """Add one article's mentions (and its ``sources`` record); return how many."""
        n = 0
        for m in mentions:
            n += 1
            if source is not None:
                self._sources[m.article_id] = source
            d = m.date
            for etype in m.event_types:
                key = (
                    m.place.place_id,
                    d.iso() if d else "",
                    d.iso_end() or "" if d else "",
                    d.precision if d else "",
                    m.role,
                    etype,
                )
                group = self._groups.get(key)
                if group is None:
                    group = self._groups[key] = _Group(m)
                group.add(m)
        return n

    def update(self, other: Aggregator) -> None:
        """Take in the events of input that came after this one's (``other`` is not to be
        used after): the same as adding its mentions here, in their order.

        Workers aggregate their chunks of articles and the main process takes in each
        chunk's events in input order, instead of every mention.
        """
        for article, source in other._sources.items():
            self._sources[article] = source
        groups = self._groups
        for key, group in other._groups.items():
            mine = groups.get(key)
            if mine is None:
                groups[key] = group
            else:
                mine.update(group)

    def __getstate__(self) -> tuple[Any, ...]:
        # plain tuples: unpickling one object per mention or per group took the main
        # process longer than the workers took to make them (``update``)
        return (self._sources, [(key, g.state()) for key, g in self._groups.items()])

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        sources, groups = state
        self._sources = sources
        self._groups = {key: _Group.from_state(g) for key, g in groups}

    def _merged(self) -> list[tuple[tuple[str, ...], _Group]]:
        buckets: dict[tuple[str, ...], list[tuple[tuple[str, ...], _Group]]] = {}
        out: list[tuple[tuple[str, ...], _Group]] = []
        for key, group in self._groups.items():
            if group.start is None:
                out.append((key, group))
                continue
            buckets.setdefault((key[0], key[3], key[4], key[5]), []).append((key, group))
        for bucket in buckets.values():
            if len(bucket) == 1 or all(g.end is None for _, g in bucket):
                out.extend(bucket)
                continue
            bucket.sort(key=lambda kg: (kg[1].start, _last(kg[1]), kg[0]))
            current_key, current = bucket[0]
            for key, group in bucket[1:]:
                assert group.start is not None
                overlaps = group.start <= _last(current)
                if overlaps and (group.end is not None or current.end is not None):
                    current.absorb(group)
                else:
                    out.append((current_key, current))
                    current_key, current = key, group
            out.append((current_key, current))
        return out

    def frame(self) -> pd.DataFrame:
        """The events so far: one row per event, columns ``EVENT_COLUMNS``, stable order."""
        import pandas as pd

        rows = []
        for key, group in self._merged():
            place = group.place
            precision = key[3] or None
            date: str | None
            date_end: str | None
            id_key: tuple[str, ...]
            if group.start is not None and precision:
                value = DateValue(group.start, precision, group.end)  # type: ignore[arg-type]
                date, date_end = value.iso(), value.iso_end()
                id_key = (key[0], date, date_end or "", key[3], key[4], key[5])
            else:
                date = date_end = None
                id_key = key
            art_ids = sorted(set(group.articles))
            event_id = hashlib.sha1("|".join(id_key).encode("utf-8")).hexdigest()[:16]
            rows.append(
                {
                    "event_id": event_id,
                    "name": place.name,
                    "country_code": place.country_code,
                    "place_type": place.place_type,
                    "place_id": place.place_id,
                    "geonameid": place.geonameid,
                    "lat": place.lat,
                    "lon": place.lon,
                    "geo_precision": geo_precision(place.place_type),
                    "radius_km": place.radius_km,
                    "date": date,
                    "date_end": date_end,
                    "date_precision": precision,
                    "date_basis": group.basis,
                    "role": key[4],
                    "event_type": key[5],
                    "fatalities": max(group.killed.values()) if group.killed else None,
                    "wounded": max(group.wounded.values()) if group.wounded else None,
                    "articles": tuple(art_ids),
                    "mentions": tuple(sorted(group.surfaces)),
                    "sentence": group.sentence,
                    "sources": tuple(self._sources.get(a, {"id": a}) for a in art_ids),
                }
            )
        frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
        if not frame.empty:
            frame = frame.sort_values(
                ["date", "name", "role", "event_type", "event_id"], na_position="first"
            ).reset_index(drop=True)
        frame["geonameid"] = frame["geonameid"].astype("Int64")
        frame["fatalities"] = frame["fatalities"].astype("Int64")
        frame["wounded"] = frame["wounded"].astype("Int64")
        return frame


def aggregate(
    mentions: Iterable[Mention], articles: dict[str, dict[str, str | None]]
) -> pd.DataFrame:
    """Group mentions into events (see ``Aggregator``) and return them as a DataFrame.

    Parameters
    ----------
    mentions : iterable of Mention
        Every mention of the run.
    articles : dict
        ``{article_id: {"id", "title", "url", "source"}}`` for the ``sources`` column.

    Returns
    -------
    pandas.DataFrame
        One row per event, columns ``EVENT_COLUMNS``, in a stable order.
    """
    agg = Aggregator()
    for m in mentions:
        agg.add((m,), articles.get(m.article_id))
    return agg.frame()


def source_record(article: Article) -> dict[str, str | None]:
    """The ``sources`` entry of an article: id, title, url and publisher."""
    return {"id": article.id, "title": article.title, "url": article.url, "source": article.source}
