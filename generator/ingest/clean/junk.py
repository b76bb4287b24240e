"""Page furniture on lines of its own ("Advertisement", "Share this article", "Read more: ...",
"Copyright 2024 ...") is dropped, and so are the links under a "Related:" head.

The patterns are general web-page conventions, kept in ``generator/data/cleaning.yaml``.  A link under
a list head is a short line that does not end a sentence; the list ends at a blank line.
"""

from __future__ import annotations

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft

_MAX_LINK_WORDS = 20


def apply(draft: Draft) -> Draft:
    lines: list[str] = []
    in_list = False
    for line in draft.lines:
        if not line:
            in_list = False
            lines.append(line)
        elif shapes.heads_link_list(line):
            in_list = True
            lines.append("")
        elif in_list and len(line.split()) <= _MAX_LINK_WORDS and not shapes.ends_sentence(line):
            lines.append("")
        else:
            in_list = False
            lines.append("" if shapes.is_junk(line) else line)
    return draft.with_lines(lines)
