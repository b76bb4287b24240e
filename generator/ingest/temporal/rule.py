"""What a time-expression rule is: a finder with the cues it cannot match without and the kinds
of expression it yields, each kind with the function that resolves it.

    ExprRule(name, find, kinds, cues)      find: str -> TimeExpression*
    Kind(name, resolve)                    resolve: (TimeExpression, day of writing, future) -> Period?
    Cue(name, present)                     present: str -> bool, tested once per text

A rule's cues are all tested before it runs: most sentences hold no digit, no month name and no
weekday, and a substring test is far cheaper than a regex scan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from generator.ingest.temporal.values import Period, TimeExpression

Resolver = Callable[[TimeExpression, "date | None", bool], "Period | None"]


@dataclass(frozen=True)
class Kind:
    """A kind of time expression and how it resolves, written on a day (or None), in a tense."""

    name: str
    resolve: Resolver


@dataclass(frozen=True)
class Cue:
    """Something a rule cannot match without; ``present(text)`` says whether the text has it."""

    name: str
    present: Callable[[str], bool]


@dataclass(frozen=True)
class ExprRule:
    name: str
    find: Callable[[str], Iterator[TimeExpression]]
    kinds: tuple[Kind, ...]
    #: All must be present in a text for the rule to run on it.
    cues: frozenset[Cue] = frozenset()
