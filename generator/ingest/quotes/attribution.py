"""Rule ``find_attributions``: the speaker named next to each quote.

After the quote (“...,” Rubio said. / “...,” said Jeppe Finne Sorenson), before it in the same
sentence (Blinken said, “...” / He held a press conference, noting, “...”), at the end of the
paragraph before when that ends with a colon (Rubio told the committee: ¶ “...”), or in the last
sentence of a paragraph before that reports speech (Tan explained on X that ... ¶ “...”).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from generator.ingest.chain import rule
from generator.ingest.parse import ABBREVIATIONS
from generator.ingest.quotes.names import name_after, name_before, sentence_subject
from generator.ingest.quotes.speakers import attributed
from generator.ingest.quotes.state import Found, Piece, State, quote_text
from generator.ingest.quotes.text import NON_SPACE, WORD, is_name, sentence_end, sentence_start, tokens_of
from generator.ingest.quotes.words import PERSON_NOUN, find_verb, find_verbs, verb_lexicon

_SPACES = re.compile(r"\s*")
_COMMA_NEXT = re.compile(r"\s*,")


@rule(requires={"quotes", "titles", "actor_spans"}, provides={"attributions"})
def find_attributions(state: State) -> State:
    masks = state.masks
    out = []
    for found in state.found:
        quote = quote_text(state.paragraphs, found)
        # A quote that ends mid-sentence (“...,” / “...?”) is followed by its speaker;
        # one that ends a sentence is more likely introduced before it.
        ends_open = quote[-1:] in {",", "?", "!", "—", "–", "-", "…"} or bool(
            _COMMA_NEXT.match(masks[found.last.paragraph], (found.last.close_at or 0) + 1))
        order = (_after, _before, _introduced, _reported) if ends_open else (
            _before, _introduced, _after, _reported)
        result = None
        for attribute in order:
            result = attribute(state, found, masks)
            if result:
                break
        out.append(result or found)
    return replace(state, found=tuple(out))


def _after(state: State, found: Found, masks: dict[int, str]) -> Found | None:
    """An attribution following the quote's closing mark, in the same sentence."""
    piece = found.last
    masked = masks[piece.paragraph]
    if piece.close_at is None:
        return None
    begin = piece.close_at + 1
    opens = state.opens.get(piece.paragraph, [])
    # A quote reopening where this one closes (BBC: "A. "B.") also ends the attribution's reach.
    later = bisect.bisect_left(opens, piece.close_at)
    later_quotes = opens[later:later + 1]
    # The blanked quote leaves "spoke.      Macron said.", which reads as a sentence starting at
    # "Macron": the attribution's sentence is the one its first word is in.
    first_word = _SPACES.match(masked, begin).end()  # type: ignore[union-attr]
    limit = min([sentence_end(masked, first_word), *later_quotes])
    tail = masked[begin:limit]
    verb = find_verb(tail)
    if not verb:
        return None
    between = tail[:verb.start()]
    if len(tokens_of(between, 0)) > 14:
        return None
    if verb.group().endswith("ing") and tokens_of(between, 0):
        # "expressed "deep concerns" over talks between Pyongyang and Moscow, saying": the
        # participle is the subject's, and the words before it are no speaker.
        return None
    if quote_text(state.paragraphs, found).endswith(".") and len(tokens_of(tail[verb.end():], 0)) > 6:
        # "...done." Coach Ruddock says the player should...: a new sentence with a clause of its
        # own reports something else; an attribution after a full stop is short ("...." he said).
        return None
    if not tokens_of(between, 0):
        if " ".join(verb.group().split()) not in verb_lexicon().inverting:
            return None
        name = name_after(tail[verb.end():], begin + verb.end())
    else:
        name = name_before(between, begin)
    return attributed(state, piece.paragraph, masked, name, found.pieces)


def _frame(state: State, paragraph: int, masked: str, start: int, end: int,
           pieces: tuple[Piece, ...]) -> Found | None:
    """The speaker of the last speech verb in ``masked[start:end]``, which leads into a quote."""
    head = masked[start:end]
    verbs = find_verbs(head)
    if not verbs:
        return None
    verb = verbs[-1]
    word = " ".join(verb.group().split())
    after_verb = head[verb.end():]
    if word == "according to":
        name = name_after(after_verb, start + verb.end())
    elif word.endswith("ing"):
        name = sentence_subject(state, paragraph, masked, start, start + verb.start())
    else:
        name = name_before(head[:verb.start()], start)
        if name is None and word in verb_lexicon().inverting and tokens_of(after_verb, 0):
            name = name_after(after_verb, start + verb.end())
    found = attributed(state, paragraph, masked, name, pieces)
    if found is not None and word in verb_lexicon().naming:
        # "calls the region "an area of ..."": a verb that puts words on something attributes a
        # quotation near it, said by someone named ("The strategy calls ..." is a document's).
        near = len(tokens_of(after_verb, 0)) <= _NAMING_REACH
        words = tokens_of(found.name, 0)
        named = (found.kind == "pronoun" and not found.name) or found.speaker is not None or bool(
            words and PERSON_NOUN.fullmatch(words[-1][2].lower().removesuffix("s"))) or (
            is_name(words) and len(words) > 1)  # "Possibly as a result, ... calling it": no name
        if not (near and named):
            return None
    return found


#: How many words may stand between a naming verb and its quotation: "accused Oliver Finegold, of
#: the Evening Standard newspaper, of".
_NAMING_REACH = 9


def _opens_sentence(masked: str, at: int) -> bool:
    """``"A," said Owen. "B."``: B opens a sentence of its own (the blanked quote hides the
    capital that would show it), so the verb before it is another quote's."""
    before = masked[max(0, at - 200):at].rstrip()  # a window: a paragraph may hold many quotes
    if not before.endswith((".", "!", "?", "…")):
        return False
    word = before.rsplit(None, 1)[-1].strip("\"“”'’(").rstrip(".").lower()
    return word not in ABBREVIATIONS


def _before(state: State, found: Found, masks: dict[int, str]) -> Found | None:
    """An attribution earlier in the sentence the quote opens in."""
    piece = found.first
    masked = masks[piece.paragraph]
    if _opens_sentence(masked, piece.open_at):
        return None
    start = sentence_start(masked, piece.open_at)
    verbs = find_verbs(masked, start, piece.open_at)
    opens = state.opens.get(piece.paragraph, [])
    between = opens[bisect.bisect_left(opens, verbs[-1].end()):bisect.bisect_left(opens, piece.open_at)] \
        if verbs else []
    if between and (piece.paragraph, between[0]) in state.short_opens:
        # 'the ministry said the "vast majority" ... are "very dependent" ..., Lund told TV4': a
        # verb with a phrase of its own between gives way to an attribution after the quote.
        # (After a whole quotation, 'X said: "A. "B."', the speech goes on.)
        later = _after(state, found, masks)
        if later is not None:
            return later
    return _frame(state, piece.paragraph, masked, start, piece.open_at, found.pieces)


def _introduced(state: State, found: Found, masks: dict[int, str]) -> Found | None:
    """A paragraph that opens with a quote, after one that ends "..., Rubio said:"."""
    piece = found.first
    if NON_SPACE.search(masks[piece.paragraph], 0, piece.open_at):
        return None
    previous = masks.get(piece.paragraph - 1, "").rstrip()
    if not previous.endswith(":"):
        return None
    start = sentence_start(previous, len(previous) - 1)
    return _frame(state, piece.paragraph - 1, previous, start, len(previous) - 1, found.pieces)


def _reported(state: State, found: Found, masks: dict[int, str]) -> Found | None:
    """A paragraph that is nothing but a quote, after one with no quotation of its own whose last
    sentence reports speech ("Tan explained on X that the levy ..."): the reporter's subject."""
    piece = found.first
    text = masks[piece.paragraph]
    last = found.last
    if piece.paragraph < 2 or piece.paragraph - 1 in state.long_paragraphs or WORD.search(
            text, 0, piece.open_at) or (last.close_at is not None and last.paragraph == piece.paragraph
                                        and WORD.search(text, last.close_at + 1)):
        return None
    previous = masks[piece.paragraph - 1].rstrip()
    start = sentence_start(previous, max(0, len(previous) - 1))
    reporter = _frame(state, piece.paragraph - 1, previous, start, len(previous), found.pieces)
    # Across a paragraph, only a named actor or "he"/"she" carries over, never a phrase.
    if reporter is None or (reporter.speaker is None and (reporter.kind != "pronoun" or reporter.name)):
        return None
    return reporter


# --- rules ----------------------------------------------------------------------
