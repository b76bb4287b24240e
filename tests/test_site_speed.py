"""The build's fast paths give the same bytes as the slow ones they stand in for."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import executor
from generator.model import Article, DateInfo, Event, Mention
from generator.site import workers
from generator.site.events import SiteEvent, Source, _same, _words, event_sort_key, merge_events
from generator.site.markdown import ActorLink, render_markdown, render_plain
from generator.site.model import invert, related_articles
from generator.site.render import BUILTIN_TEMPLATES as REPO_TEMPLATES
from tests.site_helpers import build, copy_fixture, tree

LINKS = (
    ActorLink("ada-north", ("Ada North", "North"), "/actors/ada-north/", 1),
    ActorLink("ben-south", ("South", "Ben South"), "/actors/ben-south/", 2),
    ActorLink("nato", ("NATO", "North Atlantic Treaty Organization"), "/actors/nato/", 1),
    ActorLink("empty", ("",), "/actors/empty/", 1),
)

WORDS = st.sampled_from(
    ["North", "South", "Ada", "NATO", "Ben", "North's", "met", "the", "in", "2024.", "1.", "#", "##",
     "-", "*", "_", "`", "[x](y)", "<b>", "&amp;", "&", ">", "\\", "=", "---", "talks,", "said:", "é", '"',
     "  ", "\t", "1)", "+", "!", "(AFP)", "North-South", "Northern", "NorthSouth"]
)
LINE = st.lists(WORDS, min_size=0, max_size=8).map(" ".join)
BLOCK = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
BODY = st.lists(BLOCK, min_size=1, max_size=5).map(lambda blocks: "\n\n".join(blocks) + "\n")
#: Mostly plain text, so that the fast path is taken often.
PLAIN_WORDS = st.sampled_from(["North", "South", "Ada", "NATO", "Ben", "North's", "met", "in", "talks,", "é",
                               '"', "(AFP)", "North-South", "Northern", "2024", "said.", "Organization"])
PLAIN_LINE = st.lists(PLAIN_WORDS, min_size=1, max_size=8).map(" ".join)
PLAIN_BLOCK = st.one_of(
    st.lists(PLAIN_LINE, min_size=1, max_size=3).map("\n".join),
    st.lists(PLAIN_WORDS, min_size=1, max_size=3).map(lambda words: "## " + " ".join(words)),
)
PLAIN_BODY = st.lists(PLAIN_BLOCK, min_size=1, max_size=6).map(lambda blocks: "\n\n".join(blocks) + "\n")


@settings(max_examples=300, deadline=None)
@given(st.one_of(BODY, PLAIN_BODY), st.lists(st.sampled_from(LINKS), max_size=4, unique=True))
def test_plain_path_agrees_with_python_markdown(body: str, links: list[ActorLink]) -> None:
    html = render_plain(body, links)
    if html is not None:
        assert html == render_markdown(body, links)


def test_plain_path_takes_plain_bodies_and_refuses_syntax() -> None:
    plain = "Ada North met Ben South.\n\n## Reactions\n\nSouth answered North, then North again.\n"
    assert render_plain(plain, LINKS) == render_markdown(plain, LINKS)
    assert render_plain(plain, LINKS) is not None
    for body in ("A *b* c\n", "1. item\n", "> quote\n", "a  \nb\n", "a\n\n\nb\n", "    code\n", "a &amp; b\n",
                 "Title\n===\n", "x\n- y\n", "# a #\n", ""):
        assert render_plain(body, LINKS) is None, body


# --- related articles and event merging: the fast algorithms against the obvious ones -----------

SLUGS = [f"a{i}" for i in range(12)]
ACTOR_IDS = ["p1", "p2", "p3", "c1", "c2", "o1"]
TOPIC_IDS = ["t1", "t2", "t3"]


def _reference_related(articles, actor_articles, topic_articles, limit):  # type: ignore[no-untyped-def]
    order = {a.slug: i for i, a in enumerate(articles)}
    related = {}
    for article in articles:
        scores: Counter[str] = Counter()
        for actor_id in {m.id for m in article.actors}:
            for slug in actor_articles.get(actor_id, ()):
                scores[slug] += 1
        for topic_id in set(article.topics):
            for slug in topic_articles.get(topic_id, ()):
                scores[slug] += 2
        scores.pop(article.slug, None)
        related[article.slug] = tuple(sorted(scores, key=lambda s: (-scores[s], order[s]))[:limit])
    return related


def _article(slug: str, actors: list[str], topics: list[str], events: tuple[Event, ...] = ()) -> Article:
    return Article(
        slug=slug, title=slug, date=DateInfo(None, "none", ""), body="", source_file="",
        actors=tuple(Mention(a, a, "person") for a in actors), topics=tuple(topics), events=events,
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.lists(st.sampled_from(ACTOR_IDS)), st.lists(st.sampled_from(TOPIC_IDS))),
             min_size=1, max_size=len(SLUGS)),
    st.integers(1, 6),
)
def test_related_articles_match_the_obvious_scoring(features, limit: int) -> None:  # type: ignore[no-untyped-def]
    articles = tuple(_article(SLUGS[i], actors, topics) for i, (actors, topics) in enumerate(features))
    actor_articles, topic_articles = invert(articles, "actors"), invert(articles, "topics")
    expected = _reference_related(articles, actor_articles, topic_articles, limit)
    assert related_articles(articles, actor_articles, topic_articles, limit) == expected


def _reference_merge_bucket(events: list[SiteEvent]) -> list[SiteEvent]:
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
    return [_reference_combine(group) for group in groups]


def _reference_combine(group: list[SiteEvent]) -> SiteEvent:
    first = group[0]
    if len(group) == 1:
        return first
    return SiteEvent(first.date, first.precision, first.text,
                     tuple(dict.fromkeys(a for e in group for a in e.actors)),
                     tuple(dict.fromkeys(s for e in group for s in e.sources)),
                     planned=all(e.planned for e in group), background=all(e.background for e in group))


def _reference_merge(articles: list[Article]) -> list[tuple[object, ...]]:
    buckets: dict[tuple[str, str], list[tuple[str, int, str, SiteEvent]]] = defaultdict(list)
    for article in articles:
        for e in article.events:
            source = Source(article.slug, e.paragraph)
            single = SiteEvent(e.date, e.precision, e.text, tuple(e.actors), (source,), e.planned,
                               e.background)
            buckets[(e.date, e.precision)].append((article.slug, e.paragraph, e.text, single))
    merged = []
    for key in sorted(buckets):
        merged.extend(_reference_merge_bucket([i[3] for i in sorted(buckets[key], key=lambda i: i[:3])]))
    merged.sort(key=event_sort_key)
    return [(e.date, e.precision, e.text, e.actors, e.sources, e.planned, e.background) for e in merged]


EVENT_WORDS = st.sampled_from(["summit", "talks", "minister", "visited", "agreed", "pipeline", "the", "and",
                               "Oslo", "Rome", "quota", "deal", "signed", "opened", "ports", "a", "ban"])
EVENTS = st.lists(
    st.builds(
        Event,
        date=st.sampled_from(["2024", "2024-05", "2024-05-06"]),
        precision=st.sampled_from(["day", "month"]),
        text=st.lists(EVENT_WORDS, min_size=0, max_size=7).map(" ".join),
        actors=st.lists(st.sampled_from(ACTOR_IDS), max_size=3).map(tuple),
        paragraph=st.integers(0, 4),
        planned=st.booleans(),
        background=st.booleans(),
    ),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(EVENTS, min_size=1, max_size=6))
def test_event_merging_matches_the_pairwise_scan(events_per_article: list[list[Event]]) -> None:
    articles = [_article(SLUGS[i], [], [], tuple(events)) for i, events in enumerate(events_per_article)]
    merged = merge_events(articles)
    got = [(e.date, e.precision, e.text, e.actors, e.sources, e.planned, e.background) for e in merged]
    assert got == _reference_merge(articles)
    assert len({e.id for e in merged}) == len(merged)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(EVENTS, min_size=1, max_size=5), min_size=1, max_size=4))
def test_a_merge_memo_carried_across_edits_changes_nothing(corpora: list[list[list[Event]]]) -> None:
    """One memo through a series of corpora (edits of one another, or not): each merge as if fresh."""
    memo: dict[str, tuple[tuple[int, ...], ...]] = {}
    for events_per_article in corpora:
        articles = [_article(SLUGS[i], [], [], tuple(events)) for i, events in enumerate(events_per_article)]
        assert merge_events(articles, memo) == merge_events(articles)
        assert merge_events(articles, memo) == merge_events(articles)  # from the memo alone now


def test_a_memo_is_keyed_on_texts_and_actors_without_ambiguity() -> None:
    """Texts may hold any character: joined naively, these two buckets would share a key."""
    def bucket(*events: tuple[str, tuple[str, ...]]) -> Article:
        made = tuple(Event("2024-05-06", "day", text, actors, n) for n, (text, actors) in enumerate(events))
        return _article(SLUGS[0], [], [], made)

    a = bucket(("foo bar\0gamma\0\0foo bar", ()), ("zzz yyy", ()))
    b = bucket(("foo bar", ("gamma",)), ("foo bar\0\0\0zzz yyy", ()))
    memo: dict[str, tuple[tuple[int, ...], ...]] = {}
    merge_events([a], memo)
    assert merge_events([b], memo) == merge_events([b])


def test_a_damaged_merge_memo_is_not_trusted() -> None:
    events = (Event("2024-05-06", "day", "Oslo summit opened", ("a",), 1),
              Event("2024-05-06", "day", "Oslo summit opened today", ("a",), 2),
              Event("2024-05-06", "day", "ban on ports", (), 3))
    articles = [_article(SLUGS[0], [], [], events)]
    memo: dict[str, tuple[tuple[int, ...], ...]] = {}
    fresh = merge_events(articles, memo)
    assert len(fresh) == 2 and len(memo) == 1
    for wrong in (((0,), (1,)), ((0, 1, 2), (2,)), ((0, 5), (1, 2)), (), ((1, 0), (2,)), ((2,), (0, 1)),
                  ((0, 1), (), (2,)), ((0, 1), 2), "01", None, ((0, 1.0), (2,))):
        memo = {key: wrong for key in memo}
        assert merge_events(articles, memo) == fresh


# --- incremental builds: the shortcuts give the same site as a full build ----------------------


def test_body_edit_rerenders_the_article_alone_and_matches_a_full_build(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    path = content / "articles" / "2025-03-05-south-answers.md"
    head, _, body = path.read_text().partition("\n---\n")
    first_line, _, rest = body.lstrip("\n").partition("\n")
    path.write_text(f"{head}\n---\n{first_line} Seas rose.\n{rest}")  # the feed shows the first paragraph
    second = build(content, out, first.state)
    # Its topics' and actors' feeds show the first paragraph too.
    assert second.ok and second.written == (
        "actors/ada-north/feed.xml", "actors/ben-south/feed.xml", "actors/harbour-guild/feed.xml",
        "articles/2025-03-05-south-answers/index.html", "feed.xml",
        "topics/fisheries/feed.xml", "topics/polar-talks/feed.xml",
    )
    assert tree(out) == tree(build_fresh(content, tmp_path / "fresh"))
    third = build(content, out, second.state)
    assert third.ok and third.written == () and third.removed == ()


def test_a_same_size_edit_right_after_a_build_is_seen(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    path = content / "articles" / "undated-fish-quota-note.md"
    text = path.read_text()
    assert "names nobody" in text
    path.write_text(text.replace("names nobody", "names nobodY"))  # same size, same second
    second = build(content, out, first.state)
    assert "names nobodY" in (out / "articles" / "undated-fish-quota-note" / "index.html").read_text()
    assert tree(out) == tree(build_fresh(content, tmp_path / "fresh"))
    assert second.written


def test_front_matter_and_template_edits_after_body_edits_match_a_full_build(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    state = build(content, out).state
    south = content / "articles" / "2025-03-05-south-answers.md"
    south.write_text(south.read_text().rstrip("\n") + " More.\n")
    state = build(content, out, state).state
    south.write_text(south.read_text().replace("South answers North on sea lanes", "South replies"))
    result = build(content, out, state)
    assert "index.html" in result.written
    assert tree(out) == tree(build_fresh(content, tmp_path / "fresh1"))
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "macros.html").write_text(
        (REPO_TEMPLATES / "macros.html").read_text().replace('class="event-text"', 'class="event-text x"')
    )
    result = build(content, out, result.state, template_dirs=(theme,))
    assert "chronology/index.html" in result.written
    assert tree(out) == tree(build_fresh(content, tmp_path / "fresh2", template_dirs=(theme,)))


def test_a_deleted_output_is_written_again(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    (out / "chronology" / "index.html").unlink()
    second = build(content, out, first.state)
    assert second.written == ("chronology/index.html",)
    assert tree(out) == tree(build_fresh(content, tmp_path / "fresh"))


def build_fresh(content: Path, out: Path, **options: object) -> Path:
    assert build(content, out, **options).ok
    return out


def test_articles_parsed_in_worker_processes_give_the_same_site(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    content = copy_fixture(tmp_path)
    (content / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n")
    serial = build(content, tmp_path / "serial")
    monkeypatch.setattr(workers, "PARALLEL_MIN", 1)
    monkeypatch.setattr(executor, "cpus", lambda: 2)
    parallel = build(content, tmp_path / "parallel")
    assert [str(e) for e in parallel.errors] == [str(e) for e in serial.errors] and len(serial.errors) == 1
    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")
