"""The fixed words the actor rules read (``generator/data/actor_words.yaml``), and the
patterns made of them.

General English, loaded once through :mod:`generator.lexicon`, so its fingerprint covers them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator import lexicon

_FILE = "actor_words.yaml"


def _words(key: str) -> tuple[str, ...]:
    return lexicon.words(_FILE, key)


def one_of(phrases: Iterable[str], space: str = " ") -> str:
    """A regex group matching any of ``phrases``, in their order, a space in one as ``space``."""
    return "(?:" + "|".join(space.join(map(re.escape, p.split(" "))) for p in phrases) + ")"


PLACE_PREPOSITIONS = frozenset(_words("place_prepositions"))
AUXILIARIES = frozenset(_words("auxiliaries"))
CONNECTORS = frozenset(_words("connectors"))
ORG_CONNECTORS = frozenset(_words("org_connectors"))
ROLE_LINKS = frozenset(_words("role_links"))
ROLE_MODIFIERS_NOT_FIRST = frozenset(_words("role_modifiers_not_first"))
PARTICLES = frozenset(_words("particles"))
NOT_TITLE_WORDS = frozenset(_words("not_title_words"))
DOUBLE_NAMED_HEADS = frozenset(_words("double_named_heads"))
BARE_INSTITUTIONS = frozenset(_words("bare_institutions"))
ATTRIBUTION_PHRASES = _words("attribution_phrases")
US_GEORGIA_CUES = _words("us_georgia_cues")
COUNTRY_GEORGIA_CUES = _words("country_georgia_cues")

#: Arabic articles written joined to the name: "el-Sisi", "al-Burhan", "bin-Salman".
JOINED_ARTICLE = re.compile(one_of(_words("joined_articles")) + "-[A-Z]")
#: "Jr." and "Jr": a suffix listed with a full stop may be written without it.
SUFFIXES = re.compile(r"\s+(?:" + "|".join(
    re.escape(s[:-1]) + r"\.?" if s.endswith(".") else re.escape(s) for s in _words("name_suffixes"))
    + r")(?!\w)")
AGENCY_WORD = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in _words("agency_words")))
HONORIFIC = rf"(?:({'|'.join(map(re.escape, _words('honorifics')))})\.?\s+)?"
SPEAKER_ADVERB = one_of(_words("speaker_adverbs"))
SPEAKER_VERB_BEFORE = one_of(_words("speaker_verbs_before"), r"\s+")
APPOSITIVE_STOP = re.compile(r"[,;:.()\"“”]|\s" + one_of(_words("appositive_stops")) + r"\s")
_GLUE = _words("list_glue")
LIST_GLUE = re.compile("(?:" + "|".join([*(rf",\s+{re.escape(w)}" for w in _GLUE), ",",
                                         *(rf"\s+{re.escape(w)}" for w in _GLUE)]) + r")\s+$")
LONGER_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-Z][\w'\-]+)(\s+"
                         + one_of(_words("longer_name_joiners")) + r")?\s+$")
#: The writer's credit, not a person of the story: "Contact Jane Doe at ...", "Follow Jane Doe on X".
BYLINE_BEFORE = re.compile(r"(?:^|[.:]\s*)" + one_of(_words("byline_cues")) + r"\s*$")
OCCUPATION = re.compile("[a-z]{2,}" + one_of(_words("occupation_endings")))
LANGUAGE_BEFORE = re.compile(r"(?:\b" + one_of(_words("language_verbs")) + r"\s+(?:"
                             + one_of(_words("language_quantifiers")) + r"\s+)?"
                             r"(?:[A-Z][a-z]+,?\s+(?:nor|or|and)\s+)?)$")
LANGUAGE_AFTER = re.compile(r"(?:[\s\-]" + one_of(_words("language_nouns")) + r"\b)|(?:\s+(?:or|and)\s+"
                            r"[A-Z][a-z]+\s+(?:language|speakers))")
