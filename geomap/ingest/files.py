"""Finding input files under the paths given, and opening them: what is read and what is not."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from geomap.ingest.decoding import looks_binary_head
from geomap.models import Problem

__all__ = [
    "SUFFIXES",
    "DOC_SUFFIXES",
    "READ_TYPES",
    "PathLike",
    "iter_input_files",
    "identities",
    "open_binary",
    "read_document",
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


def identities(paths: Iterable[PathLike]) -> frozenset[tuple[int, int]]:
    """The (device, inode) of each of ``paths`` that exists: what ``iter_input_files``
    is told to pass over (a run's own output folder or file).

    Parameters
    ----------
    paths : iterable of str or os.PathLike

    Returns
    -------
    frozenset of (int, int)
    """
    found = set()
    for path in paths:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            continue
        found.add((st.st_dev, st.st_ino))
    return frozenset(found)


def iter_input_files(
    paths: Iterable[PathLike], *, exclude: frozenset[tuple[int, int]] = frozenset()
) -> Iterator[Path | Problem]:
    """Every readable input file under ``paths``, in a stable order, or a Problem.

    Folders are read recursively (sorted; hidden entries skipped; symlinked folders
    followed once, loops detected; the ``X_files`` folder a browser saves beside a page
    ``X.html`` is passed over, as a folder's README is). A path given explicitly must
    exist and be a regular file of a supported type; what cannot be read becomes a
    ``Problem`` naming it. The walk keeps its own stack: a tree of any depth is read.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Files and folders, in the order they are to be read.
    exclude : frozenset of (int, int), optional
        The (device, inode) of folders and files found in a folder to pass over without a
        report (``identities``): the run's own outputs, so that an output folder inside an
        input folder is not read back as input.

    Yields
    ------
    pathlib.Path or Problem
        A file to read, or what was wrong with an entry.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        stack: list[Iterator[Path]] = []
        path: Path | None = Path(raw)
        explicit = True
        while True:
            if path is None:
                if not stack:
                    break
                path = next(stack[-1], None)
                if path is None:
                    stack.pop()
                    continue
                explicit = False
            found, children = _look(path, explicit, seen_dirs, exclude)
            yield from found
            if children is not None:
                stack.append(iter(children))
            path = None


def _look(
    path: Path,
    explicit: bool,
    seen_dirs: set[tuple[int, int]],
    exclude: frozenset[tuple[int, int]],
) -> tuple[list[Path | Problem], list[Path] | None]:
    """What one entry of the walk gives: the file or problems to yield, and the entries
    of a folder to walk next (None for anything else)."""
    name = str(path)
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            why = "symlink loop; cannot be read"
        elif path.is_symlink():
            why = "dangling symlink (its target does not exist)"
        elif exc.errno == errno.ENOENT:
            why = "no such file or directory"
        else:
            why = f"cannot be read: {exc.strerror}"
        return [Problem(name, why, severity="skipped")], None
    if not explicit and (st.st_dev, st.st_ino) in exclude:
        return [], None  # the run's own output folder or file
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            if path.is_symlink():
                why = "symlink loop (folder already read); ignored"
                return [Problem(name, why, severity="warning")], None
            return [], None
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            why = f"cannot list folder: {exc.strerror}"
            return [Problem(name, why, severity="skipped")], None
        names = {entry.name.lower() for entry in entries}
        children = [
            Path(entry.path)
            for entry in entries
            if not entry.name.startswith(".")
            # a saved page's images, scripts and frames: no article, no report
            and not (_saved_page_of(entry.name, names) is not None and _is_dir(entry))
        ]
        return [], children
    suffix = path.suffix.lower()
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "not a regular file"
        return [Problem(name, f"{kind}; only regular files are read", severity="skipped")], None
    if suffix not in SUFFIXES:
        if not explicit and suffix in DOC_SUFFIXES:
            return [], None  # a folder's README is documentation, not an article
        if explicit:
            why = f"unsupported file type {suffix or '(none)'}; use {READ_TYPES}"
            return [Problem(name, why, severity="skipped")], None
        return [Problem(name, f"ignored: not a {READ_TYPES} file", severity="warning")], None
    return [path], None


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


def read_document(path: Path, kind: str | None = None) -> bytes | Problem:
    """The whole content of a file read as one document (a page, a feed, a .txt article), or
    why it is skipped.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    kind : str, optional
        What the file should be ("a web page", "a feed"): a file whose head looks binary is
        skipped as not one. Without it, the caller judges the decoded text (a .txt file,
        which may be UTF-16).

    Returns
    -------
    bytes or Problem
        Its bytes; or the Problem that skips it: unreadable, binary, or empty.
    """
    name = str(path)
    fh = open_binary(path)
    if isinstance(fh, Problem):
        return fh
    with fh:
        try:
            if kind is not None and looks_binary_head(fh):
                return Problem(name, f"binary file, not {kind}; skipped", severity="skipped")
            data = fh.read()
        except OSError as exc:
            return unreadable(path, exc)
    if not data.strip():
        return Problem(name, "empty file", severity="skipped")
    return data
