"""Slugs: the one place a title becomes part of a file name and URL.

Titles are untrusted text, so a slug is reduced to ``[a-z0-9-]``: it can never
hold a path separator, never be ``.``/``..`` and never be a Windows device
name, whatever the title says.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Set as AbstractSet

from slugify import slugify as _slugify

#: Windows refuses these as file names, with or without an extension.
RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: "U.S." -> "US" and "Kim's" -> "Kims", so slugs read "us-..." not "u-s-...", "kims" not "kim-s".
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
_FALLBACK_LENGTH = len("article-") + 8


def _fallback(text: str) -> str:
    return "article-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def slugify(text: str, max_length: int = 80) -> str:
    """A lowercase ASCII slug of *text*, at most *max_length* characters, never empty."""
    if max_length < _FALLBACK_LENGTH:
        raise ValueError(f"max_length must be at least {_FALLBACK_LENGTH}")
    prepared = _ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
    prepared = _APOSTROPHE.sub("", prepared)
    slug = _slugify(prepared, max_length=max_length, word_boundary=True, lowercase=True)
    # python-slugify's own pattern already limits the alphabet; this is the guarantee.
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    if not slug:
        return _fallback(text)
    if slug in RESERVED:
        slug = f"{slug}-article"
    return slug[:max_length].strip("-") or _fallback(text)


def article_stem(date: str | None, title: str, taken: frozenset[str]) -> str:
    """``<date>-<slug>`` (or ``undated-<slug>``), made unique against *taken* with ``-2``, ``-3``...

    *taken* is compared case-insensitively because the stems become file names
    and macOS and Windows file systems ignore case.
    """
    return unique_stem(date, title, {name.casefold() for name in taken})


def unique_stem(date: str | None, title: str, used: AbstractSet[str]) -> str:
    """:func:`article_stem` against stems already case-folded.

    For a caller naming many articles in a row: it keeps one folded set and adds each new stem's
    ``casefold()``, instead of folding every earlier name again for each article.
    """
    if date is not None and not _DATE.fullmatch(date):
        raise ValueError(f"date must be YYYY-MM-DD, not {date!r}")
    stem = f"{date or 'undated'}-{slugify(title)}"
    candidate, n = stem, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate
