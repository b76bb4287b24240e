"""The weekend: "over the weekend", "this weekend", "last weekend", "next weekend", "at the
weekend", "this past weekend", "the coming weekend".

It means the week that holds that Saturday and Sunday (a week is given by its Monday, the
weekend ends it).  "Last" and "next" are a week either side of the day of writing's week; said
bare, the tense decides: in the future the weekend this week ends with, in the past the one gone
by (this week's when written on the weekend itself).  "The weekend of March 7", "the weekend
before the vote" are dated by what follows, and "weekends" or "a weekend" name none in particular.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from generator.ingest.temporal.kinds import week_period
from generator.ingest.temporal.rule import Cue, ExprRule, Kind
from generator.ingest.temporal.values import Period, TimeExpression
from generator.ingest.temporal.words import MOD_OFFSETS

_WEEKEND = re.compile(r"\b(?:(?P<mod>[Ll]ast|[Nn]ext)|(?:[Tt]his|[Tt]he)(?:\s+(?:past|coming))?)\s+weekend\b"
                      r"(?!\s+(?:of|before|after|when|that)\b)")


def _find(text: str) -> Iterator[TimeExpression]:
    for m in _WEEKEND.finditer(text):
        offset = MOD_OFFSETS[m["mod"].lower()] if m["mod"] else None
        yield TimeExpression(m.start(), m.end(), m.group(), "weekend", offset=offset, unit="week")


def _resolve(expr: TimeExpression, ref: date | None, future: bool) -> Period | None:
    if ref is None:
        return None
    if expr.offset is not None:
        weeks = expr.offset
    elif future:
        weeks = 0
    else:
        weeks = 0 if ref.weekday() >= 5 else -1  # Saturday and Sunday are the weekend under way
    return week_period(ref + timedelta(weeks=weeks))


def _says_weekend(text: str) -> bool:
    return "weekend" in text


WEEKEND = ExprRule("weekend", _find, (Kind("weekend", _resolve),), frozenset({Cue("weekend", _says_weekend)}))
