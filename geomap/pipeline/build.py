"""``geomap build`` and ``build_events``: both passes, the events taken in, the outputs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.events import Aggregator
from geomap.pipeline.execution import collector_paused, collector_relaxed, import_all
from geomap.pipeline.options import RunOptions, with_keywords
from geomap.pipeline.output import OUTPUT_MODULES, publish_outputs
from geomap.pipeline.passes import ArticleResult, run_passes
from geomap.pipeline.reading import PathLike
from geomap.pipeline.report import BuildResult, NoArticlesError, RunReport

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["STAGES", "build", "build_events", "run_build", "collect_events"]

#: The stages of ``run_build``, in order, as its ``on_stage`` callback names them when
#: each ends: the first pass (publication dates), the second pass (the per-article work
#: and taking in the events), the events table, the outputs written into the staging
#: folder, the outputs moved into place.
STAGES = ("first pass", "second pass", "events table", "staged", "outputs")


def _chunk_events(results: list[ArticleResult]) -> tuple[Aggregator, int]:
    """The events of a chunk's results and their number of mentions (the ``finish`` of a
    build): the main process takes in each chunk's events (``Aggregator.update``), which
    come back from workers as a few tuples a group, not an object a mention."""
    agg = Aggregator()
    count = 0
    for res in results:
        count += agg.add(res.events, res.mentions, res.source)
    return agg, count


def collect_events(
    parts: Iterable[tuple[Aggregator, int]],
    report: RunReport,
    *,
    preloading: bool,
    modules: Sequence[str] = (),
) -> Aggregator:
    """Take every chunk's events into one ``Aggregator``, counting mentions in ``report``.

    With ``preloading`` (the per-article work runs in other processes), the cyclic
    collector is paused and ``modules`` are imported in a thread meanwhile; without, it
    runs less often (``collector_relaxed``) while this process does both passes.
    """
    agg = Aggregator()
    thread: threading.Thread | None = None
    with collector_paused(True) if preloading else collector_relaxed():
        for part in parts:
            if thread is None and preloading:
                # the per-article work runs in other processes, which have started (a
                # pool's processes are all forked at its first task): import what the
                # outputs need now, while this one mostly waits, not after the last article
                thread = threading.Thread(target=import_all, args=(modules,), daemon=True)
                thread.start()
            events_of_chunk, count = part
            agg.update(events_of_chunk)
            report.mentions += count
        if thread is not None:
            thread.join()  # before anything forks again (``output.write_outputs``)
    return agg


def build(
    paths: PathLike | Iterable[PathLike],
    options: RunOptions,
    *,
    preload: Sequence[str] = ("pandas",),
    on_stage: Callable[[str], object] | None = None,
    outputs: Sequence[PathLike] = (),
) -> BuildResult:
    """The events of a run and its report (``build_events``'s work). With workers or Dask,
    the modules ``preload`` names are imported while the per-article work runs elsewhere.
    ``on_stage`` is called with the name of each of the first three ``STAGES`` as it ends.
    ``outputs`` (the output folder) are not read as inputs where an input folder holds
    them."""
    parts, report = run_passes(
        paths, _chunk_events, options, on_stage=on_stage, outputs=outputs, events=True
    )
    agg = collect_events(parts, report, preloading=options.elsewhere, modules=preload)
    if on_stage is not None:
        on_stage("second pass")
    with collector_paused(True):  # the tables' many new objects make no cycles
        events, mentions = agg.frames()
    report.events = len(events)
    if on_stage is not None:
        on_stage("events table")
    return BuildResult(events, report, mentions)


def build_events(
    paths: PathLike | Iterable[PathLike], options: RunOptions | None = None, **keywords: Any
) -> pd.DataFrame:
    """Read news articles and return their events as a DataFrame (see ``geomap.events``).

    Parameters
    ----------
    paths : path-like or iterable of path-like
        A file (.txt, .jsonl, .csv…) or folder (read recursively), or several.
    options : RunOptions, optional
        The run's options (the gazetteer, ``today``, ``max_chars``, ``workers``…).
    **keywords
        Fields of ``RunOptions`` (``gazetteer=``, ``today=``, ``workers=``…), replacing
        those of ``options``. ``progress`` is False unless given.

    Returns
    -------
    pandas.DataFrame
        One row per event. ``events.attrs["report"]`` is the run's ``RunReport``: every
        input file, the articles read from it and each problem (what ``geomap build``
        writes as report.json, ``.to_dict()``). A run that reads no article gives an
        empty frame; its report says why.

    Raises
    ------
    FileNotFoundError
        When a path does not exist (before anything is read).
    TypeError
        When a keyword is not a field of ``RunOptions``.
    """
    quiet = options if options is not None else RunOptions(progress=False)
    result = build(paths, with_keywords(quiet, keywords))
    events = result.events
    events.attrs["report"] = result.report
    return events


def run_build(
    paths: PathLike | Iterable[PathLike],
    out_dir: PathLike,
    options: RunOptions | None = None,
    *,
    title: str = "geomap",
    on_stage: Callable[[str], object] | None = None,
    **keywords: Any,
) -> BuildResult:
    """``geomap build``: write map.html, events.geojson, events.csv, mentions.geojson,
    mentions.csv and report.json.

    ``paths``, ``options`` and ``keywords`` are as for ``build_events`` (``progress`` is
    None unless given: a bar when stderr is a terminal). The outputs replace the previous
    ones only once all six are written (``output.publish_outputs``). ``on_stage``, if
    given, is called with the name of each of ``STAGES`` as it ends
    (``benchmarks/stages.py`` times them with it).

    Raises
    ------
    FileNotFoundError
        When an input path does not exist; nothing is written.
    NoArticlesError
        When no article at all was read; nothing is written (its ``report`` says why).
    """
    options = with_keywords(options, keywords)
    outputs = (out_dir,)
    result = build(paths, options, preload=OUTPUT_MODULES, on_stage=on_stage, outputs=outputs)
    if result.report.articles == 0:
        raise NoArticlesError(result.report)
    publish_outputs(result, Path(out_dir), title=title, workers=options.workers, on_stage=on_stage)
    return result
