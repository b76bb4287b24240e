"""Pages that scale: chronologies by year, month and page, long lists by page, the histogram.

The fixture site is built with pages of one or two entries so that every
splitting rule runs on five articles; the histogram's layout is checked as a
property over any list of events.
"""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.site.check import check_site
from generator.site.events import SiteEvent, Source
from generator.site.pages import month_bars, year_bars
from generator.site.paging import Scope, by_period, chronology_layout
from generator.site.svg import (
    HEIGHT,
    LABEL_GAP,
    WIDTH,
    Bar,
    RelationNode,
    histogram_svg,
    label_width,
    relations_svg,
)
from tests.site_helpers import build, copy_fixture


def _event(date: str, precision: str = "day", kind: str = "reported", n: int = 0) -> SiteEvent:
    return SiteEvent(date, precision, f"event {n}", (), (Source(f"a{n}", 1),), kind == "planned",
                     kind == "background", f"e-{n}")


# --- the histogram -----------------------------------------------------------------

_NUMBER = r"(-?[0-9.]+)"


def _labels(svg: str) -> list[tuple[float, float]]:
    """Each axis label's horizontal extent, as the drawing reserves it."""
    spans = []
    for x, text in re.findall(rf'<text class="tick-label[^"]*" x="{_NUMBER}"[^>]*>([^<]*)</text>', svg):
        half = label_width(text) / 2
        spans.append((float(x) - half, float(x) + half))
    return spans


def _rects(svg: str) -> list[tuple[float, float, float, float]]:
    return [tuple(map(float, m)) for m in re.findall(  # type: ignore[misc]
        rf'<rect class="[a-z]+" x="{_NUMBER}" y="{_NUMBER}" width="{_NUMBER}" height="{_NUMBER}"/>', svg)]


def _assert_drawable(svg: str) -> None:
    labels = sorted(_labels(svg))
    for (_, right), (left, _) in itertools.pairwise(labels):
        assert right + LABEL_GAP <= left + 1e-6, f"labels overlap: {labels}"
    for left, right in labels:
        assert left >= 0 and right <= WIDTH, (left, right)
    for x, y, width, height in _rects(svg):
        assert x >= 0 and x + width <= WIDTH + 1e-6 and y >= 0 and y + height <= HEIGHT + 1e-6
        assert width > 0 and height > 0


_dates = st.one_of(
    st.integers(1, 2999).map(lambda y: (f"{y:04d}", "year")),
    st.tuples(st.integers(1, 2999), st.integers(1, 12)).map(lambda t: (f"{t[0]:04d}-{t[1]:02d}", "month")),
    st.tuples(st.integers(1900, 2060), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: (f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}", "day")),
)


@given(st.lists(st.tuples(_dates, st.sampled_from(["reported", "planned", "background"])), min_size=1,
                max_size=300))
def test_histogram_labels_never_overlap_and_bars_stay_inside(events: list) -> None:  # type: ignore[type-arg]
    items = sorted((_event(date, precision, kind, n) for n, ((date, precision), kind) in enumerate(events)),
                   key=lambda e: e.date)
    periods = by_period(items)
    years = {y: [e for m in months.values() for e in m] for y, months in periods.items()}
    svg = histogram_svg(year_bars(years, lambda y: "/chronology/" + y + "/"), "t")
    assert svg
    _assert_drawable(svg)
    for year, months in periods.items():
        _assert_drawable(histogram_svg(month_bars(months, year, lambda m: "#" + m, "01"), "t"))


@pytest.mark.parametrize("count", [5, 500, 50_000])
def test_histogram_at_every_size(count: int) -> None:
    bars = [Bar(str(1000 + i), str(1000 + i), (i % 7, i % 3, 1)) for i in range(count)]
    svg = histogram_svg(bars, "t")
    _assert_drawable(svg)
    # Labels are spaced to the room there is: never more than fit side by side.
    assert 0 < len(_labels(svg)) <= WIDTH / (label_width("0000") + LABEL_GAP) + 1


def test_a_year_event_is_drawn_in_its_own_year() -> None:
    """A single "2018" event used to be drawn from 2018 to the axis's end (2025)."""
    items = [_event("2018", "year", "reported", 1), _event("2025-03-01", "day", "reported", 2)]
    years = {y: [e for m in ms.values() for e in m] for y, ms in by_period(items).items()}
    svg = histogram_svg(year_bars(years, lambda y: "#" + y), "t")
    bars = re.findall(r'<a href="#(\d+)" class="bar"><title>([^<]*)</title>(.*?)</a>', svg)
    assert [(year, title) for year, title, _ in bars] == [
        ("2018", "2018: 1 event (1 reported)"), ("2025", "2025: 1 event (1 reported)")]
    x_2018 = float(re.search(rf'class="reported" x="{_NUMBER}"', bars[0][2]).group(1))  # type: ignore[union-attr]
    x_2025 = float(re.search(rf'class="reported" x="{_NUMBER}"', bars[1][2]).group(1))  # type: ignore[union-attr]
    assert x_2018 < WIDTH / 2 < x_2025


# --- layouts -----------------------------------------------------------------------


def test_a_long_chronology_splits_into_years_months_and_pages() -> None:
    items = [_event("2024-05-01", n=0)] + [_event(f"2025-0{1 + n % 2}-1{n % 9}", n=n) for n in range(1, 8)]
    items.sort(key=lambda e: e.date)
    routes = [(p.route, p.kind, len(p.events)) for p in chronology_layout(items, 3, Scope(actor="ada"))]
    assert routes == [
        ("chronology/actor/ada/", "overview", 0),
        ("chronology/actor/ada/2024/", "year", 1),
        ("chronology/actor/ada/2025/", "year-split", 0),
        ("chronology/actor/ada/2025/01/", "month", 3),
        ("chronology/actor/ada/2025/02/", "month", 3),
        ("chronology/actor/ada/2025/02/page/2/", "month", 1),
    ]
    assert chronology_layout(items, 8)[0].kind == "all"


# --- the fixture site, one entry a page ----------------------------------------------


@pytest.fixture(scope="module")
def small_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scale")
    content = copy_fixture(root)
    config = content / "site.yaml"
    config.write_text(config.read_text() + "chronology_page: 1\nlist_page: 1\n")
    out = root / "out"
    result = build(content, out)
    assert result.ok, result.errors
    return out


def _html(out: Path, route: str) -> str:
    return (out / route / "index.html").read_text()


def test_every_event_is_on_one_page_of_the_chronology_and_pages_link_in_order(small_pages: Path) -> None:
    pages = sorted(p for p in (small_pages / "chronology").rglob("index.html")
                   if p.relative_to(small_pages / "chronology").parts[0] not in ("topic", "actor"))
    ids = [i for p in pages for i in re.findall(r'<li class="event [^"]*" id="([^"]+)"', p.read_text())]
    assert len(ids) == len(set(ids)) == 3
    overview = _html(small_pages, "chronology")
    assert 'class="event' not in overview and '<a href="../chronology/2019/" class="bar">' in overview
    year = _html(small_pages, "chronology/2025")
    # 2025 holds two events: a page per month, linked from the month bars and the list.
    assert '<a href="../../chronology/2025/03/" class="bar">' in year
    march = _html(small_pages, "chronology/2025/03")
    assert 'rel="prev">← 2025</a>' in march and 'rel="next">April 2025 →</a>' in march
    assert 'aria-current="page">2025</span>' not in march
    assert '<a href="../../../chronology/2025/">2025</a>' in march


def test_long_article_lists_and_the_actor_index_go_on_numbered_pages(small_pages: Path) -> None:
    topic = _html(small_pages, "topics/polar-talks")
    assert topic.count('<li><a href="../../articles/') == 1
    assert '<a href="../../topics/polar-talks/page/2/" rel="next">' in topic
    second = _html(small_pages, "topics/polar-talks/page/2")
    assert second.count('<li><a href="../../../../articles/') == 1 and 'rel="prev"' in second
    index = _html(small_pages, "actors")
    for link in ("actors/letter/a/", "actors/type/person/", "actors/type/organization/",
                 "actors/page/2/"):
        assert f'href="../{link}"' in index
    assert (small_pages / "actors" / "letter" / "b" / "index.html").is_file()


def test_no_link_of_the_paginated_site_is_broken(small_pages: Path) -> None:
    assert check_site(small_pages, "/briefing/") == []


def test_sitemap_lists_every_page(small_pages: Path) -> None:
    sitemap = (small_pages / "sitemap.xml").read_text()
    pages = {p.parent.relative_to(small_pages).as_posix() for p in small_pages.rglob("index.html")}
    pages -= {"search"}
    listed = {loc.removeprefix("https://example.org/briefing/").rstrip("/") or "."
              for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert pages <= listed | {"."}


# --- the actor graph ---------------------------------------------------------------

#: The graph's labels are 16px on a phone (style.css); 0.6em is wider than system-ui's average glyph.
GRAPH_CHAR = 16 * 0.6


@given(st.lists(st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=60),
                min_size=1, max_size=10))
def test_actor_graph_labels_are_not_clipped(names: list[str]) -> None:
    svg = relations_svg("Centre", [RelationNode(n, "/a/", i + 1) for i, n in enumerate(names)], "t")
    width = float(re.search(r'viewBox="0 0 ([0-9.]+) ', svg).group(1))  # type: ignore[union-attr]
    for x, anchor, text in re.findall(
            rf'<text x="{_NUMBER}" y="[^"]+" text-anchor="([a-z]+)">([^<]*)</text>', svg):
        extent = len(html.unescape(text)) * GRAPH_CHAR
        left = {"start": float(x), "end": float(x) - extent, "middle": float(x) - extent / 2}[anchor]
        assert left >= 0 and left + extent <= width, (text, left, left + extent, width)
