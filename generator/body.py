"""Document blocks <-> the Markdown body of an article file.

Raw text is untrusted, so every paragraph is escaped for Python-Markdown:
whatever it says, it renders as one ``<p>`` (or ``<h2>``) of literal text.
Only characters Python-Markdown can backslash-escape are backslash-escaped
(``\\|`` would render as a literal backslash without the tables extension);
``<`` and entity-like ``&`` become character references instead.
:func:`body_paragraphs` is the exact inverse, so paragraph N is the same text
for ingest (which numbers paragraphs) and for the builder (which anchors them).
It belongs to neither stage, so that the site need not import ingest (tests/test_boundaries.py).
"""

from __future__ import annotations

import html
import re

from generator.model import Document

HEADING = "## "
#: Inline markup characters, escaped wherever they occur.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
#: Characters that only mean something at the start of a line.
_LINE_START = re.compile(r"^([#>+\-])")
_ORDERED = re.compile(r"^(\d+)([.)])(?=\s|$)")
#: Numeric references count even without ";": Python-Markdown and browsers both read "&#39" as one.
_ENTITY_LIKE = re.compile(r"&(?=#\d|#[xX][0-9a-fA-F]|[A-Za-z][A-Za-z0-9]*;)")
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
#: Python-Markdown's backslash escapes (``markdown.Markdown.ESCAPED_CHARS``), a superset of ours.
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")


def escape(text: str) -> str:
    """*text* as Markdown that renders to exactly that text, on one line."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    text = _ORDERED.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)
    return _LINE_START.sub(r"\\\1", text)


def unescape(markdown: str) -> str:
    """The inverse of :func:`escape`."""
    text = _UNESCAPE.sub(r"\1", markdown)
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


def render_body(doc: Document) -> str:
    """Paragraphs one line each, headings as ``## ``, blocks separated by a blank line."""
    chunks = [
        (HEADING if block.kind == "heading" else "") + escape(block.text)
        for block in doc.blocks
        if block.text.strip()
    ]
    return "\n\n".join(chunks) + "\n" if chunks else ""


def body_paragraphs(markdown: str) -> tuple[str, ...]:
    """The unescaped text of each paragraph of a body, headings excluded.

    A person may have re-wrapped a paragraph over several lines: lines
    separated by single newlines are one paragraph, as in Markdown.
    """
    paragraphs = []
    for chunk in re.split(r"\n[ \t]*\n", markdown.replace("\r\n", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines or re.match(r"#{1,6}(\s|$)", lines[0]):
            continue
        paragraphs.append(unescape(" ".join(lines)))
    return tuple(paragraphs)
