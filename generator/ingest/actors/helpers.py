"""What several actor rules ask of a name and the words around it.

Every look-back reads a bounded window before a name (``LOOK_BACK`` characters, ``ROLE_WORDS``
words) and every look-ahead a bounded one after it: read the whole paragraph before every name
instead, and one long paragraph took minutes.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace

from generator.ingest.actors.lexicon import Lexicon
from generator.ingest.actors.state import Span, State
from generator.ingest.actors.text import INITIALS, capitalised, lookup_key
from generator.ingest.actors.words import (
    APPOSITIVE_STOP,
    ATTRIBUTION_PHRASES,
    AUXILIARIES,
    DOUBLE_NAMED_HEADS,
    OCCUPATION,
    ROLE_LINKS,
    ROLE_MODIFIERS_NOT_FIRST,
    SUFFIXES,
)
from generator.ingest.parse import Word, paragraph_words
from generator.ingest.parse import words as split_words
from generator.knowledge import slug
from generator.model import Actor, ActorType

# --- a word -----------------------------------------------------------------------------


def is_title(lex: Lexicon, word: str) -> bool:
    lower = word.lower()
    if "-" in lower:  # "Secretary-General", "President-elect"
        parts = lower.split("-")
        return all(p in lex.title_words or p in lex.modifiers or p == "elect" for p in parts) \
            and any(p in lex.title_words for p in parts)
    return lower in lex.title_words or lower.rstrip("s") in lex.title_words


def occupation(lex: Lexicon, word: str) -> bool:
    """Nouns of people by their shape ("drummer", "psychologist"), minus the listed exceptions."""
    return bool(OCCUPATION.fullmatch(word)) and word not in lex.not_occupations


# --- around a name --------------------------------------------------------------------


#: How far before a name the rules read: a title, a role or a royal title is a few words.  Read
#: the whole paragraph before every name instead, and one long paragraph took minutes.
LOOK_BACK = 100


#: Words a role before a name may have ("the Russian Direct Investment Fund's chief executive").
ROLE_WORDS = 20


def tail(text: str, end: int, width: int = LOOK_BACK) -> tuple[int, str]:
    """``(lo, text[lo:end].rstrip())``: the last ``width`` characters before ``end`` but the spaces
    right before it, which is all of ``text[:end].rstrip()`` that a look-back reads."""
    lo = max(0, end - width)
    tail = text[lo:end].rstrip()
    if not tail and lo > 0:  # a long run of spaces: look before it
        stop = len(text[:end].rstrip())
        lo = max(0, stop - width)
        tail = text[lo:stop]
    return lo, tail


@functools.lru_cache(maxsize=8192)
def paragraph_word_ends(text: str) -> tuple[int, ...]:
    return tuple(w.end for w in paragraph_words(text))


def words_before(text: str, start: int) -> list[Word]:
    """The last words of ``text[:start]``, as the tokenizer would split that prefix (a word
    running on past ``start`` is cut there), at most ``ROLE_WORDS`` + 1 of them."""
    words = paragraph_words(text)
    i = bisect.bisect_right(paragraph_word_ends(text), start)
    out = list(words[max(0, i - ROLE_WORDS - 1):i])
    if i < len(words) and words[i].start < start:
        lo = words[i].start
        out += [w._replace(start=w.start + lo, end=w.end + lo) for w in split_words(text[lo:start])]
    return out


def role_before(state: State, paragraph: int, start: int) -> tuple[int, int] | None:
    """The role phrase right before a name: "U.S. Secretary of State", "France's foreign minister,"."""
    text = state.texts[paragraph].folded
    lex = state.lex
    words = words_before(text, start)
    chosen: list[Word] = []
    has_title = False
    cursor = start
    for word in reversed(words):
        gap = text[word.end:cursor]
        allowed_gap = gap.strip() == "" or (not chosen and gap.strip() == ",") or gap.strip() == "-"
        if not allowed_gap:
            break
        lower = word.bare.lower()
        # A full stop that is no abbreviation's is the one its bare form drops.
        if word.text.endswith(".") and not word.bare.endswith(".") \
                and not (len(word.bare) <= 4 and is_title(lex, word.bare)):  # "Gov.", "Sen." go on
            break  # "... in Caracas. Press secretary Jane Doe": a sentence ends before the role
        inside = state.span_at(paragraph, word.start, word.end)
        if not chosen and lower in ROLE_LINKS:
            break  # "the father of Kim Jong Un": the role belongs to someone else
        person = inside is not None and (a := state.actor(inside.actor)) is not None and a.type == "person"
        if inside is not None and inside.actor and (not person or word.text.endswith("'s")
                                                    or text[word.end:word.end + 2] == "'s"):
            ok = True
        elif is_title(lex, word.bare) or lower in lex.modifiers:
            ok = True
            has_title = has_title or is_title(lex, word.bare)
        elif lower in ROLE_LINKS and chosen:
            ok = True
        elif chosen and capitalised(word.bare) and (inside is None or inside.kind == "place") \
                and word.bare not in lex.function_words and any(is_title(lex, w.bare) for w in chosen):
            ok = True  # part of a named body before the title: "Kremlin", "Direct Investment Fund"
        else:
            ok = False
        if not ok:
            break
        if not chosen and gap.strip() == "," and not is_title(lex, word.bare) and inside is None:
            break
        chosen.insert(0, word)
        cursor = word.start
    while chosen and (chosen[0].bare.lower() in ROLE_LINKS or
                      (chosen[0].bare.lower() in lex.modifiers and chosen[0].bare.lower() in
                       ROLE_MODIFIERS_NOT_FIRST)):
        chosen.pop(0)
    while chosen and chosen[-1].bare.lower() in ROLE_LINKS:
        chosen.pop()
    if not chosen or not has_title or not any(is_title(lex, w.bare) for w in chosen):
        return None
    return chosen[0].start, chosen[-1].end


COMMA = re.compile(r",\s+")


COMPLEMENT = re.compile(r"\s+(?:of|to)\s+(?:the\s+)?")


ASIDE = re.compile(r"^\s*,[^,.;]{0,40},")


#: An appositive ends at its first stop; one this far away is never a role of nine words or fewer.
APPOSITIVE_WINDOW = 1000


def role_after(state: State, paragraph: int, end: int) -> tuple[int, int, str] | None:
    """An appositive after a name: ", a data engineer", ", the father of Kim Jong Un"."""
    text = state.texts[paragraph].folded
    lex = state.lex
    m = COMMA.match(text, end)
    if not m:
        return None
    start = m.end()
    stop = APPOSITIVE_STOP.search(text, start, start + APPOSITIVE_WINDOW)
    if stop is None and start + APPOSITIVE_WINDOW < len(text):
        # Stopped nowhere near: more than nine words follow unless they are very long ones.
        if len(split_words(text[start:start + APPOSITIVE_WINDOW - 20])) > 10:
            return None
        stop = APPOSITIVE_STOP.search(text, start)
    limit = stop.start() if stop else len(text)
    words = split_words(text[start:limit])
    if not words or len(words) > 9:
        return None
    first = words[0].bare
    # ", a data engineer", ", the father of ...", ", Russia's ambassador", ", deputy chief economist at"
    if first.lower() not in lex.articles and not words[0].text.endswith("'s") \
            and not (first.islower() and (first in lex.modifiers or is_title(lex, first))):
        return None
    last_head = None
    kind = "person"
    for i, word in enumerate(words):
        if is_title(lex, word.bare) or occupation(lex, word.bare):
            last_head = i
            kind = "person"
        elif word.bare.lower() in lex.org_kinds:
            last_head = i
            kind = "organization"
    if last_head is None:
        return None
    role_end = start + words[last_head].end
    # "the father of Kim Jong Un": a named complement belongs to the role.
    tail = COMPLEMENT.match(text, role_end, limit)
    if tail:
        after = tail.end()
        named = state.span_at(paragraph, after, after + 1)
        if named is not None and named.actor:
            role_end = named.end
    return start, role_end, kind


_LETTERS = re.compile(r"[A-Za-z']+")
#: The word right before a name, past a "to" ("according to", "told to").
_LAST_VERB = re.compile(r"([A-Za-z]+)(?:\s+to)?$")
_SPACES = re.compile(r"\s+")


def verb_after(state: State, paragraph: int, end: int) -> bool:
    text = state.texts[paragraph].folded
    rest = ASIDE.sub("", text[end:end + LOOK_BACK + 200], count=1)  # "Sergei Lavrov, for his part, noted"
    words = _LETTERS.findall(rest[:80])
    for word in words[:3]:
        if word in state.lex.verbs:
            return True
        if word not in AUXILIARIES:
            return False
    return False


def verb_before(state: State, paragraph: int, start: int) -> bool:
    before = tail(state.texts[paragraph].folded, start)[1]
    m = _LAST_VERB.search(before)
    return bool(m) and (m.group(1) in state.lex.verbs or before.endswith(ATTRIBUTION_PHRASES))


KIND_BEFORE = re.compile(r"(?:^|\s)([a-z][a-z\-]+)(?:'s?)?\s+$")


EMPLOYER = re.compile(r"(?:^|\s)([a-z][a-z\-]+) at $")


def employer_before(state: State, p: int, start: int) -> bool:
    """"chief economist at Capital Economics", "an analyst at Bernstein": where a person works."""
    before = EMPLOYER.search(state.texts[p].folded, max(0, start - 40), start)
    return before is not None and (is_title(state.lex, before.group(1))
                                   or occupation(state.lex, before.group(1)))


def kind_before(state: State, p: int, start: int) -> bool:
    """"the players' union FIFPRO", "chipmaker Nvidia": a noun for a kind of body right before."""
    before = KIND_BEFORE.search(state.texts[p].folded, max(0, start - 40), start)
    return before is not None and before.group(1) in state.lex.org_kinds


def says_organization(state: State, p: int, start: int, end: int) -> bool:
    """"Naftogaz, the state energy company", "the chipmaker Nvidia", "an analyst at Bernstein"."""
    after = role_after(state, p, end)
    return bool((after and after[2] == "organization") or kind_before(state, p, start)
                or employer_before(state, p, start))


def surname_shaped(lex: Lexicon, bare: str) -> bool:
    """Capitalised, not all capitals, and no noun that ends the name of a thing, place or body."""
    return not (bare.isupper() or not bare[:1].isupper() or bare in lex.not_person_heads
                or bare in lex.org_heads or bare in lex.place_heads or bare in lex.function_words
                or bare in lex.calendar or is_title(lex, bare))


# --- runs of capitalised words --------------------------------------------------------


def runs(state: State, paragraph: int, *, connectors: frozenset[str],
          possessives: bool = False) -> list[list[Word]]:
    """Runs of capitalised words not already claimed, joined by spaces (and connectors).

    With ``possessives``, a possessive inside a name joins too ("Tigray People's Liberation
    Front"); a country's ("Russia's Defence Ministry") never does, being claimed already.
    """
    text = state.texts[paragraph].folded
    runs: list[list[Word]] = []
    current: list[Word] = []
    pending: list[Word] = []
    for word in paragraph_words(text):
        claimed = state.covered(paragraph, word.start, word.end)
        if claimed and possessives:  # "University of Idaho": a state inside a body's name
            inside = state.span_at(paragraph, word.start, word.end)
            claimed = inside is None or inside.kind != "place" or inside.actor != ""
        cap = capitalised(word.bare) and not claimed and word.bare not in state.lex.calendar
        last = pending[-1] if pending else current[-1] if current else None
        joined = last is not None and text[last.end:word.start] in {" ", "-"} \
            and (possessives or not last.text.endswith("'s")) \
            and (not last.text.endswith(".") or bool(INITIALS.fullmatch(last.text))
                 or last.bare.rstrip(".") in state.lex.legal_forms)
        if cap and (not current or joined):
            current += [*pending, word]
            pending = []
            continue
        if current and joined and word.bare in connectors and len(pending) < 2:  # "von der Leyen"
            pending.append(word)
            continue
        if current:
            runs.append(current)
        current, pending = ([word], []) if cap else ([], [])
    if current:
        runs.append(current)
    return runs


# --- a new actor -----------------------------------------------------------------------


def new_actor(state: State, name: str, kind: ActorType) -> Actor:
    words = name.split()
    # "Siemens AG" is "Siemens" in the next paragraph, "Samsung Electronics Co. Ltd." "Samsung Electronics".
    while kind == "organization" and len(words) > 1 and words[-1].rstrip(".,") in state.lex.legal_forms:
        words = words[:-1]
    short = " ".join(words) if words != name.split() else ""
    aliases = (short,) if short else ()
    if kind == "organization":
        aliases += other_usual_name(words)
    return Actor(id=slug(name), name=name, type=kind, discovered=True, aliases=aliases)


def other_usual_name(words: list[str]) -> tuple[str, ...]:
    """"Justice Department" <-> "Department of Justice", "Polish Defence Ministry" <-> "Polish
    Ministry of Defence": the head and one word of field swapped, anything before kept."""
    if len(words) >= 3 and words[-2] == "of" and words[-3] in DOUBLE_NAMED_HEADS:
        return (" ".join((*words[:-3], words[-1], words[-3])),)
    if len(words) >= 2 and words[-1] in DOUBLE_NAMED_HEADS and words[-2][:1].isupper():
        return (" ".join((*words[:-2], words[-1], "of", words[-2])),)
    return ()


def remember(state: State, actor: Actor, spans: list[Span]) -> State:
    key = lookup_key(actor.name)
    owner = state.alias_owner(key, actor.id)
    if owner is not None:  # "Samsung Electronics" after "Samsung Electronics Co. Ltd."
        return state.add(*(replace(s, actor=owner.id, kind="short") for s in spans))
    found = state.found
    known = state.actor(actor.id)
    if known is None:
        found = (*found, actor)
    return state.add(*spans, found=found)


def found_organization(state: State, p: int, start: int, end: int) -> State:
    text = state.texts[p]
    name = text.raw[slice(*text.span(start, end))]
    actor = new_actor(state, name, "organization")
    return remember(state, actor, [Span(p, start, end, actor.id, "org")])


# --- short names -----------------------------------------------------------------------


def candidates(state: State, word: str) -> list[Actor]:
    by_last, by_first, by_inner = state._people_keys
    last = by_last.get(word, [])
    if last:
        return list(last)
    # Family name first ("Kim" for Kim Jong Un, "Yeo" for Yeo Han-koo), or a given name used
    # alone ("Abiy" for Abiy Ahmed): tried only when no surname fits.
    first = [a for a in by_first.get(word, [])
             if len(a.name.split()) >= 3 or word not in state.lex.capitals]  # "in London" is no Breed
    if first:
        return first
    # A long name is shortened to one of its inner words: "Lula" for Luiz Inácio Lula da Silva.
    # "Ebrard" for Marcelo Ebrard Casaubón: the first of two surnames.
    inner = by_inner.get(word, [])
    if inner:
        return list(inner)
    return list(state.lex.surnames.get(word, ()))


def short_words(state: State, p: int) -> list[tuple[int, int, str]]:
    """Capitalised words nobody claimed yet: (start, end, key), "Trump Jr." kept whole."""
    text = state.texts[p].folded
    out = []
    for word in paragraph_words(text):
        bare = word.bare
        if not capitalised(bare) or state.covered(p, word.start, word.end) \
                or bare in state.lex.function_words or bare in state.lex.calendar \
                or not bare.replace("-", "").isalpha() or is_title(state.lex, bare):
            continue
        end = word.start + len(bare)
        suffix = SUFFIXES.match(text, end)
        if suffix:
            end = suffix.end()
        out.append((word.start, end, _SPACES.sub(" ", text[word.start:end])))
    return out
