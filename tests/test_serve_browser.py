"""The preview in real headless Chromium, against the real ingest and builder.

Each test opens a served page, changes a file on disk the way a person would,
and waits for the page to show it without the test reloading anything.  The
round trip (save -> DOM updated) is printed; the only time limit is a generous
timeout, never an assertion about speed.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
TIMEOUT_MS = 20_000

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A temp copy of the sample content (ingested), templates and stylesheet; the repo is never edited."""
    from generator.ingest.run import ingest_content
    from generator.site.builder import BuildSettings

    shutil.copytree(REPO / "content", tmp_path / "content",
                    ignore=shutil.ignore_patterns("articles", "ingest-report.md"))
    (tmp_path / "content" / "articles").mkdir()
    ingest_content(tmp_path / "content")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copytree(REPO / "static", tmp_path / "static")
    (tmp_path / "site.yaml").write_text(
        "title: Preview test\nbase_url: https://user.github.io/briefing/\n")
    # The project's static/ (next to site.yaml) overrides the built-in assets file by file.
    return BuildSettings(content_dir=tmp_path / "content", out_dir=tmp_path / "_site",
                         config_path=tmp_path / "site.yaml", template_dirs=(tmp_path / "templates",))


@pytest.fixture
def live(project: Any) -> Iterator[Any]:
    from generator.serve import serving

    lines: list[str] = []
    with serving(project, host="127.0.0.1", port=0, log=lines.append) as server:
        server.lines = lines  # type: ignore[attr-defined]
        yield server


def first_article(settings: Any) -> Path:
    return sorted((settings.content_dir / "articles").glob("*.md"))[0]


def open_article(page: Any, live: Any, article: Path) -> None:
    page.goto(f"{live.url}articles/{article.stem}/")
    # Wait until livereload.js has said hello, or an edit could land before anyone listens.
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not live.hub.waiters:
        assert time.monotonic() < deadline, "the page never connected to the reload socket"
        time.sleep(0.02)


def round_trip(label: str, edit: Callable[[], None], until: Callable[[], None]) -> float:
    started = time.perf_counter()
    edit()
    until()
    seconds = time.perf_counter() - started
    print(f"\nround trip ({label}: save -> DOM updated): {seconds * 1000:.0f} ms")
    return seconds


def until(page: Any, predicate: str) -> Callable[[], None]:
    """Poll the page every 20 ms for a JS predicate, riding out the reload livereload.js does.

    Playwright's ``expect`` backs off to 1 s between tries, which would swamp
    the round trip being measured; the assertions after it use ``expect``.
    """
    from playwright.sync_api import Error

    def wait() -> None:
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            try:
                if page.evaluate(predicate):
                    return
            except Error:  # the page is navigating: its old context is gone
                pass
            time.sleep(0.02)
        raise AssertionError(f"never true: {predicate}")

    return wait


def edit_first_paragraph(article: Path, words: str) -> None:
    """Append words to the first body paragraph, as a person editing in their editor would."""
    text = article.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    paragraphs = body.split("\n\n")
    index = next(i for i, p in enumerate(paragraphs) if p.strip() and not p.startswith("#"))
    paragraphs[index] = paragraphs[index].rstrip("\n") + " " + words
    article.write_text(f"---\n{front}---\n" + "\n\n".join(paragraphs), encoding="utf-8")


def test_an_article_edit_shows_without_a_manual_reload(page: Any, live: Any, project: Any) -> None:
    from playwright.sync_api import expect

    article = first_article(project)
    open_article(page, live, article)
    marker = "Freshly edited words"
    round_trip("article Markdown", lambda: edit_first_paragraph(article, marker),
               until(page, f"document.querySelector('main').textContent.includes({marker!r})"))
    expect(page.locator("main")).to_contain_text(marker)
    assert page.url.startswith(live.url)  # still under the production sub-path


def test_a_template_edit_shows_without_a_manual_reload(page: Any, live: Any, project: Any) -> None:
    from playwright.sync_api import expect

    open_article(page, live, first_article(project))
    base = project.template_dirs[0] / "base.html"
    text = base.read_text()
    new = text.replace("<main", '<p id="template-marker">Edited template</p>\n<main', 1)
    round_trip("template", lambda: base.write_text(new),
               until(page, "document.getElementById('template-marker') !== null"))
    expect(page.locator("#template-marker")).to_have_text("Edited template")


def test_a_stylesheet_edit_applies_in_place(page: Any, live: Any, project: Any) -> None:
    from playwright.sync_api import expect

    open_article(page, live, first_article(project))
    page.evaluate("window.__notReloaded = true")
    sheet = next(p for p in sorted((project.config_path.parent / "static").rglob("*.css")))
    css = sheet.read_text() + "\nbody { outline: 7px solid rgb(1, 2, 3) !important; }\n"
    round_trip("stylesheet", lambda: sheet.write_text(css),
               until(page, "getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'"))
    expect(page.locator("body")).to_have_css("outline-color", "rgb(1, 2, 3)")
    # livereload.js swapped the stylesheet; the page itself was not reloaded.
    assert page.evaluate("window.__notReloaded === true")


def test_a_broken_template_shows_the_error_and_the_fix_recovers(page: Any, live: Any, project: Any) -> None:
    from playwright.sync_api import expect

    article = first_article(project)
    open_article(page, live, article)
    base = project.template_dirs[0] / "base.html"
    good = base.read_text()
    lines = good.splitlines(keepends=True)
    lines.insert(3, "{% if %}\n")  # a syntax error on line 4
    overlay = page.locator("#build-error-overlay")
    round_trip("broken template", lambda: base.write_text("".join(lines)),
               until(page, "(document.getElementById('build-error-overlay') || {}).textContent"
                           "?.includes('base.html:4')"))
    expect(overlay).to_contain_text("base.html:4")
    # The last good page is still there under the overlay.
    expect(page.locator("main")).to_be_attached()
    assert any(re.search(r"base\.html:4", line) for line in live.lines if line.startswith("error:"))

    round_trip("fixed template", lambda: base.write_text(good),
               until(page, "document.readyState !== 'loading' && document.querySelector('main') !== null"
                           " && document.getElementById('build-error-overlay') === null"))
    expect(overlay).to_have_count(0)
    expect(page.locator("main")).to_be_visible()
