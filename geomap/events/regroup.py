"""A regular expression's alternations regrouped by first character (``regrouped``): the same
matches, found faster by ``re``, which tries an alternation's alternatives one by one."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["compiled", "regrouped"]


def compiled(pattern: str) -> re.Pattern[str]:
    """``re.compile(regrouped(pattern))``: the pattern's matches, spans and groups, found faster."""
    return re.compile(regrouped(pattern))


def regrouped(pattern: str) -> str:
    """``pattern`` with the alternatives of each alternation grouped by their first
    character, ``will|would|was`` as ``w(?:i(?:ll)|…)``: the same matches, found faster.

    ``re`` tries an alternation's alternatives one by one; grouped, it tries only those that
    begin with the text's next character, in the same order. An alternation is regrouped
    only when each of its alternatives begins with a plain character (not an escape, a set
    or a group, and not repeated), after an opening group that is not repeated is spread
    over what follows it (``(?:is|was) due`` is ``is due|was due``, the same order), and
    holds no capturing group (their numbers stay). The first of two alternatives that a
    text can both begin with is tried first, as before, so every match is the same, span
    and groups; no flag may change what a character matches (``re.IGNORECASE``).

    Parameters
    ----------
    pattern : str
        A pattern (one with inline flags, ``(?i)``, is returned as it is).
    """
    try:
        out, end = _alternation(pattern, 0)
    except ValueError:  # a group it does not know (inline flags): as it is
        return pattern
    return out if end == len(pattern) else pattern


def _set_end(pattern: str, at: int) -> int:
    """Where the set that opens at ``at`` ends (after its ``]``; a ``]`` first is in it)."""
    at += 2 if pattern.startswith("[^", at) else 1
    at += pattern.startswith("]", at)
    while pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at + 1


#: What is not a plain character in a pattern, and what repeats the one before.
_SPECIAL = frozenset("\\.^$*+?{}[]|()")
_REPEATS = ("?", "*", "+", "{")


def _alternation(pattern: str, at: int) -> tuple[str, int]:
    """The alternation that begins at ``at``, its groups regrouped, and where it ends (the
    ``)`` that closes its group, or the pattern's end)."""
    alternatives: list[str] = []
    part: list[str] = []
    while at < len(pattern) and pattern[at] != ")":
        ch = pattern[at]
        if ch == "|":
            alternatives.append("".join(part))
            part, at = [], at + 1
        elif ch == "\\":
            part.append(pattern[at : at + 2])
            at += 2
        elif ch == "[":
            end = _set_end(pattern, at)
            part.append(pattern[at:end])
            at = end
        elif ch == "(":
            head = _group_head(pattern, at)
            inner, end = _alternation(pattern, at + len(head))
            part.append(head + inner + ")")
            at = end + 1
        else:
            part.append(ch)
            at += 1
    alternatives.append("".join(part))
    return _by_first(alternatives), at


def _group_head(pattern: str, at: int) -> str:
    """How the group at ``at`` opens: ``(?:``, a lookaround, ``(?P<name>`` or ``(``."""
    for head in ("(?:", "(?=", "(?!", "(?<=", "(?<!"):
        if pattern.startswith(head, at):
            return head
    if pattern.startswith("(?P<", at):
        return pattern[at : pattern.index(">", at) + 1]
    if pattern.startswith("(?", at):
        raise ValueError(f"regrouped: a group it does not know at {at} of {pattern[:60]!r}")
    return "("


def _by_first(alternatives: list[str]) -> str:
    """Regrouped alternatives (already regrouped inside), joined by ``|``."""
    if len(alternatives) < 2 or any(_CAPTURE.search(a) for a in alternatives):
        return "|".join(alternatives)
    spread = [one for a in alternatives for one in _spread(a)]
    if not all(a and a[0] not in _SPECIAL and a[1:2] not in _REPEATS for a in spread):
        return "|".join(alternatives)
    by_first: dict[str, list[str]] = {}
    for a in spread:
        by_first.setdefault(a[0], []).append(a[1:])
    return "|".join(
        first + (rests[0] if len(rests) == 1 else "(?:" + _by_first(rests) + ")")
        for first, rests in by_first.items()
    )


#: A capturing group: its number would change if moved.
_CAPTURE = re.compile(r"(?<!\\)\((?!\?)|\(\?P<")


def _spread(alternative: str) -> list[str]:
    """``(?:a|b)c`` as ``[ac, bc]``, the opening group's alternatives each with what
    follows the group (when the group is not repeated and that copies under 400
    characters); else ``[alternative]``."""
    if not alternative.startswith("(?:"):
        return [alternative]
    end = next(at for at, ch, depth in _characters(alternative) if ch == ")" and depth == 0)
    rest = alternative[end + 1 :]
    parts = _split(alternative[3:end])
    if rest[:1] in _REPEATS or len(rest) * (len(parts) - 1) > 400:
        return [alternative]
    return [p + rest for p in parts]


def _split(alternation: str) -> list[str]:
    """The alternatives of an alternation (split at each ``|`` outside groups and sets)."""
    cuts = [at for at, ch, depth in _characters(alternation) if ch == "|" and depth == 0]
    ends = [*cuts, len(alternation)]
    return [alternation[a + 1 : b] for a, b in zip([-1, *cuts], ends, strict=True)]


def _characters(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each character of ``pattern`` outside escapes and sets: its offset, itself and the
    depth of groups after it."""
    depth, at = 0, 0
    while at < len(pattern):
        ch = pattern[at]
        if ch == "\\":
            at += 2
            continue
        if ch == "[":
            at = _set_end(pattern, at)
            continue
        depth += (ch == "(") - (ch == ")")
        yield at, ch, depth
        at += 1
