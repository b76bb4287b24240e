"""A person's registry decisions applied to articles at build time.

    articles + Registry --curate--> articles

Ingest applies ``not_actors``, ``merge:`` and aliases when it extracts an article, but an
article a person edited keeps its front-matter, and re-extracting thousands of articles takes
minutes.  So every command that reads articles (build, serve, the review) applies the registry
again here, to every article, edited or not, in milliseconds:

- a *discovered* actor whose name is listed under ``not_actors`` is dropped (its events and
  quotes stay, without it);
- a *discovered* actor whose name is a key of ``merge:`` becomes the actor it names;
- a *discovered* actor whose name (or id) is a registry actor's name, alias or id becomes
  that actor, confirmed;
- without a ``topics.yaml``, an article in no topic (``general``) joins the suggested topics
  (``topics.suggested.yaml``) whose phrases name its actors: the best one, and any other
  naming two of them.

Actors a person confirmed (not ``discovered``) are never touched: the file is their word.
An article nothing applies to is returned as the same object.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.folding import fold
from generator.model import Article, Mention, Registry


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """How names are compared: accents, case, hyphens and spacing ignored (as ingest does)."""
    return re.sub(r"[\s\-]+", " ", fold(name)).strip().casefold()


@dataclass(frozen=True)
class _Target:
    id: str
    name: str
    type: str


@dataclass(frozen=True)
class Curation:
    """What the registry says about discovered names, as lookups."""

    rejected: frozenset[str]
    #: name key -> the actor it is (``merge:``, a registry name or alias).
    targets: dict[str, _Target]
    #: registry actor id -> the actor.
    ids: dict[str, _Target]
    #: Suggested topics (used only without topics of the person's own): id -> phrase keys.
    suggested: tuple[tuple[str, frozenset[str]], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.rejected or self.targets or self.ids or self.suggested)


def curation_of(registry: Registry, articles: Iterable[Article] = ()) -> Curation:
    ids = {a.id: _Target(a.id, a.name, a.type) for a in registry.actors}
    targets: dict[str, _Target] = {}
    for actor in registry.actors:
        for name in (actor.name, *actor.aliases):
            targets.setdefault(name_key(name), ids[actor.id])
    merges = dict(registry.merges)
    if merges:
        # A merge may name an actor only discovered so far: its name is the one the articles give.
        known = dict(ids)
        wanted = set(merges.values()) - set(known)
        for article in articles if wanted else ():
            for m in article.actors:
                if m.id in wanted and m.id not in known:
                    known[m.id] = _Target(m.id, m.name, m.type)
        for name, target in merges.items():
            found = known.get(target) or _Target(target, target.replace("-", " ").title(), "person")
            targets[name_key(name)] = found
    suggested = tuple((t.id, frozenset(name_key(p) for p in t.phrases))
                      for t in registry.topics if t.suggested)
    return Curation(frozenset(name_key(n) for n in registry.rejected), targets, ids, suggested)


def _mention_target(mention: Mention, curation: Curation) -> _Target | bool | None:
    """None: drop it; a target: it is that actor; False: leave it."""
    key = name_key(mention.name)
    if key in curation.rejected:
        return None
    target = curation.targets.get(key) or curation.ids.get(mention.id)
    if target is None or (target.id == mention.id and target.name == mention.name and not mention.discovered):
        return False
    return target


def _suggested_topics(article: Article, curation: Curation) -> Article:
    if not curation.suggested or article.topics != ("general",):
        return article
    names = {name_key(m.name) for m in article.actors}
    hits = sorted(((-len(keys & names), i, topic_id) for i, (topic_id, keys) in enumerate(curation.suggested)
                   if keys & names))
    if not hits:
        return article
    chosen = [hits[0][2]] + [topic_id for score, _, topic_id in hits[1:] if -score >= 2]
    return replace(article, topics=tuple(chosen))


def curate_article(article: Article, curation: Curation) -> Article:
    return _suggested_topics(_curate_actors(article, curation), curation)


def _curate_actors(article: Article, curation: Curation) -> Article:
    decided = {m.id: _mention_target(m, curation) for m in article.actors if m.discovered}
    if all(d is False for d in decided.values()):
        return article
    dropped = {i for i, d in decided.items() if d is None}
    renamed = {i: d.id for i, d in decided.items() if isinstance(d, _Target)}
    merged: dict[str, Mention] = {}
    for mention in article.actors:
        decision = decided.get(mention.id, False)
        if decision is None:
            continue
        if isinstance(decision, _Target):
            # Merged into a name only discovered so far, it is still for a person to confirm.
            mention = replace(mention, id=decision.id, name=decision.name, type=decision.type,  # type: ignore[arg-type]
                              discovered=decision.id not in curation.ids)
        before = merged.get(mention.id)
        if before is not None:
            firsts = [p for p in (before.first_paragraph, mention.first_paragraph) if p]
            mention = replace(before, mentions=before.mentions + mention.mentions,
                              roles=tuple(dict.fromkeys((*before.roles, *mention.roles))),
                              discovered=before.discovered and mention.discovered,
                              first_paragraph=min(firsts) if firsts else 0)
        merged[mention.id] = mention

    def ids(actors: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(renamed.get(a, a) for a in actors if a not in dropped))

    events = tuple(replace(e, actors=ids(e.actors)) for e in article.events)
    quotes = tuple(
        q if q.speaker is None or (q.speaker not in dropped and q.speaker not in renamed)
        else replace(q, speaker=renamed.get(q.speaker))
        for q in article.quotes)
    return replace(article, actors=tuple(merged.values()), events=events, quotes=quotes)


def curate(articles: Iterable[Article], registry: Registry) -> tuple[Article, ...]:
    """Every article with the registry's decisions applied; unchanged ones are the same objects."""
    articles = tuple(articles)
    curation = curation_of(registry, articles)
    if curation.empty:
        return articles
    return tuple(curate_article(a, curation) for a in articles)
