"""docs/templates.md lists exactly what each template receives, so it cannot go stale.

The fixture site is planned as a build plans it; for every template, the union of
its pages' top-level context keys must equal the keys the doc's section for that
template lists (plus those it lists for every template), and the ``site`` object's
keys must equal those listed under ``site``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import load_config
from generator.site.load import article_files, read_article, read_registry
from generator.site.model import build_site_model
from generator.site.pages import TEMPLATES, plan_pages
from generator.urls import Urls
from tests.site_helpers import FIXTURE

DOC = Path(__file__).resolve().parent.parent / "docs" / "templates.md"
_HEADING = re.compile(r"^(#{2,3}) (.+?)\s*$")
_ROW = re.compile(r"^\| `([A-Za-z_][\w.]*)` \|")
EVERY = "Every template"


def documented() -> dict[str, set[str]]:
    """Section heading (a template's name, ``Every template`` or ```site```) -> the keys its table lists."""
    sections: dict[str, set[str]] = {}
    current: str | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = heading.group(2).strip("`")
            sections.setdefault(current, set())
            continue
        row = _ROW.match(line)
        if row and current is not None:
            sections[current].add(row.group(1))
    return sections


#: Settings that split long lists over pages (where the site has them): at one entry a page,
#: the fixture plans every kind of page a large site has.
PAGING = ("chronology_page", "list_page")


def planned() -> dict[str, list[dict[str, object]]]:
    """Every page's context, of the fixture as it is and at one entry a page."""
    config = load_config(FIXTURE / "site.yaml")
    articles = [read_article(path.read_text(encoding="utf-8"), str(path)) for path in article_files(FIXTURE)]
    registry = read_registry(FIXTURE)
    contexts: dict[str, list[dict[str, object]]] = defaultdict(list)
    for variant in (config, replace(config, **{key: 1 for key in PAGING if hasattr(config, key)})):
        site = build_site_model(variant, registry, articles)
        for page in plan_pages(site, Urls(variant.base_url)):
            assert page.template is not None
            contexts[page.template].append(dict(page.context))
    return contexts


@pytest.fixture(scope="module")
def contexts() -> dict[str, list[dict[str, object]]]:
    return planned()


def test_the_fixture_plans_every_template(contexts: dict[str, list[dict[str, object]]]) -> None:
    assert sorted(contexts) == sorted(TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_doc_lists_every_key_each_template_receives(
    template: str, contexts: dict[str, list[dict[str, object]]]
) -> None:
    doc = documented()
    assert template in doc, f"docs/templates.md has no section '## `{template}`'"
    received = set().union(*(set(c) for c in contexts[template]))
    listed = doc[template] | doc[EVERY]
    assert received - listed == set(), f"{template}: keys missing from docs/templates.md"
    assert listed - received == set(), f"{template}: docs/templates.md lists keys it no longer receives"


def test_the_doc_lists_the_site_object(contexts: dict[str, list[dict[str, object]]]) -> None:
    site = contexts["home.html"][0]["site"]
    assert isinstance(site, dict)
    assert documented()["site"] == {f"site.{key}" for key in site}


def test_the_parser_reads_the_doc() -> None:
    # A doc the parser misreads would let every other test here pass vacuously.
    doc = documented()
    assert {"site", "canonical_url", "description", "page_route"} <= doc[EVERY]
    assert "body_html" not in doc["article.html"] and "article" in doc["article.html"]
