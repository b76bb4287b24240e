"""Who an article is about: people, countries and organizations.

    Document + Registry + Knowledge --extract_actors--> ActorResult

Only the title (paragraph 0) and the paragraphs are read: never captions,
credits or the byline.  The rules run in the order of the chain :data:`ACTORS`,
each a small function from one :class:`~.state.State` to the next, in its own
file under ``rules/``; what they share is in ``helpers.py``, what they look up
in ``lexicon.py`` (per registry) and ``words.py`` (``data/actor_words.yaml``):

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
   ``discover_titled_surnames``, which runs first).  Then the one capitalised
   word a spokesperson speaks for, if it is nobody's name, is a body ("a Chevron
   spokesperson", "a spokesman for Apple": ``spokesperson_bodies``).
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

from generator.folding import Text, fold
from generator.ingest.actors.lexicon import lexicon_for
from generator.ingest.actors.state import State
from generator.ingest.chain import Chain, declared
from generator.ingest.parse import split_sentences
from generator.knowledge import Knowledge
from generator.model import ActorResult, ActorSpan, Document, Mention, Registry

__all__ = ["ACTORS", "MAX_PIECE", "extract_actors", "fold"]

#: The rules in the order they run: each reads the spans and actors the rules above it left.
ACTORS: Chain[State] = Chain("actors", frozenset({"texts", "lexicon"}), declared(
    "generator.ingest.actors.rules",
    "match_known",
    "settle_places",
    "release_embedded_names",
    "match_capitals",
    "discover_organizations",
    "discover_institutions",
    "discover_acronyms",
    "reclaim_given_names",
    "discover_people",
    "merge_partial_names",
    "match_discovered",
    "discover_titled_surnames",
    "spokesperson_bodies",
    "resolve_short_names",
    "collect_roles",
    "apply_curation",
))


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


def _result(state: State, origin: tuple[tuple[int, int], ...]) -> ActorResult:
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
    state = ACTORS(State(texts=tuple(Text.of(t) for _, _, t in pieces), lex=lexicon_for(registry, knowledge)))
    return _result(state, tuple((number, offset) for number, offset, _ in pieces))
