"""The built fixture site in headless Chromium, served under a sub-path as on GitHub Pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_helpers import build, copy_fixture, serve_folder

pytestmark = pytest.mark.browser
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    content = copy_fixture(root)
    config = content / "site.yaml"
    config.write_text(config.read_text().replace("search: false", "search: true"))
    result = build(content, root / "www" / "repo", base_url="http://127.0.0.1/repo/")
    assert result.ok and not result.warnings, (result.errors, result.warnings)
    with serve_folder(root / "www") as origin:
        yield f"{origin}/repo/"


def test_follow_links_from_home(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url)
    assert page.locator("h1").inner_text() == "Fixture Briefing"
    page.get_by_role("link", name="Polar talks open in Harbourtown").first.click()
    assert page.locator("h1").inner_text() == "Polar talks open in Harbourtown"
    assert page.locator("#p-3").is_visible()
    page.locator(".body a.actor-link", has_text="Ben South").click()
    assert page.locator("h1").inner_text() == "Ben South"
    assert "The sea lanes belong to everyone who fishes them." in page.locator("main").inner_text()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Topics").click()
    page.get_by_role("link", name="Fisheries").click()
    assert page.locator("h1").inner_text() == "Fisheries"
    assert "Quotas & catches <in> cold waters." in page.locator(".lede").inner_text()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Chronology").click()
    assert page.locator("h1").inner_text() == "Chronology"
    assert page.locator("svg.timeline").is_visible()
    assert page.errors == []  # type: ignore[attr-defined]


def test_chronology_filter_with_javascript(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "chronology/")
    events = page.locator("li.event")
    total = events.count()
    page.get_by_label("Topic").select_option("fisheries")
    visible = page.locator("li.event:visible")
    assert 0 < visible.count() < total
    assert all(
        "fisheries" in (visible.nth(i).get_attribute("data-topics") or "") for i in range(visible.count())
    )
    page.get_by_label("Topic").select_option("")
    page.get_by_label("Actor").select_option("polar-council")
    assert page.locator("li.event:visible").count() == 1
    assert page.locator(".filter-status").inner_text() == "1 match"
    assert page.errors == []  # type: ignore[attr-defined]


def test_chronology_filter_links_without_javascript(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "chronology/")
    assert not page.locator("form.filter").is_visible()
    page.locator("summary", has_text="Filter by topic or actor").click()
    page.locator(".filter-links").get_by_role("link", name="Fisheries").click()
    assert page.url.endswith("/repo/chronology/topic/fisheries/")
    assert page.locator("h1").inner_text() == "Chronology: Fisheries"
    context.close()


def test_actor_index_filter(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "actors/")
    page.get_by_label("Filter actors by name").fill("south")
    names = page.locator("#actor-index li:visible a").all_inner_texts()
    assert names == ["Ben South"]
    page.get_by_label("Filter actors by name").fill("")
    page.get_by_role("checkbox", name="People").uncheck()
    assert "Ada North" not in page.locator("#actor-index li:visible").all_inner_texts()
    assert page.errors == []  # type: ignore[attr-defined]


def test_search_finds_articles_and_actors(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url)
    page.get_by_label("Search the briefing").fill("Harbourtown")
    page.get_by_label("Search the briefing").press("Enter")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=15000)
    assert "Harbourtown" in " ".join(page.locator(".pagefind-ui__result-link").all_inner_texts())
    href = result.get_attribute("href") or ""
    assert href.startswith("/repo/"), href
    result.click()
    assert page.locator("h1").inner_text() in {
        "Polar talks open in Harbourtown",
        "South answers North on sea lanes",
    }
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_screenshots(browser, site_url: str, width: str, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    folder: Path = tmp_path_factory.mktemp("screenshots")
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    for name, path in [
        ("home", ""),
        ("article", "articles/2025-03-04-polar-talks-open/"),
        ("actor", "actors/ada-north/"),
        ("chronology", "chronology/"),
        ("actors", "actors/"),
    ]:
        page.goto(site_url + path)
        target = folder / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
        # Nothing wider than the viewport: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]
    context.close()
