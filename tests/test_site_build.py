"""build_site: reproducible, incremental, atomic, and strict about site-wide errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.config import parse_config
from generator.errors import ArticleError, ConfigError, TemplateError
from generator.site.markdown import ActorLink, render_body
from generator.urls import Urls, output_path
from tests.site_helpers import FIXTURE, build, copy_fixture, tree

TALKS = "articles/2025-03-04-polar-talks-open/index.html"
SOUTH = "articles/2025-03-05-south-answers/index.html"
UNDATED = "articles/undated-fish-quota-note/index.html"


def test_two_builds_are_byte_identical_including_search_index(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    (content / "site.yaml").write_text(
        (content / "site.yaml").read_text().replace("search: false", "search: true")
    )
    first, second = build(content, tmp_path / "a"), build(content, tmp_path / "b")
    assert first.ok and second.ok and not first.warnings
    assert (tmp_path / "a" / "pagefind").is_dir()
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_unchanged_rebuild_writes_nothing(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    second = build(content, out, first.state)
    assert second.ok and second.written == () and second.removed == ()


def test_article_edit_rerenders_only_pages_that_show_it(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    path = content / "articles" / "undated-fish-quota-note.md"
    path.write_text(path.read_text().replace("names nobody", "names no one"))
    second = build(content, out, first.state)
    assert second.ok
    assert UNDATED in second.written
    assert TALKS not in second.written and SOUTH not in second.written
    assert "names no one" in (out / UNDATED).read_text()
    assert second.written == tuple(sorted(second.written))


def test_title_edit_reaches_related_pages_and_indexes(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    path = content / "articles" / "2025-03-05-south-answers.md"
    path.write_text(path.read_text().replace("South answers North on sea lanes", "South replies"))
    second = build(content, out, first.state)
    assert {SOUTH, TALKS, "index.html", "actors/ben-south/index.html"} <= set(second.written)
    assert UNDATED not in second.written
    assert "South replies" in (out / TALKS).read_text()


def test_deleted_article_removes_its_outputs(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    (content / "articles" / "undated-fish-quota-note.md").unlink()
    second = build(content, out, first.state)
    assert UNDATED in second.removed and "topics/general/index.html" in second.removed
    assert not (out / "articles" / "undated-fish-quota-note").exists()


def test_broken_article_is_skipped_and_reported(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    (content / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n")
    result = build(content, out)
    assert not result.ok
    assert len(result.errors) == 1 and isinstance(result.errors[0], ArticleError)
    assert "broken.md" in str(result.errors[0])
    assert (out / TALKS).exists()


@pytest.mark.parametrize(
    "mutate, error",
    [
        (lambda c: (c / "site.yaml").write_text("title: X\ntittle: Y\n"), ConfigError),
        (
            lambda c: (c / "templates").mkdir() or (c / "templates" / "article.html").write_text("{% if %}"),
            TemplateError,
        ),
        (
            lambda c: (c / "templates").mkdir() or (c / "templates" / "home.html").write_text("{{ nope.x }}"),
            TemplateError,
        ),
    ],
)
def test_site_wide_error_writes_nothing_and_keeps_previous_site(tmp_path: Path, mutate, error) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    before = tree(out)
    mutate(content)
    for state in (None, first.state):
        result = build(content, out, state)
        assert not result.ok and result.written == ()
        assert isinstance(result.errors[-1], error)
        assert tree(out) == before


def test_user_template_folder_overrides_builtin(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "404.html").write_text('{% extends "base.html" %}{% block main %}Lost at sea{% endblock %}')
    assert build(content, out, template_dirs=(theme,)).ok
    assert "Lost at sea" in (out / "404.html").read_text()


def test_config_errors_name_file_and_line() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config("title: A\n\nbase_url: ftp://x/\n", "site.yaml")
    assert (info.value.path, info.value.line) == ("site.yaml", 3)
    with pytest.raises(ConfigError) as info:
        parse_config("title: A\ncolour: red\n", "site.yaml")
    assert info.value.line == 2 and "colour" in str(info.value)
    assert parse_config("base_url: https://u.github.io/repo").base_path == "/repo/"


def test_urls_work_under_a_sub_path() -> None:
    urls = Urls("https://u.github.io/repo/")
    assert urls.url_for("actor", "ada-north") == "/repo/actors/ada-north/"
    assert urls.url_for("article", "x", "p-2") == "/repo/articles/x/#p-2"
    assert urls.absolute_for("feed") == "https://u.github.io/repo/feed.xml"
    assert output_path("articles/x/") == "articles/x/index.html"
    with pytest.raises(ValueError):
        urls.url_for("actor", "../etc")


def test_untrusted_text_is_escaped_and_unsafe_links_dropped(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(FIXTURE, out)
    talks = (out / TALKS).read_text()
    assert "<script>alert" not in talks and "&lt;script&gt;" in talks
    south = (out / SOUTH).read_text()
    assert "javascript:" not in south
    topic = (out / "topics" / "fisheries" / "index.html").read_text()
    assert "Quotas &amp; catches &lt;in&gt; cold waters." in topic


def test_body_anchors_and_first_mentions() -> None:
    html = render_body(
        "North met South.\n\n## Heading\n\nNorth again; [x](javascript:alert(1)) <b>\n",
        [ActorLink("ada-north", ("North",), "/actors/ada-north/", 1)],
    )
    assert (
        '<p id="p-1"><a class="actor-link" data-actor="ada-north" href="/actors/ada-north/">North</a>' in html
    )
    assert '<p id="p-2">North again' in html, "only the first mention is linked; headings are not counted"
    assert "javascript" not in html and "&lt;b&gt;" in html


def test_dates_are_honest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(FIXTURE, out)
    south = (out / SOUTH).read_text()
    assert 'class="date uncertain"' in south and "About the date:" in south
    assert "Date unknown" in (out / UNDATED).read_text()
    chronology = (out / "chronology" / "index.html").read_text()
    assert "April 2025" in chronology and "1 April 2025" not in chronology


def test_a_full_build_swaps_the_site_in_one_step_and_clears_what_killed_builds_left(tmp_path: Path) -> None:
    from generator.site import write

    out = tmp_path / "_site"
    for text in ("old", "new"):
        staging = write.staging_dir(out)
        (staging / "index.html").write_text(text)
        write.swap_in(staging, out)
    assert (out / "index.html").read_text() == "new"
    assert (out.stat().st_mode & 0o777) == 0o755
    # A killed build's leftovers, however recent: the old site it had moved aside, its staging folder.
    (tmp_path / "._site.old-abc_1234").mkdir()
    stale = write.staging_dir(out)
    write._unlock(stale)  # as the kernel does when the build is killed
    fresh = write.staging_dir(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, "_site"])
    write.discard(fresh)
    if sys.platform.startswith("linux"):
        a, b = tmp_path / "a", tmp_path / "b"
        a.mkdir()
        b.mkdir()
        (a / "x").write_text("a")
        assert write._exchange(a, b) and (b / "x").read_text() == "a" and not (a / "x").exists()


LATER_ARTICLE = """---
title: Ada North returns
date: 2025-04-02
date_confidence: high
date_basis: dateline
actors:
- {id: ada-north, name: Ada North, type: person, mentions: 2}
topics: [polar-talks]
events:
- {date: 2025-04-01, precision: day, text: Ada North flew to Tromso., actors: [ada-north], paragraph: 1}
- {date: 2025-04-02, precision: day, text: Ada North opened round two., actors: [ada-north], paragraph: 2}
---
Ada North flew to Tromso.

Ada North opened round two.
"""


@pytest.mark.parametrize("page, chronology, anchor", [
    ("actors/ada-north", "chronology/actor/ada-north", "a-events"),
    ("topics/polar-talks", "chronology/topic/polar-talks", "t-events"),
])
def test_actor_and_topic_pages_list_their_latest_events_and_the_chronology_all(
    tmp_path: Path, page: str, chronology: str, anchor: str
) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    (content / "articles" / "2025-04-02-ada-north-returns.md").write_text(LATER_ARTICLE)
    with (content / "site.yaml").open("a") as handle:
        handle.write("page_events: 2\n")
    assert build(content, out).ok
    listed = (out / page / "index.html").read_text().split(f'id="{anchor}"')[1].split("</section>")[0]
    every = (out / chronology / "index.html").read_text().split('class="event-text')[1:]
    assert len(every) >= 3 and listed.count('class="event-text') == 2
    assert f"The latest 2 of {len(every)} events" in listed
    assert f'href="../../{chronology}/">the chronology</a> has them all' in listed
    # The two shown are the latest, the chronology's last two, in its order.
    last_two = [entry.split("</")[0] for entry in every[-2:]]
    assert "Ada North opened round two." in last_two[1]
    assert listed.index(last_two[0]) < listed.index(last_two[1])


def test_page_events_zero_lists_none_but_still_links_the_chronology(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    with (content / "site.yaml").open("a") as handle:
        handle.write("page_events: 0\n")
    assert build(content, out).ok
    listed = (out / "topics" / "polar-talks" / "index.html").read_text().split('id="t-events"')[1]
    listed = listed.split("</section>")[0]
    assert 'class="events"' not in listed
    link = '<a href="../../chronology/topic/polar-talks/">the chronology</a>'
    assert f"3 events; {link} has them all" in listed


def test_page_events_must_be_a_whole_number() -> None:
    with pytest.raises(ConfigError, match=r"page_events.*whole number"):
        parse_config("page_events: -3\n", "site.yaml")
