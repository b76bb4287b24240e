"""Who an article is about: people, countries and organizations.

    Document + Registry + Knowledge --extract_actors--> ActorResult

Only the title (paragraph 0) and the paragraphs are read: never captions,
credits or the byline.  The rules run in the order of :data:`RULES`, each a
small function from one :class:`_State` to the next:

1. ``match_known``: names the registry and general knowledge give (actors and
   their aliases, countries with abbreviations and demonyms, international
   organizations, ``merge:`` names), longest first, so "Donald Trump Jr." is
   never "Donald Trump".  Hyphens and spaces are interchangeable and accents
   optional ("Kim Jong-un" = "Kim Jong Un", "Lokke" = "Løkke").  Names that
   are never actors (news agencies, ``not_actors``, "Cold War", months) are
   matched too, so nothing later reads them as new names, and dropped at the end.
2. ``match_capitals``: a capital standing for its government: followed by a
   possessive or a verb ("Washington has accused", "Beijing's vision"), never
   after a preposition of place ("talks in Washington").
3. ``discover_organizations``: capitalised names built on a head noun
   ("Danish Foreign Ministry", "Ministry of Finance") no registry knows.
4. ``discover_people``: two to four capitalised words with something that says
   "person": a title or role before them ("Kremlin spokesman Dmitry Peskov"),
   an appositive with a role after them ("Damien Degeorges, a consultant"),
   or a speech or action verb ("Antony Blinken said", "said Jeppe Finne Sorenson").
   After a royal title one word is enough ("King Frederik").  A country name
   that is a given name ("Chad Smith, a drummer") is handed back first
   (``reclaim_given_names``).  Once found, the
   name counts wherever else it stands (``match_discovered``).
5. ``resolve_short_names``: a bare surname or short form ("Rubio", "Kim")
   is the person of the article whose name ends (or, family name first, begins)
   with it; failing that, a registry person whose name ends with it.  Several
   candidates: the most mentioned, then the latest, plus a review note.  A
   short name after a title that nobody claims is a new person ("President Trump",
   ``discover_titled_surnames``, which runs first).
6. ``collect_roles``: the titles the text gives each person, as written
   ("U.S. Secretary of State", "Russia's ambassador to the United States",
   "a data engineer").
7. ``apply_curation``: ``not_actors`` rejects discovered names, ``merge:`` maps
   them onto registry actors.

Decision: a news agency is a source, never an actor, even when it "said"
something (``KCNA said`` relays Kim's words); agencies come from agencies.yaml.
Mentions are ordered by first appearance, reading the title first.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from generator.ingest import shapes
from generator.ingest.parse import split_sentences
from generator.knowledge import Knowledge, slug
from generator.model import Actor, ActorResult, ActorSpan, ActorType, Document, Mention, Registry

# --- text -------------------------------------------------------------------

_FOLD = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l", "Ł": "L",
         "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i", "’": "'", "‘": "'", "ʼ": "'", "‐": "-",
         "‑": "-", "‒": "-", "–": "-", "\u00a0": " "}


@dataclass(frozen=True)
class _Text:
    """A paragraph with its accent-free twin; ``index[i]`` is where folded char i came from."""

    raw: str
    folded: str
    index: tuple[int, ...] | None  # None: char i folds to char i (the common case)

    @classmethod
    def of(cls, raw: str) -> _Text:
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
    return _Text.of(text).folded


def _key(surface: str) -> str:
    """How a matched name is looked up: accents, case, hyphens and spacing ignored."""
    return re.sub(r"[\s\-]+", " ", fold(surface)).strip().casefold()


# A word: letters/digits with inner apostrophes or hyphens; or initials ("J.D.", "U.S.").
_WORD = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:['\-]\w+)*\.?")
_POSSESSIVE = re.compile(r"'s?$")


_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]?\.")


class _Word(NamedTuple):
    # A tuple, not a dataclass: paragraphs are split into tens of thousands of these.
    start: int
    end: int
    text: str
    #: Without a possessive or a sentence's full stop.
    bare: str


def _bare(text: str) -> str:
    if text.endswith(".") and not _ABBREVIATION.fullmatch(text):
        text = text[:-1]
    return _POSSESSIVE.sub("", text) if "'" in text else text


def _words(text: str) -> tuple[_Word, ...]:
    return tuple(_Word(m.start(), m.end(), w, _bare(w)) for m in _WORD.finditer(text) for w in (m.group(),))


#: Every rule walks the words of every paragraph: split each paragraph once.
_paragraph_words = functools.lru_cache(maxsize=8192)(_words)


@functools.lru_cache(maxsize=8192)
def _paragraph_word_ends(text: str) -> tuple[int, ...]:
    return tuple(w.end for w in _paragraph_words(text))


#: Arabic articles written joined to the name: "el-Sisi", "al-Burhan", "bin-Salman".
_JOINED_ARTICLE = re.compile(r"(?:al|el|ad|ash|as|at|az|bin|ibn|abu|ul|ud)-[A-Z]")
#: Initials that belong inside a name: "C.C. Wei", "Múte B. Egede".
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or ("-" in word[:5] and bool(_JOINED_ARTICLE.match(word)))


# --- what the rules share -----------------------------------------------------

SpanKind = str  # "known" | "blocked" | "place" | "capital" | "org" | "person" | "short"


@dataclass(frozen=True)
class _Span:
    paragraph: int
    start: int  # folded offsets
    end: int
    actor: str  # actor id; "" for a blocked (never-actor) name
    kind: SpanKind


@dataclass(frozen=True)
class _Lexicon:
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
    places: frozenset[str]  # _key() of multi-word place names
    place_heads: frozenset[str]
    legal_forms: frozenset[str]  # without their full stops: "Inc", "AG"
    institutions: frozenset[str]  # one-word bodies: "Senate", "Treasury"
    acronyms: frozenset[str]  # capitals that are words, not names: "CEO", "GDP"
    surnames: dict[str, tuple[Actor, ...]]  # registry people by surname, for short names
    speech_verbs: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    us_states: frozenset[str] = frozenset()  # _key() of every US state
    state_places: frozenset[str] = frozenset()  # _key() of the states matched as places
    demonyms: frozenset[str] = frozenset()  # _key() of "Spanish", "Danes"
    not_person_heads: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Group:
    """One text's spans by start, with what the look-ups bisect: ``reach[i]`` is the furthest
    end of ``spans[:i + 1]``, so whether a place is covered is one bisection, however many
    spans a long paragraph holds."""

    spans: tuple[_Span, ...]
    starts: tuple[int, ...]
    reach: tuple[int, ...]

    @classmethod
    def of(cls, spans: Iterable[_Span]) -> _Group:
        ordered = tuple(sorted(spans, key=lambda s: s.start))  # stable: earlier spans first
        reach = tuple(itertools.accumulate((s.end for s in ordered), max))
        return cls(ordered, tuple(s.start for s in ordered), reach)


_NO_SPANS = _Group((), (), ())


@dataclass(frozen=True)
class _State:
    texts: tuple[_Text, ...]  # 0 = title, then the paragraphs
    lex: _Lexicon
    #: The spans of each text.  A rule adds spans one name at a time, so they are kept per
    #: text: a new span costs its own text's spans, not the whole article's.
    groups: tuple[_Group, ...] = ()
    #: Actors this document found that the lexicon does not hold (discovered).
    found: tuple[Actor, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (actor id, role as written)
    #: (surname, actor id): the first full name ending in a surname that speaks alone is the
    #: speaker's ("Joe Abraham", not his daughter Katie Abraham named after him).
    voices: tuple[tuple[str, str], ...] = ()
    review: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @functools.cached_property
    def spans(self) -> tuple[_Span, ...]:
        """Every span, by (paragraph, start)."""
        return tuple(s for g in self.groups for s in g.spans)

    def group(self, paragraph: int) -> _Group:
        return self.groups[paragraph] if 0 <= paragraph < len(self.groups) else _NO_SPANS

    def covered(self, paragraph: int, start: int, end: int) -> bool:
        # Called for every word of every paragraph: bisect instead of scanning all spans.
        g = self.group(paragraph)
        i = bisect.bisect_left(g.starts, end)
        return i > 0 and g.reach[i - 1] > start

    def span_at(self, paragraph: int, start: int, end: int) -> _Span | None:
        """The first span (in order) holding ``start:end``."""
        g = self.group(paragraph)
        i = bisect.bisect_left(g.reach, end)  # the first span reaching ``end``
        return g.spans[i] if i < bisect.bisect_right(g.starts, start) else None

    def with_spans(self, spans: Iterable[_Span], found: tuple[Actor, ...] | None = None) -> _State:
        grouped: list[list[_Span]] = [[] for _ in self.texts]
        for s in spans:
            grouped[s.paragraph].append(s)
        return replace(self, groups=tuple(_Group.of(g) for g in grouped),
                       found=self.found if found is None else found)

    def dropping(self, paragraph: int, doomed: Callable[[_Span], bool]) -> _State:
        """The state without the spans of ``paragraph`` that are ``doomed``."""
        g = self.group(paragraph)
        kept = [s for s in g.spans if not doomed(s)]
        if len(kept) == len(g.spans):
            return self
        return self._with_groups({paragraph: _Group.of(kept)}, self.found, added_people=True)

    def add(self, *spans: _Span, found: tuple[Actor, ...] | None = None) -> _State:
        touched: dict[int, list[_Span]] = {}
        for s in spans:
            touched.setdefault(s.paragraph, []).append(s)
        groups = {p: _Group.of(self.group(p).spans + tuple(new)) for p, new in touched.items()}
        return self._with_groups(groups, self.found if found is None else found,
                                 added_people=any(s.kind in {"known", "person"} for s in spans))

    def _with_groups(self, changed: dict[int, _Group], found: tuple[Actor, ...], *,
                     added_people: bool) -> _State:
        groups = list(self.groups) or [_NO_SPANS] * len(self.texts)
        for p, g in changed.items():
            groups[p] = g
        state = replace(self, groups=tuple(groups), found=found)
        # What the old state worked out still holds where spans were only added: take it over.
        held, new = self.__dict__, state.__dict__
        if found is self.found:
            for name in ("_found_index", "_alias_owners", "_found_by_name"):
                if name in held:
                    new[name] = held[name]
        elif len(found) == len(self.found) + 1 and found[:-1] == self.found:
            actor = found[-1]
            if "_found_index" in held:
                new["_found_index"] = {actor.id: actor, **held["_found_index"]}
            if "_found_by_name" in held:
                names = dict(held["_found_by_name"])
                names[fold(actor.name)] = (*names.get(fold(actor.name), ()), actor)
                new["_found_by_name"] = names
            if "_alias_owners" in held:
                owners = dict(held["_alias_owners"])
                for key in dict.fromkeys(_key(x) for x in actor.aliases):
                    owners[key] = (*owners.get(key, ()), actor)
                new["_alias_owners"] = owners
        if found is self.found and not added_people:
            for name in ("_people", "_person_places", "_people_keys"):
                if name in held:
                    new[name] = held[name]
        return state

    @functools.cached_property
    def _found_index(self) -> dict[str, Actor]:
        out: dict[str, Actor] = {}
        for a in self.found:
            out.setdefault(a.id, a)
        return out

    @functools.cached_property
    def _found_by_name(self) -> dict[str, tuple[Actor, ...]]:
        out: dict[str, list[Actor]] = {}
        for a in self.found:
            out.setdefault(fold(a.name), []).append(a)
        return {k: tuple(v) for k, v in out.items()}

    def found_named(self, key: str) -> tuple[Actor, ...]:
        """The actors found whose folded name is ``key``, in the order they were found."""
        return self._found_by_name.get(key, ())

    @functools.cached_property
    def _people_keys(self) -> tuple[dict[str, list[Actor]], ...]:
        """The people by surname, by first word and by inner word (of names of three words or more)."""
        last: dict[str, list[Actor]] = {}
        first: dict[str, list[Actor]] = {}
        inner: dict[str, list[Actor]] = {}
        for a in self.people():
            surname, given = _name_keys(a)
            last.setdefault(surname, []).append(a)
            first.setdefault(given, []).append(a)
            if len(a.name.split()) >= 3:
                for w in dict.fromkeys(fold(a.name).split()[1:-1]):
                    inner.setdefault(w, []).append(a)
        return last, first, inner

    @functools.cached_property
    def _alias_owners(self) -> dict[str, tuple[Actor, ...]]:
        """Found actors by the key of each of their aliases, in the order they were found."""
        out: dict[str, list[Actor]] = {}
        for a in self.found:
            for key in dict.fromkeys(_key(x) for x in a.aliases):
                out.setdefault(key, []).append(a)
        return {k: tuple(v) for k, v in out.items()}

    def alias_owner(self, key: str, other_than: str) -> Actor | None:
        """The first actor found whose alias has this key, other than ``other_than``."""
        return next((a for a in self._alias_owners.get(key, ()) if a.id != other_than), None)

    def actor(self, actor_id: str) -> Actor | None:
        return self.lex.actors.get(actor_id) or self._found_index.get(actor_id)

    @functools.cached_property
    def _people(self) -> tuple[Actor, ...]:
        ids = dict.fromkeys(s.actor for s in self.spans if s.kind in {"known", "person"})
        return tuple(a for i in ids if (a := self.actor(i)) is not None and a.type == "person")

    def people(self) -> tuple[Actor, ...]:
        return self._people

    @functools.cached_property
    def _person_places(self) -> dict[str, list[tuple[int, int]]]:
        """Where each actor is named in full (known or person spans), in order."""
        out: dict[str, list[tuple[int, int]]] = {}
        for s in self.spans:
            if s.kind in {"known", "person"}:
                out.setdefault(s.actor, []).append((s.paragraph, s.start))
        return out

    def full_mentions(self, actor_id: str) -> list[tuple[int, int]]:
        return self._person_places.get(actor_id, [])


# --- the lexicon ----------------------------------------------------------------


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


def _alternation(surfaces: Iterable[str]) -> str:
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


_LEXICONS: dict[tuple[int, int], tuple[Registry, Knowledge, _Lexicon]] = {}


def _lexicon(registry: Registry, knowledge: Knowledge) -> _Lexicon:
    """The compiled lexicon, kept per (registry, knowledge) object: hashing the frozen registry
    by value on every article cost more than some rules."""
    key = (id(registry), id(knowledge))
    held = _LEXICONS.get(key)
    if held is not None and held[0] is registry and held[1] is knowledge:
        return held[2]
    lexicon = _compile_lexicon(registry, knowledge)
    if len(_LEXICONS) >= 16:
        _LEXICONS.clear()
    _LEXICONS[key] = (registry, knowledge, lexicon)
    return lexicon


#: Words of titles that are no title alone: "Under Secretary", "First Lady" ("under President
#: Biden", "the first to...").
_NOT_TITLE_WORDS = frozenset({"and", "under", "first"})


def _compile_lexicon(registry: Registry, knowledge: Knowledge) -> _Lexicon:
    actors: dict[str, Actor] = {a.id: a for a in knowledge.actors}
    for actor in registry.actors:
        base = actors.get(actor.id)
        if base is not None:  # the registry extends a built-in country or organization
            actor = replace(actor, aliases=tuple(dict.fromkeys((*actor.aliases, base.name, *base.aliases))))
        actors[actor.id] = actor
    surfaces: dict[str, str] = {}

    def claim(surface: str, actor_id: str) -> None:
        surfaces.setdefault(_key(surface), actor_id)

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
    known = re.compile(r"(?<![\w'])(?:" + _alternation(
        s for s in _original_surfaces(registry, knowledge, actors)) + r")(?!\w)")
    titles = sorted({fold(t) for t in knowledge.titles}, key=lambda s: (-len(s), s))
    # "Lt. Gen." is written with and without its full stops, and a word's bare form has none.
    title_words = frozenset(w.rstrip(".") for t in knowledge.titles
                            for w in re.split(r"[\s\-]+", fold(t).lower())
                            if w and w not in _ROLE_LINKS and w not in _NOT_TITLE_WORDS)
    return _Lexicon(
        actors=actors,
        known=known,
        surfaces=surfaces,
        capitals=capitals,
        titles=re.compile(r"(?<!\w)(?:" + "|".join(r"[\s\-]+".join(map(re.escape, re.split(r"[\s\-]+", t)))
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
        places=frozenset(_key(p) for p in knowledge.places),
        place_heads=frozenset(knowledge.place_heads),
        legal_forms=frozenset(f.rstrip(".") for f in knowledge.legal_forms),
        institutions=frozenset(knowledge.single_word_heads),
        acronyms=frozenset((*shapes.knowledge().acronyms, *knowledge.common_acronyms)),
        surnames=_surnames(actors.values()),
        speech_verbs=frozenset(knowledge.speech_verbs),
        given_names=knowledge.given_names,
        us_states=frozenset(_key(s) for s in knowledge.us_states),
        state_places=frozenset(_key(s) for s in _state_places(knowledge)),
        demonyms=frozenset(_key(d) for c in knowledge.countries for d in c.demonyms),
        not_person_heads=frozenset(knowledge.not_person_heads),
    )


def _surnames(actors: Iterable[Actor]) -> dict[str, tuple[Actor, ...]]:
    out: dict[str, list[Actor]] = {}
    for actor in actors:
        if actor.type == "person" and len(actor.name.split()) > 1:
            out.setdefault(_name_keys(actor)[0], []).append(actor)
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
    "New Mexico" Mexico.  Left out: a country's name ("Georgia", settled per article by
    :func:`settle_state_names`) and a given name ("Virginia Giuffre" is a person)."""
    countries = {_key(n) for c in knowledge.countries for n in c.names}
    return [s for s in knowledge.us_states if _key(s) not in countries
            and (" " in s or s not in knowledge.given_names)]


# --- helpers over one paragraph ---------------------------------------------------

_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "outside", "inside", "of", "into",
                                 "via", "around", "across", "toward", "towards", "through", "visit",
                                 "visited", "visiting"})
_AUXILIARIES = frozenset({"has", "have", "had", "is", "was", "will", "would", "could", "can", "should",
                          "may", "might", "must", "does", "did", "also", "then", "now", "still",
                          "again", "later", "recently", "repeatedly", "reportedly"})
_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "de", "du", "des", "la", "le"})
#: Lower-case words inside an organization's name: "Council on Foreign Relations", "Banco de España".
_ORG_CONNECTORS = frozenset({"of", "for", "and", "on", "de", "del", "di", "du", "des"})
_ROLE_LINKS = frozenset({"of", "to", "for", "at", "the"})
_PARTICLES = frozenset({"de", "da", "do", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al",
                        "el", "la", "le", "du", "dos", "das", "ter", "zu"})
_SUFFIXES = re.compile(r"\s+(?:Jr\.?|Sr\.?|II|III|IV)(?!\w)")


def _is_title(lex: _Lexicon, word: str) -> bool:
    lower = word.lower()
    if "-" in lower:  # "Secretary-General", "President-elect"
        parts = lower.split("-")
        return all(p in lex.title_words or p in lex.modifiers or p == "elect" for p in parts) \
            and any(p in lex.title_words for p in parts)
    return lower in lex.title_words or lower.rstrip("s") in lex.title_words


_OCCUPATION = re.compile(r"[a-z]{2,}(?:er|or|ist|ian|ant|ent)")


def _occupation(lex: _Lexicon, word: str) -> bool:
    """Nouns of people by their shape ("drummer", "psychologist"), minus the listed exceptions."""
    return bool(_OCCUPATION.fullmatch(word)) and word not in lex.not_occupations


def _is_place(lex: _Lexicon, name: str) -> bool:
    """"New York", "Red Sea", "Gulf of Aden", "Mount Kenya": a place, whatever verb follows it."""
    words = name.split()
    return _key(name) in lex.places or words[-1] in lex.place_heads or (
        len(words) > 1 and words[0] in lex.place_heads)


#: How far before a name the rules read: a title, a role or a royal title is a few words.  Read
#: the whole paragraph before every name instead, and one long paragraph took minutes.
_LOOK_BACK = 100
#: Words a role before a name may have ("the Russian Direct Investment Fund's chief executive").
_ROLE_WORDS = 20


def _tail(text: str, end: int, width: int = _LOOK_BACK) -> tuple[int, str]:
    """``(lo, text[lo:end].rstrip())``: the last ``width`` characters before ``end`` but the spaces
    right before it, which is all of ``text[:end].rstrip()`` that a look-back reads."""
    lo = max(0, end - width)
    tail = text[lo:end].rstrip()
    if not tail and lo > 0:  # a long run of spaces: look before it
        stop = len(text[:end].rstrip())
        lo = max(0, stop - width)
        tail = text[lo:stop]
    return lo, tail


def _title_at_end(lex: _Lexicon, text: str) -> re.Match[str] | None:
    """The title ending ``text`` (the short tail before a name, see :func:`_tail`), bar spaces and commas."""
    last = None
    for m in lex.titles.finditer(text):
        if not text[m.end():].strip(" ,"):
            last = m
    return last


def _span_at(state: _State, paragraph: int, start: int, end: int) -> _Span | None:
    """The first span (in order) holding ``start:end``."""
    return state.span_at(paragraph, start, end)


def _words_before(text: str, start: int) -> list[_Word]:
    """The last words of ``text[:start]``, as :func:`_words` would split that prefix (a word
    running on past ``start`` is cut there), at most ``_ROLE_WORDS`` + 1 of them."""
    words = _paragraph_words(text)
    i = bisect.bisect_right(_paragraph_word_ends(text), start)
    out = list(words[max(0, i - _ROLE_WORDS - 1):i])
    if i < len(words) and words[i].start < start:
        lo = words[i].start
        out += [w._replace(start=w.start + lo, end=w.end + lo) for w in _words(text[lo:start])]
    return out


def _role_before(state: _State, paragraph: int, start: int) -> tuple[int, int] | None:
    """The role phrase right before a name: "U.S. Secretary of State", "France's foreign minister,"."""
    text = state.texts[paragraph].folded
    lex = state.lex
    words = _words_before(text, start)
    chosen: list[_Word] = []
    has_title = False
    cursor = start
    for word in reversed(words):
        gap = text[word.end:cursor]
        allowed_gap = gap.strip() == "" or (not chosen and gap.strip() == ",") or gap.strip() == "-"
        if not allowed_gap:
            break
        lower = word.bare.lower()
        if word.text.endswith(".") and not _ABBREVIATION.fullmatch(word.text) \
                and not (len(word.bare) <= 4 and _is_title(lex, word.bare)):  # "Gov.", "Sen." go on
            break  # "... in Caracas. Press secretary Jane Doe": a sentence ends before the role
        inside = _span_at(state, paragraph, word.start, word.end)
        if not chosen and lower in _ROLE_LINKS:
            break  # "the father of Kim Jong Un": the role belongs to someone else
        person = inside is not None and (a := state.actor(inside.actor)) is not None and a.type == "person"
        if inside is not None and inside.actor and (not person or word.text.endswith("'s")
                                                    or text[word.end:word.end + 2] == "'s"):
            ok = True
        elif _is_title(lex, word.bare) or lower in lex.modifiers:
            ok = True
            has_title = has_title or _is_title(lex, word.bare)
        elif lower in _ROLE_LINKS and chosen:
            ok = True
        elif chosen and _capitalised(word.bare) and (inside is None or inside.kind == "place") \
                and word.bare not in lex.function_words and any(_is_title(lex, w.bare) for w in chosen):
            ok = True  # part of a named body before the title: "Kremlin", "Direct Investment Fund"
        else:
            ok = False
        if not ok:
            break
        if not chosen and gap.strip() == "," and not _is_title(lex, word.bare) and inside is None:
            break
        chosen.insert(0, word)
        cursor = word.start
    while chosen and (chosen[0].bare.lower() in _ROLE_LINKS or
                      (chosen[0].bare.lower() in lex.modifiers and chosen[0].bare.lower() in
                       {"state", "general"})):
        chosen.pop(0)
    while chosen and chosen[-1].bare.lower() in _ROLE_LINKS:
        chosen.pop()
    if not chosen or not has_title or not any(_is_title(lex, w.bare) for w in chosen):
        return None
    return chosen[0].start, chosen[-1].end


_COMMA = re.compile(r",\s+")
_COMPLEMENT = re.compile(r"\s+(?:of|to)\s+(?:the\s+)?")
_ASIDE = re.compile(r"^\s*,[^,.;]{0,40},")
_GIVEN_NAME_AFTER = re.compile(r" ([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)(?!\w)")
#: An appositive ends at its first stop; one this far away is never a role of nine words or fewer.
_APPOSITIVE_WINDOW = 1000
_APPOSITIVE_STOP = re.compile(r"[,;:.()\"“”]|\s(?:who|which|that|whose|in|at|on|from|with|since|based|"
                              r"specializing|specialising|working|living|said|told|says)\s")


def _role_after(state: _State, paragraph: int, end: int) -> tuple[int, int, str] | None:
    """An appositive after a name: ", a data engineer", ", the father of Kim Jong Un"."""
    text = state.texts[paragraph].folded
    lex = state.lex
    m = _COMMA.match(text, end)
    if not m:
        return None
    start = m.end()
    stop = _APPOSITIVE_STOP.search(text, start, start + _APPOSITIVE_WINDOW)
    if stop is None and start + _APPOSITIVE_WINDOW < len(text):
        # Stopped nowhere near: more than nine words follow unless they are very long ones.
        if len(_words(text[start:start + _APPOSITIVE_WINDOW - 20])) > 10:
            return None
        stop = _APPOSITIVE_STOP.search(text, start)
    limit = stop.start() if stop else len(text)
    words = _words(text[start:limit])
    if not words or len(words) > 9:
        return None
    first = words[0].bare
    # ", a data engineer", ", the father of ...", ", Russia's ambassador", ", deputy chief economist at"
    if first.lower() not in lex.articles and not words[0].text.endswith("'s") \
            and not (first.islower() and (first in lex.modifiers or _is_title(lex, first))):
        return None
    last_head = None
    kind = "person"
    for i, word in enumerate(words):
        if _is_title(lex, word.bare) or _occupation(lex, word.bare):
            last_head = i
            kind = "person"
        elif word.bare.lower() in lex.org_kinds:
            last_head = i
            kind = "organization"
    if last_head is None:
        return None
    role_end = start + words[last_head].end
    # "the father of Kim Jong Un": a named complement belongs to the role.
    tail = _COMPLEMENT.match(text, role_end, limit)
    if tail:
        after = tail.end()
        named = _span_at(state, paragraph, after, after + 1)
        if named is not None and named.actor:
            role_end = named.end
    return start, role_end, kind


def _verb_after(state: _State, paragraph: int, end: int) -> bool:
    text = state.texts[paragraph].folded
    rest = _ASIDE.sub("", text[end:end + _LOOK_BACK + 200], count=1)  # "Sergei Lavrov, for his part, noted"
    words = re.findall(r"[A-Za-z']+", rest[:80])
    for word in words[:3]:
        if word in state.lex.verbs:
            return True
        if word not in _AUXILIARIES:
            return False
    return False


def _verb_before(state: _State, paragraph: int, start: int) -> bool:
    before = _tail(state.texts[paragraph].folded, start)[1]
    m = re.search(r"([A-Za-z]+)(?:\s+to)?$", before)
    return bool(m) and (m.group(1) in state.lex.verbs or before.endswith("according to"))


# --- 1. names the registry and knowledge give -------------------------------------


def match_known(state: _State) -> _State:
    spans = []
    for p, text in enumerate(state.texts):
        for m in state.lex.known.finditer(text.folded):
            key = _key(m.group())
            actor = state.lex.surfaces.get(key, "")
            kind = "known" if actor else "place" if key in state.lex.state_places else "blocked"
            spans.append(_Span(p, m.start(), m.end(), actor, kind))
    return state.add(*spans)


_LANGUAGE_BEFORE = re.compile(r"(?:\b(?:speak|speaks|spoke|spoken|speaking|fluent in|translated into|"
                              r"dubbed into|subtitled in|learn|learning|learned|learnt|taught)\s+"
                              r"(?:(?:neither|either|both|only|fluent|fluently|no|little|some|mostly)\s+)?"
                              r"(?:[A-Z][a-z]+,?\s+(?:nor|or|and)\s+)?)$")
_LANGUAGE_AFTER = re.compile(r"(?:[\s\-](?:language|languages|speaking|speaker|speakers|translation|"
                             r"subtitles|dialect|version|dub)\b)|(?:\s+(?:or|and)\s+[A-Z][a-z]+\s+"
                             r"(?:language|speakers))")
_WATER_OF = re.compile(r"\b([A-Z][a-z]+) of (?:the )?$")


def settle_places(state: _State) -> _State:
    """A country named where the text means something else: a language ("spoke neither English
    nor Spanish", "the South African language Xhosa"), a sea or gulf ("Gulf of Mexico"), or the US
    state that shares its name ("Georgia" in a story that names other US states or Atlanta)."""
    lex = state.lex
    names_a_state = any(s.kind == "place" and _key(state.texts[s.paragraph].folded[s.start:s.end])
                        in lex.state_places for s in state.spans) \
        or any("Atlanta" in t.folded for t in state.texts)
    foreign = any("Tbilisi" in t.folded or "Georgian" in t.folded for t in state.texts)
    for p, text in enumerate(state.texts):
        doomed = []
        for span in state.group(p).spans:
            actor = state.actor(span.actor) if span.kind == "known" else None
            if actor is None or actor.type != "country":
                continue
            key = _key(text.folded[span.start:span.end])
            before = text.folded[max(0, span.start - 40):span.start]
            after = text.folded[span.end:span.end + 40]
            water = _WATER_OF.search(before)
            if (key in lex.demonyms and (_LANGUAGE_BEFORE.search(before) or _LANGUAGE_AFTER.match(after))) \
                    or (water and water.group(1) in lex.place_heads) \
                    or (key in lex.us_states and names_a_state and not foreign):
                doomed.append(span)
        if doomed:
            gone = set(doomed)
            state = state.dropping(p, lambda s: s in gone)  # noqa: B023 (used at once)
            state = state.add(*(replace(s, actor="", kind="place") for s in doomed))
    return state


_LONGER_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-Z][\w'\-]+)(\s+(?:and|of|for))?\s+$")


def release_embedded_names(state: _State) -> _State:
    """"National Security Council" is not the UN Security Council: a known organization's name
    with a capitalised word before it (not opening the sentence) is the end of a longer name,
    left for discovery."""
    dropped = []
    for span in state.spans:
        actor = state.actor(span.actor) if span.kind == "known" else None
        if actor is None or actor.type != "organization" or span.paragraph == 0:
            continue
        text = state.texts[span.paragraph].folded
        # "The FIFA Council": a body of a known organization, named by a head right after it.
        head = re.match(r" ([A-Z][a-z]+)\b", text[span.end:span.end + 30])
        if head and head.group(1) in state.lex.org_heads and not state.covered(
                span.paragraph, span.end + 1, span.end + head.end()):
            dropped.append(span)
            continue
        before = _LONGER_NAME.search(text, max(0, span.start - 40), span.start)
        if before is None:
            continue
        word = before.group(1)
        # "Peace and Security Council", but not "European and NATO allies".
        if before.group(2) and " " not in text[span.start:span.end]:
            continue
        if word in state.lex.function_words or _is_title(state.lex, word) or word.isupper() \
                or state.covered(span.paragraph, before.start(1), before.end(1)):
            continue
        dropped.append(span)
    doomed = set(dropped)
    return state.with_spans(s for s in state.spans if s not in doomed) if doomed else state


# --- 2. capitals standing for governments -------------------------------------------


def match_capitals(state: _State) -> _State:
    spans = []
    for p, text in enumerate(state.texts):
        words = _paragraph_words(text.folded)
        for i, word in enumerate(words):
            country = state.lex.capitals.get(word.bare)
            if country is None or state.covered(p, word.start, word.end):
                continue
            before = words[i - 1].bare.lower() if i else ""
            if before in _PLACE_PREPOSITIONS:
                continue
            after = text.folded[word.end:word.end + 2]
            possessive = word.text.endswith("'s") or after == "'s"
            nxt = words[i + 1].bare if i + 1 < len(words) else ""
            separated = text.folded[word.end:words[i + 1].start].strip() if i + 1 < len(words) else "."
            verb = not separated and (nxt in state.lex.verbs or nxt in _AUXILIARIES
                                      or (nxt.islower() and nxt.endswith("ed")))
            if possessive or verb:
                end = word.start + len(word.bare)
                spans.append(_Span(p, word.start, end, country, "capital"))
    return state.add(*spans)


# --- 3. and 4. discovery --------------------------------------------------------------


def _runs(state: _State, paragraph: int, *, connectors: frozenset[str],
          possessives: bool = False) -> list[list[_Word]]:
    """Runs of capitalised words not already claimed, joined by spaces (and connectors).

    With ``possessives``, a possessive inside a name joins too ("Tigray People's Liberation
    Front"); a country's ("Russia's Defence Ministry") never does, being claimed already.
    """
    text = state.texts[paragraph].folded
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    pending: list[_Word] = []
    for word in _paragraph_words(text):
        claimed = state.covered(paragraph, word.start, word.end)
        if claimed and possessives:  # "University of Idaho": a state inside a body's name
            inside = state.span_at(paragraph, word.start, word.end)
            claimed = inside is None or inside.kind != "place" or inside.actor != ""
        cap = _capitalised(word.bare) and not claimed and word.bare not in state.lex.calendar
        last = pending[-1] if pending else current[-1] if current else None
        joined = last is not None and text[last.end:word.start] in {" ", "-"} \
            and (possessives or not last.text.endswith("'s")) \
            and (not last.text.endswith(".") or bool(_INITIALS.fullmatch(last.text))
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


def _absorbable(state: _State, span: _Span) -> bool:
    """A country ("Danish Foreign Ministry") or a lone word never an actor by itself ("Pacific
    Legal Foundation", "Sudanese Armed Forces") right before a name is part of it."""
    if span.kind == "known":
        return (actor := state.actor(span.actor)) is not None and actor.type == "country"
    word = state.texts[span.paragraph].folded[span.start:span.end]
    if span.kind == "place":
        return True  # "New York Police Department", "Texas Department of Public Safety"
    return span.kind == "blocked" and " " not in word and _capitalised(word) and word.isalpha() \
        and word not in state.lex.calendar  # "On Monday Parliament voted"


def _org_extent(state: _State, paragraph: int, run: list[_Word]) -> tuple[int, int] | None:
    heads = [i for i, w in enumerate(run) if w.bare in state.lex.org_heads]
    if not heads:
        return None
    first = 0
    while first < heads[0] and (run[first].bare in state.lex.function_words or run[first].bare.lower()
                                in _CONNECTORS):
        first += 1
    # Past its last head a name goes on only through a connector ("Ministry of Finance",
    # "Council on Foreign Relations"); "Senate Majority Leader John Thune" is the Senate and a person.
    last = heads[-1]
    if last + 1 < len(run) and run[last + 1].bare.lower() in _CONNECTORS:
        last = len(run) - 1
        while last > heads[-1] and run[last].bare.lower() in _CONNECTORS:
            last -= 1
    elif last == first:
        # A head that opens the name takes the words after it up to a title: "Club Deportivo
        # Sol de Lima", but "House Speaker Mike Johnson" is the House and a person.
        while last + 1 < len(run) and not _is_title(state.lex, run[last + 1].bare) \
                and run[last + 1].bare not in state.lex.function_words:
            last += 1
        while last > first and run[last].bare.lower() in _CONNECTORS:
            last -= 1
    start = run[first].start
    # An adjective of nationality or a country right before belongs to the name ("Danish Foreign Ministry").
    text = state.texts[paragraph].folded
    before = _span_at(state, paragraph, max(start - 2, 0), max(start - 1, 0))
    if before is not None and text[before.end:start] == " " and _absorbable(state, before):
        start = before.start
    end = run[last].start + len(run[last].bare)
    return start, end


def _is_agency(state: _State, name: str) -> bool:
    return bool(re.search(r"\bNews\b|\bPress\b|\bTelegraph\b", name))


def _new_actor(state: _State, name: str, kind: ActorType) -> Actor:
    words = name.split()
    # "Siemens AG" is "Siemens" in the next paragraph, "Samsung Electronics Co. Ltd." "Samsung Electronics".
    while kind == "organization" and len(words) > 1 and words[-1].rstrip(".,") in state.lex.legal_forms:
        words = words[:-1]
    short = " ".join(words) if words != name.split() else ""
    aliases = (short,) if short else ()
    if kind == "organization":
        aliases += _other_usual_name(words)
    return Actor(id=slug(name), name=name, type=kind, discovered=True, aliases=aliases)


#: Bodies with two usual names: "Justice Department" and "Department of Justice" are one.
_DOUBLE_NAMED = frozenset({"Department", "Ministry", "Office", "Bureau", "Agency"})


def _other_usual_name(words: list[str]) -> tuple[str, ...]:
    """"Justice Department" <-> "Department of Justice", "Polish Defence Ministry" <-> "Polish
    Ministry of Defence": the head and one word of field swapped, anything before kept."""
    if len(words) >= 3 and words[-2] == "of" and words[-3] in _DOUBLE_NAMED:
        return (" ".join((*words[:-3], words[-1], words[-3])),)
    if len(words) >= 2 and words[-1] in _DOUBLE_NAMED and words[-2][:1].isupper():
        return (" ".join((*words[:-2], words[-1], "of", words[-2])),)
    return ()


def _remember(state: _State, actor: Actor, spans: list[_Span]) -> _State:
    key = _key(actor.name)
    owner = state.alias_owner(key, actor.id)
    if owner is not None:  # "Samsung Electronics" after "Samsung Electronics Co. Ltd."
        return state.add(*(replace(s, actor=owner.id, kind="short") for s in spans))
    found = state.found
    known = state.actor(actor.id)
    if known is None:
        found = (*found, actor)
    return state.add(*spans, found=found)


def _org_runs(state: _State, paragraph: int) -> list[list[_Word]]:
    """Runs that may name organizations, two names joined by "and" taken apart ("Exxon Mobil
    Corp and Chevron Corp"), and a sentence's opening noun before "of" left out ("Shares of")."""
    out: list[list[_Word]] = []
    heads = state.lex.org_heads
    for run in _runs(state, paragraph, connectors=_ORG_CONNECTORS, possessives=True):
        ands = [i for i, w in enumerate(run) if w.bare == "and"]
        pieces = [run]
        for i in ands:
            left, right = run[:i], run[i + 1:]
            if left and right and left[-1].bare in heads and any(w.bare in heads for w in right):
                pieces = [left, right]
                break
        for piece in pieces:
            of = next((i for i, w in enumerate(piece) if w.bare == "of"), None)
            text = _tail(state.texts[paragraph].folded, piece[0].start)[1]
            opens = not text or text.endswith((".", "!", "?", ":", '"'))
            if of == 1 and opens and piece[0].bare not in heads:
                piece = piece[of + 1:]
            out.append(piece)
    return out


def discover_organizations(state: _State) -> _State:
    for p in range(1, len(state.texts)):
        for run in _org_runs(state, p):
            extent = _org_extent(state, p, run)
            if extent is None:
                continue
            start, end = extent
            text = state.texts[p]
            name = text.raw[slice(*text.span(start, end))]
            if len(name.split()) < 2 or _is_agency(state, name) or _is_title(state.lex, name) \
                    or state.lex.titles.fullmatch(fold(name)):  # "Chief of Staff" is a role
                continue
            actor = _new_actor(state, name, "organization")
            # The nationality adjective the name absorbed is part of the name now.
            kept = state.dropping(p, lambda s: start <= s.start and s.end <= end)  # noqa: B023 (used at once)
            state = _remember(kept, actor, [_Span(p, start, end, actor.id, "org")])
    return state


def discover_institutions(state: _State) -> _State:
    """"the Senate", "the Treasury": one word names a body; "the Commission" is the commission the
    article already named, when there is one."""
    for p in range(1, len(state.texts)):
        text = state.texts[p]
        for word in _paragraph_words(text.folded):
            bare = word.bare
            if bare not in state.lex.institutions or state.covered(p, word.start, word.start + len(bare)):
                continue
            after_the = text.folded[max(0, word.start - 4):word.start].casefold() == "the "
            if not (after_the or bare == "Congress"):
                continue
            end = word.start + len(bare)
            named = [a for a in _article_actors(state) if a.type == "organization"
                     and len(a.name.split()) > 1 and fold(a.name).split()[-1] == bare]
            if len(named) == 1:
                state = state.add(_Span(p, word.start, end, named[0].id, "short"))
                continue
            actor = _new_actor(state, text.raw[slice(*text.span(word.start, end))], "organization")
            state = _remember(state, actor, [_Span(p, word.start, end, actor.id, "org")])
    return state


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,}(?:\+)?")


def discover_acronyms(state: _State) -> _State:
    """"FIFPRO said", "the Sudanese Armed Forces (SAF)": capitals that name a body.  In brackets
    right after a name they are that name's short form."""
    # Capitals the article uses again are a body's ("HRANA ... HRANA"), whatever stands beside them.
    initials: dict[str, Actor] = {}  # "NAO" -> the National Audit Office the article names
    seen = 0
    repeated = Counter(w.bare for t in state.texts[1:] if not shapes.is_all_caps(t.raw)
                       for w in _paragraph_words(t.folded) if _ACRONYM.fullmatch(w.bare))
    for p in range(1, len(state.texts)):
        text = state.texts[p]
        if shapes.is_all_caps(text.raw):
            continue
        for word in _paragraph_words(text.folded):
            bare = word.bare
            end = word.start + len(bare)
            if not _ACRONYM.fullmatch(bare) or not any(c.isalpha() for c in bare[1:]) \
                    or bare in state.lex.acronyms or bare in state.lex.function_words \
                    or state.covered(p, word.start, end):
                continue
            bracketed = text.folded[word.start - 1:word.start] == "(" and text.folded[end:end + 1] == ")"
            named = _span_at(state, p, word.start - 3, word.start - 2) if bracketed else None
            if named is not None and named.actor and (a := state.actor(named.actor)) is not None \
                    and a.type == "organization":
                # Its short form from now on, wherever it stands.
                state = replace(state, found=tuple(replace(f, aliases=(*f.aliases, bare)) if f.id == a.id
                                                   else f for f in state.found))
                state = state.add(_Span(p, word.start, end, named.actor, "short"))
                continue
            for actor in state.found[seen:]:  # each found body's initials, once
                if actor.type == "organization":
                    initials.setdefault(_initials(actor.name), actor)
            seen = len(state.found)
            owner = next((f for f in state.found if bare in f.aliases), None) or initials.get(bare)
            if owner is not None:
                state = state.add(_Span(p, word.start, end, owner.id, "short"))
                continue
            # "NHS England said": a body's branch, named by the word after its capitals.
            branch = re.match(r" ([A-Z][a-z]+)(?!\w)", text.folded[end:end + 30])
            if branch and branch.group(1) not in state.lex.function_words \
                    and _verb_after(state, p, end + branch.end()):
                state = state.dropping(p, lambda s: s.start == end + 1)  # noqa: B023 (used at once)
                end += branch.end()
            after = _role_after(state, p, end)
            if not (_verb_after(state, p, end) or _verb_before(state, p, word.start)
                    or (after and after[2] == "organization") or _kind_before(state, p, word.start)
                    or (repeated[bare] >= 2 and 3 <= len(bare) <= 5)):
                continue
            state = _found_organization(state, p, word.start, end)
    return state


def _initials(name: str) -> str:
    """"National Audit Office" -> "NAO"; connectors ("of", "and") are skipped."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


_KIND_BEFORE = re.compile(r"(?:^|\s)([a-z][a-z\-]+)(?:'s?)?\s+$")


_EMPLOYER = re.compile(r"(?:^|\s)([a-z][a-z\-]+) at $")


def _employer_before(state: _State, p: int, start: int) -> bool:
    """"chief economist at Capital Economics", "an analyst at Bernstein": where a person works."""
    before = _EMPLOYER.search(state.texts[p].folded, max(0, start - 40), start)
    return before is not None and (_is_title(state.lex, before.group(1))
                                   or _occupation(state.lex, before.group(1)))


def _kind_before(state: _State, p: int, start: int) -> bool:
    """"the players' union FIFPRO", "chipmaker Nvidia": a noun for a kind of body right before."""
    before = _KIND_BEFORE.search(state.texts[p].folded, max(0, start - 40), start)
    return before is not None and before.group(1) in state.lex.org_kinds


def _article_actors(state: _State) -> tuple[Actor, ...]:
    ids = dict.fromkeys(s.actor for s in state.spans if s.actor)
    return tuple(a for i in ids if (a := state.actor(i)) is not None)


def _person_words(state: _State, run: list[_Word]) -> list[list[_Word]]:
    """Split a run at titles and sentence words: what is left may be names."""
    parts: list[list[_Word]] = [[]]
    for i, word in enumerate(run):
        bare = word.bare
        # "Hassan Sheikh Mohamud": an honorific between two names is part of the name.
        following = run[i + 1].bare if i + 1 < len(run) else ""
        if parts[-1] and fold(bare) in state.lex.royal_titles and following \
                and not _is_title(state.lex, following) and following not in state.lex.function_words:
            parts[-1].append(word)
            continue
        if _is_title(state.lex, bare) or bare in state.lex.function_words or bare in state.lex.org_heads \
                or (not any(c.islower() for c in bare) and len(bare) >= 3 and not _INITIALS.fullmatch(bare)):
            parts.append([])
            continue
        parts[-1].append(word)
        if word.text.endswith("'s"):
            parts.append([])
    return [p for p in parts if p]


def reclaim_given_names(state: _State) -> _State:
    """"Chad Smith, a drummer": a one-word country name that starts a person's name is not the country."""
    dropped = []
    for span in state.spans:
        actor = state.actor(span.actor) if span.actor else None
        if span.paragraph == 0 or span.kind != "known" or actor is None or actor.type != "country":
            continue
        text = state.texts[span.paragraph].folded
        if " " in text[span.start:span.end] or text[span.start:span.end] != fold(actor.name):
            continue
        nxt = _GIVEN_NAME_AFTER.match(text, span.end)
        if not nxt or nxt.group(1) in state.lex.function_words or nxt.group(1) in state.lex.org_heads \
                or _is_title(state.lex, nxt.group(1)) or state.covered(span.paragraph, span.end + 1,
                                                                        nxt.end()):
            continue
        end = nxt.end()
        after = _role_after(state, span.paragraph, end)
        surname = nxt.group(1)
        # "Fox's Chad Pergram", "Jordan Peterson": a country that opens a two-word name of a
        # person's shape (the word after no noun of a thing, place or body, nothing capitalised next).
        shaped = _surname_shaped(state.lex, surname) and surname not in state.lex.given_names \
            and not re.match(r"\s+[A-Z]", text[end:end + 2])
        if (after and after[2] == "person") or _verb_after(state, span.paragraph, end) or shaped:
            dropped.append(span)
    doomed = set(dropped)
    return state.with_spans(s for s in state.spans if s not in doomed) if doomed else state


_LIST_GLUE = re.compile(r"(?:,\s+and|,\s+or|,|\s+and|\s+or)\s+$")


def _listed_after_person(state: _State, p: int, start: int) -> bool:
    """"Justices Clarence Thomas, Neil Gorsuch and Brett Kavanaugh": the next name in a list of people."""
    window = max(0, start - 8)  # the longest glue, ", and ", fits
    glue = _LIST_GLUE.search(state.texts[p].folded, window, start)
    if glue is None:
        return False
    before = _span_at(state, p, glue.start() - 1, glue.start())
    return before is not None and before.kind in {"known", "person"} and \
        (actor := state.actor(before.actor)) is not None and actor.type == "person"


def _named_like_a_person(state: _State, words: list[_Word]) -> list[_Word] | None:
    """"Maria Lopez", "Sergei Petrov Ivanov": a given name, then one or two words shaped like
    surnames (capitalised, not a noun that ends the name of a thing, a place or a body).  Words
    before the given name that no list knows are left out ("Assemblymember Alex Lee")."""
    first = next((i for i, w in enumerate(words[:3]) if w.bare in state.lex.given_names), None)
    if first is None:
        return None
    name = words[first:]
    return name if _given_then_surnames(state.lex, name) else None


def _given_then_surnames(lex: _Lexicon, words: list[_Word]) -> bool:
    names = [w for w in words if w.bare.lower() not in _PARTICLES]
    if not 2 <= len(names) <= 3 or words[0].bare not in lex.given_names:
        return False
    return all(w.bare.lower() in _PARTICLES or _surname_shaped(lex, w.bare) for w in words[1:])


def _surname_shaped(lex: _Lexicon, bare: str) -> bool:
    """Capitalised, not all capitals, and no noun that ends the name of a thing, place or body."""
    return not (bare.isupper() or not bare[:1].isupper() or bare in lex.not_person_heads
                or bare in lex.org_heads or bare in lex.place_heads or bare in lex.function_words
                or bare in lex.calendar or _is_title(lex, bare))


def _person_trigger(state: _State, p: int, start: int, end: int) -> bool:
    return bool(_role_before(state, p, start) or _verb_before(state, p, start)
                or ((r := _role_after(state, p, end)) and r[2] == "person") or _verb_after(state, p, end)
                or _listed_after_person(state, p, start))


def _found_organization(state: _State, p: int, start: int, end: int) -> _State:
    text = state.texts[p]
    name = text.raw[slice(*text.span(start, end))]
    actor = _new_actor(state, name, "organization")
    return _remember(state, actor, [_Span(p, start, end, actor.id, "org")])


def _says_organization(state: _State, p: int, start: int, end: int) -> bool:
    """"Naftogaz, the state energy company", "the chipmaker Nvidia", "an analyst at Bernstein"."""
    after = _role_after(state, p, end)
    return bool((after and after[2] == "organization") or _kind_before(state, p, start)
                or _employer_before(state, p, start))


_HONORIFIC = r"(?:(Mr|Mrs|Ms|Miss|Dr)\.?\s+)?"


@functools.lru_cache(maxsize=64)
def _speaker_pattern(verbs: frozenset[str]) -> re.Pattern[str]:
    said = "|".join(map(re.escape, sorted(verbs)))
    return re.compile(
        rf"(?<![\w'.-]){_HONORIFIC}([A-Z][a-z][\w'-]*),?"
        rf"(?:\s+(?:also|then|later|again|further|has|had|previously))?\s+(?:{said})(?![\w'-])"
        rf"|(?<![\w'-])(?:said|says|added|according\s+to)\s+{_HONORIFIC}([A-Z][a-z][\w'-]*)(?=[.,;])")


def _speaking_surnames(state: _State) -> frozenset[str]:
    """Words that speak alone ("Abraham said", "said Ms Silvas."): the surname of someone the
    article names in full elsewhere, perhaps with nothing else that says "person"."""
    pattern = _speaker_pattern(state.lex.speech_verbs)
    out = set()
    for text in state.texts[1:]:
        for m in pattern.finditer(text.folded):
            honorific, word = (m.group(1), m.group(2)) if m.group(2) else (m.group(3), m.group(4))
            before = text.folded[:m.start()].rstrip().rsplit(None, 1)
            # "Joe Abraham said" names in full; a lone word follows no capitalised one.
            if word in state.lex.function_words or (not honorific and before and _capitalised(before[-1])
                                                    and not before[-1].endswith((".", ":", '"'))):
                continue
            out.add(word)
    return frozenset(out)


def _noun_after(state: _State, p: int, end: int) -> bool:
    """A lower-case word right after a name that is no verb: the name qualifies a noun ("the
    Maya Torres case")."""
    m = re.match(r" ([a-z]+)\b", state.texts[p].folded[end:end + 30])
    return bool(m) and m.group(1) not in state.lex.verbs and not m.group(1).endswith("ed") \
        and m.group(1) not in _AUXILIARIES


_THE_BEFORE = re.compile(r"(?:^|\s)[Tt]he$")
_PARTY_STATE = re.compile(r"[DRI]-[A-Z]")
#: The writer's credit, not a person of the story: "Contact Jane Doe at ...", "Follow Jane Doe on X".
_BYLINE_BEFORE = re.compile(r"(?:^|[.:]\s*)(?:By|Contact|Follow|Email|Reach|Write to)\s*$")


def discover_people(state: _State) -> _State:
    speaking = _speaking_surnames(state)
    for p in range(1, len(state.texts)):
        text = state.texts[p]
        for run in _runs(state, p, connectors=_PARTICLES):
            for words in _person_words(state, run):
                if _PARTY_STATE.match(words[0].text):
                    continue  # "Alex Lee, D-San José": a party and a state, no name
                start = words[0].start
                end = words[-1].start + len(words[-1].bare)
                if text.folded[end - 1] == "." and len(words) > 1 and not _INITIALS.fullmatch(words[-1].bare):
                    end -= 1  # "Kim Jong Un." ends a sentence: "Un." is no abbreviation there
                suffix = _SUFFIXES.match(text.folded, end)
                if suffix:
                    end = suffix.end()
                lo, before = _tail(text.folded, start)
                royal = any(before.endswith(t) for t in state.lex.royal_titles)
                if royal and len(words) == 1:
                    known = _candidates(state, words[0].bare)
                    if len(known) == 1:  # "Sheikh Mohammed told reporters", named in full before
                        state = state.add(_Span(p, start, end, known[0].id, "short"))
                        continue
                    title = next(t for t in sorted(state.lex.royal_titles, key=len, reverse=True)
                                 if before.endswith(t))
                    start = lo + len(before) - len(title)
                elif state.covered(p, start, end):
                    continue
                elif not royal and _employer_before(state, p, start):
                    state = _found_organization(state, p, start, end)
                    continue
                elif len(words) == 1:
                    # One word is enough for a body when the text says what it is.
                    if words[0].bare not in state.lex.function_words \
                            and _says_organization(state, p, start, end):
                        state = _found_organization(state, p, start, end)
                    continue
                elif not 2 <= len([w for w in words if w.bare.lower() not in _PARTICLES]) <= 4:
                    continue
                name = text.raw[slice(*text.span(start, end))]
                if not royal and _is_place(state.lex, fold(name)):
                    state = state.add(_Span(p, start, end, "", "place"))
                    continue
                # The first full name ending in a word that speaks alone is that speaker's
                # ("Katie Abraham", named after Joe Abraham, is not the "Abraham said").
                spoken = not royal and words[-1].bare in speaking and words[0].bare not in \
                    state.lex.function_words
                if spoken:
                    speaking -= {words[-1].bare}
                    while len(words) > 2 and (_occupation(state.lex, words[0].bare.lower())
                                              or _is_title(state.lex, words[0].bare)):
                        words = words[1:]  # "Songwriter Guy Chambers"
                    start = words[0].start
                    name = text.raw[slice(*text.span(start, end))]
                thing = words[-1].bare in state.lex.not_person_heads  # "Oversight Project said"
                if not royal and not spoken and (thing or not _person_trigger(state, p, start, end)):
                    named = None if thing else _named_like_a_person(state, words)
                    if named and (_BYLINE_BEFORE.search(_tail(text.folded, named[0].start)[1])
                                  or re.match(r" [A-Z]", text.folded[end:end + 2])):
                        named = None  # a writer's credit; or a longer name goes on ("Lone Star State")
                    if named and named[0] is words[0] and re.search(r"[^s]s$", words[-1].bare) \
                            and _THE_BEFORE.search(_tail(text.folded, start)[1]) \
                            and not _noun_after(state, p, end):
                        # "the Carolina Panthers": a team ("the Alex Pretti shooting" is a person's)
                        state = _found_organization(state, p, start, end)
                        continue
                    if named is None:
                        if _says_organization(state, p, start, end):
                            state = _found_organization(state, p, start, end)
                        continue
                    if named[0] is not words[0]:
                        words, start = named, named[0].start
                        name = text.raw[slice(*text.span(start, end))]
                actor = _new_actor(state, name, "person")
                if spoken:
                    state = replace(state, voices=(*state.voices, (words[-1].bare, actor.id)))
                if state.actor(actor.id) is not None:
                    continue  # named again: match_discovered spans every repeat at once
                state = _remember(state, actor, [_Span(p, start, end, actor.id, "person")])
    return state


def merge_partial_names(state: _State) -> _State:
    """"Von der Leyen said" found as a name of its own: it is the end of Ursula von der Leyen's;
    "Renee Good" after "Renee Nicole Good" is hers too (a middle name left out)."""
    people = state.people()
    # Indexed once: every person by each ending of its name, and by (first, last) word.
    endings: dict[str, list[Actor]] = {}
    ends: dict[tuple[str, str], list[Actor]] = {}
    for b in people:
        words = _key(b.name).split()
        for i in range(1, len(words)):
            endings.setdefault(" ".join(words[i:]), []).append(b)
        if len(words) > 2:
            ends.setdefault((words[0], words[-1]), []).append(b)
    mapping: dict[str, str] = {}
    for actor in state.found:
        if actor.type != "person":
            continue
        key = _key(actor.name)
        longer = [b for b in endings.get(key, ()) if b.id != actor.id]
        if len(longer) == 1:
            mapping[actor.id] = longer[0].id
            continue
        words = key.split()
        pair = (words[0], words[-1]) if len(words) == 2 else None
        fuller = [b for b in ends.get(pair, ()) if b.id != actor.id] if pair else []
        if len(fuller) == 1:
            mapping[actor.id] = fuller[0].id
    if not mapping:
        return state
    spans = tuple(replace(s, actor=mapping[s.actor], kind="short") if s.actor in mapping else s
                  for s in state.spans)
    return state.with_spans(spans, found=tuple(a for a in state.found if a.id not in mapping))


def match_discovered(state: _State) -> _State:
    """A name discovered once is the same actor wherever else it stands, trigger or not."""
    if not state.found:
        return state
    names = {_key(n): a.id for a in state.found for n in (*a.aliases, a.name)}
    pattern = re.compile(r"(?<![\w'])(?:" + _alternation(n for a in state.found for n in (a.name, *a.aliases))
                         + r")(?!\w)")
    spans = []
    for p, text in enumerate(state.texts):
        for m in pattern.finditer(text.folded):
            actor = names.get(_key(m.group()))
            if actor and not state.covered(p, m.start(), m.end()):
                spans.append(_Span(p, m.start(), m.end(), actor, "person"))
    return state.add(*spans)


# --- 5. short names -----------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _name_keys(actor: Actor) -> tuple[str, str]:
    """(surname, first word): "Trump Jr." for "Donald Trump Jr.", else the last and first words."""
    tokens = fold(actor.name).split()
    if not tokens:
        return "", ""
    if len(tokens) > 2 and _SUFFIXES.fullmatch(" " + tokens[-1]):
        return f"{tokens[-2]} {tokens[-1]}", tokens[0]
    return tokens[-1], tokens[0]


def _candidates(state: _State, word: str) -> list[Actor]:
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


def _weight(state: _State, actor: Actor, paragraph: int, start: int) -> tuple[int, int, int]:
    full = state.full_mentions(actor.id)
    earlier = bisect.bisect_left(full, (paragraph, start))
    latest = full[earlier - 1] if earlier else (-1, -1)
    return len(full), latest[0], latest[1]


def _short_words(state: _State, p: int) -> list[tuple[int, int, str]]:
    """Capitalised words nobody claimed yet: (start, end, key), "Trump Jr." kept whole."""
    text = state.texts[p].folded
    out = []
    for word in _paragraph_words(text):
        bare = word.bare
        if not _capitalised(bare) or state.covered(p, word.start, word.end) \
                or bare in state.lex.function_words or bare in state.lex.calendar \
                or not bare.replace("-", "").isalpha() or _is_title(state.lex, bare):
            continue
        end = word.start + len(bare)
        suffix = _SUFFIXES.match(text, end)
        if suffix:
            end = suffix.end()
        out.append((word.start, end, re.sub(r"\s+", " ", text[word.start:end])))
    return out


def discover_titled_surnames(state: _State) -> _State:
    """"President Trump", "Chancellor Merz": a person, when no fuller name claims the word."""
    for p in range(1, len(state.texts)):
        text = state.texts[p]
        for start, end, key in _short_words(state, p):
            if state.covered(p, start, end) or _candidates(state, key) or state.found_named(key):
                continue
            title = _title_at_end(state.lex, _tail(text.folded, start)[1])
            if title is not None and _capitalised(title.group()) and key not in state.lex.place_heads \
                    and key not in state.lex.not_person_heads and key not in state.lex.org_heads:
                actor = _new_actor(state, text.raw[slice(*text.span(start, end))], "person")
                state = _remember(state, actor, [_Span(p, start, end, actor.id, "person")])
    return state


def resolve_short_names(state: _State) -> _State:
    notes: list[str] = []
    voices = dict(reversed(state.voices))  # the first voice of a surname wins
    for p, text in enumerate(state.texts):
        for start, end, key in _short_words(state, p):
            single = list(state.found_named(key))
            options = single or _candidates(state, key)
            if not options:
                continue
            voice = voices.get(key)
            best = max(options, key=lambda a: (a.id == voice, *_weight(state, a, p, start), a.id))
            if len(options) > 1:
                names = [best.name, *(a.name for a in sorted(options, key=lambda a: a.name) if a is not best)]
                notes.append(f"ambiguous: '{text.raw[slice(*text.span(start, end))]}' could be "
                             f"{', '.join(names[:-1])} or {names[-1]}; taken as {best.name}")
            state = state.add(_Span(p, start, end, best.id, "short"))
    return replace(state, review=state.review + tuple(dict.fromkeys(notes)))


# --- 6. roles -----------------------------------------------------------------------


def collect_roles(state: _State) -> _State:
    roles: list[tuple[str, str]] = []
    for span in state.spans:
        actor = state.actor(span.actor) if span.actor else None
        if actor is None or actor.type != "person" or span.paragraph == 0:
            continue
        text = state.texts[span.paragraph]
        found = _role_before(state, span.paragraph, span.start)
        if found:
            roles.append((actor.id, text.raw[slice(*text.span(*found))]))
        after = _role_after(state, span.paragraph, span.end)
        if after and after[2] == "person":
            roles.append((actor.id, text.raw[slice(*text.span(after[0], after[1]))]))
        head = text.folded[span.start:span.end].split(" ")[0]
        if head in state.lex.royal_titles:
            roles.append((actor.id, text.raw[slice(*text.span(span.start, span.start + len(head)))]))
    cleaned = [(a, r.strip(" ,")) for a, r in roles]
    kept = (c for c in cleaned if c[1] and not _plural_role(state.lex, c[1]))
    return replace(state, roles=tuple(dict.fromkeys(kept)))


def _plural_role(lex: _Lexicon, role: str) -> bool:
    """"Republican Presidents", "U.S. citizens": a group the person belongs to, no role of theirs."""
    words = role.split()
    last = words[-1].rstrip(".,").lower()
    if any(_key(" ".join(words[-n:])) in lex.surfaces for n in (1, 2, 3)):
        return False  # "ambassador to the United States" ends with a name, no plural
    return last.endswith("s") and last not in lex.title_words and last[:-1] in lex.title_words


# --- 7. the user's curation ----------------------------------------------------------


def apply_curation(state: _State) -> _State:
    mapping: dict[str, str] = {}
    found = []
    for actor in state.found:
        key = fold(actor.name).casefold()
        if key in state.lex.rejected:
            mapping[actor.id] = ""
        elif key in state.lex.merges:
            mapping[actor.id] = state.lex.merges[key]
        else:
            found.append(actor)
    spans = tuple(replace(s, actor=mapping.get(s.actor, s.actor)) for s in state.spans)
    return state.with_spans(spans, found=tuple(found))


# --- the list and the result ------------------------------------------------------------

Rule = Callable[[_State], _State]

RULES: tuple[Rule, ...] = (
    match_known,
    settle_places,
    release_embedded_names,
    match_capitals,
    discover_organizations,
    discover_institutions,
    discover_acronyms,
    reclaim_given_names,
    discover_people,
    merge_partial_names,
    match_discovered,
    discover_titled_surnames,
    resolve_short_names,
    collect_roles,
    apply_curation,
)


#: A paragraph longer than this (no paragraph of news is) is read as pieces of whole sentences,
#: each a text of its own to the rules, so what they index per paragraph stays small.
MAX_PIECE = 4000


def _pieces(paragraph: str) -> list[tuple[int, str]]:
    """(offset, text) of the pieces of a paragraph: itself, unless it is longer than ``MAX_PIECE``."""
    if len(paragraph) <= MAX_PIECE:
        return [(0, paragraph)]
    cuts = [0]
    previous = 0
    # Sentences are at most MAX_SENTENCE long, so no piece is longer than the two together.
    for start in [*(a for a, _ in split_sentences(paragraph)), len(paragraph)]:
        if start - cuts[-1] > MAX_PIECE and previous > cuts[-1]:
            cuts.append(previous)
        previous = start
    return [(a, paragraph[a:b]) for a, b in zip(cuts, [*cuts[1:], len(paragraph)], strict=True)]


def _result(state: _State, origin: tuple[tuple[int, int], ...]) -> ActorResult:
    spans: list[ActorSpan] = []
    for s in state.spans:
        if not s.actor or state.actor(s.actor) is None:
            continue
        text = state.texts[s.paragraph]
        start, end = text.span(s.start, s.end)
        paragraph, offset = origin[s.paragraph]
        spans.append(ActorSpan(paragraph, start + offset, end + offset, s.actor, text.raw[start:end]))
    order: dict[str, list[ActorSpan]] = {}
    for span in spans:
        order.setdefault(span.actor, []).append(span)
    discovered_ids = {a.id for a in state.found}
    mentions = []
    for actor_id, its in order.items():
        actor = state.actor(actor_id)
        assert actor is not None
        body = [s.paragraph for s in its if s.paragraph > 0]
        mentions.append(Mention(
            id=actor.id, name=actor.name, type=actor.type,
            roles=tuple(r for a, r in state.roles if a == actor_id),
            discovered=actor_id in discovered_ids, mentions=len(its),
            first_paragraph=min(body) if body else 0,
        ))
    review = list(state.review)
    for actor in state.found:
        if actor.id in order:
            first = order[actor.id][0]
            review.append(f"discovered {actor.type}: {actor.name} (paragraph {first.paragraph}); "
                          "add it to actors.yaml, merge it or list it under not_actors")
    return ActorResult(
        mentions=tuple(mentions),
        spans=tuple(spans),
        discovered=tuple(sorted((a for a in state.found if a.id in order), key=lambda a: a.id)),
        review=tuple(review),
        warnings=state.warnings,
    )


def extract_actors(doc: Document, registry: Registry, knowledge: Knowledge) -> ActorResult:
    """Every actor the title and paragraphs name, with where and how."""
    pieces = [(0, 0, doc.title)] + [(number, offset, piece)
                                    for number, paragraph in enumerate(doc.paragraphs, 1)
                                    for offset, piece in _pieces(paragraph)]
    state = _State(texts=tuple(_Text.of(t) for _, _, t in pieces), lex=_lexicon(registry, knowledge))
    for rule in RULES:
        state = rule(state)
    return _result(state, tuple((number, offset) for number, offset, _ in pieces))
