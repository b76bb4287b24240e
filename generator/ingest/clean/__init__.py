"""RawPart -> Document: an ordered list of small cleaning rules.

Each rule is a module with ``apply(draft) -> draft``, declared in :data:`CLEAN` with the facts
it needs and the ones it makes, so the order below is checked when this module is imported:

* text normalisation first (whitespace, quotes), so every later comparison
  sees one spelling;
* layout noise next (decorations, markers, the repeated headline), so caption
  detection can tell where the story's first paragraph is;
* page furniture (junk lines, kickers) before the time stamps, whose search
  stops at the first line of body text, and before captions and credits;
* captions before credits, so a caption's credit is peeled together with it;
* byline and relayed clauses on clean lines; then lines become blocks (a paragraph
  printed twice is a caption too), and blocks become headings.

Quotes: the output uses straight ASCII quotes throughout (see ``quotes.py``).
Cleaning is idempotent: ``clean(as_raw(clean(p)))`` gives the same text.
"""

from __future__ import annotations

from types import ModuleType

from generator.ingest.chain import Chain, Rule
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


def _declare(module: ModuleType, requires: set[str], provides: set[str]) -> Rule[Draft]:
    return Rule(module.__name__.rsplit(".", 1)[1], module.apply, frozenset(requires), frozenset(provides))


CLEAN: Chain[Draft] = Chain("clean", frozenset({"lines"}), (
    _declare(whitespace, {"lines"}, {"one-spelling"}),
    _declare(quotes, {"one-spelling"}, {"straight-quotes"}),
    _declare(decorations, {"one-spelling"}, {"no-decorations"}),
    _declare(markers, {"one-spelling"}, {"no-markers"}),
    _declare(headline, {"no-decorations", "no-markers"}, {"no-repeated-headline"}),
    _declare(junk, {"straight-quotes"}, {"no-furniture"}),
    _declare(kickers, {"no-repeated-headline"}, {"no-kickers"}),
    _declare(stamps, {"no-furniture", "no-kickers"}, {"stamps"}),
    _declare(captions, {"no-furniture", "no-kickers", "no-repeated-headline"}, {"captions"}),
    _declare(credits, {"captions"}, {"credits"}),
    _declare(byline, {"stamps", "credits"}, {"byline"}),
    _declare(relayed, {"straight-quotes", "credits"}, {"relayed"}),
    _declare(blocks, {"byline", "relayed", "captions", "stamps"}, {"blocks"}),
    _declare(repeats, {"blocks"}, {"repeated-captions"}),
    _declare(headings, {"blocks", "repeated-captions"}, {"headings"}),
))


def clean(part: RawPart) -> Document:
    draft = CLEAN(Draft(title=part.title, lines=part.lines))
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


__all__ = ["CLEAN", "as_raw", "clean"]
