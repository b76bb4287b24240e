"""Time expressions in English news text, with character spans.

    str --find_time_expressions--> TimeExpression*      (what the words say)
    TimeExpression + reference date --resolve--> Period  (which days they mean)

Finding is an ordered list of small declared rules (:data:`rules.RULES`), each a finder with
the cues it cannot match without and the kinds it yields; resolution is by the kind, each with
its own small resolver (:mod:`.kinds`).  Nothing here knows about any article: month and
weekday names, relative phrases and the words that make a bare number a year are general
English, read from the lexicon (``calendar.yaml``, ``time_words.yaml``).

    values.py   TimeExpression, Period          rule.py    ExprRule, Kind, Cue
    words.py    word lists and pattern pieces   cues.py    the shared cues
    rules/      one rule a file, and RULES      kinds.py   the kinds and their resolvers
    find.py     find_time_expressions           resolve.py resolve, shift
    tense.py    is_future, is_plainly_future
"""

from __future__ import annotations

from generator.ingest.temporal.find import find_time_expressions
from generator.ingest.temporal.kinds import NEAR_AHEAD_MONTHS, weekday_after, weekday_on_or_before
from generator.ingest.temporal.resolve import resolve, shift
from generator.ingest.temporal.rule import Cue, ExprRule, Kind
from generator.ingest.temporal.rules import KINDS, RULES
from generator.ingest.temporal.tense import FUTURE_RE, PLAIN_FUTURE_RE, is_future, is_plainly_future
from generator.ingest.temporal.values import Period, TimeExpression
from generator.ingest.temporal.words import (
    COUNT_WORDS,
    MONTHS,
    NAMED_DAY_WORDS,
    NUMBER_WORDS,
    OF_HEADS,
    SEASONS,
    TIME_PREPOSITIONS,
    WEEKDAYS,
    ignorecase_fold,
)

__all__ = [
    "COUNT_WORDS", "FUTURE_RE", "KINDS", "MONTHS", "NAMED_DAY_WORDS", "NEAR_AHEAD_MONTHS", "NUMBER_WORDS",
    "OF_HEADS", "PLAIN_FUTURE_RE", "RULES", "SEASONS", "TIME_PREPOSITIONS", "WEEKDAYS", "Cue", "ExprRule",
    "Kind", "Period", "TimeExpression", "find_time_expressions", "ignorecase_fold", "is_future",
    "is_plainly_future", "resolve", "shift", "weekday_after", "weekday_on_or_before",
]
