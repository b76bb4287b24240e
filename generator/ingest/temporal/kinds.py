"""The kinds of time expression and how each resolves: one small function a kind, in one table.

A resolver gets the expression, the day of writing (None when unknown) and whether its clause
speaks of the future.  Without a day of writing only expressions that carry their own year
resolve: a year is never invented.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from generator.ingest.temporal.rule import Kind
from generator.ingest.temporal.values import Period, TimeExpression
from generator.ingest.temporal.words import SEASONS, valid_day

#: How far ahead a bare month name without a word of the future may lie ("in June", written in May).
NEAR_AHEAD_MONTHS = 2

# --- calendar helpers -----------------------------------------------------------------


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def week_period(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6), "week")


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def weekday_on_or_before(ref: date, weekday: int) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def weekday_after(ref: date, weekday: int) -> date:
    return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)


def _year_for(month: int, day: int, ref: date, future: bool) -> int | None:
    """The year that puts month/day nearest ``ref`` on the side the tense says."""
    options = [y for y in (ref.year - 1, ref.year, ref.year + 1) if valid_day(y, month, day)]
    if not options:
        return None
    if future:
        ahead = [y for y in options if date(y, month, day) >= ref]
        return ahead[0] if ahead else None
    return min(options, key=lambda y: (abs((date(y, month, day) - ref).days), date(y, month, day) > ref))


def year_of_month(month: int, offset: int | None, ref: date, future: bool) -> int:
    if offset == -1:
        return ref.year if month < ref.month else ref.year - 1
    if offset == 1:
        return ref.year if month > ref.month else ref.year + 1
    if offset == 0:
        return ref.year
    if future:
        return ref.year if month >= ref.month else ref.year + 1
    # A bare "in July" with no word of the future is in the past, where news mostly is, unless the
    # month is just ahead ("a summit in June", written in May); "held in March", written in
    # November, is the March gone by.
    back = ref.year if month <= ref.month else ref.year - 1
    ahead = ref.year if month > ref.month else ref.year + 1
    back_gap = (ref.year - back) * 12 + ref.month - month
    ahead_gap = (ahead - ref.year) * 12 + month - ref.month
    return ahead if ahead_gap < back_gap and ahead_gap <= NEAR_AHEAD_MONTHS else back


# --- resolvers ------------------------------------------------------------------------


def _date(expr: TimeExpression, ref: date | None, future: bool) -> Period | None:
    assert expr.month is not None and expr.day is not None
    year = expr.year
    if year is None:
        if ref is None:
            return None
        year = _year_for(expr.month, expr.day, ref, future)
        if year is None:
            return None
    day = date(year, expr.month, expr.day)
    return Period(day, day, "day")


def _month(expr: TimeExpression, ref: date | None, future: bool) -> Period | None:
    assert expr.month is not None
    if expr.year is not None:
        return month_period(expr.year, expr.month)
    if ref is None:
        return None
    return month_period(year_of_month(expr.month, expr.offset, ref, future), expr.month)


def _year(expr: TimeExpression, ref: date | None, future: bool) -> Period | None:
    assert expr.year is not None
    return year_period(expr.year)


def _quarter(expr: TimeExpression, ref: date | None, future: bool) -> Period | None:
    assert expr.month is not None
    year = expr.year
    if year is None:
        if ref is None:
            return None
        # The latest such quarter begun by the day of writing, or the next one to end after it.
        begun = date(ref.year, expr.month, 1) <= ref
        ended = month_period(ref.year, expr.month + 2).last < ref
        year = ref.year + (1 if future and ended else 0) - (0 if future or begun else 1)
    last = month_period(year, expr.month + 2).last
    # No precision is finer than a year and coarser than a month: a quarter is dated by its year.
    return Period(date(year, expr.month, 1), last, "year")


def _week(expr: TimeExpression, ref: date | None, future: bool) -> Period | None:
    assert expr.month is not None and expr.day is not None
    year = expr.year
    if year is None:
        if ref is None:
            return None
        year = year_of_month(expr.month, None, ref, future)
    first = expr.day if expr.day > 0 else calendar.monthrange(year, expr.month)[1] - 6
    return week_period(date(year, expr.month, first))


def _weekday(expr: TimeExpression, ref: date | None, future: bool) -> Period | None:
    if ref is None:
        return None
    assert expr.weekday is not None
    if expr.offset == 1 and expr.unit == "week":
        day = ref - timedelta(days=ref.weekday()) + timedelta(weeks=1, days=expr.weekday)
    elif expr.offset == 1:
        day = weekday_after(ref, expr.weekday)
    elif expr.offset is None and future:
        # "The trial resumes Tuesday", written on a Tuesday, is that day: news names the
        # weekday of the day itself rather than "today".
        day = weekday_after(ref - timedelta(days=1), expr.weekday)
    elif expr.offset == -1:
        day = weekday_on_or_before(ref - timedelta(days=1), expr.weekday)
    else:
        day = weekday_on_or_before(ref, expr.weekday)
    return Period(day, day, "day")


def _season(name: str, year: int) -> Period:
    first, last = SEASONS[name]
    if first > last:  # winter: December of ``year`` to February of the next
        return Period(date(year, first, 1), date(year + 1, last, calendar.monthrange(year + 1, last)[1]),
                      "year")
    return Period(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), "year")


#: A relative expression's unit, and the period ``offset`` of them from the day of writing.
_UNIT_PERIODS = {
    "day": lambda ref, offset: Period(ref + timedelta(days=offset), ref + timedelta(days=offset), "day"),
    "week": lambda ref, offset: week_period(ref + timedelta(weeks=offset)),
    "month": lambda ref, offset: month_period(*add_months(ref.year, ref.month, offset)),
    "year": lambda ref, offset: year_period(ref.year + offset),
} | {season: (lambda ref, offset, season=season: _season(season, ref.year + offset)) for season in SEASONS}


def _relative(expr: TimeExpression, ref: date | None, future: bool) -> Period | None:
    unit, offset = expr.unit, expr.offset
    if ref is None or unit is None or offset is None or unit not in _UNIT_PERIODS:
        return None
    return _UNIT_PERIODS[unit](ref, offset)


DATE = Kind("date", _date)
MONTH = Kind("month", _month)
YEAR = Kind("year", _year)
QUARTER = Kind("quarter", _quarter)
WEEK = Kind("week", _week)
WEEKDAY = Kind("weekday", _weekday)
RELATIVE = Kind("relative", _relative)
