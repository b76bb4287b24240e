"""Topics suggested by the corpus when there is no topics.yaml, and how the site uses them."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.curation import curate
from generator.model import Article, DateInfo, Mention, Registry, Topic
from generator.suggest import suggest_topics, suggested_yaml

REPO = Path(__file__).resolve().parent.parent


def _article(slug: str, *names: str) -> Article:
    from generator.knowledge import slug as actor_id

    return Article(slug=slug, title=slug, date=DateInfo("2025-01-01", "high", ""), body="x\n",
                   source_file="s", topics=("general",),
                   actors=tuple(Mention(actor_id(n), n, "person", discovered=True) for n in names))


def _corpus() -> list[Article]:
    return ([_article(f"a{i}", "Ada Lind", "Bo Karr") for i in range(4)]
            + [_article(f"b{i}", "Cy Dunn", "Di Moss", "Ada Lind") for i in range(3)]
            + [_article(f"c{i}", "Ed Fink") for i in range(3)])


def test_actors_named_together_become_topics_deterministically() -> None:
    topics = suggest_topics(_corpus())
    assert [(t.title, t.phrases) for t in topics] == [
        ("Ada Lind and Bo Karr", ("Ada Lind", "Bo Karr", "Cy Dunn", "Di Moss"))]
    assert suggest_topics(list(reversed(_corpus()))) == topics
    # The file has topics.yaml's schema: an entry copies as it is.
    data = yaml.safe_load(suggested_yaml(topics))
    assert data["topics"][0]["id"] == "ada-lind-and-bo-karr" and "actors" not in data["topics"][0]


def test_without_topics_yaml_articles_join_the_suggested_topics() -> None:
    topic = Topic("ada-and-bo", "Ada and Bo", phrases=("Ada Lind", "Bo Karr"), suggested=True)
    out = curate(_corpus(), Registry(topics=(topic,)))
    assert [a.topics for a in out] == [("ada-and-bo",)] * 7 + [("general",)] * 3


def test_the_site_groups_articles_by_suggested_topics_marked_as_such(tmp_path: Path) -> None:
    from generator.ingest.run import ingest_content
    from generator.site.builder import BuildSettings, build_site

    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content, ignore=shutil.ignore_patterns("articles", "ingest-report.md",
                                                                             "topics.yaml"))
    (content / "articles").mkdir()
    ingest_content(content, quiet=True)
    assert (content / "topics.suggested.yaml").exists()
    (content / "topics.suggested.yaml").write_text(suggested_yaml(
        [Topic("rubio-and-lavrov", "Marco Rubio and Sergey Lavrov",
               phrases=("Marco Rubio", "Sergey Lavrov"))]))
    (tmp_path / "site.yaml").write_text("title: T\nbase_url: https://example.org/\nsearch: false\n")
    result = build_site(BuildSettings(content, tmp_path / "_site", tmp_path / "site.yaml"))
    assert result.ok, result.errors
    page = (tmp_path / "_site" / "topics" / "rubio-and-lavrov" / "index.html").read_text(encoding="utf-8")
    assert "A suggested topic" in page and "/articles/" in page
