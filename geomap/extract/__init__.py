"""Toponym recognition: find the spans of an article that name places in the gazetteer.

The package's modules, one concern each:

- ``lexer``: the word, sentence-end and name-run patterns and their compiled scanners;
- ``tokens``: tokens, a text's words as parallel lists, sentence bounds;
- ``find``: the runs of words looked up in the gazetteer, and ``find_toponyms``;
- ``filters``: the rules telling places from people, organisations and common words;
- ``states``: US state abbreviations and towns written before their region;
- ``wordlists``: the word lists those rules read, each with what it is for and its source;
- ``span``: ``Span``, a place name found, with its candidate places.

Examples
--------
>>> from geomap.extract import find_toponyms
>>> from geomap.gazetteer import Gazetteer
>>> from geomap.ingest import parse_article
>>> text = "Shelling hit Stepanakert, Nagorno-Karabakh, as Vladimir Zainetdinov spoke in Baku."
>>> [s.surface for s in find_toponyms(parse_article("a1", text), Gazetteer())]
['Stepanakert', 'Nagorno-Karabakh', 'Baku']
"""

from __future__ import annotations

from geomap.extract.find import MAX_NAME_TOKENS, find_toponyms
from geomap.extract.lexer import COMPILED_LEXER, LEXER, PATTERN_LEXER, Lexer
from geomap.extract.span import Span
from geomap.extract.tokens import Token, sentences, tokenize
from geomap.extract.wordlists import DIVISION_WORDS, US_STATES

__all__ = [
    "Span",
    "Token",
    "tokenize",
    "sentences",
    "find_toponyms",
    "MAX_NAME_TOKENS",
    "DIVISION_WORDS",
    "US_STATES",
    "Lexer",
    "LEXER",
    "COMPILED_LEXER",
    "PATTERN_LEXER",
]
