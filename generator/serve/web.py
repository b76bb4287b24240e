"""The preview's HTTP side: the built site under its sub-path, and the reload socket.

livereload supplies what it does well: ``livereload.js`` (the browser client)
and the official-7 websocket protocol, plus tornado's static file serving.  Its
own polling ``Watcher`` and the 3 s throttle in ``LiveReloadHandler.poll_tasks``
are not used: :class:`ReloadHub` broadcasts the moment a build finishes.

    /                         -> redirect to the base path
    <base path><file>         -> <out_dir>/<file>, never outside it
    /livereload.js            -> the client, also under the base path
    /livereload               -> websocket; the client waits there for "reload"
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.handlers import StaticFileHandler as _LivereloadStatic
from tornado import web
from tornado.websocket import WebSocketClosedError

logger = logging.getLogger("generator.serve")

_HEAD_END = re.compile(rb"</head\s*>", re.I)
_BODY_START = re.compile(rb"<body\b[^>]*>", re.I)
OVERLAY_ID = "build-error-overlay"


@dataclass
class ReloadHub:
    """The connected browsers and what they should show.

    Lives on the IOLoop thread only; the watcher thread never touches it.
    """

    waiters: set[Any] = field(default_factory=set)
    #: The last build's errors, one line each; empty while the site is good.
    problems: tuple[str, ...] = ()

    def reload(self, path: str = "*") -> int:
        """Tell every browser to reload ``path`` (a stylesheet reloads in place); returns how many."""
        message = json.dumps({"command": "reload", "path": path, "liveCSS": True, "liveImg": True})
        told = 0
        for waiter in sorted(self.waiters, key=id):
            try:
                waiter.write_message(message)
                told += 1
            except WebSocketClosedError:
                self.waiters.discard(waiter)
        return told


class ReloadSocket(LiveReloadHandler):
    """livereload's websocket handler, registering browsers with one hub.

    The base class keeps its browsers in a class-wide set and relies on its
    polling loop; here each server has its own hub and no polling runs.
    """

    def initialize(self, hub: ReloadHub) -> None:
        self.hub = hub

    def on_message(self, message: str | bytes) -> None:
        try:
            data = json.loads(message)
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        if data.get("command") == "hello":
            self.send_message({
                "command": "hello",
                "protocols": ["http://livereload.com/protocols/official-7"],
                "serverName": "briefing-generator",
            })
        elif data.get("command") == "info" and "url" in data:
            self.hub.waiters.add(self)

    def on_close(self) -> None:
        self.hub.waiters.discard(self)


def reload_script(port: int) -> bytes:
    # Root-relative, so it works from any host name the browser used; the port
    # is spelled out because livereload.js defaults to 35729 when the URL has none.
    return f'<script src="/livereload.js?port={port}"></script>'.encode()


def overlay_html(problems: tuple[str, ...]) -> bytes:
    """A box over the page naming what broke; raw error text is escaped, never markup."""
    lines = "\n".join(html.escape(p) for p in problems)
    return (
        f'<div id="{OVERLAY_ID}" role="alert" style="position:fixed;z-index:2147483647;inset:0 0 auto 0;'
        'max-height:70vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#ffe9e9;'
        'font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;border-bottom:4px solid #e5484d;'
        'box-shadow:0 4px 24px rgba(0,0,0,.5)">'
        '<strong style="display:block;margin-bottom:.5rem;color:#ff9c9c">Build failed: '
        'showing the last good site. Fix the file and this page reloads by itself.</strong>'
        f'<pre style="margin:0;white-space:pre-wrap">{lines}</pre></div>'
    ).encode()


def error_page(problems: tuple[str, ...], port: int) -> bytes:
    """Served when there is no good page to put the overlay on (the first build failed)."""
    return (b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title>'
            + reload_script(port) + b"</head><body>" + overlay_html(problems) + b"</body></html>")


def inject(page: bytes, *, script: bytes, overlay: bytes | None) -> bytes:
    """Add the reload client (unless the builder already did) and the error overlay to a page."""
    if b"livereload.js" not in page:
        match = _HEAD_END.search(page)
        at = match.start() if match else 0
        page = page[:at] + script + page[at:]
    if overlay:
        match = _BODY_START.search(page)
        at = match.end() if match else len(page)
        page = page[:at] + overlay + page[at:]
    return page


def make_injector(hub: ReloadHub, port: int) -> type[web.OutputTransform]:
    script = reload_script(port)

    class Injector(web.OutputTransform):
        """Rewrites HTML responses as they leave; files on disk stay as the build wrote them."""

        def transform_first_chunk(self, status_code: int, headers: Any, chunk: bytes,
                                  finishing: bool) -> tuple[int, Any, bytes]:
            if "html" not in headers.get("Content-Type", ""):
                return status_code, headers, chunk
            overlay = overlay_html(hub.problems) if hub.problems else None
            new = inject(chunk, script=script, overlay=overlay)
            if "Content-Length" in headers:
                headers["Content-Length"] = str(int(headers["Content-Length"]) + len(new) - len(chunk))
            # The body changes with the build state, so a cached copy is never right.
            headers.pop("Etag", None)
            return status_code, headers, new

    return Injector


class SiteFiles(_LivereloadStatic):
    """The built site, confined to its folder.

    tornado already refuses paths whose absolute form leaves the root (``..``,
    ``%2e%2e``, ``%2f``); resolving symlinks on both sides closes the last gap.
    A missing file gets the site's own ``404.html``, as on GitHub Pages.
    """

    def initialize(self, path: str, default_filename: str | None = None,  # type: ignore[override]
                   hub: ReloadHub | None = None, port: int = 0) -> None:
        super().initialize(path=path, default_filename=default_filename)
        self.hub = hub or ReloadHub()
        self.port = port

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        real_root = os.path.realpath(root)
        real = os.path.realpath(absolute_path)
        if os.path.commonpath([real_root, real]) != real_root:
            raise web.HTTPError(403, "outside the site")
        path = super().validate_absolute_path(root, absolute_path)
        if path is not None:
            # One read per request: a rebuild may replace the file between tornado's stat and
            # its read, and a body that no longer matches Content-Length makes tornado drop
            # the connection.  Built pages are small; the preview can hold one in memory.
            try:
                self._body = Path(path).read_bytes()
            except OSError as exc:
                raise web.HTTPError(404) from exc
        return path

    def get_content_size(self) -> int:
        return len(self._body)

    def get_content(self, abspath: str, start: int | None = None,  # type: ignore[override]
                    end: int | None = None) -> bytes:
        return self._body[start:end]

    def compute_etag(self) -> None:
        # Pages are served with no-store and rewritten on the way out: there is nothing to revalidate.
        return None

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if status_code == 404:
            self._not_found()
            return
        super().write_error(status_code, **kwargs)

    def _not_found(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        if self.hub.problems:
            self.set_status(500)
            self.finish(error_page(self.hub.problems, self.port))
            return
        page = Path(self.root, "404.html")
        if page.is_file():
            self.finish(page.read_bytes())
            return
        self.finish(b"<!doctype html><title>Not found</title><h1>Not found</h1>")


class ToBasePath(web.RequestHandler):
    def initialize(self, base_path: str) -> None:
        self.base_path = base_path

    def get(self) -> None:
        self.redirect(self.base_path)


def make_app(out_dir: Path, base_path: str, hub: ReloadHub, port: int,
             log_function: Callable[[web.RequestHandler], None] | None = None) -> web.Application:
    prefix = re.escape(base_path)
    handlers: list[Any] = [
        (r"/livereload", ReloadSocket, {"hub": hub}),
        (r"/livereload\.js", LiveReloadJSHandler),
        (rf"{prefix}livereload\.js", LiveReloadJSHandler),
    ]
    if base_path != "/":
        handlers.append((rf"(?:/|{prefix[:-1]})", ToBasePath, {"base_path": base_path}))
    handlers.append((rf"{prefix}(.*)", SiteFiles, {
        "path": str(out_dir), "default_filename": "index.html", "hub": hub, "port": port,
    }))
    settings: dict[str, Any] = {"transforms": [make_injector(hub, port)], "compress_response": False}
    if log_function is not None:
        settings["log_function"] = log_function
    return web.Application(handlers, **settings)
