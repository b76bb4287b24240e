"""Static SVG pictures drawn at build time: the chronology timeline and an actor's relations.

Every piece of text goes through :func:`html.escape`; links are the site's own
URLs.  Coordinates are rounded so output is byte-stable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from html import escape


@dataclass(frozen=True)
class TimelinePoint:
    start: float  # fractional year
    end: float
    label: str
    href: str
    kind: str  # "reported" | "planned" | "background"

    @cached_property
    def markup(self) -> tuple[str, str]:
        """The opening link and the escaped label: the same on every timeline showing the point."""
        return f'<a href="{escape(self.href)}" class="point {escape(self.kind)}">', escape(self.label)


def fractional_year(date: str, precision: str) -> tuple[float, float]:
    """The span a date covers, in fractional years: a month event covers its month."""
    parts = [int(p) for p in date.split("-") if p.isdigit()]
    year = parts[0]
    if precision == "year" or len(parts) == 1:
        return float(year), year + 1.0
    month = parts[1]
    start = year + (month - 1) / 12
    if precision == "month" or len(parts) == 2:
        return start, start + 1 / 12
    day = parts[2]
    start += (day - 1) / 365
    return start, start + (7 if precision == "week" else 1) / 365


def timeline_svg(points: Sequence[TimelinePoint], title: str) -> str:
    """Years that have events get equal room, empty years are skipped (a decade-long gap
    would otherwise squeeze every recent event into one dot); a break mark shows each gap."""
    if not points:
        return ""
    years = sorted({int(p.start) for p in points})
    slot = {year: index for index, year in enumerate(years)}
    width, height, pad, axis = 960, 120, 30, 70
    usable = width - 2 * pad
    per_year = usable / len(years)

    def x(value: float) -> float:
        year = int(value)
        fraction = min(max(value - year, 0.0), 1.0)
        return pad + (slot.get(year, len(years) - 1) + fraction) * per_year

    # role=group, not img: an img's children are presentational, so its links would be focusable
    # yet hidden from screen readers (axe: nested-interactive).
    out = [
        f'<svg class="timeline" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<line class="axis" x1="{pad}" y1="{axis}" x2="{width - pad}" y2="{axis}"/>',
    ]
    for index, year in enumerate(years):
        left = pad + index * per_year
        out.append(f'<line class="tick" x1="{left:.1f}" y1="{axis - 6}" x2="{left:.1f}" y2="{axis + 6}"/>')
        out.append(
            f'<text class="tick-label" x="{left + per_year / 2:.1f}" y="{axis + 24}" '
            f'text-anchor="middle">{year}</text>'
        )
        if index and years[index - 1] != year - 1:
            out.append(f'<text class="gap" x="{left:.1f}" y="{axis + 4}" text-anchor="middle">≈</text>')
    lanes = {"background": 0, "reported": 1, "planned": 2}
    for point in points:
        y = axis - 14 - 14 * lanes.get(point.kind, 1)
        x1, x2 = x(point.start), x(min(point.end, int(point.start) + 1.0))
        link, label = point.markup
        out.append(link)
        if x2 - x1 > 6:
            out.append(
                f'<rect x="{x1:.1f}" y="{y - 4}" width="{x2 - x1:.1f}" height="8" rx="3">'
                f"<title>{label}</title></rect>"
            )
        else:
            out.append(f'<circle cx="{x1:.1f}" cy="{y}" r="5"><title>{label}</title></circle>')
        out.append("</a>")
    out.append("</svg>")
    return "\n".join(out)


@dataclass(frozen=True)
class RelationNode:
    name: str
    href: str
    weight: int


def relations_svg(center: str, others: Sequence[RelationNode], title: str) -> str:
    """The actor in the middle, the actors it most often appears with around it."""
    if not others:
        return ""
    width, height, rx, ry = 640, 400, 180, 150
    middle, centre_y = width / 2, height / 2
    heaviest = max(o.weight for o in others)
    # role=group for the same reason as the timeline: its nodes are links.
    out = [
        f'<svg class="relations" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="relations-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="relations-title">{escape(title)}</title>',
    ]
    nodes = []
    for index, other in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * index / len(others)
        nx, ny = middle + rx * math.cos(angle), centre_y + ry * math.sin(angle)
        stroke = 1 + 4 * other.weight / heaviest
        out.append(
            f'<line class="edge" x1="{middle:.1f}" y1="{centre_y:.1f}" x2="{nx:.1f}" y2="{ny:.1f}" '
            f'stroke-width="{stroke:.1f}"/>'
        )
        nodes.append((nx, ny, other))
    for nx, ny, other in nodes:
        anchor = "start" if nx > middle + 1 else "end" if nx < middle - 1 else "middle"
        dx = 10 if anchor == "start" else -10 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-12 if ny < centre_y else 20)
        name = escape(other.name)
        short = escape(other.name if len(other.name) <= 22 else other.name[:21] + "…")
        out.append(
            f'<a href="{escape(other.href)}"><circle class="node" cx="{nx:.1f}" cy="{ny:.1f}" r="7">'
            f"<title>{name}: together in {other.weight} article{'' if other.weight == 1 else 's'}"
            f'</title></circle><text x="{nx + dx:.1f}" y="{ny + dy:.1f}" text-anchor="{anchor}">'
            f"{short}</text></a>"
        )
    out.append(f'<circle class="node center" cx="{middle:.1f}" cy="{centre_y:.1f}" r="10"/>')
    out.append(
        f'<text class="center-label" x="{middle:.1f}" y="{centre_y + 28:.1f}" text-anchor="middle">'
        f"{escape(center)}</text>"
    )
    out.append("</svg>")
    return "\n".join(out)
