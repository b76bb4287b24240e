"""Helpers every quote rule shares: sentences, tokens and capitalised names in a paragraph."""

from __future__ import annotations

import bisect
import functools
import re
from typing import Literal

from generator.ingest.parse import sentence_pieces
from generator.ingest.quotes.words import ABBREVIATIONS, CONNECTORS

# Sentence ends: ". " before a capital, unless the word before is an abbreviation.
SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_TOKEN = re.compile(r"[^\W_](?:[\w.'’-]*[\w.])?")
#: A word as quotes count them (five make a quote).
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
NON_SPACE = re.compile(r"\S")

#: A token: (start, end, text), offsets into the paragraph.
Token = tuple[int, int, str]
#: A name as (start, end, head): offsets into the paragraph, and the token whose actor is the
#: speaker ("a spokesman for NATO" is headed by "spokesman", not "NATO").
Name = tuple[int, int, int] | Literal["pronoun", "plural"] | None


def _last_word(text: str, end: int) -> str:
    """``text[:end].rsplit(None, 1)[-1]``, walked back from ``end`` instead of splitting the prefix."""
    stop = end
    while stop and text[stop - 1].isspace():
        stop -= 1
    start = stop
    while start and not text[start - 1].isspace():
        start -= 1
    return text[start:stop]


@functools.lru_cache(maxsize=4096)
def sentence_starts(text: str) -> tuple[int, ...]:
    """Where each sentence of ``text`` starts; every quote asks, so it is worked out once."""
    starts = [0]
    for m in SENTENCE_END.finditer(text):
        word = _last_word(text, m.start()).strip("\"“”'’(").lower()
        if word in ABBREVIATIONS or _INITIALS.fullmatch(word):
            continue
        starts.append(m.end())
    # A run-on text is cut where the sentence splitter of the dates cuts it.
    ends = [*starts[1:], len(text)]
    return tuple(a for start, end in zip(starts, ends, strict=True)
                 for a, _ in sentence_pieces(text, start, end))


def sentence_start(text: str, pos: int) -> int:
    starts = sentence_starts(text)
    return starts[bisect.bisect_right(starts, pos) - 1]


def sentence_end(text: str, pos: int) -> int:
    starts = sentence_starts(text)
    i = bisect.bisect_right(starts, pos)
    return starts[i] if i < len(starts) else len(text)


def tokens_of(text: str, base: int) -> list[Token]:
    return [(base + m.start(), base + m.end(), m.group()) for m in _TOKEN.finditer(text)]


def capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def is_name(tokens: list[Token]) -> bool:
    return (0 < len(tokens) <= 8 and capital(tokens[0][2]) and capital(tokens[-1][2])
            and all(capital(t[2]) or t[2] in CONNECTORS for t in tokens))
