"""A build with no state in memory (``python build.py``) uses the record the last one left in ``.cache/``.

It must write nothing when nothing changed, write only the pages an edit
touches, and always leave the output folder byte for byte what a cold build
gives, whatever happened to the cache or the output folder in between.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.site import builder, cache
from generator.site.render import BUILTIN_TEMPLATES
from tests.site_helpers import build, copy_fixture, tree

#: Inputs older than the build's racy window, so that their stat can be trusted.
OLD = 1_600_000_000


def _age(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (OLD, OLD), follow_symlinks=False)


def _stats(root: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in root.rglob("*") if p.is_file()}


def _article(content: Path, index: int = 0) -> Path:
    return sorted((content / "articles").glob("*.md"))[index]


def _edit_body(content: Path) -> None:
    path = _article(content)
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added by hand.\n", encoding="utf-8")


def _edit_title(content: Path) -> None:
    path = _article(content)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")


def _edit_actors(content: Path) -> None:
    path = content / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: ", "name: Renamed ", 1), encoding="utf-8")


def _edit_config(content: Path) -> None:
    path = content / "site.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Another ", 1), encoding="utf-8")


def _delete_article(content: Path) -> None:
    _article(content, -1).unlink()


def _add_article(content: Path) -> None:
    source = _article(content)
    (content / "articles" / ("copy-" + source.name)).write_text(
        source.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Copy of ", 1), encoding="utf-8")


def _add_static(content: Path) -> None:
    (content / "static").mkdir(exist_ok=True)
    (content / "static" / "extra.css").write_text("body { color: black; }\n", encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "article body": _edit_body, "article title": _edit_title, "actors.yaml": _edit_actors,
    "site.yaml": _edit_config, "article deleted": _delete_article, "article added": _add_article,
    "static file added": _add_static,
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    content = copy_fixture(tmp_path)
    _age(content)
    return content


def test_a_build_with_nothing_changed_writes_nothing_and_plans_nothing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, cache_dir = tmp_path / "site", tmp_path / ".cache"
    first = build(project, out, cache_dir=cache_dir)
    assert first.ok and first.written
    before = _stats(out)

    def no_build(*args: object) -> object:
        raise AssertionError("built again although nothing changed")

    monkeypatch.setattr(builder, "_build", no_build)
    again = build(project, out, cache_dir=cache_dir)
    assert again.ok and again.written == () and again.removed == ()
    assert again.articles == first.articles
    assert _stats(out) == before  # not one file touched


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_after_an_edit_a_warm_build_gives_what_a_cold_build_gives(
    project: Path, tmp_path: Path, edit: str
) -> None:
    out, cache_dir = tmp_path / "site", tmp_path / ".cache"
    cold_before = build(project, out, cache_dir=cache_dir)
    assert cold_before.ok
    EDITS[edit](project)
    warm = build(project, out, cache_dir=cache_dir)
    cold = build(project, tmp_path / "cold")
    assert warm.ok == cold.ok
    assert tree(out) == tree(tmp_path / "cold")
    assert set(warm.written) < set(cold.written)  # never everything: the unchanged pages stay as they are
    # And a third build, with the edit older than the racy window, does nothing.
    _age(project)
    assert build(project, out, cache_dir=cache_dir).written == ()


def test_a_body_edit_writes_only_its_article_page(project: Path, tmp_path: Path) -> None:
    out, cache_dir = tmp_path / "site", tmp_path / ".cache"
    build(project, out, cache_dir=cache_dir)
    _edit_body(project)
    warm = build(project, out, cache_dir=cache_dir)
    assert warm.written == (f"articles/{_article(project).stem}/index.html",)


def test_a_template_edit_renders_only_the_pages_using_it(project: Path, tmp_path: Path) -> None:
    out, cache_dir, theme = tmp_path / "site", tmp_path / ".cache", tmp_path / "theme"
    theme.mkdir()
    shutil.copy(BUILTIN_TEMPLATES / "actor.html", theme / "actor.html")
    first = build(project, out, cache_dir=cache_dir, template_dirs=(theme,))
    path = theme / "actor.html"
    path.write_text(path.read_text(encoding="utf-8").replace("{% endblock", "<!-- edited -->{% endblock", 1),
                    encoding="utf-8")
    warm = build(project, out, cache_dir=cache_dir, template_dirs=(theme,))
    actor_pages = {p for p in first.written
                   if p.startswith("actors/") and p.count("/") == 2 and p.endswith("/index.html")}
    assert actor_pages and set(warm.written) == actor_pages
    build(project, tmp_path / "cold", template_dirs=(theme,))
    assert tree(out) == tree(tmp_path / "cold")


def _delete_page(out: Path) -> None:
    next(p for p in sorted(out.rglob("index.html")) if "articles" in p.parts).unlink()


def _change_page(out: Path) -> None:
    page = next(p for p in sorted(out.rglob("index.html")) if "articles" in p.parts)
    page.write_text("changed by hand", encoding="utf-8")


def _add_stray(out: Path) -> None:
    (out / "articles" / "stray.html").write_text("not the build's", encoding="utf-8")


def _corrupt_record(out: Path) -> None:
    for record in (out.parent / ".cache").glob("build-*.pickle"):
        record.write_bytes(b"\x80\x05not a pickle at all")
    _change_page(out)


def _foreign_record(out: Path) -> None:
    for record in (out.parent / ".cache").glob("build-*.pickle"):
        record.write_bytes(pickle.dumps(os.path.join))  # a class or function: never constructed
    _change_page(out)


def _old_record(out: Path) -> None:
    for record in (out.parent / ".cache").glob("build-*.pickle"):
        data = pickle.loads(record.read_bytes())
        record.write_bytes(pickle.dumps({**data, "version": "an older generator"}))
    _change_page(out)


TAMPERING: dict[str, Callable[[Path], None]] = {
    "page deleted": _delete_page, "page changed": _change_page, "stray file": _add_stray,
    "corrupt record": _corrupt_record, "foreign record": _foreign_record, "old record": _old_record,
}


@pytest.mark.parametrize("what", sorted(TAMPERING))
def test_a_changed_output_folder_or_cache_is_rebuilt_as_a_cold_build_would(
    project: Path, tmp_path: Path, what: str
) -> None:
    out, cache_dir = tmp_path / "site", tmp_path / ".cache"
    build(project, out, cache_dir=cache_dir)
    TAMPERING[what](out)
    warm = build(project, out, cache_dir=cache_dir)
    build(project, tmp_path / "cold")
    assert warm.ok and warm.written
    assert tree(out) == tree(tmp_path / "cold")


def test_a_record_constructs_no_object(tmp_path: Path) -> None:
    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (print, ("ran",))

    folder, out = tmp_path / ".cache", tmp_path / "site"
    folder.mkdir()
    planted = pickle.dumps({"version": cache.code_version(), "x": Boom()})
    (folder / cache.record_name(out)).write_bytes(planted)
    assert cache.load_build_record(folder, out) is None
