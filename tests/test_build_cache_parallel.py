"""The persistent parse cache and rendering in worker processes change how fast, never what."""

from __future__ import annotations

import errno
import os
import pickle
import threading
from pathlib import Path

import pytest

from generator import executor
from generator.site import builder, cache, events, load, workers
from generator.site.render import BUILTIN_TEMPLATES
from tests.site_helpers import build, copy_fixture, tree


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "articles").glob("*.pickle"))


@pytest.fixture
def parallel_render(monkeypatch: pytest.MonkeyPatch) -> list[bool | str]:
    """Render the tiny fixture in two workers; the list says, build by build, whether it did."""
    # Workers are forked only from a process running no other thread (generator/executor.py): a
    # thread left by an earlier test (Playwright's driver watcher lives as long as the session's
    # browser) would turn every test here into a serial build, so say so rather than fail obscurely.
    others = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    assert not others, f"an earlier test left threads running, so no worker can be forked: {others}"
    monkeypatch.setattr(builder, "RENDER_PARALLEL_MIN", 1)
    monkeypatch.setattr(executor, "cpus", lambda: 2)
    forked: list[bool | str] = []
    real = builder._render_in_parts

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            done = real(*args, **kwargs)
        except Exception:
            forked.append("raised")
            raise
        forked.append(done)
        return done

    monkeypatch.setattr(builder, "_render_in_parts", counted)
    return forked


# --- the article cache ---------------------------------------------------------------


def test_a_second_cold_build_reads_the_cache_and_not_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, cache_dir = copy_fixture(tmp_path), tmp_path / "cache"
    first = build(content, tmp_path / "one", cache_dir=cache_dir)
    assert first.ok and len(_entries(cache_dir)) == 3

    def no_parsing(text: str, path: str) -> object:
        raise AssertionError(f"parsed {path} again")

    monkeypatch.setattr(load, "read_article", no_parsing)
    second = build(content, tmp_path / "two", cache_dir=cache_dir)
    assert second.ok
    assert tree(tmp_path / "two") == tree(tmp_path / "one")


def test_a_second_cold_build_merges_no_events_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content, cache_dir = copy_fixture(tmp_path), tmp_path / "cache"
    assert build(content, tmp_path / "one", cache_dir=cache_dir).ok
    assert len(list(cache_dir.glob("merge-*.pickle"))) == 1

    def no_merging(items: object) -> object:
        raise AssertionError("merged a bucket again")

    monkeypatch.setattr(events, "_merge_bucket", no_merging)
    assert build(content, tmp_path / "two", cache_dir=cache_dir).ok
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    (cache_dir / next(cache_dir.glob("merge-*.pickle")).name).write_bytes(b"garbage")
    with pytest.raises(AssertionError, match="merged a bucket again"):
        build(content, tmp_path / "three", cache_dir=cache_dir)


def test_an_edited_article_misses_the_cache_and_the_stale_entry_goes(tmp_path: Path) -> None:
    content, cache_dir = copy_fixture(tmp_path), tmp_path / "cache"
    build(content, tmp_path / "one", cache_dir=cache_dir)
    before = set(_entries(cache_dir))
    path = content / "articles" / "2025-03-05-south-answers.md"
    path.write_text(path.read_text().replace("South answers North on sea lanes", "South replies"))
    result = build(content, tmp_path / "two", cache_dir=cache_dir)
    assert result.ok
    page = tmp_path / "two" / "articles" / "2025-03-05-south-answers" / "index.html"
    assert "South replies" in page.read_text()
    after = set(_entries(cache_dir))
    assert len(after) == 3 and len(after - before) == 1  # the old parse was removed, the new one kept
    assert tree(tmp_path / "two") == tree(_fresh(content, tmp_path / "fresh"))


def test_a_deleted_article_takes_its_entry_with_it(tmp_path: Path) -> None:
    content, cache_dir = copy_fixture(tmp_path), tmp_path / "cache"
    build(content, tmp_path / "one", cache_dir=cache_dir)
    (content / "articles" / "undated-fish-quota-note.md").unlink()
    assert build(content, tmp_path / "two", cache_dir=cache_dir).ok
    assert len(_entries(cache_dir)) == 2


class _Planted:
    """What an attacker would plant: unpickling it calls os.system."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_or_corrupt_entry_is_a_miss_and_runs_nothing(tmp_path: Path) -> None:
    content, cache_dir = copy_fixture(tmp_path), tmp_path / "cache"
    build(content, tmp_path / "one", cache_dir=cache_dir)
    entries = _entries(cache_dir)
    marker = tmp_path / "pwned"
    entries[0].write_bytes(pickle.dumps(_Planted(marker)))
    entries[1].write_bytes(entries[1].read_bytes()[:40])
    entries[2].write_bytes(pickle.dumps({"title": "not an article"}))
    result = build(content, tmp_path / "two", cache_dir=cache_dir)
    assert result.ok and not marker.exists()
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    # Each was parsed again and stored in place of what was there.
    stored = cache.ArticleCache(cache_dir)
    assert all(isinstance(stored.get(p.stem), load.Article) for p in _entries(cache_dir))


def test_a_cache_folder_that_cannot_be_made_is_no_cache(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go\n")
    result = build(content, tmp_path / "one", cache_dir=blocker)
    assert result.ok and not result.errors
    assert tree(tmp_path / "one") == tree(_fresh(content, tmp_path / "fresh"))


@pytest.mark.parametrize("linked", ["cache", "cache/articles"])
def test_a_cache_folder_that_is_a_symbolic_link_is_no_cache(tmp_path: Path, linked: str) -> None:
    """Pruning through a link would delete files wherever it points (a cloned repo can hold one)."""
    content = copy_fixture(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.pickle").write_bytes(b"not the cache's")
    (tmp_path / "cache").mkdir(exist_ok=linked != "cache")
    if linked == "cache":
        (tmp_path / "cache").rmdir()
    os.symlink(victim, tmp_path / linked)
    assert build(content, tmp_path / "one", cache_dir=tmp_path / "cache").ok
    assert sorted(os.listdir(victim)) == ["precious.pickle"]
    assert tree(tmp_path / "one") == tree(_fresh(content, tmp_path / "fresh"))


def test_an_entry_that_is_a_link_or_a_fifo_is_a_miss(tmp_path: Path) -> None:
    content, cache_dir = copy_fixture(tmp_path), tmp_path / "cache"
    build(content, tmp_path / "one", cache_dir=cache_dir)
    entries = _entries(cache_dir)
    entries[0].unlink()
    os.mkfifo(entries[0])  # reading it would wait forever
    entries[1].unlink()
    os.symlink(tmp_path / "one" / "index.html", entries[1])
    assert build(content, tmp_path / "two", cache_dir=cache_dir).ok
    assert tree(tmp_path / "two") == tree(tmp_path / "one")


def test_the_key_changes_with_the_name_the_text_and_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.entry_key("a/x.md", "text")
    assert key == cache.entry_key("elsewhere/x.md", "text")  # moving the project keeps the cache
    assert key != cache.entry_key("a/y.md", "text")  # the slug is the file's name
    assert key != cache.entry_key("a/x.md", "text.")
    monkeypatch.setattr(cache, "_VERSION", "another parser")
    assert key != cache.entry_key("a/x.md", "text")


def test_articles_parsed_in_workers_are_stored_by_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "PARALLEL_MIN", 1)
    monkeypatch.setattr(executor, "cpus", lambda: 2)
    content, cache_dir = copy_fixture(tmp_path), tmp_path / "cache"
    assert build(content, tmp_path / "one", cache_dir=cache_dir).ok
    assert len(_entries(cache_dir)) == 3


# --- rendering in worker processes -----------------------------------------------------


def test_pages_rendered_in_workers_are_the_serial_build_byte_for_byte(
    tmp_path: Path, parallel_render: list[bool | str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_fixture(tmp_path)
    theme = tmp_path / "theme"
    theme.mkdir()
    parallel = build(content, tmp_path / "parallel")
    assert parallel_render == [True]
    parallel_render.clear()
    monkeypatch.setattr(builder, "RENDER_PARALLEL_MIN", 10**9)
    serial = build(content, tmp_path / "serial")
    assert parallel_render == [False]
    assert parallel.written == serial.written
    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")

    # A template edit plans every page again, incrementally: in workers too, with the same result.
    monkeypatch.setattr(builder, "RENDER_PARALLEL_MIN", 1)
    (theme / "macros.html").write_text(
        (BUILTIN_TEMPLATES / "macros.html").read_text().replace('class="event-text"', 'class="event-text x"')
    )
    again = build(content, tmp_path / "parallel", parallel.state, template_dirs=(theme,))
    assert parallel_render == [False, True]
    assert again.ok and "chronology/index.html" in again.written
    fresh = _fresh(content, tmp_path / "fresh", template_dirs=(theme,))
    assert tree(tmp_path / "parallel") == tree(fresh)
    assert not list((tmp_path / "parallel").rglob(".tmp-*"))


def test_a_template_error_in_a_worker_stops_the_build_and_keeps_the_old_site(
    tmp_path: Path, parallel_render: list[bool | str]
) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    before = tree(out)
    theme = tmp_path / "theme"
    theme.mkdir()
    # Compiles (so the check before rendering passes) but fails on every article page.
    (theme / "article.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ no_such_value }}{% endblock %}"
    )
    result = build(content, out, first.state, template_dirs=(theme,))
    assert parallel_render == [True, "raised"]
    assert not result.ok and "article.html" in str(result.errors[-1])
    assert "no_such_value" in str(result.errors[-1])
    assert tree(out) == before
    assert not list(out.rglob(".tmp-*"))


def test_a_worker_that_dies_leaves_the_work_to_the_builder(
    tmp_path: Path, parallel_render: list[bool | str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_fixture(tmp_path)
    expected = _fresh(content, tmp_path / "expected")
    parent = os.getpid()
    real = builder._render

    def dies_in_a_worker(*args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer would
        return real(*args, **kwargs)

    monkeypatch.setattr(builder, "_render", dies_in_a_worker)
    result = build(content, tmp_path / "out")
    assert parallel_render == [True, False]  # the expected site's build; this one's workers died
    assert result.ok
    assert tree(tmp_path / "out") == tree(expected)


def test_a_worker_that_dies_half_way_leaves_no_temporary_file_in_the_live_site(
    tmp_path: Path, parallel_render: list[bool | str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An incremental build writes beside the live pages: a dead worker's half-written files must go."""
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    first = build(content, out)
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "macros.html").write_text(
        (BUILTIN_TEMPLATES / "macros.html").read_text().replace('class="event-text"', 'class="event-text x"')
    )
    parent, real, pages = os.getpid(), builder.render_chunks, [0]

    def dies_on_its_third_page(env, page):  # type: ignore[no-untyped-def]
        pages[0] += 1
        if os.getpid() != parent and pages[0] == 3:
            yield b"half a page"
            os._exit(9)
        yield from real(env, page)

    monkeypatch.setattr(builder, "render_chunks", dies_on_its_third_page)
    result = build(content, out, first.state, template_dirs=(theme,))
    assert parallel_render == [True, False]
    assert result.ok and not list(out.rglob(".tmp-*"))
    assert tree(out) == tree(_fresh(content, tmp_path / "fresh", template_dirs=(theme,)))


def test_workers_that_cannot_be_forked_leave_the_work_to_the_builder(
    tmp_path: Path, parallel_render: list[bool | str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_fixture(tmp_path)
    expected = _fresh(content, tmp_path / "expected")

    def no_fork() -> int:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    result = build(content, tmp_path / "out")
    assert parallel_render == [True, False]
    assert result.ok and tree(tmp_path / "out") == tree(expected)


def _fresh(content: Path, out: Path, **options: object) -> Path:
    assert build(content, out, **options).ok
    return out
