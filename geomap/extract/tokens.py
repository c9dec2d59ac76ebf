"""Words and sentences of a text: tokens, the parallel word lists the rules read, sentence bounds.

Examples
--------
>>> from geomap.extract.tokens import sentences, tokenize
>>> [t.text for t in tokenize("Mr. Smith flew to the U.S. today.")]
['Mr', 'Smith', 'flew', 'to', 'the', 'U.S.', 'today']
>>> sentences("Mr. Smith left. He came back.")
[(0, 15), (16, 29)]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from operator import itemgetter

from geomap.extract.lexer import LEXER, TOKEN, Lexer
from geomap.extract.wordlists import ABBREVIATIONS

__all__ = [
    "Token",
    "tokenize",
    "Words",
    "all_caps",
    "sentences",
    "sentence_index",
    "starts_sentence",
]

_FIRST = itemgetter(0)


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


def tokenize(text: str) -> list[Token]:
    """Split a text into word tokens with their offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


class Words:
    """The words of a text as parallel lists: cheaper than a ``Token`` per word.

    ``words[k]`` is ``text[starts[k]:ends[k]]``; ``caps[k]`` says it is capitalised;
    ``joined[k]`` that words ``k - 1`` and ``k`` are joined (``lexer.joined``).

    Parameters
    ----------
    text : str
        The text.
    lexer : Lexer, optional
        The scanners that split it (``LEXER`` by default).
    """

    __slots__ = ("words", "starts", "ends", "caps", "joined")

    def __init__(self, text: str, lexer: Lexer = LEXER) -> None:
        self.words: list[str]
        self.starts: list[int]
        self.ends: list[int]
        self.caps: list[bool]
        #: ``joined[k]``: words ``k - 1`` and ``k`` are joined; never the first
        self.joined: list[bool]
        self.words, self.starts, self.ends, self.caps, self.joined = lexer.split_words(text)


def all_caps(word: str) -> bool:
    """True for an all-capitals word of two letters or more ("US", "MOSCOW"); as
    ``Token.all_caps``."""
    return word[:1].isupper() and word.isupper() and sum(map(str.isalpha, word)) >= 2


def sentences(text: str, *, lexer: Lexer = LEXER) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) offsets; abbreviations do not end a sentence.

    Parameters
    ----------
    text : str
        The text.
    lexer : Lexer, optional
        The scanners that say where sentences may end (``LEXER`` by default).

    Returns
    -------
    list of (int, int)
        The sentences that hold more than white space, in order.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for at, end in lexer.sentence_ends(text):
        if text[at - 1 : at] == ".":
            before = text[max(start, at - 6) : at].rstrip('."”’)').split()
            word = before[-1].lower().strip('("“') if before else ""
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        if at > start:
            bounds.append((start, at))
        start = end
    if start < len(text):
        bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def sentence_index(bounds: Sequence[tuple[int, int]], offset: int) -> int:
    """The last sentence starting at or before ``offset`` (0 if none does)."""
    return max(0, bisect_right(bounds, offset, key=_FIRST) - 1)


def starts_sentence(toks: Words, bounds: Sequence[tuple[int, int]], i: int) -> bool:
    """True when word ``i`` is the first word at or after the start of a sentence."""
    # the last sentence starting at or before the word starts after the word before it
    last = bisect_right(bounds, toks.starts[i], key=_FIRST) - 1
    return last >= 0 and (i == 0 or bounds[last][0] > toks.starts[i - 1])
