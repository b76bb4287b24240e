"""Which folder a command may replace: the one rule, checked before any work and again by the writer.

A build replaces its output folder whole, so a wrong ``--out`` could destroy a
person's files.  Every build therefore writes a mark file into its output, and
a command replaces only

    a path that does not exist yet,
    an empty folder, or
    a real folder (not a link) holding the mark,

and never a folder that is, holds or sits inside what the site is made from
(content, templates, static files), or that is, or holds, the config's folder,
the current folder, the home folder or ``/``.  A site built before the mark
existed is refused like any other folder of files: only its owner can tell it
from their own files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from generator.errors import SiteError

#: Written into every build's output folder; its presence is what lets the next build replace it.
MARK = ".briefing-site"
MARK_TEXT = (b"This folder was made by build.py (briefing). The next build replaces it whole:\n"
             b"do not keep files of your own here.\n")

_HINT = "choose a folder of its own, such as --out _site"


class OutDirError(SiteError):
    """``--out`` names something a build must not replace; nothing was read or written."""

    default_hint = _HINT


def is_marked(folder: Path) -> bool:
    mark = folder / MARK
    return mark.is_file() and not mark.is_symlink()


def check_replaceable(out: Path) -> None:
    """Refuse to replace ``out`` unless it is missing, empty, or a real folder holding the mark."""
    if out.is_symlink():
        raise OutDirError("is a symbolic link; the build would replace the link", out,
                          hint="name the folder itself, or a new one")
    if not out.exists():
        return
    if not out.is_dir():
        raise OutDirError("is a file, not a folder; the build replaces its output folder whole", out)
    if is_marked(out) or not any(out.iterdir()):
        return
    raise OutDirError(f"holds files the build did not make (no {MARK} mark); it is never replaced", out,
                      hint="if it is a site built by an older version, delete it yourself; "
                           "otherwise choose another --out")


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError):  # no HOME and no passwd entry
        return None


def check_out_dir(out: Path, *, content: Path, config: Path, assets: Iterable[Path] = ()) -> None:
    """The whole rule for ``--out``; ``assets`` are the template and static folders the build reads.

    Raises :class:`OutDirError` with one line naming the problem.
    """
    if out.parts == ():
        raise OutDirError("--out . names the current folder, which the build would replace whole",
                          hint=_HINT)
    if out.parts == ("..",):
        raise OutDirError("--out .. names the folder above the current folder, which the build would "
                          "replace whole", hint=_HINT)
    target = out.resolve()
    # What the site is made from: out may not be, hold or sit inside any of it.
    sources = [("the content folder", content.resolve())]
    sources += [("a template or static folder", folder.resolve()) for folder in assets]
    # Where a project lives: out may sit inside (_site/ does), but not be or hold one.
    places = [("the folder of the config file", config.resolve().parent),
              ("the current folder", Path.cwd().resolve()), ("the file system root", Path("/"))]
    home = _home()
    if home is not None:
        places.append(("the home folder", home))
    for what, folder in (*sources, *places):
        if target == folder:
            raise OutDirError(f"is {what}", out)
    for what, folder in sources:
        if target.is_relative_to(folder):
            raise OutDirError(f"is inside {what}, {folder}", out)
    for what, folder in (*sources, *places):
        if folder.is_relative_to(target):
            raise OutDirError(f"holds {what}, {folder}", out)
    check_replaceable(out)


def write_mark(folder: Path) -> None:
    fd = os.open(folder / MARK, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(MARK_TEXT)
