"""Hostile input is inert: script and markup from any input stay text in every output.

A project full of payloads, in raw sources (``content/sources/``), in a hand-written article's
front-matter, in ``actors.yaml`` and ``topics.yaml`` and in ``site.yaml``, goes through the real
CLI (``build.py build``: ingest, then build, with the Pagefind index).  Then:

- every output file is scanned: no element or attribute the payloads could have made, no
  ``javascript:``/``data:`` link, inline JSON that cannot break out of its ``<script>``, no Jinja
  evaluated, and the payloads still there as text (escaped, not dropped);
- every page is loaded in headless Chromium, where a payload that ran would set
  ``window.__pwned`` or open a dialog.

``!!python/...`` YAML tags in sources, articles, registries and site.yaml are refused with a
message in tests/test_bad_inputs.py; slugify's own cases are in tests/test_slugs.py.  Here the
slugs are followed end to end, from a hostile title to a folder of the built site.
"""

from __future__ import annotations

import contextlib
import gzip
import html.parser
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator import cli
from tests.site_helpers import serve_folder

JS = "window.__pwned=1;alert(1)"
SCRIPT = f"<script>{JS}</script>"
IMG = f'"><img src=x onerror="{JS}">'
SVG = f"'><svg/onload={JS}>"
# Breaks out of an inline <script> (JSON-LD) unless "<" and "/" are escaped there.
CLOSE = f"</script><script>{JS}</script><!--"
# Jinja syntax that must stay literal: 1337000 or JINJA-RAN alone in the output means it ran.
JINJA = "{{ 7*7 }} {{ 1337*1000 }} {% if 1 %}JINJA-RAN{% endif %}"
JS_URL = f"javascript:{JS}"
DATA_URL = f"data:text/html,{SCRIPT}"
ALL = f"{SCRIPT} {IMG} {SVG} {CLOSE} {JINJA}"

#: Raw markup only a payload could have produced (escaped, it reads &lt;script&gt;...).
RAW_MARKERS = ("<script>window", "<img src=x", "<svg/onload", "<svg onload", "<b onmouseover",
               "<iframe", "1337000")
UNSAFE_SCHEMES = ("javascript", "data", "vbscript")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "background"}

#: Hostile titles -> what their slug must look like (checked end to end, not slugify's unit cases).
SLUG_TITLES = {
    "dots.txt": "../../../etc/passwd",
    "absolute.txt": "/etc/shadow",
    "device.txt": "CON",
    "long.txt": "Harbour " * 60,
    "cyrillic.txt": "Полярные переговоры",
    "punctuation.txt": "?!?",
}
SAFE_SEGMENT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _front_matter(values: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n"


HAND_ARTICLE = _front_matter({
    "title": f"Hand {SCRIPT}",
    "date": "2025-03-07",
    "date_confidence": "high",
    "date_basis": f"given {IMG}",
    "source": {"file": "hand.txt", "part": 1, "parts": 1, "url": f"  JaVaScRiPt:{JS}",
               "publisher": f"Pub {SCRIPT}"},
    "language": "en",
    "byline": f"By {IMG}",
    "credits": [f"<b onmouseover={JS}>credit</b>"],
    "captions": [f"{SCRIPT} caption {CLOSE}"],
    "relayed": [f"Relay {SVG}"],
    "actors": [
        {"id": "dotty", "name": f"Dotty {SCRIPT}", "type": "person", "roles": [f"<i>role</i> {IMG}"],
         "discovered": True, "mentions": 1, "first_paragraph": 1},
        {"id": "ada-north", "name": "Ada North", "type": "person", "roles": [], "discovered": False,
         "mentions": 1, "first_paragraph": 1},
    ],
    "topics": ["polar"],
    "events": [{"date": "2025-03-07", "precision": "day", "text": f"Event {ALL}", "actors": ["dotty"],
                "paragraph": 1, "planned": False, "background": False}],
    "quotes": [{"speaker": "dotty", "speaker_name": f"Dotty {SVG}", "text": f"Quote {CLOSE} {JINJA}",
                "paragraph": 1}],
    "warnings": [SCRIPT],
    "review": [],
}) + (
    f"Dotty {SCRIPT} spoke with Ada North. [x]({JS_URL}) [d]({DATA_URL}) <a href=\"{JS_URL}\">y</a> "
    f"![img](data:image/svg+xml,<svg onload={JS}>) {JINJA}\n\n"
    f"<iframe src=\"{JS_URL}\"></iframe> {IMG}\n"
)


def write_project(root: Path) -> None:
    """A project whose every input a person or a pasted page controls is hostile."""
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    (content / "articles").mkdir()
    (root / "site.yaml").write_text(yaml.safe_dump({
        "title": f"Hostile {SCRIPT}", "description": f"Desc {IMG} {JINJA}", "author": f"Author {SVG}",
        "copyright": f"(c) {CLOSE}", "base_url": "https://example.org/repo/", "search": True,
    }))
    (content / "actors.yaml").write_text(yaml.safe_dump({"actors": [
        {"id": "ada-north", "name": "Ada North", "type": "person", "aliases": ["North"],
         "roles": [{"title": f"Minister {SCRIPT}", "from": "2024-01-01"}]},
        {"id": "evil-org", "name": f"Evil {IMG}", "type": "organization", "aliases": [JINJA]},
    ]}))
    (content / "topics.yaml").write_text(yaml.safe_dump({"topics": [
        {"id": "polar", "title": f"Polar {SCRIPT}", "description": f"About {IMG} {CLOSE} {JINJA}",
         "phrases": ["polar talks"], "actors": ["ada-north"]},
    ]}))
    sources = content / "sources"
    # A YAML tag a safe loader knows (!!str) is just a string; !!python tags: test_bad_inputs.py.
    (sources / "hostile.txt").write_text(
        _front_matter({"date": "2025-03-04", "url": JS_URL, "publisher": f"Wire {IMG}"})
        .replace("---\n", f"---\ntitle: !!str 'Polar talks {SCRIPT}'\n", 1)
        + f"Ada North opened the polar talks in Harbourtown on Tuesday {SCRIPT}.\n\n"
        f"The Polar Council {IMG} will meet again in April, officials said. [click me]({JS_URL}) and "
        f"[data]({DATA_URL}) and <a href=\"{JS_URL}\">raw</a>.\n\n"
        f"\"We are here {CLOSE} to listen,\" North said on Wednesday {JINJA}.\n\n"
        f"<img src=x onerror=\"{JS}\"> {SVG} Evil {IMG} was there.\n"
    )
    (sources / "data-url.txt").write_text(
        _front_matter({"title": f"Data {SVG}", "date": "2025-03-05", "url": DATA_URL,
                       "publisher": f"Pub {CLOSE}"})
        + f"The polar talks continued {JINJA} while Ada North spoke.\n"
    )
    for name, title in SLUG_TITLES.items():
        (sources / name).write_text(_front_matter({"title": title, "date": "2025-03-06"})
                                    + f"Ada North said the polar talks on {name} went on.\n")
    (content / "articles" / "2025-03-07-hand.md").write_text(HAND_ARTICLE)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile project, built into ``<root>/www/repo`` by ``build.py build``."""
    root = tmp_path_factory.mktemp("hostile")
    write_project(root)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--out", "www/repo", "build", "--base-url", "http://127.0.0.1/repo/"])
    assert code == 0, out.getvalue() + err.getvalue()
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "www" / "repo"


# --- scanning the output ----------------------------------------------------------------------


def _unsafe_url(value: str) -> bool:
    # Browsers ignore whitespace and control characters in a scheme ("java\tscript:").
    cleaned = "".join(ch for ch in value if ch > " ").lower()
    return any(cleaned.startswith(scheme + ":") for scheme in UNSAFE_SCHEMES)


class _Scanner(html.parser.HTMLParser):
    """Elements and attributes a payload could have made, and the page's text, decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], list[str]]] = []
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and value is not None:
                self.urls.append(value)
                if _unsafe_url(value):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            # <meta http-equiv=refresh content="0; url=javascript:...">
            refresh = value.split("=", 1)[1] if value and "url=" in value.lower() else ""
            if name == "content" and _unsafe_url(refresh):
                self.problems.append(f"<{tag} content={value!r}>")
        if tag in {"iframe", "object", "embed", "base"}:
            self.problems.append(f"<{tag}> element in the output")
        if tag == "script":
            self.scripts.append((dict(attrs), []))
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1][1].append(data)
        else:
            self.text.append(data)


def scan_html(text: str, where: str) -> tuple[list[str], str]:
    """Problems in one HTML document, and its text (what a reader sees, entities decoded)."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    problems = [f"{where}: {p}" for p in scanner.problems]
    for attrs, parts in scanner.scripts:
        body = "".join(parts)
        if attrs.get("src"):
            # Only the site's own scripts, by their site path (relative to the page, rooted on
            # 404.html): never a URL a source supplied.
            src = attrs["src"] or ""
            if not re.fullmatch(r"(/repo/|(\.\./)*)(static|pagefind)/[\w.-]+", src) or body.strip():
                problems.append(f"{where}: unexpected script {attrs!r} {body[:80]!r}")
            continue
        if attrs.get("type") not in {"application/ld+json", "application/json"}:
            problems.append(f"{where}: inline script that is not JSON: {body[:120]!r}")
            continue
        # Escaped inline JSON has no "<" at all, so nothing in it can close the element.
        if "<" in body:
            problems.append(f"{where}: raw '<' in inline JSON: {body[:120]!r}")
        try:
            json.loads(body)
        except ValueError:
            problems.append(f"{where}: inline JSON does not parse (a payload broke out?): {body[:200]!r}")
    return problems, "".join(scanner.text)


def _raw_problems(text: str, where: str) -> list[str]:
    problems = [f"{where}: raw {marker!r}" for marker in RAW_MARKERS if marker in text]
    # JINJA-RAN may appear only inside the literal "{% if 1 %}JINJA-RAN{% endif %}".
    if re.search(r"(?<!%\})JINJA-RAN", text):
        problems.append(f"{where}: Jinja from an input was evaluated")
    return problems


def _pagefind_fragments(site: Path) -> Iterator[tuple[str, dict[str, object]]]:
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
        assert raw.startswith("pagefind_dcd"), path
        yield path.name, json.loads(raw.removeprefix("pagefind_dcd"))


def test_every_output_file_keeps_the_payloads_inert(site: Path) -> None:
    problems: list[str] = []
    page_text: dict[str, str] = {}
    files = sorted(p for p in site.rglob("*") if p.is_file())
    for path in files:
        name = path.relative_to(site).as_posix()
        if name.startswith("pagefind/") or name.startswith("static/"):
            continue  # the Pagefind index is decoded below; static/ is ours, copied as it is
        text = path.read_text(encoding="utf-8")
        problems += _raw_problems(text, name)
        if name.endswith(".html"):
            found, page_text[name] = scan_html(text, name)
            problems += found
        elif name.endswith(".xml"):
            tree = ET.fromstring(text)
            for element in tree.iter():
                tag = element.tag.rsplit("}", 1)[-1]
                if tag in {"script", "img", "svg", "iframe"}:
                    problems.append(f"{name}: <{tag}> element")
                if element.get("href") and not element.get("href", "").startswith("http"):
                    problems.append(f"{name}: link to {element.get('href')!r}")
                if tag in {"loc", "id", "uri"} and not (element.text or "").startswith("http"):
                    problems.append(f"{name}: <{tag}> {element.text!r}")
                # Atom text constructs of type html are HTML a feed reader renders: scan them too.
                if element.get("type") in {"html", "xhtml"} and element.text:
                    problems += scan_html(element.text, f"{name} <{tag}>")[0]
                    problems += _raw_problems(element.text, f"{name} <{tag}>")
        elif name.endswith(".json"):
            json.loads(text)
            for marker in ("<", ">"):
                if marker in text:
                    problems.append(f"{name}: raw {marker!r} (exports escape it as \\u003c/\\u003e)")

    for name, fragment in _pagefind_fragments(site):
        # Pagefind keeps page text as plain text and escapes it when it shows a result (see the
        # browser test below); what it turns into links must be the site's own pages.
        url = str(fragment.get("url", ""))
        if not url.startswith("/") or _unsafe_url(url):
            problems.append(f"pagefind {name}: url {url!r}")
        for key, value in dict(fragment.get("meta") or {}).items():  # type: ignore[call-overload]
            if key in {"image", "url"} and _unsafe_url(str(value)):
                problems.append(f"pagefind {name}: meta {key}={value!r}")

    assert not problems, "\n".join(problems)

    # Escaped, not dropped: a reader sees the payloads as the text they were.
    home = page_text["index.html"]
    assert f"Hostile {SCRIPT}" in home and "{{ 7*7 }}" in home and "{{ 1337*1000 }}" in home
    hand = page_text["articles/2025-03-07-hand/index.html"]
    for fragment in (f"Hand {SCRIPT}", f"By {IMG}", f"Pub {SCRIPT}", f"Dotty {SCRIPT}", CLOSE, "JINJA-RAN"):
        assert fragment in hand, fragment
    assert f"Evil {IMG}" in page_text["actors/evil-org/index.html"]
    assert f"About {IMG} {CLOSE}" in page_text["topics/polar/index.html"]
    assert f"(c) {CLOSE}" in home
    exported = json.loads((site / "data" / "articles.json").read_text())
    assert f"Hand {SCRIPT}" in {a["title"] for a in exported}, "the exports keep the text exactly"
    assert any(SCRIPT in str(fragment.get("content")) for _, fragment in _pagefind_fragments(site))


def test_javascript_and_data_urls_never_become_links(site: Path) -> None:
    # Parsed, not grepped: the text of a page may well read href="javascript:..." (escaped < and >).
    urls: dict[str, list[str]] = {}
    for path in site.rglob("*.html"):
        if "pagefind" not in path.relative_to(site).parts:
            scanner = _Scanner()
            scanner.feed(path.read_text())
            urls[path.relative_to(site).as_posix()] = scanner.urls
    assert sum(map(len, urls.values())) > 100
    bad = {name: [u for u in found if urlsplit(u.strip()).scheme not in {"", "http", "https"}]
           for name, found in urls.items()}
    assert not any(bad.values()), bad
    # The articles whose source URL was javascript: or data: link to no source at all.
    for name in ("articles/2025-03-07-hand/index.html",
                 "articles/2025-03-05-data-svg-onload-window-pwned-1-alert-1/index.html"):
        assert not [u for u in urls[name] if "__pwned" in u], urls[name]


def test_hostile_titles_give_slugs_inside_the_output(project: Path, site: Path) -> None:
    articles = sorted(p.stem for p in (project / "content" / "articles").glob("*.md"))
    assert len(articles) == len(SLUG_TITLES) + 3, articles
    for stem in articles:
        assert SAFE_SEGMENT.fullmatch(stem), stem
        assert (site / "articles" / stem / "index.html").is_file(), stem
    exported = json.loads((site / "data" / "articles.json").read_text())
    by_source = {a["source_file"]: a["slug"] for a in exported}
    slugs = {name: by_source[name] for name in SLUG_TITLES}
    assert len(set(slugs.values())) == len(slugs), "every title has its own slug"
    assert slugs["dots.txt"] == "2025-03-06-etc-passwd"
    assert slugs["absolute.txt"] == "2025-03-06-etc-shadow"
    assert slugs["device.txt"] == "2025-03-06-con-article"
    assert len(slugs["long.txt"]) <= 120 and slugs["long.txt"].startswith("2025-03-06-harbour-harbour")
    assert slugs["cyrillic.txt"] == "2025-03-06-poliarnye-peregovory"
    assert re.fullmatch(r"2025-03-06-article-[0-9a-f]{8}", slugs["punctuation.txt"])
    # Nothing was written outside the project's own folders (the parse cache is one).
    assert sorted(p.name for p in project.iterdir()) == [".cache", "content", "site.yaml", "www"]
    cached = [p.name for p in (project / ".cache" / "articles").iterdir()]
    assert len(cached) == len(articles) and all(re.fullmatch(r"[0-9a-f]{64}\.pickle", n) for n in cached)
    # Besides the parse cache: the event-merge memo, the build's record and ingest's, nothing else.
    records = re.compile(r"(merge-[0-9a-f]+|build-[0-9a-f]+|ingest)\.pickle")
    assert all(records.fullmatch(n) for n in os.listdir(project / ".cache") if n != "articles")
    assert sorted(p.name for p in (project / "www").iterdir()) == ["repo"]
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(site.resolve()), path


@pytest.mark.parametrize("field", ["actors", "topics"])
def test_an_unsafe_id_in_an_article_skips_that_article(tmp_path: Path, field: str) -> None:
    """Front-matter ids become folder names: ``../`` or ``/abs`` there is the article's mistake."""
    write_project(tmp_path)
    hand = tmp_path / "content" / "articles" / "2025-03-07-hand.md"
    if field == "actors":
        hand.write_text(HAND_ARTICLE.replace("id: dotty", "id: ../../../escaped"))
    else:
        hand.write_text(HAND_ARTICLE.replace("topics:\n- polar", "topics:\n- /etc/abs"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(tmp_path), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--out", "www/repo", "build"])
    text = out.getvalue() + err.getvalue()
    assert code == 1, text
    wrong = "'../../../escaped'" if field == "actors" else "'/etc/abs'"
    assert f"content/articles/2025-03-07-hand.md: {field[:-1]} id {wrong} cannot be used in a URL" in text
    assert "1 articles skipped, the rest was built" in text
    site = tmp_path / "www" / "repo"
    assert (site / "index.html").is_file() and not (site / "articles" / "2025-03-07-hand").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "content", "site.yaml", "www"]
    assert not list(tmp_path.rglob("escaped")) and not list(tmp_path.rglob("abs"))


# --- in the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(project: Path) -> Iterator[str]:
    with serve_folder(project / "www") as origin:
        yield f"{origin}/repo/"


def _watch(page) -> list[str]:  # type: ignore[no-untyped-def]
    """What shows that a payload ran: a dialog, or a console message or error naming it."""
    ran: list[str] = []

    def dialog(d) -> None:  # type: ignore[no-untyped-def]
        ran.append(f"dialog {d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.on("console", lambda m: ran.append(f"console: {m.text}") if "pwned" in m.text else None)
    page.on("pageerror", lambda e: ran.append(f"pageerror: {e}"))
    return ran


@pytest.mark.browser
def test_no_page_runs_a_payload(page, site_url: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    ran = _watch(page)
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not p.relative_to(site).as_posix().startswith("pagefind/"))
    assert len(paths) > 15, paths
    for path in paths:
        page.goto(site_url + path.removesuffix("index.html"))
        page.wait_for_load_state("load")
        # Handlers a payload might hide on hover or focus: move over and tab through the page.
        page.mouse.move(10, 10)
        page.mouse.move(400, 400)
        page.keyboard.press("Tab")
        pwned = page.evaluate("typeof window.__pwned")
        assert pwned == "undefined", f"{path}: a payload ran"
    assert ran == [], "\n".join(ran)


@pytest.mark.browser
@pytest.mark.parametrize("query", ["pwned", "script", "img onerror", "Evil", "1337"])
def test_search_results_stay_text(page, site_url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    ran = _watch(page)
    page.goto(site_url + "search/?q=" + query.replace(" ", "+"))
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    page.wait_for_timeout(300)  # excerpts are filled in after the links
    results = page.locator(".pagefind-ui__results")
    assert results.locator("script, img, iframe, svg [onload]").count() == 0
    assert "<script>" in results.inner_text() or query in {"Evil", "1337"}
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert ran == [], "\n".join(ran)
