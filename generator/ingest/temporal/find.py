"""Finding: every rule of :data:`~generator.ingest.temporal.rules.RULES` whose cues the text has,
run in order; overlapping matches are settled longest-first (the earlier rule on a tie), then a
weekday directly before a date ("Wednesday, January 28th") is folded into that date."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache

from generator.ingest.temporal import rules
from generator.ingest.temporal.rule import Cue, ExprRule
from generator.ingest.temporal.values import TimeExpression

# The package, not only its list: the code fingerprint reaches every rule file through it.
RULES: tuple[ExprRule, ...] = rules.RULES
#: Every cue a rule needs, each tested once per text.
_CUES: tuple[Cue, ...] = tuple(sorted({c for r in RULES for c in r.cues}, key=lambda c: c.name))
_WEEKDAY_JOINER = re.compile(r",?\s*(?:the\s+)?")


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


# The date and the event extractors both read every sentence of a document; one scan serves both.
@lru_cache(maxsize=16384)
def find_time_expressions(text: str) -> tuple[TimeExpression, ...]:
    """Every time expression in ``text``, in order, none overlapping."""
    present = frozenset(c for c in _CUES if c.present(text))
    found = [(rank, expr) for rank, rule in enumerate(RULES) if rule.cues <= present
             for expr in rule.find(text)]
    return tuple(_fold_weekdays(text, _settle(found)))
