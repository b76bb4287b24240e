"""Full-text search: Pagefind indexes the built HTML into ``<out>/pagefind/``.

Pages opt in with ``data-pagefind-body``; filters come from
``data-pagefind-filter``.  The index is static files, so search works on any
static host.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from generator.urls import search_glob


def _command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", search_glob(), "--silent"]


def index_site(site_dir: Path) -> str | None:
    """Run Pagefind's bundled binary on *site_dir*; return a warning on failure, else None."""
    command = _command(site_dir)
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"search index not built: {exc}"
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        return "search index not built: " + (
            detail[-1] if detail else f"pagefind exited {completed.returncode}"
        )
    return None


_later_lock = threading.Lock()
_later_pending: set[Path] = set()


def index_site_later(site_dir: Path) -> None:
    """Index *site_dir* on a background thread; requests made while one runs coalesce into one more run."""
    with _later_lock:
        if site_dir in _later_pending:
            return
        _later_pending.add(site_dir)

    def run() -> None:
        with _index_lock:
            with _later_lock:
                _later_pending.discard(site_dir)
            index_site(site_dir)

    threading.Thread(target=run, name="pagefind", daemon=True).start()


_index_lock = threading.Lock()
