"""The values quote rules pass along: pieces of quotes, quotes found, and the frozen state."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from generator.ingest.quotes.text import WORD
from generator.model import ActorSpan

#: Fewer words than this, and a quotation is a phrase, not a quote, unless someone said it.
MIN_WORDS = 5


@dataclass(frozen=True)
class Piece:
    """The part of a quote inside one paragraph; offsets into that paragraph."""

    paragraph: int  # 1-based
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark; None = runs to the paragraph's end


@dataclass(frozen=True)
class Found:
    """A quotation and, once a rule has found one, its speaker (``kind`` says how it was named)."""

    pieces: tuple[Piece, ...]
    kind: Literal["name", "pronoun", "none"] = "none"
    speaker: str | None = None
    name: str = ""
    #: Where the attribution is: (paragraph, offset), to order speakers in the text.
    at: tuple[int, int] = (0, 0)
    #: A pronoun-like noun phrase ("the statement") may stand for a body as well as a person.
    bodies: bool = False

    @property
    def first(self) -> Piece:
        return self.pieces[0]

    @property
    def last(self) -> Piece:
        return self.pieces[-1]


@dataclass(frozen=True)
class State:
    """What the rules of ``QUOTES`` know so far; each returns a new one.  ``found`` holds the
    fact the last rule provided: marks, then whole quotes, attributions, pronouns resolved."""

    paragraphs: tuple[str, ...]
    spans: tuple[ActorSpan, ...]
    #: Actor id -> type ("person", "organization", ...).
    types: Mapping[str, str]
    #: Actor id -> (name, roles as written), to resolve "the ministry" or "the Russian president".
    known: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=lambda: MappingProxyType({}))
    #: (paragraph, start) of each span, for bisecting.
    span_keys: tuple[tuple[int, int], ...] = ()
    found: tuple[Found, ...] = ()
    #: Titles in quotation marks (a show, a book): no quote, and no speaker's name either.
    titles: tuple[Found, ...] = ()
    #: Pieces left unclosed by scan_marks, for join_run_ons to settle.
    unclosed: tuple[Piece, ...] = ()
    #: (paragraph, what is wrong with its quotation marks).
    warnings: tuple[tuple[int, str], ...] = ()

    @functools.cached_property
    def by_paragraph(self) -> dict[int, tuple[list[int], list[ActorSpan]]]:
        """Each paragraph's actor spans, in order, with their starts: a quote looks up the few
        near it instead of reading every span of the article."""
        grouped: dict[int, list[ActorSpan]] = {}
        for span in self.spans:
            grouped.setdefault(span.paragraph, []).append(span)
        out: dict[int, tuple[list[int], list[ActorSpan]]] = {}
        for paragraph, spans in grouped.items():
            spans.sort(key=lambda s: s.start)
            out[paragraph] = ([s.start for s in spans], spans)
        return out

    @functools.cached_property
    def opens(self) -> dict[int, list[int]]:
        """Each paragraph's opening marks of quotes, in order."""
        out: dict[int, list[int]] = {}
        for found in self.found:
            for piece in found.pieces:
                out.setdefault(piece.paragraph, []).append(piece.open_at)
        return {p: sorted(o) for p, o in out.items()}

    def spans_starting(self, paragraph: int, lo: int, hi: int) -> list[ActorSpan]:
        """The spans of ``paragraph`` starting in ``lo:hi``, in order."""
        starts, spans = self.by_paragraph.get(paragraph, ([], []))
        return spans[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    @functools.cached_property
    def short_opens(self) -> frozenset[tuple[int, int]]:
        """(paragraph, opening mark) of each quotation of fewer than five words."""
        return frozenset((f.first.paragraph, f.first.open_at) for f in self.found
                         if len(WORD.findall(quote_text(self.paragraphs, f))) < MIN_WORDS)

    @functools.cached_property
    def long_paragraphs(self) -> frozenset[int]:
        """Paragraphs where a quotation of five words or more opens or runs."""
        return frozenset(p.paragraph for f in self.found for p in f.pieces
                         if (f.first.paragraph, f.first.open_at) not in self.short_opens)

    @functools.cached_property
    def longest(self) -> int:
        return max((s.end - s.start for s in self.spans), default=0)

    @functools.cached_property
    def masks(self) -> dict[int, str]:
        """Each paragraph with every real quote blanked out, so its words are never an attribution."""
        pieces: dict[int, list[Piece]] = {}
        for found in (*self.found, *self.titles):
            for piece in found.pieces:
                pieces.setdefault(piece.paragraph, []).append(piece)
        out = {}
        for paragraph, text in enumerate(self.paragraphs, start=1):
            if paragraph not in pieces:
                out[paragraph] = text
                continue
            chars = list(text)
            for piece in pieces[paragraph]:
                end = len(chars) - 1 if piece.close_at is None else piece.close_at
                chars[piece.open_at:end + 1] = " " * (end + 1 - piece.open_at)
            out[paragraph] = "".join(chars)
        return out


def piece_text(paragraphs: tuple[str, ...], piece: Piece) -> str:
    text = paragraphs[piece.paragraph - 1]
    end = len(text) if piece.close_at is None else piece.close_at
    return text[piece.open_at + 1:end].strip()


def quote_text(paragraphs: tuple[str, ...], found: Found) -> str:
    return " ".join(t for t in (piece_text(paragraphs, p) for p in found.pieces) if t)
