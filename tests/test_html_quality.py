"""The built sample briefing is valid HTML (Nu HTML Checker) and accessible (axe-core in Chromium).

One page of every page type is checked.  vnu.jar comes from the npm package ``vnu-jar``
(``npm install -g vnu-jar``, as ``.ci/run`` does) and needs Java; the test skips only when
either is missing.  axe-core ships inside ``axe-playwright-python``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.site.builder import BuildSettings, build_site
from tests.site_helpers import serve_folder

REPO = Path(__file__).resolve().parent.parent
# Served under a sub-path, as on GitHub Pages, so every URL is checked with its base path.
BASE = "repo"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample corpus built into ``<tmp>/www/repo``; returns ``<tmp>/www``."""
    root = tmp_path_factory.mktemp("quality")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    result = build_site(BuildSettings(content_dir=root / "content", out_dir=root / "www" / BASE,
                                      config_path=root / "site.yaml",
                                      base_url=f"http://127.0.0.1/{BASE}/"))
    assert result.ok, (result.errors, result.warnings)
    return root / "www"


def _first(folder: Path) -> str:
    """The first sub-folder holding an index.html: one page of a per-item page type."""
    names = sorted(p.parent.name for p in folder.glob("*/index.html"))
    assert names, f"no pages under {folder}"
    return names[0]


def page_paths(site: Path) -> dict[str, str]:
    """Page type -> path of one page of it, relative to the site root."""
    out = site / BASE
    return {
        "home": "index.html",
        "article": f"articles/{_first(out / 'articles')}/index.html",
        "topics": "topics/index.html",
        "topic": f"topics/{_first(out / 'topics')}/index.html",
        "actors": "actors/index.html",
        "actor": f"actors/{_first(out / 'actors')}/index.html",
        "chronology": "chronology/index.html",
        "chronology-topic": f"chronology/topic/{_first(out / 'chronology' / 'topic')}/index.html",
        "chronology-actor": f"chronology/actor/{_first(out / 'chronology' / 'actor')}/index.html",
        "search": "search/index.html",
        "404": "404.html",
    }


PAGE_TYPES = ["home", "article", "topics", "topic", "actors", "actor", "chronology", "chronology-topic",
              "chronology-actor", "search", "404"]


def vnu_jar() -> Path | None:
    if not (shutil.which("npm") and shutil.which("node")):
        return None
    root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True).stdout.strip()
    jar = Path(root) / "vnu-jar" / "build" / "dist" / "vnu.jar" if root else None
    return jar if jar and jar.is_file() else None


@pytest.mark.slow
def test_nu_html_checker_finds_no_errors(sample_site: Path) -> None:
    java, jar = shutil.which("java"), vnu_jar()
    if java is None:
        pytest.skip("java is not installed (apt-get install default-jre-headless)")
    if jar is None:
        pytest.skip("vnu.jar is not installed (npm install -g vnu-jar)")
    files = [str(sample_site / BASE / path) for path in page_paths(sample_site).values()]
    done = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=300)
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(done.stderr)
    errors = [f"{m.get('url', '?').rsplit(BASE + '/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
              f" [{m.get('extract', '').strip()[:120]}]" for m in report["messages"]]
    assert errors == [], "\n".join(errors)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def site_url(sample_site: Path) -> Iterator[str]:
    with serve_folder(sample_site) as origin:
        yield f"{origin}/{BASE}/"


def axe_violations(page) -> str:  # type: ignore[no-untyped-def]
    """Serious and critical axe findings on the page as it is now, one paragraph each ("" if none)."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    bad = [v for v in violations if v.get("impact") in {"serious", "critical"}]
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(
            f"    {n['target']}: {n['html'][:200]}\n      {n.get('failureSummary', '')}" for n in v["nodes"])
        for v in bad
    )


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_serious_violation(browser, site_url: str, sample_site: Path, kind: str,  # type: ignore[no-untyped-def]
                                        scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    path = page_paths(sample_site)[kind].removesuffix("index.html")
    # The search page is checked with results showing: they are what was unreadable in dark mode.
    page.goto(site_url + path + ("?q=Greenland" if kind == "search" else ""))
    page.wait_for_load_state("load")
    if kind == "search":
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    details = axe_violations(page)
    context.close()
    assert not details, f"{path or 'home'} ({scheme}):\n{details}"
    assert errors == []
