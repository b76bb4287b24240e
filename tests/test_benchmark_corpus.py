"""The benchmark's synthetic corpus: deterministic, and shaped like the raw sources ingest handles."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent


def _load_generator():  # benchmarks/ is a folder of scripts, not a package
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture(scope="module")
def corpus():
    return gen.generate_corpus(20, seed=1)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    gen.write_corpus(gen.generate_corpus(20, seed=1), tmp_path / "a")
    gen.write_corpus(gen.generate_corpus(20, seed=1), tmp_path / "b")
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a == b
    assert len([k for k in a if k.startswith("content/sources/")]) >= 10


def test_another_seed_gives_another_corpus() -> None:
    assert gen.generate_corpus(20, seed=1).files != gen.generate_corpus(20, seed=2).files


def test_exactly_n_articles(corpus) -> None:
    assert len(corpus.stories) == 20
    assert len(gen.generate_corpus(7, seed=3).stories) == 7


def test_word_counts_within_600_to_900(corpus) -> None:
    for story in corpus.stories:
        words = sum(len(p.split()) for p in story.paragraphs)
        assert words == story.words
        assert 600 <= words <= 900, (story.file, words)


def test_every_paragraph_and_title_is_in_its_file(corpus) -> None:
    for story in corpus.stories:
        text = corpus.files[f"content/sources/{story.file}"]
        assert story.title in text
        for paragraph in story.paragraphs:
            assert paragraph in text


def test_captions_repeat_with_credit_around_a_marker_line(corpus) -> None:
    with_captions = [s for s in corpus.stories if s.captions]
    assert with_captions, "n=20 should include captioned stories"
    for story in with_captions:
        lines = corpus.files[f"content/sources/{story.file}"].split("\n")
        for caption in story.captions:
            assert lines.count(f"{caption} ({story.credit})") >= 2
        assert story.marker in lines
        assert lines.count(story.title) >= 2  # the pasted page repeats the headline


def test_bylines_close_their_story(corpus) -> None:
    with_byline = [s for s in corpus.stories if s.byline]
    assert with_byline
    for story in with_byline:
        text = corpus.files[f"content/sources/{story.file}"]
        assert f"{story.paragraphs[-1]}\n\nBy {story.byline}" in text or \
            f"{story.paragraphs[-1]}\nBy {story.byline}" in text


def test_some_files_hold_two_stories(corpus) -> None:
    per_file: dict[str, int] = {}
    for story in corpus.stories:
        per_file[story.file] = per_file.get(story.file, 0) + 1
    assert 2 in per_file.values()
    two = next(f for f, count in per_file.items() if count == 2)
    first, second = (s for s in corpus.stories if s.file == two)
    text = corpus.files[f"content/sources/{two}"]
    assert text.index(first.paragraphs[-1]) < text.index(second.title, len(first.title))


def test_front_matter_files_parse_as_yaml(corpus) -> None:
    with_fm = [s for s in corpus.stories if s.front_matter]
    assert with_fm
    for story in with_fm:
        text = corpus.files[f"content/sources/{story.file}"]
        assert text.startswith("---\n")
        block = text.split("---\n", 2)[1]
        meta = yaml.safe_load(block)
        assert set(meta) == {"title", "date", "url", "publisher"}
        assert meta["title"] == story.title


def test_dates_explicit_and_relative_appear(corpus) -> None:
    text = "\n".join(corpus.files[k] for k in corpus.files if k.startswith("content/sources/"))
    assert any(f" {m} " in text for m in gen.MONTHS)
    assert any(f"on {d}" in text for d in gen.WEEKDAYS)
    assert any(phrase in text for phrase in ("last week", "earlier this month", "last month"))
    assert "“" in text and '"' in text  # both quote styles


def test_registries_cover_part_of_the_pool(corpus) -> None:
    actors = yaml.safe_load(corpus.files["content/actors.yaml"])["actors"]
    topics = yaml.safe_load(corpus.files["content/topics.yaml"])["topics"]
    people = [a for a in actors if a["type"] == "person"]
    # about 60 % of 300 people are registered; the rest are left for ingest to discover
    assert 120 < len(people) < 240
    assert len(topics) == len(gen.TOPIC_THEMES)
    known = {a["id"] for a in actors}
    mentioned = {p for s in corpus.stories for p in s.people}
    assert mentioned - known, "some actors must be left to discovery"
    assert mentioned & known
    site = yaml.safe_load(corpus.files["site.yaml"])
    assert site["base_url"].startswith("https://")
