"""A kicker ("EXCLUSIVE", "Analysis") printed above the headline is neither title nor text.

Splitting already skips it when it picks the title; a kicker still left at either end of the part
(above the next story's headline, or above this one's) is dropped here.
"""

from __future__ import annotations

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft


def apply(draft: Draft) -> Draft:
    lines = list(draft.lines)
    filled = [i for i, line in enumerate(lines) if line]
    for index in dict.fromkeys(filled[:1] + filled[-1:]):
        if shapes.is_kicker(lines[index]):
            lines[index] = ""
    return draft.with_lines(lines)
