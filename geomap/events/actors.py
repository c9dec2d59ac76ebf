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

A country's name or a demonym inside a longer proper name stands for the state only when
that name is a state organ's (``STATE_NAME_WORDS``: "Israel Defense Forces", "Royal Thai
Army", "Armed Forces of Ukraine", "U.S. President Obama"): in "the Tour de France
champion", "Air France", "Bank of England", "U.S. Geological Survey" or "New Mexico" the
country is no actor, and "Free Syrian Army", "Irish Republican Army" get no country. In a
headline in Title Case, capitals tell no names apart: its countries are actors as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from geomap.extract.wordlists import FUNCTION_WORDS, NEVER_PLACES

__all__ = ["Actor", "ACTOR_HEADS", "STATE_HEADS", "STATE_NAME_WORDS", "find_actors"]

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

#: The nouns of a state organ's name, lower case: a proper name around a country's name or
#: a demonym that holds one of them, and no other words than these and
#: ``STATE_NAME_WORDS``' modifiers, is the state's ("Israel Defense Forces", "Armed Forces
#: of Ukraine", "U.S. Department of Agriculture": what follows "of" after the noun is its
#: field, not read). The country's formal name ("Republic of Korea", "People's Republic of
#: China") takes any modifier; a title ends the name (the person's name follows: "U.S.
#: President Barack Obama").
_STATE_NOUNS = frozenset(
    """
    army armies forces force navy military police government ministry guard guards marines
    corps embassy parliament congress senate department administration cabinet authorities
    troops soldiers gendarmerie coastguard
    """.split()
)
_FORMAL_NAMES = frozenset("republic kingdom federation emirates sultanate principality".split())
_TITLES = frozenset(
    """
    president minister secretary ambassador king queen chancellor premier general commander
    chief spokesman spokeswoman envoy
    """.split()
)
#: Modifiers a state organ's name may hold beside its noun ("Royal Thai Army", "Afghan
#: National Army", "Israel Defense Forces", "Indian Border Security Force").
_STATE_MODIFIERS = frozenset(
    """
    royal national armed defense defence self-defense border security special federal coast
    naval air ground land territorial foreign interior home prime state central
    """.split()
)
#: The words a state organ's name around a country or a demonym may hold, lower case.
STATE_NAME_WORDS: frozenset[str] = _STATE_NOUNS | _FORMAL_NAMES | _TITLES | _STATE_MODIFIERS
#: Lower-case words inside a proper name ("Tour de France", "Bank of England").
_NAME_CONNECTORS = frozenset("of de du des la le del di da the".split())
_CAPITALISED = r"[A-Z][\w'’.-]*"
_NAME_WORD = "(?:" + _CAPITALISED + "|" + "|".join(sorted(_NAME_CONNECTORS)) + ")"
#: The capitalised words and connectors right before a word, and right after.
_NAME_BEFORE = re.compile(r"(?:" + _NAME_WORD + r" )+$")
_NAME_AFTER = re.compile(r"(?: " + _NAME_WORD + r")+")
#: Capitalised words that are no part of a name: a sentence's first word ("The", "In"),
#: days and months ("Russia Monday launched").
_NO_NAME = FUNCTION_WORDS | NEVER_PLACES | frozenset({"yesterday", "earlier", "later"})

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
                    at = clause.find(word, m.start("mods"), m.end("mods"))
                    if _stands_for_state(clause, at, at + len(word), demonym, head):
                        country = code
                    break
        out.append(Actor(name, country, base + start, base + m.end()))
    return out


def _title_case(text: str) -> bool:
    """Whether a text is a headline in Title Case (most of its words capitalised)."""
    words = text.split()
    return sum(1 for w in words if w[:1].isupper()) * 2 > len(words)


def _name_before(clause: str, start: int) -> list[str]:
    """The words of a proper name right before ``clause[start]`` (capitalised, and the
    connectors between them), from its first capitalised word on."""
    if not start or clause[start - 1] != " ":
        return []
    lo = max(0, start - 80)
    if lo:
        lo = clause.find(" ", lo, start) + 1  # (from a whole word)
    m = _NAME_BEFORE.search(clause, lo, start)
    if m is None:
        return []
    words = m.group().split()
    # cut at a word that is no name's (a sentence's first word, a day): the name begins after
    for k in range(len(words) - 1, -1, -1):
        if words[k][:1].isupper() and words[k].lower().rstrip(".") in _NO_NAME:
            words = words[k + 1 :]
            break
    while words and not words[0][:1].isupper():
        words.pop(0)
    return words


def _name_after(clause: str, end: int) -> list[str]:
    """The words of a proper name right after ``clause[end]``, up to its last capitalised
    word: to a possessive ("Russia's Defense Ministry's") or a title included (the
    person's name follows: "U.S. President Barack Obama"), and without the field after a
    state noun ("U.S. Department of Agriculture")."""
    m = _NAME_AFTER.match(clause, end)
    if m is None:
        return []
    words: list[str] = []
    for word in m.group().split():
        lowered = word.lower()
        if (word[:1].isupper() and lowered.rstrip(".") in _NO_NAME) or (
            lowered == "of" and words and words[-1].lower() in _STATE_NOUNS
        ):
            break
        bare = word[:-2] if lowered.endswith(("'s", "’s")) else word
        words.append(bare)
        if bare != word or lowered in _TITLES:
            break
    while words and not words[-1][:1].isupper():
        words.pop()
    return words


def _stands_for_state(
    clause: str, start: int, end: int, demonym: Callable[[str], str | None], head: str = ""
) -> bool:
    """Whether the country's name or demonym at ``clause[start:end]`` stands for the state:
    it is no part of a longer proper name, or that name is a state organ's (of
    ``STATE_NAME_WORDS`` and demonyms: "Syrian Arab Army"; ``head``: the actor's head, in
    lower case after it: "the Royal Thai army")."""
    words = [*_name_before(clause, start), *_name_after(clause, end)]
    if not words or _title_case(clause):
        return True  # alone; or a headline, whose capitals tell no names apart
    lowered = [w.lower() for w in words if w[:1].isupper()]
    if head:
        lowered.append(head.lower())
    if any(w in _FORMAL_NAMES for w in lowered):
        return True  # "Republic of Korea", "People's Republic of China"
    return any(w in _STATE_NOUNS or w in _TITLES for w in lowered) and all(
        w in STATE_NAME_WORDS or demonym(w) is not None for w in lowered
    )


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
    # a country inside a longer proper name is no actor unless that name is a state organ's
    # ("the Tour de France champion", "Air France"; "Israel Defense Forces" is one)
    actors += [
        Actor(surface, code, s, e)
        for s, e, surface, code in countries
        if _stands_for_state(clause, s - base, e - base, demonym)
    ]
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
