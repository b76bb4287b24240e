"""Photo captions -> Document.captions (once each), their credits -> credits.

A caption is a line that is printed more than once (pages repeat the caption
beside each copy of the picture), a line shaped like one (a date-and-place
dateline, or a credit plus picture words such as "(L)" or "pictured"), or a
credited line above the first paragraph of the story, or a line labelled as
one ("Image caption, ...").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft, add_unique

MIN_REPEATED_WORDS = 4


def _credited(line: str) -> bool:
    return shapes.trailing_credit(line)[1] is not None


#: "Image caption, Fallen trees ...": a caption that says it is one.
_LABELLED = re.compile(r"^(?:image|photo|picture|media|video)?\s*caption\s*[,:]\s*(?=\S)", re.IGNORECASE)


def apply(draft: Draft) -> Draft:
    labelled = {shapes.key(_LABELLED.sub("", line)) for line in draft.lines if _LABELLED.match(line)}
    draft = draft.with_lines([_LABELLED.sub("", line) for line in draft.lines])
    counts = Counter(shapes.key(line) for line in draft.lines if line)
    repeated = {k for k, n in counts.items() if n > 1 and len(k.split()) >= MIN_REPEATED_WORDS}

    def caption(line: str) -> bool:
        return shapes.key(line) in repeated or shapes.key(line) in labelled or shapes.caption_shaped(line)

    first_body = next(
        (i for i, line in enumerate(draft.lines) if line and not caption(line) and not _credited(line)),
        len(draft.lines),
    )
    lines: list[str] = []
    captions: list[str] = []  # added once at the end: one at a time re-read them all per line
    credits: list[str] = []
    for index, line in enumerate(draft.lines):
        if line and (caption(line) or (index < first_body and _credited(line))):
            text, credit = shapes.trailing_credit(line)
            captions.append(text)
            credits.append(credit or "")
            lines.append("")
        else:
            lines.append(line)
    return replace(draft, lines=tuple(lines), captions=add_unique(draft.captions, *captions),
                   credits=add_unique(draft.credits, *credits))
