"""The value every cleaning rule takes and returns."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.ingest import shapes
from generator.model import Block


@dataclass(frozen=True)
class Draft:
    """An article part on its way from raw lines to a Document.

    Line rules work on :attr:`lines` ("" is a blank line); the ``blocks`` rule
    turns them into :attr:`blocks`, and block rules work on those.
    """

    title: str
    lines: tuple[str, ...]
    blocks: tuple[Block, ...] = ()
    byline: str | None = None
    credits: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    relayed: tuple[str, ...] = ()
    #: Time-stamp lines peeled off the head of the story, as written ("Updated March 5, 2024").
    stamps: tuple[str, ...] = ()

    def with_lines(self, lines: list[str] | tuple[str, ...]) -> Draft:
        return replace(self, lines=tuple(lines))


def add_unique(existing: tuple[str, ...], *new: str) -> tuple[str, ...]:
    """*existing* plus *new* items not already there (compared loosely), in order of first appearance."""
    seen = {shapes.key(item) for item in existing}
    out = list(existing)
    for item in new:
        if item and shapes.key(item) not in seen:
            seen.add(shapes.key(item))
            out.append(item)
    return tuple(out)
