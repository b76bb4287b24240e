"""RawPart -> Document: an ordered list of small cleaning rules.

Each rule is a module with ``apply(draft) -> draft``; order matters where one
rule's output is another's input:

* text normalisation first (whitespace, quotes), so every later comparison
  sees one spelling;
* layout noise next (decorations, markers, the repeated headline), so caption
  detection can tell where the story's first paragraph is;
* captions before credits, so a caption's credit is peeled together with it;
* page furniture (junk lines, kickers) before the time stamps, whose search
  stops at the first line of body text, and before captions and credits;
* byline and relayed clauses on clean lines; then lines become blocks (a paragraph
  printed twice is a caption too), and
  blocks become headings.

Quotes: the output uses straight ASCII quotes throughout (see ``quotes.py``).
Cleaning is idempotent: ``clean(as_raw(clean(p)))`` gives the same text.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.ingest.clean import (
    blocks,
    byline,
    captions,
    credits,
    decorations,
    headings,
    headline,
    junk,
    kickers,
    markers,
    quotes,
    relayed,
    repeats,
    stamps,
    whitespace,
)
from generator.ingest.clean.draft import Draft
from generator.model import Document, RawPart

Rule = Callable[[Draft], Draft]

RULES: tuple[tuple[str, Rule], ...] = (
    ("whitespace", whitespace.apply),
    ("quotes", quotes.apply),
    ("decorations", decorations.apply),
    ("markers", markers.apply),
    ("headline", headline.apply),
    ("junk", junk.apply),
    ("kickers", kickers.apply),
    ("stamps", stamps.apply),
    ("captions", captions.apply),
    ("credits", credits.apply),
    ("byline", byline.apply),
    ("relayed", relayed.apply),
    ("blocks", blocks.apply),
    ("repeats", repeats.apply),
    ("headings", headings.apply),
)


def clean(part: RawPart) -> Document:
    draft = Draft(title=part.title, lines=part.lines)
    for _name, rule in RULES:
        draft = rule(draft)
    return Document(
        source_file=part.source_file,
        part=part.part,
        parts=part.parts,
        title=draft.title,
        blocks=draft.blocks,
        byline=draft.byline,
        credits=draft.credits,
        captions=draft.captions,
        relayed=draft.relayed,
        meta=part.meta,
        stamps=draft.stamps,
    )


def as_raw(doc: Document) -> RawPart:
    """A cleaned document written back as raw text (the byline as a last line)."""
    lines: list[str] = []
    for block in doc.blocks:
        lines += [block.text, ""]
    if doc.byline:
        lines.append(f"By {doc.byline}")
    return RawPart(doc.source_file, doc.part, doc.parts, doc.title, tuple(lines), doc.meta)


__all__ = ["RULES", "as_raw", "clean"]
