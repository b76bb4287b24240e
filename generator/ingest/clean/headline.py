"""The headline printed again below the picture is not body text; a headline in
capitals is written in Title Case (acronyms kept: "OPEC+", "NATO")."""

from __future__ import annotations

from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft

#: A headline in capitals this long is shouting, not an acronym ("NATO", "G7 SUMMIT").
_MIN_CAPS_WORDS = 3


def apply(draft: Draft) -> Draft:
    title = shapes.key(draft.title)
    lines = ["" if line and shapes.key(line) == title else line for line in draft.lines]
    if shapes.is_all_caps(draft.title) and len(draft.title.split()) >= _MIN_CAPS_WORDS:
        draft = replace(draft, title=shapes.title_case(draft.title))
    return draft.with_lines(lines)
