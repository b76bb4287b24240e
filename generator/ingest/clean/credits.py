"""Agency and photo credits -> Document.credits, in order of first appearance.

Three places: a line that is only a credit ("(AFP)", "Photo: Jane Doe/Reuters"),
a credit closing a paragraph ("... on Tuesday. (AFP)"), and a wire dateline
("WASHINGTON (AP) - ...", "LONDON, March 5, 2024 /PRNewswire/ -- ...", or
"(Bloomberg) -- ..." with no place), where the credit goes and the place stays.
A wire tail alone on a line ("— AP") is
a credit line too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft, add_unique

_DATELINE = re.compile(r"^([A-Z][A-Z .'-]+(?:,[^()]{0,30})?)\s*\(([^()]{1,60})\)(?=\s*[-–—])")
#: A credit opening the story with no place before it: "(Bloomberg) -- The euro-area economy ...".
_OPENING = re.compile(r"^\(([^()]{1,60})\)\s*[-–—]+\s*")
#: A press-release dateline: "LONDON, March 5, 2024 /PRNewswire/ -- ...".
_RELEASE = re.compile(r"^([A-Z][A-Za-z .'-]+(?:,[^/()]{0,30})?)\s*/([^/]{2,40})/(?=\s*[-–—])")


def apply(draft: Draft) -> Draft:
    # Collected, then added once: adding one at a time re-read every credit for each line.
    lines, credits = [], []
    for line in draft.lines:
        alone = shapes.credit_line(line) if line else None
        if alone:
            credits.append(alone)
            lines.append("")
            continue
        line, credit = shapes.trailing_credit(line)
        credits.append(credit or "")
        match = _DATELINE.match(line)
        if match and shapes.is_credit(match.group(2)):
            credits.append(shapes.credit_name(match.group(2)))
            line = match.group(1).rstrip() + line[match.end():]
        opening = _OPENING.match(line)
        if opening and shapes.is_credit(opening.group(1)):
            credits.append(shapes.credit_name(opening.group(1)))
            line = line[opening.end():]
        wire = _RELEASE.match(line)
        if wire and wire.group(2) in shapes.line_words().agencies:
            credits.append(shapes.line_words().agencies[wire.group(2)])
            line = wire.group(1).rstrip() + line[wire.end():]
        lines.append(line)
    return replace(draft, lines=tuple(lines), credits=add_unique(draft.credits, *credits))
