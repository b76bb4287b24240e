"""Time stamps at the top of a story ("Published: 12 Feb 2024 10:32 GMT", "Updated March 5, 2024",
"Mon 27 May 2024 14.20 BST") -> Draft.stamps, as written; they are the page's metadata, not text.

Only the head of the story is searched: the lines before the first paragraph of body text.  There
the byline often shares a line with the stamp ("By Anna Kowalski | April 4, 2024"), or stands next to
it without a "By" ("Jonas Albrecht in Brussels"), so both are read here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft

_HEAD_LINES = 12
_BODY_WORDS = 8
_SEPARATORS = re.compile(r"\s+[|•·]\s+")


def _head(lines: tuple[str, ...]) -> list[int]:
    """Indexes of the filled lines before the first line of body text."""
    out: list[int] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        if len(out) >= _HEAD_LINES or (len(line.split()) >= _BODY_WORDS and shapes.ends_sentence(line)):
            break
        out.append(index)
    return out


def _pieces(line: str) -> tuple[list[str], str | None] | None:
    """(stamps, byline) when every piece of *line* is a stamp or a byline, else None."""
    stamps, name = [], None
    for piece in _SEPARATORS.split(line):
        if shapes.stamp(piece):
            stamps.append(piece.strip())
        elif (found := shapes.byline(piece)) and found[1] is None and name is None:
            name = found[0]
        else:
            return None
    return (stamps, name) if stamps else None


def apply(draft: Draft) -> Draft:
    lines, stamps, name = list(draft.lines), list(draft.stamps), draft.byline
    head = _head(draft.lines)
    stamped: set[int] = set()
    for index in head:
        found = _pieces(lines[index])
        if found:
            stamps += found[0]
            name = name or found[1]
            lines[index] = ""
            stamped.add(index)
    # A bare name right beside a stamp is the byline ("Jonas Albrecht in Brussels").
    for position, index in enumerate(head):
        near = {head[p] for p in (position - 1, position + 1) if 0 <= p < len(head)}
        if lines[index] and near & stamped and name is None and (person := shapes.name_line(lines[index])):
            name = person
            lines[index] = ""
    return replace(draft, lines=tuple(lines), stamps=tuple(stamps), byline=name)
