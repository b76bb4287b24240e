"""The feed reader: an RSS or Atom file -> one article per entry (``.xml``, ``.rss``, ``.atom``).

feedparser reads every RSS and Atom version, their date formats and encodings, and
sanitises the entries' HTML.  An entry's text is its full content (``content:encoded``,
Atom ``content``) where the feed gives it, else its summary, and then the article says so.
Entries are numbered in the feed's order; an entry that cannot be read is an error naming
the file and the entry, and the others are read.
"""

from __future__ import annotations

import email.utils
import html as html_escapes
import io
import re
from typing import Any

import feedparser
import lxml.html

from generator.errors import GeneratorError, SourceError
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
from generator.model import Note, RawPart

SUMMARY_ONLY = Note("body", 0, "body: the feed gives only a summary of this story, not its full text")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


#: Elements whose text is a paragraph (or a line) of its own.
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "br",
                     "figure", "figcaption", "section", "article", "header", "footer", "ul", "ol", "table",
                     "dd", "dt", "hr", "aside"})
#: Elements whose text is not the story's (feedparser removes most already; this is not left to it).
_DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "svg", "math", "form")


def _text_of(detail: Any, value: str) -> str:
    """An entry's content or summary as text, one paragraph a line.

    Not trafilatura: the publisher chose every paragraph of an entry, and extraction made for
    whole pages merges or drops short ones (a link-only "Read more" line into the paragraph
    above it); the same cleaning as every source's then removes furniture line by line.
    """
    kind = getattr(detail, "type", None) or (detail.get("type") if isinstance(detail, dict) else None)
    if kind not in _HTML_TYPES and "<" not in value:
        return html_escapes.unescape(value) if "&" in value else value
    root = lxml.html.fragment_fromstring(value, create_parent="div")
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    return "\n".join(line for line in (one_line(x) for x in root.text_content().split("\n")) if line)


def _title(entry: Any) -> str | None:
    title = entry.get("title")
    detail = entry.get("title_detail") or {}
    if title and detail.get("type") in _HTML_TYPES:
        title = html_escapes.unescape(re.sub(r"<[^>]*>", " ", title))
    return one_line(title)


def _stated_day(raw: str | None, parsed: Any) -> str | None:
    """The day as the feed wrote it, in its own time zone (feedparser's parsed value is in UTC)."""
    if not raw:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", raw)
    if match:
        return "-".join(match.groups())
    try:
        stamp = email.utils.parsedate_tz(raw)
    except (TypeError, ValueError, IndexError):
        stamp = None
    if stamp is not None and stamp[0] >= 1900:
        return f"{stamp[0]:04d}-{stamp[1]:02d}-{stamp[2]:02d}"
    if parsed:
        return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}"
    return None


def _date(entry: Any, version: str) -> tuple[str | None, str | None]:
    published = "pubDate" if version.startswith("rss") else "published"
    for key, name in (("published", published), ("updated", "updated")):
        day = _stated_day(entry.get(key), entry.get(f"{key}_parsed"))
        if day:
            return day, f"feed entry: {name}"
    return None, None


def _author(entry: Any) -> str | None:
    # RSS writes "desk@example.org (Sara Moretti)"; feedparser's split of it cuts the address wrongly.
    raw = one_line(entry.get("author")) or ""
    named = re.fullmatch(r"\S+@\S+\s*\((.+)\)", raw)
    if named:
        return one_line(named.group(1))
    detail = entry.get("author_detail") or {}
    name = one_line(detail.get("name")) or raw
    return None if not name or re.fullmatch(r"\S+@\S+", name) else name


def _entry(name: str, number: int, entry: Any, channel: dict[str, str | None], version: str,
           path: str, problem: object) -> RawPart:
    title = _title(entry)
    label = f"entry {number}" + (f" ({title})" if title else "")
    contents = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    text = "\n".join(_text_of(c, c["value"]) for c in contents[:1]).strip()
    summary_only = not text
    if summary_only:
        text = _text_of(entry.get("summary_detail"), entry.get("summary") or "").strip()
    if not text:
        broken = f"; the feed is not well-formed XML ({problem})" if problem is not None else ""
        raise SourceError(f"{label}: the entry has no text (no content and no summary){broken}", path,
                          hint="the feed must carry the story's text; save the story's page instead")
    day, basis = _date(entry, version)
    facts = given(title=title, date=day, date_basis=basis, url=safe_url(entry.get("link")),
                  author=_author(entry), publisher=channel["publisher"],
                  language=language_tag(entry.get("language")) or channel["language"])
    lines = paragraph_lines(text)
    notes = (Note("source", 0, f"source: the feed is not well-formed XML ({problem}); "
                               "check this article's text"),) if problem is not None else ()
    return RawPart(source_file=name, part=number, parts=0, title=title or lines[0][:80], lines=lines,
                   meta=facts, title_derived=title is None, reader="feed",
                   notes=(*notes, *((SUMMARY_ONLY,) if summary_only else ())))


def read(name: str, data: bytes, path: str) -> Reading:
    refuse_non_markup(data, path, "news feed")
    # A stream, never a string: feedparser takes a string that looks like a URL as one to fetch.
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.entries:
        if problem is not None:
            raise SourceError(f"not a well-formed feed: {problem}", path,
                              hint="download the feed again; a cut-off download ends mid-tag")
        if not parsed.get("version"):
            raise SourceError("not an RSS or Atom feed", path, hint="sources ending .xml must be news feeds")
        raise SourceError("the feed has no entries", path, hint="download it again later, or delete the file")
    # Where the lenient parser recovered entries (a stray "&", a cut-off download), they are read
    # and each article says its feed was broken: refusing the file would lose every good entry.
    channel = {"publisher": one_line(parsed.feed.get("title")),
               "language": language_tag(parsed.feed.get("language"))}
    version = parsed.get("version") or ""
    parts: list[RawPart] = []
    errors: list[GeneratorError] = []
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            parts.append(_entry(name, number, entry, channel, version, path, problem))
        except SourceError as err:
            errors.append(err)
    parts = [_numbered(p, len(parsed.entries)) for p in parts]
    return Reading(tuple(parts), tuple(errors))


def _numbered(part: RawPart, parts: int) -> RawPart:
    # Numbered by entry in the feed, so an error's "entry 3" and the article's part agree
    # (a part is "3 of 5" even when entry 2 could not be read).
    return RawPart(part.source_file, part.part, parts, part.title, part.lines, part.meta, part.line,
                   part.title_derived, part.reader, part.notes)


READER = Reader("feed", (".xml", ".rss", ".atom"), MAX_MARKUP_BYTES, read)
