""""The first week of March", "the last week in May 2024"."""

from __future__ import annotations

from collections.abc import Iterator

from generator.ingest.temporal import cues, kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import ORDINALS, month, pattern

_NTH_WEEK = pattern(r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+{MONTH}"
                    r"(?:,?\s+{YEAR})?")


def _find(text: str) -> Iterator[TimeExpression]:
    # ``day`` is the week's first day in the month; -1 for the last week, whose start needs the year.
    for m in _NTH_WEEK.finditer(text):
        nth = ORDINALS[m["nth"].lower()]
        yield TimeExpression(m.start(), m.end(), m.group(), "week", int(m["year"]) if m["year"] else None,
                             month(m["month"]), 7 * nth - 6 if nth > 0 else -1)


NTH_WEEK = ExprRule("nth_week", _find, (kinds.WEEK,), frozenset({cues.MONTH}))
