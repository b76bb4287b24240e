"""What the extractors find in a cleaned document, as one declared chain of rules.

    Document --parse--> ParsedDoc --ANNOTATE (actors, date, quotes, events, topics)--> Annotated

Each extractor is one rule of :data:`ANNOTATE` and a chain of its own inside; the order is not
a comment but a checked declaration: dates read actors' dated roles, events read the date,
quotes and topics read where actors are named.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.ingest.actors import extract_actors
from generator.ingest.chain import Chain, rule
from generator.ingest.dates import infer_date
from generator.ingest.events import extract_events
from generator.ingest.parse import ParsedDoc, parse
from generator.ingest.quotes import extract_quotes
from generator.ingest.topics import assign_topics
from generator.knowledge import Knowledge
from generator.model import ActorResult, DateInfo, Document, Event, Quote, Registry

_NO_DATE = DateInfo(None, "none", "not annotated")
_NO_ACTORS = ActorResult((), ())


@dataclass(frozen=True)
class Annotated:
    """A document with everything found in it so far; each rule returns a new one."""

    parsed: ParsedDoc
    registry: Registry
    knowledge: Knowledge
    actors: ActorResult = _NO_ACTORS
    date: DateInfo = _NO_DATE
    quotes: tuple[Quote, ...] = ()
    quote_warnings: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    topics: tuple[str, ...] = ()

    @property
    def doc(self) -> Document:
        return self.parsed.document


@rule(requires={"document"}, provides={"actors"})
def actors(state: Annotated) -> Annotated:
    return replace(state, actors=extract_actors(state.doc, state.registry, state.knowledge))


@rule(requires={"document", "actors"}, provides={"date"})
def date(state: Annotated) -> Annotated:
    return replace(state, date=infer_date(state.doc, state.actors, state.registry))


@rule(requires={"document", "actors"}, provides={"quotes"})
def quotes(state: Annotated) -> Annotated:
    found, warnings = extract_quotes(state.doc, state.actors)
    return replace(state, quotes=found, quote_warnings=warnings)


@rule(requires={"document", "date", "actors"}, provides={"events"})
def events(state: Annotated) -> Annotated:
    return replace(state, events=extract_events(state.parsed, state.date, state.actors))


@rule(requires={"document", "actors"}, provides={"topics"})
def topics(state: Annotated) -> Annotated:
    return replace(state, topics=assign_topics(state.doc, state.actors, state.registry))


ANNOTATE: Chain[Annotated] = Chain("annotate", frozenset({"document"}),
                                   (actors, date, quotes, events, topics))


def annotate(doc: Document, registry: Registry, knowledge: Knowledge) -> Annotated:
    return ANNOTATE(Annotated(parse(doc), registry, knowledge))
