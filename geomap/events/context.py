"""What the words around a cue say of it: told as background, commemorated, or another happening.

* a cue in a relative clause on a noun phrase ("Eighteen troops who fought and were
  wounded in Iraq are being tested…") tells the subject's past, not what the clause
  reports, unless it states a count, victims or a recent time (``background_relatives``;
  the patterns are the codebook's ``RELATIVE``, ``MAIN_VERB``, ``VICTIMS``, ``RECENT``);
* a clause whose predicate commemorates the happening its cue names ("the victims of a
  crash were remembered Wednesday") dates the commemoration, not the happening
  (``commemorated``);
* a count after an event is not the event's when the event's sentence states a running
  total, or the count's clause tells of another happening (``same_happening``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.events.codebook import MAIN_VERB, RECENT, RELATIVE, VICTIMS
from geomap.events.counts import TALLY, casualties
from geomap.extract.wordlists import FUNCTION_WORDS

__all__ = ["background_relatives", "commemorated", "same_happening"]

_RELATIVE = re.compile(RELATIVE)
_MAIN_VERB = re.compile(MAIN_VERB)
_RECENT = re.compile(RECENT)
_VICTIMS = re.compile(VICTIMS)
#: Words before "who", "which" or "that" that end no noun phrase: no relative clause ("said
#: who", "in which", "so that").
_NO_ANTECEDENT = frozenset(
    """
    said says say told tell asked ask know knew known see saw show showed shows believe
    believed believes think thought found is was are were be been in of to at on for by with
    from and or but so such now than claimed announced confirmed reported added noted warned
    stated feared hope hoped ensure ensured means meant suggest suggests suggested that which
    who when where
    """.split()
)
#: Words before a verb that make it the relative clause's own, not the main clause's ("who
#: fought and were wounded", "who was wounded", "who said they were"): function words and
#: auxiliaries.
_NOT_BEFORE_MAIN = FUNCTION_WORDS | frozenset(
    "is are was were be been being has have had not also never already said".split()
)


def background_relatives(clause: str) -> list[tuple[int, int]]:
    """The relative clauses on a noun phrase that a lower-cased clause tells as background,
    (start, end) in it: from "who", "which" or "that" to the main clause's verb (or to the
    comma closing one that a comma opens: "the soldier, who served in Iraq, was honoured"),
    that state no count, nor does the rest of the clause, no victims and no recent time
    (``geomap.events.codebook``: ``RELATIVE``, ``MAIN_VERB``, ``VICTIMS``, ``RECENT``)."""
    out = []
    for m in _RELATIVE.finditer(clause):
        before = clause[max(0, m.start() - 30) : m.start()].rstrip()
        words = before.replace(",", " ").split()
        if not words or words[-1] in _NO_ANTECEDENT:
            continue
        end = -1
        for v in _MAIN_VERB.finditer(clause, m.end(), m.end() + 150):
            prev = clause[clause.rfind(" ", 0, v.start()) + 1 : v.start()].rstrip(",")
            if prev not in _NOT_BEFORE_MAIN:
                end = v.start()
                break
        if before.endswith(","):
            comma = clause.find(",", m.end(), len(clause) if end < 0 else end)
            if comma >= 0:
                end = comma
        if end < 0:
            continue  # no main verb after it: what it is, is not known
        relative = clause[m.start() : end]
        if (
            _VICTIMS.match(relative)
            or _RECENT.search(relative)
            or casualties(relative) != (None, None)
            or casualties(clause[: m.start()] + clause[end:]) != (None, None)
        ):
            continue  # news: its count, or its time ("a bomb that killed six people exploded")
        out.append((m.start(), end))
    return out


#: A clause whose predicate is a commemoration of a happening: the happening's victims
#: remembered, mourned or honoured, or a memorial, funeral, vigil or service held for them
#: (``c`` is the commemoration's word). Its date is the commemoration's, not the happening's.
_COMMEMORATION = re.compile(
    r"\b(?:was|were|are|is|been|being|be) (?:[a-z]+ )?(?P<c>remembered|mourned|commemorated|"
    r"memoriali[sz]ed|eulogi[sz]ed|laid to rest)\b|"
    r"\b(?P<c2>remember(?:s|ed|ing)?|mourn(?:s|ed|ing)?|commemorat(?:e|es|ed|ing)|"
    r"honou?r(?:s|ed|ing)?|memoriali[sz](?:e|es|ed|ing)|(?:paid|pay|pays|paying) "
    r"(?:a |their |last )?(?:tribute|respects|homage) to) (?!dead\b)(?:the )?(?:[\w-]+ ){0,3}?"
    r"(?:victims|dead|lives|those)\b|"
    r"\b(?<!at )(?<!during )(?<!after )(?<!before )(?<!following )(?P<c3>(?:candlelight )?"
    r"(?:memorial|funeral|vigil|prayer|remembrance|requiem)(?: service| mass| ceremony)?s?) "
    r"(?:(?:was|were) (?:held )?)?for (?:the )?(?:[\w-]+ ){0,3}?(?:victims|dead|those)\b|"
    r"\bheld an? (?:[\w-]+ ){0,2}?(?P<c4>memorial|funeral|vigil|prayer service|remembrance|"
    r"requiem)\b"
)
#: Words one of which each alternative of ``_COMMEMORATION`` holds.
_COMMEMORATION_WORDS = tuple(
    "rememb mourn commemorat honor honour memorial eulog laid tribute respects homage "
    "funeral vigil prayer requiem".split()
)


def commemorated(clause: str, cues: Sequence[tuple[int, int]]) -> bool:
    """Whether a lower-cased clause commemorates the happening its event's cues (``cues``:
    (start, end) in it) name: its predicate is a commemoration (``_COMMEMORATION``), not in a
    relative clause, and none of the cues is the commemoration's own word (a vigil that is a
    protest, a funeral)."""
    if not any(w in clause for w in _COMMEMORATION_WORDS):
        return False
    for m in _COMMEMORATION.finditer(clause):
        group = next(g for g in ("c", "c2", "c3", "c4") if m.group(g) is not None)
        start, end = m.span(group)
        if any(a < end and start < b for a, b in cues):
            return False  # the commemoration is the event
        if not re.search(r"\b(?:who|which|that)\b", clause[: m.start()]):
            return True
    return False


#: A running total or a tally over time: an event found in a sentence stating one takes no
#: counts from the sentences after it, which tell of the tally's cases, not of the event ("The
#: death brings the total … to 17, also including one person who was in England": "the death
#: of a two-year-old child" next is not the English case).
_RUNNING_TOTAL = re.compile(
    r"\b(?:bring|brings|bringing|brought|raise|raises|raising|raised|push|pushes|pushing|pushed|"
    r"take|takes|taking|took) the (?:[\w-]+ ){0,2}?(?:total|toll|tally)\b|"
    r"\b(?:toll|tally|total) (?:has |had |have )?(?:now )?(?:risen|rose|climbed|reached|"
    r"increased|jumped)\b|"
    + TALLY
    + r"|\bin total\b|\bto date\b"
)
#: A clause about another happening than the event before it, whose counts are not that
#: event's: a count over the world or over years ("killed 93 of them, since 2003", "150
#: people worldwide have died", "since the virus started spreading"), another or a separate
#: happening, or a person of its own told with the happening or the time of their death ("a
#: man who was killed in a shooting early Saturday", "the death of a man whose body was found
#: under a bridge in January").
_ANOTHER_HAPPENING = re.compile(
    r"\b(?:worldwide|world-wide|globally|(?:around|across) the (?:world|globe)|in the world)\b|"
    r"\bsince (?:(?:early |late |mid-?)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december) )?(?:19|20)\d\d\b|"
    r"\bsince the (?:[\w-]+ ){0,2}?(?:began|begun|started|start|beginning|first)\b|"
    r"\b(?:another|separate|unrelated)\b|"
    r"\ban? (?:[\w-]+ ){0,2}?(?:man|woman|boy|girl|child|baby|toddler|teenager|teen|person|"
    r"resident|driver|motorist|motorcyclist|cyclist|pedestrian|inmate),? (?:who|whose)\b[^,;]*?"
    r"\b(?:(?:in|during) an? (?:shooting|stabbing|crash|accident|attack|fire|blaze|blast|"
    r"explosion|collision|wreck|fight|robbery|incident)|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|january|february|march|april|june|july|august|september|october|"
    r"november|december|in may|last (?:week|month|year)|(?:19|20)\d\d)\b"
)


def same_happening(event_sentence: str, text: str) -> bool:
    """Whether a count stated in ``text`` (a lower-cased clause or sentence after an event)
    may be the event's: the event's sentence (``event_sentence``, lower case) states no running
    total (``_RUNNING_TOTAL``) and ``text`` tells of no other happening
    (``_ANOTHER_HAPPENING``)."""
    return not _RUNNING_TOTAL.search(event_sentence) and not _ANOTHER_HAPPENING.search(text)
