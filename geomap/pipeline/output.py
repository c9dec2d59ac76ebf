"""A build's outputs: written into a new set folder, then published at once (``publish``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.pipeline.execution import collector_paused, quiet_child
from geomap.pipeline.publish import output_set, switch_to
from geomap.pipeline.report import BuildResult

if TYPE_CHECKING:
    import pandas as pd

    from geomap.export import Table

__all__ = ["OUTPUT_NAMES", "OUTPUT_MODULES", "write_outputs", "publish_outputs"]

#: The files ``geomap build`` writes into its output folder (and no others).
OUTPUT_NAMES = (
    "events.geojson",
    "events.csv",
    "mentions.geojson",
    "mentions.csv",
    "map.html",
    "report.json",
)
#: What writing a build's outputs imports (pandas, folium and their own imports: about a
#: second), imported while workers run (``build.build``).
OUTPUT_MODULES = ("pandas", "geomap.export", "geomap.render")


#: The tables a writer child process was given (``_receive_tables``), by name: per-process
#: state of the writers' pool (an initializer can leave it nowhere else), never set in
#: the main process.
_CHILD_TABLES: dict[str, pd.DataFrame] = {}


def _receive_tables(events: pd.DataFrame, mentions: pd.DataFrame) -> None:
    """The initializer of a writer child: ``quiet_child``, keep the tables it writes."""
    quiet_child()
    _CHILD_TABLES.update(events=events, mentions=mentions)


def _write_table(writer: Callable[..., Path], table: Table, path: Path) -> Path:
    """``writer(frame, path, table)`` in a writer child, of the table it was given."""
    return writer(_CHILD_TABLES[table], path, table)


def write_outputs(result: BuildResult, folder: Path, *, title: str, workers: int) -> None:
    """Write the outputs of a build (``OUTPUT_NAMES``) into ``folder``.

    With more than one worker, the events' and mentions' GeoJSON and CSV are written by two
    child processes while this one renders the map and writes the report: they take
    similar times, and one after another they would leave the other cores idle once the
    per-article work is done. The children are given the tables once, as they start
    (where processes are forked, as they are: nothing pickled); the files are the same
    bytes either way.
    """
    from geomap.export import write_csv, write_geojson, write_json
    from geomap.render import render_map

    events = result.events
    mentions = result.mentions
    if mentions is None:
        import pandas

        from geomap.schema import MENTION_COLUMNS

        mentions = pandas.DataFrame(columns=list(MENTION_COLUMNS))
    # mentions.geojson has a line per feature (``layout="lines"``): a row per place name
    tables: list[tuple[Callable[..., Path], pd.DataFrame, str, Table]] = [
        (write_geojson, events, "events.geojson", "events"),
        (write_csv, events, "events.csv", "events"),
        (_lines_geojson, mentions, "mentions.geojson", "mentions"),
        (write_csv, mentions, "mentions.csv", "mentions"),
    ]
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            max_workers=2, initializer=_receive_tables, initargs=(events, mentions)
        ) as pool:
            written = [
                pool.submit(_write_table, writer, table, folder / name)
                for writer, _frame, name, table in tables
            ]
            render_map(events, folder / "map.html", title=title, mentions=mentions)
            write_json(result.report.to_dict(), folder / "report.json")
            for future in written:
                future.result()
        return
    for writer, frame, name, table in tables:
        writer(frame, folder / name, table)
    render_map(events, folder / "map.html", title=title, mentions=mentions)
    write_json(result.report.to_dict(), folder / "report.json")


def _lines_geojson(frame: pd.DataFrame, path: Path, table: Table) -> Path:
    """``write_geojson`` with a line per feature (a module-level function: it is pickled)."""
    from geomap.export import write_geojson

    return write_geojson(frame, path, table, layout="lines")


def publish_outputs(
    result: BuildResult,
    out_dir: Path,
    *,
    title: str,
    workers: int,
    on_stage: Callable[[str], object] | None = None,
) -> None:
    """Write a build's outputs into ``out_dir`` (made if needed) and publish them as one
    set (``publish``): a build interrupted or killed at any point leaves the previous
    outputs as they were, and the names never show a mix of two builds' files.

    Everything is written into a new set folder inside ``out_dir`` first
    (``write_outputs``); then one rename switches the published set. Dead set folders of
    earlier builds (killed outright) are removed first. ``on_stage("staged")`` is called
    when the set folder holds all the outputs, ``on_stage("outputs")`` when they are
    published.
    """
    with output_set(out_dir) as folder:
        with collector_paused(True):  # the writers' many new objects make no cycles
            write_outputs(result, folder, title=title, workers=workers)
        if on_stage is not None:
            on_stage("staged")
        switch_to(out_dir, folder, OUTPUT_NAMES)
    if on_stage is not None:
        on_stage("outputs")
