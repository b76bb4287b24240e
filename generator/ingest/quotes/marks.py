"""Rule ``scan_marks``: pair the quotation marks inside each paragraph.

Typographic “ ” (and « ») and straight " quotes all work; a straight mark opens when no quote is
open and closes otherwise.  A mark typed the wrong way round is read by where it stands.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.chain import rule
from generator.ingest.quotes.state import Found, Piece, State

#: Marks that open, that close, and that do either (straight quotes).
OPEN = frozenset("“«")
CLOSE = frozenset("”»")
BOTH = frozenset('"＂')
MARKS = OPEN | CLOSE | BOTH
MARK_RE = re.compile("[" + "".join(sorted(MARKS)) + "]")


def _looks_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace() and after not in ".,;:!?"


def _looks_closing(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-")


def _continues(text: str, open_at: int, i: int) -> bool:
    """An opening mark after a full sentence inside an open quote ("It is. "And more.") reopens it."""
    if not _looks_opening(text, i) or _looks_closing(text, i):
        return False
    before = text[open_at + 1:i].rstrip()
    return len(before) < i - open_at - 1 and before[-1:] in {".", "?", "!", "…"}


@rule(requires={"paragraphs"}, provides={"marks", "unclosed", "warnings"})
def scan_marks(state: State) -> State:
    found: list[Found] = []
    unclosed: list[Piece] = []
    warnings = list(state.warnings)
    for number, text in enumerate(state.paragraphs, start=1):
        open_at: int | None = None
        stray = False
        for mark in MARK_RE.finditer(text):  # the marks alone: a paragraph holds a few among hundreds
            i, ch = mark.start(), mark.group()
            # Typographic marks typed the wrong way round (”Like this” or “like this“) are
            # read by where they stand: against the word after them, or the word before.
            if ch in OPEN and open_at is not None and _looks_closing(text, i):
                ch = "”"
            elif ch in CLOSE and open_at is None and _looks_opening(text, i):
                ch = "“"
            if open_at is not None and _continues(text, open_at, i):
                # BBC style: a new sentence of the same speech reopens without closing the last.
                found.append(Found((Piece(number, open_at, i),)))
                open_at = i
            elif ch in OPEN or (ch in BOTH and open_at is None):
                if open_at is not None:
                    # A new opening mark inside an open quote: the first one never closed.
                    unclosed.append(Piece(number, open_at, None))
                open_at = i
            elif open_at is None:
                stray = True
            else:
                found.append(Found((Piece(number, open_at, i),)))
                open_at = None
        if open_at is not None:
            unclosed.append(Piece(number, open_at, None))
        if stray:
            warnings.append((number, "closing quotation mark without an opening one"))
    return replace(state, found=tuple(found), unclosed=tuple(unclosed), warnings=tuple(warnings))
