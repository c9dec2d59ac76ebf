"""Actors of an event: who did it and to whom, as the text names them, with a state's country.

An actor is a noun phrase ending in one of ``ACTOR_HEADS`` ("Armenian armed forces",
"Azerbaijani troops", "police", "Houthi rebels"), or a country named as the doer
("Armenia has launched missile attacks", "shelling by Azerbaijan"). ``actor1`` is the
doer: the actor nearest before the cue in its clause, unless another verb or a
subordinate clause stands between them ("Greece asked for help after 100 were killed",
"police said two men abducted her": none) or the cue is passive ("two soldiers were
killed": they are ``actor2``), else the one after "by" or "from" after it; ``actor2`` is
the first other actor after the cue ("an attack on positions of the
Azerbaijani army"). The country code is set only where the actor is a state's forces or
government (a head in ``STATE_HEADS`` after a demonym or a country's name, or the country
itself) and never guessed: "rebels", "gunmen" or "protesters" get none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

__all__ = ["Actor", "ACTOR_HEADS", "STATE_HEADS", "find_actors"]

#: Nouns that end an actor's name.
ACTOR_HEADS: tuple[str, ...] = (
    "armed forces", "security forces", "air force", "navy", "army", "troops", "forces",
    "military", "soldiers", "servicemen", "police", "policemen", "government", "authorities",
    "ministry of defense", "defense ministry", "defence ministry", "militants", "rebels",
    "insurgents", "fighters", "gunmen",
    "militia", "militias", "militiamen", "separatists", "jihadists", "protesters", "demonstrators",
    "rioters", "attackers", "assailants", "guards", "border guards", "warplanes", "jets", "drones",
)  # fmt: skip

#: Heads that name a state's forces or government (their actor gets the country code).
STATE_HEADS: frozenset[str] = frozenset(
    {
        "armed forces", "security forces", "air force", "navy", "army", "troops", "forces",
        "military", "soldiers", "servicemen", "police", "policemen", "government", "authorities",
        "ministry of defense", "defense ministry", "defence ministry", "border guards", "guards",
        "warplanes", "jets", "drones",
    }
)  # fmt: skip

_HEADS = "|".join(sorted((re.escape(h) for h in ACTOR_HEADS), key=len, reverse=True))
#: Up to three capitalised words (or "the"), then a head: "the Armenian Armed Forces".
_ACTOR = re.compile(r"\b(?P<mods>(?:[A-Z][\w'’.-]*\s+){0,3})(?P<head>(?i:" + _HEADS + r"))\b")
_CAPITAL = re.compile(r"[A-Z]")
#: Before an actor: it is the source of the report ("according to police"), not a doer.
_SOURCE = re.compile(r"\baccording to\s+(?:the\s+)?$", re.IGNORECASE)
#: Between an actor and the cue: the actor is the subject of another verb (it speaks, asks,
#: investigates) or the cue is in a clause of its own ("after", "when"), so not the doer.
_OTHER_PREDICATE = re.compile(
    r"\b(?:said|says|say|told|tells|asked|asks|called|calls|urged|announced|reported|claimed|"
    r"accused|blamed|warned|demanded|added|noted|believed?|believes|investigat\w*|identified|"
    r"confirmed|denied|requested|appealed|after|when|while|because|since|before|following|"
    r"until|saying|telling|asking|according)\b",
    re.IGNORECASE,
)

#: Right after an actor, up to the cue or into it ("were killed" is a cue): the cue is
#: passive, the actor is who it was done to ("two soldiers were killed", "police have been
#: attacked").
_PASSIVE = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:was|were|been|being|is|are|got|get)\s+"
    r"(?:\w+ly\s+)?",
    re.IGNORECASE,
)


class Actor(NamedTuple):
    """An actor: its name as the text gives it, its country code or "" and its offsets."""

    name: str
    country: str
    start: int
    end: int


def _phrase_actors(clause: str, base: int, demonym: Callable[[str], str | None]) -> list[Actor]:
    out: list[Actor] = []
    if clause.isascii():  # (beyond ASCII, case-insensitive matching is not ``lower``)
        lowered = clause.lower()
        if not any(head in lowered for head in ACTOR_HEADS):
            return out  # no head, no actor: a substring test is cheaper than the pattern
    for m in _ACTOR.finditer(clause):
        mods = m.group("mods").split()
        # only capitalised modifiers belong to the name ("the" and verbs do not)
        while mods and not _CAPITAL.match(mods[0]):
            mods.pop(0)
        if any(not _CAPITAL.match(w) for w in mods):
            mods = mods[max(i for i, w in enumerate(mods) if not _CAPITAL.match(w)) + 1 :]
        head = m.group("head")
        name = " ".join([*mods, head]) if mods else head
        start = m.end() - len(name) if mods else m.start("head")
        country = ""
        if head.lower() in STATE_HEADS:
            for word in mods:
                code = demonym(word.rstrip("'’s").rstrip("'’"))
                if code:
                    country = code
                    break
        out.append(Actor(name, country, base + start, base + m.end()))
    return out


def _is_passive(clause: str, after: int, cue: int) -> bool:
    """Whether an actor ending at ``after`` is the subject of a passive cue starting at
    ``cue`` (offsets in ``clause``): only an auxiliary (and adverbs) stand between, or
    begin the cue."""
    m = _PASSIVE.match(clause, after)
    return m is not None and m.end() >= cue


def find_actors(
    clause: str,
    base: int,
    cue_start: int,
    cue_end: int,
    countries: Sequence[tuple[int, int, str, str]],
    demonym: Callable[[str], str | None],
) -> tuple[Actor | None, Actor | None]:
    """The doer and the other side of the event a clause reports.

    Parameters
    ----------
    clause : str
        The clause, as written (case kept).
    base : int
        The offset of the clause in the article (offsets of the result are the article's).
    cue_start, cue_end : int
        The cue's offsets in the article.
    countries : sequence of (start, end, surface, country code)
        The country names in the clause that are actors, not places (offsets in the article).
    demonym : callable
        The country code of a demonym ("Armenian" -> "AM"), None for a word that is none.

    Returns
    -------
    tuple of (Actor or None, Actor or None)
        actor1 and actor2.
    """
    actors = _phrase_actors(clause, base, demonym)
    actors += [Actor(surface, code, s, e) for s, e, surface, code in countries]
    actors.sort(key=lambda a: a.start)
    # the source of the report is no side of it, before the cue or after ("a quake struck,
    # according to the U.S. Geological Survey")
    told = [
        a for a in actors if not _SOURCE.search(clause, max(0, a.start - base - 20), a.start - base)
    ]
    before = [a for a in told if a.end <= cue_start]
    after = [a for a in told if a.start >= cue_end]
    actor1: Actor | None = before[-1] if before else None
    patient: Actor | None = None
    if actor1 is not None and _OTHER_PREDICATE.search(clause, actor1.end - base, cue_start - base):
        actor1 = None  # "Greece asked for help after 100 were killed": not the doer
    elif actor1 is not None and _is_passive(clause, actor1.end - base, cue_start - base):
        # "two soldiers were killed", "police were attacked": what was done to them
        actor1, patient = None, actor1
    if actor1 is None:
        for a in after:
            lead = clause[max(0, a.start - base - 9) : a.start - base].lower()
            if re.search(r"\b(?:by|from)\s+(?:the\s+)?$", lead):
                actor1 = a
                break
    actor2 = patient or next(
        (a for a in after if a is not actor1 and a.name != (actor1.name if actor1 else "")), None
    )
    return actor1, actor2
