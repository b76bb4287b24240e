"""Config + registry + articles -> :class:`Site`: the whole site as one value.

Everything a page shows is computed here, once, by inverting articles into
actor -> articles and topic -> articles maps; templates never look anything up.
Cheap enough to recompute on every build, which keeps incremental builds right.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.config import SiteConfig
from generator.model import Actor, Article, Quote, Registry, Topic
from generator.site.events import MergeMemo, SiteEvent, merge_events

#: The reserved fallback topic id ingest gives an article nothing else fits.
GENERAL_TOPIC = Topic(id="general", title="General", description="Articles that fit no other topic.")


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    #: Newest first; undated articles last, then by slug.
    articles: tuple[Article, ...]
    #: Registry actors plus actors only found in articles (``discovered``), by id.
    actors: tuple[Actor, ...]
    topics: tuple[Topic, ...]
    #: The merged chronology, oldest first.
    events: tuple[SiteEvent, ...]
    #: actor id -> slugs of articles naming it, newest first.
    actor_articles: Mapping[str, tuple[str, ...]] = field(hash=False)
    topic_articles: Mapping[str, tuple[str, ...]] = field(hash=False)
    #: actor id -> total mentions across the corpus.
    actor_mentions: Mapping[str, int] = field(hash=False)
    #: actor id -> (slug, quote), in article order.
    actor_quotes: Mapping[str, tuple[tuple[str, Quote], ...]] = field(hash=False)
    #: actor id -> (other actor id, articles together), most first.
    co_actors: Mapping[str, tuple[tuple[str, int], ...]] = field(hash=False)
    #: slug -> related slugs, best first.
    related: Mapping[str, tuple[str, ...]] = field(hash=False)
    warnings: tuple[str, ...] = ()

    def article(self, slug: str) -> Article:
        return self._articles_by_slug()[slug]

    def actor(self, actor_id: str) -> Actor:
        return self._actors_by_id()[actor_id]

    def topic(self, topic_id: str) -> Topic:
        return {t.id: t for t in self.topics}[topic_id]

    def _articles_by_slug(self) -> dict[str, Article]:
        return {a.slug: a for a in self.articles}

    def _actors_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}


def sort_articles(articles: Iterable[Article]) -> tuple[Article, ...]:
    by_slug = sorted(articles, key=lambda a: a.slug)
    dated = sorted((a for a in by_slug if a.date.date), key=lambda a: a.date.date or "", reverse=True)
    return tuple(dated + [a for a in by_slug if not a.date.date])


def site_actors(registry: Registry, articles: tuple[Article, ...]) -> tuple[Actor, ...]:
    """Registry actors win; a name only an article knows is added from its mention."""
    actors = {a.id: a for a in registry.actors}
    for article in articles:
        for mention in article.actors:
            if mention.id not in actors:
                actors[mention.id] = Actor(
                    id=mention.id, name=mention.name, type=mention.type, discovered=mention.discovered
                )
    return tuple(sorted(actors.values(), key=lambda a: a.id))


def site_topics(registry: Registry, articles: tuple[Article, ...]) -> tuple[tuple[Topic, ...], list[str]]:
    topics = {t.id: t for t in registry.topics}
    warnings = []
    for article in articles:
        for topic_id in article.topics:
            if topic_id in topics:
                continue
            if topic_id == GENERAL_TOPIC.id:
                topics[topic_id] = GENERAL_TOPIC
            else:
                warnings.append(f"{article.slug}: topic {topic_id!r} is not in topics.yaml")
                topics[topic_id] = Topic(id=topic_id, title=topic_id.replace("-", " ").capitalize())
    return tuple(sorted(topics.values(), key=lambda t: t.id)), warnings


def invert(articles: tuple[Article, ...], keys: str) -> dict[str, tuple[str, ...]]:
    """``actors`` or ``topics`` -> {id: slugs}, keeping the articles' (newest first) order."""
    index: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        ids = [m.id for m in article.actors] if keys == "actors" else list(article.topics)
        for key in dict.fromkeys(ids):
            index[key].append(article.slug)
    return {k: tuple(v) for k, v in sorted(index.items())}


def mention_counts(articles: tuple[Article, ...]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for article in articles:
        for mention in article.actors:
            counts[mention.id] += mention.mentions
    return dict(sorted(counts.items()))


def quotes_by_actor(articles: tuple[Article, ...]) -> dict[str, tuple[tuple[str, Quote], ...]]:
    index: dict[str, list[tuple[str, Quote]]] = defaultdict(list)
    for article in articles:
        for quote in article.quotes:
            if quote.speaker:
                index[quote.speaker].append((article.slug, quote))
    return {k: tuple(v) for k, v in sorted(index.items())}


def co_occurrence(articles: tuple[Article, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        ids = sorted({m.id for m in article.actors})
        for a in ids:
            for b in ids:
                if a != b:
                    pairs[a][b] += 1
    return {k: tuple(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for k, v in sorted(pairs.items())}


def related_articles(
    articles: tuple[Article, ...],
    actor_articles: Mapping[str, tuple[str, ...]],
    topic_articles: Mapping[str, tuple[str, ...]],
    limit: int,
) -> dict[str, tuple[str, ...]]:
    """The ``limit`` best-scoring other articles (a shared topic counts two, a shared actor one),
    ties to the newer; an article sharing nothing is never related.

    Scoring through the inverted maps visits every article that shares a topic
    with this one, a twelfth of the corpus each time: quadratic.  Instead each
    actor and topic is a bitset over the articles (bit i = the i-th newest), and
    an article's scores are summed bit-sliced (plane j holds bit j of every
    score), a few dozen big-integer operations of N/64 words per article.
    """
    order = {a.slug: i for i, a in enumerate(articles)}

    def bitset(slugs: Sequence[str]) -> int:
        bits = bytearray((len(articles) + 8) // 8)
        for slug in slugs:
            i = order[slug]
            bits[i >> 3] |= 1 << (i & 7)
        return int.from_bytes(bits, "little")

    actor_bits = {k: bitset(v) for k, v in actor_articles.items()}
    topic_bits = {k: bitset(v) for k, v in topic_articles.items()}
    related: dict[str, tuple[str, ...]] = {}
    for index, article in enumerate(articles):
        planes: list[int] = []
        for weight, bits in (
            *((1, actor_bits[a]) for a in {m.id for m in article.actors}),
            *((2, topic_bits[t]) for t in set(article.topics)),
        ):
            _add(planes, bits, 1 if weight == 2 else 0)
        related[article.slug] = tuple(
            articles[i].slug for i in _best(planes, ~(1 << index), limit)
        )
    return related


def _add(planes: list[int], bits: int, plane: int) -> None:
    """Add 1 << plane to the bit-sliced score of every article in ``bits``."""
    carry = bits
    while carry:
        while plane >= len(planes):
            planes.append(0)
        planes[plane], carry = planes[plane] ^ carry, planes[plane] & carry
        plane += 1


def _best(planes: list[int], allowed: int, limit: int) -> list[int]:
    """Indexes of the ``limit`` highest scores above zero, ties to the lowest index."""
    out: list[int] = []
    candidates = allowed & _or(planes)  # score > 0
    # Walk scores from the highest down: keep, plane by plane, the candidates with a 1 where one exists.
    while candidates and len(out) < limit:
        top = candidates
        for plane in reversed(planes):
            ones = top & plane
            if ones:
                top = ones
        # `top`: every candidate with the highest remaining score; take them lowest index first.
        while top and len(out) < limit:
            low = top & -top
            out.append(low.bit_length() - 1)
            top ^= low
            candidates ^= low
    return out


def _or(planes: list[int]) -> int:
    result = 0
    for plane in planes:
        result |= plane
    return result


def build_site_model(
    config: SiteConfig, registry: Registry, articles: Iterable[Article], merge_memo: MergeMemo | None = None
) -> Site:
    """The site's model; ``merge_memo`` remembers event merging between builds (events.merge_events)."""
    ordered = sort_articles(articles)
    topics, warnings = site_topics(registry, ordered)
    actor_articles = invert(ordered, "actors")
    topic_articles = invert(ordered, "topics")
    return Site(
        config=config,
        articles=ordered,
        actors=site_actors(registry, ordered),
        topics=topics,
        events=merge_events(ordered, merge_memo),
        actor_articles=actor_articles,
        topic_articles=topic_articles,
        actor_mentions=mention_counts(ordered),
        actor_quotes=quotes_by_actor(ordered),
        co_actors=co_occurrence(ordered),
        related=related_articles(ordered, actor_articles, topic_articles, config.related_articles),
        warnings=tuple(warnings),
    )
