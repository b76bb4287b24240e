"""Rules ``drop_scare_quotes`` and ``drop_unattributed_short``: quoted words that are not speech.

A short quoted title ("Brock & Salk Mornings", the show "MeatEater") is set apart before
attribution: no quote, and masked so that it is never part of a speaker's name.  Other short
phrases wait for an attribution; one that nobody was found to have said is a scare quote.
"""

from __future__ import annotations

from dataclasses import replace

from generator.ingest.chain import rule
from generator.ingest.quotes.state import MIN_WORDS, Found, State, quote_text
from generator.ingest.quotes.text import WORD, capital
from generator.ingest.quotes.words import CONNECTORS, TITLE_CUES, TITLE_SMALL_WORDS


def _short(state: State, found: Found) -> bool:
    return len(WORD.findall(quote_text(state.paragraphs, found))) < MIN_WORDS


def _title(state: State, found: Found) -> bool:
    """A short quoted name in title case ("Brock & Salk Mornings") or after a word that names a
    title ("the hunting show"): a show, a book or a slogan, never speech."""
    words = WORD.findall(quote_text(state.paragraphs, found))
    at = found.first.open_at
    before = state.paragraphs[found.first.paragraph - 1][max(0, at - 40):at]
    if not words or TITLE_CUES.search(before.rstrip()):
        return True
    return capital(words[0]) and all(
        capital(w) or w.lower() in CONNECTORS | TITLE_SMALL_WORDS for w in words)


@rule(requires={"quotes"}, provides={"titles"})
def drop_scare_quotes(state: State) -> State:
    """Short quoted phrases wait for their attribution (``drop_unattributed_short``); titles go."""
    is_title = [_short(state, f) and _title(state, f) for f in state.found]
    return replace(state, found=tuple(f for f, t in zip(state.found, is_title, strict=True) if not t),
                   titles=tuple(f for f, t in zip(state.found, is_title, strict=True) if t))


@rule(requires={"pronouns"}, provides={"speech"})
def drop_unattributed_short(state: State) -> State:
    """A short phrase is speech only where its own sentence says who said it ("Mayes stated that
    she was "mischaracterized""); otherwise a scare quote or a name ("the "Dome" deal")."""
    return replace(state, found=tuple(f for f in state.found if f.kind != "none" or not _short(state, f)))
