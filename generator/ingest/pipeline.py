"""Raw text in, articles out: the pure part of ingest.

    bytes --decode--> str --split--> RawPart* --clean--> Document --extract--> Article

Nothing here touches the disk; :mod:`generator.ingest.run` decides which
articles to write and writes them.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, replace

from generator.body import render_body
from generator.ingest.annotate import ANNOTATE, annotate
from generator.ingest.chain import code_fingerprint
from generator.ingest.clean import clean
from generator.ingest.split import split_source
from generator.knowledge import Knowledge
from generator.model import ActorResult, Article, DateInfo, Document, Event, Note, Quote, RawPart, Registry
from generator.slugs import article_stem


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one document."""

    actors: ActorResult
    date: DateInfo
    quotes: tuple[Quote, ...]
    quote_warnings: tuple[str, ...]
    events: tuple[Event, ...]
    topics: tuple[str, ...]


def extract(doc: Document, registry: Registry, knowledge: Knowledge) -> Extraction:
    found = annotate(doc, registry, knowledge)
    return Extraction(found.actors, found.date, found.quotes, found.quote_warnings, found.events,
                      found.topics)


def _review_notes(doc: Document, found: Extraction) -> tuple[Note, ...]:
    notes: list[Note] = []
    if found.date.date is None:
        notes.append(Note("date", 0, "date: not settled by the text; add `date:` by hand"))
    elif found.date.confidence in ("low", "medium"):
        notes.append(Note("date", 0, f"date: {found.date.confidence} confidence ({found.date.basis})"))
    notes.extend(_notes(found.actors.review))
    return tuple(dict.fromkeys(notes))


def _notes(texts: tuple[str, ...]) -> tuple[Note, ...]:
    # The extractors still speak strings: read here as the front-matter is read back, so a fresh
    # article and the same article loaded from disk carry equal notes.
    return tuple(Note.of(text) for text in texts)


def build_article(doc: Document, found: Extraction, taken: frozenset[str] = frozenset()) -> Article:
    title = doc.meta.title or doc.title
    return Article(
        slug=article_stem(found.date.date, title, taken),
        title=title,
        date=found.date,
        body=render_body(doc),
        source_file=doc.source_file,
        source_part=doc.part,
        source_parts=doc.parts,
        source_url=doc.meta.url,
        publisher=doc.meta.publisher,
        language=doc.meta.language or "en",
        byline=doc.meta.byline or doc.byline,
        credits=doc.credits,
        captions=doc.captions,
        relayed=doc.relayed,
        actors=found.actors.mentions,
        topics=found.topics,
        events=found.events,
        quotes=found.quotes,
        warnings=tuple(dict.fromkeys(_notes(
            found.date.warnings + found.quote_warnings + found.actors.warnings))),
        review=_review_notes(doc, found),
    )


def part_fingerprint(part: RawPart, context: str) -> str:
    """What an article was made from: the raw part, its given front-matter, and the registries.

    ``context`` is the fingerprint of everything else extraction reads, so a registry edit
    refreshes every article a person has not touched.
    """
    payload = json.dumps(
        [EXTRACTOR_VERSION, context, part.source_file, part.part, part.parts, part.title,
         list(part.lines), part.meta.mapping(), part.reader, [n.text for n in part.notes]],
        ensure_ascii=False, sort_keys=True, default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def ingest_part(part: RawPart, registry: Registry, knowledge: Knowledge) -> Article:
    """One article from one raw part: clean, extract, assemble."""
    doc = clean(part)
    article = build_article(doc, extract(doc, registry, knowledge))
    notes = list(part.notes)
    if part.title_derived:
        notes.append(Note("title", 0, "title: the text has no headline; this one is its first words, "
                                      "write `title:` by hand"))
    if not article.body.strip():
        notes.append(Note("body", 0, "body: the source has no text below its headline"))
    article = replace(article, source_format=part.reader)
    return replace(article, review=(*notes, *article.review)) if notes else article


def ingest_text(name: str, text: str, registry: Registry, knowledge: Knowledge
                ) -> tuple[tuple[RawPart, Article], ...]:
    """Every article in one raw source, each with the part it came from."""
    return tuple((part, ingest_part(part, registry, knowledge)) for part in split_source(name, text))


#: The code of ingest itself: a new release of the extractors refreshes every article a person
#: has not edited, with no version number to forget to bump.  Derived from the registered rules
#: and this module (cleaning, assembling), and every module of ours they reach.
EXTRACTOR_VERSION = code_fingerprint([ANNOTATE], sys.modules[__name__])
