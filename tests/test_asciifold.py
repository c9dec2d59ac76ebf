"""Tests for geomap.asciifold: lowered patterns on ascii_lower texts match as re.IGNORECASE."""

import re

from geomap.asciifold import ascii_lower, lowered

# the non-ASCII characters re.IGNORECASE matches to an ASCII letter
FOLDING = "\u0130\u0131\u017f\u212a"


def test_ascii_lower_is_none_exactly_when_a_folding_character_is_there() -> None:
    for c in FOLDING:
        assert ascii_lower(f"Gəncə – Ağdam {c}") is None
        assert ascii_lower(c) is None
    assert ascii_lower("Gəncə – Ağdam, ‘Şuşa’") == "gəncə – ağdam, ‘şuşa’"
    assert ascii_lower("KILLED in Baku") == "killed in baku"


def test_the_folding_characters_are_those_ignorecase_folds_onto_ascii() -> None:
    folds = {
        chr(c)
        for c in range(0x80, 0x10000)
        if re.fullmatch("[a-z]", chr(c), re.IGNORECASE) and not chr(c).isascii()
    }
    assert folds == set(FOLDING)


def test_lowered_matches_as_ignorecase_on_ascii_lower_text() -> None:
    pattern = re.compile(r"\b(?P<n>\d+) (?:KILLED|dead)\b", re.IGNORECASE)
    text = "Officials said 12 Killed and 3 DEAD near Ganja."
    low = ascii_lower(text)
    assert low is not None
    got = [m.span() for m in lowered(pattern).finditer(low)]
    assert got == [m.span() for m in pattern.finditer(text)] == [(15, 24), (29, 35)]
