"""Pagefind reads only the folders whose pages carry ``data-pagefind-body``."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from generator.site.search import _command
from generator.urls import search_glob
from tests.site_helpers import build, copy_fixture


def _matches(glob: str, name: str) -> bool:
    """Pagefind's ``{a,b}/**/*.html``, spelled out for fnmatch."""
    head, rest = glob.split("}", 1)
    return any(fnmatch(name, choice + rest.replace("**/", "*")) for choice in head[1:].split(","))


def test_every_page_with_indexed_text_is_read_and_no_chronology_is(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    build(content, tmp_path / "site")
    pages = {p.relative_to(tmp_path / "site").as_posix(): p.read_text(encoding="utf-8")
             for p in (tmp_path / "site").rglob("*.html")}
    indexed = {name for name, html in pages.items() if "data-pagefind-body" in html}
    assert indexed, "the fixture site has searchable pages"
    read = {name for name in pages if _matches(search_glob(), name)}
    assert indexed <= read
    assert not any(name.startswith("chronology/") for name in read)


def test_the_command_passes_the_glob() -> None:
    command = _command(Path("site"))
    assert command[command.index("--glob") + 1] == search_glob()
