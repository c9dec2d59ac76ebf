"""Strings that can always be written as UTF-8: lone surrogates mended or shown escaped.

A Python ``str`` can hold what UTF-8 cannot encode: lone surrogates, from a JSON escape
(``"\\ud800"``) or from a file name that is not valid UTF-8 (``os.fsdecode`` turns each
bad byte into one of U+DC80…U+DCFF). Text that reaches the outputs has them replaced
(``mend``); names shown to the user keep the bad bytes visible (``shown``). A string
without any is returned as it is.
"""

from __future__ import annotations

import re

__all__ = ["SURROGATE", "has_surrogates", "mend", "shown"]

#: A surrogate code point (in a valid ``str`` from a valid source, never alone).
SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (and so cannot be encoded as UTF-8).

    Parameters
    ----------
    text : str
        Text from an input: a field of a record, a file's name.

    Returns
    -------
    bool
    """
    if text.isascii():
        return False
    try:
        # the codec's scan is several times faster than the pattern's (it fails exactly
        # where a surrogate is: UTF-8 encodes every other code point)
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def mend(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD: the same length, so every offset
    into it still holds.

    >>> mend("a\\ud800b"), mend("plain")
    ('a\\ufffdb', 'plain')
    """
    return SURROGATE.sub("\ufffd", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (``surrogateescape``)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` for display: each undecodable byte of a file name as ``\\xNN``, any other
    lone surrogate as ``\\uNNNN`` (longer than ``text``: its offsets do not hold).

    >>> shown("caf\\udce9.txt"), shown("\\ud800"), shown("plain")
    ('caf\\\\xe9.txt', '\\\\ud800', 'plain')
    """
    return SURROGATE.sub(_escape, text)
