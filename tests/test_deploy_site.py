"""deploy() with the real ingest and builder, to a local bare repository.

The gh-pages branch must hold exactly the built site plus .nojekyll, every
internal link and anchor in it must resolve under the configured sub-path (as
GitHub Pages would serve it), and deploying unchanged content again must add
nothing.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.deploy import deploy

REPO = Path(__file__).resolve().parent.parent
BASE_URL = "https://user.github.io/briefing/"

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path) -> str:
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True).stdout


def branch_files(repo: Path, ref: str) -> dict[str, bytes]:
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=repo, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


def disk_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") and not (tag == "link" and ("rel", "canonical") in attrs):
                self.links.append(value)
            if name == "id":
                self.ids.add(value)


def broken_links(files: dict[str, bytes], base_url: str) -> list[str]:
    """Every internal link and #anchor of the site as served from ``base_url``'s path."""
    base = urlsplit(base_url)
    parsed: dict[str, _Links] = {}
    for name, data in files.items():
        if name.endswith(".html"):
            parser = _Links()
            parser.feed(data.decode("utf-8"))
            parsed[name] = parser

    def target(url_path: str) -> str | None:
        if not url_path.startswith(base.path):
            return None  # outside the sub-path: a 404 on GitHub Pages
        rel = unquote(url_path[len(base.path):])
        for candidate in (rel, rel.rstrip("/") + "/index.html" if rel else "index.html"):
            if candidate in files:
                return candidate
        return None

    problems = []
    for name, parser in sorted(parsed.items()):
        page_url = base.path + (name[: -len("index.html")] if name.endswith("index.html") else name)
        for link in parser.links:
            parts = urlsplit(urljoin(f"{base.scheme}://{base.netloc}{page_url}", link))
            if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
                continue  # external, mailto:, data:
            found = target(parts.path)
            if found is None:
                problems.append(f"{name}: {link} -> no such file")
            elif parts.fragment and found in parsed and unquote(parts.fragment) not in parsed[found].ids:
                problems.append(f"{name}: {link} -> no #{parts.fragment} in {found}")
    return problems


@pytest.fixture
def project(tmp_path: Path) -> Any:
    from generator.site.builder import BuildSettings

    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content",
                    ignore=shutil.ignore_patterns("articles", "ingest-report.md"))
    (root / "content" / "articles").mkdir()
    (root / "site.yaml").write_text(f"title: Deploy test\nbase_url: {BASE_URL}\n")
    from generator.ingest.run import ingest_content

    ingest_content(root / "content")
    run("git", "init", "-q", "-b", "main", cwd=root)
    run("git", "config", "user.name", "Tester", cwd=root)
    run("git", "config", "user.email", "tester@example.org", cwd=root)
    (root / ".gitignore").write_text("_site/\n")
    run("git", "add", "-A", cwd=root)
    run("git", "commit", "-q", "-m", "content", cwd=root)
    run("git", "init", "-q", "--bare", str(tmp_path / "remote.git"), cwd=tmp_path)
    run("git", "remote", "add", "origin", str(tmp_path / "remote.git"), cwd=root)
    return BuildSettings(content_dir=root / "content", out_dir=root / "_site", config_path=root / "site.yaml")


def test_deploys_exactly_the_built_site_with_working_links(project: Any, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    lines: list[str] = []
    assert deploy(project, log=lines.append) == 0
    published = branch_files(remote, "gh-pages")
    built = disk_files(project.out_dir)
    assert published == {**built, ".nojekyll": b""}
    assert "index.html" in published and any(n.startswith("articles/") for n in published)
    assert broken_links(published, BASE_URL) == []
    # Built for production: no live-reload client, links relative, the 404 page's under the sub-path.
    home = published["index.html"].decode()
    assert "livereload" not in home
    assert 'href="static/style.css"' in home and 'href="/briefing/' not in home
    assert 'href="/briefing/static/style.css"' in published["404.html"].decode()

    first = run("git", "rev-parse", "gh-pages", cwd=remote)
    assert deploy(project, log=lines.append) == 0
    assert run("git", "rev-parse", "gh-pages", cwd=remote) == first
    assert branch_files(remote, "gh-pages") == published


def test_the_base_url_option_wins_over_site_yaml(project: Any, tmp_path: Path) -> None:
    import dataclasses

    other = "https://example.github.io/other-path"
    deploy(dataclasses.replace(project, base_url=other), log=lambda _: None)
    published = branch_files(tmp_path / "remote.git", "gh-pages")
    assert broken_links(published, other + "/") == []
    assert 'href="/other-path/' in published["404.html"].decode()


def test_the_link_checker_finds_a_broken_link() -> None:
    files = {"index.html": b'<a href="/briefing/missing/">x</a><a href="/elsewhere/">y</a>'
                           b'<a href="a/#nope">z</a>', "a/index.html": b"<p id=yes></p>"}
    assert broken_links(files, BASE_URL) == [
        "index.html: /briefing/missing/ -> no such file",
        "index.html: /elsewhere/ -> no such file",
        "index.html: a/#nope -> no #nope in a/index.html",
    ]

