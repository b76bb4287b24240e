"""What to watch, and which file events matter.

watchdog (inotify on Linux) reports a save within milliseconds; livereload's
own watcher polls every 800 ms and only after a browser connects, which alone
would eat most of a one-second budget.  Events arrive on watchdog's thread and
are handed to the server's loop as plain paths; the debouncing happens there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

#: Event types that mean content may have changed (opened/closed-without-write do not).
_CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})
#: Editor droppings: vim swap and its write probe, emacs locks and backups.
_NOISE_SUFFIXES = (".swp", ".swx", ".swo", "~", ".tmp", ".orig")
_NOISE_NAMES = frozenset({"4913", ".DS_Store"})


@dataclass(frozen=True)
class WatchPlan:
    """The trees and single files a preview depends on, and what to leave out."""

    #: Folders watched with everything under them.
    trees: tuple[Path, ...]
    #: Single files watched (site.yaml); their folder is watched without recursion.
    files: tuple[Path, ...]
    #: Never a reason to rebuild: the output folder (a build would retrigger itself).
    excluded: tuple[Path, ...]
    #: File names ingest writes into the content folder as by-products.
    ignored_names: tuple[str, ...] = ()

    def wants(self, path: Path) -> bool:
        if path.name in _NOISE_NAMES or path.name in self.ignored_names:
            return False
        if path.name.startswith(".#") or path.name.endswith(_NOISE_SUFFIXES):
            return False
        if any(path == ex or ex in path.parents for ex in self.excluded):
            return False
        if path in self.files:
            return True
        return any(tree == path or tree in path.parents for tree in self.trees)

    def roots(self) -> tuple[tuple[Path, bool], ...]:
        """(folder, recursive) pairs to hand watchdog, each folder once."""
        chosen: dict[Path, bool] = {}
        for tree in self.trees:
            if tree.is_dir():
                chosen[tree] = True
        for file in self.files:
            chosen.setdefault(file.parent, False)
        # A folder inside a recursively watched tree needs no watch of its own.
        return tuple(sorted(
            (folder, recursive) for folder, recursive in chosen.items()
            if not any(other != folder and chosen[other] and other in folder.parents for other in chosen)
        ))


def plan_watch(content_dir: Path, config_path: Path, out_dir: Path,
               template_dirs: Iterable[Path], asset_dirs: Iterable[Path],
               ignored_names: tuple[str, ...] = ()) -> WatchPlan:
    """Raw sources, generated articles and registries (all in the content folder), site.yaml,
    templates and static assets; never the output."""
    trees = [content_dir, *template_dirs, *asset_dirs]
    unique = tuple(dict.fromkeys(t.resolve() for t in trees))
    return WatchPlan(trees=unique, files=(config_path.resolve(),), excluded=(out_dir.resolve(),),
                     ignored_names=ignored_names)


def is_raw_source(path: Path, content_dir: Path) -> bool:
    """A change here needs ingest before the build."""
    sources = content_dir.resolve() / "sources"
    return sources in path.parents


class _Forward(FileSystemEventHandler):
    def __init__(self, plan: WatchPlan, notify: Callable[[Path], Any]) -> None:
        self.plan = plan
        self.notify = notify

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGES:
            return
        if event.is_directory and event.event_type == "modified":
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        for raw in paths:
            if not raw:
                continue
            path = Path(raw if isinstance(raw, str) else raw.decode())
            if self.plan.wants(path):
                self.notify(path)


def start_observer(plan: WatchPlan, notify: Callable[[Path], Any]) -> Any:
    """Start watching; ``notify(path)`` is called on watchdog's thread for every relevant change."""
    observer = Observer()
    handler = _Forward(plan, notify)
    for folder, recursive in plan.roots():
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=recursive)
    observer.daemon = True
    observer.start()
    return observer
