"""Whether a file, links followed, stays in its folder: the test before reading it into the site.

A project copied from someone else may hold ``static/logo.svg -> ~/.ssh/id_rsa``.
Whatever reads a user's folder into the site asks :func:`inside` first, and
reports what :func:`links_leaving` finds, so the person learns which link was
passed over.
"""

from __future__ import annotations

import os
from pathlib import Path


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
