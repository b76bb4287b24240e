"""``build.py deploy``: build for production and publish ``out_dir`` to a gh-pages branch.

    check the project is a git repository, and that the branch does not hold
      its sources (checked out, sharing their history, or holding site.yaml)
    -> warn about uncommitted changes
    -> build with the production base_url (no live reload)
    -> refuse a failed build, one without articles, or an output folder the build did not make
    -> bring the local branch level with the remote's (checked like the local one first)
    -> ghp-import: one commit holding exactly out_dir + .nojekyll (+ CNAME)
    -> drop that commit again if its tree equals its parent's (nothing changed)
    -> push that one branch, never forced

ghp-import (what MkDocs uses) writes the commit with ``git fast-import``, so
the work tree and index are never touched.  The gh-pages commit carries the
source commit's date, not the clock's, and names the source commit.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import GeneratorError
from generator.outdir import MARK, is_marked

if TYPE_CHECKING:
    from generator.site.builder import BuildSettings


class DeployError(GeneratorError):
    """Publishing was refused or failed; nothing was pushed."""


Log = Callable[[str], None]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# --- wiring: the only calls into the other stages ----------------------------


def _build(settings: BuildSettings) -> Any:
    from generator.site.builder import build_site

    return build_site(settings, None)


def _config(settings: BuildSettings) -> Any:
    from generator.config import load_config

    return load_config(settings.config_path)


def production_settings(settings: BuildSettings) -> BuildSettings:
    """The CLI's --base-url wins over site.yaml's; never the live-reload client."""
    return dataclasses.replace(settings, live_reload=False)


# --- git ---------------------------------------------------------------------


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    if check and done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise DeployError(f"git {args[0]} failed: {detail[-1] if detail else 'no output'}")
    return done


def repository_root(start: Path) -> Path:
    done = git(start, "rev-parse", "--show-toplevel", check=False)
    if done.returncode != 0:
        raise DeployError(f"{start.resolve()} is not inside a git repository",
                          hint="deploy publishes to a branch of the project's repository; run git init")
    return Path(done.stdout.strip())


def source_commit(repo: Path) -> tuple[str, str]:
    """(sha, RFC 2822 committer date) of HEAD: the gh-pages commit is named and dated after it."""
    done = git(repo, "log", "-1", "--format=%H%n%cD", check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise DeployError("the repository has no commit yet", hint="commit the site's sources first")
    sha, date = done.stdout.strip().splitlines()
    return sha, date


def uncommitted(repo: Path, out_dir: Path) -> tuple[str, ...]:
    """Changed or untracked files, leaving out the build's own output folder."""
    pathspec = ["--", "."]
    out = out_dir.resolve()
    if out.is_relative_to(repo.resolve()) and out != repo.resolve():
        pathspec.append(f":(exclude){out.relative_to(repo.resolve()).as_posix()}")
    done = git(repo, "status", "--porcelain", *pathspec)
    return tuple(line for line in done.stdout.splitlines() if line.strip())


def remote_head(repo: Path, remote: str, branch: str) -> str | None:
    """The remote branch's commit, None when it has no such branch; a remote that
    cannot be reached is an error (a name, a path or a URL all work)."""
    done = git(repo, "ls-remote", "--heads", remote, f"refs/heads/{branch}", check=False)
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        raise DeployError(f"cannot reach remote {remote!r}: {detail[-1] if detail else 'unknown error'}",
                          hint="--remote takes a remote name, a path or a URL")
    for line in done.stdout.splitlines():
        sha, _, ref = line.partition("\t")
        if ref == f"refs/heads/{branch}":
            return sha
    return None


def level_with_remote(repo: Path, remote: str, branch: str, head: str, config_path: Path) -> None:
    """Make the local branch the remote's, so the new commit goes on top and the push fast-forwards.

    ghp-import only does this for a remote *name* with a remote-tracking ref;
    fetching by ref works for paths and URLs too.  The fetched commit is
    checked before the local branch is moved to it.
    """
    git(repo, "fetch", "--quiet", remote, f"refs/heads/{branch}")
    _refuse_sources(repo, f"{remote} {branch}", head, config_path)
    git(repo, "update-ref", f"refs/heads/{branch}", head)


def checked_out_branches(repo: Path) -> set[str]:
    """The branches checked out in this repository's work trees (the main one and any added)."""
    done = git(repo, "worktree", "list", "--porcelain")
    prefix = "branch refs/heads/"
    return {line[len(prefix):] for line in done.stdout.splitlines() if line.startswith(prefix)}


def _refuse_sources(repo: Path, name: str, tip: str, config_path: Path) -> None:
    """A branch whose history is the sources', or whose tree holds the config file, is not for the site:
    ghp-import would put the site on top of it."""
    shared = git(repo, "merge-base", "HEAD", tip, check=False).returncode == 0
    config = config_path.resolve()
    held = False
    if config.is_relative_to(repo.resolve()):
        path = config.relative_to(repo.resolve()).as_posix()
        held = bool(git(repo, "ls-tree", "--name-only", tip, "--", path, check=False).stdout.strip())
    if shared or held:
        raise DeployError(f"branch {name} holds the project's sources; publishing there would put the site "
                          "on top of them", hint="publish to a branch of its own, such as --branch gh-pages")


def check_branch(settings: BuildSettings, branch: str) -> Path:
    """Refuse a branch that holds the project's sources, before any work; returns the repository."""
    repo = repository_root(settings.config_path.resolve().parent)
    if branch in checked_out_branches(repo):
        raise DeployError(f"branch {branch} is checked out; publishing there would replace your sources "
                          "with the site", hint="publish to a branch of its own, such as --branch gh-pages")
    tip = branch_commit(repo, branch)
    if tip is not None:
        _refuse_sources(repo, branch, tip, settings.config_path)
    return repo


def branch_commit(repo: Path, branch: str) -> str | None:
    done = git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False)
    return done.stdout.strip() or None


def changed_paths(repo: Path, old: str, new: str) -> tuple[str, ...]:
    done = git(repo, "diff", "--name-only", "--no-renames", old, new)
    return tuple(line for line in done.stdout.splitlines() if line)


#: Output that differs between runs on identical input.  Pagefind's filter and
#: meta indexes get new hashed names on every run (Pagefind issue #638); built
#: from byte-identical HTML, the published index is still the right one.
VOLATILE_PREFIXES = ("pagefind/",)


def only_volatile(paths: tuple[str, ...]) -> bool:
    return all(path.startswith(VOLATILE_PREFIXES) for path in paths)


# --- checks on the build -------------------------------------------------------


def check_output(out_dir: Path, articles: int) -> int:
    """Refuse to publish what is not a built site; returns the number of files."""
    out = out_dir.resolve()
    if not out.is_dir():
        raise DeployError(f"{out_dir} does not exist after the build; nothing to publish")
    if out_dir.is_symlink() or not is_marked(out):
        raise DeployError(f"{out_dir} is not a folder the build made (no {MARK} mark); not publishing it",
                          hint="--out must name the build's own folder, such as _site")
    if articles == 0:
        raise DeployError("the build published no article; refusing to replace the live site with an "
                          "empty one", hint="run `python build.py` and fix what it reports")
    files = [p for p in out.rglob("*") if p.is_file() and p != out / MARK]
    if not files:
        raise DeployError(f"the build wrote nothing to {out_dir}; refusing to publish an empty site")
    if not (out / "index.html").is_file():
        raise DeployError(f"{out_dir}/index.html is missing; refusing to publish a site without a home page")
    return len(files)


def commit_message(sha: str, dirty: bool, base_url: str | None) -> str:
    state = " (with uncommitted changes)" if dirty else ""
    lines = [f"Publish site built from {sha[:12]}{state}", "", f"Source commit: {sha}"]
    if base_url:
        lines.append(f"Base URL: {base_url}")
    return "\n".join(lines)


@contextlib.contextmanager
def _inside(repo: Path, env: dict[str, str]) -> Iterator[None]:
    """ghp-import runs git in the working directory and reads the committer from the environment."""
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        with contextlib.chdir(repo):
            yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def import_site(repo: Path, out_dir: Path, remote: str, branch: str, message: str, date: str,
                cname: str | None) -> None:
    import ghp_import

    env = {"GIT_COMMITTER_DATE": date}
    if not git(repo, "config", "user.name", check=False).stdout.strip():
        env.setdefault("GIT_COMMITTER_NAME", "briefing-generator")
    if not git(repo, "config", "user.email", check=False).stdout.strip():
        env.setdefault("GIT_COMMITTER_EMAIL", "briefing-generator@localhost")
    before = branch_commit(repo, branch)
    with _inside(repo, env):
        try:
            # ghp-import rebases only onto a remote-tracking ref (none for a path or
            # URL); level_with_remote has already done that for every kind of remote.
            ghp_import.ghp_import(str(out_dir.resolve()), mesg=message, branch=branch, remote=remote,
                                  push=False, nojekyll=True, cname=cname, no_history=False)
        except ghp_import.GhpError as exc:
            raise DeployError(f"ghp-import: {exc.message}") from exc
    if branch_commit(repo, branch) in (None, before):
        raise DeployError(f"ghp-import did not create a commit on {branch}")


# --- the command -----------------------------------------------------------------


def deploy(settings: BuildSettings, remote: str = "origin", branch: str = "gh-pages",
           message: str | None = None, push: bool = True, *, log: Log = _stderr,
           builder: Callable[[BuildSettings], Any] = _build) -> int:
    """Build for production and publish to ``branch`` of ``remote``; 0 when published or unchanged.

    Raises :class:`DeployError` (or another :class:`GeneratorError`) with the
    reason when it refuses; nothing is pushed then.
    """
    repo = check_branch(settings, branch)
    settings = production_settings(settings)
    config = _config(settings)
    sha, date = source_commit(repo)
    dirty = uncommitted(repo, settings.out_dir)
    if dirty:
        log(f"warning: {len(dirty)} uncommitted change(s) in {repo}; the site is built from the working "
            f"tree, but the gh-pages commit can only name {sha[:12]}")

    result = builder(settings)
    for warning in result.warnings:
        log(f"warning: {warning}")
    for error in result.errors:
        log(f"error: {error}")
    if not result.ok:
        raise DeployError(f"the build failed with {len(result.errors)} error(s); nothing was published")
    count = check_output(settings.out_dir, result.articles)

    head = remote_head(repo, remote, branch) if push or _is_configured(repo, remote) else None
    if head is not None:
        level_with_remote(repo, remote, branch, head, settings.config_path)
    parent = branch_commit(repo, branch)
    cname = config.custom_domain if not (settings.out_dir / "CNAME").exists() else None
    base_url = settings.base_url or getattr(config, "base_url", None)
    import_site(repo, settings.out_dir, remote, branch,
                message or commit_message(sha, bool(dirty), base_url), date, cname)
    new = branch_commit(repo, branch)
    assert new is not None
    if parent is not None and only_volatile(changed_paths(repo, parent, new)):
        # The site is the same as the last commit: another would only add noise.
        git(repo, "update-ref", f"refs/heads/{branch}", parent, new)
        new = parent
        log(f"deploy: the site is unchanged since {parent[:12]} on {branch}; no new commit")
    else:
        log(f"deploy: committed {count} files to {branch} ({new[:12]}) from {sha[:12]}")
    if push and head != new:
        # Only the one branch, never forced: a diverged remote is for a person to look at.
        done = git(repo, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}", check=False)
        if done.returncode != 0:
            detail = done.stderr.strip().splitlines()
            raise DeployError(f"push to {remote} failed: {detail[-1] if detail else 'unknown error'}")
        log(f"deploy: pushed {branch} to {remote}")
    elif push:
        log(f"deploy: {remote} already has it; nothing pushed")
    return 0


def _is_configured(repo: Path, remote: str) -> bool:
    return git(repo, "remote", "get-url", remote, check=False).returncode == 0
