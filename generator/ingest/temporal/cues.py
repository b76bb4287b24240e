"""The cues most rules share: a digit, a month name, a weekday name (as the case-sensitive
patterns spell them)."""

from __future__ import annotations

import re

from generator.ingest.temporal.rule import Cue
from generator.ingest.temporal.words import MONTH_PREFIXES

_ANY_DIGIT = re.compile(r"\d")
_MONTH_PREFIX = re.compile("|".join(MONTH_PREFIXES))


def _digit(text: str) -> bool:
    return _ANY_DIGIT.search(text) is not None


def _month(text: str) -> bool:
    return _MONTH_PREFIX.search(text) is not None


def _weekday(text: str) -> bool:
    return "day" in text  # every weekday name ends so


DIGIT = Cue("digit", _digit)
MONTH = Cue("month", _month)
WEEKDAY = Cue("weekday", _weekday)
