"""The values time expressions are found as and resolved to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.model import Precision


@dataclass(frozen=True)
class TimeExpression:
    """One time expression as the text writes it; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    #: The name of its :class:`~generator.ingest.temporal.rule.Kind`: "date", "month", "year",
    #: "weekday", "relative", "quarter", "week", ...
    kind: str
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
