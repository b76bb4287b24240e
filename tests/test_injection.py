"""Text that tries to be something else stays text: links, XML, the terminal, the Markdown renderer.

- a link or image in a curated body whose URL is ``javascript:`` once its entities and
  percent-escapes are decoded is no link at all, checked in headless Chromium as well;
- control characters in a title or in site.yaml never make ``feed.xml`` or ``sitemap.xml``
  ill-formed;
- a source's file name with terminal escape codes is printed escaped;
- any body renders in time linear in its length (checked here by what comes out: the
  200,000 ``[`` are there, escaped).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from markdown.inlinepatterns import LinkInlineProcessor

from generator import cli
from generator.errors import SourceError
from generator.site.markdown import _safe_url, render_body

REPO = Path(__file__).resolve().parent.parent
JS = "alert(document.domain)"

#: Ways to write ``javascript:`` that a check of the raw text misses and a browser does not.
HIDDEN_JAVASCRIPT = [
    f"jav&#x61;script:{JS}",
    f"javascript&colon;{JS}",
    f"&#106;avascript:{JS}",
    f"&#x6A&#x61vascript:{JS}",
    f"&#0000106avascript:{JS}",
    f"java&Tab;script:{JS}",
    f"java&NewLine;script:{JS}",
    f"JaVaScRiPt:{JS}",
    f"java%73cript:{JS}",
    f"%6Aavascript:{JS}",
    f"\x01javascript:{JS}",
    "vbscript&#58;msgbox(1)",
    "data&colon;text/html,<script>alert(1)</script>",
]
SAFE_URLS = ["https://example.org/a?b=1&amp;c=2", "http://example.org/", "mailto:desk@example.org",
             "/articles/x/", "../x/", "#p-2", "x/y.html", "https://example.org/caf%C3%A9"]


@pytest.mark.parametrize("url", HIDDEN_JAVASCRIPT)
def test_the_link_check_decodes_before_it_judges(url: str) -> None:
    assert not _safe_url(url)


@pytest.mark.parametrize("url", SAFE_URLS)
def test_ordinary_links_pass(url: str) -> None:
    assert _safe_url(url)


@pytest.mark.parametrize("url", HIDDEN_JAVASCRIPT)
def test_a_hidden_javascript_link_or_image_loses_its_url(url: str) -> None:
    html = render_body(f"A [link]({url}) and ![picture]({url}).\n")
    assert "href=" not in html and "src=" not in html, html


BODY = "Links, all but the first two hidden javascript:\n\n" + "\n\n".join(
    f"[safe {i}]({u}) [link {i}]({u2}) ![img {i}]({u2})"
    for i, (u, u2) in enumerate(zip(SAFE_URLS * 2, HIDDEN_JAVASCRIPT, strict=False))) + "\n"


@pytest.mark.browser
def test_chromium_sees_no_javascript_link(page) -> None:  # type: ignore[no-untyped-def]
    page.set_content(f"<!doctype html><html><body>{render_body(BODY)}</body></html>")
    protocols = page.evaluate("""() => [...document.querySelectorAll('[href], [src]')].map(
        e => new URL(e.getAttribute('href') ?? e.getAttribute('src'), 'https://example.org/').protocol)""")
    assert len(protocols) == len(HIDDEN_JAVASCRIPT), protocols  # the safe links are still links
    assert set(protocols) <= {"https:", "http:", "mailto:"}, protocols
    assert page.evaluate("document.querySelectorAll('a').length") == 2 * len(HIDDEN_JAVASCRIPT)


# --- XML --------------------------------------------------------------------------------------

CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f\ufffe\uffff"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("controls")
    shutil.copytree(REPO / "content", root / "content")
    # JSON strings are YAML double-quoted strings, \u escapes and all.
    settings = {"title": "Site" + CONTROL, "description": "About \x02\x08 things", "author": "Ann\x0c Author"}
    (root / "site.yaml").write_text("".join(f"{k}: {json.dumps(v)}\n" for k, v in settings.items())
                                    + "base_url: https://example.org/x/\nsearch: false\n", encoding="utf-8")
    for article in sorted((root / "content" / "articles").glob("*.md")):
        lines = article.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("title: "))
        title = yaml.safe_load(lines[at])["title"]
        lines[at] = "title: " + json.dumps("\x1b[31m\x00\x07" + title)
        article.write_text("\n".join(lines), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["build", "--no-ingest"])
    assert code == 0, out.getvalue() + err.getvalue()
    return root / "_site"


@pytest.mark.parametrize("name", ["feed.xml", "sitemap.xml"])
def test_control_characters_never_reach_the_xml(hostile_site: Path, name: str) -> None:
    text = (hostile_site / name).read_text(encoding="utf-8")
    root = ET.fromstring(text.encode("utf-8"))  # raises on a character XML forbids
    assert root is not None
    assert not any(c in text for c in CONTROL), [c for c in CONTROL if c in text]


def test_the_feed_keeps_the_words(hostile_site: Path) -> None:
    feed = ET.fromstring((hostile_site / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.findtext("a:title", namespaces=ns).startswith("Site")
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles and all("[31m" in t for t in titles), titles


# --- the terminal -----------------------------------------------------------------------------


def test_a_file_name_with_escape_codes_is_printed_escaped() -> None:
    error = SourceError("cannot be read \x1b]0;title\x07", "sources/a\x1b[2Jb\u202e.txt", 3)
    assert "\x1b" not in str(error) and "\x07" not in str(error) and "\u202e" not in str(error)
    assert str(error).startswith("sources/a\\x1b[2Jb\\u202e.txt:3: ")


def test_ingest_output_and_report_escape_a_source_name(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "clear\x1b[2Jscreen.txt").write_bytes(b"\x00\x01binary\xff\xfe")
    (content / "sources" / "bell\x07ok.txt").write_text(
        "A headline for the story\n\nThe first paragraph of the story tells what happened on Monday.\n")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(tmp_path), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        cli.main(["ingest"])
    printed = out.getvalue() + err.getvalue()
    report = (content / "ingest-report.md").read_text(encoding="utf-8")
    assert "clear\\x1b[2Jscreen.txt" in printed and "clear\\x1b[2Jscreen.txt" in report, printed
    for text in (printed, report):
        assert "\x1b" not in text and "\x07" not in text


# --- Markdown in linear time --------------------------------------------------------------------


@pytest.mark.parametrize("body", ["[" * 200_000, "x [" * 70_000, "\\[" * 100_000, "[a](" * 50_000,
                                  "]" * 200_000, "![" * 100_000, "[a](b" * 50_000, "*a" * 100_000])
def test_any_body_renders_and_keeps_its_text(body: str) -> None:
    html = render_body(body + "\n")
    assert html.count("[") == body.count("[") and html.count("]") == body.count("]")
    assert html.startswith('<p id="p-1">') and html.endswith("</p>")


def _scanned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Characters Python-Markdown's link processors walk, counted as they go."""
    walked = [0]
    for name in ("getText", "getLink"):
        original = getattr(LinkInlineProcessor, name)

        def counting(self, data, index, _original=original):  # type: ignore[no-untyped-def]
            result = _original(self, data, index)
            walked[0] += max(0, result[-2] - index)
            return result

        monkeypatch.setattr(LinkInlineProcessor, name, counting)
    return walked


@pytest.mark.parametrize("shape", ["[", "[a](", "![", "[a](b", "x [ y "])
def test_link_scanning_stays_linear_in_the_body(monkeypatch: pytest.MonkeyPatch, shape: str) -> None:
    walked = _scanned(monkeypatch)
    body = "Text " + shape * (4000 // len(shape)) + "\n"
    render_body(body)
    # Each [ scanning to the end of a 4 KB body walks millions; the bound is 20 per character
    # plus 200,000, twice (text, then URL).
    assert walked[0] <= 2 * (20 * len(body) + 200_000), walked[0]


def test_deeply_nested_lists_and_quotes_render(monkeypatch: pytest.MonkeyPatch) -> None:
    for body in ("".join("    " * i + "- x\n" for i in range(300)), "> " * 2000 + "x\n"):
        assert "x" in render_body(body)


def test_ordinary_markdown_still_renders_as_markdown() -> None:
    html = render_body("A [link](https://example.org/) and *stress*.\n\n- one\n- two\n")
    assert '<a href="https://example.org/" rel="nofollow noopener">link</a>' in html
    assert "<em>stress</em>" in html and "<li>one</li>" in html
