"""Static SVG pictures drawn at build time: the chronology's histogram and an actor's relations.

Every piece of text goes through :func:`html.escape`; links are the site's own
URLs.  Coordinates are rounded so output is byte-stable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

#: The kinds of event a bar stacks, bottom to top, and their CSS classes.
KINDS = ("reported", "background", "planned")


@dataclass(frozen=True)
class Bar:
    """One period of a histogram: a year or a month, or a break in the axis (``gap``)."""

    label: str  # short axis label: "2025", "Mar", "1990s"
    name: str  # what the bar's link says: "March 2025"
    counts: tuple[int, int, int] = (0, 0, 0)  # in KINDS order
    href: str | None = None
    current: bool = False
    gap: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts)


WIDTH, HEIGHT, PAD, AXIS, TOP = 960, 132, 30, 96, 12
#: Axis labels are 12px system-ui: no glyph used (digits, letters, "s") is wider than this.
CHAR_WIDTH = 8.0
#: Room kept between two labels.
LABEL_GAP = 6.0
#: Label every n-th bar, n the first of these that leaves room (then 10^k times these).
_STEPS = (1, 2, 3, 4, 6, 12)


def label_width(label: str) -> float:
    return CHAR_WIDTH * len(label)


def label_step(bars: Sequence[Bar], slot: float) -> int:
    """How many bars apart labels must be so that none overlaps its neighbour."""
    widest = max((label_width(b.label) for b in bars if not b.gap), default=0.0) + LABEL_GAP
    scale = 1
    while True:
        for step in _STEPS:
            if step * scale * slot >= widest:
                return step * scale
        scale *= 10


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def histogram_svg(bars: Sequence[Bar], title: str) -> str:
    """Counts of events per period as stacked bars (reported, background, planned), each bar a link.

    However many bars (a few months, centuries of years), each gets an equal slot
    of the fixed-width drawing and labels are spaced by :func:`label_step`, so
    they never overlap; bars are scaled to the tallest, and a non-empty bar is at
    least 2 units tall so that a single event stays visible next to thousands.
    """
    if not bars or not any(b.total for b in bars):
        return ""
    slot = (WIDTH - 2 * PAD) / len(bars)
    step = label_step(bars, slot)
    tallest = max(b.total for b in bars)
    room = AXIS - TOP
    bar_width = max(slot * 0.8, min(slot, 1.0))
    # role=group, not img: an img's children are presentational, so its links would be focusable
    # yet hidden from screen readers (axe: nested-interactive).
    out = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        f'aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<line class="axis" x1="{PAD}" y1="{AXIS}" x2="{WIDTH - PAD}" y2="{AXIS}"/>',
    ]
    for index, bar in enumerate(bars):
        left = PAD + index * slot
        middle = left + slot / 2
        if bar.gap:
            out.append(f'<text class="gap" x="{middle:.1f}" y="{AXIS + 5}" text-anchor="middle">≈</text>')
            continue
        if index % step == 0:
            cls = "tick-label current" if bar.current else "tick-label"
            out.append(f'<text class="{cls}" x="{middle:.1f}" y="{AXIS + 22}" '
                       f'text-anchor="middle">{escape(bar.label)}</text>')
        if not bar.total:
            continue
        total_height = max(room * bar.total / tallest, 2.0)
        parts = []
        y = float(AXIS)
        for kind, count in zip(KINDS, bar.counts, strict=True):
            if not count:
                continue
            h = total_height * count / bar.total
            y -= h
            parts.append(f'<rect class="{kind}" x="{middle - bar_width / 2:.2f}" y="{y:.2f}" '
                         f'width="{bar_width:.2f}" height="{h:.2f}"/>')
        described = ", ".join(
            f"{count:,} {kind}" for kind, count in zip(KINDS, bar.counts, strict=True) if count
        )
        name = escape(f"{bar.name}: {_plural(bar.total, 'event')} ({described})")
        # A hit area as tall as the chart, so a one-event bar can still be clicked.
        hit = (f'<rect class="hit" x="{left:.2f}" y="{TOP}" width="{slot:.2f}" height="{room}"/>')
        body = "".join(parts)
        cls = "bar current" if bar.current else "bar"
        if bar.href:
            current = ' aria-current="page"' if bar.current else ""
            out.append(f'<a href="{escape(bar.href)}" class="{cls}"{current}><title>{name}</title>'
                       f"{hit}{body}</a>")
        else:
            out.append(f'<g class="{cls}"><title>{name}</title>{body}</g>')
    out.append("</svg>")
    return "\n".join(out)


@dataclass(frozen=True)
class RelationNode:
    name: str
    href: str
    weight: int


RELATIONS_WIDTH = 820
#: The longest name drawn in full; longer ones end in "…" (the list below the graph has them whole).
RELATIONS_LABEL = 22


def relations_svg(center: str, others: Sequence[RelationNode], title: str) -> str:
    """The actor in the middle, the actors it most often appears with around it."""
    if not others:
        return ""
    # Room for a 22-character label at 16px (the phone size) beside the outermost nodes.
    width, height, rx, ry = RELATIONS_WIDTH, 400, 170, 150
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
        short = escape(other.name if len(other.name) <= RELATIONS_LABEL
                       else other.name[: RELATIONS_LABEL - 1] + "…")
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
