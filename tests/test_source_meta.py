"""What a source says about itself is read in one place (``SourceMeta.read``), whichever reader
made the part, and reaches every stage as typed fields.

The keys and their synonyms ("url"/"source_url", "author"/"byline", "lang"/"language", the date
under any of the names other site generators use) are read once, so a text file's front-matter and
a web page's metadata mean the same thing; and the whole mapping is kept as stated, so a part's
fingerprint (and the text digest in ``ingest-state.yaml``) is what it was when ``given`` was a dict.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.clean import clean
from generator.ingest.pipeline import build_article, extract, ingest_text
from generator.knowledge import load_knowledge
from generator.model import RawPart, Registry, SourceMeta


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
