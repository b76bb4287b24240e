"""The values the publication date is inferred from: what the source says of itself, and the
evidence the rules of :data:`generator.ingest.dates.EVIDENCE` gather from the text.

A new kind of evidence is one file beside this one (a rule over :class:`Evidence`, declared with
:func:`generator.ingest.chain.rule`, with what it requires and provides) and one line in
``EVIDENCE``; a new way to settle the date is one :class:`Source` and one line in ``SOURCES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from generator.ingest.temporal import TimeExpression
from generator.model import ActorResult, DateInfo, Document, Registry

Interval = tuple[date | None, date | None]


@dataclass(frozen=True)
class Stated:
    """What the source says about its own date, before the text is read."""

    #: The date as the source gives it (front-matter), or None.
    date: str | None = None
    #: The words that state it.
    basis: str = ""
    #: The page's time-stamp lines ("Published: 12 Feb 2024"), peeled off by cleaning.
    stamps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """A time expression where it occurs."""

    expr: TimeExpression
    where: Literal["body", "caption"]
    #: 1-based paragraph (body) or caption number.
    index: int
    sentence: str
    future: bool
    #: Inside a quotation: someone's words, never the story's own date.
    quoted: bool = False
    #: Offset of the expression in its paragraph or caption.
    offset: int = 0

    @property
    def place(self) -> str:
        return f"caption {self.index}" if self.where == "caption" else f"paragraph {self.index}"


@dataclass(frozen=True)
class RoleEvidence:
    """An actor named with a title the registry dates: the story lies inside ``allowed``."""

    actor: str
    note: str
    allowed: tuple[Interval, ...]


@dataclass(frozen=True)
class Cues:
    """What tells which day a story speaks from, indexed once: a text full of dates stays linear."""

    #: (paragraph, weekday) of each bare weekday the body names outside quotations.
    weekdays: frozenset[tuple[int, int]] = frozenset()
    #: The lede's yearless dates by their days ((day, day_end)), the first few of each.
    lede_days: dict[tuple[int | None, int | None], tuple[Found, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Evidence:
    """The document and everything gathered about its date so far; each rule returns a new one."""

    doc: Document
    actors: ActorResult
    registry: Registry
    stated: Stated
    found: tuple[Found, ...] = ()
    roles: tuple[RoleEvidence, ...] = ()
    #: Where the roles allow the story to be; ``((None, None),)`` when nothing restricts it.
    window: tuple[Interval, ...] = ((None, None),)
    warnings: tuple[str, ...] = ()
    #: Where the text's own past and future years put the story, with a note saying why.
    bounds: tuple[Interval, str] | None = None
    cues: Cues = field(default_factory=Cues)


@dataclass(frozen=True)
class Choice:
    day: date
    confidence: Literal["high", "medium", "low"]
    basis: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A way to settle the publication date, tried in the order of ``SOURCES``; the first that
    gives a date wins.  ``requires`` names what it reads of :class:`Evidence` ("stated", or what
    the rules of ``EVIDENCE`` provide): the text is read only when a source needs it."""

    name: str
    choose: Callable[[Evidence], DateInfo | None]
    requires: frozenset[str] = frozenset()
