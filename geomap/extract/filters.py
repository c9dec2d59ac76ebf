"""The rules that tell a place name from a person's, an organisation's or a common word's.

``find_toponyms`` (``geomap.extract.find``) finds the runs of words that name a place of
the gazetteer; these rules then decide, from the words around a run and what its candidate
places are, whether the text uses it as a place here: "Vladimir Zainetdinov", "OSCE Minsk
Group", "Marburg virus", "Nelson said" and a capitalised "Union" are not places. The words
they read are in ``geomap.extract.wordlists``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from geomap.extract.tokens import Words, all_caps, starts_sentence
from geomap.extract.wordlists import (
    DISEASE_WORDS,
    DIVISION_WORDS,
    FUNCTION_WORDS,
    MODIFIERS,
    NAMED_AFTER,
    NEVER_PLACES,
    ORG_HEADS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLES,
)
from geomap.gazetteer import Candidate, Gazetteer, derived
from geomap.names import name_key

__all__ = [
    "Traits",
    "traits_of",
    "own_spelling",
    "primary_only",
    "only_function_words",
    "only_modifiers",
    "after_party",
    "possessive_inside",
    "after_abbreviation",
    "beside_ampersand",
    "title_case",
    "person_words",
    "names_a_place",
]

_VOWELS = frozenset("aeiouy")


class Traits:
    """What the extraction rules ask of a name's candidates, computed once per candidates
    tuple (see ``traits_of``)."""

    __slots__ = ("strong", "countryish", "country", "famous", "major")

    def __init__(self, cands: Sequence[Candidate]) -> None:
        primary = [c.place for c in cands if c.primary]
        #: a country, region, historical entity or first-level area, or a town of 100,000,
        #: by its own spelling
        self.strong = any(
            p.place_type in ("country", "region", "historical", "admin1") or p.population >= 100_000
            for p in primary
        )
        #: by its own spelling, a country, a region or a historical entity
        self.countryish = any(p.place_type in ("country", "region", "historical") for p in primary)
        #: by its own spelling, a country
        self.country = any(p.place_type == "country" for p in primary)
        #: so well known as a place that a person sharing it does not hide it: a country
        #: or region, a first-level division of half a million, or a city of a million
        #: ("Jordan", "Georgia", "Houston"; not "Flores", a department of Uruguay of 23,000)
        self.famous = any(
            p.place_type in ("country", "region", "historical")
            or (p.place_type == "admin1" and p.population >= 500_000)
            or (p.place_type == "populated_place" and p.population >= 1_000_000)
            for p in primary
        )
        #: any candidate is a national capital or a place of a million (by any spelling)
        self.major = any(c.capital or c.place.population >= 1_000_000 for c in cands)


def traits_of(cands: tuple[Candidate, ...], memo: dict[Any, Any]) -> Traits:
    """The ``Traits`` of a candidates tuple, kept for the process in ``memo``
    (``Gazetteer.memo``)."""
    return derived(memo, "traits", cands, Traits)


def own_spelling(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The candidates named by their own spelling."""
    return tuple(c for c in cands if c.primary)


def primary_only(cands: tuple[Candidate, ...], memo: dict[Any, Any]) -> tuple[Candidate, ...]:
    """``own_spelling(cands)``, kept in ``memo`` as ``traits_of`` is (so the same name gives
    the same tuple, whose traits are then kept too)."""
    return derived(memo, "primary", cands, own_spelling)


def only_function_words(words: Sequence[str], a: int, b: int) -> bool:
    """True when words a..b-1 (none at all, or "The") are all function words."""
    return all(words[m].lower() in FUNCTION_WORDS for m in range(a, b))


def only_modifiers(words: Sequence[str], left: int, i: int) -> bool:
    """True when every word from ``left`` to before ``i`` is a place modifier ("North")."""
    return all(
        words[m].lower() in MODIFIERS or words[m].lower() in FUNCTION_WORDS for m in range(left, i)
    )


def after_party(text: str, toks: Words, k: int) -> bool:
    """True when word ``k`` follows a party letter and a hyphen ("D-Charleston")."""
    return (
        k > 0
        and toks.words[k - 1] in ("D", "R", "I")
        and text[toks.ends[k - 1] : toks.starts[k]] == "-"
    )


def possessive_inside(text: str, toks: Words, k: int) -> bool:
    """True when word ``k`` is the "s" of a possessive ("People's") with a capitalised word
    joined after it: a possessive inside a longer proper name."""
    starts, ends = toks.starts, toks.ends
    return (
        0 < k < len(starts) - 1
        and text[ends[k - 1] : starts[k]] in ("'", "’")
        and toks.caps[k + 1]
        and toks.joined[k + 1]
    )


def after_abbreviation(text: str, toks: Words, a: int, b: int) -> bool:
    """True when word ``b`` follows word ``a``, a title or an initial written with a full
    stop: "Capt. Roy", "Mr. Jones", "Roy A. Nelson"."""
    if text[toks.ends[a] : toks.starts[b]] != ". ":
        return False
    word, after = toks.words[a], toks.words[b]
    if len(word) == 1:
        # an initial before a surname, not a state abbreviation ("D-W. Va.")
        end = toks.ends[b]
        return word.isupper() and len(after) >= 3 and text[end : end + 1] != "."
    return word.lower() in TITLE_ABBREVIATIONS


def beside_ampersand(text: str, toks: Words, i: int, j: int) -> bool:
    """True when words i..j are joined by "&" to a capitalised word on either side."""
    n = len(toks.words)
    after = j + 1 < n and text[toks.ends[j] : toks.starts[j + 1]].strip() == "&"
    before = i > 0 and text[toks.ends[i - 1] : toks.starts[i]].strip() == "&"
    return (after and toks.caps[j + 1]) or (before and toks.caps[i - 1])


def title_case(toks: Words, left: int, right: int) -> bool:
    """True when the words around a sequence are mostly capitalised (a Title Case line)."""
    words, caps = toks.words, toks.caps
    content = capitalised = 0
    for k in range(max(0, left - 4), min(len(words), right + 5)):
        if words[k].lower() not in FUNCTION_WORDS:
            content += 1
            capitalised += caps[k]
    return content >= 4 and capitalised >= 0.8 * content


def person_words(
    text: str,
    toks: Words,
    ends_of: dict[int, list[tuple[int, str]]],
    found: dict[str, tuple[Candidate, ...]],
    windows: dict[tuple[int, int], str],
    memo: dict[Any, Any],
) -> set[str]:
    """Name keys the document uses as people's names: "Bob Jones", "Mr. Jones".

    A capitalised word is a surname here when a title comes before it, or when it ends a
    pair of capitalised words that is not itself a place and whose first word is neither a
    place nor a place modifier. ``ends_of`` and ``windows`` are ``find_toponyms``'s: the
    windows of the capitalised words that may start a name, by start word and by span.
    """
    words, ends, caps, joined = toks.words, toks.ends, toks.caps, toks.joined
    people: set[str] = set()
    for k, reach in ends_of.items():  # the capitalised words, with their windows' keys
        key = reach[0][1]
        if k == 0 or key not in found:
            continue
        if words[k].isupper() and all_caps(words[k]):
            continue
        # the gap ". " is the only one after an abbreviation, and never a joined one
        if text.startswith(". ", ends[k - 1]):
            abbreviated = after_abbreviation(text, toks, k - 1, k)
            if not abbreviated:
                continue
        elif joined[k]:
            abbreviated = False
        else:
            continue
        if after_party(text, toks, k):
            continue
        if abbreviated and len(words[k - 1]) == 1:
            if k >= 2 and caps[k - 2] and joined[k - 1]:
                people.add(key)  # "Roy A. Nelson"
            continue
        pword = words[k - 1].lower().rstrip(".")
        if pword in TITLES and pword not in ("said", "says", "told", "according"):
            people.add(key)
            continue
        if (
            not caps[k - 1]
            or (words[k - 1].isupper() and all_caps(words[k - 1]))
            or pword in FUNCTION_WORDS
        ):
            continue
        if pword in MODIFIERS or pword in NEVER_PLACES or pword in ORG_HEADS:
            continue
        pair = windows.get((k - 1, k))
        if pair is not None and pair in found:
            continue  # "New York", "Fort Worth"
        pkey = windows.get((k - 1, k - 1))
        if pkey is not None and pkey in found and traits_of(found[pkey], memo).strong:
            continue  # "Baku Azerbaijan", "Paris Texas"
        if k + 1 < len(words) and caps[k + 1] and joined[k + 1]:
            continue  # longer sequences are judged by their own rules
        people.add(key)
    return people


def names_a_place(
    text: str,
    toks: Words,
    i: int,
    j: int,
    key: str,
    cands: tuple[Candidate, ...],
    gazetteer: Gazetteer,
    bounds: Sequence[tuple[int, int]],
    word_set: set[str],
) -> bool:
    """Decide whether words i..j (whose ``name_key`` is ``key``) name a place here (True)
    or something else (False), in a text of sentences ``bounds`` and words ``word_set``.
    ``find_toponyms`` has already turned down the words that are never places (``NEVER_PLACES``)
    and demonyms."""
    words, ends, caps, joined = toks.words, toks.ends, toks.caps, toks.joined
    n = len(words)
    traits = traits_of(cands, gazetteer.memo)
    strong = traits.strong
    single = i == j
    word = words[i]
    if text.startswith("$", ends[j]):
        return False  # a currency: "US$460 million", "HK$"
    if single and not strong and "&" in text and beside_ampersand(text, toks, i, j):
        return False  # a firm: "Stevens & Wilkinson", "McPherson & Jacobsen LLC"
    # acronyms and all-caps words: only well-known names (US, UK, USSR, MOSCOW); (an
    # all-caps word is upper case: the cheap test first)
    shouting = single and word.isupper() and all_caps(word)
    if shouting:
        letters = sum(c.isalpha() for c in word)
        if letters <= 4:
            if not traits.countryish and not (
                # "D.C.": a dotted abbreviation of a city; "NSW", "QLD": letters without a
                # vowel spell no word or name, only an abbreviation of a region
                ("." in word or (letters >= 3 and not _VOWELS.intersection(word.lower())))
                and strong
            ):
                return False
        elif not strong:
            return False
    # the word also written in lower case in the text
    word_lower = word.lower()
    lowered = single and word_lower in word_set and word_lower.islower()
    # capitalised common words ("Union", "Secretary", "From")
    if single and (key in gazetteer.common_words or lowered):
        if not traits.countryish and (not strong or starts_sentence(toks, bounds, i) or lowered):
            return False
    # plurals of common words ("Cases", "Mines") unless the place is a well-known one, or the
    # word is capitalised where only a name would be ("in Ames, Iowa")
    if (
        single
        and not strong
        and key in gazetteer.plural_words
        and (starts_sentence(toks, bounds, i) or lowered or title_case(toks, i, j))
    ):
        return False
    # the capitalised sequence around the name: persons and organisations
    left = i
    while left > 0 and caps[left - 1] and joined[left]:
        left -= 1
    if left == i - 1 and after_party(text, toks, i):
        left = i  # "Rep. Wendell Gilliard, D-Charleston": the legislator's home town
    right = j
    while right + 1 < n and caps[right + 1] and joined[right + 1]:
        right += 1
    before = words[i - 1].lower().rstrip(".") if i > 0 else ""
    abbreviated = (
        i > 0 and text.startswith(". ", ends[i - 1]) and after_abbreviation(text, toks, i - 1, i)
    )
    if i > 0 and before in TITLES and (abbreviated or joined[i]):
        return False  # "Minister Sergey", "Mayor Jackson", "Capt. Roy"
    if abbreviated and i >= 2 and len(words[i - 1]) == 1 and caps[i - 2] and joined[i - 1]:
        return False  # "Roy A. Nelson", "George W. Bush"
    if (
        single
        and j + 1 < n
        and words[j + 1] in SPEECH_VERBS
        and joined[j + 1]
        and not traits.countryish
        and not traits.major
    ):
        return False  # "Nelson said": a capital speaks for a government, a town does not
    if j + 1 < n and words[j + 1].lower() in DISEASE_WORDS and not traits.country:
        return False  # "Marburg virus", "West Nile fever"; not "the United States flu season"
    for k in range(j + 1, right + 1):
        after = words[k].lower().rstrip(".")
        if after in NAMED_AFTER:
            return False  # "Minsk Group", "Geneva Convention", "Washington Post"
        if after in ORG_HEADS or after in TITLES or after in DIVISION_WORDS:
            if k == j + 1 or all(words[m].lower() in ORG_HEADS or caps[m] for m in range(j + 1, k)):
                # an institution or office of the place: "Texas Department of Health",
                # "Ohio Supreme Court", "Gainesville Police", "U.S. Attorney", "Tovuz Rayon"
                return only_modifiers(words, left, i)
            break
    if shouting and only_function_words(words, left, i) and traits.country:
        # a country's code names no person: "U.S. Centers for Disease Control", "the
        # outbreak in the U.S. Jon Prinsell said"
        return True
    if right == j and (left == i or only_modifiers(words, left, i)):
        return True  # alone, or after modifiers only: "Northeast Georgia", "Greater London"
    others = [k for k in range(left, right + 1) if k < i or k > j]
    for k in range(left, i):
        lower = words[k].lower()
        if lower in TITLES or lower in ORG_HEADS:
            return False  # "Secretary General Antonio", "Council Minsk"
    headline = title_case(toks, left, right)
    for k in others:
        other = words[k]
        okey = name_key(other)
        if okey in FUNCTION_WORDS or okey in NEVER_PLACES:
            continue
        if okey in gazetteer.common_words and (
            headline or k < i and starts_sentence(toks, bounds, k)
        ):
            continue
        if gazetteer.demonym_country(other) is not None:
            continue
        if other.lower() in TITLES or other.lower() in DIVISION_WORDS:
            continue
        ocands = gazetteer.lookup(other)
        if any(c.primary and c.place.place_type in ("country", "region") for c in ocands):
            continue  # "Baku Azerbaijan" in a headline
        # any other capitalised word beside it makes a name of something else:
        # "Vladimir Zainetdinov", "Stanislav Zas", "Florence Martin"
        return False
    return True
