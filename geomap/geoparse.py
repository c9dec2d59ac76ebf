"""The geoparser: an article's place names found, and each resolved to one place.

``geoparse`` is the one chain from an ``Article`` to its ``Resolution`` list — find the
names (``geomap.extract``), decide the dateline's country, resolve (``geomap.resolve``) —
used by ``geomap build`` and ``geomap extract`` (through ``geomap.pipeline``), by
``geomap evaluate`` and by the benchmarks, so that what is scored is what is shipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.extract import Span, find_toponyms, sentences
from geomap.gazetteer import Gazetteer
from geomap.models import Article
from geomap.resolve import Resolution, dateline_country_of, resolve_spans

__all__ = ["geoparse", "dateline_country"]


def dateline_country(article: Article, spans: Sequence[Span], gazetteer: Gazetteer) -> str | None:
    """The ISO alpha-2 code of the country of the article's dateline, or None.

    The country the dateline names ("BAKU, Azerbaijan") when it is one; else the country
    of the dateline's place as it resolves among the article's names ("PARIS"). None
    without a dateline.

    Parameters
    ----------
    article : Article
        The article (its ``dateline``, and ``body`` as the text resolution reads).
    spans : sequence of Span
        The article's place names, as ``find_toponyms`` gives them.
    gazetteer : Gazetteer
        The gazetteer.
    """
    dateline = article.dateline
    if dateline is None:
        return None
    if dateline.country:
        for cand in gazetteer.lookup(dateline.country):
            if cand.place.place_type == "country":
                return cand.place.country_code
    # the dateline's place tells the country ("PARIS"): as it resolves among the
    # article's names (find_toponyms gives a dateline span only for a dateline)
    return dateline_country_of(spans, gazetteer, text=article.body)


def geoparse(
    article: Article,
    gazetteer: Gazetteer,
    *,
    bounds: Sequence[tuple[int, int]] | None = None,
) -> list[Resolution]:
    """Every place name of ``article`` and the place it resolves to, in text order.

    Offsets (``Resolution.span.start``/``end``) are into ``article.text`` as given.

    Parameters
    ----------
    article : Article
        The article, as ``geomap.ingest`` reads it (``parse_article``).
    gazetteer : Gazetteer
        The gazetteer the names are looked up in.
    bounds : sequence of (int, int), optional
        The sentence bounds of ``article.body`` (``geomap.extract.sentences``), when the
        caller has them already; computed otherwise.

    Returns
    -------
    list of Resolution
        One per place name kept: its span, its place and the score that chose it.

    Examples
    --------
    >>> from geomap.gazetteer import Gazetteer
    >>> from geomap.ingest import parse_article
    >>> article = parse_article("a1", "Shelling hit Kharkiv on Monday.")
    >>> [(r.span.surface, r.place.country_code) for r in geoparse(article, Gazetteer())]
    [('Kharkiv', 'UA')]
    """
    if bounds is None:
        bounds = sentences(article.body)
    spans = find_toponyms(article, gazetteer, bounds=bounds)
    return resolve_spans(
        spans,
        gazetteer,
        dateline_country=dateline_country(article, spans, gazetteer),
        text=article.body,
    )
