"""``geomap extract``: one JSON line per article with its toponyms and their offsets."""

from __future__ import annotations

import itertools
import json
import operator
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geomap.pipeline.options import RunOptions, with_keywords
from geomap.pipeline.passes import ArticleResult, run_passes
from geomap.pipeline.reading import PathLike
from geomap.pipeline.report import NoArticlesError, RunReport

__all__ = ["toponym_line", "run_extract"]

#: The encoder of ``toponym_line``, made once: ``json.dumps(record, ensure_ascii=False)``
#: makes a new one for every call.
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False)
#: The order of the toponyms of a line: ``(m.start, m.end)``, got without a Python call.
_START_END = operator.attrgetter("start", "end")


def toponym_line(res: ArticleResult) -> str:
    """The JSON line ``geomap extract`` writes for one article."""
    toponyms = []
    for m in sorted(res.mentions, key=_START_END):
        place, date = m.place, m.date
        toponyms.append(
            {
                "start": m.start,
                "end": m.end,
                "name": m.surface,
                "lat": place.lat,
                "lon": place.lon,
                "geonameid": place.geonameid,
                "place_id": place.place_id,
                "place_name": place.name,
                "country_code": place.country_code,
                "place_type": place.place_type,
                "date": date.iso() if date else None,
                "date_precision": date.precision if date else None,
                "role": m.role,
            }
        )
    record = {
        "id": res.article_id,
        "published": res.published.isoformat() if res.published else None,
        "published_source": res.published_source,
        "toponyms": toponyms,
    }
    return _LINE_ENCODER.encode(record) + "\n"


def _toponym_lines(results: list[ArticleResult]) -> tuple[list[str], int]:
    """The JSON lines of a chunk's results and their number of mentions (the ``finish`` of
    ``geomap extract``: a worker sends back the text to write). Lines, not their join: one
    character beyond Latin-1 would make the whole join slower to encode."""
    return list(map(toponym_line, results)), sum(len(res.mentions) for res in results)


def run_extract(
    paths: PathLike | Iterable[PathLike],
    out_file: PathLike,
    options: RunOptions | None = None,
    **keywords: Any,
) -> RunReport:
    """``geomap extract``: one JSON line per article with its toponyms and their offsets.

    ``paths``, ``options`` and ``keywords`` are as for ``build_events`` (``progress`` is
    None unless given: a bar when stderr is a terminal). Lines are written as articles
    are done, through ``export.atomic_open`` (a temporary file renamed over ``out_file``
    at the end; left as it was if the run fails). An earlier ``out_file`` inside an input
    folder is not read as input.

    Raises
    ------
    FileNotFoundError
        When an input path does not exist: ``out_file`` is left as it was.
    NoArticlesError
        When no article at all was read: ``out_file`` is left as it was, and the error's
        ``report`` says why.
    """
    from geomap.export import atomic_open

    options = with_keywords(options, keywords)
    lines, report = run_passes(paths, _toponym_lines, options, outputs=(out_file,))
    parts = iter(lines)
    first = next(parts, None)  # both passes up to the first chunk: was any article read?
    if first is None:
        raise NoArticlesError(report)
    with atomic_open(Path(out_file)) as fh:
        for chunk, mentions in itertools.chain((first,), parts):
            report.mentions += mentions
            fh.writelines(chunk)
    return report
