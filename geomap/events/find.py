"""An article's events: cues in clauses, the place where each happened, its date, actors and counts.

For each sentence that names a place (and the two after an event, for counts), the
codebook's cues (``geomap.events.cues``) are found in it (``geomap.events.matching``); a
clause — the sentence cut at ``;``, ``:``, dashes, "but", "while", "whereas",
"although" and before a quote that opens a new sentence — gives at most one event type, the
first of ``CUES`` it matches, and one event per place where that happened:

* the place is where it happened, not an actor, a home or a continent
  (``geomap.events.places``);
* the clause is not about what will, would or could happen, or what someone calls for
  (``UNREAL``).

A clause with a cue but no place gives its counts to the article's last event if that is
at most two sentences before ("four servicemen were killed in the clashes"), unless that
event's sentence states a running total or the clause tells of another happening (a count
over the world or over years, "another", a person with their own happening or time). A
clause whose predicate commemorates the happening its cue names ("the victims of a crash
were remembered Wednesday") leaves the event's date unknown: the date is the
commemoration's. Then an
article's events are merged (``geomap.events.merge``): the same type at the same place or
a contained one on overlapping dates is one event. ``other`` cues give an event only when
the article has no other.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from geomap.events.actors import find_actors
from geomap.events.codebook import MARITIME
from geomap.events.context import background_relatives, commemorated, same_happening
from geomap.events.counts import (
    OTHER_VICTIMS,
    casualties,
    count_before,
    may_count,
    one_named_death,
)
from geomap.events.matching import Codebook, default_codebook, lower_same_length
from geomap.events.merge import WEAK, ArticleEvent, contains, merge_article
from geomap.events.places import is_wide, may_be_where, places_of
from geomap.models import Article, Mention, Place

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer

__all__ = ["find_events", "article_events"]

#: Where a clause ends: ``;``, ``:``, a dash, "but", "while"…, and a sentence end before an
#: opening quote, which the sentence split keeps together ("…in Marion County. ''Our
#: thoughts are with them,'' the governor said"). (Written as ``[;:]|,\s+(?:but|…)\b|
#: \s[–—-]\s|(?<=[.!?])\s+(?=''|…)`` it finds the same stops, slower: its look behind was tried
#: at every character; here only after a space, which both of the last two begin with and
#: which can be followed by a dash or by a space or quote, not both.)
_CLAUSE_STOP = re.compile(
    r"[;:]|,\s+(?:but|while|whereas|although|though)\b|"
    r"\s(?:[–—-]\s|(?<=[.!?]\s)\s*(?=''|``|\"|“))"
)


#: A hyphen between spaces: a clause stop (``_CLAUSE_STOP``) that holds no mark ``_clauses``
#: looks for.
_SPACED_HYPHEN = re.compile(r"\s-\s")


def _clauses(low: str) -> list[tuple[int, int]]:
    """Where the clauses of a lower-cased sentence are: (start, end), in order.

    Each alternative of ``_CLAUSE_STOP`` holds ``;``, ``:``, a dash, two quotes or a double
    one, "but", "while", "whereas", "(al)though" or a hyphen between spaces: a sentence with
    none is one clause, and the pattern is not run."""
    if not (
        ";" in low
        or ":" in low
        or "–" in low
        or "—" in low
        or "''" in low
        or "``" in low
        or '"' in low
        or "“" in low
        or "but" in low
        or "while" in low
        or "whereas" in low
        or "though" in low
        or ("-" in low and _SPACED_HYPHEN.search(low) is not None)
    ):
        return [(0, len(low))]
    out, start = [], 0
    for m in _CLAUSE_STOP.finditer(low):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(low)))
    return out


def _next_read(
    index: int, last_at: int, with_places: list[int], p: int, count: int
) -> tuple[int, int]:
    """The next sentence to read from ``index`` on (``count`` when none is left): the next
    that names a place (``with_places``, in order, from ``p`` on), unless ``index`` is one of
    the two after the last event found (``last_at``); and where to look in ``with_places``
    next."""
    if index - last_at > 2:
        p = bisect.bisect_left(with_places, index, p)
        index = with_places[p] if p < len(with_places) else count
    return index, p


def _summary(text: str) -> str:
    flat = " ".join(text.split()).strip(" ,;:-–—\"“”'")
    return flat if len(flat) <= 300 else flat[:297].rstrip() + "..."


def find_events(
    article: Article,
    mentions: Sequence[Mention],
    bounds: Sequence[tuple[int, int]],
    *,
    codebook: Codebook,
    demonym: Callable[[str], str | None],
) -> list[ArticleEvent]:
    """The events one article reports, merged within the article.

    Parameters
    ----------
    article : Article
        The article (its ``body`` is read).
    mentions : sequence of Mention
        Its resolved place mentions, dated and with roles (``make_mentions``).
    bounds : sequence of (int, int)
        Its sentences' offsets in ``body``.
    codebook : Codebook
        The compiled codebook.
    demonym : callable
        The country code of a demonym ("Armenian" -> "AM") or None.

    Returns
    -------
    list of ArticleEvent
        In order of their first mention.
    """
    body = article.body
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence_start, []).append(m)
    found: list[ArticleEvent] = []
    fallback: list[ArticleEvent] = []
    # an "other" event is the article's news: only its first sentences (title and lead) tell it
    lead = next((k for k, (a, b) in enumerate(bounds) if body[a:b].strip()), 0) + 3
    # the dateline: where a lead sentence's happening is when the sentence names no place
    # (local news: "ST. PARIS — A fire killed four children")
    dateline = next(
        (
            m
            for m in mentions
            if m.is_dateline and not is_wide(m.place) and m.place.place_type != "country"
        ),
        None,
    )
    dateline_lead = -1
    if dateline is not None:
        dateline_lead = (
            next((k for k, (a, b) in enumerate(bounds) if a <= dateline.start < b), -1) + 2
        )
    last_at = -10  # the sentence index of the last event found

    lead_low: list[str] = []  # the article's title and first sentences, lower case, once read

    def lead_text() -> str:
        """The article's title and first sentences, lower case (read only when needed)."""
        if not lead_low:
            lead_low.append(
                lower_same_length(body[: bounds[min(lead, len(bounds)) - 1][1]]) if bounds else ""
            )
        return lead_low[0]

    low_body = lower_same_length(body)
    # the keys are looked for in the sentences that name a place and the two after each
    # (for counts), as regions; a key counts only whole in one region. A sentence's are
    # read only when it is read (most of those after a place are skipped)
    regions: list[tuple[int, int]] = []
    with_places = [k for k, (a, _b) in enumerate(bounds) if a in by_sentence]
    region_places = with_places
    if dateline_lead >= 0:
        region_places = sorted({*with_places, *range(min(dateline_lead + 1, len(bounds)))})
    region_end = -1
    for k in region_places:
        a, b = bounds[k][0], bounds[min(k + 2, len(bounds) - 1)][1]
        a = max(a, region_end)
        if a < b:
            regions.append((a, b))
            region_end = b
    region_ends = [b for _a, b in regions]
    longest = codebook.longest_key
    index, p = -1, 0
    while True:
        index += 1
        if index - last_at > 2:  # (else the next sentence is read: no call)
            index, p = _next_read(index, last_at, with_places, p, len(bounds))
        if index >= len(bounds):
            break
        s_start, s_end = bounds[index]
        ms = by_sentence.get(s_start, ())
        low = low_body[s_start:s_end]
        if (
            (found or index > dateline_lead)
            and not any(map(may_be_where, ms))
            and not may_count(low)
        ):
            # nothing to read: no clause of it can give an event (no place can be where it
            # happened, and the dateline is no longer where) nor a count to the last one
            continue
        spans = []
        for r in range(bisect.bisect_right(region_ends, s_start), len(regions)):
            a, b = regions[r]
            if a >= s_end:
                break
            spans.append((max(a, s_start), min(b, s_end + longest)))
        cue_keys, not_keys = codebook.key_positions(low_body, spans, s_end, s_start)
        sentence = body[s_start:s_end]
        hits = (
            codebook.hits_of(low, sentence, cue_keys, not_keys, other=index < lead and not found)
            if cue_keys
            else []
        )
        if not hits:
            if (
                found
                and index - last_at <= 2
                and may_count(low)  # (else ``casualties`` finds none: the rest is not read)
                and not _elsewhere(ms, found[-1].place)
                and not codebook.unreal.search(low)  # "as many as 1,103 may have died"
                and not OTHER_VICTIMS.search(low)  # "two other women", "bringing the total to 18"
                and same_happening(low_body[slice(*bounds[last_at])], low)
            ):
                killed, wounded = casualties(low)
                if killed is not None or wounded is not None:
                    prev = found[-1]
                    found[-1] = prev._replace(
                        fatalities=_max(prev.fatalities, killed),
                        wounded=_max(prev.wounded, wounded),
                    )
            continue
        for c_start, c_end in _clauses(low):
            in_clause = [
                h
                for h in hits
                if c_start <= h[0]
                and h[1] <= c_end
                and not (
                    "case" in low[h[0] : h[1]]
                    and codebook.cues[h[2]].sub_event_type == "epidemic"
                    and not codebook.disease.search(low)
                    and not codebook.disease.search(lead_text())
                )
            ]
            if not in_clause:
                continue
            if "wh" in low[c_start:c_end] or "that" in low[c_start:c_end]:
                # a cue in a relative clause told as background is not what the clause reports
                background = background_relatives(low[c_start:c_end])
                if background:
                    in_clause = [
                        h
                        for h in in_clause
                        if not any(
                            c_start + a <= h[0] and h[1] <= c_start + b for a, b in background
                        )
                    ]
                    if not in_clause:
                        continue
            cs, ce, k = min(in_clause, key=lambda h: (h[2], h[0]))
            cue = codebook.cues[k]
            etype, sub = cue.event_type, cue.sub_event_type
            if etype == "violence_against_civilians" and codebook.generic_kill.fullmatch(
                low[cs:ce]
            ):
                # "after the fires, when 100 were killed": the cause's type, not an attack;
                # the sentence's, else the first the article's title and lead name
                # ("tsunami waves scoured the coasts…", then "More than 300 were killed")
                etype, sub = next(
                    ((t, st) for pat, t, st in codebook.causes if pat.search(low)),
                    None,
                ) or _first_cause(codebook.causes, lead_text(), (etype, sub))
            clause_low = low[c_start:c_end]
            if codebook.unreal.search(clause_low):
                continue  # (before the counts and places: nothing of the clause is used)
            killed, wounded = casualties(clause_low)
            where, actor_ms = places_of(low, c_start, c_end, s_start, ms, sub in MARITIME, sentence)
            by_dateline = False
            if (
                not where
                and not found
                and dateline is not None
                and index <= dateline_lead
                and not any(s_start + c_start <= m.start < s_start + c_end for m in ms)
            ):
                where, by_dateline = [dateline], True
            if not where:
                if (
                    found
                    and index - last_at <= 2
                    and cue.event_type != "other"
                    and not _elsewhere(
                        [m for m in ms if s_start + c_start <= m.start < s_start + c_end],
                        found[-1].place,
                    )
                ):
                    prev = found[-1]
                    if (
                        (killed is not None or wounded is not None)
                        and not OTHER_VICTIMS.search(clause_low)
                        and same_happening(low_body[slice(*bounds[last_at])], clause_low)
                        and (
                            prev.event_type == etype
                            or cue.weight <= WEAK
                            or etype in ("battles", "explosions_remote_violence")
                        )
                    ):
                        found[-1] = prev._replace(
                            fatalities=_max(prev.fatalities, killed),
                            wounded=_max(prev.wounded, wounded),
                        )
                continue
            countries = [(m.start, m.end, m.surface, m.place.country_code or "") for m in actor_ms]
            actor1, actor2 = find_actors(
                sentence[c_start:c_end], s_start + c_start, s_start + cs, s_start + ce,
                countries, demonym,
            )  # fmt: skip
            summary = _summary(sentence[c_start:c_end] if c_end - c_start >= 40 else sentence)
            if killed is None and sub == "death" and one_named_death(sentence[c_start:c_end]):
                killed = 1  # "June Smith, 91, died Thursday"
            stated = (killed, wounded)
            for n, m in enumerate(where):
                # a count right before a place is its own ("1,500 in Turkey and 800 in
                # Syria"); else a count before a list of places is the first one's
                own = (
                    count_before(low[c_start : m.start - s_start])
                    if stated[0] is not None or stated[1] is not None
                    else None
                )
                if own is not None and stated[0] is not None:
                    killed = own
                elif own is not None:
                    wounded = own
                elif n:
                    killed = wounded = None
                date, basis = m.date, m.date_basis
                if (
                    date is not None
                    and basis == "text"
                    and _reference_year(clause_low) == date.start.year
                ):
                    date, basis = None, None  # "since 2003", "by 2023": not when it happened
                elif date is not None and commemorated(
                    clause_low,
                    [
                        (h[0] - c_start, h[1] - c_start)
                        for h in in_clause
                        if codebook.cues[h[2]].event_type == cue.event_type
                    ],
                ):
                    date, basis = None, None  # "victims of a crash were remembered Wednesday"
                ev = ArticleEvent(
                    article_id=article.id,
                    start=m.start,
                    event_type=etype,
                    sub_event_type=sub,
                    place=m.place,
                    date=date,
                    date_basis=basis,
                    actor1=actor1.name if actor1 else "",
                    actor1_country=actor1.country if actor1 else "",
                    actor2=actor2.name if actor2 else "",
                    actor2_country=actor2.country if actor2 else "",
                    fatalities=killed,
                    wounded=wounded,
                    summary=summary,
                    surfaces=(m.surface,),
                    starts=(m.start,),
                    confidence=_confidence(cue.weight, m, killed, wounded)
                    * (0.8 if by_dateline else 1.0),
                    weight=cue.weight,
                )
                if cue.event_type == "other":
                    if index < lead:
                        fallback.append(ev)
                else:
                    found.append(ev)
                    last_at = index
    if not found and fallback:
        found = [fallback[0]]
    if found:
        kinds = {(e.event_type, e.sub_event_type) for e in found}
        for etype, sub, pattern, new_type, new_sub in codebook.retypes:
            if (etype, sub) in kinds and pattern.search(low_body):
                found = [
                    e._replace(event_type=new_type, sub_event_type=new_sub)
                    if (e.event_type, e.sub_event_type) == (etype, sub) else e
                    for e in found
                ]  # fmt: skip
    return merge_article(found)


#: A reference period or a deadline: "since December of 2003", "by 2023", "until 1994".
_REFERENCE = re.compile(
    r"\b(?:since|until|till|by|before|through)\s+(?:(?:early|late|mid|the end of|the start of|"
    r"the beginning of)\s+)?(?:[a-z]+\.?\s+){0,2}(?:of\s+)?(\d{4})\b"
)


def _first_cause(
    causes: Sequence[tuple[re.Pattern[str], str, str]], text: str, default: tuple[str, str]
) -> tuple[str, str]:
    """The type and sub-type of the cause ``text`` names first (``Codebook.causes``), or
    ``default`` when it names none."""
    first = min(
        ((m.start(), t, st) for pat, t, st in causes if (m := pat.search(text))),
        default=None,
    )
    return default if first is None else (first[1], first[2])


def _reference_year(clause: str) -> int | None:
    """The year of a reference period or deadline in a clause, if it gives one."""
    m = (
        _REFERENCE.search(clause)
        if any(w in clause for w in ("since", "until", "till", "by", "before", "through"))
        else None
    )
    return int(m.group(1)) if m else None


def _elsewhere(mentions: Sequence[Mention], place: Place) -> bool:
    """Whether a sentence (or clause) names a place other than ``place`` or one holding it:
    then its counts are not ``place``'s event's ("Hawaii's governor said 36 were killed"
    after a fire in Lahaina is about Lahaina; "forty cases in Nairobi" is not)."""
    return any(
        m.place.place_id != place.place_id and not contains(m.place, place) for m in mentions
    )


def _max(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


_PLACE_WEIGHT = {"populated_place": 1.0, "admin2": 0.95, "admin1": 0.9, "region": 0.85}
_DATE_WEIGHT = {"text": 1.0, "published": 0.9, "inferred": 0.8}


def _confidence(weight: float, m: Mention, killed: int | None, wounded: int | None) -> float:
    value = weight * _PLACE_WEIGHT.get(m.place.place_type, 0.8)
    value *= _DATE_WEIGHT.get(m.date_basis or "", 0.6)
    if killed is not None or wounded is not None:
        value += 0.05
    return round(min(1.0, max(0.0, value)), 2)


def article_events(
    article: Article,
    mentions: Sequence[Mention],
    bounds: Sequence[tuple[int, int]],
    gazetteer: Gazetteer,
) -> list[ArticleEvent]:
    """``find_events`` with the default codebook and the gazetteer's demonyms (what the
    pipeline runs for each article)."""
    return find_events(
        article, mentions, bounds, codebook=default_codebook(), demonym=gazetteer.demonym_country
    )
