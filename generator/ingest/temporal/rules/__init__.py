"""The time-expression rules, in one ordered list.

A new expression is one file here declaring an :class:`~generator.ingest.temporal.rule.ExprRule`
(its finder, its kinds, its cues) and one line in :data:`RULES` naming it (``module.NAME``: the
list imports them, so nothing else needs an edit).  A rule may bring a kind of its
own with its resolver; :data:`KINDS` is gathered from the list and checked at import.
"""

from __future__ import annotations

from generator.ingest.chain import ChainError, declared
from generator.ingest.temporal.rule import ExprRule, Kind

#: A rule list that cannot work: a programming error, raised at import.
RuleListError = ChainError


def _declared(*names: str) -> tuple[ExprRule, ...]:
    """The rules named ``module.NAME`` (modules of this package), imported in order."""
    return declared(__name__, *names, kind=ExprRule, what="time-expression rule")


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


#: In order of preference when two matches cover the same words at the same length.
RULES: tuple[ExprRule, ...] = _declared(
    "iso.ISO_DATE",
    "numeric.NUMERIC_DATE",
    "quarter.QUARTER",
    "quarter.QUARTER_ALONE",
    "nth_week.NTH_WEEK",
    "day_dates.MONTH_DAY_RANGE",
    "day_dates.DAY_MONTH_RANGE",
    "day_dates.MONTH_DAY",
    "day_dates.DAY_MONTH",
    "month_year.MONTH_YEAR",
    "month_alone.MONTH_ALONE",
    "bare_year.BARE_YEAR",
    "weekday.WEEKDAY",
    "relative.RELATIVE",
    "weekend.WEEKEND",
)
#: Each kind the rules yield, by name, with its resolver.
KINDS: dict[str, Kind] = _kinds(RULES)
