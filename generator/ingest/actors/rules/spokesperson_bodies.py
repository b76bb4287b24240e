"""The one capitalised word a spokesperson speaks for is an organization.

    "a Halvarn spokesperson", "a spokesman for Corvell", "Brindle's spokeswoman"

A person has a spokesperson too ("an Okafor spokeswoman"), so the word is never a person's:
not a given name, not a name the article or the registry gives a person.  Runs once the
article's people are found and matched ("Governor Ruvane" too), and spans every other place
the body is named.
"""

from __future__ import annotations

from generator import lexicon
from generator.folding import fold
from generator.ingest.actors.helpers import candidates, found_organization, is_title
from generator.ingest.actors.lexicon import names_pattern
from generator.ingest.actors.state import Span, State
from generator.ingest.chain import rule
from generator.ingest.parse import Word, paragraph_words

#: Who speaks for a body ("spokesperson"), the words before it that leave one word between
#: ("a Halvarn spokesperson") and the link after it ("a spokesman for Corvell").
SPOKESPERSON_NOUNS = frozenset(lexicon.words("actor_words.yaml", "spokesperson_nouns"))
SPOKESPERSON_DETERMINERS = frozenset(lexicon.words("actor_words.yaml", "spokesperson_determiners"))
SPOKESPERSON_LINKS = frozenset(lexicon.words("actor_words.yaml", "spokesperson_links"))

def _body_word(words: tuple[Word, ...], i: int, text: str) -> Word | None:
    """The word the spokesperson noun ``words[i]`` speaks for, if one stands where it says so."""
    def joined(a: int, b: int) -> bool:
        return a >= 0 and b < len(words) and text[words[a].end:words[b].start] == " "

    before = words[i - 1] if i >= 1 and joined(i - 1, i) else None
    if before is not None and before.text.endswith("'s"):  # "Brindle's spokeswoman"
        alone = i < 2 or not joined(i - 2, i - 1) or not words[i - 2].bare[:1].isupper()
        return before if alone else None
    if before is not None and i >= 2 and joined(i - 2, i - 1) \
            and words[i - 2].bare.lower() in SPOKESPERSON_DETERMINERS:  # "a Halvarn spokesperson"
        return before
    if joined(i, i + 1) and words[i + 1].bare in SPOKESPERSON_LINKS and joined(i + 1, i + 2):
        after = words[i + 2]  # "a spokesman for Corvell", the name ending there
        return after if not (joined(i + 2, i + 3) and words[i + 3].bare[:1].isupper()) else None
    return None


def _names_a_body(state: State, word: str) -> bool:
    lex = state.lex
    return word[:1].isupper() and word.replace("-", "").isalnum() and word not in lex.given_names \
        and word not in lex.function_words and word not in lex.calendar and word not in lex.capitals \
        and word not in lex.acronyms and word not in lex.org_heads and word not in lex.place_heads \
        and word not in lex.not_person_heads and not is_title(lex, word) \
        and not candidates(state, word) and not state.found_named(word)


@rule(requires={"discovered", "titled-surnames"}, provides={"spokesperson-bodies"})
def spokesperson_bodies(state: State) -> State:
    found = len(state.found)
    for p in range(1, len(state.texts)):
        text = state.texts[p].folded
        words = paragraph_words(text)
        for i, word in enumerate(words):
            if word.bare not in SPOKESPERSON_NOUNS:
                continue
            body = _body_word(words, i, text)
            if body is None or not _names_a_body(state, body.bare):
                continue
            end = body.start + len(body.bare)
            if not state.covered(p, body.start, end):
                state = found_organization(state, p, body.start, end)
    bodies = [a for a in state.found[found:] if a.type == "organization"]
    if not bodies:
        return state
    ids = {fold(a.name): a.id for a in bodies}
    pattern = names_pattern(ids)
    spans = [Span(p, m.start(), m.end(), ids[m.group()], "org")
             for p, text in enumerate(state.texts) for m in pattern.finditer(text.folded)
             if m.group() in ids and not state.covered(p, m.start(), m.end())]
    return state.add(*spans)
