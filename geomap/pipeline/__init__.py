"""The order of the stages: read, date, find and resolve places, type events, aggregate, write.

A run reads its inputs twice (``reading``): a first pass decides publication dates over
the whole run (``dating``); a second pass does the per-article work — geoparse, dates,
roles and event types — in chunks, here, in worker processes or on Dask (``passes``,
``execution``). ``build`` takes the events in and writes the outputs through a staging
folder (``output``); ``toponyms`` writes ``geomap extract``'s JSON lines. A run's
options (gazetteer, ``today``, ``max_chars``, workers…) are one frozen ``RunOptions``
(``options``), handed through all of these. What a run read and skipped is its
``report``.
"""

from __future__ import annotations

from geomap.pipeline.build import STAGES, build_events, collect_events, run_build
from geomap.pipeline.dating import RunDates, date_alone, decide_run_dates, first_pass
from geomap.pipeline.execution import executor
from geomap.pipeline.options import RunOptions, with_keywords
from geomap.pipeline.output import OUTPUT_NAMES, publish_outputs, write_outputs
from geomap.pipeline.passes import (
    CHUNK_SIZE,
    ArticleResult,
    iter_results,
    map_chunks,
    process_article,
    run_passes,
    second_pass,
    work_chunk,
)
from geomap.pipeline.reading import DEFAULT_MAX_CHARS, read_articles
from geomap.pipeline.report import BuildResult, FileReport, NoArticlesError, RunReport
from geomap.pipeline.toponyms import run_extract

__all__ = [
    "RunOptions",
    "with_keywords",
    "FileReport",
    "RunReport",
    "BuildResult",
    "NoArticlesError",
    "read_articles",
    "RunDates",
    "ArticleResult",
    "decide_run_dates",
    "date_alone",
    "work_chunk",
    "map_chunks",
    "iter_results",
    "process_article",
    "build_events",
    "run_build",
    "run_extract",
    "run_passes",
    "executor",
    "first_pass",
    "second_pass",
    "collect_events",
    "write_outputs",
    "publish_outputs",
    "STAGES",
    "CHUNK_SIZE",
    "DEFAULT_MAX_CHARS",
    "OUTPUT_NAMES",
]
