"""The preview server against requests a foreign page or a careless client can send.

Real HTTP requests against a running server: a ``Host`` header that is not
this machine (DNS rebinding), a live-reload socket opened by a foreign page,
and request paths no file can have.  Each is answered with a short plain
refusal, never the page and never a traceback.
"""

from __future__ import annotations

import asyncio
import http.client
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.serve import serving
from generator.serve.server import call_in_server

SECRET = b"unpublished draft"


@dataclass(frozen=True)
class Settings:
    content_dir: Path
    out_dir: Path
    config_path: Path
    base_url: str | None = "https://user.github.io/repo/"
    template_dirs: tuple[Path, ...] = ()
    live_reload: bool = False


@dataclass(frozen=True)
class Result:
    ok: bool = True
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    errors: tuple[Any, ...] = ()
    warnings: tuple[str, ...] = ()
    state: Any = None


def build(settings: Settings, state: Any) -> Result:
    """One page holding something not yet published, as the real builder would write it."""
    (settings.out_dir / "index.html").write_bytes(b"<html><head></head><body>" + SECRET + b"</body></html>")
    return Result(written=("index.html",))


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Any]:
    (tmp_path / "content").mkdir()
    config = tmp_path / "site.yaml"
    config.write_text("title: T\n")
    (tmp_path / "secret.txt").write_text("not for the web")
    settings = Settings(tmp_path / "content", tmp_path / "_site", config)
    from generator.serve.watch import plan_watch

    plan = plan_watch(settings.content_dir, config, settings.out_dir, (), ())
    with serving(settings, builder=build, ingester=lambda p: (), watch_plan=plan,
                 log=lambda line: None) as server:
        yield server


def request(server: Any, path: str, host: str | None = None) -> tuple[int, bytes, dict[str, str]]:
    """``host`` replaces the Host header http.client would send; the path goes out as written."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=host is not None, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


# --- Host --------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}",
                                  "[::1]:{port}", "127.0.0.1"])
def test_this_machine_by_any_of_its_names_is_served(live: Any, host: str) -> None:
    status, body, _ = request(live, "/repo/", host.format(port=live.port))
    assert status == 200 and SECRET in body


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1.evil.example:{port}",
                                  "localhost.evil.example:{port}", "192.168.1.7:{port}", "",
                                  "127.0.0.1:{port}@evil.example", "[::1"])
def test_a_foreign_host_header_is_refused(live: Any, host: str) -> None:
    """DNS rebinding: evil.example resolves to 127.0.0.1, and its page reads the preview."""
    for path in ("/repo/", "/repo/index.html", "/livereload.js", "/", "/nothing"):
        status, body, headers = request(live, path, host.format(port=live.port))
        assert SECRET not in body
        if status == 400:  # tornado itself refuses a Host it cannot parse
            assert "@" in host
            continue
        assert status == 403, path
        assert headers["Content-Type"].startswith("text/plain")
        assert b"host" in body.lower() and len(body) < 300


# --- the reload socket ---------------------------------------------------------------


def _open_socket(server: Any, origin: str | None, host: str | None = None) -> str:
    """Open the reload socket as a browser page at ``origin`` would; say how it went."""
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {}
    if origin is not None:
        headers["Origin"] = origin
    if host is not None:
        headers["Host"] = host

    async def attempt() -> str:
        try:
            ws = await websocket_connect(HTTPRequest(f"ws://127.0.0.1:{server.port}/livereload",
                                                     headers=headers))
        except HTTPClientError as exc:
            return f"refused {exc.code}"
        ws.write_message('{"command": "hello", "protocols": []}')
        answer = await asyncio.wait_for(ws.read_message(), 10)
        ws.close()
        return "open" if answer and "hello" in answer else "silent"

    return call_in_server(server, attempt)


@pytest.mark.parametrize("origin", ["http://127.0.0.1:{port}", None])
def test_the_preview_itself_may_open_the_reload_socket(live: Any, origin: str | None) -> None:
    assert _open_socket(live, origin and origin.format(port=live.port)) == "open"


def test_the_preview_under_another_of_its_names_may_open_the_reload_socket(live: Any) -> None:
    origin = f"http://localhost:{live.port}"
    assert _open_socket(live, origin, host=f"localhost:{live.port}") == "open"


@pytest.mark.parametrize("origin", ["http://evil.example", "http://evil.example:{port}", "null",
                                    "http://127.0.0.1:1", "http://localhost:{port}", "file://"])
def test_a_foreign_page_cannot_open_the_reload_socket(live: Any, origin: str) -> None:
    """Browsers always send Origin on a websocket: a foreign page would learn each save."""
    assert _open_socket(live, origin.format(port=live.port)) == "refused 403"
    assert not live.hub.waiters


# --- paths no file has -------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/repo/%00",
    "/repo/index.html%00.txt",
    "/repo/%00/../secret.txt",
    "/%00",
    "/repo/%zz",
    "/repo/index%2",
    "/repo/%",
    "/repo/%01",
    "/repo/%ff%fe",
    "/repo/../secret.txt",
    "/repo/%2e%2e/secret.txt",
    "/repo/..%2fsecret.txt",
    "/repo/%2e%2e%2f%2e%2e%2fetc/passwd",
    "/../secret.txt",
    "/repo/./index.html",
    pytest.param("/repo/" + "a" * 300, id="long-name"),
    pytest.param("/repo/" + "a/" * 3000, id="long-path"),
])
def test_an_invalid_path_is_a_plain_400(live: Any, path: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        status, body, headers = request(live, path)
    assert status == 400
    assert headers["Content-Type"].startswith("text/plain")
    assert b"not for the web" not in body and b"root:" not in body
    assert b"Traceback" not in body and len(body) < 300
    assert not [r for r in caplog.records if r.exc_info], "the server logged a traceback"


@pytest.mark.parametrize("path", ["/repo/", "/repo/index.html", "/repo/%69ndex.html", "/repo/no-such-page"])
def test_ordinary_paths_are_untouched(live: Any, path: str) -> None:
    status, _, _ = request(live, path)
    assert status == (404 if "no-such" in path else 200)


@pytest.mark.parametrize(("host", "bound", "allowed"), [
    ("192.168.1.7:8000", "0.0.0.0", True),  # --host 0.0.0.0: the LAN address is how others open it
    ("[fe80::1]:8000", "::", True),
    ("evil.example:8000", "0.0.0.0", False),  # but never a name: DNS rebinding needs one
    ("preview.lan:8000", "preview.lan", True),  # the name the user bound to
    ("192.168.1.7:8000", "127.0.0.1", False),
    ("localhost:9000", "127.0.0.1", True),  # a forwarded port (ssh -L) keeps the name
    (None, "127.0.0.1", True),  # HTTP/1.0 without Host: no browser sends that
])
def test_allowed_host(host: str | None, bound: str, allowed: bool) -> None:
    from generator.serve.web import allowed_host

    assert allowed_host(host, bound) is allowed
