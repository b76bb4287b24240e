"""Byline lines ("By Vugar Khalilov", "Reporting by A; Editing by B") at the start or the end
-> Document.byline.

Every byline line at either end is consumed (pages print the byline twice);
the first one names the byline, an agency after it ("By Jane Doe, Reuters")
becomes a credit.
"""

from __future__ import annotations

from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft, add_unique


def _end_line(lines: list[str]) -> int | None:
    filled = [i for i, line in enumerate(lines) if line]
    for index in dict.fromkeys(filled[:1] + filled[-1:]):
        if shapes.byline(lines[index]):
            return index
    return None


def _trailer_line(lines: list[str]) -> int | None:
    filled = [i for i, line in enumerate(lines) if line]
    return next((i for i in reversed(filled[-2:]) if shapes.trailer(lines[i]) is not None), None)


def apply(draft: Draft) -> Draft:
    lines, name, credits = list(draft.lines), draft.byline, draft.credits
    # A wire trailer ("Reporting by A; Editing by B") closes the story; its reporters are the byline.
    while (index := _trailer_line(lines)) is not None:
        name = name or shapes.trailer(lines[index]) or None
        lines[index] = ""
    while (index := _end_line(lines)) is not None:
        found = shapes.byline(lines[index])
        assert found is not None
        name = name or found[0]
        credits = add_unique(credits, found[1] or "")
        lines[index] = ""
    return replace(draft, lines=tuple(lines), byline=name, credits=credits)
