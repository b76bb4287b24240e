"""The preview's HTTP side: the built site under its sub-path, and the reload socket.

livereload supplies what it does well: ``livereload.js`` (the browser client)
and the official-7 websocket protocol, plus tornado's static file serving.  Its
own polling ``Watcher`` and the 3 s throttle in ``LiveReloadHandler.poll_tasks``
are not used: :class:`ReloadHub` broadcasts the moment a build finishes.

    /                         -> redirect to the base path
    <base path><file>         -> <out_dir>/<file>, never outside it
    /livereload.js            -> the client, also under the base path
    /livereload               -> websocket; the client waits there for "reload"

Before any of these, :class:`PreviewApp` refuses what no page of this preview
sends: a ``Host`` that is not this machine (DNS rebinding: a foreign name
resolving to 127.0.0.1 would let a foreign page read the unpublished site) and
a path no file can have.  The reload socket accepts only its own pages.
"""

from __future__ import annotations

import html
import ipaddress
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

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

    def check_origin(self, origin: str) -> bool:
        """Only a page of this preview, under the name the browser used for it, may listen.

        livereload accepts any origin; then any page open in the browser could
        connect and learn each save.  Browsers always send ``Origin`` on a
        websocket, so a client without one is no page and is let through.
        """
        parts = urlsplit(origin)
        host = self.request.headers.get("Host")
        return parts.scheme == "http" and host is not None and parts.netloc.lower() == host.lower()


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


#: Names of this machine that no one else's DNS can answer for.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
_WILDCARDS = frozenset({"", "0.0.0.0", "::"})
_HOST = re.compile(r"(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9._-]+))(?::[0-9]{1,5})?", re.I)
_BAD_ESCAPE = re.compile(r"%(?![0-9a-fA-F]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Longer than any path (PATH_MAX) or file name (NAME_MAX) a file system allows.
MAX_PATH = 4096
MAX_NAME = 255


def allowed_host(host: str | None, bound: str) -> bool:
    """Is ``host`` (a ``Host`` header) a name of this machine the preview answers to?

    The loopback names and the address it was bound to; bound to every
    interface (``--host 0.0.0.0``), any address too, since DNS rebinding needs
    a name.  The port is not compared: a forwarded port (``ssh -L``) arrives
    under another one, and no attacker controls the name ``localhost``.  A
    request without the header is no browser's (HTTP/1.1 requires it).
    """
    if host is None:
        return True
    match = _HOST.fullmatch(host)
    if not match:
        return False
    name = (match["v6"] or match["name"]).lower()
    bound = bound.strip("[]").lower()
    if name in LOOPBACK_NAMES or name == bound:
        return True
    if bound in _WILDCARDS:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


def path_problem(path: str) -> str | None:
    """Why a request path cannot name a file of the site, or None.

    Checked before routing, so a ``%00`` never reaches the file system (where
    it raised, answered by a 500 and a traceback) and ``..`` is refused whatever
    its spelling.
    """
    if len(path) > MAX_PATH:
        return "path too long"
    if _BAD_ESCAPE.search(path):
        return "invalid percent-escape in the path"
    try:
        decoded = unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return "path is not UTF-8"
    if _CONTROL.search(decoded):
        return "control character in the path"
    for segment in decoded.split("/"):
        if segment in (".", ".."):
            return "'.' or '..' in the path"
        if len(segment.encode("utf-8")) > MAX_NAME:
            return "path too long"
    return None


class Refused(web.RequestHandler):
    """A short plain answer to a request the preview will not serve."""

    def initialize(self, status: int, message: str) -> None:
        self.status = status
        self.message = message

    def prepare(self) -> None:
        self.set_status(self.status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(f"{self.status} {self.message}\n")


class PreviewApp(web.Application):
    """Refuses a foreign ``Host`` and an impossible path before any handler, every route included."""

    def __init__(self, handlers: list[Any], bound_host: str, **settings: Any) -> None:
        super().__init__(handlers, **settings)
        self.bound_host = bound_host

    def find_handler(self, request: Any, **kwargs: Any) -> Any:
        if not allowed_host(request.headers.get("Host"), self.bound_host):
            return self.get_handler_delegate(request, Refused, {
                "status": 403, "message": "unknown host: open the preview at 127.0.0.1 or localhost"})
        problem = path_problem(request.path)
        if problem:
            return self.get_handler_delegate(request, Refused, {"status": 400, "message": problem})
        return super().find_handler(request, **kwargs)


class ReviewPage(web.RequestHandler):
    """The preview's review page (generator/serve/review.py), rendered on request."""

    def initialize(self, render: Callable[[], bytes]) -> None:
        self.render_page = render

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(self.render_page())


def make_app(out_dir: Path, base_path: str, hub: ReloadHub, port: int,
             log_function: Callable[[web.RequestHandler], None] | None = None,
             bound_host: str = "127.0.0.1", review: Callable[[], bytes] | None = None) -> web.Application:
    prefix = re.escape(base_path)
    handlers: list[Any] = [
        (r"/livereload", ReloadSocket, {"hub": hub}),
        (r"/livereload\.js", LiveReloadJSHandler),
        (rf"{prefix}livereload\.js", LiveReloadJSHandler),
    ]
    if base_path != "/":
        handlers.append((rf"(?:/|{prefix[:-1]})", ToBasePath, {"base_path": base_path}))
    if review is not None:
        handlers.append((rf"{prefix}_review/?", ReviewPage, {"render": review}))
    handlers.append((rf"{prefix}(.*)", SiteFiles, {
        "path": str(out_dir), "default_filename": "index.html", "hub": hub, "port": port,
    }))
    settings: dict[str, Any] = {"transforms": [make_injector(hub, port)], "compress_response": False}
    if log_function is not None:
        settings["log_function"] = log_function
    return PreviewApp(handlers, bound_host, **settings)
