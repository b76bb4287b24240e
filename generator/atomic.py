"""The one atomic writer: a file is replaced whole or not at all, and never over a person's save.

Ingest (articles, backups, the report), the build (an incremental build's pages) and the
article cache all write through here.  A new file gets the mode any program's new file gets
(0o666 less the umask) unless the caller names one; a replaced file keeps the mode it had.

:func:`write_files` is the careful form ingest uses: every replacement names the bytes (by
hash) the file held when it was read, and a file that changed since is a conflict, left as the
person saved it.  Numbered backups (``x.md.orig``, ``x.md.1.orig``, ``x.md.2.orig`` ...) are
made with a hard link that fails rather than replace an older one.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Flushing every file system at once is one call on Linux, where ``sync`` waits for the disk;
#: elsewhere each file is flushed on its own.
_SYNC_ALL = sys.platform.startswith("linux") and hasattr(os, "sync")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
#: The hash of "the file did not exist when it was read".
ABSENT = ""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def temporary(directory: str | Path, prefix: str, suffix: str = "", mode: int | None = None
              ) -> tuple[int, str]:
    """A new empty file in *directory*: (open descriptor, path).

    ``tempfile.mkstemp`` makes every file 0600; here the kernel applies the umask to 0o666,
    as for any program's new file, or the file gets exactly *mode*.
    """
    for _ in range(100):
        path = os.path.join(directory, f"{prefix}{secrets.token_hex(6)}{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666)
        except FileExistsError:
            continue
        if mode is not None:
            try:
                os.fchmod(fd, mode)
            except BaseException:
                os.close(fd)
                os.unlink(path)
                raise
        return fd, path
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))


def write_temporary(directory: str | Path, data: bytes | Iterable[bytes], *, prefix: str, suffix: str = "",
                    mode: int | None = None, sync: bool = False) -> str:
    """*data* in a new temporary file in *directory* (see :func:`temporary`); its path."""
    fd, path = temporary(directory, prefix, suffix, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for chunk in data:
                    handle.write(chunk)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        os.unlink(path)
        raise
    return path


def replace(target: Path, data: bytes, *, prefix: str | None = None, mode: int | None = None) -> None:
    """Put *data* at *target* through a temporary file beside it and one rename."""
    if mode is None:
        mode = _mode_of(target)
    tmp = write_temporary(target.parent, data, prefix=prefix or f".{target.name}.",
                          suffix="" if prefix else ".tmp", mode=mode)
    try:
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def _mode_of(target: Path) -> int | None:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


# --- ingest's checked replacements ---------------------------------------------------


@dataclass(frozen=True)
class Replacement:
    """One file for :func:`write_files` to write under its folder."""

    name: str
    data: bytes
    #: sha256 of the bytes the file held when it was read, :data:`ABSENT` if there was none;
    #: ``None``: write whatever the file holds now.
    expected: str | None = None
    #: Keep what is replaced as a numbered backup first.
    backup: bool = False


@dataclass(frozen=True)
class Written:
    #: Files whose bytes changed.
    written: tuple[str, ...] = ()
    #: Files that changed since they were read: left as they are.
    conflicts: tuple[str, ...] = ()
    #: Backups made, in the order of ``written``.
    backups: tuple[str, ...] = ()


@dataclass
class _Pending:
    item: Replacement
    target: str
    tmp: str
    #: (temporary file holding the replaced bytes, their mode) for a backup.
    backup: str | None = None


def _read_current(path: str) -> tuple[bytes | None, int | None]:
    """(bytes, mode) of the file at *path*; (None, None) if there is none.  A link is not followed."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a symbolic link: not a file ingest wrote
            return b"", None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return b"", None
        return handle.read(), stat.S_IMODE(info.st_mode)


def _changed(path: str, expected: str | None) -> bool:
    if expected is None:
        return False
    return _hash(_read_current(path)[0]) != expected


def _hash(data: bytes | None) -> str:
    return ABSENT if data is None else sha256(data)


def write_files(directory: Path, files: Sequence[Replacement]) -> Written:
    """Write each file under *directory* atomically, none over a save made since it was read.

    All new texts go to temporary files first, reach the disk in one flush, and only then
    replace their targets, in order: after a crash every file holds its old text or its new
    one, never a part.  Right before each replacement the file is read again and compared
    with ``expected``: a file a person saved meanwhile is a conflict and stays as they saved it.
    """
    pending: list[_Pending] = []
    conflicts: list[str] = []
    try:
        for item in files:
            target = os.path.join(directory, item.name)
            current, mode = _read_current(target)
            if current == item.data:
                continue
            if item.expected is not None and _hash(current) != item.expected:
                conflicts.append(item.name)
                continue
            if not pending:
                directory.mkdir(parents=True, exist_ok=True)
            entry = _Pending(item, target, write_temporary(directory, item.data, prefix=f".{item.name}.",
                                                           suffix=".tmp", mode=mode, sync=not _SYNC_ALL))
            pending.append(entry)
            if item.backup and current is not None:
                entry.backup = write_temporary(directory, current, prefix=f".{item.name}.", suffix=".tmp",
                                               mode=mode, sync=not _SYNC_ALL)
        if not pending:
            return Written(conflicts=tuple(conflicts))
        if _SYNC_ALL:
            os.sync()
        written: list[str] = []
        backups: list[str] = []
        for entry in pending:
            if _put(entry, backups):
                written.append(entry.item.name)
            else:
                conflicts.append(entry.item.name)
    finally:
        for entry in pending:
            for tmp in (entry.tmp, entry.backup):
                if tmp is not None:
                    _unlink(tmp)
    _sync_directory(directory)
    return Written(tuple(written), tuple(conflicts), tuple(backups))


def _put(entry: _Pending, backups: list[str]) -> bool:
    """Put one pending file in place unless its target changed since it was read; False then."""
    expected = entry.item.expected
    if expected == ABSENT and _link(entry.tmp, entry.target):
        return True  # the link fails rather than replace a file made meanwhile: no window at all
    if expected == ABSENT and os.path.lexists(entry.target):
        return False
    # Read, compare, replace: a save landing between the comparison and the rename (a few
    # microseconds) would still be replaced.  No portable call closes that window.
    if _changed(entry.target, expected):
        return False
    if entry.backup is not None:
        backups.append(_link_backup(entry.backup, entry.target))
    os.replace(entry.tmp, entry.target)
    return True


def _link(source: str, target: str) -> bool:
    """Hard-link *source* at *target* unless something is there; False where links are not supported."""
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        return False
    except (OSError, NotImplementedError) as exc:
        if isinstance(exc, OSError) and exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP,
                                                           errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        return False
    return True


def backup_names(name: str) -> Iterable[str]:
    """``x.md.orig``, then ``x.md.1.orig``, ``x.md.2.orig`` ...

    ``.orig`` stays last, so that editors, ``serve``'s watcher and ingest skip every backup.
    """
    yield f"{name}.orig"
    number = 1
    while True:
        yield f"{name}.{number}.orig"
        number += 1


def _link_backup(tmp: str, target: str) -> str:
    """Give the backup in *tmp* the name after the highest backup of *target*; that name."""
    folder, name = os.path.split(target)
    pattern = re.compile(re.escape(name) + r"(?:\.(\d+))?\.orig")
    taken = [int(m.group(1) or 0) for m in map(pattern.fullmatch, os.listdir(folder)) if m]
    skip = max(taken) + 1 if taken else 0
    for index, candidate in enumerate(backup_names(name)):
        if index < skip:
            continue
        path = os.path.join(folder, candidate)
        if _link(tmp, path):
            return candidate
        if not os.path.lexists(path):  # no hard links here: a create-exclusive copy instead
            with open(tmp, "rb") as source, open(path, "xb") as copy:
                copy.write(source.read())
                os.fsync(copy.fileno())
            os.chmod(path, stat.S_IMODE(os.stat(tmp).st_mode))
            return candidate
    raise AssertionError("unreachable: backup_names never ends")


def _unlink(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync_directory(directory: Path) -> None:
    """Make the renames themselves durable (POSIX; Windows cannot open a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
