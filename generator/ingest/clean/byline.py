"""A byline line ("By Vugar Khalilov") at the start or the end -> Document.byline."""

from __future__ import annotations

from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft, add_unique


def apply(draft: Draft) -> Draft:
    filled = [i for i, line in enumerate(draft.lines) if line]
    for index in dict.fromkeys(filled[:1] + filled[-1:]):
        found = shapes.byline(draft.lines[index])
        if found and draft.byline is None:
            name, agency = found
            lines = list(draft.lines)
            lines[index] = ""
            credits = add_unique(draft.credits, agency or "")
            return replace(draft, lines=tuple(lines), byline=name, credits=credits)
    return draft
