"""A site built from real articles (``../shared/corpus/``): every page small, readable on a phone, accessible.

Fox articles with their feed dates, a few BBC ones without, empty registries:
what a new desk builds in its first week.  Built once in a temp folder (the
text never enters the repository); skipped where the corpus is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.ingest.run import ingest_content
from generator.site.builder import BuildSettings, build_site
from generator.site.check import check_site
from tests import realcorpus
from tests.site_helpers import serve_folder
from tests.test_html_quality import axe_violations

pytestmark = pytest.mark.skipif(not realcorpus.available(), reason="../shared/corpus is not here")

#: The issue's bound at 10,000 articles; any page over it here would only grow.
MAX_PAGE = 500_000
FOX, BBC = 150, 30


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("real")
    content = realcorpus.make_content(root, FOX, BBC)
    ingest_content(content, quiet=True)
    out = root / "www" / "repo"
    result = build_site(BuildSettings(content_dir=content, out_dir=out, config_path=root / "site.yaml"))
    assert result.ok, result.errors
    return out


def _first(out: Path, pattern: str) -> str:
    found = sorted(out.glob(pattern), key=lambda p: (len(p.parts), p.as_posix()))
    assert found, f"no page {pattern}"
    return found[0].relative_to(out).as_posix().removesuffix("index.html")


def page_types(out: Path) -> dict[str, str]:
    """Page type -> one page of it (the longest of its kind where that matters)."""
    return {
        "home": "",
        "article": _first(out, "articles/*/index.html"),
        "topics": "topics/",
        "topic": _first(out, "topics/*/index.html"),
        "topic-articles-2": _first(out, "topics/*/page/2/index.html"),
        "actors": "actors/",
        "actors-letter": _first(out, "actors/letter/*/index.html"),
        "actors-type": _first(out, "actors/type/*/index.html"),
        "actor": _first(out, "actors/donald-trump/index.html") if (out / "actors/donald-trump").is_dir()
        else _first(out, "actors/*/index.html"),
        "chronology": "chronology/",
        "chronology-year": _first(out, "chronology/[0-9]*/index.html"),
        "chronology-month": _first(out, "chronology/[0-9]*/[0-9]*/index.html"),
        "chronology-actor": _first(out, "chronology/actor/*/index.html"),
        "chronology-topic": _first(out, "chronology/topic/*/index.html"),
        "search": "search/",
        "404": "404.html",
    }


def test_no_page_is_over_500_kb(real_site: Path) -> None:
    sizes = {p.relative_to(real_site).as_posix(): p.stat().st_size for p in real_site.rglob("*.html")}
    too_big = {path: size for path, size in sizes.items() if size > MAX_PAGE}
    assert not too_big, too_big
    # The long lists were split: the actor index and the chronology are several pages.
    assert any(path.startswith("actors/letter/") for path in sizes)
    assert any(path.startswith("chronology/20") for path in sizes)


def test_no_link_is_broken(real_site: Path) -> None:
    assert check_site(real_site, "/repo/") == []


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> Iterator[str]:
    with serve_folder(real_site.parent) as origin:
        yield f"{origin}/repo/"


KINDS = ["home", "article", "topics", "topic", "topic-articles-2", "actors", "actors-letter", "actors-type",
         "actor", "chronology", "chronology-year", "chronology-month", "chronology-actor", "chronology-topic",
         "search", "404"]


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_fits_a_phone_and_axe_is_clean_in_light_and_dark(browser, real_site: Path, site_url: str,  # type: ignore[no-untyped-def]
                                                          kind: str) -> None:
    path = page_types(real_site)[kind]
    problems = []
    for scheme, width in (("light", 390), ("dark", 1280)):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"{scheme}, {width} px: the page is {scroll} px wide")
        found = axe_violations(page)
        if found:
            problems.append(f"{scheme}, {width} px: {found}")
        context.close()
    assert not problems, f"{path}:\n" + "\n".join(problems)
