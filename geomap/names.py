"""Normalised lookup keys for place names, shared by the gazetteer build and extraction."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key", "az_english", "is_latin_name", "SPECIAL_LETTERS"]

#: Letters that Unicode decomposition does not reduce to ASCII.
SPECIAL_LETTERS = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ə": "e",
        "Ə": "E",
        "ǝ": "e",
        "Ǝ": "E",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ħ": "h",
        "Ħ": "H",
        "ŀ": "l",
        "ʻ": "",
        "ʼ": "",
        "ʿ": "",
        "ʾ": "",
        "‘": "",
        "’": "",
        "'": "",
        "`": "",
        ".": "",
    }
)

_DASHES = re.compile(r"[\-‐‑‒–—―_/]+")
_SPACES = re.compile(r"\s+")

# Azerbaijani Latin -> the English spellings news uses (Abşeron -> Absheron, Xızı -> Khizi,
# Gəncə -> Ganja, Mingəçevir -> Mingachevir). Order matters: digraph sources first.
_AZ_ENGLISH = str.maketrans(
    {
        "ə": "a",
        "Ə": "A",
        "ǝ": "a",
        "Ǝ": "A",
        "x": "kh",
        "X": "Kh",
        "c": "j",
        "C": "J",
        "ç": "ch",
        "Ç": "Ch",
        "ş": "sh",
        "Ş": "Sh",
        "ğ": "gh",
        "Ğ": "Gh",
        "ı": "i",
        "I": "I",
        "ö": "o",
        "Ö": "O",
        "ü": "u",
        "Ü": "U",
    }
)


@lru_cache(maxsize=131072)
def name_key(text: str) -> str:
    """Return the lookup key of a place name as written.

    Case-folded, diacritics removed, dashes and slashes turned into spaces, dots and
    apostrophes removed, whitespace collapsed: ``"Nagorno-Karabakh"`` and
    ``"Nagorno Karabakh"`` share ``"nagorno karabakh"``; ``"U.S."`` is ``"us"``.

    Parameters
    ----------
    text : str
        A name as written in a text or a gazetteer.

    Returns
    -------
    str
        The key; empty when nothing of the name is left.
    """
    if text.isascii():
        if text.isalpha():
            return text.lower()  # a plain word: nothing to remove, fold or collapse
        if text.replace(" ", "").isalpha():
            # plain words between spaces ("New York"): nothing to remove, fold or turn into
            # a space, and the spaces collapsed as below
            return " ".join(text.lower().split())
    text = text.translate(SPECIAL_LETTERS)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _DASHES.sub(" ", text.casefold())
    return _SPACES.sub(" ", stripped).strip()


def az_english(name: str) -> str:
    """Transliterate an Azerbaijani Latin name the way English-language news spells it."""
    return name.translate(_AZ_ENGLISH)


def is_latin_name(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (with diacritics)."""
    has_letter = False
    for ch in name:
        if ch.isalpha():
            has_letter = True
            code = ord(ch)
            if not (code < 0x250 or 0x1E00 <= code <= 0x1EFF or ch in "ǝƏə"):
                return False
    return has_letter
