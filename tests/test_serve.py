"""The live server against a tiny fake builder: routing, safety, debouncing, errors.

The fake has the real builder's shape (settings, state) -> result, as MkDocs's
livereload tests use a fake build, so these tests pin the server's own
behaviour; tests/test_serve_browser.py drives the real builder in Chromium.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import ConfigError, GeneratorError, TemplateError
from generator.serve import ServeError, serving
from generator.serve.server import bind, reload_path
from generator.serve.watch import plan_watch
from generator.serve.web import inject, overlay_html


@dataclass(frozen=True)
class FakeSettings:
    content_dir: Path
    out_dir: Path
    config_path: Path
    base_url: str | None = None
    template_dirs: tuple[Path, ...] = ()
    live_reload: bool = False


@dataclass(frozen=True)
class FakeResult:
    ok: bool
    written: tuple[str, ...]
    removed: tuple[str, ...]
    errors: tuple[GeneratorError, ...]
    warnings: tuple[str, ...]
    state: dict[str, bytes]


@dataclass
class FakeBuilder:
    """site.yaml + templates/page.html + articles/*.md -> one page per article, like the real one."""

    calls: list[tuple[Any, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, settings: FakeSettings, state: dict[str, bytes] | None) -> FakeResult:
        with self.lock:
            self.calls.append((settings, state))
        try:
            config = yaml.safe_load(settings.config_path.read_text()) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            err = ConfigError("invalid YAML", settings.config_path, mark.line + 1 if mark else None)
            return FakeResult(False, (), (), (err,), (), state or {})
        template_path = settings.template_dirs[0] / "page.html"
        template = template_path.read_text()
        if "{%" in template:
            line = template[: template.index("{%")].count("\n") + 1
            err = TemplateError("unexpected '{%'", template_path, line)
            return FakeResult(False, (), (), (err,), (), state or {})
        outputs: dict[str, bytes] = {}
        for md in sorted((settings.content_dir / "articles").glob("*.md")):
            body = template.replace("BODY", md.read_text()).replace("TITLE", str(config.get("title")))
            outputs[f"articles/{md.stem}/index.html"] = body.encode()
        outputs["index.html"] = template.replace("BODY", "home").replace("TITLE", "home").encode()
        outputs["404.html"] = b"<html><head></head><body>custom not found</body></html>"
        outputs["style.css"] = (settings.template_dirs[0] / "style.css").read_bytes()
        previous = state or {}
        written = tuple(sorted(k for k, v in outputs.items() if previous.get(k) != v))
        removed = tuple(sorted(set(previous) - set(outputs)))
        for name in written:
            (settings.out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (settings.out_dir / name).write_bytes(outputs[name])
        for name in removed:
            (settings.out_dir / name).unlink()
        return FakeResult(True, written, removed, (), (), outputs)


PAGE = "<!doctype html><html><head><title>TITLE</title></head><body><main>BODY</main></body></html>"


@pytest.fixture
def site(tmp_path: Path) -> FakeSettings:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "sources").mkdir()
    (content / "articles" / "one.md").write_text("first text")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text(PAGE)
    (templates / "style.css").write_text("body { color: black }")
    config = tmp_path / "site.yaml"
    config.write_text("title: Fake\nbase_url: https://user.github.io/repo/\n")
    (tmp_path / "secret.txt").write_text("not for the web")
    return FakeSettings(content_dir=content, out_dir=tmp_path / "_site", config_path=config,
                        template_dirs=(templates,))


def _plan(s: FakeSettings) -> Any:
    return plan_watch(s.content_dir, s.config_path, s.out_dir, s.template_dirs, ())


@pytest.fixture
def live(site: FakeSettings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("generator.serve.wiring.configured_base_url",
                        lambda s: yaml.safe_load(s.config_path.read_text())["base_url"])
    builder = FakeBuilder()
    ingested: list[Path] = []

    def ingester(content_dir: Path) -> tuple[str, ...]:
        ingested.append(content_dir)
        return ()

    lines: list[str] = []
    with serving(site, builder=builder, ingester=ingester, watch_plan=_plan(site),
                 log=lines.append) as server:
        server.fake = builder  # type: ignore[attr-defined]
        server.ingested = ingested  # type: ignore[attr-defined]
        server.lines = lines  # type: ignore[attr-defined]
        yield server


def get(server: Any, path: str) -> tuple[int, bytes, dict[str, str]]:
    """A raw request: http.client sends the path exactly as written, no normalising of ``..``."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def wait_for(predicate: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met within the timeout")


# --- serving -----------------------------------------------------------------


def test_serves_the_site_under_the_production_sub_path(live: Any) -> None:
    assert live.url == f"http://127.0.0.1:{live.port}/repo/"
    status, body, _ = get(live, "/repo/articles/one/")
    assert status == 200
    assert b"first text" in body
    status, _, headers = get(live, "/")
    assert status == 302 and headers["Location"] == "/repo/"


def test_the_preview_build_links_to_this_server_with_live_reload(live: Any) -> None:
    settings, state = live.fake.calls[0]
    assert settings.base_url == f"http://127.0.0.1:{live.port}/repo/"
    assert settings.live_reload is True
    assert state is None


def test_pages_get_the_reload_client_once(live: Any) -> None:
    _, body, headers = get(live, "/repo/articles/one/")
    assert body.count(b"livereload.js") == 1
    assert int(headers["Content-Length"]) == len(body)
    status, js, _ = get(live, "/livereload.js")
    assert status == 200 and b"LiveReload" in js


def test_a_missing_page_gets_the_sites_404(live: Any) -> None:
    status, body, _ = get(live, "/repo/no/such/page/")
    assert status == 404
    assert b"custom not found" in body


@pytest.mark.parametrize("path", [
    "/repo/../secret.txt",
    "/repo/../../etc/passwd",
    "/repo/%2e%2e/secret.txt",
    "/repo/%2E%2E/secret.txt",
    "/repo/.%2e/secret.txt",
    "/repo/%2e%2e%2fsecret.txt",
    "/repo/..%2fsecret.txt",
    "/repo/articles/%2e%2e/%2e%2e/secret.txt",
    "/repo/%252e%252e/secret.txt",
    "/../secret.txt",
    "/repo//etc/passwd",
    "/repo/%2fetc%2fpasswd",
])
def test_never_serves_a_file_outside_the_site(live: Any, path: str) -> None:
    status, body, _ = get(live, path)
    assert status in (400, 403, 404)
    assert b"not for the web" not in body
    assert b"root:" not in body


def test_symlink_out_of_the_site_is_refused(live: Any, site: FakeSettings) -> None:
    (site.out_dir / "escape.txt").symlink_to(site.config_path.parent / "secret.txt")
    status, body, _ = get(live, "/repo/escape.txt")
    assert status == 403
    assert b"not for the web" not in body


def test_a_file_replaced_while_it_is_served_arrives_whole(live: Any, site: FakeSettings) -> None:
    """A rebuild replaces files under a request; every answer is one version, complete."""
    target = site.out_dir / "replaced.txt"
    versions = [b"short", b"long " * 20_000]
    target.write_bytes(versions[0])
    stop = threading.Event()

    def keep_replacing() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            tmp = target.with_name(f".tmp-{n}")
            tmp.write_bytes(versions[n % 2])
            tmp.replace(target)

    writer = threading.Thread(target=keep_replacing, daemon=True)
    writer.start()
    try:
        answers = [get(live, "/repo/replaced.txt") for _ in range(300)]
    finally:
        stop.set()
        writer.join(timeout=5)
    assert {status for status, _, _ in answers} == {200}
    assert {body for _, body, _ in answers} <= set(versions)


# --- rebuilding --------------------------------------------------------------


def test_an_edit_rebuilds_with_the_previous_state(live: Any, site: FakeSettings) -> None:
    (site.content_dir / "articles" / "one.md").write_text("second text")
    wait_for(lambda: b"second text" in get(live, "/repo/articles/one/")[1])
    _, state = live.fake.calls[-1]
    assert state is not None and b"first text" in state["articles/one/index.html"]
    assert live.builds[-1].changed == ("articles/one/index.html",)
    assert live.ingested == []


def test_a_burst_of_saves_causes_one_rebuild(live: Any, site: FakeSettings) -> None:
    before = len(live.fake.calls)
    article = site.content_dir / "articles" / "one.md"
    for i in range(10):
        article.write_text(f"save {i}")
        time.sleep(0.005)
    wait_for(lambda: b"save 9" in get(live, "/repo/articles/one/")[1])
    time.sleep(0.5)  # room for any stray extra build to show up
    assert len(live.fake.calls) - before == 1


def test_a_raw_source_change_is_ingested_before_the_build(live: Any, site: FakeSettings) -> None:
    (site.content_dir / "sources" / "new.txt").write_text("raw")
    wait_for(lambda: live.ingested)
    assert live.ingested == [site.content_dir]


def test_the_output_folder_never_triggers_a_build(live: Any, site: FakeSettings) -> None:
    before = len(live.fake.calls)
    (site.out_dir / "stray.html").write_text("x")
    time.sleep(0.5)
    assert len(live.fake.calls) == before


def test_a_mistake_shows_in_the_page_and_the_fix_recovers(live: Any, site: FakeSettings) -> None:
    site.config_path.write_text("title: [unclosed\nbase_url: https://user.github.io/repo/\n")
    wait_for(lambda: b"build-error-overlay" in get(live, "/repo/articles/one/")[1])
    _, body, _ = get(live, "/repo/articles/one/")
    assert b"site.yaml:" in body  # names the file and line
    assert b"first text" in body  # the last good page is still served under the overlay
    assert any("site.yaml:" in line and line.startswith("error:") for line in live.lines)

    site.config_path.write_text("title: Fixed\nbase_url: https://user.github.io/repo/\n")
    wait_for(lambda: b"<title>Fixed</title>" in get(live, "/repo/articles/one/")[1])
    assert b"build-error-overlay" not in get(live, "/repo/articles/one/")[1]


def test_a_template_mistake_is_reported_with_its_line(live: Any, site: FakeSettings) -> None:
    page = site.template_dirs[0] / "page.html"
    page.write_text("<html>\n<head></head>\n<body>{% oops</body></html>")
    wait_for(lambda: live.hub.problems)
    assert str(page) + ":3:" in live.hub.problems[0]


def test_a_crash_in_the_builder_keeps_the_server_up(live: Any, site: FakeSettings,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(settings: Any, state: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(live, "builder", explode)
    (site.content_dir / "articles" / "one.md").write_text("changed")
    wait_for(lambda: live.hub.problems)
    assert "internal error" in live.hub.problems[0]
    assert get(live, "/repo/articles/one/")[0] == 200


# --- the reload socket ---------------------------------------------------------


def test_browsers_are_told_to_reload_right_after_a_build(live: Any, site: FakeSettings) -> None:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    from generator.serve.server import call_in_server

    messages: list[dict[str, Any]] = []

    async def listen() -> None:
        ws = await websocket_connect(HTTPRequest(f"ws://127.0.0.1:{live.port}/livereload"))
        ws.write_message(json.dumps({"command": "hello", "protocols": []}))
        messages.append(json.loads(await ws.read_message()))
        ws.write_message(json.dumps({"command": "info", "url": live.url}))

        async def wait_reloads() -> None:
            for _ in range(2):
                messages.append(json.loads(await ws.read_message()))
            ws.close()

        import asyncio
        live.reader = asyncio.ensure_future(wait_reloads())

    call_in_server(live, listen)
    wait_for(lambda: live.hub.waiters)
    style = site.template_dirs[0] / "style.css"
    style.write_text("body { color: red }")
    wait_for(lambda: len(messages) == 2)
    # A second edit well inside livereload's 3 s throttle must reach the browser too.
    style.write_text("body { color: blue }")
    wait_for(lambda: len(messages) == 3)
    assert messages[0]["command"] == "hello"
    reload = {"command": "reload", "path": "/repo/style.css", "liveCSS": True, "liveImg": True}
    assert messages[1:] == [reload, reload]


def test_reload_path_lets_a_lone_stylesheet_reload_in_place() -> None:
    assert reload_path(("static/site.css",), (), "/repo/") == "/repo/static/site.css"
    assert reload_path(("static/site.css", "index.html"), (), "/repo/") == "*"
    assert reload_path((), ("old/index.html",), "/") == "*"


# --- pieces --------------------------------------------------------------------


def test_inject_escapes_error_text_and_keeps_an_existing_client() -> None:
    page = b"<html><head><script src='/livereload.js?port=1'></script></head><body class=x><p>hi</p></body>"
    out = inject(page, script=b"<script src='/livereload.js'></script>",
                 overlay=overlay_html(("a.md:3: bad <script>alert(1)</script>",)))
    assert out.count(b"livereload.js") == 1
    assert b"<script>alert(1)" not in out
    assert b"&lt;script&gt;alert(1)" in out
    assert out.index(b"build-error-overlay") > out.index(b"<body class=x>")


def test_busy_port_is_a_clear_error(site: FakeSettings) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError) as info:
            bind("127.0.0.1", port)
        message = str(info.value)
        assert f"port {port} on 127.0.0.1 is already in use" in message
        assert "--port" in message
        assert isinstance(info.value, GeneratorError)
        with pytest.raises(ServeError), serving(site, port=port, builder=FakeBuilder(),
                                                ingester=lambda p: (), watch_plan=_plan(site)):
            pass


def test_binds_only_to_loopback_by_default(site: FakeSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.serve.wiring.configured_base_url", lambda s: "https://h/")
    with serving(site, builder=FakeBuilder(), ingester=lambda p: (), watch_plan=_plan(site)) as server:
        assert server._http is not None
        addresses = {sock.getsockname()[0] for sock in server._http._sockets.values()}
        assert addresses == {"127.0.0.1"}


def test_watch_plan_wants_inputs_and_never_the_output(site: FakeSettings) -> None:
    plan = plan_watch(site.content_dir, site.config_path, site.out_dir, site.template_dirs, (),
                      ignored_names=("ingest-report.md",))
    content = site.content_dir.resolve()
    assert plan.wants(content / "articles" / "one.md")
    assert plan.wants(content / "actors.yaml")
    assert plan.wants(site.config_path.resolve())
    assert plan.wants(site.template_dirs[0].resolve() / "page.html")
    assert not plan.wants(site.out_dir.resolve() / "index.html")
    assert not plan.wants(content / "ingest-report.md")
    assert not plan.wants(content / "articles" / ".one.md.swp")
    assert not plan.wants(site.config_path.resolve().parent / "secret.txt")
