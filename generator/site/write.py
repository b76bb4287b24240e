"""The only code that writes the site to disk.

A full build goes into a fresh folder next to the output folder and is swapped
in with renames, so a failure leaves the previous site as it was.  An
incremental build replaces each file with ``os.replace`` of a temporary file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path


def _safe_target(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    return target


def write_tree(root: Path, files: Mapping[str, bytes]) -> None:
    for relative in sorted(files):
        target = _safe_target(root, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[relative])


def staging_dir(out_dir: Path) -> Path:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.build-", dir=out_dir.parent))


def swap_in(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``staging`` with two renames; the old site is removed afterwards."""
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
    # mkdtemp makes 0700 folders; a served site must be readable.
    out_dir.chmod(0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def replace_file(root: Path, relative: str, data: bytes) -> None:
    target = _safe_target(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_files(root: Path, relatives: Iterable[str]) -> None:
    for relative in relatives:
        target = _safe_target(root, relative)
        target.unlink(missing_ok=True)
        parent = target.parent
        # Drop folders left empty (articles/<slug>/), never the output folder itself.
        while parent != root.resolve() and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
