"""Resolution: the days an expression means, by the resolver its kind declares."""

from __future__ import annotations

from datetime import date, timedelta

from generator.ingest.temporal.kinds import week_period
from generator.ingest.temporal.rules import KINDS
from generator.ingest.temporal.values import Period, TimeExpression


def resolve(expr: TimeExpression, ref: date | None, future: bool = False) -> Period | None:
    """The period ``expr`` means, written on ``ref``; None when the text does not settle it.

    Without ``ref`` only expressions that carry their own year resolve: a year is never invented.
    An expression anchored on another event resolves by :func:`shift`, not here.
    """
    if expr.anchored:
        return None
    return KINDS[expr.kind].resolve(expr, ref, future)


def shift(period: Period, expr: TimeExpression) -> Period | None:
    """Resolve an anchored expression ("the same day", "a day after") against an earlier event."""
    if not expr.anchored or expr.offset is None:
        return None
    if expr.unit == "day" and period.precision == "day":
        day = period.first + timedelta(days=expr.offset)
        return Period(day, day, "day")
    if expr.unit == "week" and period.precision in ("day", "week"):
        return week_period(period.first + timedelta(weeks=expr.offset))
    return None
