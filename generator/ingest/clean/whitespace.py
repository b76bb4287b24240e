"""Non-breaking, thin and zero-width spaces, tabs and runs of spaces -> one plain space.

Also Unicode NFC, so that "é" typed two ways compares equal later.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft


def _normal(text: str) -> str:
    return shapes.normalise_space(unicodedata.normalize("NFC", text))


def apply(draft: Draft) -> Draft:
    return replace(draft, title=_normal(draft.title), lines=tuple(_normal(line) for line in draft.lines))
