"""deploy() against local bare repositories, with a fake builder (the real one: test_deploy_site.py)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.deploy import DeployError, commit_message, deploy
from generator.errors import TemplateError
from generator.outdir import MARK


@dataclass(frozen=True)
class FakeSettings:
    content_dir: Path
    out_dir: Path
    config_path: Path
    base_url: str | None = None
    template_dirs: tuple[Path, ...] = ()
    live_reload: bool = False


@dataclass(frozen=True)
class FakeResult:
    ok: bool = True
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    errors: tuple[Any, ...] = ()
    warnings: tuple[str, ...] = ()
    state: Any = None
    articles: int = 1


def run(*args: str, cwd: Path) -> str:
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True).stdout


def git_tree(repo: Path, ref: str) -> dict[str, str]:
    """path -> blob sha of every file on ``ref``."""
    out = run("git", "ls-tree", "-r", ref, cwd=repo)
    return {line.split("\t")[1]: line.split()[2] for line in out.splitlines()}


def show(repo: Path, ref: str, path: str) -> str:
    return run("git", "show", f"{ref}:{path}", cwd=repo)


@pytest.fixture
def project(tmp_path: Path) -> FakeSettings:
    root = tmp_path / "project"
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "articles" / "a.md").write_text("hello\n")
    (root / "site.yaml").write_text("title: T\nbase_url: https://user.github.io/repo/\n")
    run("git", "init", "-q", "-b", "main", cwd=root)
    run("git", "config", "user.name", "Tester", cwd=root)
    run("git", "config", "user.email", "tester@example.org", cwd=root)
    run("git", "add", "-A", cwd=root)
    run("git", "commit", "-q", "-m", "sources", cwd=root)
    run("git", "init", "-q", "--bare", str(tmp_path / "remote.git"), cwd=tmp_path)
    return FakeSettings(content_dir=root / "content", out_dir=root / "_site", config_path=root / "site.yaml")


def fake_builder(files: dict[str, str], result: FakeResult | None = None) -> Any:
    seen: list[Any] = []

    def build(settings: FakeSettings) -> FakeResult:
        seen.append(settings)
        settings.out_dir.mkdir(exist_ok=True)
        (settings.out_dir / MARK).write_text("made by the build\n")
        for name, text in files.items():
            (settings.out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (settings.out_dir / name).write_text(text)
        return result or FakeResult(written=tuple(files))

    build.seen = seen  # type: ignore[attr-defined]
    return build


SITE = {"index.html": "<a href='/repo/a/'>a</a>", "a/index.html": "a", "static/site.css": "body{}"}


def test_publishes_exactly_the_built_site(project: FakeSettings, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    builder = fake_builder(SITE)
    lines: list[str] = []
    assert deploy(project, remote=str(remote), builder=builder, log=lines.append) == 0
    assert set(git_tree(remote, "gh-pages")) == {*SITE, ".nojekyll", MARK}
    assert show(remote, "gh-pages", "static/site.css") == "body{}"
    sha = run("git", "rev-parse", "HEAD", cwd=project.config_path.parent).strip()
    message = run("git", "log", "-1", "--format=%B", "gh-pages", cwd=remote)
    assert sha in message
    # Dated after the source commit, not the clock: the same source publishes the same way.
    source_date = run("git", "log", "-1", "--format=%cD", "HEAD", cwd=project.config_path.parent)
    assert run("git", "log", "-1", "--format=%cD", "gh-pages", cwd=remote) == source_date
    # Only gh-pages reached the remote.
    assert run("git", "for-each-ref", "--format=%(refname)", cwd=remote).split() == ["refs/heads/gh-pages"]
    assert builder.seen[0].live_reload is False


def test_a_second_deploy_of_the_same_site_adds_nothing(project: FakeSettings, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    deploy(project, remote=str(remote), builder=fake_builder(SITE), log=lambda _: None)
    first = run("git", "rev-parse", "gh-pages", cwd=remote)
    lines: list[str] = []
    deploy(project, remote=str(remote), builder=fake_builder(SITE), log=lines.append)
    assert run("git", "rev-parse", "gh-pages", cwd=remote) == first
    assert any("unchanged" in line for line in lines)


def test_a_reshuffled_search_index_alone_is_no_change(project: FakeSettings, tmp_path: Path) -> None:
    # Pagefind renames its filter files on every run, even for identical HTML.
    remote = tmp_path / "remote.git"
    deploy(project, remote=str(remote), builder=fake_builder({**SITE, "pagefind/f_1.pf": "a"}),
           log=lambda _: None)
    first = run("git", "rev-parse", "gh-pages", cwd=remote)
    (project.out_dir / "pagefind" / "f_1.pf").unlink()
    deploy(project, remote=str(remote), builder=fake_builder({**SITE, "pagefind/f_2.pf": "a"}),
           log=lambda _: None)
    assert run("git", "rev-parse", "gh-pages", cwd=remote) == first
    deploy(project, remote=str(remote), builder=fake_builder({**SITE, "index.html": "changed"}),
           log=lambda _: None)
    assert run("git", "rev-parse", "gh-pages", cwd=remote) != first
    assert "pagefind/f_2.pf" in git_tree(remote, "gh-pages")


def test_a_changed_site_goes_on_top_and_stale_files_vanish(project: FakeSettings, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    deploy(project, remote=str(remote), builder=fake_builder(SITE), log=lambda _: None)
    first = run("git", "rev-parse", "gh-pages", cwd=remote).strip()
    # The builder removed a/ (an article was deleted) and changed the home page.
    (project.out_dir / "a" / "index.html").unlink()
    deploy(project, remote=str(remote), builder=fake_builder({"index.html": "new"}), log=lambda _: None)
    assert set(git_tree(remote, "gh-pages")) == {"index.html", "static/site.css", ".nojekyll", MARK}
    assert run("git", "rev-parse", "gh-pages^", cwd=remote).strip() == first


def test_a_named_remote_and_a_custom_domain(project: FakeSettings, tmp_path: Path) -> None:
    root = project.config_path.parent
    run("git", "remote", "add", "origin", str(tmp_path / "remote.git"), cwd=root)
    project.config_path.write_text("title: T\nbase_url: https://briefing.example.org/\n"
                                   "custom_domain: briefing.example.org\n")
    run("git", "commit", "-qam", "domain", cwd=root)
    deploy(project, builder=fake_builder(SITE), log=lambda _: None)
    assert show(tmp_path / "remote.git", "gh-pages", "CNAME").strip() == "briefing.example.org"


def test_refuses_a_failed_build(project: FakeSettings, tmp_path: Path) -> None:
    failed = FakeResult(ok=False, errors=(TemplateError("unexpected end", "templates/base.html", 7),))
    lines: list[str] = []
    with pytest.raises(DeployError, match="build failed with 1 error"):
        deploy(project, remote=str(tmp_path / "remote.git"), builder=fake_builder(SITE, failed),
               log=lines.append)
    assert any(line.startswith("error: templates/base.html:7: unexpected end") for line in lines)
    assert run("git", "for-each-ref", cwd=tmp_path / "remote.git") == ""


def test_refuses_an_empty_build(project: FakeSettings, tmp_path: Path) -> None:
    project.out_dir.mkdir()
    with pytest.raises(DeployError, match="wrote nothing"):
        deploy(project, remote=str(tmp_path / "remote.git"), builder=fake_builder({}), log=lambda _: None)
    assert run("git", "for-each-ref", cwd=tmp_path / "remote.git") == ""


def test_refuses_a_site_without_articles(project: FakeSettings, tmp_path: Path) -> None:
    # Every source failed, or --content named the wrong folder: the live site must stay.
    with pytest.raises(DeployError, match="published no article"):
        deploy(project, remote=str(tmp_path / "remote.git"),
               builder=fake_builder(SITE, FakeResult(written=tuple(SITE), articles=0)), log=lambda _: None)
    assert run("git", "for-each-ref", cwd=tmp_path / "remote.git") == ""


def test_refuses_an_output_folder_the_build_did_not_mark(project: FakeSettings, tmp_path: Path) -> None:
    def unmarked(settings: FakeSettings) -> FakeResult:
        (settings.out_dir / "index.html").parent.mkdir(parents=True, exist_ok=True)
        (settings.out_dir / "index.html").write_text("x")
        return FakeResult()

    with pytest.raises(DeployError, match="mark"):
        deploy(project, remote=str(tmp_path / "remote.git"), builder=unmarked, log=lambda _: None)
    assert run("git", "for-each-ref", cwd=tmp_path / "remote.git") == ""


def test_refuses_a_site_without_a_home_page(project: FakeSettings, tmp_path: Path) -> None:
    with pytest.raises(DeployError, match=r"index\.html is missing"):
        deploy(project, remote=str(tmp_path / "remote.git"), builder=fake_builder({"a.html": "x"}),
               log=lambda _: None)


def test_warns_about_uncommitted_changes(project: FakeSettings, tmp_path: Path) -> None:
    (project.content_dir / "articles" / "a.md").write_text("edited\n")
    lines: list[str] = []
    deploy(project, remote=str(tmp_path / "remote.git"), builder=fake_builder(SITE), log=lines.append)
    assert any(line.startswith("warning: 1 uncommitted change") for line in lines)
    assert "uncommitted" in run("git", "log", "-1", "--format=%s", "gh-pages", cwd=tmp_path / "remote.git")


def test_an_unreachable_remote_is_a_clear_error(project: FakeSettings, tmp_path: Path) -> None:
    with pytest.raises(DeployError, match="cannot reach remote 'nowhere'"):
        deploy(project, remote="nowhere", builder=fake_builder(SITE), log=lambda _: None)


def test_not_a_repository(tmp_path: Path) -> None:
    settings = FakeSettings(content_dir=tmp_path / "content", out_dir=tmp_path / "_site",
                            config_path=tmp_path / "site.yaml")
    with pytest.raises(DeployError, match="not inside a git repository"):
        deploy(settings, builder=fake_builder(SITE), log=lambda _: None)


def test_no_push_commits_locally_only(project: FakeSettings, tmp_path: Path) -> None:
    deploy(project, remote=str(tmp_path / "remote.git"), push=False, builder=fake_builder(SITE),
           log=lambda _: None)
    root = project.config_path.parent
    assert ".nojekyll" in git_tree(root, "gh-pages")
    assert run("git", "for-each-ref", cwd=tmp_path / "remote.git") == ""
    # The work tree and index were never touched.
    assert run("git", "status", "--porcelain", "--untracked-files=no", cwd=root) == ""
    assert run("git", "rev-parse", "--abbrev-ref", "HEAD", cwd=root).strip() == "main"


def test_commit_message_names_the_source() -> None:
    text = commit_message("0123456789abcdef" * 2 + "01234567", False, "https://u.github.io/r/")
    assert text.splitlines()[0] == "Publish site built from 0123456789ab"
    assert "Source commit: 0123456789abcdef" in text


# --- the branch must not hold the project's sources ---------------------------------


def refs(repo: Path) -> str:
    return run("git", "for-each-ref", "--format=%(refname) %(objectname)", cwd=repo)


def test_refuses_the_checked_out_branch(project: FakeSettings, tmp_path: Path) -> None:
    # Publishing to it moved the branch under the work tree and orphaned unpushed commits.
    root = project.config_path.parent
    before = refs(root), refs(tmp_path / "remote.git")
    builder = fake_builder(SITE)
    with pytest.raises(DeployError, match="checked out"):
        deploy(project, remote=str(tmp_path / "remote.git"), branch="main", builder=builder,
               log=lambda _: None)
    assert (refs(root), refs(tmp_path / "remote.git")) == before
    assert builder.seen == []  # refused before building
    assert run("git", "status", "--porcelain", cwd=root) == ""


def test_refuses_a_branch_sharing_the_sources_history(project: FakeSettings, tmp_path: Path) -> None:
    root = project.config_path.parent
    run("git", "branch", "dev", cwd=root)
    before = refs(root)
    with pytest.raises(DeployError, match="holds the project's sources"):
        deploy(project, remote=str(tmp_path / "remote.git"), branch="dev", builder=fake_builder(SITE),
               log=lambda _: None)
    assert refs(root) == before


def test_refuses_a_branch_holding_the_config_file(project: FakeSettings, tmp_path: Path) -> None:
    # An unrelated history holding a copy of the project is still the project's sources.
    root = project.config_path.parent
    run("git", "checkout", "-q", "--orphan", "copy", cwd=root)
    run("git", "commit", "-q", "-m", "a copy", cwd=root)
    run("git", "checkout", "-q", "main", cwd=root)
    before = refs(root)
    with pytest.raises(DeployError, match="holds the project's sources"):
        deploy(project, remote=str(tmp_path / "remote.git"), branch="copy", builder=fake_builder(SITE),
               log=lambda _: None)
    assert refs(root) == before


def test_refuses_a_remote_branch_holding_the_sources(project: FakeSettings, tmp_path: Path) -> None:
    root, remote = project.config_path.parent, tmp_path / "remote.git"
    run("git", "push", "-q", str(remote), "main:refs/heads/published", cwd=root)
    before = refs(root), refs(remote)
    with pytest.raises(DeployError, match="holds the project's sources"):
        deploy(project, remote=str(remote), branch="published", builder=fake_builder(SITE),
               log=lambda _: None)
    assert (refs(root), refs(remote)) == before
