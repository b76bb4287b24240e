"""The values that flow between stages.

Every stage is a function from these values to new ones; nothing here is
mutated after construction.  The shape of an article's front-matter is the
shape of :class:`Article` (see ``generator/frontmatter.py`` for the mapping),
and the build's ``data/*.json`` exports are views of :class:`Site`.

    raw text --split--> RawPart --clean--> Document --extract--> Article
    content/*.md + registries --load--> Site --plan--> Page --render--> bytes
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ActorType = Literal["person", "country", "organization"]
Precision = Literal["day", "week", "month", "year"]
Confidence = Literal["high", "medium", "low", "none"]
BlockKind = Literal["paragraph", "heading"]


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


@dataclass(frozen=True, slots=True)
class RawPart:
    """One article's raw text as cut out of a source file, before cleaning."""

    source_file: str
    part: int  # 1-based
    parts: int
    title: str
    lines: tuple[str, ...]
    #: Front-matter the raw file began with: the user's word, used as given.
    given: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)
    #: Line number in the source file where this part starts (1-based).
    line: int = 1
    #: The text has no headline: ``title`` was made from its first sentence.
    title_derived: bool = False
    #: The reader that made the part from its file (``generator/ingest/readers``): text, html, feed.
    reader: str = "text"
    #: What the reader wants a person to check ("only the feed's summary"), for the review list.
    notes: tuple[str, ...] = ()


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
    given: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

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
    warnings: tuple[str, ...] = ()
    #: What a person should look at: uncertain date, ambiguous names, discovered actors.
    review: tuple[str, ...] = ()
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
