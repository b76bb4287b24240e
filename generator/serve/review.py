"""The preview's review page (``/_review/``): the ingest report's summary, linked to the text.

Served by the preview server from the last build's articles (the registry already applied),
so a ``not_actors`` or ``merge:`` edit shows here as soon as the site rebuilds.  Never written
into the site: it is a page of the preview only.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.ingest.report import Found, Review
    from generator.urls import Urls

ROUTE = "_review/"
#: Discovered actors listed (most articles first); the rest are counted.
PAGE_ACTORS = 2000


def review_from_state(state: Any) -> Review | None:
    """The review of the last good build's articles, or None before one."""
    from generator.ingest.report import review_of
    from generator.knowledge import load_knowledge

    plan = getattr(state, "plan", None)
    registry = getattr(state, "registry", None)
    if plan is None or registry is None:
        return None
    return review_of(plan.site.articles, registry[1], load_knowledge())


def _link(urls: Urls, slug: str, paragraph: int = 0, text: str | None = None) -> str:
    href = urls.url_for("article", slug, f"p-{paragraph}" if paragraph > 0 else None)
    where = f" ¶{paragraph}" if paragraph else ""
    return f'<a href="{escape(href)}">{escape(text or slug)}{where}</a>'


def _found(urls: Urls, f: Found) -> str:
    return (f"<li><strong>{escape(f.name)}</strong> ({escape(f.type)}, <code>{escape(f.id)}</code>): "
            f"{f.articles:,} article{'s' if f.articles != 1 else ''}; "
            f"e.g. {_link(urls, f.slug, f.paragraph)}</li>")


def review_page(review: Review | None, urls: Urls) -> bytes:
    if review is None:
        body = "<p>No build yet: the review appears after the first good build.</p>"
    else:
        body = _body(review, urls)
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>Review (preview only)</title>"
            "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}"
            "pre{background:#f4f4f4;padding:.5rem;overflow:auto}li{overflow-wrap:anywhere}"
            "@media (prefers-color-scheme:dark){body{background:#111;color:#eee}a{color:#9cf}"
            "pre{background:#222}}</style></head><body><main>"
            "<h1>Review</h1><p>What needs a person, across the corpus. This page is part of the preview "
            "only, never of the published site; edit <code>actors.yaml</code> and it follows.</p>"
            + body + "</main></body></html>").encode("utf-8")


def _body(review: Review, urls: Urls) -> str:
    out = [f"<p>{review.articles:,} articles; {review.needing:,} need review.</p>"]
    if review.discovered:
        out.append(f"<h2 id=\"discovered\">Discovered actors ({len(review.discovered):,})</h2>"
                   "<p>Confirm each in <code>actors.yaml</code>, merge it (<code>merge:</code>) or reject it "
                   "(<code>not_actors:</code>). Most articles first.</p><ol>")
        out += [_found(urls, f) for f in review.discovered[:PAGE_ACTORS]]
        out.append("</ol>")
        if len(review.discovered) > PAGE_ACTORS:
            out.append(f"<p>and {len(review.discovered) - PAGE_ACTORS:,} more, each in one article.</p>")
    for anchor, title, proposals in (("merge", "Likely the same actor", review.merges),
                                     ("junk", "Likely not actors", review.junk)):
        if not proposals:
            continue
        out.append(f"<h2 id=\"{anchor}\">{title} ({len(proposals):,})</h2><ul>")
        for p in proposals:
            names = " = ".join(f"{escape(f.name)} ({_link(urls, f.slug, f.paragraph, 'e.g.')})"
                               if f.slug else f"{escape(f.name)} (registry)" for f in p.names)
            out.append(f"<li>{names}: {escape(p.reason)}<pre>{escape(p.yaml)}</pre></li>")
        out.append("</ul>")
    if review.dates:
        out.append("<h2 id=\"dates\">Dates to check</h2>")
        for group in review.dates:
            out.append(f"<h3>{escape(group.reason)} ({len(group.slugs):,})</h3><ul>")
            out += [f"<li>{_link(urls, slug)}</li>" for slug in group.slugs]
            out.append("</ul>")
    if review.notes:
        out.append("<h2 id=\"articles\">Articles</h2><ul>")
        out += [f"<li>{_link(urls, slug)}: {escape('; '.join(items))}</li>" for slug, items in review.notes]
        out.append("</ul>")
    if review.drafts:
        out.append("<h2 id=\"drafts\">Drafts</h2><ul>")
        out += [f"<li>{_link(urls, slug)}</li>" for slug in review.drafts]
        out.append("</ul>")
    return "".join(out)
