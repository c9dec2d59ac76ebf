"""The date and role of every place mention of an article.

Each mention is dated by the temporal expression that governs it in its sentence, else
the article's publication date. Its role says what kind of mention it is; the role's
cue words (``_PATTERNS``: fighting, shelling, casualties, ceasefire, diplomacy,
mobilisation, protest, disaster, accident) are wider than the event codebook
(``geomap.events.codebook``), as a mention can be where something happened without
being an event's place (talks held in Geneva).

Roles, from evidence in the sentence: ``dateline`` (where the story was filed),
``background`` (what the text dates more than a year before the article's time frame — its
publication date, else the latest date it gives), ``event`` (something happened there: the
clause reports one of the cue words above, the place is where it happened rather than an actor
— "called on Yerevan", "Armenia said" — and the clause is not about what will, would or
could happen — "the next meeting in Geneva"), ``reference`` (any other mention). A
sentence dated "on that day" or "the same day" takes the date of the sentences before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from geomap.asciifold import ascii_lower, lowered
from geomap.dates import SentenceDates
from geomap.models import Article, DateValue, Mention, TimeExpr
from geomap.resolve import Resolution

__all__ = ["event_types_of", "casualty_counts", "make_mentions"]

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


def _triggers() -> tuple[Any, dict[str, int]]:
    """An Aho-Corasick automaton of a literal every match of each ``_LOWERED`` pattern holds,
    with its length and the names of the patterns it stands for: one scan of a sentence
    tells which patterns can match it (the others are not run) and from where; and the
    most characters a match of each pattern can hold before its literal (its lead).

    A lead is counted in the pattern's text: before the literal, each character matches
    at most one (a class, an escape, a group's syntax or ``?`` more text than it matches);
    a pattern with a ``+``, ``*`` or ``{`` there has none, and is searched whole."""
    import ahocorasick

    by_literal: dict[str, set[str]] = {}
    leads: dict[str, int] = {}
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
        lead: int | None = 0
        for part in parts:
            literal = _required_literal(part)
            assert literal, (name, part)
            by_literal.setdefault(literal, set()).add(name)
            # the last place the literal is written: no fewer characters before it
            before = part[: part.rindex(literal)]
            if lead is not None:
                lead = None if any(q in before for q in "+*{") else max(lead, len(before))
        if lead is not None:
            leads[name] = lead
    auto = ahocorasick.Automaton()
    for literal, names in by_literal.items():
        auto.add_word(literal, (len(literal), frozenset(names)))
    auto.make_automaton()
    return auto, leads


_TRIGGERS, _LEADS = _triggers()
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
#: The patterns above, case-sensitive, for ``ascii_lower`` text (same matches, faster).
_ACTOR_BEFORE_LOW = lowered(_ACTOR_BEFORE)
_ACTOR_AFTER_LOW = lowered(_ACTOR_AFTER)
_LOCATIVE_LOW = lowered(_LOCATIVE)
_IRREALIS_LOW = lowered(_IRREALIS)
_ANAPHORIC_DATE_LOW = lowered(_ANAPHORIC_DATE)


def _clause_bounds(sentence: str, rel_start: int, rel_end: int) -> tuple[int, int]:
    """The (start, end) in ``sentence`` of the clause that holds ``rel_start:rel_end``."""
    start, end = 0, len(sentence)
    for m in _CLAUSE_STOP.finditer(sentence):
        if m.end() <= rel_start:
            start = m.end()
        elif m.start() >= rel_end:
            end = m.start()
            break
    return start, end


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
    # where the first literal of each pattern starts: no match starts more than its lead
    # before (a match holds a literal, the first or a later one)
    first: dict[str, int] = {}
    for end, (length, names) in _TRIGGERS.iter(low):
        start = end - length + 1
        for name in names:
            if start < first.get(name, start + 1):
                first[name] = start
    if not first:
        return ()
    # a search from a position sees the character before it (``\b``): the same matches
    # from there on
    return tuple(
        name
        for name, pat in _LOWERED.items()
        if name in first and pat.search(low, max(0, first[name] - _LEADS.get(name, first[name])))
    )


def casualty_counts(sentence: str) -> tuple[int | None, int | None]:
    """(killed, wounded) counts a sentence states, or None where it states none."""
    return _casualties(sentence, ascii_lower(sentence))


def _casualties(sentence: str, low: str | None) -> tuple[int | None, int | None]:
    """``casualty_counts(sentence)``; ``low`` is ``ascii_lower(sentence)``."""
    killed = wounded = None
    lower = sentence.lower() if low is None else low
    # cheap tests first, the count patterns are slow: every match of ``_KILLED`` holds
    # "killed", "dead" or "died", and of ``_WOUNDED`` "wounded", "injured" or "hurt" (in
    # a lowered sentence as they are; ``re.IGNORECASE`` may match them otherwise)
    kill = "kill" in lower or "dead" in lower or "died" in lower
    wound = "wound" in lower or "injur" in lower or "hurt" in lower
    if not (kill or wound):
        return None, None
    # the lowered patterns on the lowered sentence: the same matches, groups in lower case
    text, killed_re, wounded_re = (
        (sentence, _KILLED, _WOUNDED) if low is None else (low, _KILLED_LOW, _WOUNDED_LOW)
    )
    for m in killed_re.finditer(text) if kill or low is None else ():
        n = _number(m.group(1))
        if n is not None:
            killed = (killed or 0) + n
    for m in wounded_re.finditer(text) if wound or low is None else ():
        n = _number(m.group(1) or m.group(2))
        if n is not None:
            wounded = (wounded or 0) + n
    return killed, wounded


def _is_actor(
    sentence: str, rel_start: int, rel_end: int, place_type: str, low: str | None = None
) -> bool:
    """Whether the place at ``rel_start:rel_end`` of ``sentence`` is an actor, not where
    something happened; ``low`` is ``ascii_lower(sentence)``, if known."""
    # the lowered patterns on the lowered text: the same matches (``geomap.asciifold``)
    text, before_re, after_re, locative_re = (
        (sentence, _ACTOR_BEFORE, _ACTOR_AFTER, _LOCATIVE)
        if low is None
        else (low, _ACTOR_BEFORE_LOW, _ACTOR_AFTER_LOW, _LOCATIVE_LOW)
    )
    before = text[max(0, rel_start - 30) : rel_start]
    after = text[rel_end : rel_end + 30]
    if before_re.search(before):
        return True
    if after_re.match(after):
        return True
    if place_type == "country" and not locative_re.search(before):
        return True  # countries are actors unless something happened *in* them
    return False


def _irrealis(sentence: str, low: str | None, rel_start: int, rel_end: int) -> bool:
    """Whether the clause of ``sentence`` that holds ``rel_start:rel_end`` is about what
    is planned, hoped for or hypothetical; ``low`` is ``ascii_lower(sentence)``."""
    start, end = _clause_bounds(sentence, rel_start, rel_end)
    if low is None:
        return _IRREALIS.search(sentence[start:end]) is not None
    # the clause of the lowered sentence is the lowered clause, as far as an ASCII pattern
    # can tell (only a final sigma may lower otherwise, a letter either way)
    return _IRREALIS_LOW.search(low[start:end]) is not None


def _anaphoric(body: str, s_start: int, s_end: int, low: str | None) -> bool:
    """Whether the sentence ``body[s_start:s_end]`` is dated "on that day" or "the same
    day"; ``low`` is its ``ascii_lower``."""
    if low is None:
        return bool(_ANAPHORIC_DATE.search(body, s_start, s_end))
    if "that" not in low and "same" not in low:
        return False  # every match holds one of them
    if s_start and (body[s_start - 1].isalnum() or body[s_start - 1] == "_"):
        # a search from ``s_start`` sees the word character before it (``\b``): a
        # sentence cut inside a word is searched as it always was
        return bool(_ANAPHORIC_DATE.search(body, s_start, s_end))
    return _ANAPHORIC_DATE_LOW.search(low) is not None


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
    per_sentence: dict[
        int, tuple[tuple[str, ...], tuple[int | None, int | None], str, bool, str | None]
    ] = {}
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
            cached = per_sentence[s_start] = (
                _event_types(sentence, low),
                _casualties(sentence, low),
                " ".join(sentence.split()),
                _anaphoric(article.body, s_start, s_end, low),
                low,
            )
        types, (killed, wounded), flat, anaphoric, low = cached
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
            and not _is_actor(sentence, rel_start, rel_end, res.place.place_type, low)
            and not _irrealis(sentence, low, rel_start, rel_end)
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
