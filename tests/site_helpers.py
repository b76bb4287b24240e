"""Helpers shared by the site tests: build the fixture corpus into a folder."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.site.builder import BuildResult, BuildSettings, BuildState, build_site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"


def copy_fixture(tmp: Path) -> Path:
    """A writable copy of the fixture content folder (site.yaml inside it)."""
    target = tmp / "content"
    shutil.copytree(FIXTURE, target)
    return target


def build(content: Path, out: Path, state: BuildState | None = None, **options: object) -> BuildResult:
    settings = BuildSettings(content_dir=content, out_dir=out, config_path=content / "site.yaml", **options)  # type: ignore[arg-type]
    return build_site(settings, state)


def tree(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).as_posix().startswith(skip)
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_folder(directory: Path) -> Iterator[str]:
    """Serve ``directory`` as static files on a free loopback port; yields ``http://127.0.0.1:PORT``."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
