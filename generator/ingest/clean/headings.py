"""Subheadings -> heading blocks ("STRAINED RELATIONS" -> "Strained Relations", quotes dropped).

A paragraph shaped like a subheading (see :func:`shapes.heading_core`) is a
heading when a paragraph follows it; of two heading-shaped lines in a row only
the second is the heading.  The test looks only at the text and its successor,
and the normalised text is still heading-shaped, so cleaning twice changes nothing.
"""

from __future__ import annotations

from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft
from generator.model import Block


def apply(draft: Draft) -> Draft:
    cores = [shapes.heading_core(block.text) if block.kind == "paragraph" else None for block in draft.blocks]
    blocks = []
    for index, block in enumerate(draft.blocks):
        core = cores[index]
        followed = index + 1 < len(draft.blocks) and cores[index + 1] is None \
            and draft.blocks[index + 1].kind == "paragraph"
        if core is not None and followed:
            blocks.append(Block("heading", shapes.title_case(core) if shapes.is_all_caps(core) else core))
        else:
            blocks.append(block)
    return replace(draft, blocks=tuple(blocks))
