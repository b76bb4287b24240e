"""Relative expressions, read from the day of writing ("last week", "two years ago", "tomorrow")
or from an event told before ("the next day", "a week later").

Each pattern is a small declared value with the words it cannot match without and how its match
reads; they run in the order of :data:`RELATIVES`, all as the one rule :data:`RELATIVE` (one rank
when matches of equal length tie).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from generator.ingest.temporal import kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import (
    DAY_WORDS,
    MOD_OFFSETS,
    NUMBER_WORDS,
    PARTS,
    SEASONS,
    UNITS,
    alternatives,
    count,
    holds_any,
    ignorecase_fold,
)

Read = Callable[[re.Match[str], TimeExpression], TimeExpression]


@dataclass(frozen=True)
class Relative:
    name: str
    pattern: re.Pattern[str]
    #: One word of each group must occur in the text (lower case as ``re.IGNORECASE`` sees it):
    #: most sentences lack one, and a substring test is far cheaper than a case-insensitive scan.
    cues: tuple[tuple[str, ...], ...]
    read: Read


def _unit(m: re.Match[str]) -> str:
    return (m["unit"] or m.groupdict().get("unit2") or "").lower()


def _part(m: re.Match[str]) -> str:
    part = m["part"].lower()
    return PARTS.get(part, part)


def _mod(m: re.Match[str]) -> int:
    return MOD_OFFSETS.get(m["mod"].lower(), 0)


def _this_part(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    return replace(base, unit=_unit(m), offset=0, part=_part(m))


def _mod_part(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    return replace(base, unit=_unit(m), offset=_mod(m), part=_part(m))


def _mod_unit(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    return replace(base, unit=_unit(m), offset=_mod(m))


def _ago(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    n = count(m["count"])
    return replace(base, unit=_unit(m), offset=-n if n else None)


def _counted_from_event(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    direction = m["dir"].lower()
    if direction in ("after", "before"):
        # "a day after Trump's remarks": the anchor is the object that follows, not the last event.
        return replace(base, unit=_unit(m), offset=None, anchored=True)
    sign = 1 if direction == "later" else -1
    return replace(base, unit=_unit(m), offset=sign * max(count(m["count"]), 1), anchored=True)


def _named_from_event(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    sign = {"same": 0, "next": 1, "following": 1, "previous": -1}[m["dir"].lower()]
    return replace(base, unit=_unit(m), offset=sign, anchored=True)


def _day_before_after(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    # Like "a day after ...": before or after what the object names, not the last event.
    return replace(base, unit=_unit(m), offset=None, anchored=True)


def _same_as_event(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    return replace(base, unit=_unit(m), offset=0, anchored=True)


def _time_a_year_off(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    # "this time last year": the same month a year back.
    return replace(base, unit="month", offset=_mod(m) * 12)


def _day_word(m: re.Match[str], base: TimeExpression) -> TimeExpression:
    word = re.sub(r"\s+", " ", m["word"].lower())
    return replace(base, unit="day", offset=DAY_WORDS.get(word, 0))


def _counts(most: int) -> str:
    return r"\d{1,2}|" + alternatives(w for w, n in NUMBER_WORDS.items() if 1 <= n <= most)


_DUW = ("day", "week", "month", "year")
_PARTS = "(?P<part>" + alternatives(p for p in PARTS if p not in ("earlier", "later")) + ")"
_DAY_WORDS = alternatives(w for w in DAY_WORDS if " " not in w)


def _relative(name: str, pattern: str, cues: tuple[tuple[str, ...], ...], read: Read) -> Relative:
    return Relative(name, re.compile(pattern, re.IGNORECASE), cues, read)


#: In order of preference when two matches tie.
RELATIVES: tuple[Relative, ...] = (
    _relative("earlier_this", r"\b(?P<part>earlier|later)\s+this\s+" + UNITS + r"\b",
              (("this",), ("earlier", "later")), _this_part),
    _relative("early_last", r"\b(?P<part>early|late|mid)[\s-]+(?P<mod>last|this|next)\s+" + UNITS + r"\b",
              (("early", "late", "mid"), ("last", "this", "next")), _mod_part),
    _relative("end_of_last",
              r"\b(?:the\s+)?" + _PARTS + r"\s+of\s+(?P<mod>last|this|next)\s+" + UNITS + r"\b",
              (("of",), ("last", "this", "next"), ("end", "beginning", "start", "middle")), _mod_part),
    _relative("last_week", r"\b(?P<mod>last|this|next|coming)\s+" + UNITS + r"\b",
              (("last", "this", "next", "coming"),), _mod_unit),
    # "the following day" leans on the event before it; "the coming week" on the day of writing.
    _relative("the_past_week", r"\bthe\s+(?P<mod>past|coming)\s+" + UNITS + r"\b",
              (("the",), ("past", "coming")), _mod_unit),
    _relative("the_previous_month", r"\bthe\s+(?P<mod>previous|following)\s+(?P<unit>"
              + "|".join(("month", "year", *SEASONS)) + r")\b",
              (("the",), ("previous", "following")), _mod_unit),
    _relative("ago", r"\b(?P<count>" + _counts(12) + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b",
              (("ago",), _DUW), _ago),
    _relative("later", r"\b(?P<count>" + _counts(10) + r")\s+"
              r"(?P<unit>day|week|month|year)s?\s+(?P<dir>later|after|earlier|before)\b",
              (("later", "after", "earlier", "before"), _DUW), _counted_from_event),
    _relative("the_next_day",
              r"\bthe\s+(?P<dir>same|next|following|previous)\s+(?P<unit>day|week|month|year)\b",
              (("the",), ("same", "next", "following", "previous"), _DUW), _named_from_event),
    _relative("the_day_before", r"\bthe\s+(?P<unit>day)\s+(?P<dir>before|after)\b",
              (("the",), ("day",), ("before", "after")), _day_before_after),
    _relative("that_day",
              r"\b(?:earlier|later)\s+that\s+(?P<unit>day|week)\b|\bthat\s+same\s+(?P<unit2>day|week)\b",
              (("that",), ("day", "week")), _same_as_event),
    _relative("this_time_last_year", r"\bthis\s+time\s+(?P<mod>last|next)\s+year\b",
              (("this",), ("time",), ("last", "next")), _time_a_year_off),
    _relative("end_of_the_week", r"\b(?:the\s+)?" + _PARTS + r"\s+of\s+the\s+(?P<unit>week|month|year)\b",
              (("of",), ("the",), ("end", "beginning", "start", "middle"), ("week", "month", "year")),
              _this_part),
    _relative("today", r"\b(?P<word>" + _DAY_WORDS + r")\b",
              (tuple(w for w in DAY_WORDS if " " not in w),), _day_word),
    _relative("this_morning", r"\b(?P<word>this\s+(?:morning|afternoon|evening)|last\s+night)\b",
              (("morning", "afternoon", "evening", "night"),), _day_word),
)

#: Every relative pattern names a unit or a part of the day: a sentence without one is skipped whole.
_UNIT_CUES = ("day", "week", "month", "year", *SEASONS, "tomorrow", "night", "morning", "afternoon",
              "evening")


def _find(text: str) -> Iterator[TimeExpression]:
    low = ignorecase_fold(text)
    if not holds_any(low, _UNIT_CUES):
        return
    for relative in RELATIVES:
        if all(holds_any(low, group) for group in relative.cues):
            for m in relative.pattern.finditer(text):
                yield relative.read(m, TimeExpression(m.start(), m.end(), m.group(), "relative"))


RELATIVE = ExprRule("relative", _find, (kinds.RELATIVE,))
