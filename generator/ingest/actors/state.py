"""What the actor rules share: the texts, the spans found so far, the actors found.

    State(texts, lex) --rule--> State with more spans, found actors, roles, notes

A rule returns a new state; the spans are kept per text, with what the look-ups bisect, so
adding a name costs its own text's spans, not the whole article's, and whether a place is
covered is one bisection.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from generator.folding import Text, fold
from generator.ingest.actors.lexicon import Lexicon
from generator.ingest.actors.text import lookup_key, name_keys
from generator.model import Actor

SpanKind = str  # "known" | "blocked" | "place" | "capital" | "org" | "person" | "short"


@dataclass(frozen=True)
class Span:
    paragraph: int
    start: int  # folded offsets
    end: int
    actor: str  # actor id; "" for a blocked (never-actor) name
    kind: SpanKind


@dataclass(frozen=True)
class Group:
    """One text's spans by start, with what the look-ups bisect: ``reach[i]`` is the furthest
    end of ``spans[:i + 1]``, so whether a place is covered is one bisection, however many
    spans a long paragraph holds."""

    spans: tuple[Span, ...]
    starts: tuple[int, ...]
    reach: tuple[int, ...]

    @classmethod
    def of(cls, spans: Iterable[Span]) -> Group:
        ordered = tuple(sorted(spans, key=lambda s: s.start))  # stable: earlier spans first
        reach = tuple(itertools.accumulate((s.end for s in ordered), max))
        return cls(ordered, tuple(s.start for s in ordered), reach)


NO_SPANS = Group((), (), ())


@dataclass(frozen=True)
class State:
    texts: tuple[Text, ...]  # 0 = title, then the paragraphs
    lex: Lexicon
    #: The spans of each text.  A rule adds spans one name at a time, so they are kept per
    #: text: a new span costs its own text's spans, not the whole article's.
    groups: tuple[Group, ...] = ()
    #: Actors this document found that the lexicon does not hold (discovered).
    found: tuple[Actor, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (actor id, role as written)
    #: (surname, actor id): the first full name ending in a surname that speaks alone is the
    #: speaker's ("Joe Abraham", not his daughter Katie Abraham named after him).
    voices: tuple[tuple[str, str], ...] = ()
    review: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @functools.cached_property
    def spans(self) -> tuple[Span, ...]:
        """Every span, by (paragraph, start)."""
        return tuple(s for g in self.groups for s in g.spans)

    def group(self, paragraph: int) -> Group:
        return self.groups[paragraph] if 0 <= paragraph < len(self.groups) else NO_SPANS

    def covered(self, paragraph: int, start: int, end: int) -> bool:
        # Called for every word of every paragraph: bisect instead of scanning all spans.
        g = self.group(paragraph)
        i = bisect.bisect_left(g.starts, end)
        return i > 0 and g.reach[i - 1] > start

    def span_at(self, paragraph: int, start: int, end: int) -> Span | None:
        """The first span (in order) holding ``start:end``."""
        g = self.group(paragraph)
        i = bisect.bisect_left(g.reach, end)  # the first span reaching ``end``
        return g.spans[i] if i < bisect.bisect_right(g.starts, start) else None

    def with_spans(self, spans: Iterable[Span], found: tuple[Actor, ...] | None = None) -> State:
        grouped: list[list[Span]] = [[] for _ in self.texts]
        for s in spans:
            grouped[s.paragraph].append(s)
        return replace(self, groups=tuple(Group.of(g) for g in grouped),
                       found=self.found if found is None else found)

    def dropping(self, paragraph: int, doomed: Callable[[Span], bool]) -> State:
        """The state without the spans of ``paragraph`` that are ``doomed``."""
        g = self.group(paragraph)
        kept = [s for s in g.spans if not doomed(s)]
        if len(kept) == len(g.spans):
            return self
        return self._with_groups({paragraph: Group.of(kept)}, self.found, added_people=True)

    def add(self, *spans: Span, found: tuple[Actor, ...] | None = None) -> State:
        touched: dict[int, list[Span]] = {}
        for s in spans:
            touched.setdefault(s.paragraph, []).append(s)
        groups = {p: Group.of(self.group(p).spans + tuple(new)) for p, new in touched.items()}
        return self._with_groups(groups, self.found if found is None else found,
                                 added_people=any(s.kind in {"known", "person"} for s in spans))

    def _with_groups(self, changed: dict[int, Group], found: tuple[Actor, ...], *,
                     added_people: bool) -> State:
        groups = list(self.groups) or [NO_SPANS] * len(self.texts)
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
                for key in dict.fromkeys(lookup_key(x) for x in actor.aliases):
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
            surname, given = name_keys(a)
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
            for key in dict.fromkeys(lookup_key(x) for x in a.aliases):
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
