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
from geomap.events.regroup import compiled

__all__ = ["Codebook", "default_codebook", "lower_same_length", "matches_near"]


def lower_same_length(text: str) -> str:
    """``text.lower()`` with the same length (offsets stay valid)."""
    if "İ" in text and "Σ" not in text:
        # "İ" is the one character whose lower case is longer, and "Σ" the one lowered by
        # what is around it: without "Σ", the parts between two "İ" lowered are what the
        # table below gives, at once (when no other character changed the length)
        low = "İ".join(part.lower() for part in text.split("İ"))
        if len(low) == len(text):
            return low
    low = text.lower()
    if len(low) == len(text):
        return low
    # each character lowered alone, kept where that changes its length ("İ")
    table = {ord(c): low for c in set(text) if len(low := c.lower()) == 1 and low != c}
    return text.translate(table)


class Codebook:
    """The codebook compiled: cue and not-event patterns and one scan for their keys.

    Each pattern is compiled when a key of it is first found (``rule``): a small run reads few
    of them.

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

        self.cues = tuple(cues)
        self.not_events = tuple(not_events)
        self._unreal = unreal
        self._retypes = tuple(retypes)
        #: the indices of the ``other`` type's cues (looked for in an article's lead only)
        self.other = frozenset(k for k, c in enumerate(self.cues) if c.event_type == "other")
        #: the patterns of the cues (kind 0) and not-event phrases (kind 1), and each one's
        #: (pattern, width) once compiled (on first use): a match holding a key at ``at``
        #: lies within ``at - width`` and ``at + width``
        self._sources = (
            tuple(c.pattern for c in self.cues),
            tuple(n.pattern for n in self.not_events),
        )
        self._rules: tuple[list[tuple[re.Pattern[str], int] | None], ...] = (
            [None] * len(self.cues),
            [None] * len(self.not_events),
        )
        auto = ahocorasick.Automaton()
        keys: dict[str, tuple[list[int], list[int]]] = {}
        for k, cue in enumerate(self.cues):
            for key in cue.keys:
                keys.setdefault(key, ([], []))[0].append(k)
        for k, ne in enumerate(self.not_events):
            for key in ne.keys:
                keys.setdefault(key, ([], []))[1].append(k)
        for key, (cue_ks, not_ks) in keys.items():
            auto.add_word(key, (len(key), tuple(cue_ks), tuple(not_ks)))
        auto.make_automaton()
        #: the length of the longest key
        self.longest_key = max(map(len, keys), default=0)
        self._auto = auto

    def rule(self, kind: int, k: int) -> tuple[re.Pattern[str], int]:
        """The pattern, compiled, and width of cue ``k`` (``kind`` 0) or not-event phrase
        ``k`` (``kind`` 1).

        Raises
        ------
        ValueError
            When the pattern has no longest match (``_width``).
        """
        rule = self._rules[kind][k]
        if rule is None:
            rule = self._rules[kind][k] = _compiled(self._sources[kind][k])
        return rule

    def compile_all(self) -> None:
        """Compile every pattern now, not on first use: before a pool forks its workers, so
        that they inherit the compiled patterns instead of each compiling its own."""
        for kind, sources in enumerate(self._sources):
            for k in range(len(sources)):
                self.rule(kind, k)
        for name in ("unreal", "retypes", "causes", "generic_kill", "disease"):
            getattr(self, name)

    @functools.cached_property
    def unreal(self) -> re.Pattern[str]:
        """What is planned, hoped for, feared or demanded (``UNREAL``), compiled
        (``regrouped``)."""
        return compiled(self._unreal)

    @functools.cached_property
    def retypes(self) -> list[tuple[str, str, re.Pattern[str], str, str]]:
        """The retypes: (type, sub-type, pattern compiled, new type, new sub-type)."""
        return [
            (r.event_type, r.sub_event_type, compiled(r.pattern), r.new_type, r.new_sub_type)
            for r in self._retypes
        ]

    @functools.cached_property
    def causes(self) -> list[tuple[re.Pattern[str], str, str]]:
        """``CAUSES``, compiled."""
        return [(compiled(p), t, st) for p, t, st in CAUSES]

    @functools.cached_property
    def generic_kill(self) -> re.Pattern[str]:
        """``GENERIC_KILLS``, compiled."""
        return compiled(GENERIC_KILLS)

    @functools.cached_property
    def disease(self) -> re.Pattern[str]:
        """``DISEASE``, compiled."""
        return compiled(DISEASE)

    def keys(self, low: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
        """Where the keys of cues (kind 0) and not-event phrases (kind 1) are in a lower-cased
        text (or in ``low[start:end]``): (start, kind, index), by end."""
        found = self._auto.iter(low, start, len(low) if end is None else end)
        return [
            (at + 1 - size, kind, k)
            for at, (size, cue_ks, not_ks) in found
            for kind, ks in ((0, cue_ks), (1, not_ks))
            for k in ks
        ]

    def key_positions(
        self,
        low: str,
        spans: Sequence[tuple[int, int]],
        stop: int,
        origin: int = 0,
    ) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """The keys of each cue and of each not-event phrase in ``low[start:end]`` for each
        (start, end) of ``spans`` (a key counts only whole in one), that start before
        ``stop``: {index: [start - origin, …]} for the cues, then for the not-event phrases
        (what ``hits_of`` takes)."""
        cues: dict[int, list[int]] = {}
        nots: dict[int, list[int]] = {}
        for start, end in spans:
            # (a slice: ``iter`` copies the whole text it is given, not only ``start:end``)
            for at, (size, cue_ks, not_ks) in self._auto.iter(low[start:end]):
                at += start + 1 - size
                if at >= stop:
                    continue
                at -= origin
                for k in cue_ks:
                    if k in cues:
                        cues[k].append(at)
                    else:
                        cues[k] = [at]
                for k in not_ks:
                    if k in nots:
                        nots[k].append(at)
                    else:
                        nots[k] = [at]
        return cues, nots

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
        for at, kind, k in self.keys(low) if keys is None else keys:
            (nots if kind else cues).setdefault(k, []).append(at)
        return self.hits_of(low, text, cues, nots, other=other)

    def hits_of(
        self,
        low: str,
        text: str | None,
        cue_keys: dict[int, list[int]],
        not_keys: dict[int, list[int]],
        *,
        other: bool = True,
    ) -> list[tuple[int, int, int]]:
        """``hits`` with the sentence's keys as ``key_positions`` gives them."""
        found = []
        rules = self._rules[0]
        for k in sorted(cue_keys):
            if not other and k in self.other:
                continue
            pattern, width = rules[k] or self.rule(0, k)
            for s, e in matches_near(pattern, low, cue_keys[k], width):
                if not _negated(low, s) and (
                    # (``_in_name`` is False for a lower-case word: not called for one)
                    text is None or not text[s : s + 1].isupper() or not _in_name(text, s)
                ):
                    found.append((s, e, k))
        if not found:
            return []
        # the not-event phrases only where a cue matched
        blocked = []
        rules = self._rules[1]
        for k in sorted(not_keys):
            pattern, width = rules[k] or self.rule(1, k)
            blocked += matches_near(pattern, low, not_keys[k], width)
        out = [(s, e, k) for s, e, k in found if not any(bs < e and s < be for bs, be in blocked)]
        out.sort()
        return out


def _compiled(pattern: str) -> tuple[re.Pattern[str], int]:
    """A codebook pattern compiled (``regrouped``), and its width (``_width``)."""
    return compiled(pattern), _width(pattern)


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
    if len(keys) > 1:
        keys = sorted(keys)
    k, n = 0, len(keys)
    while k < n:
        # a window: the starts from ``lo`` to ``hi``, the keys' whose starts overlap merged
        hi = keys[k]
        lo = max(0, hi - width)
        k += 1
        while k < n and keys[k] - width <= hi:
            hi = keys[k]
            k += 1
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


def _negated(low: str, at: int) -> bool:
    """Whether the cue at ``at`` is denied (``_NEGATED`` in the 30 characters before it).

    Each of its negations holds "no", "never", "n't" or "without" ("not", "nor" and "no
    longer" hold "no"): without them it cannot match, and it is not run."""
    lo = max(0, at - 30)
    before = low[lo:at]
    return (
        "no" in before or "never" in before or "n't" in before or "without" in before
    ) and _NEGATED.search(low, lo, at) is not None


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
