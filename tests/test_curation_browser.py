"""The curation loop in the preview, in headless Chromium: a registry edit shows on the open page.

With ``serve`` running, a person adds a discovered actor's name to ``not_actors``: the open
article reloads without the actor's link, and the preview's review page no longer lists it.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_serve_browser import TIMEOUT_MS, live, open_article, project, round_trip, until  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FOUND = "damien-degeorges"
ARTICLE = "2025-01-08-greenland-independence-is-possible-but-joining-the-us-unlikely-denmark-says"


def _reject(settings: Any, name: str) -> None:
    actors = settings.content_dir / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace("not_actors: [", f"not_actors: [{name}, "), encoding="utf-8")


def test_a_not_actors_edit_removes_the_actor_from_the_open_page(
        page: Any, live: Any, project: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    article = project.content_dir / "articles" / f"{ARTICLE}.md"
    open_article(page, live, article)
    link = f"main a[href*='/actors/{FOUND}/']"
    expect(page.locator(link).first).to_be_attached()
    round_trip("not_actors", lambda: _reject(project, "Damien Degeorges"),
               until(page, f"document.querySelector('main') && !document.querySelector({link!r})"))
    expect(page.locator(link)).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Greenland")


def test_the_review_page_links_each_item_to_its_paragraph_and_follows_the_registry(
        page: Any, live: Any, project: Any) -> None:  # noqa: F811
    from playwright.sync_api import Error, expect

    page.goto(f"{live.url}_review/")
    item = page.locator("li", has_text="Damien Degeorges")
    expect(item).to_have_count(1)
    href = item.locator("a").first.get_attribute("href")
    assert href is not None and href.endswith(f"articles/{ARTICLE}/#p-19")
    page.locator(f"a[href='{href}']").first.click()
    expect(page.locator("#p-19")).to_contain_text("Degeorges")
    _reject(project, "Damien Degeorges")
    for _ in range(TIMEOUT_MS // 100):  # the page is rendered on request: ask until the rebuild is in
        try:
            page.goto(f"{live.url}_review/")
        except Error as exc:
            # The open page's live reload, once the rebuild is in, aborts or replaces a navigation
            # under way (Chromium reports either, depending on which starts first).
            if "ERR_ABORTED" not in str(exc) and "interrupted by another navigation" not in str(exc):
                raise
            continue
        if page.locator("li", has_text="Damien Degeorges").count() == 0:
            break
        page.wait_for_timeout(100)
    expect(page.locator("li", has_text="Damien Degeorges")).to_have_count(0)
    # Never part of the site on disk.
    assert not (project.out_dir / "_review").exists()
