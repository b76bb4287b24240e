"""Where a speaker's name is in the words around a speech verb, as offsets (not yet an actor)."""

from __future__ import annotations

import re

from generator.ingest.quotes.state import State
from generator.ingest.quotes.text import Name, Token, capital, is_name, sentence_end, tokens_of
from generator.ingest.quotes.words import (
    AFFILIATIONS,
    ARTICLES,
    BETWEEN,
    CONNECTORS,
    DETERMINERS,
    OPENERS,
    OTHER_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
)


def _trailing_run(tokens: list[Token]) -> list[Token]:
    """The capitalised name that ends the token list ("... minister Lars Lokke Rasmussen")."""
    run: list[Token] = []
    for token in reversed(tokens):
        if capital(token[2]) or (run and token[2] in CONNECTORS):
            run.insert(0, token)
        else:
            break
    while run and not capital(run[0][2]):
        run.pop(0)
    return run[-8:]


def _leading_run(tokens: list[Token]) -> list[Token]:
    run: list[Token] = []
    for token in tokens:
        if capital(token[2]) or (run and token[2] in CONNECTORS):
            run.append(token)
        else:
            break
    while run and not capital(run[-1][2]):
        run.pop()
    return run[:8]


def _run_name(run: list[Token]) -> Name:
    end = run[-1][1]
    # A sentence's full stop is not part of the name; an abbreviation's is ("U.S.", "Jr.").
    last = run[-1][2]
    if last.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{0,2}\.", last):
        end -= 1
    return (run[0][0], end, run[-1][0])


def _phrase_name(tokens: list[Token]) -> Name:
    """A common-noun speaker ("the envoy", "a spokesman for NATO"), from its determiner on."""
    # "the chef and host of the cooking show": a determiner after a preposition opens its object.
    starts = [i for i, t in enumerate(tokens) if t[2].lower() in DETERMINERS
              and not (i and tokens[i - 1][2] in PREPOSITIONS)]
    if starts:
        tokens = tokens[starts[-1]:]
    else:
        while tokens and tokens[0][2].lower() in OPENERS:
            tokens = tokens[1:]
        tokens = tokens[-4:]
    if not tokens:
        return None
    head = next((tokens[i - 1] for i, t in enumerate(tokens) if i and t[2] in PREPOSITIONS), tokens[-1])
    return (tokens[0][0], tokens[-1][1], head[0])


def _chunks(text: str, base: int) -> list[tuple[int, str]]:
    out, offset = [], 0
    for part in text.split(","):
        if part.strip():
            out.append((base + offset, part))
        offset += len(part) + 1
    return out


def name_before(text: str, base: int) -> Name:
    """The subject that ends ``text`` (which ends where the speech verb starts)."""
    tokens = tokens_of(text, base)
    for _ in range(3):
        word = tokens[-1][2] if tokens else ""
        if word in BETWEEN or (word.endswith("ly") and word.islower()):
            text = text[:tokens.pop()[0] - base]
    if not tokens:
        return None
    if tokens[-1][2].lower() == "who" and len(tokens) > 1 and (
            text[:tokens[-1][0] - base].rstrip().endswith(",") or capital(tokens[-2][2])):
        # '"...," Deputy Ann Reyes, who testified' / 'It was John Maynard Keynes who said': the
        # relative clause's verb is the name's.
        text = text[:tokens.pop()[0] - base].rstrip().removesuffix(",")
    last = tokens[-1][2].lower()
    if last in PRONOUNS:
        return "pronoun"
    if last == "they":
        return "plural"
    if last in OTHER_PRONOUNS:
        return None
    chunks = _chunks(text, base)
    if not chunks:
        return None
    chunk_tokens = [tokens_of(part, start) for start, part in chunks]
    chunk_tokens = [t for t in chunk_tokens if t]
    if not chunk_tokens:
        return None
    chosen = chunk_tokens[-1]
    if text.rstrip().endswith(",") and len(chunk_tokens) > 1:
        # "X, a consultant in Greenland, told" / "Russia's ambassador, Anatoly Antonov, said":
        # one of the last two chunks is the name, the other an appositive.
        if is_name(chunk_tokens[-1]):
            chosen = chunk_tokens[-1]
        elif is_name(chunk_tokens[-2]) or not capital(chunk_tokens[-1][0][2]):
            chosen = chunk_tokens[-2]
    run = _trailing_run(chosen)
    if run and run[0][2].lower() in OPENERS:
        run = run[1:]
    before_run = chosen[len(chosen) - len(run) - 1][2] if 0 < len(run) < len(chosen) else ""
    at = len(chosen) - len(run) - 2
    if run and before_run.lower() in ARTICLES and at > 0 and chosen[at][2] in AFFILIATIONS \
            and capital(chosen[at - 1][2]):
        # "Ali Safavi of the National Council (NCRI) told": the name reaches back over "of the";
        # speaker_of decides whether the person before it speaks.
        person = _trailing_run(chosen[:at])
        if person:
            return (person[0][0], *_run_name(run)[1:])  # type: ignore[misc]
    if run and before_run not in PREPOSITIONS:
        return _run_name(run)
    return _phrase_name(chosen[-12:])


def name_after(text: str, base: int) -> Name:
    """The speaker that follows an inverting verb: "said Jeppe Finne Sorenson, a ..."."""
    stop = re.search(r"[,;:!?()\[\]—–]|\s-\s", text)
    text = text[:stop.start()] if stop else text
    tokens = tokens_of(text[:sentence_end(text, 0)], base)
    if not tokens:
        return None
    if tokens[0][2].lower() in PRONOUNS:
        return "pronoun"
    if tokens[0][2].lower() in OTHER_PRONOUNS:
        return None
    start = 1 if tokens[0][2].lower() in ARTICLES else 0
    run = _leading_run(tokens[start:])
    if run:
        return _run_name(run)
    return _phrase_name(tokens[:6])


_ACCORDING = re.compile(r"\s*According\s+to\s[^,.;:]{1,80},")


def sentence_subject(state: State, paragraph: int, text: str, start: int, end: int) -> Name:
    """Who a participle ("..., noting, “...”") belongs to: the subject of its sentence."""
    source = _ACCORDING.match(text, start, end)
    if source:
        start = source.end()  # "According to prosecutors, Vance sent ..., admitting": Vance
    tokens = tokens_of(text[start:end], start)
    if not tokens:
        return None
    if tokens[0][2].lower() in PRONOUNS:
        return "pronoun"
    people = [s for s in state.spans_starting(paragraph, start, end) if state.types.get(s.actor) == "person"]
    if people:
        first = min(people, key=lambda s: s.start)
        return (first.start, first.end, first.start)
    run = _leading_run(tokens)
    if run and run[0][2].lower() not in OPENERS:
        return _run_name(run)
    return None
