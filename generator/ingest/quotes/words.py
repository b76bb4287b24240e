"""The words quote attribution reads: speech verbs from the knowledge, and the small lists of
English it needs to find a speaker's name around them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

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


#: Words that may stand between a speaker and the verb ("Rubio also said", "Peskov has told").
BETWEEN = frozenset({"also", "then", "later", "again", "has", "had", "have", "would", "will", "was",
                      "once", "further", "previously", "earlier", "is", "were", "are", "both", "all",
                      "jointly"})
#: Lower-case words allowed inside a name ("Secretary of State", "Ursula von der Leyen").
CONNECTORS = frozenset({"of", "de", "del", "della", "di", "da", "dos", "du", "van", "von", "der",
                         "den", "la", "le", "bin", "al", "ibn", "y", "and"})
#: Capitalised only because they open a sentence; never the start of a subject name.
OPENERS = frozenset({"in", "on", "at", "the", "a", "an", "after", "before", "during", "speaking",
                      "meanwhile", "however", "but", "and", "while", "last", "this", "earlier",
                      "later", "asked", "when", "as", "for", "with", "still", "yet", "so"})
PRONOUNS = frozenset({"he", "she"})
OTHER_PRONOUNS = frozenset({"they", "we", "i", "you", "it", "who", "which", "that"})
# Sentence ends: ". " before a capital, unless the word before is an abbreviation.
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
                            "capt", "sgt", "st", "jr", "sr", "no", "vs", "inc", "corp", "ltd", "co",
                            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                            "dec", "pres", "amb", "adm", "maj", "ft", "mt"})
DETERMINERS = frozenset({"the", "a", "an", "another", "its", "his", "her", "their", "our", "one", "two",
                          "three"})
#: "X of/at/with/from (the) BODY": a person with a body.
AFFILIATIONS = frozenset({"of", "at", "with", "from"})
AFFILIATED = re.compile(r"\s+(?:of|at|with|from)\s+(?:the\s+)?")
PREPOSITIONS = frozenset({"for", "of", "from", "at", "in", "to", "with", "by", "on", "within"})
#: Nouns for what a body issues: "the statement said" is whoever issued it.
DOCUMENTS = frozenset({"statement", "report", "document", "filing", "letter", "post", "note", "release",
                        "complaint", "ruling", "memo", "communique", "lawsuit", "suit", "indictment",
                        "affidavit", "motion", "study", "survey", "order", "notice", "announcement",
                        "declaration", "proposal", "submission", "warrant", "video", "message"})
#: Nouns for a body: "the ministry said" is the ministry the article named.
BODIES = frozenset({"ministry", "company", "firm", "agency", "command", "committee", "department",
                     "council", "office", "group", "government", "court", "board", "bank", "party",
                     "union", "commission", "army", "military", "police", "university", "club", "team",
                     "organisation", "organization", "institute", "foundation", "service", "authority",
                     "administration", "campaign", "network", "league", "federation", "association",
                     "embassy", "parliament", "regulator", "watchdog", "airline", "carrier", "retailer",
                     "manufacturer", "insurer", "operator", "startup", "business", "hospital", "school",
                     "force", "forces", "guard", "tribunal", "prosecutor's", "sheriff's"})
#: Whoever speaks for a body: "a Justice Department spokesperson" speaks for the department.
SPOKESPEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "representative",
                           "spokesmen"})
GENERIC_BODIES = frozenset({"company", "firm", "group", "business", "startup", "carrier", "airline",
                             "retailer", "manufacturer", "insurer", "operator", "regulator", "watchdog"})


#: Words that never open a speaker's name: what follows them is part of a clause.
FRAGMENT_STARTS = PREPOSITIONS | OTHER_PRONOUNS | frozenset({
    "and", "but", "or", "nor", "though", "although", "not", "over", "after", "before", "about",
    "into", "than", "as", "because", "while", "if", "when", "where", "whose", "whom", "this", "these"})
#: A noun for a person the story is about ("the 67-year-old", "the star", "the veteran film-maker").
PERSON_NOUN = re.compile(r"\d+-year-old|[a-z-]*(?:er|or|ist|ian|man|woman|star|host|chief|boss|coach|"
                          r"leader|head|veteran|official|legend|champion|mother|father|son|daughter|"
                          r"wife|husband|nominee|candidate|incumbent|executive|envoy)")
TITLE_CUES = re.compile(r"(?:titled|entitled|called|named|dubbed|show|series|programme|program|podcast|"
                         r"book|film|movie|song|album|novel|play|campaign|slogan|hashtag|motto|"
                         r"headline|newsletter|column|documentary|exhibition)\s*$", re.IGNORECASE)
