"""Lines -> paragraph blocks: every non-blank line is a paragraph.

Sources separate paragraphs by blank lines or by single newlines, so a single
newline ends a paragraph too -- except in hard-wrapped text, where a line that
stops mid-sentence and a next line that starts in lower case are one paragraph.
Runs of blank lines therefore need no special care: they separate nothing more.
"""

from __future__ import annotations

from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft
from generator.model import Block


def _wrapped(line: str, following: str) -> bool:
    return not shapes.ends_sentence(line) and following[:1].islower()


def apply(draft: Draft) -> Draft:
    paragraphs: list[str] = []
    previous = ""
    for line in draft.lines:
        if line and previous and _wrapped(previous, line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        elif line:
            paragraphs.append(line)
        previous = line
    return replace(draft, lines=(), blocks=tuple(Block("paragraph", text) for text in paragraphs))
