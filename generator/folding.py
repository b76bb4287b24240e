"""Text folded to ASCII for comparing names, with a way back to the raw offsets.

    "Lars Løkke Rasmussen" --Text.of--> folded "Lars Lokke Rasmussen" + index back to raw

Ingest matches names on the folded twin, so accents are optional ("Lokke" = "Løkke"), and the
build's curation compares registry names the same way; both read it from here.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

_FOLD = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l", "Ł": "L",
         "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i", "’": "'", "‘": "'", "ʼ": "'", "‐": "-",
         "‑": "-", "‒": "-", "–": "-", "\u00a0": " "}


@dataclass(frozen=True)
class Text:
    """A paragraph with its accent-free twin; ``index[i]`` is where folded char i came from."""

    raw: str
    folded: str
    index: tuple[int, ...] | None  # None: char i folds to char i (the common case)

    @classmethod
    def of(cls, raw: str) -> Text:
        if raw.isascii():
            return cls(raw, raw, None)
        table = {ord(ch): _fold_char(ch) for ch in set(raw) if not ch.isascii()}
        if all(len(rep) == 1 for rep in table.values()):
            return cls(raw, raw.translate(table), None)
        out: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(raw):
            rep = _fold_char(ch)
            out.append(rep)
            index.extend([i] * len(rep))
        index.append(len(raw))
        return cls(raw, "".join(out), tuple(index))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Folded offsets -> offsets into ``raw``."""
        if self.index is None:
            return start, end if end > start else start
        return self.index[start], self.index[end - 1] + 1 if end > start else self.index[start]

    def raw_of(self, start: int, end: int) -> str:
        """The raw text of folded offsets ``start:end``."""
        return self.raw[slice(*self.span(start, end))]


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    rep = _FOLD.get(ch)
    if rep is None:
        rep = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        rep = rep if len(rep) == 1 else ch
    return rep


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    # Cached: registry names are folded again for every short name in every article.
    return Text.of(text).folded
