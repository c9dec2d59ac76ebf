"""Toponym resolution: choose one gazetteer place for each span using the article's context.

The package's modules, in the order a name goes through them:

- ``geomap.resolve.scoring``: a candidate's score (priors, the article's evidence, nearness)
  and the bound on it that lets a scan stop early;
- ``geomap.resolve.evidence``: what the names resolved so far say about the article's
  whereabouts, and what a name's candidates give on their own;
- ``geomap.resolve.containment``: names that hold each other (lists, "Town, Region",
  towns in a county or state the article names);
- ``geomap.resolve.resolver``: the two passes, ``resolve_spans`` and
  ``dateline_country_of``.

The weights and thresholds are ``geomap.settings.ResolverSettings``.
"""

from __future__ import annotations

from geomap.resolve.resolver import dateline_country_of, resolve_spans
from geomap.resolve.scoring import Context, Resolution, score_candidate
from geomap.settings import RESOLVER_SETTINGS, ResolverSettings

__all__ = [
    "RESOLVER_SETTINGS",
    "Context",
    "Resolution",
    "ResolverSettings",
    "dateline_country_of",
    "resolve_spans",
    "score_candidate",
]
