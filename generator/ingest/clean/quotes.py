"""Curly quotes -> straight ASCII quotes, in the title and every line.

Sources mix both styles (even within one file); one style keeps quote
extraction and comparisons simple, and straight quotes are the one style that
can be produced without guessing which way a quote opens.  The builder may
render typographic quotes (Python-Markdown's ``smarty`` extension).  Idempotent
by construction: the output holds no curly quotes.  Guillemets are left alone.
"""

from __future__ import annotations

from dataclasses import replace

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft


def apply(draft: Draft) -> Draft:
    return replace(
        draft,
        title=shapes.straight_quotes(draft.title),
        lines=tuple(shapes.straight_quotes(line) for line in draft.lines),
    )
