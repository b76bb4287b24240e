"""Readers: saved web pages and news feeds become articles like text sources with front-matter.

Each fixture in ``tests/fixtures/readers/`` (pages and feeds written for these tests in the
shapes of real sites: WordPress, a newspaper with JSON-LD, a wire RSS feed with
``content:encoded``, a summary-only feed, Atom) has a ``<name>.expected.yaml`` beside it: one
entry per article, in order, with what its front-matter and body must say.  Bad inputs
follow, each with the message a person sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.errors import SourceError
from generator.frontmatter import dump_article, load_article
from generator.ingest import readers, run
from generator.ingest.pipeline import ingest_part
from generator.ingest.readers.feed import SUMMARY_ONLY
from generator.ingest.run import ingest_content
from generator.knowledge import load_knowledge
from generator.model import Article, Registry

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
CASES = sorted(p for p in FIXTURES.iterdir() if readers.reader_for(p.name) is not None)
#: Page furniture of the fixtures that must never reach an article, nor any markup or script.
NEVER = ("<", "INJECTED", "ADVERTISEMENT SCRIPT", "alert(", "gtag", "Advertisement", "Share this",
         "cookies", "Related stories", "Recent Posts", "harbourwatcher", "Leave a Reply", "Sign up",
         "Most read", "Privacy", "Skip to main content", "Subscribe")


def _articles(path: Path) -> list[Article]:
    reading = readers.read_source(path.name, path.read_bytes(), f"sources/{path.name}")
    assert not reading.errors
    knowledge = load_knowledge()
    return [ingest_part(part, Registry(), knowledge) for part in reading.parts]


def _summary(article: Article) -> dict:
    return {
        "title": article.title,
        "date": article.date.date,
        "date_confidence": article.date.confidence,
        "date_basis": article.date.basis,
        "url": article.source_url,
        "publisher": article.publisher,
        "byline": article.byline,
        "language": article.language,
        "format": article.source_format,
        "part": [article.source_part, article.source_parts],
        "summary_only": SUMMARY_ONLY in article.review,
        "paragraphs": [p.strip() for p in article.body.split("\n\n") if p.strip()],
    }


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_a_page_or_feed_becomes_the_expected_articles(path: Path) -> None:
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    articles = _articles(path)
    assert [_summary(a) for a in articles] == expected
    for article in articles:
        assert not any(word in article.body or word in article.title for word in NEVER), article.body


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_the_format_round_trips_through_the_article_file(path: Path) -> None:
    for article in _articles(path):
        again = load_article(dump_article(article, "0" * 64), f"articles/{article.slug}.md")
        assert again.source_format == article.source_format != "text"
        assert (again.date, again.source_url, again.byline, again.publisher) == (
            article.date, article.source_url, article.byline, article.publisher)


# --- bad inputs: one message naming the file (and the entry); the rest is read -----------------

PAGE = (FIXTURES / "wordpress.html").read_bytes()
FEED = (FIXTURES / "wire.rss").read_bytes()


def _refused(name: str, data: bytes) -> str:
    with pytest.raises(SourceError) as caught:
        readers.read_source(name, data, f"sources/{name}")
    assert caught.value.path == f"sources/{name}" and caught.value.hint
    return caught.value.message


@pytest.mark.parametrize(("name", "data", "says"), [
    ("report.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "it is a PDF"),
    ("photo.htm", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "it is a PNG image"),
    ("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "it is a JPEG image"),
    ("blank.html", b"  \n\n ", "the file is empty"),
    ("empty.rss", b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
     "the feed has no entries"),
    ("cut.xml", FEED[: FEED.index(b"<description>Top") + 5], "not a well-formed feed"),
    ("sitemap.xml", b'<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
     "not an RSS or Atom feed"),
    ("menu.html", b"<html><body><nav><ul>" + b"".join(
        b'<li><a href="/s%d">Section number %d of the site</a></li>' % (i, i) for i in range(30))
     + b"</ul></nav><h1>World</h1></body></html>", "no article text found on the page"),
])
def test_a_bad_source_is_refused_with_a_message_naming_it(name: str, data: bytes, says: str) -> None:
    assert says in _refused(name, data)


def test_an_entry_without_text_is_an_error_naming_it_and_the_others_are_read() -> None:
    start = FEED.index(b"<description><![CDATA[The central")
    end = FEED.index(b"</content:encoded>\n  </item>\n</channel>") + len(b"</content:encoded>")
    broken = FEED[:start] + FEED[end:]
    reading = readers.read_source("wire.rss", broken, "sources/wire.rss")
    assert [p.part for p in reading.parts] == [1]
    (error,) = reading.errors
    assert error.path == "sources/wire.rss"
    assert error.message.startswith("entry 2 (Central bank holds rates, signals cut in summer): "
                                    "the entry has no text")


def test_a_feed_cut_off_mid_entry_keeps_what_was_recovered_and_says_so() -> None:
    cut = FEED[: FEED.index(b"Inflation fell")]
    reading = readers.read_source("cut.rss", cut, "sources/cut.rss")
    assert [p.part for p in reading.parts] == [1, 2] and not reading.errors
    assert all(p.notes[0].text.startswith("source: the feed is not well-formed XML") for p in reading.parts)


def test_a_page_in_a_legacy_encoding_declared_in_meta_charset_is_read_correctly() -> None:
    page = ('<html lang="de"><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            "<title>Café</title></head><body><article><h1>Grüße aus Köln</h1>"
            + "<p>Der Bürgermeister begrüßte am Dienstag die Gäste im Rathaus – ein schönes Fest.</p>"
            "<p>Die Feier dauerte bis in die Nacht, und viele Bürger aus der Südstadt kamen dazu.</p>"
            "<p>Für das nächste Jahr ist ein größeres Fest geplant, sagte die Sprecherin der Stadt.</p>"
            + "</article></body></html>")
    reading = readers.read_source("koeln.html", page.encode("cp1252"), "sources/koeln.html")
    (part,) = reading.parts
    assert "Der Bürgermeister begrüßte am Dienstag die Gäste im Rathaus – ein" in "\n".join(part.lines)
    assert reading.encoding is None  # declared, so not reported as a guess
    assert part.meta.language == "de"


def test_a_huge_page_is_refused_before_it_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    path.write_bytes(PAGE + b"<!--" + b"x" * 20_000_000 + b"-->")
    error = run.read_sources(tmp_path)["huge.html"]
    assert isinstance(error, SourceError)
    assert "too large to ingest" in str(error) and "the limit is 10 MB" in str(error)


def test_script_and_markup_of_a_page_never_reach_the_article() -> None:
    page = (b"<html><head><script>document.write('EVIL')</script><style>p{color:red}</style></head><body>"
            b"<article><h1>Storm closes the port</h1>"
            b"<p>The port closed on Tuesday as a storm with 120 km/h winds crossed the coast, police said</p>"
            b"<p>&lt;script&gt;alert(1)&lt;/script&gt; was printed as &lt;b&gt;x&lt;/b&gt;.</p>"
            b"<p>Ferries will stay in harbour until Thursday, the coastal road is closed in two places.</p>"
            b"<script>var x = '<p>FROM SCRIPT</p>';</script><noscript><p>FROM NOSCRIPT</p></noscript>"
            b"</article></body></html>")
    reading = readers.read_source("storm.html", page, "sources/storm.html")
    article = ingest_part(reading.parts[0], Registry(), load_knowledge())
    assert not any(word in article.body for word in ("EVIL", "FROM SCRIPT", "FROM NOSCRIPT", "color:red"))
    assert "<script>" not in article.body and "<b>" not in article.body
    assert "alert(1)" in article.body  # text about a tag stays text, escaped by the body renderer


# --- through ingest: duplicates, errors and the report -------------------------------------------

def test_the_same_story_in_two_feeds_and_a_page_is_one_article(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "a-wire.rss").write_bytes(FEED)
    # A second feed carrying the first story again (with a tracking parameter) and nothing else.
    again = FEED.replace(b"quota-vote</link>", b"quota-vote?utm_source=x</link>")
    (content / "sources" / "b-wire.rss").write_bytes(again)
    (content / "sources" / "c-page.html").write_bytes(PAGE)
    report = ingest_content(content, quiet=True)
    assert report.ok, report.errors
    assert sorted((a.source_file, a.source_part) for a in report.articles) == [
        ("a-wire.rss", 1), ("a-wire.rss", 2), ("c-page.html", 1)]
    assert report.duplicates == (
        "sources/b-wire.rss entry 1: the same story (URL) as sources/a-wire.rss entry 1; skipped",
        "sources/b-wire.rss entry 2: the same story (URL) as sources/a-wire.rss entry 2; skipped")
    text = (content / "ingest-report.md").read_text(encoding="utf-8")
    assert "Read by format (`source.format`): 1 html, 2 feed." in text and "## Duplicates" in text


def test_a_full_text_copy_wins_over_a_summary_whatever_the_file_order(tmp_path: Path) -> None:
    summary = (FIXTURES / "summary-only.xml").read_bytes()
    page = PAGE.replace(b"https://coastlinecourier.example/2024/06/18/harbour-authority-approves-new-ferry-terminal/",
                        b"https://valleygazette.example/news/bridge-reopens")
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "a-summary.xml").write_bytes(summary)
    (content / "sources" / "b-page.html").write_bytes(page)
    report = ingest_content(content, quiet=True)
    assert [a.source_file for a in report.articles] == ["b-page.html"]


def test_bad_sources_are_reported_and_the_rest_is_ingested(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "good.rss").write_bytes(FEED)
    (content / "sources" / "story.txt").write_text(
        "Ministers meet in Nuuk\n\nOfficials met on Tuesday 4 March 2025 to discuss fishing quotas.\n",
        encoding="utf-8")
    (content / "sources" / "scan.html").write_bytes(b"%PDF-1.4\n")
    (content / "sources" / "broken.atom").write_bytes(b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>")
    report = ingest_content(content, quiet=True)
    assert sorted(str(e) for e in report.errors) == [
        "sources/broken.atom: entry 1: the entry has no text (no content and no summary); the feed is not "
        "well-formed XML (<unknown>:2:56: no element found) (the feed must carry the story's text; "
        "save the story's page instead)",
        "sources/scan.html: not a web page: it is a PDF document "
        "(save the web page itself (as HTML or XML), or delete the file)"]
    assert sorted(a.source_format for a in report.articles) == ["feed", "feed", "text"]
