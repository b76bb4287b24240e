"""Reading a person's file without reading anything else: the one door for a project's files.

A symbolic link in ``sources/`` or ``articles/`` that leads out of its folder (to
``/etc/passwd``, an SSH key, another project) would be ingested and published in
full; a FIFO would hang the run; a 1 GB file would be read whole before anyone
looked at its size.  :func:`read_inside` refuses all three, each with a message
the caller turns into its own error naming the file.  Static files and templates are
read by other means (copied, loaded by Jinja); :func:`inside` is the test they ask first,
and :func:`links_leaving` names what was passed over.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(Exception):
    """A file :func:`read_inside` would not read; ``message`` and ``hint`` say why and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _link_refused(folder: str) -> Refused:
    return Refused(f"a symbolic link to a file outside {folder}/; it was not read",
                   hint=f"copy the file into {folder}/ instead of linking to it")


def read_inside(path: str | Path, folder: str | Path, limit: int, *,
                limit_hint: str = "split it into smaller files", too_large: str = "too large") -> bytes:
    """The bytes of the regular file *path*, which must be in *folder* or link to a file in it.

    The size is taken from the opened file (``fstat``), before a byte is read, and the read
    stops one byte past *limit*, so a file that grows meanwhile is refused too.
    """

    def oversized(size: int) -> Refused:
        return Refused(f"{too_large} ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)", limit_hint)

    name = os.path.basename(os.path.realpath(folder)) or os.sep  # "site.yaml"'s folder is "." otherwise
    target = os.fspath(path)
    if os.path.islink(target):
        if not inside(Path(folder), Path(target)):
            raise _link_refused(name)
        target = os.path.realpath(target)  # inside the folder: read the file it names, and no other
    try:
        fd = os.open(target, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # made a link since it was looked at
            raise _link_refused(name) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file; it was not read", hint="only plain files are read here")
        if info.st_size > limit:
            raise oversized(info.st_size)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise oversized(len(data))
    return data


def inside(folder: Path, path: Path) -> bool:
    """True when *path*, every link followed, is *folder* itself or lies below it.

    *folder* is resolved too, so a folder that is itself a link is judged by
    where it leads.  A link loop counts as outside: what cannot be resolved is
    not read.
    """
    try:
        root = folder.resolve()
        real = path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
        return False
    return real == root or root in real.parents


def links_leaving(folder: Path) -> tuple[Path, ...]:
    """Every link under *folder* (files and folders, not followed) whose target is outside it, sorted."""
    found = []
    for parent, folders, files in os.walk(folder):  # does not descend into linked folders
        for name in (*folders, *files):
            path = Path(parent, name)
            if path.is_symlink() and not inside(folder, path):
                found.append(path)
    return tuple(sorted(found))
