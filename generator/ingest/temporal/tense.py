"""Whether the clause around a time expression speaks of the future."""

from __future__ import annotations

import re
from functools import lru_cache

from generator import lexicon
from generator.ingest.temporal.words import alternatives


def _words(key: str) -> str:
    return alternatives(lexicon.words("time_words.yaml", key))


#: Words that put a clause in the future ("is due on Thursday", "are set to meet", "will").
FUTURE_RE = re.compile(
    r"\b(?:" + _words("future_modals")
    + r"|(?:is|are|was|were)\s+(?:" + _words("future_after_be") + ")"
    + r"|(?:is|are)\s+(?:" + _words("future_after_present_be") + ")"
    + r"|(?:" + _words("future_intents") + r")\s+to"
    + r"|expects?\s+(?:[\w'’]+\s+){1,3}to\s"  # "we expect tariffs to weigh"
    + r"|due\s+to\s+(?:" + _words("future_due_to") + r")\b"  # not "due to the rain"
    + "|" + _words("future_words") + r")\b",
    re.IGNORECASE,
)
#: Future in the past ("would be phased out"), not the conditional perfect ("would have hurt").
_WOULD_RE = re.compile(r"\bwould(?!\s+(?:have|not\s+have|'ve)\b)\b", re.IGNORECASE)
#: The future said outright, in the present: what a story written later could not say this way.
PLAIN_FUTURE_RE = re.compile(
    r"\b(?:" + _words("future_modals")
    + r"|(?:is|are)\s+(?:" + _words("plain_future_after_be") + r")|upcoming)\b",
    re.IGNORECASE,
)
#: Words that open a new clause after a time expression ("approved on Thursday a law that will ...").
_CLAUSE_OPENER = re.compile(r"\b(?:that|which|who|whose|because|although|unless|while|whereas)\b",
                            re.IGNORECASE)
#: Put off to a later day ("the arraignment was continued to Thursday"): that day lies ahead.
_PUT_OFF_BEFORE = re.compile(r"\b(?:postponed|delayed|continued|adjourned|rescheduled|pushed\s+back|put\s+off"
                             r"|moved)\s+(?:to|until|till)\s+$", re.IGNORECASE)
#: A past participle right before the time expression's preposition marks what is done
#: ("will be held on" is a passive future, not one).
_PARTICIPLE_BEFORE = re.compile(
    r"(?<!\bbe )(?<!\bbeing )\b(?:[a-z]{3,}ed|withdrawn|taken|given|made|held|signed|written|chosen|"
    r"drawn|shown|seen|known|won|lost|begun|broken|spoken|sworn|sold|built|paid|set)"
    r"\s+(?:in|on|at|since|last)\s+$")


def _clause_start(text: str, start: int) -> int:
    return max((text.rfind(c, 0, start) for c in ",;:“”\"()—"), default=-1) + 1


def _clause(text: str, start: int, end: int) -> str:
    rights = [i for i in (text.find(c, end) for c in ",;:“”\"()—.") if i >= 0]
    opener = _CLAUSE_OPENER.search(text, end, min(rights) if rights else len(text))
    if opener:
        rights.append(opener.start())
    right = min(rights) if rights else len(text)
    return text[_clause_start(text, start):right]


@lru_cache(maxsize=16384)
def is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around ``text[start:end]`` speaks of the future.

    "would" counts only before the expression ("would be phased out from October"): after it,
    it is mostly reported speech ("said on Tuesday he would not rule out ...").
    """
    if _PUT_OFF_BEFORE.search(text, max(0, start - 30), start):
        return True
    if _PARTICIPLE_BEFORE.search(text, max(0, start - 30), start):
        return False  # "the version withdrawn in June", "a law passed on Friday": done, whatever follows
    if FUTURE_RE.search(_clause(text, start, end)):
        return True
    return bool(_WOULD_RE.search(text, _clause_start(text, start), start))


def is_plainly_future(text: str, start: int, end: int) -> bool:
    """Whether that clause says outright, in the present tense, that it is still to come."""
    return bool(PLAIN_FUTURE_RE.search(_clause(text, start, end)))
