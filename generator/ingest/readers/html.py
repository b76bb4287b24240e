"""The HTML reader: a saved web page -> one article (``.html``, ``.htm``).

The main text is trafilatura's (without navigation, ads, share buttons, related stories,
cookie banners or comments); compared with readability-lxml on the test pages it kept
none of the boxes readability let through ("Advertisement", a newsletter sign-up) and it
reads the page's own metadata (canonical URL, author, site name) that readability does
not.  The date is the page's word about itself, with the words that say it, in the order of
:data:`DATE_RULES`; htmldate (restricted to markup, no search of the text) is the last rule.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import charset_normalizer
import htmldate
import trafilatura
from lxml.html import HtmlElement

from generator.errors import SourceError
from generator.ingest import shapes
from generator.ingest.readers.common import (
    MAX_MARKUP_BYTES,
    Reader,
    Reading,
    given,
    language_tag,
    one_line,
    paragraph_lines,
    refuse_non_markup,
    safe_url,
)
from generator.ingest.split import _derive_title as derive_title
from generator.model import RawPart

#: Where a page declares its encoding: ``<meta charset>``, ``<meta http-equiv content="...; charset=">``
#: or an XML declaration.  Browsers look in the first 1024 bytes; saved pages put a comment first.
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
                       rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_PRESCAN = 8192
#: Labels the HTML standard reads as Windows-1252 (a browser shows cp1252 for them; so do we).
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
                        "windows-1252", "cp1252", "x-cp1252"})
#: A page with less main text than this has none: what is left is a section front or a menu.
_MIN_WORDS = 20
_PROSE_WORDS = 8


def _decode(data: bytes, path: str) -> tuple[str, str | None]:
    """(text, the encoding assumed when the page did not declare one)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), None
    match = _DECLARED.search(data[:_PRESCAN])
    if match:
        label = (match.group(1) or match.group(2)).decode("ascii").lower()
        codec = "cp1252" if label in _AS_CP1252 else label
        try:
            return data.decode(codec), None
        except LookupError:
            pass  # a label no codec knows: as if undeclared
        except UnicodeDecodeError:
            pass  # declared UTF-8 and saved as something else: the bytes win
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data[:200_000]).best()
    codec = guess.encoding if guess is not None else "cp1252"
    return data.decode(codec, errors="replace"), codec


# --- what the page says about itself -------------------------------------------

def _metas(tree: HtmlElement) -> dict[str, str]:
    """Every ``<meta>`` by its property, name, itemprop or http-equiv (lower case): first one wins."""
    out: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                out.setdefault(key.strip().lower(), content)
    return out


def _day(value: str | None) -> str | None:
    """The day an ISO 8601 value states, as written (its own time zone, not converted)."""
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return None
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return day.isoformat() if day.year >= 1900 else None


def _json_ld(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue  # a publisher's broken JSON-LD says nothing
        pending, seen = [data], 0
        while pending and seen < 1000:
            item = pending.pop(0)
            seen += 1
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending.extend(graph)


_Page = tuple[HtmlElement, dict[str, str], str | None]  # (tree, metas, canonical URL)
DateRule = Callable[[_Page], tuple[str, str] | None]


def _meta_rule(*names: str) -> DateRule:
    def rule(page: _Page) -> tuple[str, str] | None:
        for name in names:
            day = _day(page[1].get(name))
            if day:
                return day, f"page metadata: {name}"
        return None
    rule.__name__ = f"meta {names[0]}"
    return rule


def _json_ld_rule(page: _Page) -> tuple[str, str] | None:
    for item in _json_ld(page[0]):
        value = item.get("datePublished")
        day = _day(value) if isinstance(value, str) else None
        if day:
            return day, "page metadata: JSON-LD datePublished"
    return None


def _time_rule(page: _Page) -> tuple[str, str] | None:
    tree = page[0]
    stamps = [t for t in tree.iter("time") if t.get("datetime")]
    marked = [t for t in stamps if t.get("pubdate") is not None or "publish" in (t.get("class") or "")]
    in_article = [t for t in stamps if any(a.tag == "article" for a in t.iterancestors())]
    for stamp in marked[:1] or in_article[:1]:
        day = _day(stamp.get("datetime"))
        if day:
            return day, "page metadata: <time datetime>"
    return None


def _url_rule(page: _Page) -> tuple[str, str] | None:
    match = re.search(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})(?:/|$)", page[2] or "")
    if match:
        day = _day("-".join(match.groups()))
        if day:
            return day, f"the page's URL: /{'/'.join(match.groups())}/"
    return None


def _htmldate_rule(page: _Page) -> tuple[str, str] | None:
    # Markup only (extensive_search=False): a date in the text is not the page's word about itself.
    found = htmldate.find_date(page[0], extensive_search=False, original_date=True)
    day = _day(found) if found else None
    return (day, "page metadata (found by htmldate)") if day else None


#: The page's own statements of its publication date, most explicit first.
DATE_RULES: tuple[DateRule, ...] = (
    _meta_rule("article:published_time", "og:published_time"),
    _json_ld_rule,
    _meta_rule("datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date.issued",
               "dc.date", "dcterms.created", "parsely-pub-date", "sailthru.date"),
    _time_rule,
    _url_rule,
    _htmldate_rule,
)


def _language(tree: HtmlElement, metas: dict[str, str]) -> str | None:
    return (language_tag(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
            or language_tag(metas.get("og:locale")) or language_tag(metas.get("content-language")))


# --- the page ------------------------------------------------------------------

def _main_text(tree: HtmlElement, path: str) -> str:
    found = trafilatura.bare_extraction(tree, favor_precision=True, include_comments=False,
                                        include_tables=False, with_metadata=False)
    text = (found.text if found is not None else "") or ""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if (sum(len(p.split()) for p in paragraphs) < _MIN_WORDS
            or not any(len(p.split()) >= _PROSE_WORDS and shapes.ends_sentence(p) for p in paragraphs)):
        raise SourceError("no article text found on the page (only navigation, links or a few words)", path,
                          hint="save the article's own page, not a section front or a search result")
    return text


def read(name: str, data: bytes, path: str) -> Reading:
    refuse_non_markup(data, path, "web page")
    text, guessed = _decode(data, path)
    tree = trafilatura.load_html(text)
    if tree is None:
        raise SourceError("not a web page (no HTML in it)", path, hint="save the page as HTML")
    metas = _metas(tree)
    # Metadata before extraction: extraction prunes the tree it is given.
    meta = trafilatura.extract_metadata(tree)
    url = safe_url(meta.url) or safe_url(metas.get("og:url"))
    page: _Page = (tree, metas, url)
    stated = next((found for rule in DATE_RULES if (found := rule(page)) is not None), None)
    language = _language(tree, metas)
    body = paragraph_lines(_main_text(tree, path))
    title = one_line(meta.title) or one_line(metas.get("og:title"))
    facts = given(title=title, date=stated[0] if stated else None, date_basis=stated[1] if stated else None,
                  url=url, author=one_line(meta.author), publisher=one_line(meta.sitename), language=language)
    part = RawPart(source_file=name, part=1, parts=1, title=title or derive_title(body[0]), lines=body,
                   meta=facts, title_derived=title is None, reader="html")
    return Reading((part,), encoding=guessed)


READER = Reader("html", (".html", ".htm"), MAX_MARKUP_BYTES, read)
