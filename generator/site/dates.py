"""How dates read on the page: honest about precision and confidence."""

from __future__ import annotations

import datetime as _dt

from generator.model import DateInfo

# English month names; the site's language setting does not translate them (yet).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def label(date: str, precision: str = "day") -> str:
    """``2026-01`` at month precision -> ``January 2026``; never shows a day it does not know."""
    parts = date.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
    except ValueError:
        return date
    if precision == "year" or month is None or not 1 <= month <= 12:
        return str(year)
    if precision == "month" or day is None:
        return f"{month_name(month)} {year}"
    text = f"{day} {month_name(month)} {year}"
    return "week of " + text if precision == "week" else text


def article_date(info: DateInfo) -> dict[str, object]:
    """The view of an article's publication date, with its basis for the hover and the note."""
    uncertain = info.confidence != "high"
    if not info.date:
        return {
            "iso": None,
            "label": "Date unknown",
            "uncertain": True,
            "confidence": info.confidence,
            "basis": info.basis,
            "qualifier": "unknown",
        }
    qualifier = {"high": "", "medium": "inferred", "low": "uncertain", "none": "uncertain"}.get(
        info.confidence, "uncertain"
    )
    return {
        "iso": info.date,
        "label": label(info.date),
        "uncertain": uncertain,
        "confidence": info.confidence,
        "basis": info.basis,
        "qualifier": qualifier,
    }


def atom_timestamp(date: str | None) -> str:
    """``YYYY-MM-DD`` -> an RFC 3339 timestamp at midnight UTC (no clock is ever read)."""
    if not date:
        return "1970-01-01T00:00:00Z"
    try:
        return _dt.date.fromisoformat(date).isoformat() + "T00:00:00Z"
    except ValueError:
        return "1970-01-01T00:00:00Z"
