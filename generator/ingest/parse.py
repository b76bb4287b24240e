"""The one tokenizer and the one sentence splitter of ingest, and a document parsed once.

    Document --parse()--> ParsedDoc: the title and each paragraph, cut into sentences on first use
                          (character offsets into the text they were cut from); words per text,
                          cached, from :func:`paragraph_words`

Every rule reads sentences and words from here rather than cutting them again: a rule's idea
of where a sentence ends is then the same as its neighbours', and a paragraph is tokenized once
however many rules read it.  The word lists the cuts need (abbreviations, words that open a
sentence) are in ``generator/data/text.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from generator import lexicon
from generator.model import Document

# --- sentences ----------------------------------------------------------------------

#: Tokens ending in "." that do not end a sentence.
ABBREVIATIONS = frozenset(lexicon.words("text.yaml", "abbreviations"))
#: Words that begin a new sentence after a dotted acronym ("... in the U.S. The talks ...").
SENTENCE_STARTERS = frozenset(lexicon.words("text.yaml", "sentence_starters"))

_SENTENCE_STOP = re.compile(r"[.!?]+[\"”’')]*(?=\s+[\"“‘(]?[A-Z0-9])")
#: Longer than any sentence written: what :func:`split_sentences` cuts a run-on text into.
MAX_SENTENCE = 4000
_NEXT_SENTENCE_WORD = re.compile(r"\s+[\"“‘(]?([A-Za-z]+)")
_ONE_LETTER = re.compile(r"[A-Za-z]")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}")


@lru_cache(maxsize=16384)
def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, trimmed; abbreviations and initials do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_STOP.finditer(text):
        word = _last_token(text, start, m.start() + 1)
        after = _NEXT_SENTENCE_WORD.match(text, m.end())
        next_word = after.group(1).lower() if after else ""
        bare = word.rstrip(".").lower()
        # "her opponent's." ends a sentence: the "s" of a possessive is no initial.
        possessive = bare == "s" and m.start() >= len(word) and text[m.start() - len(word)] in "'’"
        if m.group().startswith(".") and not possessive and (
            bare in ABBREVIATIONS or _ONE_LETTER.fullmatch(bare)
            or (_DOTTED_ACRONYM.fullmatch(word) and next_word not in SENTENCE_STARTERS)
        ):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in (piece for span in spans for piece in sentence_pieces(text, *span)):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return tuple(out)


def _last_token(text: str, start: int, end: int) -> str:
    """What ``[\\w.]+$`` finds in ``text[start:end]``, walked back from ``end``: a regex search
    from ``start`` read the whole sentence again at every abbreviation."""
    i = end
    while i > start and ((ch := text[i - 1]) == "." or ch == "_" or ch.isalnum()):
        i -= 1
    return text[i:end]


def sentence_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence longer than ``MAX_SENTENCE`` characters cut at spaces: no written sentence is
    that long, and the rules that read a whole sentence around each match stay linear."""
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield start, cut
        start = cut
    yield start, end


# --- words ----------------------------------------------------------------------------

# A word: letters/digits with inner apostrophes or hyphens; or initials ("J.D.", "U.S.").
_WORD = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:['\-]\w+)*\.?")
_POSSESSIVE = re.compile(r"'s?$")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]?\.")


class Word(NamedTuple):
    # A tuple, not a dataclass: paragraphs are split into tens of thousands of these.
    start: int
    end: int
    text: str
    #: Without a possessive or a sentence's full stop.
    bare: str


def bare(text: str) -> str:
    """A word without its possessive, or its full stop unless it is an abbreviation."""
    if text.endswith(".") and not _ABBREVIATION.fullmatch(text):
        text = text[:-1]
    return _POSSESSIVE.sub("", text) if "'" in text else text


def words(text: str) -> tuple[Word, ...]:
    return tuple(Word(m.start(), m.end(), w, bare(w)) for m in _WORD.finditer(text) for w in (m.group(),))


#: Every rule walks the words of every paragraph: split each paragraph once.
paragraph_words = lru_cache(maxsize=8192)(words)


# --- the parsed document -------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """The title (number 0) or one paragraph (1-based, headings not counted), cut once."""

    number: int
    text: str

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        return split_sentences(self.text)


@dataclass(frozen=True)
class ParsedDoc:
    """A document's title and paragraphs, each cut into sentences on first use (words come from
    :func:`paragraph_words`, cached per text: the actor rules read them from the folded text)."""

    document: Document
    passages: tuple[Passage, ...]  # passages[0] is the title, passages[n] paragraph n

    @property
    def paragraphs(self) -> tuple[Passage, ...]:
        return self.passages[1:]


def parse(doc: Document) -> ParsedDoc:
    texts = (doc.title, *doc.paragraphs)
    return ParsedDoc(doc, tuple(Passage(number, text) for number, text in enumerate(texts)))
