"""Slugs are safe file names and URL segments, whatever the title says."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.slugs import RESERVED, article_stem, slugify

SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize(("title", "slug"), [
    ("Lavrov: U.S. and Denmark Officially Launch Arctic Security Talks",
     "lavrov-us-and-denmark-officially-launch-arctic-security-talks"),
    ("Kim Invites Putin to North Korea\xa0", "kim-invites-putin-to-north-korea"),
    ("Greenland's Future", "greenlands-future"),
    ("Ким приглашает Путина", "kim-priglashaet-putina"),
    ("Réunion à Genève", "reunion-a-geneve"),
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "con-article"),
    ("nul", "nul-article"),
])
def test_examples(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_fallback_is_stable_and_distinct() -> None:
    assert re.fullmatch(r"article-[0-9a-f]{8}", slugify("?!?"))
    assert slugify("?!?") == slugify("?!?") != slugify("...")
    assert slugify("") == slugify("")


def test_long_titles_are_cut_at_a_word() -> None:
    slug = slugify("word " * 40, max_length=30)
    assert len(slug) <= 30 and not slug.endswith("-") and slug.startswith("word-word")


@settings(max_examples=500, deadline=None)
@given(st.text(), st.integers(min_value=16, max_value=120))
def test_any_text_gives_a_safe_slug(text: str, max_length: int) -> None:
    slug = slugify(text, max_length)
    assert SAFE.fullmatch(slug)
    assert len(slug) <= max_length
    assert slug not in RESERVED and slug not in {".", ".."}


def test_article_stem() -> None:
    assert article_stem("2025-01-08", "Greenland Talks", frozenset()) == "2025-01-08-greenland-talks"
    assert article_stem(None, "Greenland Talks", frozenset()) == "undated-greenland-talks"
    taken = frozenset({"2025-01-08-greenland-talks", "2025-01-08-Greenland-Talks-2"})
    assert article_stem("2025-01-08", "Greenland Talks", taken) == "2025-01-08-greenland-talks-3"
    with pytest.raises(ValueError):
        article_stem("8 January", "x", frozenset())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=8), st.none() | st.dates().map(lambda d: d.isoformat()))
def test_stems_are_unique(titles: list[str], date: str | None) -> None:
    taken: frozenset[str] = frozenset()
    for title in titles:
        stem = article_stem(date, title, taken)
        assert stem not in taken and SAFE.fullmatch(stem)
        taken |= {stem}
