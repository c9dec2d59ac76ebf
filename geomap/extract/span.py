"""Span: a place name found in a text, with the places it may refer to."""

from __future__ import annotations

from dataclasses import dataclass

from geomap.gazetteer import Candidate
from geomap.models import direct_init

__all__ = ["Span"]


@direct_init
@dataclass(frozen=True)
class Span:
    """A place name found in a text, with the places it may refer to.

    ``start``/``end`` are offsets into the article text; ``surface`` is ``text[start:end]``.
    """

    start: int
    end: int
    surface: str
    candidates: tuple[Candidate, ...]
    sentence: int
    is_dateline: bool = False
    #: a division word right after the name ("district" in "Absheron district"), or None
    qualifier: str | None = None
