"""The curation loop: ingest never loses what a person did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.frontmatter import is_edited
from generator.ingest.run import ingest_content

REPO = Path(__file__).resolve().parent.parent

STORY = "\n\n".join([
    "Ministers Meet in Oslo to Discuss Fisheries",
    "Norwegian Foreign Minister Espen Barth Eide met his Icelandic counterpart in Oslo on Monday, "
    "March 3, 2025, to discuss fishing quotas in the North Atlantic.",
    '"We agreed that the quotas must be shared fairly between our countries," Eide told reporters '
    "after the meeting.",
]) + "\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "oslo.txt").write_text(STORY, encoding="utf-8")
    return root


def only_article(content: Path) -> Path:
    [path] = sorted((content / "articles").glob("*.md"))
    return path


def test_works_without_registries_and_names_the_file_by_date_and_title(content: Path) -> None:
    report = ingest_content(content, quiet=True)
    assert report.ok and len(report.written) == 1
    assert only_article(content).name == "2025-03-03-ministers-meet-in-oslo-to-discuss-fisheries.md"
    text = only_article(content).read_text(encoding="utf-8")
    assert "espen-barth-eide" in text  # discovered without any registry


def test_unchanged_sources_leave_every_file_byte_identical(content: Path) -> None:
    ingest_content(content, quiet=True)
    before = snapshot(content)
    report = ingest_content(content, quiet=True)
    assert report.written == () and len(report.unchanged) == 1
    assert snapshot(content) == before


def test_a_person_s_edit_survives_a_changed_source_and_is_reported(content: Path) -> None:
    ingest_content(content, quiet=True)
    article = only_article(content)
    # The person confirms the date ingest could only judge of medium confidence (a date in the lede).
    edited = article.read_text(encoding="utf-8").replace("date_confidence: medium", "date_confidence: high")
    assert edited != article.read_text(encoding="utf-8")  # a real edit, whatever the date rules become
    article.write_text(edited, encoding="utf-8")
    assert is_edited(edited)

    (content / "sources" / "oslo.txt").write_text(STORY + "\nA second paragraph arrived later.\n",
                                                  encoding="utf-8")
    report = ingest_content(content, quiet=True)
    assert report.conflicts == (article.stem,)
    assert article.read_text(encoding="utf-8") == edited
    assert "Conflicts" in (content / "ingest-report.md").read_text(encoding="utf-8")

    report = ingest_content(content, take_new=True, quiet=True)
    assert report.written == (article.stem,)
    assert "A second paragraph arrived later." in article.read_text(encoding="utf-8")
    assert (article.parent / f"{article.name}.orig").read_text(encoding="utf-8") == edited


def test_an_edit_with_an_unchanged_source_is_simply_kept(content: Path) -> None:
    ingest_content(content, quiet=True)
    article = only_article(content)
    article.write_text(article.read_text(encoding="utf-8") + "\nMy own note.\n", encoding="utf-8")
    before = snapshot(content)
    report = ingest_content(content, quiet=True)
    assert report.conflicts == () and report.written == ()
    assert snapshot(content) == before


def test_a_vanished_source_leaves_its_article_and_is_reported(content: Path) -> None:
    ingest_content(content, quiet=True)
    article = only_article(content)
    (content / "sources" / "oslo.txt").unlink()
    report = ingest_content(content, quiet=True)
    assert report.orphaned == (article.stem,)
    assert article.exists()


def test_empty_registries_work(content: Path) -> None:
    (content / "actors.yaml").write_text("", encoding="utf-8")
    (content / "topics.yaml").write_text("# nothing yet\n", encoding="utf-8")
    report = ingest_content(content, quiet=True)
    assert report.ok
    assert "- general" in only_article(content).read_text(encoding="utf-8")


def test_cli_ingest_then_build_on_any_content_folder(content: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--content", str(content), "--out", str(tmp_path / "site"),
                   "--config", str(REPO / "site.yaml")])
    out = capsys.readouterr()
    assert status == 0, out.err
    assert "1 written" in out.out
    assert (tmp_path / "site" / "index.html").exists()
    assert "Traceback" not in out.err


def test_help_explains_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for command in ("ingest", "build", "serve", "deploy", "check"):
        assert command in text


def test_sample_copy_ingests_without_errors(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    shutil.rmtree(content / "articles")
    report = ingest_content(content, quiet=True)
    assert report.ok and len(report.written) == 5
