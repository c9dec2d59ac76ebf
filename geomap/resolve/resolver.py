"""Choosing one place for each name of an article, in two passes: the public entry points."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from geomap.extract import Span
from geomap.gazetteer import Candidate, Gazetteer, derived
from geomap.models import Place
from geomap.resolve.containment import (
    containers_of,
    is_inside,
    lies_within,
    list_kinds,
    list_links,
    neighbours_of,
    nested_bonuses,
    of_kind,
)
from geomap.resolve.evidence import Facts, context_of, evidence_of
from geomap.resolve.scoring import Counts, Resolution, in_context, most_added
from geomap.settings import RESOLVER_SETTINGS, ResolverSettings

__all__ = ["Picked", "dateline_country_of", "first_pick", "pick", "resolve_spans"]


#: The choices the second pass keeps for a name in one context, reused for its later spans
#: (they share their qualifier-free candidates, one tuple): by surface, qualifier, the
#: candidates tuple's ``id`` and the list kind. Used with one context per name only.
Picked = dict[tuple[str, str | None, int, tuple[str, str | None] | None], tuple[Place, float]]


def pick(
    span: Span,
    ctx: Counts,
    facts: Facts,
    s: ResolverSettings,
    kind: tuple[str, str | None] | None = None,
    support: Mapping[str, float] | None = None,
    *,
    prune: bool = True,
) -> tuple[Place, float]:
    """The best-scored of the span's candidates in ``ctx`` (``facts`` are theirs), with the
    bonuses of a list member's ``kind`` and of the places ``support`` names: the place and
    its score (a ``Resolution`` is made only for what is kept).

    The scan stops as soon as no candidate left can beat the best (``most_added``);
    ``prune=False`` scores every candidate in full (the same choice, slower: for tests).
    """
    priors, rests = (
        (facts.qualified, facts.qualified_rest) if span.qualifier else (facts.bare, facts.bare_rest)
    )
    abroad = facts.abroad
    areas = ctx.areas
    # the most the context and the bonuses can add to a candidate's prior: with the best
    # prior of the candidates left, a bound on their scores that falls as they go (they
    # come most populous first)
    ceiling = (
        most_added(ctx, s, abroad=bool(abroad), listed=kind is not None, support=support)
        if prune
        else math.inf
    )
    best: Place | None = None
    top = 0.0
    for prior, rest, row in zip(priors, rests, facts.rows, strict=True):
        if best is not None and rest + ceiling <= top:
            break  # none of the rest can beat the best
        p = row[0]
        extras: tuple[float, ...] = ()
        if (
            abroad
            and p.place_type == "admin1"
            and p.country_code not in abroad
            and len(areas.get(p.country_code or "", ())) >= s.areas_needed
        ):
            extras = (s.areas_bonus,)
        if kind is not None and of_kind(p, kind):
            extras += (s.list_bonus,)
        if support and p.place_id in support:
            extras += (support[p.place_id],)
        # below the best so far it need not be exact: it does not win
        score = in_context(prior, row, ctx, s, extras, None if best is None or not prune else top)
        if best is None or score > top:
            best, top = p, score
    assert best is not None
    if best.place_type in ("admin1", "admin2") and not span.qualifier and kind is None:
        # "Khizi", "Tovuz": a town that gives its name to the district around it is meant
        for cand in span.candidates:
            p = cand.place
            if (
                p.place_type == "populated_place"
                and cand.primary
                and p.country_code == best.country_code
                and p.population >= s.town_share * best.population
                and lies_within(p, best, s)
            ):
                return p, top
    return best, top


def first_pick(
    span: Span, facts: Facts, dateline_country: str | None, s: ResolverSettings
) -> tuple[Place, float]:
    """``pick`` in the first pass, whose context holds at most the dateline's country: its
    choice for a name's candidates is kept with their ``facts`` (``Facts.first``).

    Valid only while the first pass scores a name by its candidates, qualifier and the
    dateline's country alone: anything else it comes to depend on belongs in the key.
    """
    key = (span.qualifier, dateline_country)
    hit = facts.first.get(key)
    if hit is None:
        hit = facts.first[key] = pick(span, context_of([], dateline_country, s), facts, s)
    return hit


def resolve_spans(
    spans: Sequence[Span],
    gazetteer: Gazetteer,
    *,
    dateline_country: str | None = None,
    text: str | None = None,
    settings: ResolverSettings = RESOLVER_SETTINGS,
) -> list[Resolution]:
    """Resolve every span to one place, in two passes.

    The first pass scores candidates on their own (type, population, spelling, capital);
    the second adds the context the first pass found: the countries and first-level areas
    the article talks about, the dateline's country, and nearness to its other places.
    Names that hold each other choose each other: "Town, Region" takes the region that
    holds the town; a town and a county or state of the article that holds it are favoured
    together (``nested_bonuses``); list members lean to the kind of their siblings. Spans whose
    best place is still weak are dropped, as are small towns in a country no other name
    of the article is in (``_without_strays``).

    Parameters
    ----------
    spans : sequence of Span
        The article's place names, in text order.
    gazetteer : Gazetteer
        Where the first pass's choices are kept for the process (``Gazetteer.memo``).
    dateline_country : str, optional
        ISO code of the dateline's country, counted as evidence.
    text : str, optional
        The text the spans index into; without it, lists and "Town, Region" pairs are not
        seen.
    settings : ResolverSettings, optional
        The weights and thresholds (``geomap.settings.RESOLVER_SETTINGS`` by default).

    Returns
    -------
    list of Resolution
        The spans kept, in their order, each with its place and score.
    """
    if not spans:
        return []
    return _without_strays(_resolve(spans, gazetteer, dateline_country, text, settings), settings)


def dateline_country_of(
    spans: Sequence[Span],
    gazetteer: Gazetteer,
    *,
    text: str | None = None,
    settings: ResolverSettings = RESOLVER_SETTINGS,
) -> str | None:
    """The country of the article's dateline place as ``resolve_spans(spans, gazetteer,
    text=text)`` resolves it, worked out for that span alone: what to count as the
    dateline's country when the dateline names none ("BAKU, Azerbaijan" names one; "PARIS"
    and "COLUMBUS, Ohio" do not). None without a dateline span, or when its place has no
    country.

    Parameters
    ----------
    spans : sequence of Span
        The article's place names, in text order.
    gazetteer : Gazetteer
        As for ``resolve_spans``.
    text : str, optional
        As for ``resolve_spans``.
    settings : ResolverSettings, optional
        As for ``resolve_spans``.
    """
    for k, span in enumerate(spans):
        if span.is_dateline:
            # resolve_spans keeps every dateline span, strays or not: the first is this one
            return _resolve(spans, gazetteer, None, text, settings, only=k)[0].place.country_code
    return None


def _resolve(
    spans: Sequence[Span],
    gazetteer: Gazetteer,
    dateline_country: str | None,
    text: str | None,
    s: ResolverSettings,
    only: int | None = None,
) -> list[Resolution]:
    """``resolve_spans`` before strays are dropped, or the resolution of the span at
    ``only`` alone (in a list: none when it is too weak to keep)."""
    memo = gazetteer.memo
    tag = s.memo_tag

    def make(candidates: tuple[Candidate, ...]) -> Facts:
        return Facts(candidates, s)

    facts = [derived(memo, tag, span.candidates, make) for span in spans]
    picks = [
        f.first.get((span.qualifier, dateline_country)) or first_pick(span, f, dateline_country, s)
        for span, f in zip(spans, facts, strict=True)
    ]
    first = [place for place, _ in picks]
    neighbours = neighbours_of(spans, text) if text is not None else {}
    links = list_links(neighbours)
    containers = containers_of(spans, first, neighbours, links, s)
    # the region of a "Town, Region" pair is the one that holds the town
    regions = {
        neighbours[k][0]: outer
        for k, outer in containers.items()
        if any(is_inside(c.place, outer) for c in spans[k].candidates)
    }
    kinds = list_kinds(first, links)
    nested = nested_bonuses(spans, first, facts, s)
    evidence = evidence_of(
        [
            (span, place)
            for span, (place, score) in zip(spans, picks, strict=True)
            if score >= s.confident or len(span.candidates) == 1
        ]
    )
    # a name that gives no evidence sees the whole article's: one context for them all
    givers = {e[0] for e in evidence}
    whole: Counts | None = None
    contexts: dict[str, Counts] = {}
    picked: Picked = {}  # with each name's own context
    second: list[Resolution] = []
    for k in range(len(spans)) if only is None else (only,):
        span = spans[k]
        ctx = contexts.get(span.surface)
        if ctx is None:
            fold = span.surface.casefold()
            if fold in givers:
                ctx = context_of(evidence, dateline_country, s, skip=fold)
            else:
                if whole is None:
                    whole = context_of(evidence, dateline_country, s)
                ctx = whole
            contexts[span.surface] = ctx
        region = regions.get(k)
        if region is not None:
            f = facts[k]
            score = max(
                in_context(prior, row, ctx, s)
                for prior, row in zip(
                    f.qualified if span.qualifier else f.bare, f.rows, strict=True
                )
                if row[0].place_id == region.place_id
            )
            second.append(Resolution(span, region, max(score, s.min_score)))
            continue
        outer = containers.get(k)
        inner = [c for c in span.candidates if is_inside(c.place, outer)] if outer else []
        if inner:
            # "Charleston, W.Va.", "Paris, Texas": the place inside the named region
            within = Span(span.start, span.end, span.surface, tuple(inner), span.sentence,
                          span.is_dateline, span.qualifier)  # fmt: skip
            place, score = pick(within, ctx, Facts(within.candidates, s), s)
            score = max(score, s.min_score)
        else:
            kind = kinds.get(k)
            key = (span.surface, span.qualifier, id(span.candidates), kind)
            hit = picked.get(key)
            if hit is None:
                hit = picked[key] = pick(span, ctx, facts[k], s, kind, nested.get(span.surface))
            place, score = hit
        if score >= s.min_score or span.is_dateline:
            second.append(Resolution(span, place, score))
    return second


def _stray_size(span: Span, place: Place, s: ResolverSettings) -> int:
    """Below this population a town alone in its country is a stray word: larger when the
    name is only one of the town's alternate spellings ("Ismaili" for Ismayilli)."""
    if any(c.place.place_id == place.place_id and c.primary for c in span.candidates):
        return s.stray_population
    return s.stray_alternate_population


def _without_strays(chosen: list[Resolution], s: ResolverSettings) -> list[Resolution]:
    """Drop small towns in countries no other name of the article resolved to."""
    names_in: dict[str, set[str]] = {}
    for res in chosen:
        names_in.setdefault(res.place.country_code or "", set()).add(res.span.surface)
    surfaces = {res.span.surface for res in chosen}
    kept = []
    most = max(s.stray_population, s.stray_alternate_population)
    for res in chosen:
        p, span = res.place, res.span
        # the cheap tests first: _stray_size is at most ``most``
        if (
            p.place_type == "populated_place"
            and p.population < most
            and not span.is_dateline
            and len(surfaces) > 1
            and not names_in[p.country_code or ""] - {span.surface}
            and p.population < _stray_size(span, p, s)
        ):
            continue
        kept.append(res)
    return kept
