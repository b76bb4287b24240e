"""The words quote attribution reads: speech verbs from the knowledge (``data/words.yaml``), and
the small lists of English it needs to find a speaker's name around them (``data/quote_words.yaml``),
both read through the lexicon."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator import lexicon
from generator.knowledge import load_knowledge


@dataclass(frozen=True)
class VerbLexicon:
    #: Every speech verb, naming verbs included, as one pattern.
    verbs: re.Pattern[str]
    #: Verbs whose speaker may follow them: "...," said Jeppe Finne Sorenson.
    inverting: frozenset[str]
    #: Verbs that put words on something ("calls it", "described as"): attribute only nearby.
    naming: frozenset[str]
    #: Plural subjects that stand for a body: "the MPs said", "they said".
    plural: frozenset[str]


@functools.cache
def verb_lexicon() -> VerbLexicon:
    """Word lists live in the lexicon (``generator/data/words.yaml``)."""
    words = load_knowledge()
    alternatives = "|".join(v.replace(" ", r"\s+") for v in (*words.quote_verbs, *words.naming_verbs))
    return VerbLexicon(re.compile(r"(?<![\w'’-])(?:" + alternatives + r")(?![\w'’-])"),
                       frozenset(words.quote_inverting_verbs), frozenset(words.naming_verbs),
                       frozenset(words.plural_speakers))


def find_verbs(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(verb_lexicon().verbs.finditer(text, start, len(text) if end is None else end))


def find_verb(text: str) -> re.Match[str] | None:
    return verb_lexicon().verbs.search(text)


def _words(key: str) -> frozenset[str]:
    return frozenset(lexicon.words("quote_words.yaml", key))


def _alternatives(key: str) -> str:
    return "|".join(re.escape(w) for w in lexicon.words("quote_words.yaml", key))


#: Words that may stand between a speaker and the verb ("Rubio also said", "Peskov has told").
BETWEEN = _words("between")
#: Between a body's name and its speech verb: "The committee has said".
BEFORE_VERB = re.compile(r"\s+(?:(?:" + _alternatives("before_verb") + r")\s+)?")
#: Lower-case words allowed inside a name ("Secretary of State", "Ursula von der Leyen").
CONNECTORS = _words("name_connectors")
#: Capitalised only because they open a sentence; never the start of a subject name.
OPENERS = _words("sentence_openers")
PRONOUNS = _words("person_pronouns")
OTHER_PRONOUNS = _words("other_pronouns")
ARTICLES = _words("articles")
DETERMINERS = _words("determiners")
#: "X of/at/with/from (the) BODY": a person with a body.
AFFILIATIONS = _words("affiliations")
AFFILIATED = re.compile(r"\s+(?:" + _alternatives("affiliations") + r")\s+(?:the\s+)?")
PREPOSITIONS = _words("prepositions")
#: Words that never open a speaker's name: what follows them is part of a clause.
FRAGMENT_STARTS = PREPOSITIONS | OTHER_PRONOUNS | _words("fragment_starts")
#: Nouns for what a body issues: "the statement said" is whoever issued it.
DOCUMENTS = _words("documents")
#: Nouns for a body: "the ministry said" is the ministry the article named.
BODIES = _words("bodies")
GENERIC_BODIES = _words("generic_bodies")
#: Whoever speaks for a body: "a Justice Department spokesperson" speaks for the department.
SPOKESPEOPLE = _words("spokespeople")
SPOKES_CUES = re.compile(_alternatives("spokes_cues"))
#: A noun for a person the story is about ("the 67-year-old", "the star", "the veteran film-maker").
PERSON_NOUN = re.compile(r"\d+-year-old|[a-z-]*(?:" + _alternatives("person_noun_endings") + ")")
#: Words before a quoted name that say it is a title: the show "MeatEater", a book titled "...".
TITLE_CUES = re.compile("(?:" + _alternatives("title_cues") + r")\s*$", re.IGNORECASE)
TITLE_SMALL_WORDS = _words("title_small_words")
