"""Everything the actor rules look up, compiled once per registry and general knowledge.

    Registry + Knowledge --lexicon_for()--> Lexicon (names as one trie regex, titles, word sets)

Compiling the names into one regex is the costly part of actor extraction, so the result is
cached on the values of the (frozen) registry and knowledge: a run ingesting a thousand sources
with one registry compiles it once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.folding import fold
from generator.ingest import shapes
from generator.ingest.actors.text import lookup_key, name_keys
from generator.ingest.actors.words import NOT_TITLE_WORDS, ROLE_LINKS
from generator.knowledge import Knowledge
from generator.model import Actor, Registry


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules look up, compiled once per registry and knowledge."""

    actors: dict[str, Actor]
    known: re.Pattern[str]
    surfaces: dict[str, str]  # fold(surface).casefold() -> actor id ("" = never an actor)
    capitals: dict[str, str]
    titles: re.Pattern[str]
    title_words: frozenset[str]
    royal_titles: frozenset[str]
    modifiers: frozenset[str]
    articles: frozenset[str]
    org_heads: frozenset[str]
    org_kinds: frozenset[str]
    verbs: frozenset[str]
    function_words: frozenset[str]
    calendar: frozenset[str]
    rejected: frozenset[str]
    merges: dict[str, str]
    not_occupations: frozenset[str]
    places: frozenset[str]  # lookup_key() of multi-word place names
    place_heads: frozenset[str]
    legal_forms: frozenset[str]  # without their full stops: "Inc", "AG"
    institutions: frozenset[str]  # one-word bodies: "Senate", "Treasury"
    acronyms: frozenset[str]  # capitals that are words, not names: "CEO", "GDP"
    surnames: dict[str, tuple[Actor, ...]]  # registry people by surname, for short names
    speech_verbs: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    us_states: frozenset[str] = frozenset()  # lookup_key() of every US state
    state_places: frozenset[str] = frozenset()  # lookup_key() of the states matched as places
    demonyms: frozenset[str] = frozenset()  # lookup_key() of "Spanish", "Danes"
    not_person_heads: frozenset[str] = frozenset()


# --- many names as one regex ------------------------------------------------------


def _surface_atoms(surface: str) -> tuple[str, ...]:
    """A name as regex atoms: spaces and hyphens interchangeable, and a letter after one may
    change case ("Jong-un")."""
    out: list[str] = []
    after_break = False
    for ch in fold(surface):
        if ch in " -":
            if not after_break:
                out.append(r"[\s\-]+")
            after_break = True
            continue
        if after_break and ch.isalpha():
            out.append(f"[{re.escape(ch.upper())}{re.escape(ch.lower())}]")
        else:
            out.append(re.escape(ch))
        after_break = False
    return tuple(out)


def alternation(surfaces: Iterable[str]) -> str:
    """One regex for many names, as a trie: a failed match at a position costs a few steps,
    not one per name.  Atoms of siblings never overlap (a letter after a break is always a
    class, elsewhere always itself), and a name that goes on is preferred to one ending there,
    so the longest name at a position wins, as it did when the names were sorted by length."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for surface in set(surfaces):
        if not surface.strip():
            continue
        node = trie
        for atom in _surface_atoms(surface):
            node = node.setdefault(atom, {})
        node[""] = {}  # a name ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    ends = "" in node
    branches = [atom + _trie_pattern(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def names_pattern(surfaces: Iterable[str]) -> re.Pattern[str]:
    """Any of ``surfaces`` as a whole word (never the end of a possessive)."""
    return re.compile(r"(?<![\w'])(?:" + alternation(surfaces) + r")(?!\w)")


# --- the lexicon --------------------------------------------------------------------


#: Where a title's words may be split: "Secretary-General" is written "Secretary General" too.
_BREAKS = re.compile(r"[\s\-]+")


@dataclass(frozen=True, eq=False)
class _Sources:
    """What a lexicon is compiled from, as a cache key: the registry by value, the knowledge by
    identity.  Hashing every field of the knowledge on every article cost more than some rules,
    and a process loads it once (``load_knowledge`` is cached); a knowledge made by hand, even
    one equal to it, gets a lexicon of its own.  The cache holds the key, so the knowledge it
    names stays alive and its identity cannot be reused."""

    registry: Registry
    knowledge: Knowledge

    def __hash__(self) -> int:
        return hash((self.registry, id(self.knowledge)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Sources) and self.knowledge is other.knowledge \
            and self.registry == other.registry


def lexicon_for(registry: Registry, knowledge: Knowledge) -> Lexicon:
    """The compiled lexicon of a registry and knowledge, kept for the next article."""
    return _compiled(_Sources(registry, knowledge))


@functools.lru_cache(maxsize=16)
def _compiled(sources: _Sources) -> Lexicon:
    registry, knowledge = sources.registry, sources.knowledge
    actors: dict[str, Actor] = {a.id: a for a in knowledge.actors}
    for actor in registry.actors:
        base = actors.get(actor.id)
        if base is not None:  # the registry extends a built-in country or organization
            actor = replace(actor, aliases=tuple(dict.fromkeys((*actor.aliases, base.name, *base.aliases))))
        actors[actor.id] = actor
    surfaces: dict[str, str] = {}

    def claim(surface: str, actor_id: str) -> None:
        surfaces.setdefault(lookup_key(surface), actor_id)

    # Order is precedence: the user's word first, then what ships with the generator.
    for name, target in registry.merges:
        claim(name, target)
    for name in registry.rejected:
        claim(name, "")
    for actor in registry.actors:
        for name in (actor.name, *actors[actor.id].aliases):
            claim(name, actor.id)
    for name in (*knowledge.agency_names, *knowledge.non_actors, *knowledge.ambiguous_demonyms,
                 *knowledge.weekdays):
        claim(name, "")
    for name in _state_places(knowledge):
        claim(name, "")
    for country in knowledge.countries:
        for name in (*country.names, *country.demonyms):
            claim(name, country.id)
    for org in knowledge.organizations:
        for name in (org.name, *org.aliases):
            claim(name, org.id)
    capitals: dict[str, str] = {}
    for country in knowledge.countries:
        if country.historical:
            continue
        for capital in country.capitals:
            capitals.setdefault(fold(capital), country.id)
    titles = sorted({fold(t) for t in knowledge.titles}, key=lambda s: (-len(s), s))
    # "Lt. Gen." is written with and without its full stops, and a word's bare form has none.
    title_words = frozenset(w.rstrip(".") for t in knowledge.titles
                            for w in _BREAKS.split(fold(t).lower())
                            if w and w not in ROLE_LINKS and w not in NOT_TITLE_WORDS)
    return Lexicon(
        actors=actors,
        known=names_pattern(_original_surfaces(registry, knowledge, actors)),
        surfaces=surfaces,
        capitals=capitals,
        titles=re.compile(r"(?<!\w)(?:" + "|".join(r"[\s\-]+".join(map(re.escape, _BREAKS.split(t)))
                                                  for t in titles) + r")(?!\w)", re.IGNORECASE),
        title_words=title_words,
        royal_titles=frozenset(fold(t) for t in knowledge.royal_titles),
        modifiers=frozenset(knowledge.title_modifiers),
        articles=frozenset(knowledge.articles),
        org_heads=frozenset((*knowledge.org_heads, *(f.rstrip(".") for f in knowledge.legal_forms),
                             *knowledge.legal_forms)),
        org_kinds=frozenset(knowledge.org_kinds),
        verbs=frozenset(knowledge.speech_verbs + knowledge.action_verbs),
        function_words=frozenset(knowledge.function_words),
        calendar=frozenset(w.rstrip(".") for w in knowledge.months + knowledge.weekdays),
        rejected=frozenset(fold(r).casefold() for r in registry.rejected),
        merges={fold(k).casefold(): v for k, v in registry.merges},
        not_occupations=frozenset(knowledge.not_occupations),
        places=frozenset(lookup_key(p) for p in knowledge.places),
        place_heads=frozenset(knowledge.place_heads),
        legal_forms=frozenset(f.rstrip(".") for f in knowledge.legal_forms),
        institutions=frozenset(knowledge.single_word_heads),
        acronyms=frozenset((*shapes.line_words().acronyms, *knowledge.common_acronyms)),
        surnames=_surnames(actors.values()),
        speech_verbs=frozenset(knowledge.speech_verbs),
        given_names=knowledge.given_names,
        us_states=frozenset(lookup_key(s) for s in knowledge.us_states),
        state_places=frozenset(lookup_key(s) for s in _state_places(knowledge)),
        demonyms=frozenset(lookup_key(d) for c in knowledge.countries for d in c.demonyms),
        not_person_heads=frozenset(knowledge.not_person_heads),
    )


def _surnames(actors: Iterable[Actor]) -> dict[str, tuple[Actor, ...]]:
    out: dict[str, list[Actor]] = {}
    for actor in actors:
        if actor.type == "person" and len(actor.name.split()) > 1:
            out.setdefault(name_keys(actor)[0], []).append(actor)
    return {k: tuple(v) for k, v in out.items()}


def _original_surfaces(registry: Registry, knowledge: Knowledge, actors: dict[str, Actor]) -> list[str]:
    out = [name for name, _ in registry.merges] + list(registry.rejected)
    for actor in registry.actors:
        out += [actor.name, *actors[actor.id].aliases]
    out += [*knowledge.agency_names, *knowledge.non_actors, *knowledge.ambiguous_demonyms,
            *knowledge.weekdays]
    out += _state_places(knowledge)
    for country in knowledge.countries:
        out += [*country.names, *country.demonyms]
    for org in knowledge.organizations:
        out += [org.name, *org.aliases]
    # Plain months are left out: "May" and "March" are words too; dates own them.
    return out


def _state_places(knowledge: Knowledge) -> list[str]:
    """US states matched as places, never actors, so "New Jersey" is not the island of Jersey nor
    "New Mexico" Mexico.  Left out: a country's name ("Georgia", settled per article by the rule
    ``settle_places``) and a given name ("Virginia Giuffre" is a person)."""
    countries = {lookup_key(n) for c in knowledge.countries for n in c.names}
    return [s for s in knowledge.us_states if lookup_key(s) not in countries
            and (" " in s or s not in knowledge.given_names)]
