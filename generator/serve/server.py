"""The preview loop: build, serve, and on every burst of changes rebuild and reload.

    file saved --watchdog--> path --debounce--> [ingest if a raw source] --> build(state)
        --> ok: clear the overlay     --> any output changed? reload browsers
        --> errors: print them, keep the last good files, show the overlay

One build runs at a time, on a worker thread, so the server keeps answering
while it works; changes that arrive meanwhile are collected and cause exactly
one more build when it ends.
"""

from __future__ import annotations

import asyncio
import errno
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from generator.errors import GeneratorError
from generator.serve import wiring
from generator.serve.watch import WatchPlan, is_raw_source, plan_watch, start_observer
from generator.serve.web import ReloadHub, make_app
from generator.site.render import BUILTIN_STATIC, BUILTIN_TEMPLATES

if TYPE_CHECKING:
    from generator.site.builder import BuildSettings

#: Quiet time after the last event of a burst before building: editors write a
#: file in several steps (truncate, write, rename), and "save all" touches many.
DEBOUNCE_SECONDS = 0.08



class ServeError(GeneratorError):
    """The preview server cannot start (busy port, bad address)."""


@dataclass(frozen=True)
class BuildReport:
    """What one rebuild did, for the terminal and for tests."""

    ok: bool
    changed: tuple[str, ...]
    problems: tuple[str, ...]
    seconds: float


def bind(host: str, port: int) -> list[socket.socket]:
    """Listening sockets, or a :class:`ServeError` a person can act on."""
    try:
        return bind_sockets(port, address=host, reuse_port=False)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is already in use",
                             hint=f"stop the other server or pick another port: --port {port + 1}") from exc
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise ServeError(f"not allowed to listen on {host}:{port}",
                             hint="ports below 1024 need root; try --port 8000") from exc
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                         hint="check --host") from exc
    except socket.gaierror as exc:
        raise ServeError(f"unknown host {host!r}: {exc.strerror}", hint="try --host 127.0.0.1") from exc


def default_watch_plan(settings: BuildSettings) -> WatchPlan:
    project = settings.config_path.resolve().parent
    theme = wiring.theme_dir(settings)
    candidates = [*settings.template_dirs, *([theme] if theme else []), project / "templates",
                  BUILTIN_TEMPLATES]
    assets = [project / "static", BUILTIN_STATIC]
    return plan_watch(settings.content_dir, settings.config_path, settings.out_dir,
                      [p for p in candidates if p.is_dir()], [p for p in assets if p.is_dir()],
                      ignored_names=wiring.ingest_outputs())


def reload_path(written: tuple[str, ...], removed: tuple[str, ...], base_path: str) -> str:
    """What to tell the browser: a stylesheet alone reloads in place, anything else the page."""
    if written and not removed and all(w.endswith(".css") for w in written) and len(written) == 1:
        return base_path + written[0].replace("\\", "/")
    return "*"


class LiveServer:
    """Builds, serves ``out_dir`` under the base path, and rebuilds on change.

    ``builder`` and ``ingester`` default to the real stages (see
    :mod:`generator.serve.wiring`); tests pass fakes of the same shape.
    """

    def __init__(self, settings: BuildSettings, host: str = "127.0.0.1", port: int = 8000, *,
                 builder: wiring.Builder = wiring.build, ingester: wiring.Ingester = wiring.ingest,
                 watch_plan: WatchPlan | None = None, debounce: float = DEBOUNCE_SECONDS,
                 log: Callable[[str], None] | None = None) -> None:
        self.requested = settings
        self.host = host
        self.requested_port = port
        self.builder = builder
        self.ingester = ingester
        self.debounce = debounce
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.hub = ReloadHub()
        self.state: Any = None
        self.builds: list[BuildReport] = []
        self._watch_plan = watch_plan
        self._pending: set[Path] = set()
        self._timer: asyncio.TimerHandle | None = None
        self._building = False
        self._drainer: asyncio.Future[None] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="build")
        self._observer: Any = None
        self._http: HTTPServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- lifecycle --------------------------------------------------------

    async def start(self) -> None:
        """Bind first (a busy port fails before any work), build, then serve and watch."""
        self._loop = asyncio.get_running_loop()
        sockets = bind(self.host, self.requested_port)
        self.port = sockets[0].getsockname()[1]
        self.settings, self.base_path = wiring.preview_settings(self.requested, self.host, self.port)
        self.settings.out_dir.mkdir(parents=True, exist_ok=True)
        await self._build(frozenset(), first=True)
        app = make_app(self.settings.out_dir, self.base_path, self.hub, self.port,
                       log_function=lambda handler: None, bound_host=self.host, review=self.review_page)
        self._http = HTTPServer(app)
        self._http.add_sockets(sockets)
        plan = self._watch_plan or default_watch_plan(self.settings)
        self._observer = start_observer(plan, self._notify_threadsafe)
        self.log(f"serving {self.settings.out_dir} on {self.url}  (Ctrl-C to stop)")

    async def stop(self) -> None:
        if self._timer:
            self._timer.cancel()
        if self._observer is not None:
            self._observer.stop()
            await asyncio.get_running_loop().run_in_executor(None, self._observer.join, 2)
        if self._http is not None:
            self._http.stop()
            await self._http.close_all_connections()
        for waiter in list(self.hub.waiters):
            waiter.close()
        self._executor.shutdown(wait=True)

    def review_page(self) -> bytes:
        """``/_review/``: the ingest report's summary of the last good build, linked to the articles."""
        from generator.serve.review import review_from_state, review_page
        from generator.urls import Urls

        return review_page(review_from_state(self.state), Urls(self.settings.base_url or "/"))

    @property
    def url(self) -> str:
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self.port}{self.base_path}"

    async def settled(self) -> None:
        """Wait until no change is pending and no build runs (for tests and scripts)."""
        while self._pending or self._building or self._timer is not None:
            await asyncio.sleep(0.02)

    # --- changes ----------------------------------------------------------

    def _notify_threadsafe(self, path: Path) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._changed, path)

    def _changed(self, path: Path) -> None:
        self._pending.add(path)
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_later(self.debounce, self._quiet)

    def _quiet(self) -> None:
        self._timer = None
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.ensure_future(self._drain())

    async def _drain(self) -> None:
        while self._pending and self._timer is None:
            paths = frozenset(self._pending)
            self._pending.clear()
            await self._build(paths)

    # --- one build --------------------------------------------------------

    async def _build(self, paths: frozenset[Path], *, first: bool = False) -> None:
        self._building = True
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        try:
            if any(is_raw_source(p, self.settings.content_dir) for p in paths):
                for line in await loop.run_in_executor(self._executor, self.ingester,
                                                       self.settings.content_dir):
                    self.log(line)
            outcome = await loop.run_in_executor(self._executor, self.builder, self.settings, self.state)
        except Exception as exc:  # a bug, not a user's mistake: report it and keep serving
            self.log(wiring.describe_crash(exc))
            outcome = wiring.Failed(errors=(f"internal error while building: {exc!r}",), state=self.state)
        finally:
            self._building = False
        seconds = time.perf_counter() - started
        self.state = outcome.state
        self._report(outcome, paths, seconds, first)

    def _report(self, outcome: wiring.Outcome, paths: frozenset[Path], seconds: float, first: bool) -> None:
        problems = tuple(str(err) for err in outcome.errors)
        was_broken = bool(self.hub.problems)
        self.hub.problems = problems
        for warning in outcome.warnings:
            self.log(f"warning: {warning}")
        for problem in problems:
            self.log(f"error: {problem}")
        changed = tuple(sorted({*outcome.written, *outcome.removed}))
        self.builds.append(BuildReport(ok=outcome.ok, changed=changed, problems=problems, seconds=seconds))
        cause = ", ".join(sorted(p.name for p in paths)) or "start"
        verdict = "ok" if outcome.ok else f"{len(problems)} error(s), serving the last good site"
        self.log(f"build ({cause}): {len(outcome.written)} written, {len(outcome.removed)} removed, "
                 f"{verdict} in {seconds * 1000:.0f} ms")
        if first:
            return
        if changed or problems or was_broken:
            path = "*" if (problems or was_broken) else reload_path(outcome.written, outcome.removed,
                                                                    self.base_path)
            told = self.hub.reload(path)
            if told:
                self.log(f"reloaded {told} browser(s)")


async def _serve_forever(server: LiveServer) -> None:
    await server.start()
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()


def serve(settings: BuildSettings, host: str = "127.0.0.1", port: int = 8000) -> int:
    """``build.py serve``: preview until Ctrl-C.  A busy port raises :class:`ServeError`."""
    server = LiveServer(settings, host, port)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops as cleanly as Ctrl-C
    try:
        asyncio.run(_serve_forever(server))
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@contextmanager
def serving(settings: BuildSettings, host: str = "127.0.0.1", port: int = 0,
            **options: Any) -> Iterator[LiveServer]:
    """Run a :class:`LiveServer` on a background thread for the duration of a ``with``.

    ``port=0`` picks a free port; ``server.url`` says which.  Errors from
    starting (a busy port) are raised here, in the caller's thread.
    """
    server = LiveServer(settings, host, port, **options)
    ready = threading.Event()
    failure: list[BaseException] = []
    holder: dict[str, Any] = {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        holder["loop"] = loop
        stop = asyncio.Event()
        holder["stop"] = stop

        async def main() -> None:
            try:
                await server.start()
            except BaseException as exc:
                failure.append(exc)
                ready.set()
                return
            ready.set()
            try:
                await stop.wait()
            finally:
                await server.stop()

        try:
            loop.run_until_complete(main())
        finally:
            loop.close()

    thread = threading.Thread(target=run, name="live-server", daemon=True)
    thread.start()
    ready.wait()
    if failure:
        thread.join()
        raise failure[0]
    try:
        yield server
    finally:
        holder["loop"].call_soon_threadsafe(holder["stop"].set)
        thread.join(timeout=10)


def call_in_server(server: LiveServer, coro_fn: Callable[[], Any], timeout: float = 30) -> Any:
    """Run a coroutine on the server's loop from another thread (``serving`` tests use it)."""
    assert server._loop is not None
    return asyncio.run_coroutine_threadsafe(coro_fn(), server._loop).result(timeout)
