"""The codebook's cues and what is no event (``geomap.events.cues``, ``geomap.events.codebook``):
each rule on a sentence written for it, and every pattern's keys."""

from __future__ import annotations

import re
import re._constants as sre  # the parser re compiles with (as geomap.events.matching uses it)
import re._parser
from typing import Any

import pytest

from geomap.events import Codebook
from geomap.events.codebook import CUES, NOT_EVENTS
from tests.test_events import events_of

#: one character a text may hold there, unknown (a set, ``\w``, ``.``): it holds no key
_ANY = "\x00"


def unkeyed(pattern: str, keys: tuple[str, ...]) -> list[str]:
    """Texts ``pattern`` matches whole that hold none of ``keys`` (``_ANY`` for a character
    that may be any of many): empty when every match holds a key, as ``matches_near`` needs.

    Each way through the pattern is followed with its literal characters (a set of up to 10
    characters is each of them; a larger one and a repeat's rounds between its first extra
    one and its last are ``_ANY``, which only makes the check stricter; ``\b`` and
    lookarounds match nothing); a text is kept only by what a key may still span: its first
    and last ``len(longest key) - 1`` characters.
    """
    keep = max(map(len, keys)) - 1

    def cut(text: str) -> str | None:
        if any(key in text for key in keys):
            return None
        if _ANY not in text and len(text) <= keep:
            return text
        head = text.partition(_ANY)[0]
        tail = text.rpartition(_ANY)[2]
        return head[:keep] + _ANY + tail[max(0, len(tail) - keep) :]

    def then(first: set[str | None], second: set[str | None]) -> set[str | None]:
        return {None if a is None or b is None else cut(a + b) for a in first for b in second}

    def sequence(items: Any) -> set[str | None]:
        out: set[str | None] = {""}
        for op, av in items:
            out = then(out, item(op, av))
        return out

    def item(op: Any, av: Any) -> set[str | None]:
        if op is sre.LITERAL:
            return {chr(av)}
        if op is sre.IN:
            chars: set[str | None] = set()
            for o, a in av:
                if o is sre.LITERAL:
                    chars.add(chr(a))
                elif o is sre.RANGE and a[1] - a[0] < 10:
                    chars.update(map(chr, range(a[0], a[1] + 1)))
                else:
                    return {_ANY}
            return chars if len(chars) <= 10 else {_ANY}
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return {""}
        if op is sre.SUBPATTERN:
            return sequence(av[-1])
        if op is sre.BRANCH:
            return set().union(*(sequence(b) for b in av[1]))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            least, most, sub = av
            once = sequence(sub)
            out: set[str | None] = {""}
            for _ in range(least):
                out = then(out, once)
            extra: set[str | None] = {""}
            if most > least:
                extra |= once
            if most > least + 1:  # more rounds: the first, anything, the last
                extra |= then(then(once, {_ANY}), once)
            return then(out, extra)
        return {_ANY}  # any character, one not a literal, a category (\w, \d)

    found = sequence(list(re._parser.parse(pattern)))
    return sorted(text.replace(_ANY, "…") for text in found if text is not None)


def test_unkeyed():
    assert "pileup" in unkeyed(r"\bpile-?ups?\b", ("pile-up",))
    assert unkeyed(r"\bh\d{1,2}n", ("h1n",)) == ["h…n"]
    assert unkeyed(r"\bh1?[0-9]n", tuple(f"h{d}n" for d in range(10))) == [
        f"h1…{d}n" for d in range(10)
    ]
    assert unkeyed(r"\bh1?[0-9]n", tuple(f"h{d}n" for d in range(20))) == []
    assert unkeyed(r"\bmarch (?:\w{1,20} ){0,3}?turned (?:violent|into a riot)", ("turned",)) == []
    assert "turned" in unkeyed(r"(?:\w{1,20} ){0,3}?turned", ("turned ",))


@pytest.mark.parametrize(
    ("name", "table"), [("cue", CUES), ("not-event phrase", NOT_EVENTS)]
)  # fmt: skip
def test_every_match_holds_a_key(name, table):
    """A pattern is searched only near its keys (``matches_near``): a text it matches that
    holds none ("aerial bombing" without "air") would never be found."""
    unfound = {
        f"{name} {k} {rule.pattern[:40]!r}": texts[:3]
        for k, rule in enumerate(table)
        if (texts := unkeyed(rule.pattern, rule.keys))
    }
    assert unfound == {}


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook()


@pytest.mark.parametrize(
    "text",
    [
        # a drug test, no infection
        "The driver later tested positive for cocaine at a clinic in Denver.",
        # a court's ruling, no rollover
        "An appeals court in Sacramento overturned John Lee Smith's conviction on Friday.",
        # the end of a state, not the state
        "The drought was declared over in Phoenix on Monday.",
        "The outbreak is officially over in Kampala, health officials said.",
        # an example cited, not reported
        "The detective worked on crimes such as the triple shooting in Fresno.",
        # a criminal record, not news
        "He had served four years in prison for assault during a robbery in Tulsa.",
        "The suspect has a prior arrest for armed robbery in Omaha.",
        # weapons named, none used
        "The barriers protect troops in Kandahar from bullets and grenades.",
        # a place told by its past, not a happening
        "The meeting was held in Selma, near the site of the state's worst lynching.",
        # two people who met, no talks
        "The couple met at a coffee shop in Boise.",
        # not-event phrases whose keys these lacked ("fought", "struck", "hit", "photoshoot")
        "Doctors in Lagos fought the disease for months.",
        "The governor struck a deal with unions in Chicago on Monday.",
        "A truck hit a 2019 Toyota Camry in Dallas, police said.",
        "The actress arrived in Paris for a photoshoot on Monday.",
    ],
)  # fmt: skip
def test_no_event(text, gazetteer, codebook):
    assert events_of(text, gazetteer, codebook) == []


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("A march in Lima turned violent on Saturday.", "riots", "violent_demonstration"),
        ("A brawl outside a nightclub in Cardiff left three men hurt.", "riots", "mob_violence"),
        ("Farmers said a meteorite crashed into a pasture near Arequipa.", "disaster", "other"),
        ("Five pilgrims died in a stampede at a shrine in Allahabad.", "accident", "other"),
    ],
)  # fmt: skip
def test_cue(text, event_type, sub_event_type, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.event_type, ev.sub_event_type) == (event_type, sub_event_type)


def test_officials_who_meet_are_talks(gazetteer, codebook):
    (ev,) = events_of(
        "The foreign minister met his Turkish counterpart in Ankara on Monday.", gazetteer, codebook
    )
    assert (ev.event_type, ev.sub_event_type) == ("strategic_developments", "other")


#: Cue matches that held none of their cue's keys, so went unfound: each text's type and
#: sub-type.
UNKEYED_BEFORE = {
    "Militants stormed the hotel in Kabul.": "violence_against_civilians attack",
    "Aerial bombing hit Idlib on Sunday.": "explosions_remote_violence air_drone_strike",
    "A brushfire spread near Malibu on Friday.": "disaster wildfire",
    "Twelve h10n3 cases were confirmed in Cairo on Monday.": "disaster epidemic",
    "A ferry capsised off Chittagong on Monday.": "accident sinking",
    "A pileup on the M25 near Dartford closed the road.": "accident collision",
    "Two people were hurt in a roll-over near Reno on Monday.": "accident collision",
}


@pytest.mark.parametrize("text", list(UNKEYED_BEFORE))
def test_cue_found_without_its_old_keys(text, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert f"{ev.event_type} {ev.sub_event_type}" == UNKEYED_BEFORE[text]
