"""Paragraphs printed more than once -> Document.captions, as lines printed more than once are.

A caption wrapped over two lines only shows as a repeat once its lines are joined into one
paragraph; without this second look, cleaning the cleaned text would find it and cleaning
would not be idempotent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.captions import MIN_REPEATED_WORDS
from generator.ingest.clean.draft import Draft, add_unique


def apply(draft: Draft) -> Draft:
    keys = [shapes.key(b.text) if b.kind == "paragraph" else "" for b in draft.blocks]
    counts = Counter(k for k in keys if k)
    repeated = {k for k, n in counts.items() if n > 1 and len(k.split()) >= MIN_REPEATED_WORDS}
    if not repeated:
        return draft
    captions = []
    kept = []
    for block, key in zip(draft.blocks, keys, strict=True):
        if key in repeated:
            captions.append(block.text)
        else:
            kept.append(block)
    return replace(draft, blocks=tuple(kept), captions=add_unique(draft.captions, *captions))
