"""Who a name found next to a quote is: an actor of the article, a body for "they", or words."""

from __future__ import annotations

import bisect

from generator.ingest.quotes.state import Found, Piece, State
from generator.ingest.quotes.text import Name, tokens_of
from generator.ingest.quotes.words import (
    AFFILIATED,
    BEFORE_VERB,
    BODIES,
    DETERMINERS,
    DOCUMENTS,
    FRAGMENT_STARTS,
    GENERIC_BODIES,
    PERSON_NOUN,
    SPOKES_CUES,
    SPOKESPEOPLE,
    verb_lexicon,
)
from generator.model import ActorSpan


def speaker_of(state: State, paragraph: int, start: int, end: int, head: int) -> tuple[str | None, str]:
    """The actor whose span covers the name's head word, else no id and the words as written."""
    text = state.paragraphs[paragraph - 1]
    head_end = next((t[1] for t in tokens_of(text[head:end], head)), end)
    covering = [s for s in state.spans_starting(paragraph, head - state.longest, head_end) if s.end > head]
    if covering:
        best = max(covering, key=lambda s: (s.end - s.start, -s.start, s.actor))
        if state.types.get(best.actor) == "organization":
            # "Omar Haddad of the Federation ...", "Jim Smith of Chevron": the person speaks.
            member = [s for s in state.spans_starting(paragraph, start, best.start)
                      if state.types.get(s.actor) == "person" and _affiliated(state, paragraph, text, s.end)]
            if member:
                return member[-1].actor, member[-1].text
        if start <= best.start and best.end <= end:
            return best.actor, best.text
        return best.actor, text[start:end].strip()
    return None, text[start:end].strip()


def _affiliated(state: State, paragraph: int, text: str, end: int) -> bool:
    """A body's name follows ``end`` after "of", "at", "with" or "from" (and "the")."""
    link = AFFILIATED.match(text, end)
    return link is not None and any(state.types.get(s.actor) == "organization"
                                    for s in state.spans_starting(paragraph, link.end(), link.end() + 1))


def attributed(state: State, paragraph: int, masked: str, name: Name,
               pieces: tuple[Piece, ...]) -> Found | None:
    if name is None:
        return None
    if name == "pronoun":
        return Found(pieces, "pronoun")
    if name == "plural":
        return _plural(state, pieces[0].paragraph, pieces[0].open_at, pieces, inside=())
    speaker, words = speaker_of(state, paragraph, *name)
    if not words:
        return None
    if speaker is None and words.split()[-1].strip(".,;:").lower() in verb_lexicon().plural:
        # "the MPs said", "Sheriff's officials said": the body inside the phrase, else the one
        # last named as saying something.
        inside = tuple(s for s in state.spans_starting(paragraph, name[0], name[1])
                       if state.types.get(s.actor) == "organization")
        plural = _plural(state, paragraph, name[0], pieces, inside)
        return plural or Found(pieces, "name", None, words, (paragraph, name[0]))
    if speaker is None:
        first = words.split(None, 1)[0]
        if first in FRAGMENT_STARTS or (first.islower() and first not in DETERMINERS
                                         and len(words.split()) > 2):
            return None  # "over military cooperation, saying": a fragment, not a speaker
        text = state.paragraphs[paragraph - 1]
        head = next((t[2] for t in tokens_of(text[name[2]:name[1]], name[2])), words)
        if first.lower() in DETERMINERS or (" " not in words and PERSON_NOUN.fullmatch(first)):
            nominal = _nominal(state, paragraph, name[0], words, head, pieces)
            if nominal is not None:
                return nominal
    return Found(pieces, "name", speaker, words, (paragraph, name[0]))


#: How many paragraphs back "they said" looks for the body that spoke.
_PLURAL_REACH = 3


def _plural(state: State, paragraph: int, offset: int, pieces: tuple[Piece, ...],
            inside: tuple[ActorSpan, ...]) -> Found | None:
    """"they said" / "the MPs said": the body named in the phrase, else the last body named as
    the subject of a speech verb ("The committee said ...") in this or the few paragraphs before;
    a body that said nothing is not it, and nobody found leaves the quote unattributed."""
    at = (paragraph, offset)
    if inside:
        return Found(pieces, "name", inside[-1].actor, inside[-1].text, at)
    cut = bisect.bisect_left(state.span_keys, at)
    for i in range(cut - 1, max(-1, cut - 1 - _LOOKBACK), -1):
        span = state.spans[i]
        if span.paragraph < paragraph - _PLURAL_REACH:
            break
        if state.types.get(span.actor) != "organization":
            continue
        text = state.paragraphs[span.paragraph - 1]
        gap = BEFORE_VERB.match(text, span.end)
        if gap and verb_lexicon().verbs.match(text, gap.end()):
            return Found(pieces, "name", span.actor, span.text, at)
    return None


#: How many names back a noun phrase looks for the actor it stands for.
_LOOKBACK = 200


def _nominal(state: State, paragraph: int, start: int, words: str, head: str,
             pieces: tuple[Piece, ...]) -> Found | None:
    """A noun phrase for a speaker the article named: "the ministry" is its ministry, "the
    Russian president" the person it gave that role, "the statement" whoever issued it, "the
    67-year-old" the person it is about; an unknown noun with "a" is nobody in particular."""
    tokens = [t.strip(".,;:").lower() for t in words.split()]
    head = head.strip(".,;:").lower()
    at = (paragraph, start)
    # Spans come in reading order: those before the phrase are a prefix, those inside follow it.
    cut = bisect.bisect_left(state.span_keys, at)
    # Latest first, read lazily: the actor wanted is usually a few names back.
    earlier = [state.spans[i] for i in range(cut - 1, max(-1, cut - 1 - _LOOKBACK), -1)
               if state.types.get(state.spans[i].actor) in {"person", "organization"}][::-1]
    inside = [s for s in state.spans[cut:cut + 8] if s.paragraph == paragraph
              and s.start < start + len(words) and state.types.get(s.actor) == "organization"]
    if head in SPOKESPEOPLE:
        # "the spokesperson added": the body a spokesperson was introduced for.
        introduced = inside or [
            s for s in earlier if state.types.get(s.actor) == "organization" and SPOKES_CUES.search(
                state.paragraphs[s.paragraph - 1][max(0, s.start - 40):s.end + 40])]
        if introduced:
            return Found(pieces, "name", introduced[-1].actor, introduced[-1].text, at)
        return None
    if head in DOCUMENTS:
        if inside:
            return Found(pieces, "name", inside[-1].actor, inside[-1].text, at)
        return Found(pieces, "pronoun", None, words, at, bodies=True)
    if head in BODIES:
        named = [s for s in earlier if state.types.get(s.actor) == "organization"
                 and head in state.known.get(s.actor, (s.text, ()))[0].lower().split()]
        if not named and head in GENERIC_BODIES:
            # "the company": the last body named that is not a ministry, court or council.
            named = [s for s in earlier if state.types.get(s.actor) == "organization" and not (
                set(state.known.get(s.actor, (s.text, ()))[0].lower().split()) & (BODIES - GENERIC_BODIES))]
        if named:
            return Found(pieces, "name", named[-1].actor, named[-1].text, at)
        return None
    people = [s for s in earlier if state.types.get(s.actor) == "person"]
    # "the Russian president", "his lawyer": the person the article gave that role.
    qualifiers = tokens[1:tokens.index(head)] if head in tokens else []
    described = [s for s in people if any(head in r.lower().split() and all(
        t in r.lower() for t in qualifiers if t[:1].isalpha() and len(t) > 2)
        for r in state.known.get(s.actor, ("", ()))[1])]
    if described:
        return Found(pieces, "name", described[-1].actor, described[-1].text, at)
    if tokens[0] in {"the", head} and head not in DETERMINERS and PERSON_NOUN.fullmatch(head):
        # "the 67-year-old said": the person the story is about; nobody named: the words.
        return Found(pieces, "pronoun", None, words, at)
    return None

