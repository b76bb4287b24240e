"""The headline printed again below the picture is not body text."""

from __future__ import annotations

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft


def apply(draft: Draft) -> Draft:
    title = shapes.key(draft.title)
    return draft.with_lines(["" if line and shapes.key(line) == title else line for line in draft.lines])
