"""What a source says about itself is read in one place (``SourceMeta.read``), whichever reader
made the part, and reaches every stage as typed fields; what a person should check in an article
is a typed ``Note`` the report reads by kind.

The keys and their synonyms ("url"/"source_url", "author"/"byline", "lang"/"language", the date
under any of the names other site generators use) are read once, so a text file's front-matter and
a web page's metadata mean the same thing; and the whole mapping is kept as stated, so a part's
fingerprint (and the text digest in ``ingest-state.yaml``) is what it was when ``given`` was a dict.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.frontmatter import dump_article, load_article
from generator.ingest.clean import clean
from generator.ingest.pipeline import build_article, extract, ingest_part, ingest_text
from generator.ingest.report import review_of
from generator.knowledge import load_knowledge
from generator.model import Article, DateInfo, Note, RawPart, Registry, SourceMeta


def test_synonyms_are_read_once() -> None:
    meta = SourceMeta.read({"source": "Example Times", "url": "https://example.org/a", "author": "Ana Ruiz",
                            "lang": "de", "pubDate": "2024-03-05", "topics": "arctic"})
    assert (meta.publisher, meta.url, meta.byline, meta.language) == (
        "Example Times", "https://example.org/a", "Ana Ruiz", "de")
    assert (meta.date, meta.date_key, meta.topics) == ("2024-03-05", "pubDate", ("arctic",))


def test_the_first_key_that_says_something_wins() -> None:
    meta = SourceMeta.read({"source_url": "", "url": "https://example.org/b", "publisher": "P", "source": "S",
                            "date": "", "published": dt.date(2020, 2, 2)})
    assert (meta.url, meta.publisher, meta.date, meta.date_key) == (
        "https://example.org/b", "P", "2020-02-02", "published")


def test_a_title_that_is_not_words_names_the_articles_but_no_headline() -> None:
    number = SourceMeta.read({"title": 2024})
    assert (number.title, number.title_words) == ("2024", None)
    assert SourceMeta.read({"title": " Ice "}).title_words == "Ice"


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6)


@settings(max_examples=200)
@given(st.dictionaries(st.text(max_size=10), _VALUES, max_size=6))
def test_the_mapping_is_kept_as_stated_for_fingerprints(mapping: dict[str, object]) -> None:
    def dumped(value: object) -> str:
        return json.dumps([value], ensure_ascii=False, sort_keys=True, default=str)

    assert dumped(SourceMeta.read(mapping).mapping()) == dumped(mapping)


def test_the_front_matter_reaches_the_article() -> None:
    text = ("---\nsource: Example Times\nurl: https://example.org/ice\nauthor: Ana Ruiz\nlang: de\n"
            "pubDate: 2024-03-05\n---\nIce Shelf Loses Record Area\n\n"
            "An ice shelf lost a record area of ice this winter, researchers said on Monday.\n")
    (_, article), = ingest_text("ice.txt", text, Registry(), load_knowledge())
    assert (article.publisher, article.source_url, article.byline, article.language) == (
        "Example Times", "https://example.org/ice", "Ana Ruiz", "de")
    assert article.date.date == "2024-03-05"
    assert article.date.basis == "given in the source's front-matter (pubDate)"


def test_time_stamps_are_a_typed_field_of_the_document() -> None:
    part = RawPart("x.txt", 1, 1, "Ice Shelf Loses Record Area",
                   ("Updated March 5, 2024", "", "An ice shelf lost a record area of ice this winter, "
                    "researchers said on Monday.", "", "Published: 12 Feb 2024 10:32 GMT"))
    doc = clean(part)
    assert doc.stamps == ("Updated March 5, 2024",)
    assert doc.meta == SourceMeta()
    found = extract(doc, Registry(), load_knowledge())
    assert (found.date.date, found.date.confidence) == ("2024-03-05", "medium")
    assert build_article(doc, found).date.basis == "updated line ‘Updated March 5, 2024’"


# --- notes ------------------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


def _ingested() -> list[Article]:
    from generator.ingest.readers import read_source

    paths = sorted((FIXTURES / "realworld").glob("*.txt")) + sorted((FIXTURES / "readers").glob("*.[hrxa]*"))
    out = []
    for path in paths:
        if path.suffix == ".yaml":
            continue
        for part in read_source(path.name, path.read_bytes(), str(path)).parts:
            out.append(ingest_part(part, Registry(), load_knowledge()))
    unclosed = ("Talks Resume\n\nThe talks resumed on Monday in Oslo, officials said.\n\n"
                "\"We will not give up the islands, the minister told reporters after the meeting.\n")
    return out + [a for _, a in ingest_text("q.txt", unclosed, Registry(), load_knowledge())]


def test_every_note_reads_back_from_the_front_matter_as_it_was_made() -> None:
    """A fresh article and the same article loaded from its file carry equal notes, kinds and
    paragraphs included: the report sees the same whether it ran on one or the other."""
    articles = _ingested()
    notes = [n for a in articles for n in (*a.warnings, *a.review)]
    assert {n.kind for n in notes} >= {"date", "quote", "discovered"}
    for article in articles:
        loaded = load_article(dump_article(article, "0" * 64), "x.md")
        assert (loaded.warnings, loaded.review) == (article.warnings, article.review)
    assert all(n.paragraph > 0 for n in notes if n.kind == "quote")


def test_the_report_reads_kinds_not_prefixes() -> None:
    """A note a person wrote that merely mentions a date is still listed; one about a paragraph's
    quotation mark is a warning of that paragraph."""
    article = Article(slug="a", title="a", date=DateInfo("2024-01-02", "high", "given"), body="x\n",
                      source_file="a.txt",
                      warnings=(Note("quote", 3, "paragraph 3: unclosed quotation mark"),),
                      review=(Note("date", 0, "date: medium confidence (x)"),
                              Note("note", 0, "check the date")))
    review = review_of([article])
    assert review.notes == (("a", ("check the date", "warning: paragraph 3: unclosed quotation mark")),)
    assert not review.dates
    dated = replace(article, warnings=(Note("date", 0, "date: 'May 2' names a Friday, not a Thursday"),))
    assert [g.reason for g in review_of([dated]).dates] == ["contradictory dates in the text"]


def test_a_note_that_begins_like_the_reports_own_line_is_still_listed() -> None:
    """The report's "read as html: ..." line is its own; a note whose words begin the same way is
    the article's, and makes it need review like any other."""
    article = Article(slug="a", title="a", date=DateInfo("2024-01-02", "high", "given"), body="x\n",
                      source_file="a.txt", review=(Note.of("read as a scan: check the figures"),))
    assert review_of([article]).notes == (("a", ("read as a scan: check the figures",)),)
