"""Ingest and build never destroy a person's file and never read one from outside the project.

- an edit saved while ingest runs is kept and reported as a conflict (ingest and serve);
- ``--take-new`` backups are numbered, never overwritten, and hold the file's bytes;
- articles are written with the umask's mode (and a replaced one keeps its mode);
- a file over the size limit is refused before it is read;
- a symbolic link leaving its folder is refused, named, and nothing of it reaches the site.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

import generator.ingest.run as run
from generator import cli
from generator.ingest.decode import MAX_SOURCE_BYTES
from generator.ingest.report import render_summary
from generator.ingest.run import ingest_content, read_existing, read_sources
from generator.serve import wiring

STORY = "\n\n".join([
    "Ministers Meet in Oslo to Discuss Fisheries",
    "Norwegian Foreign Minister Espen Barth Eide met his Icelandic counterpart in Oslo on Monday, "
    "March 3, 2025, to discuss fishing quotas in the North Atlantic.",
    '"We agreed that the quotas must be shared fairly between our countries," Eide told reporters '
    "after the meeting.",
]) + "\n"
#: A word that must never reach the site: it is only in files outside the project.
SECRET = "Zyxwvutsecret"
OUTSIDE_STORY = "\n\n".join([
    f"{SECRET} Talks Open in Bergen",
    f"Officials met in Bergen on Tuesday, March 4, 2025, to discuss {SECRET} and the shipping lanes.",
]) + "\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "oslo.txt").write_text(STORY, encoding="utf-8")
    return root


def only_article(content: Path) -> Path:
    [path] = sorted((content / "articles").glob("*.md"))
    return path


def confirm_date(article: Path) -> bytes:
    """The article's bytes once a person confirms the date ingest judged of medium confidence."""
    before = article.read_bytes()
    edited = before.replace(b"date_confidence: medium", b"date_confidence: high")
    assert edited != before  # a real edit, whatever the date rules become
    return edited


def change_source(content: Path, extra: str) -> None:
    (content / "sources" / "oslo.txt").write_text(STORY + f"\n{extra}\n", encoding="utf-8")


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


# --- an edit saved while ingest runs ------------------------------------------


def save_during_planning(monkeypatch: pytest.MonkeyPatch, path: Path, data: bytes) -> None:
    """A person saves *path* after ingest read the articles and before it writes: during the plan."""
    plan = run.plan_ingest

    def planning_while_a_person_saves(*args: object, **kwargs: object) -> run.IngestPlan:
        result = plan(*args, **kwargs)  # type: ignore[arg-type]
        path.write_bytes(data)
        return result

    monkeypatch.setattr(run, "plan_ingest", planning_while_a_person_saves)


def test_an_edit_saved_while_ingest_runs_is_kept_and_reported(content: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_content(content, quiet=True)
    article = only_article(content)
    change_source(content, "A second paragraph arrived later.")
    mine = article.read_bytes() + b"\nMy note, saved while ingest ran.\n"
    save_during_planning(monkeypatch, article, mine)

    report = ingest_content(content, quiet=True)
    assert article.read_bytes() == mine
    assert report.conflicts == (article.stem,) and report.written == ()
    assert f"conflict (your edit kept): articles/{article.name}" in render_summary(report)
    assert f"articles/{article.name}" in (content / "ingest-report.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in article.parent.iterdir()) == [article.name]  # no temporary left


def test_a_file_a_person_creates_under_a_new_article_s_name_is_kept(content: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    name = "2025-03-03-ministers-meet-in-oslo-to-discuss-fisheries.md"
    mine = b"my own notes, saved while ingest ran\n"
    (content / "articles").mkdir()
    save_during_planning(monkeypatch, content / "articles" / name, mine)
    report = ingest_content(content, quiet=True)
    assert (content / "articles" / name).read_bytes() == mine
    assert report.written == () and report.conflicts == (name[:-3],)


def test_serve_s_re_ingest_keeps_an_edit_saved_meanwhile(content: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_content(content, quiet=True)
    article = only_article(content)
    change_source(content, "A second paragraph arrived later.")
    mine = confirm_date(article)
    save_during_planning(monkeypatch, article, mine)
    lines = wiring.ingest(content)
    assert article.read_bytes() == mine
    assert any("kept your edit" in line and article.stem in line for line in lines), lines


# --- --take-new backups ---------------------------------------------------------


def test_take_new_backups_are_numbered_and_never_overwritten(content: Path) -> None:
    ingest_content(content, quiet=True)
    article = only_article(content)
    first = confirm_date(article)
    article.write_bytes(first)
    change_source(content, "A second paragraph arrived later.")
    report = ingest_content(content, take_new=True, quiet=True)
    assert report.backups == (f"{article.name}.orig",)

    second = article.read_bytes() + b"\nMy second edit.\n"
    article.write_bytes(second)
    change_source(content, "A third paragraph arrived even later.")
    report = ingest_content(content, take_new=True, quiet=True)
    assert report.backups == (f"{article.stem}.md.1.orig",)
    assert (article.parent / f"{article.name}.orig").read_bytes() == first
    assert (article.parent / f"{article.stem}.md.1.orig").read_bytes() == second
    assert b"A third paragraph" in article.read_bytes()
    assert f"backup of your edit: articles/{article.stem}.md.1.orig" in render_summary(report)
    assert f"articles/{article.stem}.md.1.orig" in (content / "ingest-report.md").read_text(encoding="utf-8")


def test_a_backup_holds_the_bytes_of_an_article_saved_in_another_encoding(content: Path) -> None:
    ingest_content(content, quiet=True)
    article = only_article(content)
    text = article.read_text(encoding="utf-8") + "\nNote from the café in Tromsø: Ærø, Åsgårdstrand.\n"
    mine = text.encode("cp1252")
    article.write_bytes(mine)
    change_source(content, "A second paragraph arrived later.")
    report = ingest_content(content, take_new=True, quiet=True)
    assert report.backups == (f"{article.name}.orig",)
    assert (article.parent / f"{article.name}.orig").read_bytes() == mine


# --- modes ------------------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o027], ids=["umask-022", "umask-027"])
def test_articles_are_written_with_the_umask_s_mode(content: Path, mask: int) -> None:
    with umask(mask):
        ingest_content(content, quiet=True)
    for path in (only_article(content), content / "ingest-report.md"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path


def test_a_replaced_article_keeps_its_mode(content: Path) -> None:
    with umask(0o077):
        ingest_content(content, quiet=True)
        article = only_article(content)
        article.chmod(0o664)
        change_source(content, "A second paragraph arrived later.")
        report = ingest_content(content, quiet=True)
    assert report.written == (article.stem,)
    assert stat.S_IMODE(article.stat().st_mode) == 0o664


# --- size before reading ------------------------------------------------------------


def sparse(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)  # no block on disk: cheap to make, dear to read
    return path


def peak_allocated(action: object) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = action()  # type: ignore[operator]
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


BIG = 64 * 1024 * 1024


def test_an_oversized_source_is_refused_before_it_is_read(content: Path) -> None:
    sparse(content / "sources" / "huge.txt", max(BIG, MAX_SOURCE_BYTES + 1))
    _sources, peak = peak_allocated(lambda: read_sources(content / "sources"))
    assert peak < 8 * 1024 * 1024
    report = ingest_content(content, quiet=True)
    [error] = report.errors
    assert error.path == "sources/huge.txt" and "too large" in error.message
    assert len(report.written) == 1  # the rest is ingested


def test_an_oversized_article_is_refused_before_it_is_read(content: Path) -> None:
    from generator.site.builder import read_articles

    big = sparse(content / "articles" / "huge.md", BIG)
    _existing, peak = peak_allocated(lambda: read_existing(content / "articles"))
    assert peak < 8 * 1024 * 1024
    (_articles, errors, _cache), peak = peak_allocated(lambda: read_articles(content, {}))
    assert peak < 8 * 1024 * 1024
    [error] = errors
    assert error.path == str(big) and "too large" in error.message


# --- symbolic links ------------------------------------------------------------------


def build_cli(project: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(list(args))
    return code, out.getvalue()


def site_text(site: Path) -> str:
    found = sorted(p for p in site.rglob("*") if p.is_file())
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in found)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "content" / "sources").mkdir(parents=True)
    (root / "content" / "sources" / "oslo.txt").write_text(STORY, encoding="utf-8")
    (root / "site.yaml").write_text("title: Links\nbase_url: https://user.github.io/sub/\nsearch: false\n")
    return root


def test_symlinks_leaving_their_folder_never_reach_the_site(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(OUTSIDE_STORY, encoding="utf-8")
    # A complete, valid article outside the project: what a link in articles/ would publish.
    elsewhere = tmp_path / "elsewhere" / "content"
    (elsewhere / "sources").mkdir(parents=True)
    (elsewhere / "sources" / "bergen.txt").write_text(OUTSIDE_STORY, encoding="utf-8")
    ingest_content(elsewhere, quiet=True)
    outside_article = only_article(elsewhere)
    assert SECRET in outside_article.read_text(encoding="utf-8")

    (project / "content" / "sources" / "leak.txt").symlink_to(outside / "secret.txt")
    (project / "content" / "articles").mkdir()
    (project / "content" / "articles" / "leak.md").symlink_to(outside_article)

    code, text = build_cli(project, "build")
    assert code != 0
    errors = [line for line in text.splitlines() if "error:" in line]
    assert any("leak.txt" in line and "symbolic link" in line for line in errors), text
    assert any("leak.md" in line and "symbolic link" in line for line in errors), text
    site = project / "_site"
    oslo = "2025-03-03-ministers-meet-in-oslo-to-discuss-fisheries"
    assert (site / "articles" / oslo / "index.html").exists()
    assert (site / "data" / "articles.json").exists()
    assert SECRET not in site_text(site)
    ingested = [p for p in (project / "content" / "articles").iterdir() if not p.is_symlink()]
    assert ingested and all(SECRET not in p.read_text(encoding="utf-8") for p in ingested)


def test_a_symlink_within_its_folder_is_read(content: Path) -> None:
    (content / "sources" / "drafts").mkdir()
    (content / "sources" / "drafts" / "story.txt").write_text(STORY, encoding="utf-8")
    (content / "sources" / "oslo.txt").unlink()
    (content / "sources" / "oslo.txt").symlink_to(content / "sources" / "drafts" / "story.txt")
    assert read_sources(content / "sources") == {"oslo.txt": STORY.encode()}


def test_a_registry_linked_from_outside_the_content_folder_is_refused(project: Path, tmp_path: Path) -> None:
    registry = f"actors:\n  - id: x\n    name: {SECRET}\n    type: person\n"
    (tmp_path / "actors.yaml").write_text(registry, encoding="utf-8")
    (project / "content" / "actors.yaml").symlink_to(tmp_path / "actors.yaml")
    code, text = build_cli(project, "build")
    assert code != 0
    assert any("actors.yaml" in line and "symbolic link" in line for line in text.splitlines()), text
    assert not (project / "_site").exists() or SECRET not in site_text(project / "_site")


def test_take_new_keeps_an_edit_saved_while_it_runs_and_backs_nothing_up(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_content(content, quiet=True)
    article = only_article(content)
    article.write_bytes(article.read_bytes() + b"\nMy first edit.\n")
    change_source(content, "A second paragraph arrived later.")
    mine = article.read_bytes() + b"\nMy second edit, saved while ingest ran.\n"
    save_during_planning(monkeypatch, article, mine)
    report = ingest_content(content, take_new=True, quiet=True)
    assert article.read_bytes() == mine
    assert report.conflicts == (article.stem,) and report.backups == ()
    assert sorted(p.name for p in article.parent.iterdir()) == [article.name]


def test_a_site_yaml_linked_from_outside_its_folder_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text(f"title: {SECRET}\nsearch: false\n", encoding="utf-8")
    (project / "site.yaml").unlink()
    (project / "site.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    code, text = build_cli(project, "build")
    assert code != 0
    assert any("site.yaml" in line and "symbolic link" in line for line in text.splitlines()), text
    assert not (project / "_site").exists() or SECRET not in site_text(project / "_site")
