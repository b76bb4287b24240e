"""The only code that writes the site to disk.

A full build goes into a fresh folder next to the output folder and is swapped
in (in one step where the kernel can), so a failure leaves the previous site as
it was; what a killed build left beside it is removed by the next one.  Only a
folder holding the build's mark (:mod:`generator.outdir`) is ever replaced.  An
incremental build replaces each file with ``os.replace`` of a temporary file.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import glob
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from generator import atomic
from generator.outdir import MARK, check_replaceable, is_marked, write_mark


def _safe_target(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    return target


def write_tree(root: Path, files: Mapping[str, bytes]) -> None:
    for relative in sorted(files):
        write_file(root, relative, files[relative])


def write_file(root: Path, relative: str, data: bytes | Iterable[bytes]) -> None:
    """Write into a fresh staging folder: nobody reads it before :func:`swap_in`."""
    target = _safe_target(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        _write(handle, data)


def _write(handle: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    if isinstance(data, bytes):
        handle.write(data)
    else:
        for chunk in data:
            handle.write(chunk)


class PendingReplacements:
    """Files written beside their targets under temporary names, put in place together by :meth:`commit`.

    An incremental build renders page after page without holding them all in
    memory, and a template error half-way still leaves every old page as it was.
    """

    def __init__(self, root: Path, direct: bool = False) -> None:
        self.root = root
        #: Write straight to the targets: ``root`` is a staging folder nobody reads yet.
        self.direct = direct
        self._pending: list[tuple[str, Path]] = []
        self._made: list[Path] = []

    def add(self, relative: str, data: bytes | Iterable[bytes]) -> None:
        if self.direct:
            write_file(self.root, relative, data)
            return
        target = _safe_target(self.root, relative)
        if not target.parent.is_dir():
            missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made += missing
        tmp = atomic.write_temporary(target.parent, data, prefix=".tmp-", mode=0o644)
        self._pending.append((tmp, target))

    def handoff(self) -> tuple[list[tuple[str, Path]], list[Path]]:
        """What is pending (temporary files, folders made), for another process to commit or abort."""
        handed = (self._pending, self._made)
        self._pending, self._made = [], []
        return handed

    def adopt(self, handed: tuple[list[tuple[str, Path]], list[Path]]) -> None:
        """Take over what a worker's :meth:`handoff` gave: commit or abort then covers it too."""
        self._pending += handed[0]
        self._made += handed[1]

    def commit(self) -> None:
        for tmp, target in self._pending:
            os.replace(tmp, target)
        self._pending = []

    def abort(self) -> None:
        for tmp, _ in self._pending:
            Path(tmp).unlink(missing_ok=True)
        self._pending = []
        for folder in sorted(self._made, key=lambda f: len(f.parts), reverse=True):
            with contextlib.suppress(OSError):  # something else was put there meanwhile
                folder.rmdir()


def remove_temporaries(root: Path) -> None:
    """Remove every ``.tmp-*`` file under ``root``: what workers that died were writing.

    Only for a folder this build alone writes into (the builder calls it when a
    worker process it started died or never started), never while one runs.
    """
    for folder, _, names in os.walk(root):
        for name in names:
            if name.startswith(".tmp-"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))


def staging_dir(out_dir: Path) -> Path:
    """A fresh folder beside ``out_dir``, marked as the build's and locked until :func:`swap_in` or
    :func:`discard`: a build killed before either leaves it unlocked, and the next build removes it."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.build-", dir=out_dir.parent))
    _locks[staging] = _lock(staging)
    write_mark(staging)
    return staging


#: Open (and locked) staging folders of this process -> their file descriptor.
_locks: dict[Path, int] = {}


def _lock(folder: Path) -> int:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fresh from mkdtemp: nobody else holds it
    return fd


def _unlock(folder: Path) -> None:
    fd = _locks.pop(folder, None)
    if fd is not None:
        os.close(fd)


def _abandoned(folder: Path) -> bool:
    """True when no running build holds ``folder``'s lock: its build was killed."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held: another build is writing it right now
    finally:
        os.close(fd)  # (releases the lock just taken)
    return True


#: What build and swap leave beside ``<out>``, named by ``tempfile.mkdtemp``: ``.<out>.build-<8>``.
_LEFTOVER = re.compile(r"\.(?P<out>.+)\.(?:build|old)-[a-z0-9_]{8}")


def _remove_leftovers(out_dir: Path) -> None:
    """Remove what killed builds of this same output folder left beside it, and nothing else:
    only folders named as a build names them, marked as a build marks them (or still empty)."""
    for path in out_dir.parent.glob(f".{glob.escape(out_dir.name)}.*-*"):
        found = _LEFTOVER.fullmatch(path.name)
        if found is None or found["out"] != out_dir.name or path.is_symlink() or not path.is_dir():
            continue
        if path not in _locks and (is_marked(path) or not any(path.iterdir())) and _abandoned(path):
            remove_site(path)


def remove_site(folder: Path) -> None:
    """Remove a folder a build made, its mark last: one killed half-way is still known as ours."""
    try:
        children = list(folder.iterdir())
    except OSError:  # already gone (another build removed the same leftover)
        return
    for child in children:
        if child.name == MARK:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                child.unlink()
    with contextlib.suppress(OSError):
        (folder / MARK).unlink(missing_ok=True)
        folder.rmdir()


def discard(staging: Path) -> None:
    """Drop a staging folder that will not be swapped in."""
    _unlock(staging)
    remove_site(staging)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    renameat2 = getattr(_libc(), "renameat2", None) if sys.platform.startswith("linux") else None
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # an old kernel, or a file system without it
        return False
    raise OSError(err, os.strerror(err), str(a))


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def swap_in(staging: Path, out_dir: Path) -> None:
    """Put ``staging`` where ``out_dir`` is, so a reader sees the old site or the new one, never none.

    Where the kernel can swap two folders in one step it does; elsewhere two renames leave a
    moment with no site at all.  The old site is removed afterwards.
    """
    # Checked again at the moment of replacing: the folder may have changed since the build began.
    check_replaceable(out_dir)
    # mkdtemp makes 0700 folders; a served site must be readable the moment it appears.
    staging.chmod(0o755)
    if out_dir.is_dir() and _exchange(staging, out_dir):
        _unlock(staging)
        remove_site(staging)  # now the old site
        return
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        old.rmdir()
        out_dir.rename(old)
    try:
        staging.rename(out_dir)
    except OSError:
        if old is not None:
            old.rename(out_dir)
        raise
    _unlock(staging)
    if old is not None:
        remove_site(old)


def replace_file(root: Path, relative: str, data: bytes) -> None:
    target = _safe_target(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.replace(target, data, prefix=".tmp-", mode=0o644)


def remove_files(root: Path, relatives: Iterable[str]) -> None:
    for relative in relatives:
        target = _safe_target(root, relative)
        target.unlink(missing_ok=True)
        parent = target.parent
        # Drop folders left empty (articles/<slug>/), never the output folder itself.
        while parent != root.resolve() and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
