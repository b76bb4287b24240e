"""check_site finds broken links and anchors, and passes the built site at the root and under a sub-path."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.check import check_site
from tests.site_helpers import FIXTURE, build


@pytest.mark.parametrize("base_url", ["http://localhost:8000/", "https://user.github.io/repo/"])
def test_built_site_has_no_broken_links(tmp_path: Path, base_url: str) -> None:
    out = tmp_path / "out"
    assert build(FIXTURE, out, base_url=base_url).ok
    base_path = "/" if base_url.endswith(":8000/") else "/repo/"
    assert check_site(out, base_path) == []


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    return tmp_path


def test_reports_missing_page_and_missing_anchor(tmp_path: Path) -> None:
    root = _site(
        tmp_path,
        {
            "index.html": '<a href="/repo/a/">ok</a>\n<a href="/repo/b/">gone</a>\n'
            '<a href="/repo/a/#p-2">no</a>',
            "a/index.html": '<p id="p-1">x</p><a href="../index.html#top">up</a><a href="#p-1">self</a>',
        },
    )
    problems = check_site(root, "/repo/")
    assert problems == [
        "a/index.html:1: missing anchor #top in index.html: ../index.html#top",
        "index.html:2: broken link: /repo/b/",
        "index.html:3: missing anchor #p-2 in a/index.html: /repo/a/#p-2",
    ]


def test_flags_links_that_ignore_the_base_path_and_unsafe_schemes(tmp_path: Path) -> None:
    root = _site(
        tmp_path,
        {
            "index.html": '<a href="/a/">x</a><a href="javascript:alert(1)">y</a>'
            '<a href="https://example.org/">ext</a>'
        },
    )
    problems = check_site(root, "/repo/")
    assert len(problems) == 2
    assert "outside the site's base path" in problems[0]
    assert "scheme javascript" in problems[1]
