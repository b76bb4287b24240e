"""Numeric dates: "13/03/2024", "3/13/2024", "05.03.2024"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.ingest.temporal import cues, kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import valid_day

_NUMERIC = re.compile(r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)"
                      r"(?P<year>(?:1[89]|20)\d{2})(?![\w/]|[.,]\d)")


def _find(text: str) -> Iterator[TimeExpression]:
    """Dots are day-first (European); with slashes the part over 12 is the day, and when both
    parts could be a month ("3/4/2024": 3 April or March 4) only the year is certain, so only
    the year is kept."""
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if m["sep"] == "." or a > 12:
            day, month = a, b
        elif b > 12 or a == b:
            day, month = b, a
        else:
            yield TimeExpression(m.start(), m.end(), m.group(), "year", year)
            continue
        if 1 <= month <= 12 and valid_day(year, month, day):
            yield TimeExpression(m.start(), m.end(), m.group(), "date", year, month, day)


NUMERIC_DATE = ExprRule("numeric_date", _find, (kinds.DATE, kinds.YEAR), frozenset({cues.DIGIT}))
