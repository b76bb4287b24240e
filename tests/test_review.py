"""The ingest report's corpus-wide summary: ranked discovered actors, merges, junk, dates.

Small synthetic corpora (written here) for the rules; the fox corpus, when present, for size.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from generator.ingest.report import render_summary, review_of, shown
from generator.ingest.run import REPORT_NAME, ingest_content
from generator.model import Actor, Article, DateInfo, Mention, Note, Registry

FOX = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fox"


def _article(slug: str, *names: tuple[str, str], date: str | None = "2025-01-02",
             confidence: str = "high", warnings: tuple[str, ...] = ()) -> Article:
    from generator.knowledge import slug as actor_id

    return Article(slug=slug, title=slug, date=DateInfo(date, confidence, "basis"), body="x\n",  # type: ignore[arg-type]
                   source_file=f"{slug}.txt", warnings=tuple(map(Note.of, warnings)),
                   actors=tuple(Mention(actor_id(n), n, t, discovered=True, first_paragraph=i + 1)  # type: ignore[arg-type]
                                for i, (n, t) in enumerate(names)))


def test_discovered_actors_are_ranked_by_articles_with_type_and_a_sample_mention() -> None:
    articles = [_article(f"a{i}", ("Ada Lind", "person"), ("Bo Karr", "person")) for i in range(3)]
    articles += [_article("b", ("Bo Karr", "person")), _article("c", ("Cy Dunn", "person"))]
    review = review_of(articles)
    assert [(f.name, f.type, f.articles) for f in review.discovered] == [
        ("Bo Karr", "person", 4), ("Ada Lind", "person", 3), ("Cy Dunn", "person", 1)]
    assert (review.discovered[1].slug, review.discovered[1].paragraph) == ("a0", 1)


def test_name_variants_and_surnames_are_proposed_as_merges() -> None:
    articles = [
        _article("a", ("Justice Department", "organization"), ("Ada Lind", "person")),
        _article("b", ("Department of Justice", "organization"), ("Lind", "person")),
        _article("c", ("Ada J. Lind", "person"), ("Department of Justice", "organization")),
    ]
    merges = {p.reason.split(";")[0]: p for p in review_of(articles).merges}
    assert {f.name for f in merges["the same words"].names} == {"Justice Department", "Department of Justice"}
    assert "Justice Department: department-of-justice" in merges["the same words"].yaml
    assert merges["a surname alone"].yaml == "merge:\n  Lind: ada-lind\n"
    assert {f.name for f in merges["the same first and last name"].names} == {"Ada Lind", "Ada J. Lind"}


def test_a_surname_known_to_a_registry_actor_is_merged_into_it() -> None:
    registry = Registry(actors=(Actor("ada-lind", "Ada Lind", "person"),))
    review = review_of([_article("a", ("Lind", "person"))], registry)
    assert [p.yaml for p in review.merges] == ["merge:\n  Lind: ada-lind\n"]


def test_outlets_and_places_taken_for_people_are_proposed_as_not_actors() -> None:
    from generator.knowledge import load_knowledge

    articles = [_article("a", ("Metro News Digital", "person"), ("Abu Dhabi", "person"),
                         ("Ada Lind", "person"))]
    junk = {p.names[0].name: p.reason for p in review_of(articles, None, load_knowledge()).junk}
    assert set(junk) == {"Metro News Digital", "Abu Dhabi"}
    assert "outlet" in junk["Metro News Digital"] and "place" in junk["Abu Dhabi"]


def test_dates_are_grouped_by_reason_and_articles_say_only_what_the_summary_does_not() -> None:
    articles = [_article("a", date=None, confidence="none"), _article("b", date=None, confidence="none"),
                _article("c", confidence="medium"), _article("d", ("Ada Lind", "person"))]
    review = review_of(articles)
    assert [(g.reason.split(":")[0], g.slugs) for g in review.dates] == [
        ("no date", ("a", "b")), ("medium confidence", ("c",))]
    assert [slug for slug, _ in review.notes] == ["a", "b", "c"]  # d: only a discovered actor


def test_names_reach_the_terminal_without_escape_codes() -> None:
    from generator.ingest.run import IngestReport

    articles = (_article("a", ("Evil\x1b[2JName", "person")),)
    text = render_summary(IngestReport(articles=articles))
    assert "\x1b" not in text and "Evil\\x1b[2JName" in text
    assert shown("a\u202eb") == "a\\u202eb"


def _fox_corpus(tmp_path: Path, n: int) -> Path:
    meta = yaml.safe_load((FOX / "meta.yaml").read_text(encoding="utf-8"))
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    for path in sorted(FOX.glob("*.txt"))[:n]:
        given = meta.get(path.name) or {}
        head = "---\n" + yaml.safe_dump(given, allow_unicode=True) + "---\n" if given else ""
        text = head + path.read_text(encoding="utf-8")
        (content / "sources" / path.name).write_text(text, encoding="utf-8")
    return content


@pytest.mark.slow
@pytest.mark.skipif(not FOX.is_dir(), reason="the shared fox corpus is not here")
def test_real_articles_summary_names_the_top_discovered_actors_and_stays_a_screen(tmp_path: Path) -> None:
    content = _fox_corpus(tmp_path, int(os.environ.get("REVIEW_ARTICLES", "120")))
    report = ingest_content(content, quiet=True)
    summary = render_summary(report, content)
    top = report.review.discovered[:5]
    assert top and top[0].articles >= 2
    for found in top:
        assert found.name in summary
    assert len(summary.splitlines()) <= 45
    text = (content / REPORT_NAME).read_text(encoding="utf-8")
    assert text.index("## Discovered actors") < text.index("## Articles needing review")
    # Per article: one line each, never the discovered actors again.
    detail = text.split("## Articles needing review", 1)[1]
    assert "discovered person" not in detail
    shutil.rmtree(content)
