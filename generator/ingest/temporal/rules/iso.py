"""ISO dates: "2025-01-08"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.ingest.temporal import cues, kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import valid_day

_ISO = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d-])")


def _find(text: str) -> Iterator[TimeExpression]:
    for m in _ISO.finditer(text):
        year, month, day = int(m["year"]), int(m["month"]), int(m["day"])
        if 1 <= month <= 12 and valid_day(year, month, day):
            yield TimeExpression(m.start(), m.end(), m.group(), "date", year, month, day)


ISO_DATE = ExprRule("iso_date", _find, (kinds.DATE,), frozenset({cues.DIGIT}))
