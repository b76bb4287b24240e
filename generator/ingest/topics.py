"""Which of the user's topics an article is about.

    Document + ActorResult + Registry --assign_topics--> topic ids

Each topic of ``topics.yaml`` is scored by the scorers in :data:`SCORERS`,
in points (integers, so that scores compare exactly and the order is stable):

``phrase_points``
    Every whole-word, case-insensitive occurrence of one of the topic's
    ``phrases``: 6 in the title, 2 in a paragraph; one phrase gives at most 6
    points from the paragraphs (repeating a word is not more evidence).
    Longer phrases win overlaps ("tariff threats" is one hit, not also a
    "tariff"); an occurrence that is the name of one of the topic's own
    actors counts as that actor only.  Curly and straight apostrophes, and
    hyphens and dashes, match each other.
``actor_points``
    Every mention of one of the topic's ``actors``: 2 for a person or an
    organization, at most 6 per actor; 1 for a country, at most 3 (countries
    are named in nearly every article); 2 more when the actor is in the
    title.  All actors together give at most 10: a topic is mostly its words.

A topic is given when it scores at least :data:`THRESHOLD` (8: four phrase
mentions, or a title phrase and a paragraph one), rests on at least
:data:`MIN_HITS` hits (one phrase once or one actor once is never enough,
however heavy the title makes it), and scores at least a quarter of the best
topic, so that an article about one thing is not tagged with everything it
touches on.

Every article gets at least one topic: when none passes, the best-scoring
topic with any hit at all; when nothing hit, :data:`GENERAL` (``general``),
which is reserved: the site shows it as "General" and ``topics.yaml`` should
not define it.  Topics come out by score, highest first, then by id.

Topics the raw file's own front-matter gives (``topics: [a, b]``) are the
user's word and are used as given.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from generator.ingest.temporal import ignorecase_fold
from generator.model import ActorResult, ActorSpan, Document, Registry, Topic

GENERAL = "general"
THRESHOLD = 8
MIN_HITS = 2
#: A topic must score at least 1/RELATIVE of the best one.
RELATIVE = 4

TITLE_PHRASE, BODY_PHRASE, PHRASE_CAP = 6, 2, 6
ACTOR_POINTS = {"person": (2, 6), "organization": (2, 6), "country": (1, 3)}  # per mention, cap
TITLE_ACTOR = 2
#: All of a topic's actors together: what makes a topic is mostly its words.
ACTORS_CAP = 10


@dataclass(frozen=True)
class Score:
    points: int = 0
    hits: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.points + other.points, self.hits + other.hits)


@dataclass(frozen=True)
class _Texts:
    """What scorers read: the title as paragraph 0, then the paragraphs."""

    texts: tuple[str, ...]
    actors: ActorResult

    @cached_property
    def folded_each(self) -> tuple[str, ...]:
        """Each text in lower case, for :func:`_cue` tests (never for matching)."""
        return tuple(ignorecase_fold(text) for text in self.texts)

    @cached_property
    def folded(self) -> str:
        return "\n".join(self.folded_each)

    @cached_property
    def title_actors(self) -> frozenset[str]:
        return frozenset(s.actor for s in self.actors.spans if s.paragraph == 0)

    @cached_property
    def spans_by_actor(self) -> dict[str, tuple[ActorSpan, ...]]:
        spans: dict[str, list[ActorSpan]] = {}
        for span in self.actors.spans:
            spans.setdefault(span.actor, []).append(span)
        return {actor: tuple(found) for actor, found in spans.items()}


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    parts = []
    for ch in phrase.strip():
        if ch in "'’":
            parts.append("['’]")
        elif ch in "-‐‑–—":
            parts.append("[-‐‑–—]")
        elif ch.isspace():
            if parts and parts[-1] != r"\s+":
                parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", re.IGNORECASE)


_ASCII_WORD = re.compile(r"[A-Za-z0-9]*")


@lru_cache(maxsize=4096)
def _cue(phrase: str) -> str:
    """The phrase's leading ASCII letters and digits in lower case: no text without them (folded)
    can match it.  Most of a registry's phrases are absent from most articles, and a substring
    test is far cheaper than a case-insensitive scan of every paragraph."""
    match = _ASCII_WORD.match(phrase.strip())
    return match.group().lower() if match else ""


class _Reach:
    """Spans per paragraph by start, with the furthest end reached so far: whether one holds a
    match is a bisection, not a pass over every span."""

    def __init__(self, spans: list[ActorSpan]) -> None:
        grouped: dict[int, list[ActorSpan]] = {}
        for s in sorted(spans, key=lambda s: (s.paragraph, s.start)):
            grouped.setdefault(s.paragraph, []).append(s)
        self._at = {p: ([s.start for s in its], list(itertools.accumulate((s.end for s in its), max)))
                    for p, its in grouped.items()}

    def holds(self, paragraph: int, start: int, end: int) -> bool:
        starts, reach = self._at.get(paragraph, ([], []))
        i = bisect.bisect_right(starts, start)
        return i > 0 and reach[i - 1] >= end


def phrase_points(topic: Topic, seen: _Texts) -> Score:
    # Only ever asked whether any of them covers a match: the order does not matter.
    own = [s for actor in topic.actors for s in seen.spans_by_actor.get(actor, ())]
    matches: list[tuple[int, int, int, str]] = []  # paragraph, start, end, phrase
    for phrase in dict.fromkeys(p.strip() for p in topic.phrases if p.strip()):
        cue = _cue(phrase)
        if cue not in seen.folded:
            continue
        for number, (text, folded) in enumerate(zip(seen.texts, seen.folded_each, strict=True)):
            if cue in folded:
                matches.extend((number, m.start(), m.end(), phrase) for m in _pattern(phrase).finditer(text))
    # Longest first, so "tariff threats" is one hit, not also a "tariff"; and a phrase that is
    # one of the topic's actors' names counts as that actor only.
    named = _Reach(own)
    taken: list[tuple[int, int, int, str]] = []
    # The matches taken never overlap: per paragraph, by start, a new one meets its neighbours only.
    taken_at: dict[int, tuple[list[int], list[int]]] = {}
    for match in sorted(matches, key=lambda m: (m[1] - m[2], m[0], m[1], m[3])):
        number, start, end, _ = match
        if named.holds(number, start, end):
            continue
        starts, ends = taken_at.setdefault(number, ([], []))
        i = bisect.bisect_right(starts, start)
        if (i and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        taken.append(match)
    title = sum(TITLE_PHRASE for t in taken if t[0] == 0)
    body = sum(min(BODY_PHRASE * sum(1 for t in taken if t[0] > 0 and t[3] == phrase), PHRASE_CAP)
               for phrase in {t[3] for t in taken})
    return Score(title + body, len(taken))


def actor_points(topic: Topic, seen: _Texts) -> Score:
    points = hits = 0
    for mention in seen.actors.mentions:
        if mention.id not in topic.actors:
            continue
        each, cap = ACTOR_POINTS.get(mention.type, ACTOR_POINTS["person"])
        count = max(mention.mentions, 1)
        in_title = mention.id in seen.title_actors or mention.first_paragraph == 0
        points += min(each * count, cap) + (TITLE_ACTOR if in_title else 0)
        hits += count
    return Score(min(points, ACTORS_CAP), hits)


Scorer = Callable[[Topic, _Texts], Score]

SCORERS: tuple[Scorer, ...] = (
    phrase_points,
    actor_points,
)


def score_topics(doc: Document, actors: ActorResult, registry: Registry) -> dict[str, Score]:
    """Every topic's score, for reports and tests."""
    seen = _Texts((doc.title, *doc.paragraphs), actors)
    scores: dict[str, Score] = {}
    for topic in registry.topics:
        total = Score()
        for scorer in SCORERS:
            total += scorer(topic, seen)
        scores[topic.id] = total
    return scores


def assign_topics(doc: Document, actors: ActorResult, registry: Registry) -> tuple[str, ...]:
    """The article's topic ids, best first; never empty."""
    if doc.meta.topics:
        return doc.meta.topics
    scores = score_topics(doc, actors, registry)
    ranked = sorted(scores.items(), key=lambda item: (-item[1].points, item[0]))
    if not ranked or ranked[0][1].points == 0:
        return (GENERAL,)
    best = ranked[0][1].points
    chosen = tuple(topic for topic, score in ranked
                   if score.points >= THRESHOLD and score.hits >= MIN_HITS
                   and score.points * RELATIVE >= best)
    return chosen or (ranked[0][0],)
