"""Toponym recognition: find the spans of an article that name places in the gazetteer."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, compress
from operator import itemgetter
from typing import Any

from geomap.gazetteer import MEMO_LIMIT, Candidate, Gazetteer, derived, remember
from geomap.models import Article, Place, direct_init
from geomap.names import name_key

try:  # the compiled lexer (geomap/_lexer.pyx), when geomap was built with a C compiler
    from geomap import _lexer
except ImportError:  # pragma: no cover - exercised where no compiler was available
    _lexer = None  # type: ignore[assignment]

__all__ = ["Span", "Token", "tokenize", "sentences", "find_toponyms", "MAX_NAME_TOKENS"]

#: Longest place name, in tokens, looked up in the gazetteer.
MAX_NAME_TOKENS = 7

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., D.C., U.S.S.R.
    r"|(?:St|Mt|Ft)\.(?=\s+[A-Z])"  # St. Louis
    r"|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*"  # O'Connor; "Dublin's" -> Dublin + 's
)
#: Lower-case words that may sit inside a multi-word place name.
_CONNECTORS = frozenset(
    "of de del della di da do dos das du des la le les el al am im an der den upon on sur "
    "en y and i the au aux los las lès zu ob nad pod under op aan".split()
)
#: An elided article before a capitalised word: "d'Ivoire", "d'Alene", "l'Aquila".
_ELIDED = re.compile(r"[dlDL]['’][A-Z]")
#: Words after a name that say it is an administrative area ("Absheron district").
DIVISION_WORDS = frozenset(
    "district districts province region oblast rayon county parish state governorate "
    "prefecture municipality department canton voivodeship krai okrug territory".split()
)
#: Words that, after a place name in a capitalised sequence, make it an organisation's name.
_ORG_HEADS = frozenset(
    "group ministry organization organisation council committee commission agency party "
    "university college school bank company corporation inc ltd llc association federation "
    "forces army navy police department office court times post journal news herald tribune "
    "agreement convention treaty protocol accords accord institute foundation fund airlines "
    "airways club fc united hospital stadium summit declaration process format talks "
    "conference assembly parliament senate congress government administration service "
    "services centre center network radio television tv press mission embassy consulate "
    "company's house legislature patrol prosecutor prosecutors auditor coroner utilities "
    "society museum division census bureau board authority rangers ranger project library "
    "zoo theatre theater orchestra symphony chamber clerk treasurer assessor commissioner "
    "commissioners".split()
)
#: Organisation heads whose name only recalls a place ("OSCE Minsk Group", "Geneva
#: Conventions", "Washington Post"): the place is not mentioned as a place.
_NAMED_AFTER = frozenset(
    "group agreement agreements convention conventions treaty protocol accords accord "
    "declaration process format talks summit times post journal herald tribune gazette "
    "globe chronicle fc united airlines airways club".split()
)
#: Lower-case words after a place that make it the name of a disease ("Marburg virus").
_DISEASE_WORDS = frozenset(
    "virus viruses fever flu influenza disease syndrome strain variant hemorrhagic "
    "haemorrhagic ebolavirus encephalitis".split()
)
#: Words that may sit before a place name without making a person's or an
#: organisation's name of it ("Northeast Georgia", "Greater London").
_MODIFIERS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern "
    "eastern western central upper lower greater downtown metro metropolitan rural "
    "suburban inner outer new old acting former interim".split()
)
#: Words that, before a capitalised sequence, make it a person's name.
_TITLES = frozenset(
    "mr mrs ms miss dr prof president minister secretary general spokesman spokeswoman "
    "spokesperson ambassador envoy senator sen rep gov governor mayor judge justice prince "
    "princess king queen pope sheikh chancellor premier chairman chairwoman chair director "
    "commander lt col capt sgt cpl officer coach rev father sister brother saint leader "
    "chief counterpart deputy colleague reporter correspondent analyst professor sir lord "
    "lady dame emir sultan ayatollah imam bishop archbishop cardinal patriarch mufti "
    "pastor detective inspector sheriff trooper attorney lawyer actor actress singer "
    "player striker midfielder defender goalkeeper manager ceo founder author writer "
    "editor said says told according".split()
)
#: Verbs of speech: a name right before one is a speaker ("Nelson said").
_SPEECH = frozenset("said says told added explained noted wrote recalled testified".split())
#: Titles written shortened with a full stop before a name ("Capt. Roy", "Sen. Byrd").
_TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen sens rep reps gov lt col capt sgt cpl gen maj adm cmdr det insp "
    "supt rev fr pres atty".split()
)
#: Capitalised words that are never places on their own.
_NEVER = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday god lord christmas easter "
    "i we you he she it they the a an this that these those dr mr mrs ms prof gen sen rep "
    "gov lt col sgt capt north south east west northern southern eastern western central "
    "jan feb mar apr jun jul aug sep sept oct nov dec ive im ill id youve weve theyve "
    "olympic olympics jesus christ".split()
) | frozenset({"white house", "the city", "the state", "the country", "city hall", "the capital"})
#: Small words that may be capitalised at a sentence start without naming anything.
_FUNCTION_WORDS = frozenset(
    "the a an in on at from to of for by with and or but as since after before during when "
    "while if then so yet this that these those its his her their our my your it he she they "
    "we i you there here what which who whom whose both all some many most more also only "
    "even just still now today meanwhile however although though because between among "
    "across into over under near about against via per than no not every each other "
    "another such last next following according despite amid until unless where whether "
    "how why one two three".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9•])|\n\s*\n|\n(?=\s*[•\-*])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st mt ft gen col lt sgt capt gov sen rep jan feb mar apr jun jul aug sep "
    "sept oct nov dec no vs etc inc ltd co corp jr sr prof".split()
)


#: US states (and the District of Columbia) by their postal code and their AP-style
#: abbreviation (``Ga.``, ``W.Va.``, ``D.C.``), as news writes them after a town:
#: "Gainesville, Ga.", "Charleston, W.Va.", "Austin, TX", "Washington, D.C.".
US_STATES: dict[str, tuple[str, str]] = {
    "AL": ("Alabama", "Ala"), "AK": ("Alaska", "Alaska"), "AZ": ("Arizona", "Ariz"),
    "AR": ("Arkansas", "Ark"), "CA": ("California", "Calif"), "CO": ("Colorado", "Colo"),
    "CT": ("Connecticut", "Conn"), "DE": ("Delaware", "Del"), "FL": ("Florida", "Fla"),
    "GA": ("Georgia", "Ga"), "HI": ("Hawaii", "Hawaii"), "ID": ("Idaho", "Idaho"),
    "IL": ("Illinois", "Ill"), "IN": ("Indiana", "Ind"), "IA": ("Iowa", "Iowa"),
    "KS": ("Kansas", "Kan"), "KY": ("Kentucky", "Ky"), "LA": ("Louisiana", "La"),
    "ME": ("Maine", "Maine"), "MD": ("Maryland", "Md"), "MA": ("Massachusetts", "Mass"),
    "MI": ("Michigan", "Mich"), "MN": ("Minnesota", "Minn"), "MS": ("Mississippi", "Miss"),
    "MO": ("Missouri", "Mo"), "MT": ("Montana", "Mont"), "NE": ("Nebraska", "Neb"),
    "NV": ("Nevada", "Nev"), "NH": ("New Hampshire", "N.H"), "NJ": ("New Jersey", "N.J"),
    "NM": ("New Mexico", "N.M"), "NY": ("New York", "N.Y"), "NC": ("North Carolina", "N.C"),
    "ND": ("North Dakota", "N.D"), "OH": ("Ohio", "Ohio"), "OK": ("Oklahoma", "Okla"),
    "OR": ("Oregon", "Ore"), "PA": ("Pennsylvania", "Pa"), "RI": ("Rhode Island", "R.I"),
    "SC": ("South Carolina", "S.C"), "SD": ("South Dakota", "S.D"), "TN": ("Tennessee", "Tenn"),
    "TX": ("Texas", "Texas"), "UT": ("Utah", "Utah"), "VT": ("Vermont", "Vt"),
    "VA": ("Virginia", "Va"), "WA": ("Washington", "Wash"), "WV": ("West Virginia", "W.Va"),
    "WI": ("Wisconsin", "Wis"), "WY": ("Wyoming", "Wyo"), "DC": ("District of Columbia", "D.C"),
}  # fmt: skip
_AP_TO_STATE = {ap.replace(".", ""): name for name, ap in US_STATES.values() if ap != name}
_AP_TO_STATE["Tex"] = "Texas"
_POSTAL_TO_STATE = {code: name for code, (name, _ap) in US_STATES.items()}
#: A state abbreviated in two dotted parts, which nothing else is: "W.Va.", "W. Va.", "N.Y."
#: The match starts at the first full stop, the capital before it checked by a look-behind
#: (``re`` then skips ahead to full stops, which are fewer than capitals: 7x faster); the
#: abbreviation is ``text[m.start() - 1 : m.end() - 1]``.
_STATE_TWO_PARTS = re.compile(r"\.(?<=(?<![\w.])[A-Z]\.)[ \t]?[A-Z][a-z]{0,3}\.")
#: A state after a town: ", Ga.", ", TX". The look-behind comes after the comma (same
#: matches), so ``re`` skips ahead to commas: 4-10x faster.
_STATE_AFTER_TOWN = re.compile(
    r",(?<=[A-Za-z.],)[ \t]+(?:"
    r"(?P<ap>(?:[A-Z]\.[ \t]?[A-Z][a-z]?|[A-Z][a-z]{1,4}))\."
    r"|(?P<postal>[A-Z]{2})(?!\w|\.\w)"
    r")"
)


#: A state after a politician's party letter: "D-S.C.", "R-Texas", "D-W. Va.", "I-VT".
#: The match starts at the hyphen, the party letter before it checked by a look-behind (as
#: ``_STATE_TWO_PARTS``: ``re`` skips ahead to hyphens).
_STATE_AFTER_PARTY = re.compile(
    r"-(?<=(?<![\w-])[DRI]-)(?:"
    r"(?P<full>(?:New |North |South |West |Rhode )?[A-Z][a-z]{3,})(?![\w-])"
    r"|(?P<ap>(?:[A-Z]\.[ \t]?[A-Z][a-z]?|[A-Z][a-z]{1,4}))\."
    r"|(?P<postal>[A-Z]{2})(?!\w|\.\w)"
    r")"
)
_STATE_NAMES = frozenset(name for name, _ap in US_STATES.values())


class Token:
    """A word of the text: ``text[start:end]``, with its case flags computed once."""

    __slots__ = ("start", "end", "text", "capitalised", "all_caps")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.capitalised = text[:1].isupper()
        self.all_caps = self.capitalised and text.isupper() and sum(map(str.isalpha, text)) >= 2

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.start, self.end, self.text) == (
            other.start,
            other.end,
            other.text,
        )

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))


@direct_init
@dataclass(frozen=True)
class Span:
    """A place name found in a text, with the places it may refer to.

    ``start``/``end`` are offsets into the article text; ``surface`` is ``text[start:end]``.
    """

    start: int
    end: int
    surface: str
    candidates: tuple[Candidate, ...]
    sentence: int
    is_dateline: bool = False
    #: a division word right after the name ("district" in "Absheron district"), or None
    qualifier: str | None = None


def tokenize(text: str) -> list[Token]:
    """Split a text into word tokens with their offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


#: ``_TOKEN`` as a splitter (one group): ``split`` gives the gaps and the words in turn,
#: without a match object per word. Written to open with one letter class, so ``re`` scans
#: ahead for a letter instead of trying three alternatives at every character; the
#: alternatives are then told apart by that letter (look-behinds), and the words are the
#: same (``tests/test_properties.py`` compares them with ``_TOKEN``'s).
_SPLIT = re.compile(
    r"([^\W\d_](?:(?<=[A-Z])\.(?:[A-Z]\.)+"  # U.S., D.C.
    r"|(?<=[SMF])t\.(?=\s+[A-Z])"  # St. Louis
    r"|[^\W\d_]*(?:['’](?![sS]\b)[^\W\d_]+)*))"  # O'Connor; "Dublin's" -> Dublin + 's
)
#: ``_SPLIT`` for ASCII texts, where ``[A-Za-z]`` is ``[^\W\d_]`` and ``\b`` means the same
#: in ASCII mode: the same words, faster. ``\s`` in ASCII mode leaves out the separators
#: ``\x1c``-``\x1f``, which are spaces to ``str`` and to ``_SPLIT``: they are added back.
_SPLIT_ASCII = re.compile(
    r"([A-Za-z](?:(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=[SMF])t\.(?=[\s\x1c-\x1f]+[A-Z])"
    r"|[A-Za-z]*(?:['’](?![sS]\b)[A-Za-z]+)*))",
    re.ASCII,
)


class _Words:
    """The words of a text as parallel lists: cheaper than a ``Token`` per word.

    ``words[k]`` is ``text[starts[k]:ends[k]]``; ``caps[k]`` says it is capitalised.
    """

    __slots__ = ("words", "starts", "ends", "caps", "joined")

    def __init__(self, text: str) -> None:
        self.words: list[str]
        self.starts: list[int]
        self.ends: list[int]
        self.caps: list[bool]
        #: ``joined[k]``: words ``k - 1`` and ``k`` are joined (``_joined``); never the first
        self.joined: list[bool]
        split = _split_words if _lexer is None else _lexer.split_words
        self.words, self.starts, self.ends, self.caps, self.joined = split(text)


def _split_words(
    text: str,
) -> tuple[list[str], list[int], list[int], list[bool], list[bool]]:
    """The words of ``text`` by ``_SPLIT``: (words, starts, ends, caps, joined) as
    ``_Words`` holds them; ``_lexer.split_words`` gives the same in one C loop."""
    # gap, word, gap, word, ..., gap: the words' offsets are the running lengths
    parts = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(text)
    offsets = list(accumulate(map(len, parts)))
    words = parts[1::2]
    ends = offsets[1::2]
    starts = offsets[0::2]
    del starts[len(words) :]
    # words are not empty
    caps = list(map(str.isupper, map(_FIRST, words)))
    joined = [False, *(_joined(text, a, b) for a, b in zip(ends, starts[1:], strict=False))]
    return words, starts, ends, caps, joined[: len(words)]


_FIRST = itemgetter(0)


def _all_caps(word: str) -> bool:
    """True for an all-capitals word of two letters or more ("US", "MOSCOW"); as
    ``Token.all_caps``."""
    return word[:1].isupper() and word.isupper() and sum(map(str.isalpha, word)) >= 2


#: ``_SENTENCE_END`` opening with one character class, a stop or a line break, so ``re``
#: skips ahead to those: a match after a stop is group 1 (the stop left out), the others
#: the whole match. The same matches (``tests/test_properties.py``), faster.
_SENTENCE_END_AT = re.compile(
    r"[.!?…\n](?:(?<=[.!?…])([\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9•]))|(?<=\n)\s*\n|(?<=\n)(?=\s*[•\-*]))"
)


def _sentence_ends_re(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each match of ``_SENTENCE_END`` in ``text``, in order;
    ``_lexer.sentence_ends`` gives the same in one C loop."""
    return [m.span(1) if m.start(1) >= 0 else m.span() for m in _SENTENCE_END_AT.finditer(text)]


_sentence_ends = _sentence_ends_re if _lexer is None else _lexer.sentence_ends


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) offsets; abbreviations do not end a sentence."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for at, end in _sentence_ends(text):
        if text[at - 1 : at] == ".":
            before = text[max(start, at - 6) : at].rstrip('."”’)').split()
            word = before[-1].lower().strip('("“') if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        if at > start:
            bounds.append((start, at))
        start = end
    if start < len(text):
        bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _joined(text: str, a_end: int, b_start: int) -> bool:
    """True when a word ending at ``a_end`` and the next, starting at ``b_start``, are
    separated by only one space or a hyphen."""
    gap = text[a_end:b_start]
    return gap in (" ", "-", "‐", "‑", "–") or (gap.isspace() and "\n" not in gap and len(gap) < 3)


_SAINTS = frozenset({"St.", "St", "Saint", "Ste.", "Ste", "Sainte"})


_VOWELS = frozenset("aeiouy")


def _only_function_words(words: Sequence[str], a: int, b: int) -> bool:
    """True when words a..b-1 (none at all, or "The") are all function words."""
    return all(words[m].lower() in _FUNCTION_WORDS for m in range(a, b))


def _after_party(text: str, toks: _Words, k: int) -> bool:
    """True when word ``k`` follows a party letter and a hyphen ("D-Charleston")."""
    return (
        k > 0
        and toks.words[k - 1] in ("D", "R", "I")
        and text[toks.ends[k - 1] : toks.starts[k]] == "-"
    )


def _possessive_inside(text: str, toks: _Words, k: int) -> bool:
    """True when word ``k`` is the "s" of a possessive ("People's") with a capitalised word
    joined after it: a possessive inside a longer proper name."""
    starts, ends = toks.starts, toks.ends
    return (
        0 < k < len(starts) - 1
        and text[ends[k - 1] : starts[k]] in ("'", "’")
        and toks.caps[k + 1]
        and toks.joined[k + 1]
    )


def _after_abbreviation(text: str, toks: _Words, a: int, b: int) -> bool:
    """True when word ``b`` follows word ``a``, a title or an initial written with a full
    stop: "Capt. Roy", "Mr. Jones", "Roy A. Nelson"."""
    if text[toks.ends[a] : toks.starts[b]] != ". ":
        return False
    word, after = toks.words[a], toks.words[b]
    if len(word) == 1:
        # an initial before a surname, not a state abbreviation ("D-W. Va.")
        end = toks.ends[b]
        return word.isupper() and len(after) >= 3 and text[end : end + 1] != "."
    return word.lower() in _TITLE_ABBREVIATIONS


def _sentence_index(bounds: Sequence[tuple[int, int]], offset: int) -> int:
    """The last sentence starting at or before ``offset`` (0 if none does)."""
    return max(0, bisect_right(bounds, offset, key=_FIRST) - 1)


class _Traits:
    """What the extraction rules ask of a name's candidates, computed once per candidates
    tuple (see ``_traits``)."""

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


def _traits(cands: tuple[Candidate, ...], memo: dict[Any, Any]) -> _Traits:
    """The ``_Traits`` of a candidates tuple, kept for the process in ``memo``
    (``Gazetteer.memo``)."""
    return derived(memo, "traits", cands, _Traits)


def _own_spelling(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The candidates named by their own spelling."""
    return tuple(c for c in cands if c.primary)


def _primary_only(cands: tuple[Candidate, ...], memo: dict[Any, Any]) -> tuple[Candidate, ...]:
    """``_own_spelling(cands)``, kept in ``memo`` as ``_traits`` is (so the same name gives
    the same tuple, whose traits are then kept too)."""
    return derived(memo, "primary", cands, _own_spelling)


def _first_words(memo: dict[Any, Any]) -> dict[str, tuple[str, bool, bool]]:
    """What ``_name_starts`` has told of words in this process, kept in ``memo``
    (``Gazetteer.memo``): word -> (its ``name_key``, whether a key of the gazetteer starts
    with it, whether a longer key does)."""
    first_words: dict[str, tuple[str, bool, bool]] | None = memo.get("first_words")
    if first_words is None:
        first_words = memo["first_words"] = {}
    return first_words


def _name_starts(
    word: str, *, gazetteer: Gazetteer, first_words: dict[str, tuple[str, bool, bool]]
) -> tuple[str, bool, bool]:
    """The ``name_key`` of a word, whether a key of the gazetteer starts with it (the key
    itself or a longer one) and whether a longer one does; remembered in ``first_words``.

    A run of words starting with ``word`` has a key that starts with the word's key
    (``name_key`` works letter by letter), so ``find_toponyms`` builds no run from a word no
    key starts with (a quarter of the capitalised words: "Smith", "Inc"), and no run of two
    words or more from one no longer key starts with.
    """
    key = name_key(word)
    hit = (key, *gazetteer.keys_starting(key))
    if len(first_words) > MEMO_LIMIT:
        first_words.clear()
    first_words[word] = hit
    return hit


def _windows(
    text: str,
    words: list[str],
    starts: list[int],
    ends: list[int],
    caps: list[bool],
    joined: list[bool],
    first_words: dict[str, tuple[str, bool, bool]],
    starts_of: Callable[[str], tuple[str, bool, bool]],
    key_of: Callable[[str], str],
    connectors: frozenset[str],
    division_words: frozenset[str],
    max_tokens: int,
) -> tuple[dict[tuple[int, int], str], dict[int, list[tuple[int, str]]]]:
    """Every run of up to ``max_tokens`` words from a capitalised one that may start a name
    of the gazetteer (``first_words``, else ``starts_of``: ``_name_starts``), with its
    lookup key (``key_of``: ``name_key``) — the other runs are never found: the windows by
    (first, last word), and the (last word, key) of each by first word, both in order.

    A run goes on through capitalised words, connectors ("of", "de"), division words and
    elided articles ("d'Ivoire") joined by a space or a hyphen; past the "s" of a
    possessive inside a name ("People's Republic"); it does not end at a connector.
    ``_lexer.name_windows`` gives the same, compiled.
    """
    n = len(words)
    windows: dict[tuple[int, int], str] = {}
    ends_of: dict[int, list[tuple[int, str]]] = {}
    for i in compress(range(n), caps):
        hit = first_words.get(words[i])
        if hit is None:
            hit = starts_of(words[i])
        key, starts_name, starts_longer = hit
        if not starts_name:
            continue
        # a capitalised word is never a (lower-case) connector: it is a window on its own
        windows[(i, i)] = key
        reach = ends_of[i] = [(i, key)]
        if not starts_longer:
            continue
        for j in range(i + 1, min(n, i + max_tokens)):
            word = words[j]
            if (
                word == "s"
                and j < n - 1
                and text[ends[j - 1] : starts[j]] in ("'", "’")
                and caps[j + 1]
                and joined[j + 1]
            ):
                continue  # "People's Republic of China": never a name's end
            if not (
                caps[j]
                or word in connectors
                or word in division_words
                or (word[1:2] in ("'", "’") and _ELIDED.match(word))
            ):
                break
            if not joined[j]:
                break
            if word not in connectors:
                key = windows[(i, j)] = key_of(text[starts[i] : ends[j]])
                reach.append((j, key))
    return windows, ends_of


def find_toponyms(
    article: Article, gazetteer: Gazetteer, *, bounds: Sequence[tuple[int, int]] | None = None
) -> list[Span]:
    """Find the place names of an article and their candidate places.

    Works on ``article.body`` (boilerplate blanked) so offsets are valid in ``article.text``.
    Rejects names that only look like places: people's names ("Vladimir Zainetdinov"),
    organisations ("OSCE Minsk Group"), demonyms ("Azeri") and capitalised common words.

    Parameters
    ----------
    article : Article
        The article.
    gazetteer : Gazetteer
        Where names are looked up.
    bounds : sequence of (start, end), optional
        Sentence boundaries, if already computed.
    """
    text = article.body
    toks = _Words(text)
    if bounds is None:
        bounds = sentences(text)
    if not toks.words or not bounds:
        return []
    words, starts, ends, caps = toks.words, toks.starts, toks.ends, toks.caps
    joined = toks.joined
    n = len(words)
    # (the set of all the words costs less than that of the lower-case ones: no test of
    # each word, and the words' hashes are then kept for the other set look-ups)
    word_set = set(words)
    memo = gazetteer.memo
    first_words = _first_words(memo)
    windows, ends_of = (_windows if _lexer is None else _lexer.name_windows)(
        text,
        toks.words,
        starts,
        ends,
        caps,
        joined,
        first_words,
        partial(_name_starts, gazetteer=gazetteer, first_words=first_words),
        name_key,
        _CONNECTORS,
        DIVISION_WORDS,
        MAX_NAME_TOKENS,
    )
    found = gazetteer.lookup_keys(windows.values())

    spans: list[Span] = []
    dateline = article.dateline
    if dateline is not None:
        cands = gazetteer.lookup(text[dateline.place_start : dateline.place_end])
        if cands:
            spans.append(
                Span(
                    dateline.place_start,
                    dateline.place_end,
                    article.text[dateline.place_start : dateline.place_end],
                    cands,
                    _sentence_index(bounds, dateline.place_start),
                    is_dateline=True,
                )
            )
    people = _person_words(text, toks, ends_of, found, windows, memo)
    taken_until = -1
    for i in ends_of:
        if i <= taken_until:
            continue
        if dateline is not None and dateline.place_start <= starts[i] < dateline.place_end:
            continue
        # the longest window from i that names a place; a lone division word only alone
        best_j = -1
        for j, key in reversed(ends_of[i]):
            if key in found and (j > i or words[j] not in DIVISION_WORDS):
                best_j = j
                break
        if best_j < 0:
            continue
        cands = found[key]
        if i == best_j and len(words[i]) <= 3:
            # a name of one to three letters only by its own spelling: "Lu" and "Jin" are
            # people, not Luzhou and Tsu by one of their alternate names
            cands = _primary_only(cands, memo)
            if not cands:
                taken_until = best_j
                continue
        if key in _NEVER or gazetteer.demonym_of_key(key) is not None:
            taken_until = best_j
            continue  # months, pronouns, demonyms: never a place ("We", "March", "Azeri")
        keep = _keep(text, toks, i, best_j, key, cands, gazetteer, bounds, word_set)
        if keep and words[i] in _SAINTS and best_j + 1 < n and words[best_j + 1] == "s":
            # "St. Peter's Square", "St. Mary's Hospital": named after the saint, not a place
            keep = not _possessive_inside(text, toks, best_j + 1)
        if keep and i == best_j and key in people and not _traits(cands, memo).famous:
            keep = False  # "Jones said" after "Bob Jones": one sense per document
        taken_until = best_j
        if not keep:
            continue
        qualifier = None
        if best_j + 1 < n and words[best_j + 1].lower() in DIVISION_WORDS:
            if joined[best_j + 1]:
                qualifier = words[best_j + 1].lower()
        elif (
            i >= 2
            and words[i - 1] == "of"
            and words[i - 2] in DIVISION_WORDS  # lower case: "the state of Washington"
            and joined[i - 1]
            and joined[i]
        ):
            qualifier = words[i - 2]
        start, end = starts[i], ends[best_j]
        spans.append(
            Span(
                start,
                end,
                article.text[start:end],
                cands,
                _sentence_index(bounds, start),
                qualifier=qualifier,
            )
        )
    spans.extend(_towns_before_regions(article, toks, bounds, spans, gazetteer, people))
    states = _state_abbreviations(article, toks, bounds, spans, gazetteer)
    if states:
        spans = [s for s in spans if not any(a.start <= s.start and s.end <= a.end for a in states)]
        spans.extend(states)
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def _state_abbreviations(
    article: Article,
    toks: _Words,
    bounds: Sequence[tuple[int, int]],
    spans: Sequence[Span],
    gazetteer: Gazetteer,
) -> list[Span]:
    """US states written as abbreviations after a town ("Gainesville, Ga.", "Austin, TX") or
    after a politician's party ("Rep. Jim Clyburn, D-S.C.", "Sen. John Cornyn, R-Texas")."""
    text = article.body
    found: list[tuple[str | None, int, int]] = [
        _state_named(m) for m in _STATE_AFTER_PARTY.finditer(text)
    ]
    if "." in text:
        for m in _STATE_TWO_PARTS.finditer(text):
            ap = text[m.start() - 1 : m.end() - 1]  # from the capital before the match
            found.append((_AP_TO_STATE.get(re.sub(r"[.\s]", "", ap)), m.start() - 1, m.end()))
    unnamed: dict[int, int] = {}  # a state's start -> where its unrecognised town ends
    for m in _STATE_AFTER_TOWN.finditer(text):
        name, start, end = _state_named(m)
        if any(
            s.start < end and start < s.end and not (start <= s.start and s.end <= end)
            for s in spans
        ):
            continue
        # the town before the comma must be a place name found here, unless the state is
        # written the AP way, which nothing else is ("Greenwood, W. Va.")
        if any(0 <= m.start() - s.end <= 1 for s in spans):
            found.append((name, start, end))
        elif m["ap"] and _capitalised_before(text, m.start()):
            found.append((name, start, end))
            unnamed[start] = m.start()
    out: list[Span] = []
    seen: set[int] = set()
    for name, start, end in found:
        if name not in _STATE_NAMES or start in seen:
            continue
        seen.add(start)
        memo_key = ("us_state", name)
        cands = gazetteer.memo.get(memo_key)
        if cands is None:
            # kept (as the other per-name tuples are), so every mention of the state shares
            # one tuple and what later stages keep by it (``Gazetteer.memo``) does not grow
            # with the corpus
            cands = tuple(
                c
                for c in gazetteer.lookup(name)
                if c.place.place_type == "admin1" and c.place.country_code == "US"
            )
            remember(gazetteer.memo, memo_key, cands)
        if cands:
            out.append(
                Span(start, end, article.text[start:end], cands, _sentence_index(bounds, start))
            )
            if start in unnamed:
                town = _town_in_area(
                    article, toks, bounds, unnamed[start], [cands[0].place], gazetteer
                )
                if town is not None:
                    out.append(town)
    return out


def _towns_before_regions(
    article: Article,
    toks: _Words,
    bounds: Sequence[tuple[int, int]],
    spans: Sequence[Span],
    gazetteer: Gazetteer,
    people: set[str],
) -> list[Span]:
    """Towns written before ", Region" that the word rules turned down ("Nice, France",
    "Normal, Illinois"): the capitalised words before the comma, looked up among the towns
    of the country or first-level area the region can be."""
    text = article.body
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
        town = _town_in_area(article, toks, bounds, comma, areas, gazetteer, people)
        if town is not None:
            out.append(town)
    return out


def _beside_ampersand(text: str, toks: _Words, i: int, j: int) -> bool:
    """True when words i..j are joined by "&" to a capitalised word on either side."""
    n = len(toks.words)
    after = j + 1 < n and text[toks.ends[j] : toks.starts[j + 1]].strip() == "&"
    before = i > 0 and text[toks.ends[i - 1] : toks.starts[i]].strip() == "&"
    return (after and toks.caps[j + 1]) or (before and toks.caps[i - 1])


def _capitalised_before(text: str, at: int) -> bool:
    """True when the word ending at ``text[at]`` is capitalised ("Greenwood" before ",")."""
    k = at
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "'’.-"):
        k -= 1
    return k < at and text[k].isupper()


def _town_in_area(
    article: Article,
    toks: _Words,
    bounds: Sequence[tuple[int, int]],
    comma: int,
    areas: Sequence[Place],
    gazetteer: Gazetteer,
    people: set[str] | None = None,
) -> Span | None:
    """The town written before ``text[comma]`` ("Greenwood" in "Greenwood, W. Va."), with
    only its candidates inside one of ``areas`` (a country, or a first-level area): the
    longest run of up to three capitalised words ending there, not a person's name."""
    text = article.body
    starts, ends, caps = toks.starts, toks.ends, toks.caps
    joined = toks.joined
    last = bisect_left(ends, comma)
    if last == len(ends) or ends[last] != comma or not caps[last]:
        return None
    first = last
    while first > 0 and last - first < 2 and caps[first - 1] and joined[first]:
        first -= 1
    for k in range(first, last + 1):
        start = starts[k]
        key = name_key(text[start:comma])
        if people and key in people:
            return None
        # kept per name and areas, as the state tuples of ``_state_abbreviations`` are
        memo_key = ("town_in", key, tuple((a.country_code, a.place_type, a.admin1) for a in areas))
        cands = gazetteer.memo.get(memo_key)
        if cands is None:
            cands = tuple(
                c
                for c in gazetteer.lookup(text[start:comma])
                if c.primary
                and c.place.place_type == "populated_place"
                and any(
                    c.place.country_code == a.country_code
                    and (a.place_type == "country" or c.place.admin1 == a.admin1)
                    for a in areas
                )
            )
            remember(gazetteer.memo, memo_key, cands)
        if cands:
            return Span(
                start, comma, article.text[start:comma], cands, _sentence_index(bounds, start)
            )
    return None


def _state_named(m: re.Match[str]) -> tuple[str | None, int, int]:
    """The state a ``_STATE_AFTER_*`` match names (None if no state) and its offsets."""
    if m.groupdict().get("full"):
        return m["full"], m.start("full"), m.end("full")
    if m["ap"]:
        return _AP_TO_STATE.get(re.sub(r"[.\s]", "", m["ap"])), m.start("ap"), m.end("ap") + 1
    return _POSTAL_TO_STATE.get(m["postal"]), m.start("postal"), m.end("postal")


def _person_words(
    text: str,
    toks: _Words,
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
        if words[k].isupper() and _all_caps(words[k]):
            continue
        # the gap ". " is the only one after an abbreviation, and never a joined one
        if text.startswith(". ", ends[k - 1]):
            abbreviated = _after_abbreviation(text, toks, k - 1, k)
            if not abbreviated:
                continue
        elif joined[k]:
            abbreviated = False
        else:
            continue
        if _after_party(text, toks, k):
            continue
        if abbreviated and len(words[k - 1]) == 1:
            if k >= 2 and caps[k - 2] and joined[k - 1]:
                people.add(key)  # "Roy A. Nelson"
            continue
        pword = words[k - 1].lower().rstrip(".")
        if pword in _TITLES and pword not in ("said", "says", "told", "according"):
            people.add(key)
            continue
        if not caps[k - 1] or _all_caps(words[k - 1]) or pword in _FUNCTION_WORDS:
            continue
        if pword in _MODIFIERS or pword in _NEVER or pword in _ORG_HEADS:
            continue
        pair = windows.get((k - 1, k))
        if pair is not None and pair in found:
            continue  # "New York", "Fort Worth"
        pkey = windows.get((k - 1, k - 1))
        if pkey is not None and pkey in found and _traits(found[pkey], memo).strong:
            continue  # "Baku Azerbaijan", "Paris Texas"
        if k + 1 < len(words) and caps[k + 1] and joined[k + 1]:
            continue  # longer sequences are judged by their own rules
        people.add(key)
    return people


def _only_modifiers(words: Sequence[str], left: int, i: int) -> bool:
    """True when every word from ``left`` to before ``i`` is a place modifier ("North")."""
    return all(
        words[m].lower() in _MODIFIERS or words[m].lower() in _FUNCTION_WORDS
        for m in range(left, i)
    )


def _starts_sentence(toks: _Words, bounds: Sequence[tuple[int, int]], i: int) -> bool:
    """True when word ``i`` is the first word at or after the start of a sentence."""
    # the last sentence starting at or before the word starts after the word before it
    last = bisect_right(bounds, toks.starts[i], key=_FIRST) - 1
    return last >= 0 and (i == 0 or bounds[last][0] > toks.starts[i - 1])


def _title_case(toks: _Words, left: int, right: int) -> bool:
    """True when the words around a sequence are mostly capitalised (a Title Case line)."""
    words, caps = toks.words, toks.caps
    content = capitalised = 0
    for k in range(max(0, left - 4), min(len(words), right + 5)):
        if words[k].lower() not in _FUNCTION_WORDS:
            content += 1
            capitalised += caps[k]
    return content >= 4 and capitalised >= 0.8 * content


def _keep(
    text: str,
    toks: _Words,
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
    ``find_toponyms`` has already turned down the words that are never places (``_NEVER``)
    and demonyms."""
    words, ends, caps, joined = toks.words, toks.ends, toks.caps, toks.joined
    n = len(words)
    traits = _traits(cands, gazetteer.memo)
    strong = traits.strong
    single = i == j
    word = words[i]
    if text.startswith("$", ends[j]):
        return False  # a currency: "US$460 million", "HK$"
    if single and not strong and "&" in text and _beside_ampersand(text, toks, i, j):
        return False  # a firm: "Stevens & Wilkinson", "McPherson & Jacobsen LLC"
    # acronyms and all-caps words: only well-known names (US, UK, USSR, MOSCOW)
    if single and _all_caps(word):
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
        if not traits.countryish and (not strong or _starts_sentence(toks, bounds, i) or lowered):
            return False
    # plurals of common words ("Cases", "Mines") unless the place is a well-known one, or the
    # word is capitalised where only a name would be ("in Ames, Iowa")
    if (
        single
        and not strong
        and key in gazetteer.plural_words
        and (_starts_sentence(toks, bounds, i) or lowered or _title_case(toks, i, j))
    ):
        return False
    # the capitalised sequence around the name: persons and organisations
    left = i
    while left > 0 and caps[left - 1] and joined[left]:
        left -= 1
    if left == i - 1 and _after_party(text, toks, i):
        left = i  # "Rep. Wendell Gilliard, D-Charleston": the legislator's home town
    right = j
    while right + 1 < n and caps[right + 1] and joined[right + 1]:
        right += 1
    before = words[i - 1].lower().rstrip(".") if i > 0 else ""
    abbreviated = (
        i > 0 and text.startswith(". ", ends[i - 1]) and _after_abbreviation(text, toks, i - 1, i)
    )
    if i > 0 and before in _TITLES and (abbreviated or joined[i]):
        return False  # "Minister Sergey", "Mayor Jackson", "Capt. Roy"
    if abbreviated and i >= 2 and len(words[i - 1]) == 1 and caps[i - 2] and joined[i - 1]:
        return False  # "Roy A. Nelson", "George W. Bush"
    if (
        single
        and j + 1 < n
        and words[j + 1] in _SPEECH
        and joined[j + 1]
        and not traits.countryish
        and not traits.major
    ):
        return False  # "Nelson said": a capital speaks for a government, a town does not
    if j + 1 < n and words[j + 1].lower() in _DISEASE_WORDS and not traits.country:
        return False  # "Marburg virus", "West Nile fever"; not "the United States flu season"
    for k in range(j + 1, right + 1):
        after = words[k].lower().rstrip(".")
        if after in _NAMED_AFTER:
            return False  # "Minsk Group", "Geneva Convention", "Washington Post"
        if after in _ORG_HEADS or after in _TITLES or after in DIVISION_WORDS:
            if k == j + 1 or all(
                words[m].lower() in _ORG_HEADS or caps[m] for m in range(j + 1, k)
            ):
                # an institution or office of the place: "Texas Department of Health",
                # "Ohio Supreme Court", "Gainesville Police", "U.S. Attorney", "Tovuz Rayon"
                return _only_modifiers(words, left, i)
            break
    if single and _all_caps(word) and _only_function_words(words, left, i) and traits.country:
        # a country's code names no person: "U.S. Centers for Disease Control", "the
        # outbreak in the U.S. Jon Prinsell said"
        return True
    if right == j and (left == i or _only_modifiers(words, left, i)):
        return True  # alone, or after modifiers only: "Northeast Georgia", "Greater London"
    others = [k for k in range(left, right + 1) if k < i or k > j]
    for k in range(left, i):
        lower = words[k].lower()
        if lower in _TITLES or lower in _ORG_HEADS:
            return False  # "Secretary General Antonio", "Council Minsk"
    headline = _title_case(toks, left, right)
    for k in others:
        other = words[k]
        okey = name_key(other)
        if okey in _FUNCTION_WORDS or okey in _NEVER:
            continue
        if okey in gazetteer.common_words and (
            headline or k < i and _starts_sentence(toks, bounds, k)
        ):
            continue
        if gazetteer.demonym_country(other) is not None:
            continue
        if other.lower() in _TITLES or other.lower() in DIVISION_WORDS:
            continue
        ocands = gazetteer.lookup(other)
        if any(c.primary and c.place.place_type in ("country", "region") for c in ocands):
            continue  # "Baku Azerbaijan" in a headline
        # any other capitalised word beside it makes a name of something else:
        # "Vladimir Zainetdinov", "Stanislav Zas", "Florence Martin"
        return False
    return True
