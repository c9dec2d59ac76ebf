"""Case-insensitive regular expressions at case-sensitive speed, with the same matches.

Python's ``re.IGNORECASE`` compares every character through Unicode case folding, which
is several times slower than plain matching. For a pattern whose cased letters are all
ASCII, matching it case-insensitively on a text gives the same matches (same offsets,
groups up to case) as matching its lower-case form case-sensitively on the lower-cased
text, unless the text holds one of the four non-ASCII characters that ``re`` folds onto
an ASCII letter (``İ ı ſ K``). ``ascii_lower`` says when that holds and lowers the text;
``lowered`` compiles the lower-case, case-sensitive form of a pattern.
"""

from __future__ import annotations

import re

__all__ = ["ascii_lower", "lowered"]

#: The non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII letter (checked over
#: every code point): dotted and dotless I, long s, Kelvin sign. ``İ`` is also the only
#: character whose ``str.lower()`` is longer than one character.
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
#: What ``lowered`` keeps: escapes (``\W`` is not ``\w``) and named-group syntax
#: (``(?P<name>``, ``(?P=name)``); and the capitals it lowers.
_KEPT_OR_UPPER = re.compile(r"\\.|\(\?P|[A-Z]+", re.DOTALL)


def ascii_lower(text: str) -> str | None:
    """``text.lower()``, or None when a lowered match would differ from ``re.IGNORECASE``.

    The result has the same length and the same word characters as ``text``.

    Parameters
    ----------
    text : str
        The text to match.

    Returns
    -------
    str or None
        The lower-cased text; None when ``text`` holds ``İ``, ``ı``, ``ſ`` or ``K``.
    """
    # ``_FOLDS_TO_ASCII`` one by one: four searches for a character (memchr) cost a tenth
    # of one search for the class of the four
    if not text.isascii() and (
        "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text
    ):
        return None
    return text.lower()


def lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive form of a case-insensitive pattern, for ``ascii_lower`` texts.

    Letters outside escapes and group syntax are lowered; escapes (``\\b``, ``\\W``,
    ``\\d``…) and ``(?P<name>`` are kept.

    Parameters
    ----------
    pattern : re.Pattern
        A pattern compiled with ``re.IGNORECASE`` whose letters are ASCII (other characters
        must be uncased, like dashes), without ``\\N{...}`` escapes, and whose group names
        are lower case.

    Returns
    -------
    re.Pattern
        The pattern to run on ``ascii_lower(text)``: same matches, same group names.
    """
    if not pattern.flags & re.IGNORECASE:
        raise ValueError("lowered() is for case-insensitive patterns")
    cased = any(not c.isascii() and c.lower() != c.upper() for c in pattern.pattern)
    if cased or "\\N" in pattern.pattern or any(n != n.lower() for n in pattern.groupindex):
        raise ValueError("lowered() needs ASCII letters and lower-case group names")
    source = _KEPT_OR_UPPER.sub(
        lambda m: m.group() if m.group()[0] in "\\(" else m.group().lower(), pattern.pattern
    )
    return re.compile(source, pattern.flags & ~re.IGNORECASE)
