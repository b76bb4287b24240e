"""Bare agency markers on their own line ("TT", "AFP") carry no text: dropped."""

from __future__ import annotations

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft


def apply(draft: Draft) -> Draft:
    return draft.with_lines(["" if line and shapes.is_marker(line) else line for line in draft.lines])
