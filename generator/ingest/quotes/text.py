"""Helpers every quote rule shares: sentences, tokens and capitalised names in a paragraph."""

from __future__ import annotations

import bisect
import functools
import re
from typing import Literal

from generator.ingest.parse import split_sentences
from generator.ingest.quotes.words import CONNECTORS

# Not parse.words: a speaker's name is read from slices of the quote-blanked paragraph, and a
# dotted token stays whole here ("R-S.C.", "U.S.-led"); with parse's tokens, 12 of 1,517 real
# articles gave other speaker words and one kept a one-word scare quote ("murder") as speech.
_TOKEN = re.compile(r"[^\W_](?:[\w.'’-]*[\w.])?")
#: A word as quotes count them (five make a quote).
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
NON_SPACE = re.compile(r"\S")

#: A token: (start, end, text), offsets into the paragraph.
Token = tuple[int, int, str]
#: A name as (start, end, head): offsets into the paragraph, and the token whose actor is the
#: speaker ("a spokesman for NATO" is headed by "spokesman", not "NATO").
Name = tuple[int, int, int] | Literal["pronoun", "plural"] | None


@functools.lru_cache(maxsize=4096)
def sentence_starts(text: str) -> tuple[int, ...]:
    """Where each sentence of ``text`` starts, as the one sentence splitter cuts it (the first at 0,
    so that leading space is in it); every quote asks, so it is worked out once."""
    return (0, *(a for a, _ in split_sentences(text)[1:]))


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
