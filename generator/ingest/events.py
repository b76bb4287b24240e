"""Dated events: each body sentence that says when something happened.

    ParsedDoc + DateInfo + ActorResult --extract_events--> Event*

A sentence's time expressions are resolved against the publication date
(never a guessed one: without it only dates that carry their own year
resolve); each date it names is an event ("served from 2003 to 2009", "bought
in 2024 or 2025, refunded in 2026"), but a period that holds a more precise
date of the same sentence adds nothing ("on Jan. 5 ... this year").  "The same
day" and "the next day" lean on the previous dated event told in the same
tense ("would return on Tuesday" does not move "left ... the next day").  An event is *planned* when
its clause speaks of the future or it lies after publication, and
*background* when it ended more than a year before publication (or, in a story
with no date, more than a year before the latest past it tells).

The steps are the declared chain :data:`EVENTS`: publication date, horizon, the dates each
sentence tells, the actors it names, the events.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date, timedelta

from generator.ingest.chain import Chain, rule
from generator.ingest.parse import ParsedDoc
from generator.ingest.temporal import (
    Period,
    TimeExpression,
    find_time_expressions,
    is_future,
    resolve,
    shift,
)
from generator.model import ActorResult, ActorSpan, DateInfo, Event

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
#: How long before publication an event becomes background.
BACKGROUND_AFTER = timedelta(days=365)


@dataclass(frozen=True)
class Dated:
    """One time expression resolved in its sentence."""

    expr: TimeExpression
    period: Period
    future: bool


def _publication(info: DateInfo) -> date | None:
    try:
        return date.fromisoformat(info.date) if info.date else None
    except ValueError:
        return None


def _resolve_all(sentence: str, published: date | None, previous: dict[bool, Period]) -> list[Dated]:
    out = []
    for expr in find_time_expressions(sentence):
        future = is_future(sentence, expr.start, expr.end)
        anchor = previous.get(future) or previous.get(not future)
        period = shift(anchor, expr) if expr.anchored and anchor else resolve(expr, published, future)
        if period is not None:
            out.append(Dated(expr, period, future))
    return out


def _dates(dated: list[Dated]) -> list[Dated]:
    """One per period, in the order the sentence names them, without the periods that only hold
    another of its dates."""
    firsts: dict[tuple[str, str], Dated] = {}
    for d in dated:
        firsts.setdefault((d.period.label, d.period.precision), d)
    # Per precision, the finer periods sorted by first day with the earliest last day from there
    # on: whether one lies inside a coarser period is then one bisection, not a scan of them all.
    finer: dict[int, tuple[list[date], list[date]]] = {}
    for rank in range(1, len(_PRECISION_RANK)):
        spans = sorted((d.period.first, d.period.last) for d in firsts.values()
                       if _PRECISION_RANK[d.period.precision] < rank)
        lasts = [last for _, last in spans]
        for i in range(len(lasts) - 2, -1, -1):
            lasts[i] = min(lasts[i], lasts[i + 1])
        finer[rank] = ([first for first, _ in spans], lasts)

    def holds_finer(d: Dated) -> bool:
        rank = _PRECISION_RANK[d.period.precision]
        if rank == 0:
            return False
        firsts_, lasts = finer[rank]
        i = bisect.bisect_left(firsts_, d.period.first)
        return i < len(lasts) and lasts[i] <= d.period.last

    return [d for d in firsts.values() if not holds_finer(d)]


_Spans = dict[int, tuple[list[int], list[ActorSpan]]]


def _by_paragraph(actors: ActorResult) -> _Spans:
    """Each paragraph's spans by start: a sentence takes the few inside it, not a pass over all."""
    grouped: dict[int, list[ActorSpan]] = {}
    for s in sorted(actors.spans, key=lambda s: (s.paragraph, s.start)):
        grouped.setdefault(s.paragraph, []).append(s)
    return {p: ([s.start for s in its], its) for p, its in grouped.items()}


def _actors(spans: _Spans, paragraph: int, start: int, end: int) -> tuple[str, ...]:
    starts, its = spans.get(paragraph, ([], []))
    window = its[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end + 1)]
    inside = sorted((s for s in window if s.end <= end), key=lambda s: (s.start, s.actor))
    return tuple(dict.fromkeys(s.actor for s in inside))


def _planned(d: Dated, published: date | None) -> bool:
    return d.future or (published is not None and d.period.first > published)


def _background(d: Dated, published: date | None) -> bool:
    # Measured from the middle of the period: "Russia's 2022 invasion" is background in late 2023.
    middle = d.period.first + (d.period.last - d.period.first) / 2
    return published is not None and published - middle > BACKGROUND_AFTER


@dataclass(frozen=True)
class Told:
    """A body sentence and the dates it tells, each kept once."""

    paragraph: int
    start: int
    end: int
    text: str
    dated: tuple[Dated, ...]


@dataclass(frozen=True)
class Events:
    """What the rules of :data:`EVENTS` gather, in order; each returns a new one."""

    parsed: ParsedDoc
    info: DateInfo
    actors: ActorResult
    published: date | None = None
    #: What "background" is measured from: the publication date, or the latest past the text tells.
    horizon: date | None = None
    told: tuple[Told, ...] = ()
    #: Each sentence's actors, in the order of ``told``.
    named: tuple[tuple[str, ...], ...] = ()
    events: tuple[Event, ...] = ()


@rule(requires={"date"}, provides={"published"})
def _published(state: Events) -> Events:
    return replace(state, published=_publication(state.info))


@rule(requires={"document", "published"}, provides={"horizon"})
def _horizon(state: Events) -> Events:
    """With no publication date, the latest past the text tells: the story was written after it,
    so what lies more than a year before it is background all the same."""
    if state.published is not None:
        return replace(state, horizon=state.published)
    latest = None
    for passage in state.parsed.paragraphs:
        paragraph = passage.text
        for start, end in passage.sentences:
            for d in _resolve_all(paragraph[start:end], None, {}):
                if not d.future and (latest is None or d.period.last > latest):
                    latest = d.period.last
    return replace(state, horizon=latest)


@rule(requires={"document", "published"}, provides={"told"})
def _told(state: Events) -> Events:
    told: list[Told] = []
    #: The last day told as past (False) and as ahead (True): what "the next day" leans on.
    previous: dict[bool, Period] = {}
    for passage in state.parsed.paragraphs:
        index, paragraph = passage.number, passage.text
        for start, end in passage.sentences:
            dated = _resolve_all(paragraph[start:end], state.published, previous)
            if not dated:
                continue
            kept = _dates(dated)
            for d in kept:
                if d.period.precision == "day":
                    previous[d.future] = d.period
            told.append(Told(index, start, end, paragraph[start:end].strip(), tuple(kept)))
    return replace(state, told=tuple(told))


@rule(requires={"told", "actors"}, provides={"named"})
def _named(state: Events) -> Events:
    spans = _by_paragraph(state.actors)
    return replace(state, named=tuple(_actors(spans, t.paragraph, t.start, t.end) for t in state.told))


@rule(requires={"told", "named", "published", "horizon"}, provides={"events"})
def _events(state: Events) -> Events:
    published, horizon = state.published, state.horizon
    return replace(state, events=tuple(
        Event(
            date=d.period.label,
            precision=d.period.precision,
            text=t.text,
            actors=named,
            paragraph=t.paragraph,
            planned=_planned(d, published),
            background=_background(d, horizon) and not d.future,
        )
        for t, named in zip(state.told, state.named, strict=True) for d in t.dated
    ))


#: From a document and its date to its events, in order.
EVENTS: Chain[Events] = Chain("events", frozenset({"document", "date", "actors"}),
                              (_published, _horizon, _told, _named, _events))


def extract_events(parsed: ParsedDoc, date: DateInfo, actors: ActorResult) -> tuple[Event, ...]:
    """One event per body sentence whose time expression the text (and publication date) settles."""
    return EVENTS(Events(parsed, date, actors)).events
