"""Where each date pattern can match: offsets found from the names every match holds."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from geomap.dates.patterns import MONTH_RE, MONTH_WORD, RELATIVE_WORDS

__all__ = [
    "day_before",
    "low_names",
    "lowered_starts",
    "matches_at",
    "weekday_starts",
    "year_starts",
]


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Sequence[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (ascending).

    Where ``finditer`` would look for the next match, the first of ``starts`` where the
    pattern matches is that match. A month name inside an earlier one (``MONTH_NAME``
    matches do not overlap) follows a letter, so no ``\b(?P<mon>...)`` pattern can start
    there.
    """
    end = 0
    for pos in starts:
        if pos >= end:
            m = pattern.match(text, pos)
            if m is not None:
                yield m
                end = m.end()


#: Where a year starts ("1" before ``[5-9]\d\d``, "20" before ``\d\d``: ``YEAR_RE``), overlapping
#: ones too. Two scans for a literal are several times faster than one for ``(?=YEAR_RE)``.
_YEAR_1 = re.compile(r"1(?=[5-9]\d\d)")


_YEAR_20 = re.compile(r"20(?=\d\d)")


#: A weekday name, found from its "day": a literal the regex engine skips to quickly. The
#: group that matched holds the start of the name.
_WEEKDAY_DAY = re.compile(
    r"day(?:(?<=(Mon|Fri|Sun)day)|(?<=(Tues)day)|(?<=(Thurs|Satur)day)|(?<=(Wednes)day))"
)


#: The lengths of the "part" of a ``part_month`` expression ("early", "the end of"…).
_PART_LENGTHS = (3, 4, 5, 10, 12, 13, 16, 17)


def year_starts(text: str) -> list[int]:
    """Every offset where ``YEAR_RE`` matches ``text`` (ascending, overlapping ones too)."""
    return sorted(
        [m.start() for m in _YEAR_1.finditer(text)] + [m.start() for m in _YEAR_20.finditer(text)]
    )


def _is_day_end(text: str, end: int) -> bool:
    r"""Whether ``text[:end]`` ends with ``\d(?:st|nd|rd|th)?`` (``\d`` is ``isdecimal``)."""
    if end > 0 and text[end - 1].isdecimal():
        return True
    return end > 2 and text[end - 2 : end] in ("st", "nd", "rd", "th") and text[end - 3].isdecimal()


def day_before(text: str, at: int) -> bool:
    r"""Whether ``\d(?:st|nd|rd|th)?[ 	]+(?:of[ 	]+)?`` ends at ``at`` (before a month name).

    Each ``[ 	]+`` is the whole run of blanks before what follows it (a digit, an ordinal
    suffix and "of" end in no blank), so walking back over them finds every such match.
    """
    gap = _gap_before(text, at, " \t")
    if gap == at:
        return False
    if _is_day_end(text, gap):
        return True
    if gap < 2 or text[gap - 2 : gap] != "of":
        return False
    before_of = _gap_before(text, gap - 2, " \t")
    return before_of < gap - 2 and _is_day_end(text, before_of)


def _gap_before(text: str, at: int, chars: str) -> int:
    """Where the run of ``chars`` that ends at ``at`` starts (``at`` if there is none)."""
    while at > 0 and text[at - 1] in chars:
        at -= 1
    return at


def _word_before(text: str, at: int) -> int:
    r"""Where the run of word characters (``\w``) that ends at ``at`` starts."""
    while at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):
        at -= 1
    return at


def lowered_starts(
    kind: str, low: str, years: list[int], month_words: list[int], relative_at: list[int]
) -> list[int] | None:
    r"""Every offset where the lowered pattern ``kind`` can match ``low`` (ascending, for
    ``matches_at``), found from the names it must hold; None when not known.

    "year" is a word, a gap of ``[ \t-]`` and a year: it can only start at the word before
    the gap before a year (a word, after ``\b``, is a whole run of word characters).
    "year_range" starts at a year or at the word before the ``[ \t]`` gap before one;
    "month" at the word before the gap before a month name; "part_month" a part's length
    before that gap. Month names are ``MONTH_WORD``'s (both patterns need the gap before
    and no word character or hyphen after: its matches do not overlap). "relative" starts
    at one of ``RELATIVE_WORDS`` or at one of the three words before it. ``years``,
    ``month_words`` and ``relative_at`` are the offsets of ``year_starts`` and
    ``low_names``.
    """
    out: list[int] = []
    if kind in ("year", "year_range"):
        for at in years:
            if kind == "year_range":
                out.append(at)
            gap = _gap_before(low, at, " \t-" if kind == "year" else " \t")
            if gap < at:
                word = _word_before(low, gap)
                if word < gap:
                    out.append(word)
    elif kind in ("month", "part_month"):
        for at in month_words:
            gap = _gap_before(low, at, " \t-")
            if kind == "month":
                word = _word_before(low, gap)
                if word < gap:
                    out.append(word)
            else:
                out.extend(gap - n for n in _PART_LENGTHS if gap >= n)
    elif kind == "relative":
        for at in relative_at:
            out.extend(_starts_before(low, at, 3))
    else:
        return None
    return sorted(set(out))


def _low_names_automaton() -> Any:
    """An Aho-Corasick automaton finding, in one scan of a lowered text, every occurrence of
    a ``RELATIVE_WORDS`` word (value: its length) and of a ``[ \t-]`` gap followed by the
    first three letters of a month name (value: 0)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for word in RELATIVE_WORDS:
        auto.add_word(word, len(word))
    for name in MONTH_RE[3:-1].split("|"):  # the alternatives of ``(?:...)``
        for gap in " \t-":
            auto.add_word(gap + name[:3].lower(), 0)
    auto.make_automaton()
    return auto


_LOW_NAMES = _low_names_automaton()


def low_names(low: str) -> tuple[list[int], list[int]]:
    """Where ``MONTH_WORD``'s month names start in ``low`` and where its ``RELATIVE_WORDS``
    words start, ascending (one ``_LOW_NAMES`` scan instead of a regex and a search each).

    Every month name starts with one of the automaton's prefixes, so checking
    ``MONTH_WORD`` at each gap found gives its matches (they do not overlap).
    """
    month_words: list[int] = []
    relative_at: list[int] = []
    for end, length in _LOW_NAMES.iter(low):
        if length:
            relative_at.append(end - length + 1)
        elif MONTH_WORD.match(low, end - 3):
            month_words.append(end - 2)
    return month_words, relative_at


def weekday_starts(text: str) -> list[int]:
    r"""Every offset where the "weekday" pattern can match ``text`` (ascending): at a weekday
    name or at one of the four words before it, each followed by a ``[ \t]`` gap ("last
    Monday", "on the morning of Monday")."""
    out: list[int] = []
    for m in _WEEKDAY_DAY.finditer(text):
        out.extend(_starts_before(text, m.start(m.lastindex or 0), 4))
    return sorted(set(out))


def _starts_before(text: str, at: int, n: int) -> list[int]:
    r"""``at`` and the starts of up to ``n`` words before it, each followed by a ``[ \t]``
    gap: where a pattern that may open with those words can start."""
    out = [at]
    for _ in range(n):
        gap = _gap_before(text, at, " \t")
        word = _word_before(text, gap)
        if gap == at or word == gap:
            break
        out.append(word)
        at = word
    return out
