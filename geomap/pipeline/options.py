"""A run's options, one frozen object: what it reads, with which gazetteer, where it works.

``build_events``, ``run_build`` and ``run_extract`` take a ``RunOptions``, or its fields as
keyword arguments (``with_keywords``), and hand it on to the passes, so that each option is
declared and documented once, here.

>>> options = RunOptions(workers=2, max_chars=10_000)
>>> options.elsewhere, with_keywords(options, {"workers": 1}).elsewhere
(True, False)
>>> with_keywords(None, {"wokers": 2})
Traceback (most recent call last):
...
TypeError: RunOptions.__init__() got an unexpected keyword argument 'wokers'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from geomap.gazetteer import Gazetteer
from geomap.ingest import DateOrder
from geomap.pipeline.reading import DEFAULT_MAX_CHARS

__all__ = ["RunOptions", "with_keywords"]


@dataclass(frozen=True, slots=True)
class RunOptions:
    """The options of a run (``geomap build`` or ``geomap extract``, or ``build_events``).

    Immutable and picklable (a gazetteer pickles as its path: a process that unpickles it
    opens the file again); a variant is ``dataclasses.replace(options, field=value)``.

    Attributes
    ----------
    gazetteer : Gazetteer, optional
        The gazetteer; by default the bundled one (built on first use).
    today : datetime.date, optional
        Upper bound for inferred publication years (default: the date the run starts).
    max_chars : int
        Articles longer than this (in characters) are skipped and reported.
    date_order : {"dmy", "mdy"}, optional
        Read JSONL/CSV dates such as 05/04/2015 day first or month first; without it they
        are reported and ignored.
    progress : bool or None
        Show a progress bar (None: when stderr is a terminal).
    workers : int
        Processes for the per-article work (1: in this process; less than 1 is refused
        with ``ValueError`` when the run starts).
    dask : str, optional
        The address of a Dask scheduler to run the per-article work on instead
        (``pip install 'geomap[dask]'``).
    """

    gazetteer: Gazetteer | None = None
    today: dt.date | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    date_order: DateOrder | None = None
    progress: bool | None = None
    workers: int = 1
    dask: str | None = None

    @property
    def elsewhere(self) -> bool:
        """Whether the per-article work runs in other processes (workers or Dask)."""
        return self.workers > 1 or bool(self.dask)

    def gazetteer_or_default(self) -> Gazetteer:
        """``gazetteer``, else the bundled one (opened anew at each call: see ``fixed``)."""
        return self.gazetteer if self.gazetteer is not None else Gazetteer()

    def run_date(self) -> dt.date:
        """``today``, else the date now (see ``fixed``)."""
        return self.today if self.today is not None else dt.date.today()

    def fixed(self) -> RunOptions:
        """These options with ``gazetteer`` and ``today`` set (``gazetteer_or_default``,
        ``run_date``): what a run holds from its start, so that it opens one gazetteer
        and both passes date articles against one day."""
        return replace(self, gazetteer=self.gazetteer_or_default(), today=self.run_date())


def with_keywords(options: RunOptions | None, keywords: Mapping[str, Any]) -> RunOptions:
    """``options`` (None: ``RunOptions()``) with the fields ``keywords`` names replaced.

    Raises
    ------
    TypeError
        When a keyword is not a field of ``RunOptions``.
    """
    return replace(options if options is not None else RunOptions(), **keywords)
