"""A weekday: "on Wednesday", "last Friday", "next Tuesday" (not "Black Friday", "the Sunday Times")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.ingest.temporal import cues, kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import MOD_OFFSETS, NAMED_DAY_WORDS, WEEKDAY_LEADS, WEEKDAYS, pattern

_WEEKDAY = pattern(r"(?:(?P<mod>last|this|next|coming)\s+)?{WEEKDAY}(?:['’]s)?")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")


def _names_a_day(text: str, start: int, end: int) -> bool:
    """"Super Bowl Sunday", "the Sunday Times", "Earn Your Sunday Bucket Belt": a weekday inside a
    name or a title, not a day of the story."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    word = before.group(1) if before else ""
    if word in NAMED_DAY_WORDS:
        return True
    if not word or word.lower() in WEEKDAY_LEADS or not _CAPITAL_AFTER.match(text, end):
        return False
    return word[0].isupper() or word in ("the", "a", "your", "my", "our", "his", "her", "their")


def _find(text: str) -> Iterator[TimeExpression]:
    for m in _WEEKDAY.finditer(text):
        if not m["mod"] and _names_a_day(text, m.start(), m.end()):
            continue
        mod = (m["mod"] or "").lower()
        # "next Tuesday" is the Tuesday of next week; "this coming Tuesday" the nearest one.
        yield TimeExpression(m.start(), m.end(), m.group(), "weekday",
                             weekday=WEEKDAYS[m["weekday"].lower()], offset=MOD_OFFSETS.get(mod),
                             unit="week" if mod == "next" else None)


WEEKDAY = ExprRule("weekday", _find, (kinds.WEEKDAY,), frozenset({cues.WEEKDAY}))
