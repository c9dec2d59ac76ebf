"""Publishing a build's outputs as one set: written aside, switched in by one rename.

The output folder holds each output as a symlink into ``.geomap-current``, itself a
symlink to the set folder last published (``.geomap-set-XXXXXXXX``)::

    out/map.html         -> .geomap-current/map.html
    out/.geomap-current  -> .geomap-set-1a2b3c4d
    out/.geomap-set-1a2b3c4d/{map.html, events.geojson, …, .lock}

A build writes its outputs into a new set folder and publishes them all at once by
renaming a new ``.geomap-current`` over the old one (``rename(2)`` is atomic): whatever
happens to the process, the names in the output folder show the old set or the new one,
never a mix. The set it replaced is then removed.

A set folder being written is locked (``flock`` on its ``.lock``) by the process writing
it; the kernel drops the lock when that process ends, however it ends. A set folder that
is not the current one and whose lock can be taken is dead (its build was killed): a
later build removes it (``remove_dead``). Output folders written by earlier versions (the
outputs as plain files) are adopted on the first build: their files are linked into a
set, which becomes the current one, before the names are made symlinks (same content).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

__all__ = [
    "CURRENT",
    "SET_PREFIX",
    "NEW_PREFIX",
    "LOCK",
    "current_set",
    "output_set",
    "remove_dead",
    "switch_to",
]

#: The symlink naming the published set, in the output folder.
CURRENT = ".geomap-current"
#: The prefix of a set folder's name.
SET_PREFIX = ".geomap-set-"
#: The prefix of a set folder's name while it is being made (until it holds its lock).
NEW_PREFIX = ".geomap-new-"
#: The lock file in a set folder.
LOCK = ".lock"


def current_set(out_dir: Path) -> str | None:
    """The name of the set folder ``out_dir`` shows, or None (no set published yet)."""
    try:
        return os.readlink(out_dir / CURRENT)
    except OSError:
        return None


def _try_lock(folder: Path) -> int | None:
    """The descriptor of ``folder``'s lock, now held; None when another process holds it
    (or the folder has no lock file: it cannot be proven dead)."""
    try:
        fd = os.open(folder / LOCK, os.O_RDWR)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _folder_mode() -> int:
    """The mode a new folder gets under the current umask (0o777 minus umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


def _new_locked_folder(out_dir: Path) -> tuple[Path, int]:
    """A new set folder in ``out_dir`` and the descriptor of its lock, held.

    It is made under a ``NEW_PREFIX`` name and renamed to its ``SET_PREFIX`` name only once
    its lock is held, so that no set folder is ever seen without its lock by
    ``remove_dead``.
    """
    making = Path(tempfile.mkdtemp(prefix=NEW_PREFIX, dir=out_dir))
    fd = -1
    try:
        # mkdtemp makes it private (0o700); the outputs stay in it, readable as the umask
        # lets files in the output folder be
        os.chmod(making, _folder_mode())
        fd = os.open(making / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
        fcntl.flock(fd, fcntl.LOCK_EX)
        folder = out_dir / (SET_PREFIX + making.name[len(NEW_PREFIX) :])
        os.rename(making, folder)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        shutil.rmtree(making, ignore_errors=True)
        raise
    return folder, fd


def remove_dead(out_dir: Path) -> list[str]:
    """Remove the set folders in ``out_dir`` left by builds that are gone: not the current
    set, and their lock free (the process that held it has ended). Folders another live
    build holds, and folders without a lock, are left. Returns the names removed."""
    keep = current_set(out_dir)
    removed: list[str] = []
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith((SET_PREFIX, NEW_PREFIX)) or entry.name == keep:
            continue
        if entry.is_symlink() or not entry.is_dir():
            continue
        fd = _try_lock(Path(entry.path))
        if fd is None:
            continue
        try:
            if entry.name != current_set(out_dir):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.name)
        finally:
            os.close(fd)
    return removed


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _place_symlink(target: str, where: Path, scratch: Path) -> None:
    """Make ``where`` a symlink to ``target``, at once (a symlink made in ``scratch``, a
    folder on the same file system, renamed over it); nothing when it already is one."""
    with contextlib.suppress(OSError):
        if os.readlink(where) == target:
            return
    tmp = scratch / f".link-{where.name}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    os.symlink(target, tmp)
    os.replace(tmp, where)


def _adopt(out_dir: Path, names: Sequence[str]) -> None:
    """Make the outputs an earlier version wrote as plain files in ``out_dir`` the current
    set (hard links, or copies, in a new set folder): the names can then become symlinks
    without showing anything new."""
    old = [n for n in names if (out_dir / n).is_file() and not (out_dir / n).is_symlink()]
    if not old:
        return
    folder, fd = _new_locked_folder(out_dir)
    try:
        for name in old:
            try:
                os.link(out_dir / name, folder / name)
            except OSError:
                shutil.copy2(out_dir / name, folder / name)
        _place_symlink(folder.name, out_dir / CURRENT, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        os.close(fd)


#: What ``symlink(2)`` fails with on a file system that has no symlinks (FAT, some shares).
_NO_SYMLINKS = (errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL)


def _has_symlinks(folder: Path) -> bool:
    """Whether the file system of ``folder`` makes symlinks (a probe made and removed)."""
    probe = folder / ".symlink-probe"
    try:
        os.symlink(LOCK, probe)
    except OSError as exc:
        if exc.errno in _NO_SYMLINKS:
            return False
        raise
    os.unlink(probe)
    return True


def _move_each(out_dir: Path, folder: Path, names: Sequence[str]) -> None:
    """Publish by moving each file into place (one rename each): the fallback on a file
    system without symlinks, where a set cannot switch at once."""
    for name in names:
        os.replace(folder / name, out_dir / name)
    shutil.rmtree(folder, ignore_errors=True)


def switch_to(out_dir: Path, folder: Path, names: Sequence[str]) -> None:
    """Publish the set in ``folder`` (a set folder in ``out_dir``) under ``names``, at once,
    and remove the set it replaces.

    Each name becomes (if it is not yet) a symlink into ``CURRENT``, which still shows
    the old set; then one rename points ``CURRENT`` at ``folder``. On a file system with
    no symlinks, each file is moved into place instead (one rename each).
    """
    if not _has_symlinks(folder):
        _move_each(out_dir, folder, names)
        return
    if current_set(out_dir) is None:
        _adopt(out_dir, names)
    for name in names:
        _place_symlink(f"{CURRENT}/{name}", out_dir / name, folder)
    previous = current_set(out_dir)
    _place_symlink(folder.name, out_dir / CURRENT, folder)
    _fsync_dir(out_dir)
    if previous and previous != folder.name and previous.startswith(SET_PREFIX):
        old = out_dir / previous
        fd = _try_lock(old)
        if fd is not None:
            try:
                if current_set(out_dir) != previous:
                    shutil.rmtree(old, ignore_errors=True)
            finally:
                os.close(fd)


@contextlib.contextmanager
def output_set(out_dir: Path) -> Iterator[Path]:
    """A new set folder in ``out_dir`` (made if needed), locked while the block runs.

    Dead sets of earlier builds are removed first (``remove_dead``). If the block raises
    (Ctrl-C included) before the set was published (``switch_to``), the folder is removed;
    a process killed outright leaves it, locked by no one, for a later build to remove.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_dead(out_dir)
    folder, fd = _new_locked_folder(out_dir)
    try:
        yield folder
    except BaseException:
        if current_set(out_dir) != folder.name:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        os.close(fd)
