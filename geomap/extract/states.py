"""US states written as abbreviations ("Gainesville, Ga.", "D-S.C.") and towns before a region.

News writes a US state after a town or a legislator's party as an AP-style or postal
abbreviation ("Charleston, W.Va.", "Austin, TX", "Sen. John Cornyn, R-Texas"), which the
gazetteer does not hold as names; and a town that is also a common word before its
region ("Normal, Illinois", "Nice, France"), which the word rules turn down. These rules
find both after ``find_toponyms``'s first pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from types import MappingProxyType
from typing import NamedTuple

from geomap.extract.span import Span
from geomap.extract.tokens import Words, sentence_index
from geomap.extract.wordlists import AP_STATE_VARIANTS, US_STATES
from geomap.gazetteer import Candidate, Gazetteer, remember
from geomap.models import Article, Place
from geomap.names import name_key

__all__ = [
    "Context",
    "STATE_TWO_PARTS",
    "STATE_AFTER_TOWN",
    "STATE_AFTER_PARTY",
    "capitalised_before",
    "state_named",
    "town_in_area",
    "towns_before_regions",
    "state_abbreviations",
]

#: A state's name by its AP abbreviation without stops ("WVa", "Ga", "Tex").
_AP_TO_STATE: MappingProxyType[str, str] = MappingProxyType(
    {ap.replace(".", ""): name for name, ap in US_STATES.values() if ap != name}
    | dict(AP_STATE_VARIANTS)
)
#: A state's name by its postal code ("GA").
_POSTAL_TO_STATE: MappingProxyType[str, str] = MappingProxyType(
    {code: name for code, (name, _ap) in US_STATES.items()}
)
_STATE_NAMES = frozenset(name for name, _ap in US_STATES.values())

#: A state abbreviated in two dotted parts, which nothing else is: "W.Va.", "W. Va.", "N.Y."
#: The match starts at the first full stop, the capital before it checked by a look-behind
#: (``re`` then skips ahead to full stops, which are fewer than capitals: 7x faster); the
#: abbreviation is ``text[m.start() - 1 : m.end() - 1]``.
STATE_TWO_PARTS = re.compile(r"\.(?<=(?<![\w.])[A-Z]\.)[ \t]?[A-Z][a-z]{0,3}\.")
#: A state after a town: ", Ga.", ", TX". The look-behind comes after the comma (same
#: matches), so ``re`` skips ahead to commas: 4-10x faster.
STATE_AFTER_TOWN = re.compile(
    r",(?<=[A-Za-z.],)[ \t]+(?:"
    r"(?P<ap>(?:[A-Z]\.[ \t]?[A-Z][a-z]?|[A-Z][a-z]{1,4}))\."
    r"|(?P<postal>[A-Z]{2})(?!\w|\.\w)"
    r")"
)
#: A state after a politician's party letter: "D-S.C.", "R-Texas", "D-W. Va.", "I-VT".
#: The match starts at the hyphen, the party letter before it checked by a look-behind (as
#: ``STATE_TWO_PARTS``: ``re`` skips ahead to hyphens).
STATE_AFTER_PARTY = re.compile(
    r"-(?<=(?<![\w-])[DRI]-)(?:"
    r"(?P<full>(?:New |North |South |West |Rhode )?[A-Z][a-z]{3,})(?![\w-])"
    r"|(?P<ap>(?:[A-Z]\.[ \t]?[A-Z][a-z]?|[A-Z][a-z]{1,4}))\."
    r"|(?P<postal>[A-Z]{2})(?!\w|\.\w)"
    r")"
)


class Context(NamedTuple):
    """What these rules read of one article: the article, its words, its sentences' bounds,
    and the gazetteer its names are looked up in."""

    article: Article
    toks: Words
    bounds: Sequence[tuple[int, int]]
    gazetteer: Gazetteer

    def span(self, start: int, end: int, cands: tuple[Candidate, ...]) -> Span:
        """The ``Span`` of ``article.text[start:end]`` with its candidates ``cands``."""
        text = self.article.text[start:end]
        return Span(start, end, text, cands, sentence_index(self.bounds, start))

    def looked_up(
        self, key: Hashable, name: str, keep: Callable[[Candidate], bool]
    ) -> tuple[Candidate, ...]:
        """The candidates of ``name`` that ``keep`` takes, kept in ``Gazetteer.memo`` under
        ``key`` (as the other per-name tuples are): every mention of the name shares one
        tuple, and what later stages keep by it does not grow with the corpus."""
        memo = self.gazetteer.memo
        cands: tuple[Candidate, ...] | None = memo.get(key)
        if cands is None:
            cands = tuple(c for c in self.gazetteer.lookup(name) if keep(c))
            remember(memo, key, cands)
        return cands


def capitalised_before(text: str, at: int) -> bool:
    """True when the word ending at ``text[at]`` is capitalised ("Greenwood" before ",")."""
    k = at
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "'’.-"):
        k -= 1
    return k < at and text[k].isupper()


def state_named(m: re.Match[str]) -> tuple[str | None, int, int]:
    """The state a ``STATE_AFTER_*`` match names (None if no state) and its offsets."""
    if m.groupdict().get("full"):
        return m["full"], m.start("full"), m.end("full")
    if m["ap"]:
        return _AP_TO_STATE.get(re.sub(r"[.\s]", "", m["ap"])), m.start("ap"), m.end("ap") + 1
    return _POSTAL_TO_STATE.get(m["postal"]), m.start("postal"), m.end("postal")


def town_in_area(
    ctx: Context, comma: int, areas: Sequence[Place], people: set[str] | None = None
) -> Span | None:
    """The town written before ``text[comma]`` ("Greenwood" in "Greenwood, W. Va."), with
    only its candidates inside one of ``areas`` (a country, or a first-level area): the
    longest run of up to three capitalised words ending there, not a person's name."""
    text = ctx.article.body
    toks = ctx.toks
    starts, ends, caps = toks.starts, toks.ends, toks.caps
    joined = toks.joined
    last = bisect_left(ends, comma)
    if last == len(ends) or ends[last] != comma or not caps[last]:
        return None

    def in_areas(c: Candidate) -> bool:
        return (
            c.primary
            and c.place.place_type == "populated_place"
            and any(
                c.place.country_code == a.country_code
                and (a.place_type == "country" or c.place.admin1 == a.admin1)
                for a in areas
            )
        )

    first = last
    while first > 0 and last - first < 2 and caps[first - 1] and joined[first]:
        first -= 1
    for k in range(first, last + 1):
        start = starts[k]
        name = text[start:comma]
        key = name_key(name)
        if people and key in people:
            return None
        # kept per name and areas, as the state tuples of ``state_abbreviations`` are
        memo_key = ("town_in", key, tuple((a.country_code, a.place_type, a.admin1) for a in areas))
        cands = ctx.looked_up(memo_key, name, in_areas)
        if cands:
            return ctx.span(start, comma, cands)
    return None


def towns_before_regions(ctx: Context, spans: Sequence[Span], people: set[str]) -> list[Span]:
    """Towns written before ", Region" that the word rules turned down ("Nice, France",
    "Normal, Illinois"): the capitalised words before the comma, looked up among the towns
    of the country or first-level area the region can be."""
    text = ctx.article.body
    out: list[Span] = []
    taken = {s.end for s in spans}
    for s in spans:
        comma = s.start - 2
        if comma <= 0 or text[comma : s.start] != ", " or comma in taken:
            continue
        areas = [
            c.place
            for c in s.candidates
            if c.primary and c.place.place_type in ("country", "admin1")
        ]
        if not areas:
            continue
        town = town_in_area(ctx, comma, areas, people)
        if town is not None:
            out.append(town)
    return out


def _is_us_state(c: Candidate) -> bool:
    return c.place.place_type == "admin1" and c.place.country_code == "US"


def state_abbreviations(ctx: Context, spans: Sequence[Span]) -> list[Span]:
    """US states written as abbreviations after a town ("Gainesville, Ga.", "Austin, TX") or
    after a politician's party ("Rep. Jim Clyburn, D-S.C.", "Sen. John Cornyn, R-Texas")."""
    text = ctx.article.body
    found: list[tuple[str | None, int, int]] = [
        state_named(m) for m in STATE_AFTER_PARTY.finditer(text)
    ]
    if "." in text:
        for m in STATE_TWO_PARTS.finditer(text):
            ap = text[m.start() - 1 : m.end() - 1]  # from the capital before the match
            found.append((_AP_TO_STATE.get(re.sub(r"[.\s]", "", ap)), m.start() - 1, m.end()))
    unnamed: dict[int, int] = {}  # a state's start -> where its unrecognised town ends
    for m in STATE_AFTER_TOWN.finditer(text):
        name, start, end = state_named(m)
        if any(
            s.start < end and start < s.end and not (start <= s.start and s.end <= end)
            for s in spans
        ):
            continue
        # the town before the comma must be a place name found here, unless the state is
        # written the AP way, which nothing else is ("Greenwood, W. Va.")
        if any(0 <= m.start() - s.end <= 1 for s in spans):
            found.append((name, start, end))
        elif m["ap"] and capitalised_before(text, m.start()):
            found.append((name, start, end))
            unnamed[start] = m.start()
    out: list[Span] = []
    seen: set[int] = set()
    for name, start, end in found:
        if name not in _STATE_NAMES or start in seen:
            continue
        seen.add(start)
        cands = ctx.looked_up(("us_state", name), name, _is_us_state)
        if cands:
            out.append(ctx.span(start, end, cands))
            if start in unnamed:
                town = town_in_area(ctx, unnamed[start], [cands[0].place])
                if town is not None:
                    out.append(town)
    return out
