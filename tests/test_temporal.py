"""Time expressions: what is found (and what is not), resolution, sentences; property tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.parse import split_sentences
from generator.ingest.temporal import (
    TimeExpression,
    find_time_expressions,
    is_future,
    resolve,
    shift,
)

# (text, expected [(expression text, kind, year, month, day)])
FOUND = [
    ("Published January 8, 2025 in Copenhagen.", [("January 8, 2025", "date", 2025, 1, 8)]),
    ("14 September 2023, Russia, Uglegorsk: Putin", [("14 September 2023", "date", 2023, 9, 14)]),
    ("Trump, who takes office on Jan. 20, said", [("Jan. 20", "date", None, 1, 20)]),
    ("told the committee on Wednesday, January 28th, that",
     [("Wednesday, January 28th", "date", None, 1, 28)]),
    ("The report is dated 2025-01-08.", [("2025-01-08", "date", 2025, 1, 8)]),
    ("took place on March 19 and 20, with", [("March 19 and 20", "date", None, 3, 19)]),
    ("in Reykjavik on May 19 and 20, 2021.", [("May 19 and 20, 2021", "date", 2021, 5, 19)]),
    ("The talks run 19-21 May in Geneva.", [("19-21 May", "date", None, 5, 19)]),
    ("founded in September 1948 with", [("September 1948", "month", 1948, 9, None)]),
    ("visited Pyongyang in July 2000 for", [("July 2000", "month", 2000, 7, None)]),
    ("The White House announced in April that", [("April", "month", None, 4, None)]),
    ("a summit in June.", [("June", "month", None, 6, None)]),
    ("After taking over in 1999, he", [("1999", "year", 1999, None, None)]),
    ("after the 1991 collapse of the Soviet Union", [("1991", "year", 1991, None, None)]),
    ("following China's 2018 declaration as", [("2018", "year", 2018, None, None)]),
    ("between 2019 and 2020 prices rose", [("2019", "year", 2019, None, None),
                                           ("2020", "year", 2020, None, None)]),
    ("The two leaders met on Wednesday.", [("Wednesday", "weekday", None, None, None)]),
    ("Last week, during the forum", [("Last week", "relative", None, None, None)]),
    ("Earlier this month, the ministers met", [("Earlier this month", "relative", None, None, None)]),
    ("Released late last year, the policy", [("late last year", "relative", None, None, None)]),
    ("a summit in Europe this summer to discuss", [("this summer", "relative", None, None, None)]),
    ("They will meet next week.", [("next week", "relative", None, None, None)]),
    ("The negotiations start today, and", [("today", "relative", None, None, None)]),
    ("It rained yesterday.", [("yesterday", "relative", None, None, None)]),
    ("The same day, his son visited.", [("The same day", "relative", None, None, None)]),
    ("held talks, a day after the remarks", [("a day after", "relative", None, None, None)]),
    ("Last month, the court changed its arms.", [("Last month", "relative", None, None, None)]),
]

NOT_DATES = [
    "after the 70-year-old Putin showed Kim, 39, around",
    "has been part of Denmark for 600 years although its 57,000 people",
    "consisting of 32 member countries, has been",
    "expelling 10 diplomats, including officials",
    "about 200 kilometers from the city",
    "a crowd of 2000 people gathered",
    "Theresa May said the plan would march on.",
    "You may march in and out; 1500 troops left.",
    "Lavrov 17 had warned Western countries",
]


@pytest.mark.parametrize("text, expected", FOUND, ids=[t for t, _ in FOUND])
def test_found(text: str, expected: list[tuple[str, str, int | None, int | None, int | None]]) -> None:
    got = [(e.text, e.kind, e.year, e.month, e.day) for e in find_time_expressions(text)]
    assert got == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_time_expressions(text) == ()


def test_range_and_weekday_fields() -> None:
    (rng,) = find_time_expressions("on May 19 and 20, 2021.")
    assert (rng.day, rng.day_end) == (19, 20)
    (dated,) = find_time_expressions("on Wednesday, January 28th, that")
    assert dated.weekday == 2 and dated.year is None


def test_relative_fields() -> None:
    (e,) = find_time_expressions("Released late last year, the policy")
    assert (e.unit, e.offset, e.part) == ("year", -1, "late")
    (e,) = find_time_expressions("two weeks ago")
    assert (e.unit, e.offset) == ("week", -2)


def _one(text: str) -> TimeExpression:
    (e,) = find_time_expressions(text)
    return e


PUB = date(2026, 1, 28)  # a Wednesday


@pytest.mark.parametrize("text, future, label, precision", [
    ("on Wednesday", False, "2026-01-28", "day"),
    ("on Tuesday", False, "2026-01-27", "day"),
    ("on Thursday", False, "2026-01-22", "day"),
    ("on Thursday", True, "2026-01-29", "day"),
    # Written on a Wednesday, "will vote on Wednesday" is later that day: news names the weekday of
    # the day itself (AP style), and says "next Wednesday" for the one after.
    ("on Wednesday", True, "2026-01-28", "day"),
    ("last week", False, "2026-01-19", "week"),
    ("next week", False, "2026-02-02", "week"),
    ("earlier this month", False, "2026-01", "month"),
    ("last month", False, "2025-12", "month"),
    ("late last year", False, "2025", "year"),
    ("in July", False, "2025-07", "month"),
    ("in December", False, "2025-12", "month"),
    ("in February", False, "2026-02", "month"),
    ("in December", True, "2026-12", "month"),
    ("yesterday", False, "2026-01-27", "day"),
    ("on February 27", True, "2026-02-27", "day"),
    ("on December 30", False, "2025-12-30", "day"),
    ("in September 1948", False, "1948-09", "month"),
    ("in 1999", False, "1999", "year"),
])
def test_resolve(text: str, future: bool, label: str, precision: str) -> None:
    period = resolve(_one(text), PUB, future)
    assert period is not None
    assert (period.label, period.precision) == (label, precision)


@pytest.mark.parametrize("text", ["on Wednesday", "on February 27", "last week", "in July", "today"])
def test_without_a_reference_nothing_relative_resolves(text: str) -> None:
    assert resolve(_one(text), None) is None


def test_anchored_shift() -> None:
    base = resolve(_one("on Tuesday"), PUB)
    assert base is not None
    same = shift(base, _one("The same day"))
    nxt = shift(base, _one("the next day"))
    assert same is not None and nxt is not None
    assert (same.label, nxt.label) == ("2026-01-27", "2026-01-28")
    assert shift(base, _one("a day after")) is None  # its anchor is the words that follow


def test_split_sentences_keeps_abbreviations() -> None:
    text = ("U.S. Secretary of State Marco Rubio spoke on Jan. 20 in Washington. "
            "He met Mr. Smith. The U.S. The talks go on.")
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == ["U.S. Secretary of State Marco Rubio spoke on Jan. 20 in Washington.",
                   "He met Mr. Smith.", "The U.S.", "The talks go on."]


@pytest.mark.parametrize("text, expected", [
    ("Kim is due on Thursday to visit factories", True),
    ("diplomats are set to meet in Istanbul on February 27 to discuss", True),
    ("The negotiations start today, and this will be an ongoing process", False),
    ("the two leaders celebrated on Wednesday", False),
])
def test_is_future(text: str, expected: bool) -> None:
    e = find_time_expressions(text)[0]
    assert is_future(text, e.start, e.end) is expected


# --- properties -------------------------------------------------------------

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
SHORT = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


FORMATS = [
    lambda d: f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}",
    lambda d: f"{SHORT[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{MONTH_NAMES[d.month - 1]} {_ordinal(d.day)}, {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{WEEKDAY_NAMES[d.weekday()]}, {MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
]


@settings(max_examples=300)
@given(day=st.dates(min_value=date(1500, 1, 1), max_value=date(2099, 12, 31)),
       fmt=st.sampled_from(range(len(FORMATS))),
       before=st.text(alphabet="abcdefghij ,.", max_size=30),
       after=st.text(alphabet="abcdefghij ,.", max_size=30))
def test_formatted_date_round_trips(day: date, fmt: int, before: str, after: str) -> None:
    written = FORMATS[fmt](day)
    text = f"{before} on {written} {after}"
    start = len(before) + 4
    hits = [e for e in find_time_expressions(text) if e.start == start]
    assert len(hits) == 1, (text, find_time_expressions(text))
    e = hits[0]
    assert e.text == written
    assert (e.year, e.month, e.day) == (day.year, day.month, day.day)
    if fmt == 5:
        assert e.weekday == day.weekday()


@settings(max_examples=500)
@given(st.text())
def test_no_text_crashes_and_spans_are_inside(text: str) -> None:
    found = find_time_expressions(text)
    last = 0
    for e in found:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        assert e.start >= last  # in order, never overlapping
        last = e.end
    for a, b in split_sentences(text):
        assert 0 <= a < b <= len(text)


NEWSY = st.lists(st.sampled_from(
    ["on", "in", "May", "March", "19", "20", "and", "2021", "Wednesday", ",", "last", "week", "the",
     "1991", "Jan.", "28th", "-", "of", "today", "70-year-old", "39", "years", "same", "day", "."]),
    max_size=25).map(" ".join)


@settings(max_examples=500)
@given(NEWSY, st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_newsy_text_resolves_without_crashing(text: str, ref: date, future: bool) -> None:
    for e in find_time_expressions(text):
        assert text[e.start:e.end] == e.text
        period = resolve(e, ref, future)
        if period is not None:
            assert period.first <= period.last
        assert resolve(e, None, future) is None or e.year is not None


# The weekend, written on a Saturday, a Sunday, a Monday and a Wednesday of January 2026: the week
# that holds it, by its Monday (2026-01-12 the week before, 01-19 this one, 01-26 the next).
@pytest.mark.parametrize("text, written, future, monday", [
    ("over the weekend", date(2026, 1, 21), False, "2026-01-12"),
    ("over the weekend", date(2026, 1, 19), False, "2026-01-12"),
    ("over the weekend", date(2026, 1, 24), False, "2026-01-19"),  # under way
    ("over the weekend", date(2026, 1, 25), False, "2026-01-19"),
    ("at the weekend", date(2026, 1, 21), True, "2026-01-19"),
    ("this weekend", date(2026, 1, 19), True, "2026-01-19"),
    ("this past weekend", date(2026, 1, 21), False, "2026-01-12"),
    ("last weekend", date(2026, 1, 25), False, "2026-01-12"),
    ("last weekend", date(2026, 1, 19), False, "2026-01-12"),
    ("next weekend", date(2026, 1, 21), True, "2026-01-26"),
    ("next weekend", date(2026, 1, 25), True, "2026-01-26"),
])
def test_the_weekend(text: str, written: date, future: bool, monday: str) -> None:
    period = resolve(_one(text), written, future)
    assert period is not None
    assert (period.label, period.precision) == (monday, "week")
    assert resolve(_one(text), None) is None


@pytest.mark.parametrize("text", ["She works weekends.", "spent a weekend in Rome",
                                  "the weekend before the vote", "a weekender bag"])
def test_no_weekend_in_particular(text: str) -> None:
    assert find_time_expressions(text) == ()


def test_the_weekend_of_a_date_is_that_date() -> None:
    assert [e.text for e in find_time_expressions("The weekend of March 7 saw clashes.")] == ["March 7"]


def test_the_rule_list_is_checked_when_declared() -> None:
    """A kind declared twice with two resolvers, or a name that is no rule, fails at import."""
    from generator.ingest.temporal import rules
    from generator.ingest.temporal.rule import ExprRule, Kind

    other = ExprRule("other_date", lambda text: iter(()), (Kind("date", lambda e, ref, future: None),))
    with pytest.raises(rules.RuleListError, match="kind 'date' again"):
        rules._kinds((*rules.RULES, other))
    with pytest.raises(rules.RuleListError, match="not a time-expression rule"):
        rules._declared("weekday.pattern")
    assert set(rules.KINDS) >= {"date", "month", "year", "weekday", "relative", "quarter", "week", "weekend"}
