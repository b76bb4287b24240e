"""Drafts and removal: the person's two ways of keeping an article off the published site.

``draft: true`` in an article's front-matter keeps it out of ``build`` and ``deploy`` (no page,
in no list, feed, sitemap, export, chronology or count) and marks it in ``serve``'s preview.
Deleting an article's Markdown keeps it deleted: ingest records the removal in
``ingest-state.yaml``, says so in its report, and ``ingest --restore SLUG`` brings it back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest.run import REPORT_NAME, ingest_content
from generator.ingest_state import STATE_NAME
from tests.site_helpers import build, copy_fixture, tree

DRAFT = "2025-03-05-south-answers"
#: Words only the draft article has: its title, a caption, the one discovered actor it names.
DRAFT_WORDS = (DRAFT, "South answers North on sea lanes", "Ben South speaks to reporters", "harbour-guild",
               "Harbour Guild")


def make_draft(content: Path, value: str = "true") -> None:
    path = content / "articles" / f"{DRAFT}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", f"---\ndraft: {value}\n", 1), encoding="utf-8")


def texts(out: Path) -> dict[str, str]:
    return {name: data.decode("utf-8", "replace") for name, data in tree(out).items()}


def test_a_draft_is_in_no_published_output(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    make_draft(content)
    result = build(content, tmp_path / "site")
    assert result.ok, result.errors
    files = texts(tmp_path / "site")
    assert not [name for name in files if DRAFT in name or "harbour-guild" in name]
    for name, text in files.items():
        for words in DRAFT_WORDS:
            assert words not in text, f"{words!r} of the draft is in {name}"
    articles = json.loads(files["data/articles.json"])
    assert DRAFT not in {a["slug"] for a in articles} and len(articles) == 2
    assert result.articles == 2
    # Counts, related articles, the chronology: all as if the file were not there at all.
    (content / "articles" / f"{DRAFT}.md").unlink()
    assert build(content, tmp_path / "without").ok
    assert tree(tmp_path / "site") == tree(tmp_path / "without")


def test_without_draft_the_same_checks_find_the_article(tmp_path: Path) -> None:
    """The scan above can fail: the published site does show the article when it is no draft."""
    content = copy_fixture(tmp_path)
    make_draft(content, "false")
    assert build(content, tmp_path / "site").ok
    files = texts(tmp_path / "site")
    assert f"articles/{DRAFT}/index.html" in files
    assert all(any(words in text for text in files.values()) for words in DRAFT_WORDS)
    assert "Draft" not in files[f"articles/{DRAFT}/index.html"]


def test_the_preview_shows_a_draft_marked_on_its_page_and_in_lists(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    make_draft(content)
    assert build(content, tmp_path / "site", live_reload=True).ok
    files = texts(tmp_path / "site")
    page = files[f"articles/{DRAFT}/index.html"]
    assert '<span class="badge draft">Draft</span>' in page
    home = files["index.html"]
    item = home[home.index(f'articles/{DRAFT}/">'):]
    item = item[:item.index("</li>")]
    assert '<span class="badge draft">Draft</span>' in item
    # Only the draft is marked.
    assert home.count('class="badge draft"') == 1
    assert 'class="badge draft"' not in files["articles/2025-03-04-polar-talks-open/index.html"].split(
        "<main")[1].split("related")[0]


def test_a_draft_made_during_a_build_series_leaves_the_site_incrementally(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    out = tmp_path / "site"
    first = build(content, out)
    assert (out / "articles" / DRAFT / "index.html").exists()
    make_draft(content)
    second = build(content, out, first.state)
    assert second.ok and f"articles/{DRAFT}/index.html" in second.removed
    assert not (out / "articles" / DRAFT).exists()
    assert DRAFT not in (out / "data" / "articles.json").read_text(encoding="utf-8")


def test_draft_must_be_true_or_false(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    make_draft(content, "maybe")
    result = build(content, tmp_path / "site")
    assert not result.ok
    [error] = result.errors
    assert "'draft' must be true or false" in str(error) and f"{DRAFT}.md:2" in str(error)


# --- removal -----------------------------------------------------------------------------------

STORIES = {
    "oslo.txt": "Ministers Meet in Oslo to Discuss Fisheries\n\nNorwegian Foreign Minister Espen Barth "
                "Eide met his Icelandic counterpart in Oslo on Monday, March 3, 2025, to discuss quotas.\n",
    "bergen.txt": "Shipping Talks Open in Bergen\n\nOfficials met in Bergen on Tuesday, March 4, 2025, "
                  "to discuss the shipping lanes of the North Sea.\n",
}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    for name, text in STORIES.items():
        (root / "sources" / name).write_text(text, encoding="utf-8")
    return root


def article_of(content: Path, source: str) -> Path:
    [path] = [p for p in (content / "articles").glob("*.md") if f"file: {source}" in p.read_text("utf-8")]
    return path


def test_a_deleted_article_is_not_written_again_and_is_reported(content: Path) -> None:
    ingest_content(content, quiet=True)
    oslo = article_of(content, "oslo.txt")
    oslo.unlink()
    report = ingest_content(content, quiet=True)
    assert not oslo.exists()
    assert report.removed == (oslo.stem,) and report.written == ()
    assert oslo.stem not in {a.slug for a in report.articles}
    text = (content / REPORT_NAME).read_text(encoding="utf-8")
    assert "## Removed by you" in text and f"articles/{oslo.stem}.md" in text
    state = (content / STATE_NAME).read_text(encoding="utf-8")
    removed_section = state[state.index("\nremoved:"):state.index("\narticles:")]
    assert oslo.stem in removed_section
    # And it stays removed, quietly, run after run: the state file does not change.
    again = ingest_content(content, quiet=True)
    assert again.removed == (oslo.stem,) and not oslo.exists()
    assert (content / STATE_NAME).read_text(encoding="utf-8") == state


def test_the_terminal_says_it_and_the_preview_does_not_rebuild_for_the_record(content: Path) -> None:
    from generator.ingest.report import render_summary
    from generator.serve import wiring

    ingest_content(content, quiet=True)
    oslo = article_of(content, "oslo.txt")
    oslo.unlink()
    screen = render_summary(ingest_content(content, quiet=True))
    assert "0 orphaned, 1 removed by you, 0 errors" in screen
    assert f"removed by you (not written again): articles/{oslo.name}" in screen
    assert STATE_NAME in wiring.ingest_outputs()


def test_restore_brings_a_removed_article_back_under_its_name(content: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    ingest_content(content, quiet=True)
    oslo = article_of(content, "oslo.txt")
    written = oslo.read_bytes()
    oslo.unlink()
    ingest_content(content, quiet=True)
    status = main(["ingest", "--content", str(content), "--restore", oslo.stem])
    assert status == 0, capsys.readouterr()
    assert oslo.read_bytes() == written
    report = ingest_content(content, quiet=True)
    assert report.removed == () and oslo.stem in report.unchanged
    assert oslo.stem not in (content / STATE_NAME).read_text(encoding="utf-8").split("\narticles:")[0]


def test_deleting_the_line_from_the_state_brings_it_back_too(content: Path) -> None:
    ingest_content(content, quiet=True)
    oslo = article_of(content, "oslo.txt")
    oslo.unlink()
    ingest_content(content, quiet=True)
    state = content / STATE_NAME
    state.write_text("".join(line for line in state.read_text("utf-8").splitlines(keepends=True)
                             if not line.startswith(f"  {oslo.stem}:")), encoding="utf-8")
    report = ingest_content(content, quiet=True)
    assert oslo.exists() and report.written == (oslo.stem,) and report.removed == ()


def test_restoring_what_was_not_removed_is_an_error_naming_the_state(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ingest_content(content, quiet=True)
    status = main(["ingest", "--content", str(content), "--restore", "no-such-article"])
    out = capsys.readouterr()
    err = out.out + out.err
    assert status != 0
    assert "no-such-article" in err and STATE_NAME in err and "Traceback" not in err


def test_a_removed_article_whose_source_changed_stays_removed_and_says_so(content: Path) -> None:
    ingest_content(content, quiet=True)
    oslo = article_of(content, "oslo.txt")
    oslo.unlink()
    ingest_content(content, quiet=True)
    source = content / "sources" / "oslo.txt"
    source.write_text(source.read_text("utf-8") + "\nThe talks resume on Friday.\n", encoding="utf-8")
    report = ingest_content(content, quiet=True)
    assert not oslo.exists() and report.removed == (oslo.stem,)
    text = (content / REPORT_NAME).read_text(encoding="utf-8")
    assert f"articles/{oslo.stem}.md (its source changed since you removed it" in text


def test_an_article_whose_source_is_gone_is_orphaned_not_removed(content: Path) -> None:
    ingest_content(content, quiet=True)
    oslo = article_of(content, "oslo.txt")
    (content / "sources" / "oslo.txt").unlink()
    report = ingest_content(content, quiet=True)
    assert report.orphaned == (oslo.stem,) and report.removed == () and oslo.exists()
    # Both gone: nothing is left to keep removed, and the record forgets it.
    oslo.unlink()
    report = ingest_content(content, quiet=True)
    assert report.orphaned == () and report.removed == ()
    assert oslo.stem not in (content / STATE_NAME).read_text("utf-8")


def test_a_renamed_article_is_neither_removed_nor_written_again(content: Path) -> None:
    ingest_content(content, quiet=True)
    oslo = article_of(content, "oslo.txt")
    oslo.rename(oslo.with_name("my-own-name.md"))
    report = ingest_content(content, quiet=True)
    assert report.removed == () and report.written == () and not oslo.exists()
    assert "my-own-name" in report.unchanged


def test_a_broken_state_file_stops_ingest_with_its_line(content: Path) -> None:
    ingest_content(content, quiet=True)
    (content / STATE_NAME).write_text("removed:\n  x: [unclosed\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (content / "articles").iterdir()}
    with pytest.raises(Exception) as caught:
        ingest_content(content, quiet=True)
    assert STATE_NAME in str(caught.value) and ":2" in str(caught.value)
    assert {p.name: p.read_bytes() for p in (content / "articles").iterdir()} == before


def test_take_new_keeps_a_person_s_draft_flag(content: Path) -> None:
    ingest_content(content, quiet=True)
    oslo = article_of(content, "oslo.txt")
    oslo.write_text(oslo.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    source = content / "sources" / "oslo.txt"
    source.write_text(source.read_text("utf-8") + "\nThe talks resume on Friday.\n", encoding="utf-8")
    report = ingest_content(content, take_new=True, quiet=True)
    assert oslo.stem in report.written
    text = oslo.read_text("utf-8")
    assert "The talks resume on Friday." in text and "\ndraft: true\n" in text


def test_an_emptied_articles_folder_starts_over_but_for_what_was_removed(content: Path) -> None:
    ingest_content(content, quiet=True)
    oslo, bergen = article_of(content, "oslo.txt"), article_of(content, "bergen.txt")
    oslo.unlink()
    ingest_content(content, quiet=True)
    bergen.unlink()  # now no article is left: the person wants the folder made again
    report = ingest_content(content, quiet=True)
    assert report.written == (bergen.stem,) and report.removed == (oslo.stem,)
    assert bergen.exists() and not oslo.exists()


def test_the_ingest_report_lists_the_drafts(content: Path) -> None:
    ingest_content(content, quiet=True)
    oslo = article_of(content, "oslo.txt")
    oslo.write_text(oslo.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    ingest_content(content, quiet=True)
    text = (content / REPORT_NAME).read_text(encoding="utf-8")
    drafts = text[text.index("## Drafts"):]
    assert f"`{oslo.stem}`" in drafts.split("\n## ")[0]
    assert article_of(content, "bergen.txt").stem not in drafts.split("\n## ")[0]
