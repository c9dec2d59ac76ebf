"""Finding input files under the paths given, and opening them: what is read and what is not."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from geomap.models import Problem

__all__ = [
    "SUFFIXES",
    "DOC_SUFFIXES",
    "PathLike",
    "iter_input_files",
    "open_binary",
    "read_bytes",
    "unreadable",
]

#: File name endings geomap reads, and how.
SUFFIXES: dict[str, str] = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

#: Documentation files inside input folders, passed over without a report.
DOC_SUFFIXES = (".md", ".rst")

PathLike = str | os.PathLike[str]


def iter_input_files(paths: Iterable[PathLike]) -> Iterator[Path | Problem]:
    """Every readable input file under ``paths``, in a stable order, or a Problem.

    Folders are read recursively (sorted; hidden entries skipped; symlinked folders
    followed once, loops detected). A path given explicitly must exist and be a regular
    file of a supported type; what cannot be read becomes a ``Problem`` naming it.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Files and folders, in the order they are to be read.

    Yields
    ------
    pathlib.Path or Problem
        A file to read, or what was wrong with an entry.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        yield from _walk(path, explicit=True, seen_dirs=seen_dirs)


def _walk(
    path: Path, *, explicit: bool, seen_dirs: set[tuple[int, int]]
) -> Iterator[Path | Problem]:
    name = str(path)
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            yield Problem(name, "symlink loop; cannot be read", severity="skipped")
        elif path.is_symlink():
            yield Problem(name, "dangling symlink (its target does not exist)", severity="skipped")
        elif exc.errno == errno.ENOENT:
            yield Problem(name, "no such file or directory", severity="skipped")
        else:
            yield Problem(name, f"cannot be read: {exc.strerror}", severity="skipped")
        return
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            if path.is_symlink():
                yield Problem(
                    name, "symlink loop (folder already read); ignored", severity="warning"
                )
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            yield Problem(name, f"cannot list folder: {exc.strerror}", severity="skipped")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            yield from _walk(Path(entry.path), explicit=False, seen_dirs=seen_dirs)
        return
    suffix = path.suffix.lower()
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "not a regular file"
        yield Problem(name, f"{kind}; only regular files are read", severity="skipped")
        return
    if suffix not in SUFFIXES:
        if not explicit and suffix in DOC_SUFFIXES:
            return  # a folder's README is documentation, not an article
        if explicit:
            yield Problem(
                name,
                f"unsupported file type {suffix or '(none)'}; use .txt, .jsonl or .csv",
                severity="skipped",
            )
        else:
            yield Problem(name, "ignored: not a .txt, .jsonl or .csv file", severity="warning")
        return
    yield path


def unreadable(path: Path, exc: OSError) -> Problem:
    """The Problem of a file that cannot be opened or read.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    exc : OSError
        What opening or reading it raised.

    Returns
    -------
    Problem
        ``cannot be read: <reason>``, the file skipped.
    """
    return Problem(str(path), f"cannot be read: {exc.strerror or exc}", severity="skipped")


def open_binary(path: Path) -> BinaryIO | Problem:
    """``path`` opened for reading bytes, or the Problem saying why it cannot be.

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    BinaryIO or Problem
        The open file (the caller closes it), or what went wrong.
    """
    try:
        return open(path, "rb")
    except OSError as exc:
        return unreadable(path, exc)


def read_bytes(path: Path) -> bytes | Problem:
    """The whole content of ``path``, or the Problem saying why it cannot be read.

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    bytes or Problem
        Its bytes, or what went wrong.
    """
    fh = open_binary(path)
    if isinstance(fh, Problem):
        return fh
    with fh:
        try:
            return fh.read()
        except OSError as exc:
            return unreadable(path, exc)
