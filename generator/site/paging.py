"""How long lists split into pages: the chronologies by year, month and number, and plain lists.

A chronology (all events, a topic's, an actor's) with at most ``per_page``
events is one page.  A longer one is an overview (a histogram of years, a list
of years) plus one page per year; a year with more than ``per_page`` events is
itself an overview of its months plus its events known only to the year, and
each of its months gets a page; a month (or those year-only events) still
longer is cut into numbered pages.  Routes come from :mod:`generator.urls`
(``chronology/``, ``chronology/2025/``, ``chronology/2025/03/``,
``chronology/2025/03/page/2/``).

Everything here is pure and cheap: a layout holds references to the events,
and the planner turns each of its pages into a context.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.site.events import SiteEvent
from generator.urls import chronology_route

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in pages of ``size`` (at least one page, maybe empty)."""
    size = max(1, size)
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]


def period_of(event: SiteEvent) -> tuple[str, str]:
    """(year, month): month ``""`` for an event known only to the year."""
    year, _, rest = event.date.partition("-")
    return year, (rest[:2] if event.precision != "year" and rest else "")


@dataclass(frozen=True)
class ChronologyPage:
    """One page of a chronology's layout."""

    route: str
    #: "all": the whole (short) chronology; "overview": its years; "year": a whole year;
    #: "year-split": a long year's months and its year-only events; "month": one month.
    kind: str
    year: str | None = None
    month: str | None = None
    #: Numbered pages of the same year-only or month bucket: this one and how many.
    page: int = 1
    pages: int = 1
    events: Sequence[SiteEvent] = ()


@dataclass(frozen=True)
class Scope:
    """Whose chronology: everyone's, a topic's or an actor's."""

    topic: str | None = None
    actor: str | None = None

    def route(self, year: str | None = None, month: str | None = None, page: int = 1) -> str:
        return chronology_route(self.topic, self.actor, year, month, page)


def by_period(events: Sequence[SiteEvent]) -> dict[str, dict[str, list[SiteEvent]]]:
    """Year -> month ("" first: known only to the year) -> events, in the events' order."""
    years: dict[str, dict[str, list[SiteEvent]]] = {}
    for event in events:
        year, month = period_of(event)
        years.setdefault(year, {}).setdefault(month, []).append(event)
    return years


def chronology_layout(
    events: Sequence[SiteEvent], per_page: int, scope: Scope = Scope()
) -> list[ChronologyPage]:
    """Every page of one chronology, the overview first, then oldest to newest."""
    per_page = max(1, per_page)
    if len(events) <= per_page:
        return [ChronologyPage(scope.route(), "all", events=events)]
    out = [ChronologyPage(scope.route(), "overview")]
    for year, months in by_period(events).items():
        total = sum(len(items) for items in months.values())
        if total <= per_page:
            whole = [e for items in months.values() for e in items]
            out.append(ChronologyPage(scope.route(year), "year", year, events=whole))
            continue
        year_only = chunks(months.get("", []), per_page)
        for number, part in enumerate(year_only, 1):
            out.append(ChronologyPage(scope.route(year, page=number), "year-split", year, "", number,
                                      len(year_only), part))
        for month, items in months.items():
            if not month:
                continue
            parts = chunks(items, per_page)
            for number, part in enumerate(parts, 1):
                out.append(ChronologyPage(scope.route(year, month, number), "month", year, month, number,
                                          len(parts), part))
    return out


def letter_of(name: str) -> str:
    """The index letter of a name: its first letter or digit without accents (``Élysée`` -> ``e``);
    ``other`` for a digit or a letter outside a–z."""
    for char in unicodedata.normalize("NFKD", name.casefold()):
        if char.isalnum():
            return char if "a" <= char <= "z" else "other"
    return "other"
