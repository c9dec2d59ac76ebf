"""The lexer: word, sentence-end and name-run patterns (the specification) and their scanners.

The regular expressions and the Python functions here specify how a text is cut into
words, where sentences may end and which runs of words are looked up as names. The
compiled lexer (``geomap/_lexer.pyx``, built when geomap is installed with a C compiler)
gives the same results in C loops; ``tests/test_lexer.py`` checks the two agree.
Extraction runs ``LEXER``: the compiled one when it is built, else ``PATTERN_LEXER``.

Examples
--------
>>> from geomap.extract.lexer import PATTERN_LEXER
>>> words, starts, ends, caps, joined = PATTERN_LEXER.split_words("Dublin's O'Connor St. Louis")
>>> words
['Dublin', 's', "O'Connor", 'St.', 'Louis']
>>> joined
[False, False, True, True, True]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate, compress
from operator import itemgetter
from typing import NamedTuple

try:  # the compiled lexer (geomap/_lexer.pyx), when geomap was built with a C compiler
    from geomap import _lexer
except ImportError:  # pragma: no cover - exercised where no compiler was available
    _lexer = None  # type: ignore[assignment]

__all__ = [
    "TOKEN",
    "SPLIT",
    "SPLIT_ASCII",
    "SENTENCE_END",
    "SENTENCE_END_AT",
    "ELIDED",
    "WordLists",
    "Windows",
    "Lexer",
    "joined",
    "split_words",
    "sentence_ends",
    "name_windows",
    "PATTERN_LEXER",
    "COMPILED_LEXER",
    "LEXER",
]

#: A word: ``tokenize``'s pattern, and what ``SPLIT`` and ``split_words`` must match.
TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., D.C., U.S.S.R.
    r"|(?:St|Mt|Ft)\.(?=\s+[A-Z])"  # St. Louis
    r"|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*"  # O'Connor; "Dublin's" -> Dublin + 's
)
#: ``TOKEN`` as a splitter (one group): ``split`` gives the gaps and the words in turn,
#: without a match object per word. Written to open with one letter class, so ``re`` scans
#: ahead for a letter instead of trying three alternatives at every character; the
#: alternatives are then told apart by that letter (look-behinds), and the words are the
#: same (``tests/test_properties.py`` compares them with ``TOKEN``'s).
SPLIT = re.compile(
    r"([^\W\d_](?:(?<=[A-Z])\.(?:[A-Z]\.)+"  # U.S., D.C.
    r"|(?<=[SMF])t\.(?=\s+[A-Z])"  # St. Louis
    r"|[^\W\d_]*(?:['’](?![sS]\b)[^\W\d_]+)*))"  # O'Connor; "Dublin's" -> Dublin + 's
)
#: ``SPLIT`` for ASCII texts, where ``[A-Za-z]`` is ``[^\W\d_]`` and ``\b`` means the same
#: in ASCII mode: the same words, faster. ``\s`` in ASCII mode leaves out the separators
#: ``\x1c``-``\x1f``, which are spaces to ``str`` and to ``SPLIT``: they are added back.
SPLIT_ASCII = re.compile(
    r"([A-Za-z](?:(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=[SMF])t\.(?=[\s\x1c-\x1f]+[A-Z])"
    r"|[A-Za-z]*(?:['’](?![sS]\b)[A-Za-z]+)*))",
    re.ASCII,
)
#: Where a sentence may end: after a stop (and closing quotes or brackets) before a
#: capital, a digit or a bullet; at a blank line; before a bulleted line.
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9•])|\n\s*\n|\n(?=\s*[•\-*])")
#: ``SENTENCE_END`` opening with one character class, a stop or a line break, so ``re``
#: skips ahead to those: a match after a stop is group 1 (the stop left out), the others
#: the whole match. The same matches (``tests/test_properties.py``), faster.
SENTENCE_END_AT = re.compile(
    r"[.!?…\n](?:(?<=[.!?…])([\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9•]))|(?<=\n)\s*\n|(?<=\n)(?=\s*[•\-*]))"
)
#: An elided article before a capitalised word: "d'Ivoire", "d'Alene", "l'Aquila".
ELIDED = re.compile(r"[dlDL]['’][A-Z]")

#: A text's words as parallel lists: (words, starts, ends, caps, joined), as
#: ``split_words`` gives them.
WordLists = tuple[list[str], list[int], list[int], list[bool], list[bool]]
#: The runs of words that may name a place, as ``name_windows`` gives them: the lookup
#: keys by (first, last word), and the (last word, key) of each run by first word.
Windows = tuple[dict[tuple[int, int], str], dict[int, list[tuple[int, str]]]]

_FIRST = itemgetter(0)


def joined(text: str, a_end: int, b_start: int) -> bool:
    """True when a word ending at ``a_end`` and the next, starting at ``b_start``, are
    separated by only one space or a hyphen (or two spaces without a line break)."""
    gap = text[a_end:b_start]
    return gap in (" ", "-", "‐", "‑", "–") or (gap.isspace() and "\n" not in gap and len(gap) < 3)


def split_words(text: str) -> WordLists:
    """The words of ``text`` by ``SPLIT``: (words, starts, ends, caps, joined).

    ``words[k]`` is ``text[starts[k]:ends[k]]``; ``caps[k]`` says it is capitalised;
    ``joined[k]`` that words ``k - 1`` and ``k`` are joined (``joined``), never the first.
    The compiled lexer's ``split_words`` gives the same in one C loop.
    """
    # gap, word, gap, word, ..., gap: the words' offsets are the running lengths
    parts = (SPLIT_ASCII if text.isascii() else SPLIT).split(text)
    offsets = list(accumulate(map(len, parts)))
    words = parts[1::2]
    ends = offsets[1::2]
    starts = offsets[0::2]
    del starts[len(words) :]
    # words are not empty
    caps = list(map(str.isupper, map(_FIRST, words)))
    joins = [False, *(joined(text, a, b) for a, b in zip(ends, starts[1:], strict=False))]
    return words, starts, ends, caps, joins[: len(words)]


def sentence_ends(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each match of ``SENTENCE_END`` in ``text``, in order; the
    compiled lexer's ``sentence_ends`` gives the same in one C loop."""
    return [m.span(1) if m.start(1) >= 0 else m.span() for m in SENTENCE_END_AT.finditer(text)]


def name_windows(
    text: str,
    words: list[str],
    starts: list[int],
    ends: list[int],
    caps: list[bool],
    joins: list[bool],
    first_words: dict[str, tuple[str, bool, bool]],
    starts_of: Callable[[str], tuple[str, bool, bool]],
    key_of: Callable[[str], str],
    connectors: frozenset[str],
    division_words: frozenset[str],
    max_tokens: int,
) -> Windows:
    """Every run of up to ``max_tokens`` words from a capitalised one that may start a name
    of the gazetteer (``first_words``, else ``starts_of``: ``find.name_starts``), with its
    lookup key (``key_of``: ``name_key``) — the other runs are never found: the windows by
    (first, last word), and the (last word, key) of each by first word, both in order.

    A run goes on through capitalised words, connectors ("of", "de"), division words and
    elided articles ("d'Ivoire") joined by a space or a hyphen; past the "s" of a
    possessive inside a name ("People's Republic"); it does not end at a connector.
    The compiled lexer's ``name_windows`` gives the same.
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
                and joins[j + 1]
            ):
                continue  # "People's Republic of China": never a name's end
            if not (
                caps[j]
                or word in connectors
                or word in division_words
                or (word[1:2] in ("'", "’") and ELIDED.match(word))
            ):
                break
            if not joins[j]:
                break
            if word not in connectors:
                key = windows[(i, j)] = key_of(text[starts[i] : ends[j]])
                reach.append((j, key))
    return windows, ends_of


class Lexer(NamedTuple):
    """The three scanners extraction runs, compiled or by the patterns."""

    #: a text's words as parallel lists (``split_words``)
    split_words: Callable[[str], WordLists]
    #: where sentences may end (``sentence_ends``)
    sentence_ends: Callable[[str], list[tuple[int, int]]]
    #: the runs of words looked up as names (``name_windows``)
    name_windows: Callable[..., Windows]
    #: "compiled" or "patterns"
    kind: str


#: The scanners by the patterns and Python loops of this module: the specification.
PATTERN_LEXER = Lexer(split_words, sentence_ends, name_windows, "patterns")
#: The compiled scanners (``geomap/_lexer.pyx``), or None where geomap was installed
#: without a C compiler.
COMPILED_LEXER: Lexer | None = (
    None
    if _lexer is None
    else Lexer(_lexer.split_words, _lexer.sentence_ends, _lexer.name_windows, "compiled")
)
#: The scanners extraction runs unless told otherwise: the compiled ones when built.
LEXER: Lexer = PATTERN_LEXER if COMPILED_LEXER is None else COMPILED_LEXER
