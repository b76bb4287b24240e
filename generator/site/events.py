"""Articles' events -> one chronology, the same event reported twice shown once.

Two events are the same when they have the same date and precision and either
say nearly the same thing or share an actor and say something alike.  Events
are bucketed by (date, precision) first, so comparisons stay inside one day
(or month, or year) instead of running over the whole corpus.  Within a bucket
the order is fixed (article slug, paragraph, text), so merging is deterministic.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass

from generator.model import Article, Event, Precision

_WORD = re.compile(r"\w+", re.UNICODE)
#: Jaccard similarity of word sets at which two texts tell the same event.
SAME_TEXT = 0.5
#: Lower bar when the two events also share an actor.
SAME_TEXT_WITH_ACTOR = 0.25
_PRECISION_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3}


@dataclass(frozen=True, slots=True)
class Source:
    slug: str
    paragraph: int


@dataclass(frozen=True, slots=True)
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
    return frozenset({w.lower() for w in _WORD.findall(text) if len(w) > 2})


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _same(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    similarity = _similarity(a[0], b[0])
    return similarity >= SAME_TEXT or (bool(a[1] & b[1]) and similarity >= SAME_TEXT_WITH_ACTOR)


#: A bucket's digest -> its groups, as positions in the sorted bucket (see merge_events).
MergeMemo = MutableMapping[str, tuple[tuple[int, ...], ...]]


def merge_events(articles: Iterable[Article], memo: MergeMemo | None = None) -> tuple[SiteEvent, ...]:
    """Every article's events, merged and sorted chronologically.

    Events merge only within a bucket (same date and precision), and how a
    bucket's events group is a function of their texts and actors in order.
    So ``memo`` (kept by the caller between builds) remembers each bucket's
    grouping by a digest of exactly that; after the call it holds the buckets
    of these articles only.
    """
    buckets: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for article in articles:
        for event in article.events:
            buckets[(event.date, event.precision)].append((article.slug, event.paragraph, event))
    known = dict(memo) if memo is not None else {}
    if memo is not None:
        memo.clear()
    merged: list[_Merged] = []
    for key in sorted(buckets):
        items = sorted(buckets[key], key=lambda i: (i[0], i[1], i[2].text))
        digest = _bucket_digest(items) if memo is not None else ""
        positions = known.get(digest)
        if positions is None or not _fits(positions, len(items)):
            index = {id(item): n for n, item in enumerate(items)}
            positions = tuple(tuple(index[id(i)] for i in group) for group in _merge_bucket(items))
        if memo is not None:
            memo[digest] = positions
        merged.extend(_combine([items[n] for n in group]) for group in positions)
    merged.sort(key=lambda m: (m[0], _PRECISION_ORDER.get(m[1], 3), m[4][0].slug, m[2]))
    # Each SiteEvent is made once, with its id: a frozen dataclass costs microseconds per copy.
    seen: dict[str, int] = {}
    out = []
    for date, precision, text, actors, sources, planned, background in merged:
        base = f"e-{date}-{sources[0].slug}-p{sources[0].paragraph}"
        seen[base] = seen.get(base, 0) + 1
        event_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        out.append(SiteEvent(date, precision, text, actors, sources, planned, background, event_id))
    return tuple(out)


#: (article slug, paragraph, event) as one article reports it.
_Item = tuple[str, int, Event]
#: SiteEvent's fields but the id.
_Merged = tuple[str, Precision, str, tuple[str, ...], tuple[Source, ...], bool, bool]
_Signature = tuple[frozenset[str], frozenset[str]]


def _bucket_digest(items: list[_Item]) -> str:
    """What a bucket's grouping depends on: each event's text and actors, in order.

    ``repr`` quotes and escapes every string, so no two different lists of
    (text, actors) give the same bytes, whatever the texts hold.
    """
    digest = hashlib.sha256()
    for _, _, event in items:
        digest.update(repr((event.text, tuple(event.actors))).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()


def _fits(positions: object, size: int) -> bool:
    """A remembered grouping has the shape _merge_bucket gives a bucket of ``size``.

    Non-empty groups of ascending positions, in the order of their first
    members, covering 0..size-1 once each; anything else (a damaged or foreign
    memo) is not trusted.
    """
    if not isinstance(positions, tuple):
        return False
    seen: list[int] = []
    first = -1
    for group in positions:
        if not isinstance(group, tuple) or not group or not all(type(n) is int for n in group):
            return False
        if list(group) != sorted(group) or group[0] <= first:
            return False
        first = group[0]
        seen.extend(group)
    return sorted(seen) == list(range(size))


def _merge_bucket(items: list[_Item]) -> list[list[_Item]]:
    """Each event joins the first group holding a member it is the same as, else starts a group.

    Comparing every event with every earlier one is quadratic, and a bucket such
    as "some time in 2020" grows with the corpus.  So only members that *can* be
    the same are compared: those sharing an actor, and those whose text is at
    least SAME_TEXT similar, which (prefix filtering) must share a word among the
    rarest |words| - ceil(SAME_TEXT |words|) + 1 of each.  The first matching
    group is the one the full scan would find.
    """
    signatures = [(_words(event.text), frozenset(event.actors)) for _, _, event in items]
    frequency: Counter[str] = Counter(word for words, _ in signatures for word in words)
    groups: list[list[_Item]] = []
    by_word: dict[str, list[tuple[int, _Signature]]] = defaultdict(list)
    by_actor: dict[str, list[tuple[int, _Signature]]] = defaultdict(list)
    for item, signature in zip(items, signatures, strict=True):
        words, actors = signature
        prefix = _prefix(words, frequency)
        best: int | None = None
        seen: set[int] = set()
        if words:  # similarity with an empty set is 0: never the same as anything
            for candidates in (*(by_word.get(w, ()) for w in prefix), *(by_actor.get(a, ()) for a in actors)):
                for group_index, other in candidates:
                    if (best is not None and group_index >= best) or id(other) in seen:
                        continue
                    seen.add(id(other))
                    if _same(signature, other):
                        best = group_index
        if best is None:
            best = len(groups)
            groups.append([item])
        else:
            groups[best].append(item)
        if words:
            for word in prefix:
                by_word[word].append((best, signature))
            for actor in actors:
                by_actor[actor].append((best, signature))
    return groups


def _prefix(words: frozenset[str], frequency: Counter[str]) -> list[str]:
    """The rarest words of a set that any set at least SAME_TEXT similar to it must share one of."""
    ordered = sorted(words, key=lambda w: (frequency[w], w))
    return ordered[: len(ordered) - math.ceil(SAME_TEXT * len(ordered)) + 1]


def _combine(group: list[_Item]) -> _Merged:
    slug, paragraph, first = group[0]
    if len(group) == 1:
        return (first.date, first.precision, first.text, tuple(first.actors), (Source(slug, paragraph),),
                first.planned, first.background)
    actors = tuple(dict.fromkeys(a for _, _, e in group for a in e.actors))
    sources = tuple(dict.fromkeys(Source(s, p) for s, p, _ in group))
    return (
        first.date,
        first.precision,
        first.text,
        actors,
        sources,
        all(e.planned for _, _, e in group),
        all(e.background for _, _, e in group),
    )


def event_sort_key(event: SiteEvent) -> tuple[str, int, str, str]:
    # A month-level event sorts before the days of that month: "2026-01" < "2026-01-05".
    return (event.date, _PRECISION_ORDER.get(event.precision, 3), event.sources[0].slug, event.text)
