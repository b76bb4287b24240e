"""A month and a day, or a range of days, with or without a year: "March 19 and 20, 2021",
"19-21 May", "Jan. 20", "14 September 2023"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from generator.ingest.temporal import cues, kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import month, pattern, valid_day


def _day_dates(found: re.Pattern[str]) -> Callable[[str], Iterator[TimeExpression]]:
    def find(text: str) -> Iterator[TimeExpression]:
        for m in found.finditer(text):
            groups = m.groupdict()
            month_ = month(m["month"])
            year = int(groups["year"]) if groups.get("year") else None
            day = int(m["day"])
            day_end = int(groups["day_end"]) if groups.get("day_end") else None
            if not valid_day(year, month_, day):
                continue
            if day_end is not None and (day_end <= day or not valid_day(year, month_, day_end)):
                continue
            yield TimeExpression(m.start(), m.end(), m.group(), "date", year, month_, day, day_end)

    return find


def _rule(name: str, template: str) -> ExprRule:
    return ExprRule(name, _day_dates(pattern(template)), (kinds.DATE,), frozenset({cues.DIGIT, cues.MONTH}))


MONTH_DAY_RANGE = _rule("month_day_range", r"{MONTH}\s+{DAY}{SEP}{DAY2}(?:,?\s+{YEAR})?")
DAY_MONTH_RANGE = _rule("day_month_range", r"{DAY}{SEP}{DAY2}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?")
MONTH_DAY = _rule("month_day", r"{MONTH}\s+{DAY}(?:,?\s+{YEAR})?")
DAY_MONTH = _rule("day_month", r"{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?")
