"""What a page tells machines about itself: feeds per topic and actor, Open Graph, descriptions, lastmod.

Feeds and the sitemap are read with an XML parser, pages with an HTML parser: a
feed reader, a chat app's link preview and a search engine read them so.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.meta import DESCRIPTION_LIMIT, first_paragraph_text, trimmed
from tests.site_helpers import build, copy_fixture

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://example.org/briefing/"
SITE_DESCRIPTION = "A small corpus for golden tests & checks."


class _Head(HTMLParser):
    """The ``<meta>`` and ``<link>`` tags of a page, and its links' targets."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str | None]] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta":
            name = values.get("property") or values.get("name")
            if name:
                self.meta.setdefault(name, []).append(values.get("content") or "")
        elif tag == "link":
            self.links.append(values)
        elif tag == "a" and values.get("href"):
            self.anchors.append(values["href"] or "")


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def one(page: _Head, name: str) -> str:
    values = page.meta.get(name, [])
    assert len(values) == 1, f"{name}: {values}"
    return values[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("meta")
    result = build(copy_fixture(tmp), tmp / "out")
    assert result.ok, result.errors
    return tmp / "out"


# --- feeds per topic and per actor ------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "title", "entries"),
    [
        ("topics/polar-talks", "Polar talks", ["2025-03-05-south-answers", "2025-03-04-polar-talks-open"]),
        ("topics/fisheries", "Fisheries", ["2025-03-05-south-answers"]),
        ("topics/general", "General", []),  # its one article has no date: no entry, as in feed.xml
        ("actors/ada-north", "Ada North", ["2025-03-05-south-answers", "2025-03-04-polar-talks-open"]),
        ("actors/polar-council", "Polar Council", ["2025-03-04-polar-talks-open"]),
        ("actors/harbour-guild", "Harbour Guild", ["2025-03-05-south-answers"]),
    ],
)
def test_each_topic_and_actor_has_its_own_atom_feed_linked_from_its_page(
    site: Path, folder: str, title: str, entries: list[str]
) -> None:
    feed = ET.parse(site / folder / "feed.xml").getroot()
    assert feed.tag == ATOM + "feed"
    assert feed.findtext(ATOM + "title") == f"{title} · Fixture Briefing"
    page_url = BASE + folder + "/"
    assert feed.findtext(ATOM + "id") == page_url
    links = {link.get("rel"): link.get("href") for link in feed.findall(ATOM + "link")}
    assert links == {"self": page_url + "feed.xml", "alternate": page_url}
    assert [e.findtext(ATOM + "id") for e in feed.findall(ATOM + "entry")] == [
        f"{BASE}articles/{slug}/" for slug in entries
    ]
    for entry in feed.findall(ATOM + "entry"):
        assert entry.findtext(ATOM + "summary")
    expected_updated = "2025-03-05T00:00:00Z" if entries and entries[0].startswith("2025-03-05") else (
        "2025-03-04T00:00:00Z" if entries else "1970-01-01T00:00:00Z")
    assert feed.findtext(ATOM + "updated") == expected_updated

    page = head(site / folder / "index.html")
    own = f"../../{folder}/feed.xml"  # links are relative to the page, as every link of the site
    alternates = [link for link in page.links if link.get("rel") == "alternate"]
    assert {"type": "application/atom+xml", "title": f"{title} · Fixture Briefing", "href": own,
            "rel": "alternate"} in alternates
    # The site's own feed is still announced, and the page's feed has a visible link.
    assert any(link.get("href") == "../../feed.xml" for link in alternates)
    assert own in page.anchors


def test_the_site_feed_keeps_its_identity(site: Path) -> None:
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.findtext(ATOM + "title") == "Fixture Briefing"
    assert feed.findtext(ATOM + "id") == BASE
    assert len(feed.findall(ATOM + "entry")) == 2


def test_control_characters_never_reach_a_topic_or_actor_feed(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    topics = content / "topics.yaml"
    topics.write_text(topics.read_text().replace("title: Fisheries", 'title: "Fish\\x01eries\\x0b"'))
    article = content / "articles" / "2025-03-05-south-answers.md"
    article.write_text(article.read_text().replace("President Ben South", "President\x02 Ben South"))
    assert build(content, tmp_path / "out").ok
    for folder in ("topics/fisheries", "actors/ben-south"):
        feed = ET.parse(tmp_path / "out" / folder / "feed.xml").getroot()
        assert "President Ben South" in str(feed.findtext(f"{ATOM}entry/{ATOM}summary"))
    assert ET.parse(tmp_path / "out/topics/fisheries/feed.xml").getroot().findtext(
        ATOM + "title") == "Fisheries · Fixture Briefing"
    page = head(tmp_path / "out/articles/2025-03-05-south-answers/index.html")
    assert one(page, "description").startswith("President Ben South answered")


def test_feeds_are_not_in_the_sitemap(site: Path) -> None:
    locs = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(SITEMAP + "loc")]
    assert locs and not any(str(loc).endswith(".xml") for loc in locs)


# --- Open Graph and descriptions ------------------------------------------------------------


ARTICLE_TEXT = ("President Ben South answered Ada North a day after she opened the polar talks in "
                "Harbourtown on Tuesday.")
PAGES = {
    "index.html": ("Fixture Briefing", "website", BASE, SITE_DESCRIPTION),
    "topics/index.html": ("Topics", "website", BASE + "topics/", SITE_DESCRIPTION),
    "actors/index.html": ("Actors", "website", BASE + "actors/", SITE_DESCRIPTION),
    "chronology/index.html": ("Chronology", "website", BASE + "chronology/", SITE_DESCRIPTION),
    "chronology/topic/fisheries/index.html": (
        "Chronology: Fisheries", "website", BASE + "chronology/topic/fisheries/", SITE_DESCRIPTION),
    "search/index.html": ("Search", "website", BASE + "search/", SITE_DESCRIPTION),
    "articles/2025-03-05-south-answers/index.html": (
        "South answers North on sea lanes", "article", BASE + "articles/2025-03-05-south-answers/",
        ARTICLE_TEXT),
    "topics/fisheries/index.html": (
        "Fisheries", "website", BASE + "topics/fisheries/", "Quotas & catches <in> cold waters."),
    "actors/ada-north/index.html": (
        "Ada North", "website", BASE + "actors/ada-north/",
        "2 articles mention Ada North, a person, most often with Ben South, Harbour Guild and "
        "Polar Council."),
    "actors/harbour-guild/index.html": (
        "Harbour Guild", "website", BASE + "actors/harbour-guild/",
        "1 article mentions Harbour Guild, an organization, most often with Ada North and Ben South."),
}


@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_page_type_has_open_graph_and_its_own_description(site: Path, path: str) -> None:
    title, og_type, url, description = PAGES[path]
    page = head(site / path)
    assert one(page, "og:title") == title
    assert one(page, "og:type") == og_type
    assert one(page, "og:url") == url  # absolute, never made relative
    assert one(page, "og:site_name") == "Fixture Briefing"
    assert one(page, "twitter:card") == "summary"
    assert one(page, "description") == description
    assert one(page, "og:description") == description
    canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
    assert canonical == [url]


def test_an_undated_article_describes_itself_by_its_first_paragraph(site: Path) -> None:
    page = head(site / "articles/undated-fish-quota-note/index.html")
    assert one(page, "description") == "Quotas are set each year; this note has no date and names nobody."


def test_a_long_first_paragraph_is_cut_at_a_word_as_plain_text(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    path = content / "articles" / "2025-03-05-south-answers.md"
    long = ("The **Harbour Guild** said [in a statement](https://example.org/a?b=1&c=2) that quotas & "
            "\"catch limits\" <must> change " + "before the cold season opens again " * 6)
    text = path.read_text()
    text = text.replace("President Ben South answered", long + "\n\nPresident Ben South answered", 1)
    path.write_text(text)
    assert build(content, tmp_path / "out").ok
    description = one(head(tmp_path / "out/articles/2025-03-05-south-answers/index.html"), "description")
    assert description.startswith(
        'The Harbour Guild said in a statement that quotas & "catch limits" <must> ')
    assert len(description) <= DESCRIPTION_LIMIT and description.endswith("…")
    assert description[:-1] == description[:-1].rstrip() and (description[:-1] + " ") in long.replace(
        "**", "").replace("[in a statement](https://example.org/a?b=1&c=2)", "in a statement")
    raw = (tmp_path / "out/articles/2025-03-05-south-answers/index.html").read_text()
    assert "&lt;must&gt;" in raw and "<must>" not in raw and "**" not in description


def test_trimmed_and_first_paragraph_text() -> None:
    assert trimmed("short  text\nhere") == "short text here"
    words = "word " * 60
    cut = trimmed(words)
    assert len(cut) <= DESCRIPTION_LIMIT and cut.endswith("word…")
    assert trimmed("x" * 300).endswith("…") and len(trimmed("x" * 300)) <= DESCRIPTION_LIMIT
    html = '<h2>Head</h2>\n<p id="p-1">A <a href="/x">link</a> &amp; <em>more</em>.</p>\n<p>Second.</p>'
    assert first_paragraph_text(html) == "A link & more."
    assert first_paragraph_text("<ul><li>no paragraph</li></ul>") == ""


# --- sitemap lastmod -------------------------------------------------------------------------


def test_every_page_showing_a_dated_article_has_a_lastmod_of_the_newest(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    lastmods = {
        str(url.findtext(SITEMAP + "loc"))[len(BASE):]: url.findtext(SITEMAP + "lastmod")
        for url in root.findall(SITEMAP + "url")
    }
    assert lastmods == {
        "": "2025-03-05",
        "actors/": "2025-03-05",
        "actors/ada-north/": "2025-03-05",
        "actors/ben-south/": "2025-03-05",
        "actors/harbour-guild/": "2025-03-05",
        "actors/polar-council/": "2025-03-04",
        "articles/2025-03-04-polar-talks-open/": "2025-03-04",
        "articles/2025-03-05-south-answers/": "2025-03-05",
        "articles/undated-fish-quota-note/": None,  # no dated article: no lastmod
        "chronology/": "2025-03-05",
        "chronology/actor/ada-north/": "2025-03-05",
        "chronology/actor/harbour-guild/": "2025-03-05",
        "chronology/actor/polar-council/": "2025-03-04",
        "chronology/topic/fisheries/": "2025-03-05",
        "chronology/topic/polar-talks/": "2025-03-05",
        "topics/": "2025-03-05",
        "topics/fisheries/": "2025-03-05",
        "topics/general/": None,
        "topics/polar-talks/": "2025-03-05",
    }


def test_lastmod_follows_the_articles_not_the_clock(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    path = content / "articles" / "2025-03-05-south-answers.md"
    path.write_text(path.read_text().replace("date: '2025-03-05'", "date: '2025-02-01'"))
    assert build(content, tmp_path / "out").ok
    root = ET.parse(tmp_path / "out" / "sitemap.xml").getroot()
    lastmods = {url.findtext(SITEMAP + "loc"): url.findtext(SITEMAP + "lastmod")
                for url in root.findall(SITEMAP + "url")}
    assert lastmods[BASE] == "2025-03-04"
    assert lastmods[BASE + "topics/fisheries/"] == "2025-02-01"
    assert lastmods[BASE + "actors/harbour-guild/"] == "2025-02-01"


def test_a_further_page_of_a_list_takes_its_lists_lastmod() -> None:
    # Later pages of a list (topics/x/page/2/, chronology/2025/03/) are not planned on the
    # fixture; they change whenever the list gains an article, as its first page does.
    from generator.config import load_config
    from generator.site.load import article_files, read_article, read_registry
    from generator.site.meta import page_lastmods
    from generator.site.model import build_site_model
    from tests.site_helpers import FIXTURE

    config = load_config(FIXTURE / "site.yaml")
    articles = [read_article(p.read_text(encoding="utf-8"), str(p)) for p in article_files(FIXTURE)]
    site = build_site_model(config, read_registry(FIXTURE), articles)
    lastmod = page_lastmods(site, {}, {})
    assert lastmod("topics/polar-talks/page/2/") == lastmod("topics/polar-talks/") == "2025-03-05"
    assert lastmod("actors/polar-council/page/3/") == "2025-03-04"
    assert lastmod("topics/general/page/2/") is None
    assert lastmod("chronology/2025/03/") == lastmod("chronology/") == "2025-03-05"
    assert lastmod("actors/letter/a/") == "2025-03-05"
