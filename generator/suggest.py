"""Topics suggested by the corpus itself, for a briefing without ``topics.yaml``.

    articles --suggest_topics--> Topic*   (written to ``topics.suggested.yaml``)

A topic is a cluster of actors named together: the actors in the most articles are seeds,
most first; each gathers the not yet taken actors that appear with it in at least
:data:`TOGETHER` of their own articles.  A seed that gathers too few articles is no topic.
Entries carry the actors' names as ``phrases`` (not ids: a discovered actor has no entry in
``actors.yaml``), so a person can copy one into ``topics.yaml`` as it is.  Deterministic:
counts and names decide every order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from generator.model import Article, Topic
from generator.slugs import slugify

SUGGESTED_NAME = "topics.suggested.yaml"
#: At most this many topics.
MAX_TOPICS = 20
#: Share of an actor's articles that must name the seed too for it to join the seed's topic.
TOGETHER = 0.5
#: Phrases (actor names) kept per topic.
PHRASES = 8


def suggest_topics(articles: Sequence[Article], exclude: Iterable[str] = ()) -> tuple[Topic, ...]:
    skip = set(exclude)
    docs = [frozenset(m.name for m in a.actors if m.type != "country" and m.name not in skip)
            for a in articles]
    count = Counter(n for d in docs for n in d)
    least = max(3, len(articles) // 200)
    frequent = [n for n, c in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])) if c >= least]
    together: dict[str, Counter[str]] = {n: Counter() for n in frequent}
    wanted = set(frequent)
    for d in docs:
        names = sorted(d & wanted)
        for a in names:
            together[a].update(b for b in names if b != a)
    taken: set[str] = set()
    topics: list[Topic] = []
    used_ids: set[str] = set()
    for seed in frequent:
        if seed in taken or len(topics) >= MAX_TOPICS:
            continue
        members = [n for n in frequent if n != seed and n not in taken
                   and together[seed][n] >= least and together[seed][n] >= TOGETHER * count[n]]
        group = [seed, *members]
        covered = sum(1 for d in docs if d & set(group))
        if not members or covered < least:
            continue
        taken.update(group)
        title = " and ".join(group[:2])
        topic_id = slugify(title, 60)
        while topic_id in used_ids:
            topic_id += "-x"
        used_ids.add(topic_id)
        names = ", ".join(group[:4])
        topics.append(Topic(id=topic_id, title=title, phrases=tuple(group[:PHRASES]),
                            description=f"Suggested from the corpus: {covered} articles name {names}."))
    return tuple(topics)


def suggested_yaml(topics: Sequence[Topic]) -> str:
    """``topics.suggested.yaml``: the schema of ``topics.yaml``, entries to copy as they are."""
    import yaml

    head = ("# Written by ingest: topics found in the corpus (actors named together).  Copy the ones\n"
            "# you want into topics.yaml; while topics.yaml has no topics, the site uses these,\n"
            "# marked as suggested.  Rewritten by every ingest: edit topics.yaml, not this file.\n")
    data = {"topics": [{"id": t.id, "title": t.title, "description": t.description,
                        "phrases": list(t.phrases)} for t in topics]}
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
