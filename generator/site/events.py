"""Articles' events -> one chronology, the same event reported twice shown once.

Two events are the same when they have the same date and precision and either
say nearly the same thing or share an actor and say something alike.  Events
are bucketed by (date, precision) first, so comparisons stay inside one day
(or month, or year) instead of running over the whole corpus.  Within a bucket
the order is fixed (article slug, paragraph, text), so merging is deterministic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.model import Article, Precision

_WORD = re.compile(r"\w+", re.UNICODE)
#: Jaccard similarity of word sets at which two texts tell the same event.
SAME_TEXT = 0.5
#: Lower bar when the two events also share an actor.
SAME_TEXT_WITH_ACTOR = 0.25
_PRECISION_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3}


@dataclass(frozen=True)
class Source:
    slug: str
    paragraph: int


@dataclass(frozen=True)
class SiteEvent:
    """One entry of the chronology, with every article that reported it."""

    date: str
    precision: Precision
    text: str
    actors: tuple[str, ...]
    sources: tuple[Source, ...]
    planned: bool = False
    background: bool = False
    #: Anchor id on the chronology, unique in the site.
    id: str = ""

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.slug for s in self.sources))

    def base_id(self) -> str:
        first = self.sources[0]
        return f"e-{self.date}-{first.slug}-p{first.paragraph}"


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text) if len(w) > 2)


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _same(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    similarity = _similarity(a[0], b[0])
    return similarity >= SAME_TEXT or (bool(a[1] & b[1]) and similarity >= SAME_TEXT_WITH_ACTOR)


def merge_events(articles: Iterable[Article]) -> tuple[SiteEvent, ...]:
    """Every article's events, merged and sorted chronologically."""
    buckets: dict[tuple[str, str], list[tuple[str, int, str, SiteEvent]]] = defaultdict(list)
    for article in articles:
        for event in article.events:
            single = SiteEvent(
                event.date,
                event.precision,
                event.text,
                tuple(event.actors),
                (Source(article.slug, event.paragraph),),
                event.planned,
                event.background,
            )
            buckets[(event.date, event.precision)].append((article.slug, event.paragraph, event.text, single))
    merged: list[SiteEvent] = []
    for key in sorted(buckets):
        merged.extend(_merge_bucket([item[3] for item in sorted(buckets[key], key=lambda i: i[:3])]))
    return _with_ids(sorted(merged, key=event_sort_key))


def _with_ids(events: list[SiteEvent]) -> tuple[SiteEvent, ...]:
    seen: dict[str, int] = {}
    out = []
    for event in events:
        base = event.base_id()
        seen[base] = seen.get(base, 0) + 1
        out.append(replace(event, id=base if seen[base] == 1 else f"{base}-{seen[base]}"))
    return tuple(out)


def _merge_bucket(events: list[SiteEvent]) -> list[SiteEvent]:
    groups: list[list[SiteEvent]] = []
    signatures: list[list[tuple[frozenset[str], frozenset[str]]]] = []
    for event in events:
        signature = (_words(event.text), frozenset(event.actors))
        for group, group_signatures in zip(groups, signatures, strict=True):
            if any(_same(signature, other) for other in group_signatures):
                group.append(event)
                group_signatures.append(signature)
                break
        else:
            groups.append([event])
            signatures.append([signature])
    return [_combine(group) for group in groups]


def _combine(group: list[SiteEvent]) -> SiteEvent:
    first = group[0]
    if len(group) == 1:
        return first
    actors = tuple(dict.fromkeys(a for e in group for a in e.actors))
    sources = tuple(dict.fromkeys(s for e in group for s in e.sources))
    return SiteEvent(
        first.date,
        first.precision,
        first.text,
        actors,
        sources,
        planned=all(e.planned for e in group),
        background=all(e.background for e in group),
    )


def event_sort_key(event: SiteEvent) -> tuple[str, int, str, str]:
    # A month-level event sorts before the days of that month: "2026-01" < "2026-01-05".
    return (event.date, _PRECISION_ORDER.get(event.precision, 3), event.sources[0].slug, event.text)
