"""The values that flow between stages.

Every stage is a function from these values to new ones; nothing here is
mutated after construction.  The shape of an article's front-matter is the
shape of :class:`Article` (see ``generator/frontmatter.py`` for the mapping),
and the build's ``data/*.json`` exports are views of :class:`Site`.

    raw text --split--> RawPart --clean--> Document --extract--> Article
    content/*.md + registries --load--> Site --plan--> Page --render--> bytes
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any, Literal

ActorType = Literal["person", "country", "organization"]
Precision = Literal["day", "week", "month", "year"]
Confidence = Literal["high", "medium", "low", "none"]
BlockKind = Literal["paragraph", "heading"]
#: What a note is about: the date, a quotation mark, a discovered or an ambiguous actor, the title,
#: the body, the source file; "note" for words a person wrote in the front-matter themselves.
NoteKind = Literal["date", "quote", "discovered", "ambiguous", "title", "body", "source", "note"]


# --- registries -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Role:
    """A title of office an actor held, with optional ISO dates (YYYY[-MM[-DD]])."""

    title: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, country or organization, canonical across the corpus."""

    id: str
    name: str
    type: ActorType
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    wikidata: str | None = None
    #: True when ingest found the name and no registry entry confirms it.
    discovered: bool = False


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: str
    description: str = ""
    #: Phrases whose presence signals the topic (case-insensitive, whole words).
    phrases: tuple[str, ...] = ()
    #: Actor ids whose presence signals the topic.
    actors: tuple[str, ...] = ()
    #: Found in the corpus by ingest (topics.suggested.yaml), not chosen by a person.
    suggested: bool = field(default=False, repr=False)


@dataclass(frozen=True, slots=True)
class Registry:
    """What a user curates in ``actors.yaml`` and ``topics.yaml``."""

    actors: tuple[Actor, ...] = ()
    topics: tuple[Topic, ...] = ()
    #: Names that must never become actors ("not an actor"), compared case-insensitively.
    rejected: tuple[str, ...] = ()
    #: Discovered name -> actor id it is merged into.
    merges: tuple[tuple[str, str], ...] = ()


# --- ingest ---------------------------------------------------------------

#: Front-matter keys that give the publication date: ``date``, and what other site generators call it.
DATE_KEYS = ("date", "published", "publishDate", "pubDate", "date_published", "datePublished")


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What a source says about itself: its own front-matter, or what a web page's or a feed's
    metadata states.  The user's word, used as given; ``None`` where the source says nothing.

    Made by :meth:`read` alone, the one place that knows the keys and their synonyms.
    """

    #: The title as stated (any value, as text), which every article of the source takes.
    title: str | None = None
    #: The title when stated as words: the name of a first story that has no headline line.
    title_words: str | None = None
    #: The publication date as stated (``YYYY-MM-DD`` for a YAML date), and the key it was under.
    date: str | None = None
    date_key: str = "date"
    #: The words a web page or feed states its date in ("page metadata: article:published_time").
    date_basis: str | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    byline: str | None = None
    #: Topic ids the source assigns itself, in order, each once.
    topics: tuple[str, ...] = ()
    #: The whole mapping as canonical JSON, keys a stage does not read included: what a part's
    #: fingerprint hashes, so any edit of the front-matter refreshes the article.
    stated: str = "{}"

    @classmethod
    def read(cls, mapping: Mapping[str, Any]) -> SourceMeta:
        """The meaning of a front-matter mapping (YAML dates already ``YYYY-MM-DD`` text)."""
        date_key = next((k for k in DATE_KEYS if mapping.get(k) not in (None, "")), None)
        day = mapping[date_key] if date_key is not None else None
        title = mapping.get("title")
        basis = mapping.get("date_basis")
        return cls(
            title=_text(mapping, "title"),
            title_words=title.strip() if isinstance(title, str) and title.strip() else None,
            date=None if day is None
            else day.isoformat()[:10] if isinstance(day, _date) else str(day).strip(),
            date_key=date_key or "date",
            date_basis=str(basis) if basis else None,
            url=_text(mapping, "source_url", "url"),
            publisher=_text(mapping, "publisher", "source"),
            language=_text(mapping, "language", "lang"),
            byline=_text(mapping, "byline", "author"),
            topics=_topics(mapping.get("topics")),
            stated=json.dumps(dict(mapping), ensure_ascii=True, sort_keys=True, default=str),
        )

    def mapping(self) -> dict[str, Any]:
        """The front-matter as stated (a fresh copy)."""
        return json.loads(self.stated)  # type: ignore[no-any-return]


def _text(mapping: Mapping[str, Any], *keys: str) -> str | None:
    """The first of *keys* the mapping fills, as text."""
    for key in keys:
        value = mapping.get(key)
        if value not in (None, ""):
            return str(value)
    return None


def _topics(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return ()
    return tuple(dict.fromkeys(str(t).strip() for t in value if str(t).strip()))


@dataclass(frozen=True, slots=True)
class Note:
    """Something a person should check in an article: a warning or a review note.

    ``text`` is the note whole, as the article's front-matter writes it; ``kind`` and ``paragraph``
    (1-based; 0 when about the article as a whole) are what the report reads, never the words.
    """

    kind: NoteKind
    paragraph: int
    text: str

    def __str__(self) -> str:
        return self.text

    @classmethod
    def of(cls, text: str) -> Note:
        """A note known only by its words, as an article's front-matter (or an extractor that still
        speaks strings) gives it: the kind from how the words begin, as they have always begun."""
        if text.startswith("discovered "):
            found = _NOTE_PARAGRAPH.search(text)
            return cls("discovered", int(found.group(1)) if found else 0, text)
        if found := _QUOTE_NOTE.match(text):
            return cls("quote", int(found.group(1)), text)
        if text.startswith("source read as "):
            return cls("source", 0, text)
        head, colon, _ = text.partition(":")
        kind: NoteKind = head if colon and head in _PREFIXED else "note"  # type: ignore[assignment]
        return cls(kind, 0, text)


_NOTE_PARAGRAPH = re.compile(r"\(paragraph (\d+)\)")
_QUOTE_NOTE = re.compile(r"paragraph (\d+): ")
_PREFIXED = frozenset({"date", "ambiguous", "title", "body", "source"})


@dataclass(frozen=True, slots=True)
class RawPart:
    """One article's raw text as cut out of a source file, before cleaning."""

    source_file: str
    part: int  # 1-based
    parts: int
    title: str
    lines: tuple[str, ...]
    #: What the source states about itself (a text file's front-matter, a page's metadata).
    meta: SourceMeta = SourceMeta()
    #: Line number in the source file where this part starts (1-based).
    line: int = 1
    #: The text has no headline: ``title`` was made from its first sentence.
    title_derived: bool = False
    #: The reader that made the part from its file (``generator/ingest/readers``): text, html, feed.
    reader: str = "text"
    #: What the reader wants a person to check ("only the feed's summary"), for the review list.
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: body blocks plus the metadata peeled off them.

    Paragraph numbers used everywhere (quotes, events, anchors ``#p-N``) are
    1-based indexes into :attr:`paragraphs`, i.e. headings are not counted.
    """

    source_file: str
    part: int
    parts: int
    title: str
    blocks: tuple[Block, ...]
    byline: str | None = None
    credits: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    #: Outlets the text says it was relayed from ("Caliber.Az reports via foreign media").
    relayed: tuple[str, ...] = ()
    meta: SourceMeta = SourceMeta()
    #: Time-stamp lines peeled off the head of the story, as written ("Updated March 5, 2024").
    stamps: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "paragraph")


@dataclass(frozen=True, slots=True)
class DateInfo:
    """The publication date and how sure we are of it."""

    date: str | None  # YYYY-MM-DD
    confidence: Confidence
    basis: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor as it appears in one article."""

    id: str
    name: str
    type: ActorType
    #: Roles the text gives the actor, as written ("Danish foreign minister").
    roles: tuple[str, ...] = ()
    discovered: bool = False
    mentions: int = 1
    #: Paragraph (1-based) of the first mention; 0 when only in the title.
    first_paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None  # actor id
    speaker_name: str
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Event:
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a week is given by its Monday)
    precision: Precision
    text: str
    actors: tuple[str, ...]
    paragraph: int
    planned: bool = False
    background: bool = False
    #: Slugs of the articles reporting it; filled when events are merged site-wide.
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One article, as its Markdown file holds it."""

    slug: str
    title: str
    date: DateInfo
    body: str  # Markdown
    source_file: str
    source_part: int = 1
    source_parts: int = 1
    source_url: str | None = None
    publisher: str | None = None
    #: The reader that made the article from its source: text, html or feed.
    source_format: str = "text"
    language: str = "en"
    byline: str | None = None
    credits: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    relayed: tuple[str, ...] = ()
    actors: tuple[Mention, ...] = ()
    topics: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    warnings: tuple[Note, ...] = ()
    #: What a person should look at: uncertain date, ambiguous names, discovered actors.
    review: tuple[Note, ...] = ()
    #: A person's ``draft: true``: shown by the preview (``serve``), never published.
    draft: bool = False


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """Where an actor is named: offsets into ``Document.paragraphs[paragraph - 1]``."""

    paragraph: int  # 1-based; 0 = the title
    start: int
    end: int
    actor: str  # actor id
    text: str  # the words as written ("Rubio", "Washington", "Danish")


@dataclass(frozen=True, slots=True)
class ActorResult:
    """What actor extraction found in one document."""

    mentions: tuple[Mention, ...]
    spans: tuple[ActorSpan, ...]
    #: Discovered actors (not in any registry), for the report.
    discovered: tuple[Actor, ...] = ()
    review: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
