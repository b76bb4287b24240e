"""An ingest whose inputs are all as the last run left them (having written nothing) reads nothing again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.ingest import run
from generator.ingest.run import ingest_content
from tests.test_curation import STORY

OLD = 1_600_000_000


def _age(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (OLD, OLD), follow_symlinks=False)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "oslo.txt").write_text(STORY, encoding="utf-8")
    (root / "sources" / "second.txt").write_text(STORY.replace("Oslo", "Bergen"), encoding="utf-8")
    return root


def _forbid_planning(monkeypatch: pytest.MonkeyPatch) -> None:
    def planned(*args: object, **kwargs: object) -> object:
        raise AssertionError("planned again although nothing changed")

    monkeypatch.setattr(run, "plan_ingest", planned)


def test_a_second_unchanged_ingest_plans_nothing(content: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / ".cache"
    first = ingest_content(content, cache_dir=cache)
    assert first.written
    _age(content)
    full = ingest_content(content, cache_dir=cache)  # writes nothing: its report is kept
    assert not full.written and full.unchanged
    _forbid_planning(monkeypatch)
    quick = ingest_content(content, cache_dir=cache)
    assert quick.unchanged == full.unchanged and quick.written == ()
    def shown(report: run.IngestReport) -> list[tuple[object, ...]]:
        return [(a.slug, a.title, a.date, a.review) for a in report.articles]

    assert shown(quick) == shown(full)


@pytest.mark.parametrize("change", ["source edited", "source added", "article edited", "registry added",
                                    "report deleted", "record corrupt", "take_new", "reader upgraded"])
def test_any_change_makes_ingest_plan_again(content: Path, tmp_path: Path, change: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / ".cache"
    ingest_content(content, cache_dir=cache)
    _age(content)
    ingest_content(content, cache_dir=cache)
    article = sorted((content / "articles").glob("*.md"))[0]
    if change == "source edited":
        (content / "sources" / "oslo.txt").write_text(STORY.replace("Monday", "Tuesday"), encoding="utf-8")
    elif change == "source added":
        (content / "sources" / "third.txt").write_text(STORY.replace("Oslo", "Tromso"), encoding="utf-8")
    elif change == "article edited":
        article.write_text(article.read_text(encoding="utf-8") + "\nMy note.\n", encoding="utf-8")
    elif change == "registry added":
        (content / "topics.yaml").write_text("topics: []\n", encoding="utf-8")
    elif change == "report deleted":
        (content / run.REPORT_NAME).unlink()
    elif change == "record corrupt":
        (cache / "ingest.pickle").write_bytes(b"not a pickle")
    elif change == "reader upgraded":  # a new trafilatura may read the same saved page otherwise
        from importlib import metadata

        from generator.site import cache as site_cache

        real_version = metadata.version
        monkeypatch.setattr(metadata, "version",
                            lambda name: "99.0" if name == "trafilatura" else real_version(name))
        monkeypatch.setattr(site_cache, "_CODE_VERSION", None)
    _age(content)
    calls: list[int] = []
    real = run.plan_ingest

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    run.plan_ingest = counted  # type: ignore[assignment]
    try:
        ingest_content(content, cache_dir=cache, take_new=change == "take_new")
    finally:
        run.plan_ingest = real  # type: ignore[assignment]
    assert calls == [1]
