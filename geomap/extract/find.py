"""Candidate finding: the runs of words looked up in the gazetteer, and ``find_toponyms``.

``find_toponyms`` splits an article into words and sentences (``geomap.extract.tokens``),
looks up every run of words that may name a place (``geomap.extract.lexer.name_windows``)
and keeps, from each capitalised word, the longest run the gazetteer knows that the rules
(``geomap.extract.filters``) take for a place; then adds US states written as
abbreviations and towns before their region (``geomap.extract.states``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from geomap.extract.filters import (
    names_a_place,
    person_words,
    possessive_inside,
    primary_only,
    traits_of,
)
from geomap.extract.lexer import LEXER, Lexer
from geomap.extract.span import Span
from geomap.extract.states import Context, state_abbreviations, towns_before_regions
from geomap.extract.tokens import Words, sentence_index, sentences
from geomap.extract.wordlists import CONNECTORS, DIVISION_WORDS, NEVER_PLACES, SAINTS
from geomap.gazetteer import MEMO_LIMIT, Gazetteer
from geomap.models import Article
from geomap.names import name_key

__all__ = ["MAX_NAME_TOKENS", "known_first_words", "name_starts", "find_toponyms"]

#: Longest place name, in tokens, looked up in the gazetteer.
MAX_NAME_TOKENS = 7


def known_first_words(memo: dict[Any, Any]) -> dict[str, tuple[str, bool, bool]]:
    """What ``name_starts`` has told of words in this process, kept in ``memo``
    (``Gazetteer.memo``): word -> (its ``name_key``, whether a key of the gazetteer starts
    with it, whether a longer key does)."""
    first_words: dict[str, tuple[str, bool, bool]] | None = memo.get("first_words")
    if first_words is None:
        first_words = memo["first_words"] = {}
    return first_words


def name_starts(
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


def find_toponyms(
    article: Article,
    gazetteer: Gazetteer,
    *,
    bounds: Sequence[tuple[int, int]] | None = None,
    lexer: Lexer = LEXER,
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
    lexer : Lexer, optional
        The scanners (``LEXER`` by default: the compiled ones when built).

    Returns
    -------
    list of Span
        The place names found, in the order of the text.
    """
    text = article.body
    toks = Words(text, lexer)
    if bounds is None:
        bounds = sentences(text, lexer=lexer)
    if not toks.words or not bounds:
        return []
    words, starts, ends, caps = toks.words, toks.starts, toks.ends, toks.caps
    joined = toks.joined
    n = len(words)
    # (the set of all the words costs less than that of the lower-case ones: no test of
    # each word, and the words' hashes are then kept for the other set look-ups)
    word_set = set(words)
    memo = gazetteer.memo
    first_words = known_first_words(memo)
    windows, ends_of = lexer.name_windows(
        text,
        toks.words,
        starts,
        ends,
        caps,
        joined,
        first_words,
        partial(name_starts, gazetteer=gazetteer, first_words=first_words),
        name_key,
        CONNECTORS,
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
                    sentence_index(bounds, dateline.place_start),
                    is_dateline=True,
                )
            )
    people = person_words(text, toks, ends_of, found, windows, memo)
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
            cands = primary_only(cands, memo)
            if not cands:
                taken_until = best_j
                continue
        if key in NEVER_PLACES or gazetteer.demonym_of_key(key) is not None:
            taken_until = best_j
            continue  # months, pronouns, demonyms: never a place ("We", "March", "Azeri")
        keep = names_a_place(text, toks, i, best_j, key, cands, gazetteer, bounds, word_set)
        if keep and words[i] in SAINTS and best_j + 1 < n and words[best_j + 1] == "s":
            # "St. Peter's Square", "St. Mary's Hospital": named after the saint, not a place
            keep = not possessive_inside(text, toks, best_j + 1)
        if keep and i == best_j and key in people and not traits_of(cands, memo).famous:
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
                sentence_index(bounds, start),
                qualifier=qualifier,
            )
        )
    ctx = Context(article, toks, bounds, gazetteer)
    spans.extend(towns_before_regions(ctx, spans, people))
    states = state_abbreviations(ctx, spans)
    if states:
        spans = [s for s in spans if not any(a.start <= s.start and s.end <= a.end for a in states)]
        spans.extend(states)
    spans.sort(key=lambda s: (s.start, s.end))
    return spans
