"""Words and names as the actor rules read them, on text folded by :mod:`generator.folding`:
names are matched on the folded twin, so accents are optional, and every span is reported in
raw offsets.
"""

from __future__ import annotations

import functools
import re

from generator.folding import fold
from generator.ingest.actors.words import JOINED_ARTICLE, SUFFIXES
from generator.model import Actor

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
