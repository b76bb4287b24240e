"""Quarters: "Q3 2024", "the first quarter of 2025", and "in the first quarter" with no year
(the quarter of the year the story speaks from)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.ingest.temporal import cues, kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import ORDINALS

_QUARTER = re.compile(r"\b(?:Q(?P<q>[1-4])|(?:the\s+)?(?P<nth>first|second|third|fourth)\s+quarter"
                      r"\s+(?:of\s+)?)\s*(?:of\s+)?(?P<year>(?:19|20)\d{2})(?![\d%])", re.IGNORECASE)
_QUARTER_ALONE = re.compile(r"\b(?:in|during|for|over|from|since|by)\s+the\s+"
                            r"(?P<nth>first|second|third|fourth)\s+quarter\b(?!\s+(?:of\s+)?(?:19|20)\d{2})",
                            re.IGNORECASE)


def _quarters(text: str) -> Iterator[TimeExpression]:
    for m in _QUARTER.finditer(text):
        q = int(m["q"]) if m["q"] else ORDINALS[m["nth"].lower()]
        yield TimeExpression(m.start(), m.end(), m.group(), "quarter", int(m["year"]), 3 * q - 2)


def _quarters_alone(text: str) -> Iterator[TimeExpression]:
    for m in _QUARTER_ALONE.finditer(text):
        start = m.start("nth") - (4 if text[m.start("nth") - 4:m.start("nth")].lower() == "the " else 0)
        yield TimeExpression(start, m.end(), text[start:m.end()], "quarter", None,
                             3 * ORDINALS[m["nth"].lower()] - 2)


QUARTER = ExprRule("quarter", _quarters, (kinds.QUARTER,), frozenset({cues.DIGIT}))
QUARTER_ALONE = ExprRule("quarter_alone", _quarters_alone, (kinds.QUARTER,))
