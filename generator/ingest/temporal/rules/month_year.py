""""September 1948", "May, 2020", "June of 2019"."""

from __future__ import annotations

from collections.abc import Iterator

from generator.ingest.temporal import cues, kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import month, pattern

_MONTH_YEAR = pattern(r"{MONTH},?\s+(?:of\s+)?{YEAR}")


def _find(text: str) -> Iterator[TimeExpression]:
    for m in _MONTH_YEAR.finditer(text):
        yield TimeExpression(m.start(), m.end(), m.group(), "month", int(m["year"]), month(m["month"]))


MONTH_YEAR = ExprRule("month_year", _find, (kinds.MONTH,), frozenset({cues.DIGIT, cues.MONTH}))
