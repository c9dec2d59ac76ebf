"""Where the per-article work runs: in this process, a pool of processes, or on Dask."""

from __future__ import annotations

import contextlib
import gc
import importlib
import operator
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any, NamedTuple, TypeVar

from geomap.errors import GeomapError
from geomap.gazetteer import Gazetteer

__all__ = [
    "Executor",
    "executor",
    "init_worker",
    "quiet_child",
    "worker_gazetteer",
    "chunks",
    "mapped",
    "with_progress",
    "collector_paused",
    "collector_relaxed",
    "RELAXED_THRESHOLD",
    "import_all",
]

_T = TypeVar("_T")
_X = TypeVar("_X")


class Executor(NamedTuple):
    """Where chunks are worked on, when not in this process."""

    #: ``submit(fn, *args)``: a future of ``fn(*args)``.
    submit: Callable[..., Any]
    #: Chunks in flight at most.
    window: int
    #: What a task is given for the gazetteer: its path (a Dask task opens it) or None (a
    #: pool's worker has its own, ``worker_gazetteer()``).
    gazetteer: str | None


#: The youngest generation's threshold of the cyclic collector while a process does the
#: per-article work (``collector_relaxed``, ``init_worker``): Python's default is 700.
RELAXED_THRESHOLD = 10_000

#: The gazetteer of a worker process, opened once by ``init_worker``: per-process state
#: of the pool's workers (an initializer can leave it nowhere else), never set in the
#: main process.
_WORKER_GAZETTEER: list[Gazetteer] = []


def quiet_child() -> None:
    """The initializer of a child process of the pool: Ctrl-C is the parent's to handle.

    A terminal's Ctrl-C sends SIGINT to the whole process group: the children ignore it
    (else each prints a ``KeyboardInterrupt`` traceback) and the parent, interrupted,
    shuts the pool down. SIGTERM gets its default action back (the parent's handler, see
    ``geomap.cli``, was inherited by the fork).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def init_worker(gazetteer_path: str) -> None:
    """The initializer of a pool's worker process: ``quiet_child``, open its gazetteer."""
    quiet_child()
    _WORKER_GAZETTEER[:] = [Gazetteer(gazetteer_path)]
    # what the worker has now (the modules it was forked with, the gazetteer's word sets)
    # lives as long as it does: out of the collector's sight, its collections do not walk
    # it, nor write to (and so copy) the pages it shares with its parent
    gc.freeze()
    # and what it makes is looked at every ``RELAXED_THRESHOLD`` allocations, as when the
    # main process does the work itself (``collector_relaxed``)
    gc.set_threshold(RELAXED_THRESHOLD, *gc.get_threshold()[1:])


def worker_gazetteer() -> Gazetteer:
    """The gazetteer ``init_worker`` opened in this worker process."""
    return _WORKER_GAZETTEER[0]


@contextlib.contextmanager
def executor(workers: int, dask: str | None, gazetteer: Gazetteer) -> Iterator[Executor | None]:
    """A Dask client, a pool of ``workers`` processes, or None (work in this process).

    Parameters
    ----------
    workers : int
        Worker processes (1: None, the work runs in this process).
    dask : str, optional
        The address of a Dask scheduler (``pip install 'geomap[dask]'``).
    gazetteer : Gazetteer
        The gazetteer; workers and Dask tasks open its file.

    Raises
    ------
    ValueError
        When ``workers`` is less than 1.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if dask:
        try:
            from distributed import Client
        except ImportError as exc:
            raise GeomapError(
                "--dask needs the optional Dask extra: pip install 'geomap[dask]'"
            ) from exc
        with Client(dask, set_as_default=False) as client:
            window = max(4, 2 * sum(client.nthreads().values()))
            yield Executor(partial(client.submit, pure=False), window, str(gazetteer.path))
        return
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            max_workers=workers, initializer=init_worker, initargs=(str(gazetteer.path),)
        ) as pool:
            yield Executor(pool.submit, 3 * workers, None)
        return
    yield None


def chunks(items: Iterable[_X], size: int) -> Iterator[list[_X]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    chunk: list[_X] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def mapped(
    run: Executor | None, fn: Callable[..., _T], parts: Iterator[list[_X]], *args: Any
) -> Iterator[tuple[list[_X], _T]]:
    """``(chunk, fn(chunk, *args))`` for each chunk, in input order: in this process when
    ``run`` is None, else by its workers with at most ``run.window`` chunks in flight."""
    if run is None:
        return map(lambda chunk: (chunk, fn(chunk, *args)), parts)
    return _in_flight(run, fn, parts, args)


def _in_flight(
    run: Executor, fn: Callable[..., _T], parts: Iterator[list[_X]], args: tuple[Any, ...]
) -> Iterator[tuple[list[_X], _T]]:
    pending: deque[tuple[list[_X], Any]] = deque()
    for chunk in parts:
        pending.append((chunk, run.submit(fn, chunk, *args)))
        if len(pending) >= run.window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


#: The second item of a pair. (``map`` with it, rather than a generator, keeps the stack
#: of generators above the per-article work short: an exception raised in there, even
#: one caught at once, walks that stack.)
_SECOND = operator.itemgetter(1)


def with_progress(
    parts: Iterable[tuple[int, _T]], total: int, desc: str, show: bool | None
) -> Iterator[_T]:
    """The outputs of ``parts`` (pairs of an article count and an output), with a progress
    bar counting articles when ``show`` (None: when stderr is a terminal)."""
    if show is None:
        show = sys.stderr.isatty()
    if not show or total < 20:
        return map(_SECOND, parts)
    return _with_bar(parts, total, desc)


def _with_bar(parts: Iterable[tuple[int, _T]], total: int, desc: str) -> Iterator[_T]:
    from tqdm import tqdm

    with tqdm(total=total, desc=desc, unit="article", file=sys.stderr) as bar:
        for n, item in parts:
            yield item
            bar.update(n)


@contextlib.contextmanager
def collector_paused(pause: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector (when ``pause``) for the block.

    For a process that only takes in the events workers send: what it unpickles and keeps
    makes no reference cycles, yet the many objects make the collector walk all it holds,
    again and again (most of the time unpickling them took). It runs again
    after the block, which frees anything cyclic made meanwhile (by the imports of
    ``import_all``, say).
    """
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextlib.contextmanager
def collector_relaxed() -> Iterator[None]:
    """Let the cyclic garbage collector look at new objects every ``RELAXED_THRESHOLD``
    allocations, not every 700, for the block (the older generations' thresholds as they
    were), and put the thresholds back after it.

    For a process doing the per-article work itself: the work makes many short-lived
    objects and few reference cycles, and at every 700 new objects the collector walked
    the young ones, promoting what the run keeps to be walked again by the older
    generations' collections (about half the collector's time in a build, ~0.15 s CPU for
    5,000 articles). The cycles made are freed all the same, a little later.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], RELAXED_THRESHOLD), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def import_all(modules: Sequence[str]) -> None:
    """Import ``modules`` ahead of use; one that fails is left for its use to report."""
    for name in modules:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
