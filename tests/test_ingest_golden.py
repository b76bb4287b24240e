"""Golden files: the sample corpus ingested into Markdown, byte for byte.

The sample's raw sources and registries (``content/``) go in; the five
generated articles and the ingest report must equal ``tests/golden/ingest/``.
Regenerate after an intended change with
``UPDATE_GOLDEN=1 pytest tests/test_ingest_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.ingest.run import REPORT_NAME, ingest_content

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "ingest"


def sample_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copytree(REPO / "content" / "sources", content / "sources")
    for name in ("actors.yaml", "topics.yaml"):
        shutil.copy(REPO / "content" / name, content / name)
    return content


def test_sample_ingest_matches_golden_files(tmp_path: Path) -> None:
    content = sample_copy(tmp_path)
    report = ingest_content(content, quiet=True)
    assert report.ok, report.errors
    actual = {p.name: p.read_text(encoding="utf-8") for p in sorted((content / "articles").glob("*.md"))}
    actual[REPORT_NAME] = (content / REPORT_NAME).read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        GOLDEN.mkdir(parents=True)
        for name, text in actual.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(GOLDEN.iterdir())}
    assert sorted(actual) == sorted(expected), "articles added or removed; regenerate with UPDATE_GOLDEN=1"
    for name in expected:
        assert actual[name] == expected[name], f"{name} differs from tests/golden/ingest/{name}"


def test_committed_sample_articles_are_current() -> None:
    """content/articles/ is what ingest makes of content/sources/ (nobody has edited it)."""
    committed = {p.name for p in (REPO / "content" / "articles").glob("*.md")}
    golden = {p.name for p in GOLDEN.glob("*.md")} - {REPORT_NAME}
    assert committed == golden
    assert (REPO / "content" / REPORT_NAME).read_text(encoding="utf-8") == (GOLDEN / REPORT_NAME).read_text(
        encoding="utf-8"
    )
    for name in golden:
        assert (REPO / "content" / "articles" / name).read_text(encoding="utf-8") == (
            GOLDEN / name
        ).read_text(encoding="utf-8"), f"content/articles/{name} is stale: run `python build.py ingest`"
