"""A four-digit year on its own, where the words around it make it a year ("since 1999", "the
1991 collapse") and not a count ("2000 people")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.ingest.temporal import cues, kinds
from generator.ingest.temporal.rule import ExprRule
from generator.ingest.temporal.values import TimeExpression
from generator.ingest.temporal.words import COUNT_WORDS, NEEDS_YEAR_BEFORE, OF_HEADS, TIME_PREPOSITIONS

_BARE_YEAR = re.compile(r"(?:(?<![\w$€£.,/-])|(?<=\b[Pp]re-)|(?<=\b[Pp]ost-)|(?<=\b[Mm]id-))"
                        r"(?P<year>1[5-9]\d{2}|20\d{2})(?![\w%]|[.,]\d|-year|-strong)")
# Precompiled: these run for every sentence, and the re module's cache lookup costs as much as
# a short match.
_NEXT_WORD = re.compile(r"\s*[\"“‘']?([A-Za-z]+)")
_WORD_YEAR_OR_POSSESSIVE = re.compile(r"[A-Za-z]+|\d{4}|['’]s")
_PART_HYPHEN_END = re.compile(r"(?:mid|early|late|pre|post)-\s*$", re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR_DASH_END = re.compile(r"\d{4}\s*[-–]\s*$")


def _find(text: str) -> Iterator[TimeExpression]:
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


BARE_YEAR = ExprRule("bare_year", _find, (kinds.YEAR,), frozenset({cues.DIGIT}))
