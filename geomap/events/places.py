"""Where a clause's event happened: the place mentions in a locative position, not actors.

* the place is a resolved mention in the clause, not a dateline nor background history,
  in a locative position — after "in", "at", "near", "on"… or a verb of striking
  ("shelled Stepanakert", "hit Ganja"), or as the subject of a passive ("Ganja was
  shelled") — or in a list that continues one ("Ganja, Mingachevir, Khizi as well as
  Absheron district");
* not an actor: a country is a place only right after "in", "at", "across"… ("Armenia
  said", "called on Yerevan" name actors); a place after "from", "visiting from",
  "citizen of" or "from across" is someone's home, not where it happened;
* not a person: a name that a person's predicate follows or governs ("Paris had been
  shot", "police arrested Chester") is someone's name;
* not part of a name: a place inside an institution's name ("the Hospital of the University
  of Pennsylvania", "the Interim Force in Lebanon (UNIFIL)", "Harris County Sheriff's
  Office"), a street address ("the 3200 block of North Monticello", "Lot No. 51",
  "Roanoke Park") or a person's home ("David Arvin of Irvine") is not where it happened;
* not a destination: "traveling to Gaza", "arrived in Moscow", "a trip to Kyiv", "taken to a
  hospital in Knoxville" name where someone went, not where it happened;
* not a point of reference: in "a farm near Västerås some 80 kilometres west of Stockholm"
  the farm is near Västerås; a place a distance away from which something happened is
  where it happened only when the clause names no other place;
* not where a speaker was: "…," said Dr. Anna Bruschke in Rome", "told reporters in
  Geneva", "speaking at a news conference in Brussels" name where the report was given
  (with the places listed after it: "in Rome, Italy"), not where what it reports happened;
* continents, oceans and regions spanning several countries are never the place unless
  the sub-type happens at sea (``MARITIME``) and the place is no land mass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.events.regroup import compiled
from geomap.models import Mention, Place

__all__ = ["is_wide", "may_be_where", "places_of"]

#: Words before a place that make it where something happened (up to three words between).
_LOCATIVE = compiled(
    r"\b(?:in|at|near|on|onto|into|inside|outside|around|across|through|throughout|toward|towards|over|"
    r"along|within|off|outskirts of|of|hit|struck|shelled|bombed|bombarded|attacked|targeted|"
    r"rocked|pounded|shook|flooded|battered|lashed|devastated|ravaged|raided|stormed|captured|"
    r"seized|recaptured|liberated|retook|entered|hitting|striking|shelling|targeting|between|"
    r"damaged|damages|destroyed|destroys|swept|sweeping|evacuated)"
    r"\s+(?:(?:[a-z]\.[a-z]\.|the|a|an|its|their|this|that|disputed|occupied|besieged|embattled|capital|port|"
    r"border|frontier|front-?line|nearby|neighbou?ring|key|strategic|small|large|coastal|"
    r"mountain(?:ous)?|historic|rural|remote|city|town|village|province|region|district|county|"
    r"state|area|island|suburb|outskirts|parts|part|much|large parts|[\w-]+ern|[\w-]+-held|"
    r"[\w-]+-controlled|north|south|east|west|central|(?:north|south)(?:east|west)|"
    r"[a-z]+(?:ian|ani|i|ese|ish)|of)\s+){0,3}$"
)
#: The same for a country: the preposition right before it (with "the" at most).
_COUNTRY_LOCATIVE = compiled(
    r"\b(?:in|at|across|throughout|inside|within|into|over|all over|parts of|north of|south of|"
    r"east of|west of|northern|southern|eastern|western|central)\s+(?:the\s+)?$"
)
#: After a town or district: the subject of a passive ("Ganja was shelled").
_PASSIVE_AFTER = compiled(
    r"^[\s,]*(?:was|were|has been|have been|had been|is being|came under|come under|had come under|"
    r"has come under|suffered|saw|experienced)\b"
)
#: Before a place: it is someone's origin or an addressee, not where it happened.
_NOT_WHERE_BEFORE = compiled(
    r"(?:\b\d{1,3},\s+of|\b(?:residents?|man|woman|men|women|boy|girl|teen|native) of)\s+$|"
    r"\b(?:from|by|visiting from|native of|citizens? of|nationals? of|natives? of|born in|"
    r"called on|urged|addressed|asked|told|accused|blamed|against|with|to|for|"
    r"ambassador to|envoy to|embassy in|embassies in|president of|prime minister of|"
    r"government of|authorities of|army of|forces of|minister of|ministry of|"
    # a leader's title: "the Hamas rulers of Gaza", "the governor of Texas said"
    r"rulers? of|leaders? of|governor of|mayor of|king of|queen of|"
    # an institution's name: "the Hospital of the University of Pennsylvania", "Bank of America"
    r"university of|universities of|hospital of|college of|bank of|institute of|department of|"
    r"museum of|academy of|diocese of|archdiocese of|bureau of|court of|board of|commission of|"
    r"council of|federation of|association of|society of|chamber of|church of|school of|"
    # a street address: "the 3200 block of North Monticello"
    r"block of(?:\s+(?:north|south|east|west|[nsew]\.))?|"
    # a destination: "arrived in Moscow", "a trip to Kyiv", "bound for Gaza"
    r"arrived in|arriving in|arrives in|visited|visiting|visit to|visits to|trip to|trips to|"
    r"bound for|en route to|on (?:his|her|their|its|a|the) way to|headed for|heading for|"
    r"(?:taken|rushed|airlifted|flown|transported|transferred) to (?:a |the )?"
    r"(?:[\w'’-]+ ){0,3}?(?:hospital|medical center|clinic) (?:in|at))\s+(?:the\s+)?$|"
    # where people come from: "fans from across the U.S.", "visitors from around Europe"
    r"\bfrom\s+(?:all\s+)?(?:across|around|over|throughout)\s+(?:the\s+)?$"
)
#: Before a place: a distance and a bearing from it ("80 kilometres west of", "30km
#: north-east of", "20 miles outside"): the place is a point of reference. (A distance
#: "from" a place is not where at all, as any place after "from": ``_NOT_WHERE_BEFORE``.)
_REFERENCE_BEFORE = compiled(
    r"\b\d[\d,.]*\s*(?:-\s*)?(?:km|kms|kilometres?|kilometers?|miles?|mi|metres?|meters?)\s+"
    r"(?:\(\s*[\d,.]+\s*(?:miles?|mi|km|kilometres?|kilometers?)\s*\)\s+)?"
    r"(?:(?:due\s+)?(?:north|south|east|west|(?:north|south)-?(?:east|west))(?:ward)?\s+of|"
    r"outside(?:\s+of)?|off)\s+(?:the\s+)?$"
)
#: How the text before a place ends when ``_REFERENCE_BEFORE`` can match (it is not run
#: otherwise).
_REFERENCE_ENDS = (" of", " outside", " off", " the")
#: A verb of speaking: what follows it, up to a place, names who spoke or to whom.
_SPEAKING = (
    r"\b(?:said|says|say|told|tells|added|adds|spoke|speaks|speaking|explained|"
    r"warned|insisted|noted|commented|testified|wrote)"
)
#: Before a place (lower case): a speaker's audience or occasion, then "in" or "at" ("told
#: reporters in", "said at a news conference in", "speaking in").
_SPEAKER_BEFORE = compiled(
    _SPEAKING + r"(?:\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"today|yesterday))?(?:\s+(?:to|at|before|during|in|after)?\s*(?:a|an|the|his|her|their)?\s*"
    r"(?:reporters|journalists|the press|press|media|news conference|press conference|"
    r"news briefing|press briefing|briefing|conference|summit|forum|meeting|interview|"
    r"statement|speech|lawmakers|legislators|parliament|delegates|assembly|congress|senators|"
    r"crowd|audience|students|supporters|state media|state television|radio|television|tv))?"
    r",?\s+(?:in|at)\s+(?:the\s+)?$"
)
#: Before a place (as written): a speaker named after the verb, then "in" or "at" ("said
#: Dr. Anna Bruschke, in Rome", "said Health Minister Jane Doe at Geneva").
_SPEAKER_NAMED_BEFORE = re.compile(
    _SPEAKING + r"\s+(?:[A-Z][\w.'’-]*\s+){1,5}?[A-Z][\w.'’-]*,?\s+(?:in|at)\s+(?:the\s+)?$"
)
#: Land masses: never a maritime event's place either ("a tsunami hit the coasts of Asia"
#: happened on the coasts, not across the continent).
_LAND = frozenset(
    "curated:" + slug
    for slug in (
        "africa", "asia", "europe", "americas", "north-america", "south-america",
        "central-america", "latin-america", "oceania", "antarctica", "middle-east",
        "central-asia", "east-asia", "south-asia", "southeast-asia", "north-africa",
        "west-africa", "east-africa", "central-africa", "southern-africa", "sub-saharan-africa",
        "horn-of-africa", "western-europe", "eastern-europe", "northern-europe",
        "southern-europe", "central-europe",
    )
)  # fmt: skip
#: After a name: a predicate only a person takes ("Paris had been shot", "Chester told
#: police"): the name is a person's, not where anything happened.
_PERSON_AFTER = compiled(
    r"^\s*(?:(?:(?:had|has|have) been|was|were|is being|is) (?:shot|killed|stabbed|arrested|"
    r"charged|sentenced|convicted|murdered|wounded|injured|hospitali[sz]ed)|"
    r"(?:has |had )?died|dies|"
    r"(?:was|is) (?:driving|riding|walking|traveling|travelling|ejected|thrown from)|drove|"
    r"pleaded|testified|confessed|told (?:police|officers|deputies|investigators|detectives|"
    r"reporters|the court|the jury))\b"
)
#: Verbs whose object is a person ("police arrested Chester").
_PERSON_VERBS = (
    "shot", "shooting", "killed", "killing", "stabbed", "stabbing", "arrested", "arresting",
    "murdered", "charged", "sentenced", "kidnapped", "abducted",
)  # fmt: skip
#: Before a name: one of them (the name is a person's).
_PERSON_BEFORE = compiled(r"\b(?:" + "|".join(_PERSON_VERBS) + r")\s+$")
#: After a place: it is an actor or a speaker ("Armenia said", "Baku's troops").
_ACTOR_AFTER = compiled(
    r"^\s*(?:'s|’s|'|’|said|says|stated|announced|reported|claimed|denied|urged|called|accused|"
    r"blamed|warned|insisted|responded|expressed|declared|confirmed|told|added|noted|"
    r"launched|staged|mounted|fired|carried out|sent|deployed|ordered|retaliated|responded)\b"
)
#: After a place: it is someone's home ("a Palestine man", "Canadian tourists" aside).
_HOME_AFTER = compiled(
    r"^\s*(?:man|woman|men|women|resident|residents|teen|teens|teenager|teenagers|boy|boys|girl|"
    r"girls|couple|family|native|natives|mother|father|driver|student|students|youth|"
    r"native|businessman|person|people|couple|citizen|citizens|"
    # an institution of the place, or a street named after one: not where it happened
    r"hospital|medical center|clinic|jail|prison|court|courthouse|district court|police|"
    r"sheriff|coroner|fire department|firefighters|officials|authorities|university|college|"
    r"school district|city council|council|mayor|governor|county commission|"
    r"street|st\.|road|rd\.|avenue|ave\.|boulevard|blvd|drive|dr\.|lane|ln\.|court|ct\.|way|"
    r"highway|parkway|pike|turnpike|vista|square|plaza|park)\b|"
    # a lot, a unit or a house number: "Lot No. 51", "Unit #4"
    r"^\s*(?:no\.|#)\s*\d"
)
#: After a place as written: an institution's acronym ("Interim Force in Lebanon (UNIFIL)",
#: "Mission in Georgia (EUMM)"): the place is part of the institution's name.
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z]{2,8}\)")
#: Before a place as written: a person's name and "of" ("David Arvin of Irvine", "Jessica
#: Kay, 18, of Paris"): the place is the person's home.
_NAME_OF_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'’-]+,?\s+of\s+$")
_COUNTRY_ACTOR_AFTER = compiled(r"^\s*(?:has|have|had|is|was|were|will|would|and its|did|does)\b")
#: Text between two places of one list ("Ganja, Mingachevir, Khizi as well as Absheron").
_WORDS_ONLY = re.compile(r"[^\W\d]+(?:[\s'’-]+[^\W\d]+)*")
_LIST_WORDS = frozenset(
    "and or as well including such plus the its their district province region city county town "
    "village area oblast governorate state municipality prefecture villages towns cities "
    "districts regions administrative center centre capital main port nearby neighbouring "
    "neighboring".split()
)


def is_wide(place: Place) -> bool:
    """Whether a place is wider than a large country (a continent, an ocean, a region of
    several countries): never an event's place unless the event happened there."""
    if place.place_type == "country":
        return False
    if place.country_code is None and place.place_type in ("region", "historical"):
        return True
    return place.radius_km > 1000


def may_be_where(mention: Mention) -> bool:
    """Whether ``places_of`` can give a mention as where a clause's event happened, in some
    clause: False for a dateline, background history and a land mass wider than a country,
    which it never gives (whatever the clause and the cue)."""
    place = mention.place
    return not (
        mention.is_dateline
        or mention.role == "background"
        or (place.place_id in _LAND and is_wide(place))
    )


def _continues_list(between: str) -> bool:
    words = _WORDS_ONLY.findall(between.replace(",", " "))
    tokens = " ".join(words).lower().split()
    return (
        len(between) <= 60
        and len(tokens) <= 5
        and all(t in _LIST_WORDS or not t.isalpha() for t in tokens)
        or (len(tokens) <= 4 and "including" in tokens)
    )


def places_of(
    low: str,
    c_start: int,
    c_end: int,
    s_base: int,
    mentions: Sequence[Mention],
    maritime: bool,
    text: str | None = None,
) -> tuple[list[Mention], list[Mention]]:
    """The mentions of a clause where its event happened, and those that are actor countries.

    ``low`` is the sentence lower-cased (``text`` as written, when given: for the rules that
    read capitals — an institution's acronym, a person's name before "of"); the clause is
    ``low[c_start:c_end]``; ``s_base`` is the sentence's offset in the article."""
    where: list[Mention] = []
    actors: list[Mention] = []
    references: list[Mention] = []  # places a distance away from which it happened
    last: Mention | None = None
    spoken = False  # whether ``last`` is where a speaker was
    for m in mentions:
        rs, re_ = m.start - s_base, m.end - s_base
        if rs < c_start or re_ > c_end:
            continue
        place = m.place
        before = low[max(c_start, rs - 40) : rs]
        after = low[re_ : re_ + 30]
        country = place.place_type == "country"
        if spoken and last is not None and _continues_list(low[last.end - s_base : rs]):
            last = m  # "said … in Rome, Italy": the speaker's place too
            continue
        spoken = False
        if (
            _HOME_AFTER.match(after)
            or _PERSON_AFTER.match(after)
            # (a text that, spaces aside, ends with none of the verbs is not searched)
            or (before.rstrip().endswith(_PERSON_VERBS) and _PERSON_BEFORE.search(before))
            or (text is not None and _in_a_name(text, max(c_start, rs - 40), rs, re_))
        ):
            last = None
            continue
        if _ACTOR_AFTER.match(after) or _NOT_WHERE_BEFORE.search(before):
            if country:
                actors.append(m)
            last = None
            continue
        if country and _COUNTRY_ACTOR_AFTER.match(after):
            actors.append(m)
            last = None
            continue
        if _spoken_at(low, text, max(c_start, rs - 60), rs):
            last, spoken = m, True
            continue
        if before.rstrip().endswith(_REFERENCE_ENDS) and _REFERENCE_BEFORE.search(before):
            if not (m.is_dateline or m.role == "background" or is_wide(place)):
                references.append(m)
            last = None
            continue
        if last is not None and _continues_list(low[last.end - s_base : rs]):
            ok = True
        elif country:
            ok = bool(_COUNTRY_LOCATIVE.search(before))
        else:
            ok = bool(_LOCATIVE.search(before)) or bool(_PASSIVE_AFTER.match(after))
        if not ok:
            if country:
                actors.append(m)
            last = None
            continue
        last = m
        if (
            m.is_dateline
            or m.role == "background"
            or (is_wide(place) and (not maritime or place.place_id in _LAND))
        ):
            continue
        where.append(m)
    return (where or references), actors


def _spoken_at(low: str, text: str | None, lo: int, start: int) -> bool:
    """Whether the place at ``start`` is where a speaker was: "in" or "at" after a verb of
    speaking and its audience ("told reporters in") or, in ``text`` as written, the
    speaker's name ("said Dr. Anna Bruschke, in")."""
    # (the patterns are run only where "in" or "at" ends the text before the place)
    before = low[lo:start].rstrip()
    if not before.endswith((" in", " at", " the")):
        return False
    return bool(_SPEAKER_BEFORE.search(low, lo, start)) or (
        text is not None and bool(_SPEAKER_NAMED_BEFORE.search(text, lo, start))
    )


def _in_a_name(text: str, lo: int, start: int, end: int) -> bool:
    """Whether the place at ``text[start:end]`` (as written) is part of an institution's name
    ("Interim Force in Lebanon (UNIFIL)") or a person's home ("David Arvin of Irvine")."""
    # (each pattern is run only where the text holds what every match of it holds: "(" and
    # "of")
    return (
        text.find("(", end, end + 12) >= 0 and bool(_ACRONYM_AFTER.match(text, end, end + 12))
    ) or (text.find("of", lo, start) >= 0 and bool(_NAME_OF_BEFORE.search(text, lo, start)))
