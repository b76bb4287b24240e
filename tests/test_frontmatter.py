"""Article files: dump/load round trip, edit detection, errors that name key and line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import ArticleError
from generator.frontmatter import dump_article, ingest_meta, is_edited, load_article, split_front_matter
from generator.model import Article, DateInfo, Event, Mention, Note, Quote

# Article files are read with universal newlines, so bodies and values hold no other line breaks.
NOT_NEWLINES = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029")
TEXT = st.text(alphabet=NOT_NEWLINES, max_size=40)
SHORT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12)
TEXTS = st.lists(TEXT, max_size=3).map(tuple)
#: Notes as the front-matter reads them back: their kind from their words.
_NOTE_TEXT = st.sampled_from(["date: x", "paragraph 3: y", "discovered person: A (paragraph 2)"])
NOTES = st.lists(st.one_of(TEXT, _NOTE_TEXT).map(Note.of), max_size=3).map(tuple)
DAY = st.dates().map(lambda d: d.isoformat())
COUNT = st.integers(min_value=1, max_value=10_000)

MENTIONS = st.builds(
    Mention, id=SHORT, name=TEXT, type=st.sampled_from(["person", "country", "organization"]),
    roles=TEXTS, discovered=st.booleans(), mentions=COUNT, first_paragraph=st.integers(0, 500),
)
EVENTS = st.builds(
    Event,
    date=st.one_of(DAY, DAY.map(lambda d: d[:7]), DAY.map(lambda d: d[:4])),
    precision=st.sampled_from(["day", "week", "month", "year"]),
    text=TEXT, actors=st.lists(SHORT, max_size=3).map(tuple), paragraph=st.integers(0, 500),
    planned=st.booleans(), background=st.booleans(),
)
QUOTES = st.builds(
    Quote, speaker=st.none() | SHORT, speaker_name=TEXT, text=TEXT, paragraph=st.integers(0, 500)
)
CONFIDENCE = st.sampled_from(["high", "medium", "low", "none"])
ARTICLES = st.builds(
    Article,
    slug=st.just("2025-01-08-some-title"),
    title=TEXT,
    date=st.one_of(
        st.builds(DateInfo, date=DAY, confidence=CONFIDENCE, basis=TEXT),
        st.builds(DateInfo, date=st.none(), confidence=CONFIDENCE, basis=TEXT),
    ),
    body=TEXT,
    source_file=TEXT,
    source_part=COUNT,
    source_parts=COUNT,
    source_url=st.none() | TEXT,
    publisher=st.none() | TEXT,
    language=SHORT,
    byline=st.none() | TEXT,
    credits=TEXTS, captions=TEXTS, relayed=TEXTS,
    actors=st.lists(MENTIONS, max_size=3).map(tuple),
    topics=st.lists(SHORT, max_size=3).map(tuple),
    events=st.lists(EVENTS, max_size=3).map(tuple),
    quotes=st.lists(QUOTES, max_size=3).map(tuple),
    warnings=NOTES, review=NOTES, draft=st.booleans(),
)
PATH = "content/articles/2025-01-08-some-title.md"


@settings(max_examples=300, deadline=None)
@given(ARTICLES, st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
def test_round_trip_and_edit_detection(article: Article, source_hash: str) -> None:
    text = dump_article(article, source_hash)
    assert load_article(text, PATH) == article
    assert not is_edited(text)
    assert ingest_meta(text)["source_sha256"] == source_hash  # type: ignore[index]
    assert dump_article(article, source_hash) == text  # deterministic
    assert not is_edited(text.replace("\n", "\r\n"))  # a Windows checkout is not an edit


@settings(max_examples=200, deadline=None)
@given(ARTICLES, st.data())
def test_any_change_is_an_edit(article: Article, data: st.DataObject) -> None:
    text = dump_article(article, "0" * 64)
    position = data.draw(st.integers(0, len(text)))
    inserted = data.draw(st.sampled_from(["x", " ", "\n", "#"]))
    assert is_edited(text[:position] + inserted + text[position:])


def sample() -> Article:
    return Article(
        slug="2026-01-28-lavrov", title="Lavrov: U.S. and Denmark", body="One.\n\n## H\n\nTwo.\n",
        date=DateInfo("2026-01-28", "medium", "Wednesday, January 28th"), source_file="000_x.txt",
        actors=(Mention("marco-rubio", "Marco Rubio", "person", ("U.S. Secretary of State",), False, 5, 2),),
        credits=("AFP",),
    )


def test_key_order_follows_the_format() -> None:
    text = dump_article(sample(), "abc")
    keys = [line.split(":")[0] for line in text.split("---\n")[1].splitlines() if line and line[0].isalpha()]
    assert keys == [
        "title", "date", "date_confidence", "date_basis", "source", "language", "byline", "credits",
        "captions", "relayed", "actors", "topics", "events", "quotes", "warnings", "review", "ingest",
    ]
    assert "date: '2026-01-28'\n" in text
    assert "  output_sha256: " in text and text.endswith("---\nOne.\n\n## H\n\nTwo.\n")


def test_a_draft_says_so_right_under_its_title_and_only_then() -> None:
    from dataclasses import replace

    text = dump_article(replace(sample(), draft=True), "abc")
    assert text.startswith("---\ntitle: 'Lavrov: U.S. and Denmark'\ndraft: true\ndate: ")
    assert load_article(text, PATH).draft
    assert "draft" not in dump_article(sample(), "abc")
    assert load_article("---\ntitle: T\ndraft: false\n---\nB.\n", PATH).draft is False
    with pytest.raises(ArticleError, match="'draft' must be true or false") as caught:
        load_article("---\ntitle: T\ndraft: yes please\n---\nB.\n", PATH)
    assert caught.value.line == 3


def test_is_edited_without_ingest_block() -> None:
    assert is_edited("---\ntitle: Hand written\n---\nBody.\n")
    assert is_edited("no front matter at all")
    assert ingest_meta("---\ntitle: [broken\n---\n") is None


def test_tolerant_loading() -> None:
    article = load_article("---\ntitle: Hand Written\ndate: 2024-03-05\ncredits: AFP\n---\nBody.\n",
                           "content/articles/hand-written.md")
    assert article.slug == "hand-written"
    assert article.date == DateInfo("2024-03-05", "high", "")
    assert article.credits == ("AFP",)
    assert (article.source_part, article.language, article.actors) == (1, "en", ())
    assert article.body == "Body.\n"


@pytest.mark.parametrize(("text", "line", "words"), [
    ("---\ntitle: ok\ndate: [2024\n---\n", 3, "not valid YAML"),
    ("---\ntitle: ok\n  bad: indent\n---\n", 3, "not valid YAML"),
    ("---\n- a list\n---\n", 2, "mapping"),
    ("---\ntitle: ok\n", 1, "never closed"),
    ("---\ndate: 2024-01-01\n---\n", 1, "'title' is missing"),
    ("---\ntitle: ok\nlanguage: en\ndate: yesterday\n---\n", 4, "'date'"),
    ("---\ntitle: ok\nactors:\n- id: a\n  mentions: many\n---\n", 3, "'actors[0].mentions'"),
    ("---\ntitle: ok\nactors: {a: 1}\n---\n", 3, "'actors'"),
    ("---\ntitle: ok\nevents:\n- date: soon\n---\n", 3, "'events[0].date'"),
    ("---\ntitle: ok\ndate_confidence: certain\n---\n", 3, "'date_confidence'"),
    ("---\ntitle: ok\nsource: {part: 0}\n---\n", 3, "'source.part'"),
    ("---\ntitle: ok\ncredits: [[a]]\n---\n", 3, "'credits'"),
])
def test_errors_name_key_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ArticleError) as caught:
        load_article(text, "a.md")
    assert caught.value.path == "a.md"
    assert caught.value.line == line
    assert words in caught.value.message


def test_split_front_matter_reports_body_line() -> None:
    data, body, line = split_front_matter("\ufeff---\r\ntitle: x\r\n---\r\nBody\r\n", "a.md")
    assert (data, body, line) == ({"title": "x"}, "Body\n", 4)
    assert split_front_matter("Just text", "a.md") == ({}, "Just text", 1)
