"""The words time expressions are made of, from the lexicon, and the pattern pieces built from them.

Month and weekday names come from ``calendar.yaml``, everything else from ``time_words.yaml``;
nothing here is spelled in code but the shapes of numbers.  Helpers more than one rule needs
live here too.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

from generator import lexicon

_FILE = "time_words.yaml"


def _table(key: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in (lexicon.read(_FILE).get(key) or {}).items()}


def _set(key: str) -> frozenset[str]:
    return frozenset(lexicon.words(_FILE, key))


def alternatives(words: Iterable[str]) -> str:
    """``a|b c|d`` for a regex: each word escaped, spaces inside a phrase as ``\\s+``."""
    return "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words)


#: Every spelling of a month, lower case, full names first: "january" -> 1, "jan" -> 1.
MONTHS: dict[str, int] = lexicon.months()
FULL_MONTHS = frozenset(name.lower() for name in lexicon.month_names())
#: "monday" -> 0, as ``date.weekday()`` counts.
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(lexicon.weekday_names())}
#: Northern-hemisphere seasons as (first month, last month); winter spans the new year.
SEASONS: dict[str, tuple[int, int]] = {
    str(k): (int(v[0]), int(v[1])) for k, v in (lexicon.read(_FILE).get("seasons") or {}).items()}
NUMBER_WORDS: dict[str, int] = _table("number_words")
ORDINALS: dict[str, int] = _table("ordinals")
#: "last"/"this"/"next" and their kin as -1/0/1.
MOD_OFFSETS: dict[str, int] = _table("offsets")
#: "earlier", "beginning", "end", "middle" ... as "early", "mid" or "late".
PARTS: dict[str, str] = {str(k): str(v) for k, v in (lexicon.read(_FILE).get("parts") or {}).items()}
#: "today", "yesterday", "last night": days from the day of writing.
DAY_WORDS: dict[str, int] = _table("day_words")
TIME_PREPOSITIONS = _set("time_prepositions")
OF_HEADS = _set("of_heads")
NEEDS_YEAR_BEFORE = _set("needs_year_before")
COUNT_WORDS = _set("count_words")
NAMED_DAY_WORDS = _set("named_day_words")
WEEKDAY_LEADS = _set("weekday_leads")

# --- pattern pieces -------------------------------------------------------------------

_FULL = lexicon.month_names()
# A longer spelling of the same month first ("Sept" before "Sep"), as a reader would try them.
_SHORT = sorted(lexicon.month_abbreviations().items(), key=lambda item: (item[1], -len(item[0])))
MONTH = ("(?P<{g}>" + "|".join([*_FULL, *(re.escape(name) + r"\.?" for name, _ in _SHORT)])
         + ")(?![A-Za-z])")
DAY = r"(?<![\d.,:/])(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:/%]|\.\d|-year|\s*(?:%|percent))"
YEAR = r"(?P<year>1\d{{3}}|20\d{{2}})(?![\d%])"
RANGE_SEP = r"\s*(?:-|–|—|and|to|through|until)\s*"
WEEKDAY = "(?P<weekday>" + "|".join(lexicon.weekday_names()) + ")(?![A-Za-z])"
#: The three letters every spelling of a month begins with, as the case-sensitive patterns write them.
MONTH_PREFIXES = tuple(dict.fromkeys(name[:3] for name in _FULL))
#: The units a relative expression counts in: days to years, and the seasons.
UNITS = "(?P<unit>" + "|".join(("day", "week", "month", "year", *SEASONS)) + ")"


def pattern(template: str) -> re.Pattern[str]:
    """A pattern with the pieces above filled in: {MONTH}, {DAY}, {DAY2}, {YEAR}, {SEP}, {WEEKDAY}."""
    return re.compile(
        template.format(MONTH=MONTH.format(g="month"), DAY=DAY.format(g="day"),
                        DAY2=DAY.format(g="day_end"), YEAR=YEAR.format(), SEP=RANGE_SEP,
                        WEEKDAY=WEEKDAY)
    )


# --- helpers --------------------------------------------------------------------------


def month(value: str) -> int:
    return MONTHS[value.lower().rstrip(".")]


def valid_day(year: int | None, month: int, day: int) -> bool:
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    return 1 <= day <= last


def count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower(), 0)


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


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    # Runs a dozen times per sentence.
    for word in words:  # noqa: SIM110 - any() over a generator costs twice as much here
        if word in text:
            return True
    return False
