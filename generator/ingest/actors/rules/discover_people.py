"""Two to four capitalised words with something that says "person"."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from generator.folding import fold
from generator.ingest.actors.helpers import (
    candidates,
    employer_before,
    found_organization,
    is_title,
    new_actor,
    occupation,
    remember,
    role_after,
    role_before,
    runs,
    says_organization,
    surname_shaped,
    tail,
    verb_after,
    verb_before,
)
from generator.ingest.actors.lexicon import Lexicon
from generator.ingest.actors.state import Span, State
from generator.ingest.actors.text import INITIALS, capitalised, lookup_key
from generator.ingest.actors.words import (
    AUXILIARIES,
    BYLINE_BEFORE,
    HONORIFIC,
    LIST_GLUE,
    PARTICLES,
    SPEAKER_ADVERB,
    SPEAKER_VERB_BEFORE,
    SUFFIXES,
)
from generator.ingest.chain import rule
from generator.ingest.parse import Word


def is_place(lex: Lexicon, name: str) -> bool:
    """"New York", "Red Sea", "Gulf of Aden", "Mount Kenya": a place, whatever verb follows it."""
    words = name.split()
    return lookup_key(name) in lex.places or words[-1] in lex.place_heads or (
        len(words) > 1 and words[0] in lex.place_heads)


def _person_words(state: State, run: list[Word]) -> list[list[Word]]:
    """Split a run at titles and sentence words: what is left may be names."""
    parts: list[list[Word]] = [[]]
    for i, word in enumerate(run):
        bare = word.bare
        # "Hassan Sheikh Mohamud": an honorific between two names is part of the name.
        following = run[i + 1].bare if i + 1 < len(run) else ""
        if parts[-1] and fold(bare) in state.lex.royal_titles and following \
                and not is_title(state.lex, following) and following not in state.lex.function_words:
            parts[-1].append(word)
            continue
        if is_title(state.lex, bare) or bare in state.lex.function_words or bare in state.lex.org_heads \
                or (not any(c.islower() for c in bare) and len(bare) >= 3 and not INITIALS.fullmatch(bare)):
            parts.append([])
            continue
        parts[-1].append(word)
        if word.text.endswith("'s"):
            parts.append([])
    return [p for p in parts if p]


def _listed_after_person(state: State, p: int, start: int) -> bool:
    """"Justices Clarence Thomas, Neil Gorsuch and Brett Kavanaugh": the next name in a list of people."""
    window = max(0, start - 8)  # the longest glue, ", and ", fits
    glue = LIST_GLUE.search(state.texts[p].folded, window, start)
    if glue is None:
        return False
    before = state.span_at(p, glue.start() - 1, glue.start())
    return before is not None and before.kind in {"known", "person"} and \
        (actor := state.actor(before.actor)) is not None and actor.type == "person"


def _named_like_a_person(state: State, words: list[Word]) -> list[Word] | None:
    """"Maria Lopez", "Sergei Petrov Ivanov": a given name, then one or two words shaped like
    surnames (capitalised, not a noun that ends the name of a thing, a place or a body).  Words
    before the given name that no list knows are left out ("Assemblymember Alex Lee")."""
    first = next((i for i, w in enumerate(words[:3]) if w.bare in state.lex.given_names), None)
    if first is None:
        return None
    name = words[first:]
    return name if _given_then_surnames(state.lex, name) else None


def _given_then_surnames(lex: Lexicon, words: list[Word]) -> bool:
    names = [w for w in words if w.bare.lower() not in PARTICLES]
    if not 2 <= len(names) <= 3 or words[0].bare not in lex.given_names:
        return False
    return all(w.bare.lower() in PARTICLES or surname_shaped(lex, w.bare) for w in words[1:])


def _person_trigger(state: State, p: int, start: int, end: int) -> bool:
    return bool(role_before(state, p, start) or verb_before(state, p, start)
                or ((r := role_after(state, p, end)) and r[2] == "person") or verb_after(state, p, end)
                or _listed_after_person(state, p, start))


@functools.lru_cache(maxsize=64)
def _speaker_pattern(verbs: frozenset[str]) -> re.Pattern[str]:
    said = "|".join(map(re.escape, sorted(verbs)))
    return re.compile(
        rf"(?<![\w'.-]){HONORIFIC}([A-Z][a-z][\w'-]*),?"
        rf"(?:\s+{SPEAKER_ADVERB})?\s+(?:{said})(?![\w'-])"
        rf"|(?<![\w'-]){SPEAKER_VERB_BEFORE}\s+{HONORIFIC}([A-Z][a-z][\w'-]*)(?=[.,;])")


def _speaking_surnames(state: State) -> frozenset[str]:
    """Words that speak alone ("Abraham said", "said Ms Silvas."): the surname of someone the
    article names in full elsewhere, perhaps with nothing else that says "person"."""
    pattern = _speaker_pattern(state.lex.speech_verbs)
    out = set()
    for text in state.texts[1:]:
        for m in pattern.finditer(text.folded):
            honorific, word = (m.group(1), m.group(2)) if m.group(2) else (m.group(3), m.group(4))
            before = text.folded[:m.start()].rstrip().rsplit(None, 1)
            # "Joe Abraham said" names in full; a lone word follows no capitalised one.
            if word in state.lex.function_words or (not honorific and before and capitalised(before[-1])
                                                    and not before[-1].endswith((".", ":", '"'))):
                continue
            out.add(word)
    return frozenset(out)


def _noun_after(state: State, p: int, end: int) -> bool:
    """A lower-case word right after a name that is no verb: the name qualifies a noun ("the
    Maya Torres case")."""
    m = _LOWER_WORD_AFTER.match(state.texts[p].folded[end:end + 30])
    return bool(m) and m.group(1) not in state.lex.verbs and not m.group(1).endswith("ed") \
        and m.group(1) not in AUXILIARIES


_LOWER_WORD_AFTER = re.compile(r" ([a-z]+)\b")
#: A name goes on: "Lone Star State".
_CAPITAL_AFTER = re.compile(r" [A-Z]")
#: A plural, not a surname ending in "ss": "Panthers", not "Ross".
_PLURAL = re.compile(r"[^s]s$")
_THE_BEFORE = re.compile(r"(?:^|\s)[Tt]he$")


_PARTY_STATE = re.compile(r"[DRI]-[A-Z]")


@rule(requires={"acronyms", "known-names", "organizations", "reclaimed-given-names"},
      provides={"people", "voices"})
def discover_people(state: State) -> State:
    speaking = _speaking_surnames(state)
    for p in range(1, len(state.texts)):
        text = state.texts[p]
        for run in runs(state, p, connectors=PARTICLES):
            for words in _person_words(state, run):
                if _PARTY_STATE.match(words[0].text):
                    continue  # "Alex Lee, D-San José": a party and a state, no name
                start = words[0].start
                end = words[-1].start + len(words[-1].bare)
                if text.folded[end - 1] == "." and len(words) > 1 and not INITIALS.fullmatch(words[-1].bare):
                    end -= 1  # "Kim Jong Un." ends a sentence: "Un." is no abbreviation there
                suffix = SUFFIXES.match(text.folded, end)
                if suffix:
                    end = suffix.end()
                lo, before = tail(text.folded, start)
                royal = any(before.endswith(t) for t in state.lex.royal_titles)
                if royal and len(words) == 1:
                    known = candidates(state, words[0].bare)
                    if len(known) == 1:  # "Sheikh Mohammed told reporters", named in full before
                        state = state.add(Span(p, start, end, known[0].id, "short"))
                        continue
                    title = next(t for t in sorted(state.lex.royal_titles, key=len, reverse=True)
                                 if before.endswith(t))
                    start = lo + len(before) - len(title)
                elif state.covered(p, start, end):
                    continue
                elif not royal and employer_before(state, p, start):
                    state = found_organization(state, p, start, end)
                    continue
                elif len(words) == 1:
                    # One word is enough for a body when the text says what it is.
                    if words[0].bare not in state.lex.function_words \
                            and says_organization(state, p, start, end):
                        state = found_organization(state, p, start, end)
                    continue
                elif not 2 <= len([w for w in words if w.bare.lower() not in PARTICLES]) <= 4:
                    continue
                name = text.raw[slice(*text.span(start, end))]
                if not royal and is_place(state.lex, fold(name)):
                    state = state.add(Span(p, start, end, "", "place"))
                    continue
                # The first full name ending in a word that speaks alone is that speaker's
                # ("Katie Abraham", named after Joe Abraham, is not the "Abraham said").
                spoken = not royal and words[-1].bare in speaking and words[0].bare not in \
                    state.lex.function_words
                if spoken:
                    speaking -= {words[-1].bare}
                    while len(words) > 2 and (occupation(state.lex, words[0].bare.lower())
                                              or is_title(state.lex, words[0].bare)):
                        words = words[1:]  # "Songwriter Guy Chambers"
                    start = words[0].start
                    name = text.raw[slice(*text.span(start, end))]
                thing = words[-1].bare in state.lex.not_person_heads  # "Oversight Project said"
                if not royal and not spoken and (thing or not _person_trigger(state, p, start, end)):
                    named = None if thing else _named_like_a_person(state, words)
                    if named and (BYLINE_BEFORE.search(tail(text.folded, named[0].start)[1])
                                  or _CAPITAL_AFTER.match(text.folded[end:end + 2])):
                        named = None  # a writer's credit; or a longer name goes on ("Lone Star State")
                    if named and named[0] is words[0] and _PLURAL.search(words[-1].bare) \
                            and _THE_BEFORE.search(tail(text.folded, start)[1]) \
                            and not _noun_after(state, p, end):
                        # "the Carolina Panthers": a team ("the Alex Pretti shooting" is a person's)
                        state = found_organization(state, p, start, end)
                        continue
                    if named is None:
                        if says_organization(state, p, start, end):
                            state = found_organization(state, p, start, end)
                        continue
                    if named[0] is not words[0]:
                        words, start = named, named[0].start
                        name = text.raw[slice(*text.span(start, end))]
                actor = new_actor(state, name, "person")
                if spoken:
                    state = replace(state, voices=(*state.voices, (words[-1].bare, actor.id)))
                if state.actor(actor.id) is not None:
                    continue  # named again: match_discovered spans every repeat at once
                state = remember(state, actor, [Span(p, start, end, actor.id, "person")])
    return state
