"""The codebook compiled (``Codebook``): its patterns, one scan for their keys, a sentence's cues.

A cue's pattern is tried only near one of its keys (``matches_near``), which an
Aho-Corasick automaton finds for every cue and not-event phrase at once; a cue match is
dropped when a not-event phrase covers it, when it is denied ("no outbreak") or when it is
part of a name ("author Bracelen Flood").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from geomap.events.codebook import (
    CAUSES,
    CUES,
    DISEASE,
    GENERIC_KILLS,
    NOT_EVENTS,
    RETYPES,
    UNREAL,
)

__all__ = ["Codebook", "default_codebook", "lower_same_length", "matches_near"]


def lower_same_length(text: str) -> str:
    """``text.lower()`` with the same length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # each character lowered alone, kept where that changes its length ("İ")
    table = {ord(c): low for c in set(text) if len(low := c.lower()) == 1 and low != c}
    return text.translate(table)


class Codebook:
    """The codebook compiled: cue and not-event patterns and one scan for their keys.

    Parameters
    ----------
    cues, not_events, unreal, retypes
        The codebook's data (default: ``geomap.events.codebook``'s).
    """

    def __init__(
        self,
        cues: Sequence[Any] = CUES,
        not_events: Sequence[Any] = NOT_EVENTS,
        unreal: str = UNREAL,
        retypes: Sequence[Any] = RETYPES,
    ) -> None:
        import ahocorasick

        self.retypes = [
            (r.event_type, r.sub_event_type, re.compile(r.pattern), r.new_type, r.new_sub_type)
            for r in retypes
        ]

        self.cues = tuple(cues)
        #: the longest match of each cue's and each not-event's pattern: a match holding
        #: a key at ``at`` lies within ``at - width`` and ``at + width``
        self.widths = [_width(c.pattern) for c in self.cues]
        self.not_widths = [_width(n.pattern) for n in not_events]
        #: the indices of the ``other`` type's cues (looked for in an article's lead only)
        self.other = frozenset(k for k, c in enumerate(self.cues) if c.event_type == "other")
        self.patterns = [re.compile(c.pattern) for c in self.cues]
        self.not_patterns = [re.compile(n.pattern) for n in not_events]
        self.unreal = re.compile(unreal)
        self.causes = [(re.compile(p), t, st) for p, t, st in CAUSES]
        self.generic_kill = re.compile(GENERIC_KILLS)
        self.disease = re.compile(DISEASE)
        auto = ahocorasick.Automaton()
        keys: dict[str, list[tuple[int, int]]] = {}
        for k, cue in enumerate(self.cues):
            for key in cue.keys:
                keys.setdefault(key, []).append((0, k))
        for k, ne in enumerate(not_events):
            for key in ne.keys:
                keys.setdefault(key, []).append((1, k))
        for key, targets in keys.items():
            auto.add_word(key, (len(key), tuple(targets)))
        auto.make_automaton()
        #: the length of the longest key
        self.longest_key = max(map(len, keys), default=0)
        self._auto = auto

    def keys(self, low: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
        """Where the keys of cues (kind 0) and not-event phrases (kind 1) are in a lower-cased
        text (or in ``low[start:end]``): (start, kind, index), by end."""
        found = self._auto.iter(low, start, len(low) if end is None else end)
        return [(at + 1 - size, kind, k) for at, (size, targets) in found for kind, k in targets]

    def hits(
        self,
        low: str,
        text: str | None = None,
        keys: Sequence[tuple[int, int, int]] | None = None,
        *,
        other: bool = True,
    ) -> list[tuple[int, int, int]]:
        """The cue matches of a lower-cased sentence that no not-event phrase covers, not
        negated ("there is no outbreak", "had never been arrested") and, when ``text`` (the
        sentence as written) is given, not part of a name ("author Bracelen Flood"):
        (start, end, cue index), by start. ``keys``: ``self.keys(low)``, if known;
        ``other``: whether the ``other`` type's cues are looked for."""
        cues: dict[int, list[int]] = {}
        nots: dict[int, list[int]] = {}
        skipped = () if other else self.other
        for at, kind, k in self.keys(low) if keys is None else keys:
            if kind:
                nots.setdefault(k, []).append(at)
            elif k not in skipped:
                cues.setdefault(k, []).append(at)
        found = [
            (s, e, k)
            for k in sorted(cues)
            for s, e in matches_near(self.patterns[k], low, cues[k], self.widths[k])
            if not _NEGATED.search(low, max(0, s - 30), s)
            and (text is None or not _in_name(text, s))
        ]
        if not found:
            return []
        # the not-event phrases only where a cue matched
        blocked = [
            span
            for k in sorted(nots)
            for span in matches_near(self.not_patterns[k], low, nots[k], self.not_widths[k])
        ]
        out = [(s, e, k) for s, e, k in found if not any(bs < e and s < be for bs, be in blocked)]
        out.sort()
        return out


def _width(pattern: str) -> int:
    """The longest text ``pattern`` can match.

    Raises
    ------
    ValueError
        When that is unbounded (``\\w+``): a codebook pattern must be bounded (``\\w{1,20}``).
    """
    import re._parser  # the parser re compiles with; its width is the pattern's bounds

    width = re._parser.parse(pattern).getwidth()[1]
    if width >= 65535:  # re's MAXREPEAT: no bound
        raise ValueError(f"codebook pattern without a longest match: {pattern[:60]!r}")
    return int(width)


def matches_near(
    pattern: re.Pattern[str], low: str, keys: list[int], width: int
) -> list[tuple[int, int]]:
    """``[m.span() for m in pattern.finditer(low)]`` for a pattern every match of which holds
    one of its keys (found at ``keys``) and is at most ``width`` long: a match holding the
    key at ``at`` starts no earlier than ``at - width`` and ends by ``at + width``, so the
    pattern is searched only there."""
    out: list[tuple[int, int]] = []
    reached = 0
    windows: list[list[int]] = []
    for at in sorted(keys):
        lo = max(0, at - width)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = at
        else:
            windows.append([lo, at])
    for lo, hi in windows:
        pos = max(lo, reached)
        while pos <= hi:
            m = pattern.search(low, pos, hi + width)
            if m is None or m.start() > hi:
                break
            out.append(m.span())
            reached = pos = max(m.end(), m.start() + 1)
    return out


#: Right before a cue: it is denied ("no outbreak", "had never been arrested").
_NEGATED = re.compile(r"\b(?:not|never|no|n't|no longer|nor|without)\s+(?:[\w-]+\s+){0,2}$")
#: A capitalised word (not all capitals: a dateline's "KYIV" is none) right before.
_NAME_WORD = re.compile(r"[A-Z][a-z][\w'’-]* $")
#: After a capitalised word: it is a person who speaks ("Flood wrote", "Storm said").
_SPEAKS = re.compile(r"\s+(?:said|says|wrote|writes|told|added|spoke|speaks|explained|noted)\b")


def _in_name(text: str, at: int) -> bool:
    """Whether the word at ``at`` is capitalised inside a sentence after another capitalised
    word: a name ("Bracelen Flood", "Storm Lake"), unless the sentence is a headline."""
    if not text[at : at + 1].isupper() or not text[:at].strip():
        return False
    words = text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    if capitals * 2 > len(words):
        return False  # a headline in title case
    if _NAME_WORD.search(text, max(0, at - 30), at):
        return True
    return bool(_SPEAKS.match(text, text.find(" ", at) if " " in text[at:] else len(text)))


@functools.lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The codebook of ``geomap.events.codebook``, compiled once per process."""
    return Codebook()
