"""When and how ingest and build may spread work over processes: one place for the rule."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from pathlib import Path


def cpus() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def start_method() -> multiprocessing.context.BaseContext | None:
    """How to start workers; None when they cannot be started safely (then the work stays here)."""
    # Forking copies what is loaded (registry, knowledge) for free, but forking a process that
    # runs other threads (the preview server's watcher) can copy a lock some thread holds: then
    # spawn, which re-imports the main module in each worker, so it needs one that is a file.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file and Path(main_file).is_file():
        return multiprocessing.get_context("spawn")
    return None
