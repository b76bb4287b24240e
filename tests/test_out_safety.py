"""No command destroys a folder it did not make, and no path it was given is silently wrong.

Every case runs the real CLI in a small project and compares every file (and
link, and folder) under the test's folder before and after, byte for byte.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

#: The file every build writes into its output folder: the one folder a command may replace.
MARK = ".briefing-site"

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"


def snapshot(root: Path) -> dict[str, object]:
    """Every path under ``root``: file bytes, link targets, folders (with their permissions)."""
    seen: dict[str, object] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                seen[key] = ("link", os.readlink(path))
            elif path.is_dir():
                seen[key] = ("dir", path.stat().st_mode)
            else:
                seen[key] = ("file", path.read_bytes(), path.stat().st_mode)
    return seen


def run(*args: str, cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git project holding the fixture articles; the current folder is its root."""
    root = tmp_path / "project"
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    (content / "site.yaml").rename(root / "site.yaml")
    (root / "notes.txt").write_text("my notes\n")
    (root / "docs").mkdir()
    (root / "docs" / "draft.md").write_text("a draft\n")
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("secret\n")
    monkeypatch.setenv("HOME", str(home))
    run("git", "init", "-q", "-b", "main", cwd=root)
    run("git", "config", "user.name", "Tester", cwd=root)
    run("git", "config", "user.email", "tester@example.org", cwd=root)
    run("git", "add", "-A", cwd=root)
    run("git", "commit", "-q", "-m", "sources", cwd=root)
    run("git", "init", "-q", "--bare", str(tmp_path / "remote.git"), cwd=tmp_path)
    monkeypatch.chdir(root)
    return root


def refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run ``argv``; it must fail with one line and leave every file under ``tmp_path`` as it was."""
    before = snapshot(tmp_path)
    assert main(argv) != 0
    out, err = capsys.readouterr()
    assert snapshot(tmp_path) == before
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert out == ""
    return lines[0]


def _home(project: Path) -> Path:
    home = Path.home()
    assert home.is_relative_to(project.parent)  # never the real one
    return home


def _symlink(project: Path) -> str:
    (project / "link").symlink_to(project / "docs")
    return "link"


def _marked_link(project: Path) -> str:
    # Even a link to a folder the generator made: the link would be replaced, not followed.
    (project / "made").mkdir()
    (project / "made" / MARK).write_text("x")
    (project / "link").symlink_to(project / "made")
    return "link"


def _empty_content(project: Path) -> str:
    # An empty folder may be replaced, but never the content folder, even empty.
    (project / "content2").mkdir()
    return "content2"


def _marked_root(project: Path) -> str:
    # A mark planted (or copied) into the project root does not make it replaceable.
    (project / MARK).write_text("x")
    return "."


OUT_CASES = {
    "content": lambda p: "content",
    "content-articles": lambda p: "content/articles",
    "project-root": lambda p: str(p),
    "dot": lambda p: ".",
    "dotdot": lambda p: "..",
    "home": lambda p: str(_home(p)),
    "folder-with-files": lambda p: "docs",
    "a-file": lambda p: "notes.txt",
    "a-symlink": _symlink,
    "a-symlink-to-a-site": _marked_link,
    "marked-project-root": _marked_root,
}


@pytest.mark.parametrize("case", sorted(OUT_CASES))
def test_build_never_replaces_a_folder_it_did_not_make(project: Path, tmp_path: Path, case: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = OUT_CASES[case](project)
    run("git", "add", "-A", cwd=project)  # (git's index is part of the snapshot: keep it settled)
    line = refused(tmp_path, capsys, ["build", "--out", out])
    assert "--out" in line or out.rstrip("/").split("/")[-1] in line


@pytest.mark.parametrize("case", ["content", "project-root", "dot", "home", "folder-with-files",
                                  "a-file", "a-symlink"])
def test_deploy_never_replaces_a_folder_it_did_not_make(project: Path, tmp_path: Path, case: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = OUT_CASES[case](project)
    run("git", "add", "-A", cwd=project)
    refused(tmp_path, capsys, ["deploy", "--out", out, "--remote", str(tmp_path / "remote.git")])


@pytest.mark.parametrize("case", ["content", "project-root", "folder-with-files"])
def test_serve_never_replaces_a_folder_it_did_not_make(project: Path, tmp_path: Path, case: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = OUT_CASES[case](project)
    refused(tmp_path, capsys, ["serve", "--out", out, "--port", "0"])


def test_the_content_folder_even_empty_is_never_the_output(project: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    empty = _empty_content(project)
    refused(tmp_path, capsys, ["build", "--no-ingest", "--content", empty, "--out", empty])


@pytest.mark.parametrize("out", ["content/site", "templates/site", "static/x"])
def test_never_inside_the_content_templates_or_static(project: Path, tmp_path: Path, out: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (project / "templates").mkdir()
    (project / "static").mkdir()
    refused(tmp_path, capsys, ["build", "--out", out])


def test_never_the_templates_given(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "mine").mkdir()
    refused(tmp_path, capsys, ["build", "--templates", "mine", "--out", "mine"])


def test_dot_and_dotdot_get_a_plain_message(project: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert "the current folder" in refused(tmp_path, capsys, ["build", "--out", "."])
    assert "above the current folder" in refused(tmp_path, capsys, ["build", "--out", ".."])


def test_the_refusal_comes_before_ingest(project: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "sources").mkdir()
    (project / "content" / "sources" / "one.txt").write_text("Title\n\nA body of text.\n")
    run("git", "add", "-A", cwd=project)
    refused(tmp_path, capsys, ["build", "--out", "docs"])


def test_a_site_it_made_is_replaced_and_marked(project: Path) -> None:
    assert main(["build", "--no-ingest"]) == 0
    site = project / "_site"
    assert (site / MARK).is_file() and (site / "index.html").is_file()
    (site / "stale.html").write_text("old")
    assert main(["build", "--no-ingest"]) == 0
    assert not (site / "stale.html").exists()
    # An empty folder is fine too (a person made it for the site).
    (project / "fresh").mkdir()
    assert main(["build", "--no-ingest", "--out", "fresh"]) == 0
    assert (project / "fresh" / "index.html").is_file()


def test_an_old_unmarked_site_is_left_for_the_person(project: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # A site built by a version that wrote no mark looks like any folder of files.
    (project / "_site").mkdir()
    (project / "_site" / "index.html").write_text("<p>old</p>")
    line = refused(tmp_path, capsys, ["build", "--no-ingest"])
    assert MARK in line and "delete it yourself" in line


def test_the_builder_itself_refuses_an_unmarked_folder(project: Path, tmp_path: Path) -> None:
    # The writer checks again (serve and deploy call the builder directly).
    from generator.site.builder import BuildSettings, build_site

    before = snapshot(tmp_path)
    result = build_site(BuildSettings(content_dir=project / "content", out_dir=project / "docs",
                                      config_path=project / "site.yaml"))
    assert not result.ok and not result.written
    assert MARK in str(result.errors[-1])
    assert snapshot(tmp_path) == before


def test_the_filesystem_root_and_home_are_never_the_output(project: Path) -> None:
    # Checked without a build: an unguarded build of / as root would be a disaster.
    from generator.outdir import OutDirError, check_out_dir

    for out in (Path("/"), _home(project)):
        with pytest.raises(OutDirError):
            check_out_dir(out, content=project / "content", config=project / "site.yaml")


# --- paths that do not exist ----------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["build", "--content", "nowhere"],
    ["ingest", "--content", "nowhere"],
    ["deploy", "--content", "nowhere"],
    ["build", "--content", "notes.txt"],
    ["build", "--config", "nowhere.yaml"],
    ["deploy", "--config", "nowhere.yaml"],
    ["build", "--templates", "nowhere"],
    ["serve", "--port", "99999"],
    ["serve", "--port", "-1"],
])
def test_a_path_or_port_that_does_not_exist_is_an_error(project: Path, tmp_path: Path, argv: list[str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    run("git", "add", "-A", cwd=project)
    line = refused(tmp_path, capsys, argv)
    assert argv[-1] in line


def test_the_default_config_may_be_missing(project: Path) -> None:
    (project / "site.yaml").unlink()
    assert main(["build", "--no-ingest"]) == 0


def test_an_empty_content_folder_builds_an_empty_site_with_a_warning(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "empty").mkdir()
    assert main(["build", "--content", "empty"]) == 0
    assert "warning: empty/ has no sources and no articles" in capsys.readouterr().err
    assert (project / "_site" / "index.html").is_file()


def test_a_build_whose_every_article_failed_is_an_error(project: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    for article in (project / "content" / "articles").glob("*.md"):
        article.write_text("---\ntitle: [unclosed\n---\nbody\n")
    assert main(["build", "--no-ingest"]) != 0
    assert "build: no article was published" in capsys.readouterr().err


def test_a_source_that_gives_no_article_is_an_error(project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    # Sources there, no article from them: the content folder is not "deliberately empty".
    for article in (project / "content" / "articles").glob("*.md"):
        article.unlink()
    (project / "content" / "sources").mkdir()
    (project / "content" / "sources" / "blank.txt").write_text("\n")
    assert main(["build"]) != 0
    assert "build: no article was published" in capsys.readouterr().err


# --- leftovers of killed builds ---------------------------------------------------------------


def test_leftovers_of_a_killed_build_go_at_once_and_nothing_else(project: Path) -> None:
    assert main(["build", "--no-ingest"]) == 0
    # What a build killed while staging, and one killed while removing the old site, left behind.
    staging = project / "._site.build-k1ll3d_0"
    shutil.copytree(project / "_site", staging)
    old = project / "._site.old-k1ll3d_1"
    old.mkdir()
    (old / MARK).write_text("x")
    empty = project / "._site.build-k1ll3d_2"
    empty.mkdir()
    # Not ours: another output folder's, a person's folder of that name without the mark, a link.
    other = project / "._other.build-k1ll3d_3"
    shutil.copytree(project / "_site", other)
    mine = project / "._site.build-mine0000"
    mine.mkdir()
    (mine / "keep.txt").write_text("mine")
    (project / "._site.build-link0000").symlink_to(project / "docs")
    # A killed serve's half-written page inside the site.
    (project / "_site" / "articles" / ".tmp-abc123").write_text("half")
    assert main(["build", "--no-ingest"]) == 0
    assert not staging.exists() and not old.exists() and not empty.exists()
    assert not (project / "_site" / "articles" / ".tmp-abc123").exists()
    assert other.is_dir() and (mine / "keep.txt").read_text() == "mine"
    assert (project / "._site.build-link0000").is_symlink() and (project / "docs" / "draft.md").exists()


def test_a_running_builds_staging_folder_is_left_alone(project: Path) -> None:
    from generator.site.write import discard, staging_dir

    running = staging_dir(project / "_site")  # held (locked) as a running build holds it
    try:
        assert main(["build", "--no-ingest"]) == 0
        assert running.is_dir() and (running / MARK).is_file()
    finally:
        discard(running)
    assert not running.exists()


def test_gitignore_covers_the_leftovers(project: Path) -> None:
    shutil.copy(Path(__file__).resolve().parent.parent / ".gitignore", project / ".gitignore")
    for name in ("._site.build-k1ll3d_0/index.html", "._site.old-k1ll3d_0/index.html",
                 "_site/articles/.tmp-abc123", ".cache/x"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("x")
    assert subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                          capture_output=True, text=True, check=True).stdout == "?? .gitignore\n"


def test_deploy_to_the_checked_out_branch_is_refused_before_any_work(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "sources").mkdir()
    (project / "content" / "sources" / "one.txt").write_text("Title\n\nA body of text.\n")
    run("git", "add", "-A", cwd=project)
    line = refused(tmp_path, capsys, ["deploy", "--branch", "main", "--remote", str(tmp_path / "remote.git")])
    assert "branch main is checked out" in line
