"""A month name without a year: "in April", "last March", "mid-June"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.ingest.temporal import cues, kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import (
    FULL_MONTHS,
    MOD_OFFSETS,
    NEEDS_YEAR_BEFORE,
    TIME_PREPOSITIONS,
    month,
    pattern,
)

_MONTH_ALONE = pattern(r"(?:(?P<mod>last|this|next|early|late|mid)[\s-]+)?{MONTH}")
_WORD_OR_YEAR = re.compile(r"[A-Za-z]+-?|\d{4}")
#: The words that make the month a time when right before it.
_LEADS = TIME_PREPOSITIONS - NEEDS_YEAR_BEFORE - {"of"}


def _find(text: str) -> Iterator[TimeExpression]:
    # A bare month name is also a verb or a name ("May", "March"): it needs a time word before it.
    for m in _MONTH_ALONE.finditer(text):
        mod = (m["mod"] or "").lower()
        words = _WORD_OR_YEAR.findall(text[max(0, m.start() - 40):m.start()])[-2:]
        before = [w.lower().rstrip("-") for w in words]
        if not mod and not (before and before[-1] in _LEADS):
            continue
        if m["month"].lower().rstrip(".") not in FULL_MONTHS:
            continue  # "Jan" or "Mar" alone is too easily something else
        offset = MOD_OFFSETS.get(mod)
        yield TimeExpression(m.start(), m.end(), m.group(), "month", None, month(m["month"]),
                             offset=offset, part=mod if mod in ("early", "late", "mid") else None)


MONTH_ALONE = ExprRule("month_alone", _find, (kinds.MONTH,), frozenset({cues.MONTH}))
