"""The time-expression rules, in one ordered list.

A new expression is one file here declaring an :class:`~generator.ingest.temporal.rule.ExprRule`
(its finder, its kinds, its cues) and one line in :data:`RULES`.  A rule may bring a kind of its
own with its resolver; :data:`KINDS` is gathered from the list and checked at import.
"""

from __future__ import annotations

from generator.ingest.temporal.rule import ExprRule, Kind
from generator.ingest.temporal.rules.bare_year import BARE_YEAR
from generator.ingest.temporal.rules.day_dates import DAY_MONTH, DAY_MONTH_RANGE, MONTH_DAY, MONTH_DAY_RANGE
from generator.ingest.temporal.rules.iso import ISO_DATE
from generator.ingest.temporal.rules.month_alone import MONTH_ALONE
from generator.ingest.temporal.rules.month_year import MONTH_YEAR
from generator.ingest.temporal.rules.nth_week import NTH_WEEK
from generator.ingest.temporal.rules.numeric import NUMERIC_DATE
from generator.ingest.temporal.rules.quarter import QUARTER, QUARTER_ALONE
from generator.ingest.temporal.rules.relative import RELATIVE
from generator.ingest.temporal.rules.weekday import WEEKDAY

#: In order of preference when two matches cover the same words at the same length.
RULES: tuple[ExprRule, ...] = (
    ISO_DATE,
    NUMERIC_DATE,
    QUARTER,
    QUARTER_ALONE,
    NTH_WEEK,
    MONTH_DAY_RANGE,
    DAY_MONTH_RANGE,
    MONTH_DAY,
    DAY_MONTH,
    MONTH_YEAR,
    MONTH_ALONE,
    BARE_YEAR,
    WEEKDAY,
    RELATIVE,
)


class RuleListError(Exception):
    """A rule list that cannot work: a programming error, raised at import."""


def _kinds(rules: tuple[ExprRule, ...]) -> dict[str, Kind]:
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        twice = sorted(n for n in set(names) if names.count(n) > 1)
        raise RuleListError(f"time-expression rule names used twice: {', '.join(twice)}")
    kinds: dict[str, Kind] = {}
    for r in rules:
        for kind in r.kinds:
            if kinds.setdefault(kind.name, kind) is not kind:
                raise RuleListError(f"rule {r.name!r} declares kind {kind.name!r} again, "
                                    "with another resolver")
    return kinds


#: Each kind the rules yield, by name, with its resolver.
KINDS: dict[str, Kind] = _kinds(RULES)
