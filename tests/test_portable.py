"""The built site opened from disk (file://) and from any sub-path: relative links everywhere."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.urls import Urls, relative_links
from tests.site_helpers import build, copy_fixture

LINK_ATTRIBUTES = {"href", "src", "action", "srcset"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name in LINK_ATTRIBUTES or (name.startswith("data-") and
                                                                   name.endswith(("-url", "-href")))):
                self.links += [c.strip().split(" ")[0] for c in value.split(",")] if name == "srcset" \
                    else [value]


def links_of(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def _built(tmp_path: Path, extra: str = "") -> Path:
    content = copy_fixture(tmp_path)
    config = content / "site.yaml"
    config.write_text(config.read_text() + extra)
    out = tmp_path / "site"
    result = build(content, out)
    assert result.ok, result.errors
    return out


@pytest.fixture(scope="module")
def disk_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory.mktemp("disk"), "directory_urls: false\n")


@pytest.fixture(scope="module")
def web_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory.mktemp("web"))


def _pages(root: Path) -> list[Path]:
    # 404.html is served at any missing address, so its links stay rooted at the base path.
    return [p for p in sorted(root.rglob("*.html")) if p.name != "404.html"]


def test_every_internal_link_opens_a_file_from_disk(disk_site: Path) -> None:
    checked = 0
    for page in _pages(disk_site):
        for link in links_of(page):
            if urlsplit(link).scheme in ("http", "https", "mailto") or link.startswith("#"):
                continue
            if link.startswith("pagefind/") or "/pagefind/" in link:
                continue  # search needs a web server; the README says so
            target = urlsplit(urljoin(page.as_uri(), link))
            assert target.scheme == "file", (page, link)
            path = Path(unquote(target.path))
            assert path.is_file(), f"{page.relative_to(disk_site)}: {link} -> {path}"
            checked += 1
    assert checked > 100


def test_web_build_links_are_relative_so_any_sub_path_works(web_site: Path) -> None:
    rooted = [(page.relative_to(web_site).as_posix(), link)
              for page in _pages(web_site) for link in links_of(page)
              if link.startswith("/") and "pagefind/" not in link]
    assert rooted == []
    home = (web_site / "index.html").read_text()
    assert 'href="static/style.css' in home
    article = next((web_site / "articles").glob("*/index.html")).read_text()
    assert 'href="../../static/style.css' in article
    # Pretty directory links on the web; absolute URLs where a page is named from outside.
    assert 'href="../../topics/"' in article
    assert '<link rel="canonical" href="https://example.org/briefing/articles/' in article
    assert "<loc>https://example.org/briefing/articles/" in (web_site / "sitemap.xml").read_text()
    assert 'href="/briefing/static/style.css"' in (web_site / "404.html").read_text()


def test_directory_urls_false_links_name_index_html(disk_site: Path) -> None:
    home = (disk_site / "index.html").read_text()
    assert 'href="topics/index.html"' in home
    assert "<loc>https://example.org/briefing/topics/</loc>" in (disk_site / "sitemap.xml").read_text()


# --- the rewriting, as a pure function ---------------------------------------------


def test_relative_links_by_depth() -> None:
    html = ('<a href="/repo/">h</a><a href="/repo/articles/x/#p-2">a</a><img src="/repo/static/i.png" '
            'srcset="/repo/static/i.png 1x, /repo/static/i2.png 2x"><form action="/repo/search/">'
            '<div data-chart-url="/repo/data/e.json" data-search-base="/repo/"></div>'
            '<a href="https://x.org/repo/">e</a><a href="//cdn.example/x">p</a>'
            '<p>text href=&#34;/repo/not-a-link&#34;</p>')
    out = relative_links(html, "articles/x/", "/repo/")
    assert out == (
        '<a href="../../">h</a><a href="../../articles/x/#p-2">a</a><img src="../../static/i.png" '
        'srcset="../../static/i.png 1x, ../../static/i2.png 2x"><form action="../../search/">'
        '<div data-chart-url="../../data/e.json" data-search-base="../../"></div>'
        '<a href="https://x.org/repo/">e</a><a href="//cdn.example/x">p</a>'
        '<p>text href=&#34;/repo/not-a-link&#34;</p>'
    )
    assert relative_links('<a href="/">h</a><a href="/feed.xml">f</a><a href="//h/x">p</a>', "", "/") == (
        '<a href="./">h</a><a href="feed.xml">f</a><a href="//h/x">p</a>'
    )


def test_urls_index_html_only_in_links() -> None:
    urls = Urls("https://u.github.io/repo/", directory_urls=False)
    assert urls.url_for("home") == "/repo/index.html"
    assert urls.url_for("article", "x", "p-1") == "/repo/articles/x/index.html#p-1"
    assert urls.url_for("feed") == "/repo/feed.xml"
    assert urls.absolute_for("article", "x") == "https://u.github.io/repo/articles/x/"


_PIECE = st.sampled_from(['<a href="/b/x/">', "</a>", "text ", '<img src="/b/s.png">', "<", ">", '"',
                          'href="/b/', "é", "\n"])


@given(st.lists(_PIECE, max_size=40), st.lists(st.integers(0, 400), max_size=6))
def test_rewriting_in_chunks_is_rewriting_the_whole(pieces: list[str], cuts: list[int]) -> None:
    from generator.site.render import relative_chunks

    text = "".join(pieces)
    bounds = sorted({0, len(text), *(min(c, len(text)) for c in cuts)})
    chunks = [text[a:b] for a, b in itertools.pairwise(bounds)]
    assert "".join(relative_chunks(iter(chunks), "a/b/", "/b/")) == relative_links(text, "a/b/", "/b/")


# --- in a browser, from disk --------------------------------------------------------


@pytest.mark.browser
def test_opened_from_disk_the_site_is_styled_and_navigable(page, disk_site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((disk_site / "index.html").as_uri())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(253, 253, 251)"  # --bg from style.css: the stylesheet was found
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Topics").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/topics/index.html")
    assert page.locator("h1").inner_text() == "Topics"
    page.locator("main a").first.click()
    # A click waits for the navigation to commit, not for the new page's stylesheet.
    page.wait_for_load_state("load")
    assert re.search(r"/topics/[^/]+/index\.html$", page.url)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    hrefs = page.evaluate("[...document.querySelectorAll('a[href], link[href], script[src]')]"
                          ".map(e => e.href || e.src)")
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme == "file":
            assert Path(unquote(parts.path)).is_file(), href
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
def test_default_build_from_disk_is_styled(page, web_site: Path) -> None:  # type: ignore[no-untyped-def]
    article = next((web_site / "articles").glob("*/index.html"))
    page.goto(article.as_uri())
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(253, 253, 251)"


@pytest.mark.browser
def test_search_from_disk_says_it_needs_a_web_server(page, disk_site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((disk_site / "search" / "index.html").as_uri())
    assert page.locator("#search-offline").is_visible()
    assert "needs a web server" in page.locator("#search-offline").inner_text()
    assert page.errors == []  # type: ignore[attr-defined]
