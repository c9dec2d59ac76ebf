"""Casualty counts: the number of people a clause says were killed or wounded.

The rules, in the order they are tried, on the lower-cased clause:

* the verb's object: "killing at least 49 people", "two bombs killed six" (6, not 2),
  "left 12 dead", "claimed 30 lives", "wounding 20";
* a count of deaths or a toll: "at least 23 deaths", "the death toll rose to 40";
* never a count of animals ("2,600 birds have died", "killed 40 cows");
* the subject of a passive or adjectival form: "four servicemen were killed", "four
  Azerbaijani servicemen killed", "and four wounded" — unless the words between the
  number and the verb name a weapon or an attacker ("two bombs killed", "three gunmen");
  after a person noun, a prepositional phrase, an apposition or a place may stand between
  ("four people from the same family in kent have died", "two children in baghdad, iraq
  have died", "three workers at the plant were injured"), without a verb, a relative
  clause or another number in it; never a running total or a past year's count ("four
  people have died since 1992", "who died last year", "died 15 years ago"), nor an age
  ("a child aged two"); "remain in hospital" is the wounded's verb only in a clause that
  names an injury ("three were injured and two remain in hospital"; not "nine remain in
  hospital with flu", nor "nine others remain ill");
* "no one was killed", "no casualties": 0;
* bodies found: "the bodies of two students", "three bodies were recovered";
* one victim named without a number: "a 58-year-old woman was killed", "the fatal shooting
  of a man", "the death of a five-year-old boy", "a 2-year-old drowning": 1 (``casualties``);
  a named person's death, "June Smith, 91, died Thursday" (``one_named_death``, on the
  clause as written): 1.

``count_before`` reads a count that is a place's own in a list ("1,500 were killed in
Turkey and 800 in northern Syria": 800 is Syria's). ``OTHER_VICTIMS`` marks a count of
other victims or a running total ("two other women", "bringing the total to 18"): it is no
count of an earlier sentence's event.

Numbers are digits ("1,200") or words ("forty-nine", "a dozen", "two hundred"); a range
("20 to 30", "20-30", "between 20 and 30") gives its lower bound. A stated bound or an
estimate is the number stated, as ACLED codes it: "at least 49", "more than 100", "over 100",
"nearly 100", "about 100", "up to 100" are 49 and 100 (the figure is the source's, not a
computed bound). When a clause states several counts, the largest is kept (counts
of parts — "including 12 children" — never add up to more than the whole).
"""

from __future__ import annotations

import re

from geomap.events.regroup import compiled

__all__ = [
    "parse_number",
    "casualties",
    "count_before",
    "may_count",
    "one_named_death",
    "NUMBER_WORDS",
    "OTHER_VICTIMS",
    "TALLY",
]

#: Number words and their values ("a dozen" is 12; "dozens" and "scores" give no number).
NUMBER_WORDS: dict[str, int] = {
    **{
        w: i
        for i, w in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen".split()
        )
    },
    **{
        w: 10 * (i + 2)
        for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
    },
    "a dozen": 12,
    "dozen": 12,
    "a hundred": 100,
    "hundred": 100,
    "a thousand": 1000,
    "thousand": 1000,
    "a single": 1,
    "single": 1,
}

_WORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
#: One number: digits with thousands separators, or number words ("forty-nine", "two hundred").
_ONE = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:" + _WORD + r")(?:[- ](?:" + _WORD + r"))?"
    r"(?: (?:hundred|thousand))?)"
)
_QUAL = (
    r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|"
    r"approximately|roughly|an estimated|a total of|another|a further|the) )?"
)
#: A number, or a range of two (its lower bound is the first).
_NUM = r"(?P<n>" + _ONE + r")(?:(?: to | or |-|–| and )" + _ONE + r")?"

_PERSON = (
    r"(?:people|persons|civilians|soldiers|servicemen|troops|policemen|police officers|officers|"
    r"militants|fighters|rebels|insurgents|children|women|men|residents|villagers|protesters|"
    r"demonstrators|workers|passengers|pilgrims|tourists|students|others|members|personnel|"
    r"crew|miners|migrants|refugees|victims|individuals|family members|relatives)"
)
_KILL = r"(?:killed|killing|kills|kill|claimed the lives of|left|leaving)"
_WOUND = r"(?:wounded|wounding|injured|injuring|hurt|hurting)"

_KILLED_OBJECT = compiled(
    r"\b" + _KILL + r" " + _QUAL + _NUM + r"(?: (?:\w+ ){0,2}?" + _PERSON + r")?"
    r"(?P<tail> dead| people dead)?\b"
)
_KILLED_DEATHS = (
    compiled(r"\b" + _QUAL + _NUM + r" (?:\w+ ){0,2}?(?:deaths|dead|fatalities|lives)\b"),
    compiled(
        r"\b(?:death toll|toll|number of (?:the )?dead|number of deaths|number of fatalities) "
        r"(?:\w+ ){0,3}?(?:rose to|reached|climbed to|stood at|stands at|is|was|of|at|hit|"
        r"jumped to|increased to|to) " + _QUAL + _NUM + r"\b"
    ),
)
#: Between a person noun and its verb, a prepositional phrase, an apposition or a place, of
#: up to eight words ("four people from the same family in kent have died", "two children in
#: baghdad, iraq have died", "two people, a man and a woman, were killed"): no word of a verb
#: or a relative clause, nor another number, in it ("1,000 people in the city have been tested
#: and 12 died": 12, not 1,000; "two soldiers and three civilians were killed").
_PERSON_MOD = (
    r"(?:,? (?:of|from|in|at|on|near|aboard|inside|outside|across|around|along|with|within) |, )"
    r"(?:(?!(?:who|whom|whose|which|that|where|when|after|before|since|as|while|because|if|"
    r"was|were|is|are|has|have|had|been|be|said|says|say|reported|according|"
    r"\d+|" + _WORD + r")\b)[\w'’.-]+,? ){1,8}?"
)
#: A person noun and what may follow it before its verb.
_PERSON_PHRASE = r"(?:[\w'’-]+ ){0,2}?" + _PERSON + _PERSON_MOD
#: A count that is no event's: a running total over time or one of a past year ("four people
#: have died since 1992", "the four people who died last year").
_SINCE = (
    r"(?!(?: [\w'’-]+){0,3}? (?:since (?:(?:19|20)\d\d|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|the (?:start|beginning|outbreak)|"
    r"records began|then)|(?:last|this) year|years ago)\b)"
)
_KILLED_SUBJECT = compiled(
    r"\b" + _QUAL + _NUM + r" (?:(?P<between>(?:[\w'’-]+ ){0,4}?)|" + _PERSON_PHRASE + r")"
    r"(?:were |was |have been |had been |are |is |have |has |had )?"
    r"(?:killed|dead|died|slain|perished|lost their lives|shot dead)\b" + _SINCE
)
#: Bodies found: "the bodies of two students", "three bodies were recovered".
_BODIES = (
    re.compile(r"\bbodies of " + _QUAL + _NUM + r"\b"),
    re.compile(r"\b" + _QUAL + _NUM + r" (?:\w+ )?bodies\b"),
)
_ONE_PERSON = (
    r"(?:man|woman|boy|girl|child|teen|teenager|toddler|baby|infant|person|driver|passenger|"
    r"pedestrian|motorcyclist|cyclist|officer|soldier|resident|student|worker|victim|"
    r"[\w-]+-year-old)"
)
#: One victim, without a number: "a 58-year-old woman was killed", "the fatal shooting of a
#: man", "the death of a five-year-old boy", "a 2-year-old drowning".
_ONE_KILLED = compiled(
    r"\b(?:a|an) (?:[\w'’-]+ ){0,3}?" + _ONE_PERSON + r"(?:,? [\w'’-]+){0,5}?,? (?:who )?"
    r"(?:was |has been |had been |is )?"
    r"(?:killed|shot dead|slain|found dead|died|drowned|drowning)\b|"
    r"\b(?:fatal|deadly) (?:shooting|stabbing|beating|crash|accident|collision|wreck|attack|"
    r"assault|fire) of (?:a|an) (?:[\w'’-]+ ){0,3}?" + _ONE_PERSON + r"\b|"
    r"\b(?:death|killing|slaying|murder|drowning) of (?:a|an) (?:[\w'’-]+ ){0,3}?"
    + _ONE_PERSON
    + r"\b"
)
#: A named person's death, as written: "June V. (Watson) Smith, age 91, died Thursday",
#: "James Brown, the singer, died in Atlanta".
_NAMED_DEATH = re.compile(
    r"\s*[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|\([A-Z][\w'’-]*\)))+(?:,[^,;]{1,120},)? "
    r"(?:has |had )?(?:died|dies|passed away)\b"
)
#: A tally over time, lower case: "the total death toll", "so far this year" (a pattern's
#: text, for ``OTHER_VICTIMS`` and ``geomap.events.context``).
TALLY = r"\b(?:total|overall|cumulative) (?:death toll|toll|number)\b|\bso far this year\b"
#: Other victims or a running total: no count of an earlier sentence's event.
OTHER_VICTIMS = re.compile(
    r"\b(?:other|more|additional|further) (?:[\w'’-]+ ){0,2}?" + _PERSON + r"|"
    r"\b(?:bringing|brings|bring|raising|raises) the (?:\w+ )?(?:total|toll|number)\b|" + TALLY
)
#: A count right before "in" and a place: "… and 800 in northern " (the place follows).
_COUNT_IN = compiled(
    r"\b" + _QUAL + _NUM + r" (?:(?:people|dead|more|others|killed|deaths) )?"
    r"in (?:the )?(?:[\w-]+ )?$"
)
_WOUNDED_OBJECT = compiled(r"\b" + _WOUND + r" " + _QUAL + _NUM + r"\b(?! (?:of|per))")
_WOUNDED_SUBJECT = compiled(
    r"\b" + _QUAL + _NUM + r" (?:(?P<between>(?:[\w'’-]+ ){0,3}?)|" + _PERSON_PHRASE + r")"
    r"(?:were |was |have been |had been |are |is )?"
    r"(?:wounded|injured|hurt|sustained (?:\w+ )?(?:wounds|injuries)|injuries|"
    r"remains? in (?:a |the )?hospital|remained in (?:a |the )?hospital)\b" + _SINCE
)
_NONE_KILLED = compiled(
    r"\b(?:no one|nobody|no one else|no-one) (?:was|were|has been) (?:killed|hurt|injured|wounded)"
    r"|\bno (?:casualties|deaths|fatalities|injuries)\b"
)
#: Words between a number and "killed" that make the number the agent's ("two bombs killed").
_AGENT = re.compile(
    r"\b(?:bombs?|missiles?|rockets?|shells?|attacks?|explosions?|blasts?|strikes?|drones?|"
    r"gunm[ae]n|attackers?|assailants?|bombers?|militants? (?:who|that)|men who|shooters?|"
    r"suspects?|cars?|trucks?|vehicles?|days?|weeks?|months?|years?|hours?|times?|percent|"
    r"per cent|%)\b"
)


def parse_number(text: str) -> int | None:
    """The value of a number written in digits or words ("1,200", "forty-nine", "a dozen").

    Parameters
    ----------
    text : str
        The number, lower-case.

    Returns
    -------
    int or None
        Its value, or None when it is not a number.
    """
    text = text.strip().replace(",", "")
    if text.isdigit():
        # no count of people has more than nine digits (a long run is a code or an id)
        return int(text) if len(text) <= 9 else None
    total, current = 0, 0
    words = text.replace("-", " ").split()
    k = 0
    while k < len(words):
        word = words[k]
        if word == "a" and k + 1 < len(words):
            word = "a " + words[k + 1]
            k += 1
        value = NUMBER_WORDS.get(word)
        if value is None:
            return None
        if value in (100, 1000) and word.endswith(("hundred", "thousand")):
            current = max(current, 1) * value
            if value == 1000:
                total, current = total + current, 0
        else:
            current += value
        k += 1
    return total + current


#: Animals: a count of dead birds or cattle is no count of people ("2,600 birds have died").
_ANIMALS = re.compile(
    r"(?:\s+[\w'’-]+){0,2}?\s+(?:birds|chickens|hens|poultry|ducks|geese|swans|turkeys|fowl|pigs|"
    r"hogs|swine|cows|cattle|sheep|goats|horses|animals|livestock|deer|fish|dogs|cats|camels|"
    r"bats|monkeys|mink)\b"
)


def _count(match: re.Match[str]) -> int | None:
    text = match.group("n")
    if _ANIMALS.match(match.string, match.end("n"), match.end("n") + 40):
        return None  # animals, not people
    if len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100:
        return None  # a year, not a count
    if match.string.endswith(("aged ", "age "), 0, match.start("n")):
        return None  # an age ("a child aged two has died"), not a count
    return parse_number(text)


def may_count(text: str) -> bool:
    """Whether ``casualties`` can find a count in ``text`` or a part of it: False when it
    holds none of the words each of its rules needs (then every part of it gives
    ``(None, None)``).

    Parameters
    ----------
    text : str
        A clause or sentence, lower-case.
    """
    # the words each rule needs ("no one was hurt": "hurt"), tested one by one (faster than a
    # loop over them)
    return (
        "kill" in text
        or "dea" in text
        or "died" in text
        or "lives" in text
        or "slain" in text
        or "perish" in text
        or "fatal" in text
        or "bodies" in text
        or "drown" in text
        or "wound" in text
        or "injur" in text
        or "hurt" in text
        or "casualt" in text
    )


def casualties(clause: str) -> tuple[int | None, int | None]:
    """The (killed, wounded) counts a clause states, each None when it states none.

    Parameters
    ----------
    clause : str
        The clause, lower-case.

    Returns
    -------
    tuple of (int or None, int or None)
        Killed and wounded.

    Examples
    --------
    >>> casualties("two bombs killed six people")
    (6, None)
    >>> casualties("four servicemen were killed and four wounded")
    (4, 4)
    """
    killed = wounded = None
    none = _NONE_KILLED.search(clause) if "no" in clause else None
    if none is not None:  # read "no one was hurt" as 0, not as "one was hurt"
        text = none.group(0)
        if "killed" in text or "casualt" in text or "death" in text or "fatal" in text:
            killed = 0
        if any(w in text for w in ("hurt", "injur", "wound", "casualt")):
            wounded = 0
        clause = clause[: none.start()] + " " * len(text) + clause[none.end() :]
    if (
        "kill" in clause
        or "dead" in clause
        or "death" in clause
        or "died" in clause
        or ("lives" in clause or "slain" in clause or "perish" in clause or "fatalit" in clause)
    ):
        # each pattern runs only when the clause holds a word every match of it holds: the
        # same counts, found without scanning the clause for nothing
        found = (
            [
                n for m in _KILLED_OBJECT.finditer(clause)
                if (m.group(0).startswith(("left", "leaving")) is False or m.group("tail"))
                and (n := _count(m)) is not None
            ]
            if "kill" in clause
            or "left" in clause
            or "leaving" in clause
            or "claimed the lives of" in clause
            else []
        )  # fmt: skip
        if "dead" in clause or "death" in clause or "fatalities" in clause or "lives" in clause:
            found += [n for m in _KILLED_DEATHS[0].finditer(clause) if (n := _count(m)) is not None]
        if "toll" in clause or "number of" in clause:
            found += [n for m in _KILLED_DEATHS[1].finditer(clause) if (n := _count(m)) is not None]
        if found or (
            "killed" in clause
            or "dead" in clause
            or "died" in clause
            or "slain" in clause
            or "perished" in clause
            or "lost their lives" in clause
        ):
            killed = _most(found, _KILLED_SUBJECT, clause, killed)
    if "bodies" in clause:
        bodies = [n for pat in _BODIES for m in pat.finditer(clause) if (n := _count(m))]
        killed = max([*bodies, *([killed] if killed is not None else [])], default=None)
    if (
        killed is None
        and (
            "kill" in clause
            or "dea" in clause
            or "died" in clause
            or "slain" in clause
            or "drown" in clause
            or "fatal" in clause
        )
        and _ONE_KILLED.search(clause)
    ):
        killed = 1
    if "wound" in clause or "injur" in clause or "hurt" in clause:
        found = [n for m in _WOUNDED_OBJECT.finditer(clause) if (n := _count(m)) is not None]
        wounded = _most(found, _WOUNDED_SUBJECT, clause, wounded)
    return killed, wounded


def _most(
    found: list[int], subject: re.Pattern[str], clause: str, otherwise: int | None
) -> int | None:
    """The largest of the counts ``found`` in object position ("killed six"); without any,
    of those ``subject`` finds ("six were killed") with no agent between; else ``otherwise``."""
    if not found:
        found = [
            n for m in subject.finditer(clause)
            if not _AGENT.search(m.group("between") or "") and (n := _count(m)) is not None
        ]  # fmt: skip
    return max(found) if found else otherwise


def count_before(text: str) -> int | None:
    """The count that ends right before a place in a list, its own ("1,500 were killed in
    Turkey and 800 in northern " -> 800), or None.

    Parameters
    ----------
    text : str
        The clause's text up to the place, lower-case.
    """
    m = _COUNT_IN.search(text, max(0, len(text) - 60))
    return _count(m) if m else None


def one_named_death(text: str) -> bool:
    """Whether a clause, as written, tells one named person's death ("June Smith, 91, died
    Thursday"): its count is 1.

    Parameters
    ----------
    text : str
        The clause as written (capitals kept).
    """
    return bool(_NAMED_DEATH.match(text))
