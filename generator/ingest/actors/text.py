"""A text as the actor rules read it: folded to ASCII, with a way back to the raw offsets.

    "Lars Løkke Rasmussen" --Text.of--> folded "Lars Lokke Rasmussen" + index back to raw

Names are matched on the folded twin, so accents are optional ("Lokke" = "Løkke"), and every
span is reported in raw offsets.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from generator.ingest.actors.words import JOINED_ARTICLE, SUFFIXES
from generator.model import Actor

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


#: Initials that belong inside a name: "C.C. Wei", "Múte B. Egede".
INITIALS = re.compile(r"(?:[A-Z]\.)+")
_BREAKS = re.compile(r"[\s\-]+")


def lookup_key(surface: str) -> str:
    """How a matched name is looked up: accents, case, hyphens and spacing ignored."""
    return _BREAKS.sub(" ", fold(surface)).strip().casefold()


def capitalised(word: str) -> bool:
    return word[:1].isupper() or ("-" in word[:5] and bool(JOINED_ARTICLE.match(word)))


@functools.lru_cache(maxsize=1 << 16)
def name_keys(actor: Actor) -> tuple[str, str]:
    """(surname, first word): "Trump Jr." for "Donald Trump Jr.", else the last and first words."""
    tokens = fold(actor.name).split()
    if not tokens:
        return "", ""
    if len(tokens) > 2 and SUFFIXES.fullmatch(" " + tokens[-1]):
        return f"{tokens[-2]} {tokens[-1]}", tokens[0]
    return tokens[-1], tokens[0]
