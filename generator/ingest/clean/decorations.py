"""Lines with no letter or digit ("***", "---", "•") are layout, not text."""

from __future__ import annotations

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft


def apply(draft: Draft) -> Draft:
    return draft.with_lines([line if shapes.has_letters(line) else "" for line in draft.lines])
