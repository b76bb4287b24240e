"""Time expressions in English news text, with character spans.

    str --find_time_expressions--> TimeExpression*      (what the words say)
    TimeExpression + reference date --resolve--> Period  (which days they mean)

Finding is a list of small rules, each a regex plus a check, run in order;
overlapping matches are settled longest-first, then a weekday directly before
a date ("Wednesday, January 28th") is folded into that date.  Nothing here
knows about any article: month and weekday names, relative phrases and the
words that make a bare number a year are general English, kept in the tables
below.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from generator.model import Precision

Kind = Literal["date", "month", "year", "weekday", "relative", "quarter", "week"]

# --- general knowledge ----------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_FULL_MONTHS = frozenset(tuple(MONTHS)[:12])
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
#: Northern-hemisphere seasons as (first month, last month); winter spans the new year.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2),
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0, "few": 0,
}
#: Words right before a bare month or four-digit number that make it a time ("in April", "since 1999").
TIME_PREPOSITIONS = frozenset({
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "through", "throughout",
    "early", "late", "mid", "around", "circa", "between", "last", "this", "next", "year", "spring",
    "summer", "autumn", "fall", "winter", "end", "beginning", "start", "middle", "of", "to", "and",
    "or", "as", "late-", "early-", "mid-", "for",
})
#: For "of": only "the end of 2020", "summer of 1948", not "a crowd of 2000".
OF_HEADS = frozenset({"end", "beginning", "start", "middle", "spring", "summer", "autumn", "fall",
                      "winter", "year", "half", "quarter", "months", "course", "rest"})
#: For "and"/"or"/"to"/"for"/"as": only after another year ("2019 and 2020"), checked in code.
NEEDS_YEAR_BEFORE = frozenset({"and", "or", "to", "for", "as"})
#: Words after a four-digit number that show it is a count or a measure, not a year.
COUNT_WORDS = frozenset({
    "people", "persons", "person", "troops", "soldiers", "men", "women", "children", "residents",
    "km", "kilometers", "kilometres", "miles", "meters", "metres", "feet", "tons", "tonnes",
    "years", "year", "days", "months", "weeks", "hours", "percent", "dollars", "euros", "members",
    "votes", "units", "pieces", "cases", "deaths", "times", "points", "words",
})
#: Capitalised words that make a weekday after them the name of a day ("Black Friday", "Super Bowl
#: Sunday", "Easter Monday"), not a weekday of the story.
NAMED_DAY_WORDS = frozenset({
    "Black", "Cyber", "Super", "Bowl", "Good", "Easter", "Palm", "Ash", "Holy", "Maundy", "Shrove",
    "Bloody", "Giving", "Selection", "Business", "Whit", "Boxing",
})
#: Words before a weekday that leave it a time, even when a capitalised word follows ("on Monday
#: Trump said").
_WEEKDAY_LEADS = frozenset({
    "on", "by", "until", "till", "since", "from", "before", "after", "last", "this", "next", "coming",
    "late", "early", "through", "and", "or", "to", "said", "says", "told", "that",
})
#: Words that put a clause in the future ("is due on Thursday", "are set to meet", "will").
FUTURE_RE = re.compile(
    r"\b(?:will|won['’]t|shall|(?:is|are|was|were)\s+(?:due|set|scheduled|slated|expected|poised|going)"
    r"|(?:is|are)\s+(?:forecast|predicted|likely|expected)"
    r"|(?:aims?|intends?|expects?|hopes?|seeks?|wants?|promised|pledged|vowed|plans)\s+to"
    r"|expects?\s+(?:[\w'’]+\s+){1,3}to\s"  # "we expect tariffs to weigh"
    r"|due\s+to\s+(?:be|begin|start|arrive|take|meet|open|close|end|expire|finish|resume|return|launch"
    r"|vote|testify|appear|face|report|hold|visit|sign|travel|speak|announce|deliver|release|rule"
    r"|decide|leave|land|depart|go|come|hear|publish|air|kick|tip|play|debut)\b"  # not "due to the rain"
    r"|set\s+to|scheduled|slated|plans?\s+to|planned|upcoming|to\s+be\s+held|takes?\s+office)\b",
    re.IGNORECASE,
)
#: Future in the past ("would be phased out"), not the conditional perfect ("would have hurt").
_WOULD_RE = re.compile(r"\bwould(?!\s+(?:have|not\s+have|'ve)\b)\b", re.IGNORECASE)
#: How far ahead a bare month name without a word of the future may lie ("in June", written in May).
NEAR_AHEAD_MONTHS = 2
#: The future said outright, in the present: what a story written later could not say this way.
PLAIN_FUTURE_RE = re.compile(
    r"\b(?:will|shall|won['’]t|(?:is|are)\s+(?:due|set|scheduled|slated|expected|going)|upcoming)\b",
    re.IGNORECASE,
)

# --- values ---------------------------------------------------------------


@dataclass(frozen=True)
class TimeExpression:
    """One time expression as the text writes it; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    kind: Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    #: Last day of a range: "March 19 and 20" has day 19, day_end 20.
    day_end: int | None = None
    weekday: int | None = None  # 0 = Monday
    #: "last"/"this"/"next" as -1/0/1 (weekday, month, relative); None when not said.
    offset: int | None = None
    #: Relative unit: day, week, month, year, or a season name.
    unit: str | None = None
    #: "early", "mid", "late" of a relative period.
    part: str | None = None
    #: Relative to another event ("a day after", "the same day"), not to the day of writing.
    anchored: bool = False

    @property
    def is_full_date(self) -> bool:
        return self.kind == "date" and self.year is not None


@dataclass(frozen=True)
class Period:
    """The days an expression means, and how precisely."""

    first: date
    last: date
    precision: Precision

    @property
    def label(self) -> str:
        """The ``Event.date`` string: a day, a week's Monday, ``YYYY-MM`` or ``YYYY``."""
        if self.precision in ("day", "week"):
            return self.first.isoformat()
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return f"{self.first.year:04d}"


# --- patterns -------------------------------------------------------------

_MONTH = (r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)(?![A-Za-z])")
_DAY = r"(?<![\d.,:/])(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:/%]|\.\d|-year|\s*(?:%|percent))"
_YEAR = r"(?P<year>1\d{{3}}|20\d{{2}})(?![\d%])"
_RANGE_SEP = r"\s*(?:-|–|—|and|to|through|until)\s*"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"


def _p(template: str) -> re.Pattern[str]:
    return re.compile(
        template.format(MONTH=_MONTH.format(g="month"), DAY=_DAY.format(g="day"),
                        DAY2=_DAY.format(g="day_end"), YEAR=_YEAR.format(), SEP=_RANGE_SEP,
                        WEEKDAY=_WEEKDAY)
    )


_ISO = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d-])")
_MONTH_DAY_RANGE = _p(r"{MONTH}\s+{DAY}{SEP}{DAY2}(?:,?\s+{YEAR})?")
_DAY_MONTH_RANGE = _p(r"{DAY}{SEP}{DAY2}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?")
_MONTH_DAY = _p(r"{MONTH}\s+{DAY}(?:,?\s+{YEAR})?")
_DAY_MONTH = _p(r"{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?")
_MONTH_YEAR = _p(r"{MONTH},?\s+(?:of\s+)?{YEAR}")
_MONTH_ALONE = _p(r"(?:(?P<mod>last|this|next|early|late|mid)[\s-]+)?{MONTH}")
_BARE_YEAR = re.compile(r"(?:(?<![\w$€£.,/-])|(?<=\b[Pp]re-)|(?<=\b[Pp]ost-)|(?<=\b[Mm]id-))"
                        r"(?P<year>1[5-9]\d{2}|20\d{2})(?![\w%]|[.,]\d|-year|-strong)")
_WEEKDAY_RE = _p(r"(?:(?P<mod>last|this|next|coming)\s+)?{WEEKDAY}(?:['’]s)?")

_UNITS = r"(?P<unit>day|week|month|year|spring|summer|autumn|fall|winter)"
_RELATIVE: tuple[tuple[re.Pattern[str], dict[str, object]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), fields)
    for pattern, fields in (
        (r"\b(?P<part>earlier|later)\s+this\s+" + _UNITS + r"\b", {"offset": 0}),
        (r"\b(?P<part>early|late|mid)[\s-]+(?P<mod>last|this|next)\s+" + _UNITS + r"\b", {}),
        (r"\b(?:the\s+)?(?P<part>end|beginning|start|middle)\s+of\s+(?P<mod>last|this|next)\s+" + _UNITS
         + r"\b", {}),
        (r"\b(?P<mod>last|this|next|coming)\s+" + _UNITS + r"\b", {}),
        # "the following day" leans on the event before it; "the coming week" on the day of writing.
        (r"\bthe\s+(?P<mod>past|coming)\s+" + _UNITS + r"\b", {}),
        (r"\bthe\s+(?P<mod>previous|following)\s+(?P<unit>month|year|spring|summer|autumn|fall|winter)\b",
         {}),
        (r"\b(?P<count>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
         r"(?P<unit>day|week|month|year)s?\s+ago\b", {"sign": -1}),
        (r"\b(?P<count>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
         r"(?P<unit>day|week|month|year)s?\s+(?P<dir>later|after|earlier|before)\b", {"anchored": True}),
        (r"\bthe\s+(?P<dir>same|next|following|previous)\s+(?P<unit>day|week|month|year)\b",
         {"anchored": True}),
        (r"\bthe\s+(?P<unit>day)\s+(?P<dir>before|after)\b", {"anchored": True, "count": 1}),
        (r"\b(?:earlier|later)\s+that\s+(?P<unit>day|week)\b|\bthat\s+same\s+(?P<unit2>day|week)\b",
         {"anchored": True}),
        (r"\bthis\s+time\s+(?P<mod>last|next)\s+year\b", {"unit": "month", "months": 12}),
        (r"\b(?:the\s+)?(?P<part>end|beginning|start|middle)\s+of\s+the\s+(?P<unit>week|month|year)\b",
         {"offset": 0}),
        (r"\b(?P<word>today|tonight|yesterday|tomorrow)\b", {}),
        (r"\b(?P<word>this\s+(?:morning|afternoon|evening)|last\s+night)\b", {}),
    )
)
_WORD_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}
_MOD_OFFSETS = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1, "following": 1}

# Precompiled: these run for every sentence, and the re module's cache lookup costs as much as
# a short match.
_WORD_OR_YEAR = re.compile(r"[A-Za-z]+-?|\d{4}")
_NEXT_WORD = re.compile(r"\s*[\"“‘']?([A-Za-z]+)")
_WORD_YEAR_OR_POSSESSIVE = re.compile(r"[A-Za-z]+|\d{4}|['’]s")
_PART_HYPHEN_END = re.compile(r"(?:mid|early|late|pre|post)-\s*$", re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR_DASH_END = re.compile(r"\d{4}\s*[-–]\s*$")
_WHITESPACE = re.compile(r"\s+")
_WEEKDAY_JOINER = re.compile(r",?\s*(?:the\s+)?")

# --- rules ----------------------------------------------------------------

Rule = Callable[[str], Iterator[TimeExpression]]


def _month(value: str) -> int:
    return MONTHS[value.lower().rstrip(".")]


def _valid_day(year: int | None, month: int, day: int) -> bool:
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    return 1 <= day <= last


_NUMERIC = re.compile(r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)"
                      r"(?P<year>(?:1[89]|20)\d{2})(?![\w/]|[.,]\d)")
_QUARTER = re.compile(r"\b(?:Q(?P<q>[1-4])|(?:the\s+)?(?P<nth>first|second|third|fourth)\s+quarter"
                      r"\s+(?:of\s+)?)\s*(?:of\s+)?(?P<year>(?:19|20)\d{2})(?![\d%])", re.IGNORECASE)
_NTH_WEEK = _p(r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+{MONTH}"
               r"(?:,?\s+{YEAR})?")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}


def _numeric_dates(text: str) -> Iterator[TimeExpression]:
    """"13/03/2024", "3/13/2024", "05.03.2024".  Dots are day-first (European); with slashes the
    part over 12 is the day, and when both parts could be a month ("3/4/2024": 3 April or March 4)
    only the year is certain, so only the year is kept."""
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if m["sep"] == "." or a > 12:
            day, month = a, b
        elif b > 12 or a == b:
            day, month = b, a
        else:
            yield TimeExpression(m.start(), m.end(), m.group(), "year", year)
            continue
        if 1 <= month <= 12 and _valid_day(year, month, day):
            yield TimeExpression(m.start(), m.end(), m.group(), "date", year, month, day)


def _quarters(text: str) -> Iterator[TimeExpression]:
    for m in _QUARTER.finditer(text):
        q = int(m["q"]) if m["q"] else _ORDINALS[m["nth"].lower()]
        yield TimeExpression(m.start(), m.end(), m.group(), "quarter", int(m["year"]), 3 * q - 2)


#: "in the first quarter" with no year: the quarter of the year the story speaks from.
_QUARTER_ALONE = re.compile(r"\b(?:in|during|for|over|from|since|by)\s+the\s+"
                            r"(?P<nth>first|second|third|fourth)\s+quarter\b(?!\s+(?:of\s+)?(?:19|20)\d{2})",
                            re.IGNORECASE)


def _quarters_alone(text: str) -> Iterator[TimeExpression]:
    for m in _QUARTER_ALONE.finditer(text):
        start = m.start("nth") - (4 if text[m.start("nth") - 4:m.start("nth")].lower() == "the " else 0)
        yield TimeExpression(start, m.end(), text[start:m.end()], "quarter", None,
                             3 * _ORDINALS[m["nth"].lower()] - 2)


def _nth_weeks(text: str) -> Iterator[TimeExpression]:
    # ``day`` is the week's first day in the month; -1 for the last week, whose start needs the year.
    for m in _NTH_WEEK.finditer(text):
        nth = _ORDINALS[m["nth"].lower()]
        yield TimeExpression(m.start(), m.end(), m.group(), "week", int(m["year"]) if m["year"] else None,
                             _month(m["month"]), 7 * nth - 6 if nth > 0 else -1)


def _iso_dates(text: str) -> Iterator[TimeExpression]:
    for m in _ISO.finditer(text):
        year, month, day = int(m["year"]), int(m["month"]), int(m["day"])
        if 1 <= month <= 12 and _valid_day(year, month, day):
            yield TimeExpression(m.start(), m.end(), m.group(), "date", year, month, day)


def _day_dates(pattern: re.Pattern[str]) -> Rule:
    def rule(text: str) -> Iterator[TimeExpression]:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = _month(m["month"])
            year = int(groups["year"]) if groups.get("year") else None
            day = int(m["day"])
            day_end = int(groups["day_end"]) if groups.get("day_end") else None
            if not _valid_day(year, month, day):
                continue
            if day_end is not None and (day_end <= day or not _valid_day(year, month, day_end)):
                continue
            yield TimeExpression(m.start(), m.end(), m.group(), "date", year, month, day, day_end)

    rule.__name__ = f"dates_{pattern.pattern[:20]}"
    return rule


def _month_years(text: str) -> Iterator[TimeExpression]:
    for m in _MONTH_YEAR.finditer(text):
        yield TimeExpression(m.start(), m.end(), m.group(), "month", int(m["year"]), _month(m["month"]))


def _words_before(text: str, start: int, n: int = 2) -> list[str]:
    return _WORD_OR_YEAR.findall(text[max(0, start - 40):start])[-n:]


def _months_alone(text: str) -> Iterator[TimeExpression]:
    # A bare month name is also a verb or a name ("May", "March"): it needs a time word before it.
    for m in _MONTH_ALONE.finditer(text):
        mod = (m["mod"] or "").lower()
        before = [w.lower().rstrip("-") for w in _words_before(text, m.start())]
        if not mod and not (before and before[-1] in TIME_PREPOSITIONS - NEEDS_YEAR_BEFORE - {"of"}):
            continue
        if m["month"].lower().rstrip(".") not in _FULL_MONTHS:
            continue  # "Jan" or "Mar" alone is too easily something else
        offset = _MOD_OFFSETS.get(mod)
        yield TimeExpression(m.start(), m.end(), m.group(), "month", None, _month(m["month"]),
                             offset=offset, part=mod if mod in ("early", "late", "mid") else None)


def _bare_years(text: str) -> Iterator[TimeExpression]:
    for m in _BARE_YEAR.finditer(text):
        after = _NEXT_WORD.match(text[m.end():m.end() + 30])
        next_word = after.group(1) if after else ""
        if next_word.lower() in COUNT_WORDS:
            continue
        if _year_context(text, m.start(), next_word):
            yield TimeExpression(m.start(), m.end(), m.group(), "year", int(m["year"]))


def _year_context(text: str, start: int, next_word: str) -> bool:
    before = text[max(0, start - 40):start]
    words = _WORD_YEAR_OR_POSSESSIVE.findall(before)
    if not words:
        return False
    last = words[-1].lower()
    prev = words[-2].lower() if len(words) > 1 else ""
    if _PART_HYPHEN_END.search(before):
        return True
    if last == "of":
        return prev in OF_HEADS
    if last in NEEDS_YEAR_BEFORE:
        return bool(_FOUR_DIGITS.fullmatch(prev))
    if _YEAR_DASH_END.search(before):
        return True
    if last in TIME_PREPOSITIONS:
        return True
    # "the 1991 collapse", "China's 2018 declaration", "the 2018 NFL Draft": a year used as an
    # adjective before a noun or a name.
    return last in ("the", "'s", "’s", "its", "their", "his", "her") and bool(next_word)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")


def _names_a_day(text: str, start: int, end: int) -> bool:
    """"Super Bowl Sunday", "the Sunday Times", "Earn Your Sunday Bucket Belt": a weekday inside a
    name or a title, not a day of the story."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    word = before.group(1) if before else ""
    if word in NAMED_DAY_WORDS:
        return True
    if not word or word.lower() in _WEEKDAY_LEADS or not _CAPITAL_AFTER.match(text, end):
        return False
    return word[0].isupper() or word in ("the", "a", "your", "my", "our", "his", "her", "their")


def _weekdays(text: str) -> Iterator[TimeExpression]:
    for m in _WEEKDAY_RE.finditer(text):
        if not m["mod"] and _names_a_day(text, m.start(), m.end()):
            continue
        mod = (m["mod"] or "").lower()
        # "next Tuesday" is the Tuesday of next week; "this coming Tuesday" the nearest one.
        yield TimeExpression(m.start(), m.end(), m.group(), "weekday",
                             weekday=WEEKDAYS[m["weekday"].lower()], offset=_MOD_OFFSETS.get(mod),
                             unit="week" if mod == "next" else None)


#: What each relative pattern cannot match without, in ``_RELATIVE``'s order: one word of each
#: group.  Most sentences lack one of a pattern's groups, and a substring test is far cheaper
#: than a case-insensitive regex scan.
_DUW = ("day", "week", "month", "year")
_RELATIVE_CUES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("this",), ("earlier", "later")),
    (("early", "late", "mid"), ("last", "this", "next")),
    (("of",), ("last", "this", "next"), ("end", "beginning", "start", "middle")),
    (("last", "this", "next", "coming"),),
    (("the",), ("past", "coming")),
    (("the",), ("previous", "following")),
    (("ago",), _DUW),
    (("later", "after", "earlier", "before"), _DUW),
    (("the",), ("same", "next", "following", "previous"), _DUW),
    (("the",), ("day",), ("before", "after")),
    (("that",), ("day", "week")),
    (("this",), ("time",), ("last", "next")),
    (("of",), ("the",), ("end", "beginning", "start", "middle"), ("week", "month", "year")),
    (("today", "tonight", "yesterday", "tomorrow"),),
    (("morning", "afternoon", "evening", "night"),),
)
#: Every relative pattern names a unit or a part of the day: a sentence without one is skipped whole.
_RELATIVE_UNITS = ("day", "week", "month", "year", "spring", "summer", "autumn", "fall", "winter",
                   "tomorrow", "night", "morning", "afternoon", "evening")
#: The non-ASCII letters that ``re.IGNORECASE`` matches to an ASCII one but ``str.lower`` does not map
#: there; folded so the substring cues never miss what the patterns would match.
_IGNORECASE_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def ignorecase_fold(text: str) -> str:
    """Lower case as ``re.IGNORECASE`` sees it, for cheap substring cues before a pattern runs."""
    if not text.isascii():
        for odd, letter in _IGNORECASE_FOLD:
            if odd in text:
                text = text.replace(odd, letter)
    return text.lower()


def _relatives(text: str) -> Iterator[TimeExpression]:
    low = ignorecase_fold(text)
    if not _holds_any(low, _RELATIVE_UNITS):
        return
    for (pattern, fields), groups in zip(_RELATIVE, _RELATIVE_CUES, strict=True):
        if all(_holds_any(low, group) for group in groups):
            for m in pattern.finditer(text):
                yield _relative(m, fields)


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    # Runs a dozen times per sentence.
    for word in words:  # noqa: SIM110 - any() over a generator costs twice as much here
        if word in text:
            return True
    return False


def _relative(m: re.Match[str], fields: dict[str, object]) -> TimeExpression:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    base = TimeExpression(m.start(), m.end(), m.group(), "relative")
    if "word" in g:
        word = _WHITESPACE.sub(" ", g["word"].lower())
        return replace(base, unit="day", offset=_WORD_OFFSETS.get(word, 0))
    if "months" in fields:  # "this time last year": the same month a year back
        return replace(base, unit="month", offset=_MOD_OFFSETS[g["mod"].lower()] * int(str(fields["months"])))
    unit = (g.get("unit") or g["unit2"]).lower()
    part = g.get("part", "").lower() or None
    if part in ("earlier", "beginning", "start"):
        part = "early"
    elif part in ("later", "end"):
        part = "late"
    elif part == "middle":
        part = "mid"
    if fields.get("anchored"):
        count = _count(g.get("count", str(fields.get("count", "0"))))
        direction = g.get("dir", "same").lower()
        if direction in ("after", "before"):
            # "a day after Trump's remarks": the anchor is the object that follows, not the last event.
            return replace(base, unit=unit, offset=None, anchored=True)
        sign = {"later": 1, "after": 1, "next": 1, "following": 1, "earlier": -1, "before": -1,
                "previous": -1}.get(direction, 0)
        return replace(base, unit=unit, offset=sign * max(count, 1) if sign else 0, anchored=True)
    if "count" in g:
        count = _count(g["count"])
        if count == 0:
            return replace(base, unit=unit, offset=None)
        return replace(base, unit=unit, offset=-count)
    offset = fields.get("offset")
    if offset is None:
        offset = _MOD_OFFSETS.get(g.get("mod", "").lower(), 0)
    return replace(base, unit=unit, offset=int(str(offset)), part=part)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower(), 0)


#: Rules in order of preference when two matches cover the same words at the same length.
RULES: tuple[Rule, ...] = (
    _iso_dates,
    _numeric_dates,
    _quarters,
    _quarters_alone,
    _nth_weeks,
    _day_dates(_MONTH_DAY_RANGE),
    _day_dates(_DAY_MONTH_RANGE),
    _day_dates(_MONTH_DAY),
    _day_dates(_DAY_MONTH),
    _month_years,
    _months_alone,
    _bare_years,
    _weekdays,
    _relatives,
)


def _settle(found: list[tuple[int, TimeExpression]]) -> list[TimeExpression]:
    """Keep the longest of overlapping matches (earlier rule on a tie)."""
    # The chosen never overlap: kept sorted, a new match need only be checked against its two
    # neighbours, not against every match chosen before (quadratic in a text full of dates).
    starts: list[int] = []
    chosen: list[TimeExpression] = []
    for _, expr in sorted(found, key=lambda f: (-(f[1].end - f[1].start), f[0], f[1].start)):
        i = bisect.bisect_right(starts, expr.start)
        if (i and chosen[i - 1].end > expr.start) or (i < len(chosen) and chosen[i].start < expr.end):
            continue
        starts.insert(i, expr.start)
        chosen.insert(i, expr)
    return chosen


def _fold_weekdays(text: str, exprs: list[TimeExpression]) -> list[TimeExpression]:
    """"Wednesday, January 28th" is one date that also names its weekday."""
    out: list[TimeExpression] = []
    i = 0
    while i < len(exprs):
        cur = exprs[i]
        nxt = exprs[i + 1] if i + 1 < len(exprs) else None
        if (cur.kind == "weekday" and cur.offset is None and nxt is not None and nxt.kind == "date"
                and _WEEKDAY_JOINER.fullmatch(text[cur.end:nxt.start])):
            out.append(replace(nxt, start=cur.start, text=text[cur.start:nxt.end], weekday=cur.weekday))
            i += 2
            continue
        out.append(cur)
        i += 1
    return out


#: What each rule in ``RULES`` cannot match without (all of them): a digit, a month name as the
#: case-sensitive patterns spell it, a weekday name.  ``_relatives`` sorts out its own cues.
_RULE_CUES: tuple[frozenset[str], ...] = tuple(frozenset(c) for c in (
    {"digit"}, {"digit"}, {"digit"}, (), {"month"},
    {"digit", "month"}, {"digit", "month"}, {"digit", "month"}, {"digit", "month"},
    {"digit", "month"}, {"month"}, {"digit"}, {"weekday"}, (),
))
_ANY_DIGIT = re.compile(r"\d")
_MONTH_PREFIX = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")


def _cues(text: str) -> frozenset[str]:
    cues = set()
    if _ANY_DIGIT.search(text):
        cues.add("digit")
    if _MONTH_PREFIX.search(text):
        cues.add("month")
    if "day" in text:  # every weekday name, and the patterns are case-sensitive
        cues.add("weekday")
    return frozenset(cues)


# The date and the event extractors both read every sentence of a document; one scan serves both.
@lru_cache(maxsize=16384)
def find_time_expressions(text: str) -> tuple[TimeExpression, ...]:
    """Every time expression in ``text``, in order, none overlapping."""
    cues = _cues(text)
    found = [(rank, expr) for rank, (rule, needs) in enumerate(zip(RULES, _RULE_CUES, strict=True))
             if needs <= cues for expr in rule(text)]
    return tuple(_fold_weekdays(text, _settle(found)))


# --- sentences and tense --------------------------------------------------


#: Words that open a new clause after a time expression ("approved on Thursday a law that will ...").
_CLAUSE_OPENER = re.compile(r"\b(?:that|which|who|whose|because|although|unless|while|whereas)\b",
                            re.IGNORECASE)


def _clause_start(text: str, start: int) -> int:
    return max((text.rfind(c, 0, start) for c in ",;:“”\"()—"), default=-1) + 1


def _clause(text: str, start: int, end: int) -> str:
    rights = [i for i in (text.find(c, end) for c in ",;:“”\"()—.") if i >= 0]
    opener = _CLAUSE_OPENER.search(text, end, min(rights) if rights else len(text))
    if opener:
        rights.append(opener.start())
    right = min(rights) if rights else len(text)
    return text[_clause_start(text, start):right]


#: Put off to a later day ("the arraignment was continued to Thursday"): that day lies ahead.
_PUT_OFF_BEFORE = re.compile(r"\b(?:postponed|delayed|continued|adjourned|rescheduled|pushed\s+back|put\s+off"
                             r"|moved)\s+(?:to|until|till)\s+$", re.IGNORECASE)


@lru_cache(maxsize=16384)
def is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around ``text[start:end]`` speaks of the future.

    "would" counts only before the expression ("would be phased out from October"): after it,
    it is mostly reported speech ("said on Tuesday he would not rule out ...").
    """
    if _PUT_OFF_BEFORE.search(text, max(0, start - 30), start):
        return True
    if _PARTICIPLE_BEFORE.search(text, max(0, start - 30), start):
        return False  # "the version withdrawn in June", "a law passed on Friday": done, whatever follows
    if FUTURE_RE.search(_clause(text, start, end)):
        return True
    return bool(_WOULD_RE.search(text, _clause_start(text, start), start))


#: A past participle right before the time expression's preposition marks what is done
#: ("will be held on" is a passive future, not one).
_PARTICIPLE_BEFORE = re.compile(
    r"(?<!\bbe )(?<!\bbeing )\b(?:[a-z]{3,}ed|withdrawn|taken|given|made|held|signed|written|chosen|"
    r"drawn|shown|seen|known|won|lost|begun|broken|spoken|sworn|sold|built|paid|set)"
    r"\s+(?:in|on|at|since|last)\s+$")


def is_plainly_future(text: str, start: int, end: int) -> bool:
    """Whether that clause says outright, in the present tense, that it is still to come."""
    return bool(PLAIN_FUTURE_RE.search(_clause(text, start, end)))


# --- resolution -----------------------------------------------------------


def _month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")


def _year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def _week_period(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6), "week")


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _year_for(month: int, day: int, ref: date, future: bool) -> int | None:
    """The year that puts month/day nearest ``ref`` on the side the tense says."""
    options = [y for y in (ref.year - 1, ref.year, ref.year + 1) if _valid_day(y, month, day)]
    if not options:
        return None
    if future:
        ahead = [y for y in options if date(y, month, day) >= ref]
        return ahead[0] if ahead else None
    return min(options, key=lambda y: (abs((date(y, month, day) - ref).days), date(y, month, day) > ref))


def weekday_on_or_before(ref: date, weekday: int) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def weekday_after(ref: date, weekday: int) -> date:
    return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)


def resolve(expr: TimeExpression, ref: date | None, future: bool = False) -> Period | None:
    """The period ``expr`` means, written on ``ref``; None when the text does not settle it.

    Without ``ref`` only expressions that carry their own year resolve: a year is never invented.
    """
    if expr.anchored:
        return None
    if expr.kind == "date":
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
    if expr.kind == "month":
        assert expr.month is not None
        if expr.year is not None:
            return _month_period(expr.year, expr.month)
        if ref is None:
            return None
        return _month_period(_year_of_month(expr.month, expr.offset, ref, future), expr.month)
    if expr.kind == "year":
        assert expr.year is not None
        return _year_period(expr.year)
    if expr.kind == "quarter":
        assert expr.month is not None
        year = expr.year
        if year is None:
            if ref is None:
                return None
            # The latest such quarter begun by the day of writing, or the next one to end after it.
            begun = date(ref.year, expr.month, 1) <= ref
            ended = _month_period(ref.year, expr.month + 2).last < ref
            year = ref.year + (1 if future and ended else 0) - (0 if future or begun else 1)
        last = _month_period(year, expr.month + 2).last
        # No precision is finer than a year and coarser than a month: a quarter is dated by its year.
        return Period(date(year, expr.month, 1), last, "year")
    if expr.kind == "week":
        assert expr.month is not None and expr.day is not None
        year = expr.year
        if year is None:
            if ref is None:
                return None
            year = _year_of_month(expr.month, None, ref, future)
        first = expr.day if expr.day > 0 else calendar.monthrange(year, expr.month)[1] - 6
        return _week_period(date(year, expr.month, first))
    if ref is None:
        return None
    if expr.kind == "weekday":
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
    return _resolve_relative(expr, ref)


def _year_of_month(month: int, offset: int | None, ref: date, future: bool) -> int:
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


def _resolve_relative(expr: TimeExpression, ref: date) -> Period | None:
    unit, offset = expr.unit, expr.offset
    if unit is None or offset is None:
        return None
    if unit == "day":
        day = ref + timedelta(days=offset)
        return Period(day, day, "day")
    if unit == "week":
        return _week_period(ref + timedelta(weeks=offset))
    if unit == "month":
        year, month = _add_months(ref.year, ref.month, offset)
        return _month_period(year, month)
    if unit == "year":
        return _year_period(ref.year + offset)
    if unit in SEASONS:
        first, last = SEASONS[unit]
        year = ref.year + offset
        if first > last:  # winter: December of ``year`` to February of the next
            return Period(date(year, first, 1), date(year + 1, last, calendar.monthrange(year + 1, last)[1]),
                          "year")
        return Period(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), "year")
    return None


def shift(period: Period, expr: TimeExpression) -> Period | None:
    """Resolve an anchored expression ("the same day", "a day after") against an earlier event."""
    if not expr.anchored or expr.offset is None:
        return None
    if expr.unit == "day" and period.precision == "day":
        day = period.first + timedelta(days=expr.offset)
        return Period(day, day, "day")
    if expr.unit == "week" and period.precision in ("day", "week"):
        return _week_period(period.first + timedelta(weeks=expr.offset))
    return None
