"""Registry edits reach every article at build time: not_actors, merge and aliases.

An article a person edited keeps its front-matter; the registry is applied to it when the
site is planned (generator.curation), so it follows the registry as the others do.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.curation import curate
from generator.model import Actor, Article, DateInfo, Event, Mention, Quote, Registry

REPO = Path(__file__).resolve().parent.parent
FOUND = "damien-degeorges"
ARTICLE = "2025-01-08-greenland-independence-is-possible-but-joining-the-us-unlikely-denmark-says"


def _article(*mentions: Mention) -> Article:
    return Article(slug="a", title="A", date=DateInfo("2025-01-01", "high", ""), body="x\n",
                   source_file="a.txt", actors=mentions,
                   events=(Event("2025-01-01", "day", "met", tuple(m.id for m in mentions), 1),),
                   quotes=(Quote(mentions[0].id, mentions[0].name, "q", 1),))


def test_not_actors_drops_a_discovered_actor_from_mentions_events_and_quotes() -> None:
    article = _article(Mention("bo-karr", "Bo Karr", "person", discovered=True),
                       Mention("ada-lind", "Ada Lind", "person"))
    (out,) = curate([article], Registry(rejected=("bo karr",)))
    assert [m.id for m in out.actors] == ["ada-lind"]
    assert out.events[0].actors == ("ada-lind",) and out.quotes[0].speaker is None


def test_merge_and_alias_turn_discovered_names_into_one_confirmed_actor() -> None:
    article = _article(Mention("trump", "Trump", "person", discovered=True, mentions=2, first_paragraph=3),
                       Mention("donald-trump", "Donald Trump", "person", discovered=True, first_paragraph=1),
                       Mention("bo", "Bo", "person", discovered=True))
    registry = Registry(actors=(Actor("bo-karr", "Bo Karr", "person", aliases=("Bo",)),),
                        merges=(("Trump", "donald-trump"),))
    (out,) = curate([article], registry)
    assert [(m.id, m.name, m.mentions, m.first_paragraph, m.discovered) for m in out.actors] == [
        ("donald-trump", "Donald Trump", 3, 1, True), ("bo-karr", "Bo Karr", 1, 0, False)]
    assert out.events[0].actors == ("donald-trump", "bo-karr") and out.quotes[0].speaker == "donald-trump"


def test_an_article_the_registry_does_not_touch_is_the_same_object() -> None:
    article = _article(Mention("bo-karr", "Bo Karr", "person", discovered=True))
    assert curate([article], Registry(rejected=("Someone Else",)))[0] is article


@pytest.fixture
def project(tmp_path: Path) -> Any:
    from generator.ingest.run import ingest_content
    from generator.site.builder import BuildSettings

    shutil.copytree(REPO / "content", tmp_path / "content",
                    ignore=shutil.ignore_patterns("articles", "ingest-report.md"))
    (tmp_path / "content" / "articles").mkdir()
    ingest_content(tmp_path / "content", quiet=True)
    (tmp_path / "site.yaml").write_text("title: T\nbase_url: https://example.org/\nsearch: false\n")
    return BuildSettings(content_dir=tmp_path / "content", out_dir=tmp_path / "_site",
                         config_path=tmp_path / "site.yaml")


def _reject(content: Path, name: str) -> None:
    actors = content / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace("not_actors: [", f"not_actors: [{name}, "), encoding="utf-8")


@pytest.mark.parametrize("edited", [False, True], ids=["ingested", "edited by a person"])
def test_a_not_actors_edit_removes_the_actor_from_an_incremental_build(project: Any, edited: bool) -> None:
    from generator.site.builder import build_site

    if edited:
        article = project.content_dir / "articles" / f"{ARTICLE}.md"
        article.write_text(article.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1),
                           encoding="utf-8")
    first = build_site(project)
    page = project.out_dir / "articles" / ARTICLE / "index.html"
    assert (project.out_dir / "actors" / FOUND / "index.html").exists()
    assert f"/actors/{FOUND}/" in page.read_text(encoding="utf-8")
    _reject(project.content_dir, "Damien Degeorges")
    second = build_site(project, first.state)
    assert second.ok, second.errors
    assert not (project.out_dir / "actors" / FOUND).exists()
    assert f"/actors/{FOUND}/" not in page.read_text(encoding="utf-8")
    assert f"actors/{FOUND}/index.html" in second.removed


def test_the_build_command_applies_a_registry_edit_to_an_edited_article(project: Any) -> None:
    from generator.commands import Options, run

    article = project.content_dir / "articles" / f"{ARTICLE}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")
    options = Options(content=project.content_dir, out=project.out_dir, config=project.config_path)
    assert run("build", options) == 0
    _reject(project.content_dir, "Damien Degeorges")
    assert run("build", options) == 0
    assert not (project.out_dir / "actors" / FOUND).exists()
    assert "Edited" in article.read_text(encoding="utf-8")  # the person's edit is kept
