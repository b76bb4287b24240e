"""The same story from two sources (two feeds, a feed and a saved page) is one article.

A story is recognised by its URL, compared without what only tracks the reader (``utm_*``
parameters, the fragment, ``http`` against ``https``, a final slash).  Only parts made by
the HTML and feed readers are compared: the URL in a text source's front-matter belongs to
the whole file, so every story pasted into it carries the same one.

Which copy is kept is decided by the copies alone, never by the order they were read in:
full text before a summary, then the first source file by name, then the first entry.  With
date-stamped downloads (``2025-03-11-wire.rss``), a story keeps the article it got first.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from generator.model import RawPart

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def story_key(url: str) -> str:
    """The URL as the story's identity: what a reader's click adds to it is left out."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING)]
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    return urlunsplit(("", host + port, parts.path.rstrip("/") or "/", urlencode(sorted(query)), ""))


def _rank(part: RawPart) -> tuple[bool, str, int]:
    from generator.ingest.readers.feed import SUMMARY_ONLY

    return SUMMARY_ONLY in part.notes, part.source_file, part.part


def duplicates(parts: Iterable[RawPart]) -> dict[tuple[str, int], RawPart]:
    """Each part that is a copy of another story -> the part kept for that story."""
    stories: dict[str, list[RawPart]] = {}
    for part in parts:
        url = part.meta.url
        if part.reader != "text" and url:
            stories.setdefault(story_key(url), []).append(part)
    out: dict[tuple[str, int], RawPart] = {}
    for copies in stories.values():
        if len(copies) > 1:
            kept, *others = sorted(copies, key=_rank)
            out.update({(p.source_file, p.part): kept for p in others})
    return out
