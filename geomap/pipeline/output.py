"""A build's outputs: written into a new set folder, then published at once (``publish``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from geomap.pipeline.execution import quiet_child
from geomap.pipeline.publish import output_set, switch_to
from geomap.pipeline.report import BuildResult

__all__ = ["OUTPUT_NAMES", "OUTPUT_MODULES", "write_outputs", "publish_outputs"]

#: The files ``geomap build`` writes into its output folder (and no others).
OUTPUT_NAMES = ("events.geojson", "events.csv", "map.html", "report.json")
#: What writing a build's outputs imports (pandas, folium and their own imports: about a
#: second), imported while workers run (``build.build``).
OUTPUT_MODULES = ("pandas", "geomap.export", "geomap.render")


def write_outputs(result: BuildResult, folder: Path, *, title: str, workers: int) -> None:
    """Write the four outputs of a build (``OUTPUT_NAMES``) into ``folder``.

    With more than one worker, events.geojson and events.csv are written by two child
    processes while this one renders the map and writes the report: the three take
    similar times, and one after another they would leave the other cores idle once the
    per-article work is done. The children get the events pickled; the files are the same
    bytes either way.
    """
    from geomap.export import write_csv, write_geojson, write_json
    from geomap.render import render_map

    events = result.events
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=2, initializer=quiet_child) as pool:
            written = [
                pool.submit(write_geojson, events, folder / "events.geojson"),
                pool.submit(write_csv, events, folder / "events.csv"),
            ]
            render_map(events, folder / "map.html", title=title)
            write_json(result.report.to_dict(), folder / "report.json")
            for future in written:
                future.result()
        return
    write_geojson(events, folder / "events.geojson")
    write_csv(events, folder / "events.csv")
    render_map(events, folder / "map.html", title=title)
    write_json(result.report.to_dict(), folder / "report.json")


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
        write_outputs(result, folder, title=title, workers=workers)
        if on_stage is not None:
            on_stage("staged")
        switch_to(out_dir, folder, OUTPUT_NAMES)
    if on_stage is not None:
        on_stage("outputs")
