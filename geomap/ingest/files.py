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
    "READ_TYPES",
    "PathLike",
    "iter_input_files",
    "open_binary",
    "read_bytes",
    "unreadable",
]

#: File name endings geomap reads, and how.
SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
#: The file types named in messages about files that are not read.
READ_TYPES = ".txt, .jsonl, .csv, .html, .rss, .atom or .xml (a feed)"

#: Documentation files inside input folders, passed over without a report.
DOC_SUFFIXES = (".md", ".rst")

#: The folder a browser saves a complete page's images, scripts and frames in, after the
#: page's name: ``Story.html`` and ``Story_files/``.
_ASSETS_FOLDER = "_files"

PathLike = str | os.PathLike[str]


def iter_input_files(paths: Iterable[PathLike]) -> Iterator[Path | Problem]:
    """Every readable input file under ``paths``, in a stable order, or a Problem.

    Folders are read recursively (sorted; hidden entries skipped; symlinked folders
    followed once, loops detected; the ``X_files`` folder a browser saves beside a page
    ``X.html`` is passed over, as a folder's README is). A path given explicitly must
    exist and be a regular file of a supported type; what cannot be read becomes a
    ``Problem`` naming it.

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
        names = {entry.name.lower() for entry in entries}
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _saved_page_of(entry.name, names) is not None and _is_dir(entry):
                continue  # a saved page's images, scripts and frames: no article, no report
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
                f"unsupported file type {suffix or '(none)'}; use {READ_TYPES}",
                severity="skipped",
            )
        else:
            yield Problem(name, f"ignored: not a {READ_TYPES} file", severity="warning")
        return
    yield path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a folder (or a link to one); False when that cannot be told (a
    symlink loop), which ``_walk`` then reports."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _saved_page_of(name: str, siblings: set[str]) -> str | None:
    """The page whose assets folder ``name`` is (``Story_files`` beside ``Story.html``, as
    browsers save a complete page), or None. ``siblings`` are the folder's names, lowered."""
    if not name.lower().endswith(_ASSETS_FOLDER):
        return None
    stem = name[: -len(_ASSETS_FOLDER)]
    for suffix in (".html", ".htm"):
        if (stem + suffix).lower() in siblings:
            return stem + suffix
    return None


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
