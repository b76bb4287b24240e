"""Direct quotes and who said them.

    Document + ActorResult --extract_quotes--> (Quote*, warnings)

Only paragraphs are read, never the title: a headline label ("Lavrov: ...")
is not an attribution.  The rules run in the order of :data:`RULES`, each a
small function from one :class:`_State` to the next:

1. ``scan_marks``: pair quotation marks inside each paragraph.  Typographic
   “ ” (and « ») and straight " quotes all work; a straight mark opens when
   no quote is open and closes otherwise.
2. ``join_run_ons``: a paragraph whose last quote never closes, followed by a
   paragraph that opens with a quotation mark, is one quote running on (the
   typographic convention); it belongs to the paragraph where it starts.
   Any other unclosed mark becomes a warning ("paragraph 12: unclosed
   quotation mark") and no quote.
3. ``drop_scare_quotes``: a short quoted title ("Brock & Salk Mornings", the
   show "MeatEater") is set apart: no quote, and masked so that it is never
   part of a speaker's name.  Other short phrases wait for an attribution.
4. ``find_attributions``: the speaker named next to the quote, after it
   (“...,” Rubio said. / "...", KCNA said / “...,” said Jeppe Finne Sorenson /
   “...,” Anatoly Antonov, Russia's ambassador, said / “...,” Deputy Ann Reyes,
   who testified) or before it in the same sentence (Blinken said, “...” / He
   held a press conference, noting, “...” / Jimenez calls it “a minor tax”:
   a naming verb, only near its quote and said by someone), or at the end of
   the paragraph before, when that ends with a colon (Rubio told the
   committee: ¶ “...”) or reports speech (Tan explained on X that ... ¶ “...”).
   The speaker is the actor whose span covers the head word of the name (a
   person "of the" body speaks, not the body); "they" / "the MPs" is the body
   last named as saying something; a name no actor covers keeps
   ``speaker=None`` and its words.  Speech verbs, naming verbs and plural
   speakers are lists of the lexicon (``generator/data/words.yaml``).
5. ``resolve_pronouns``: "he said"/"she said" is the most recent of: the last
   named speaker, or the subject (first person named, not in the possessive)
   of the last sentence that names a person.
6. ``drop_unattributed_short``: a phrase of fewer than five words that no
   one was found to have said is a scare quote, not a quote.
7. ``share_speakers``: a quote with no attribution of its own takes the
   speaker of another quote in its paragraph (“A,” Rubio said. “B.” gives two
   quotes, both Rubio's; one opening the paragraph continues the speech of
   the paragraph before), or, when the paragraph is nothing but the quote, of
   the last quote in the paragraph before.  Still nobody: ``speaker=None``
   and ``speaker_name=""`` (unattributed).

Decision: a two-part quote around an attribution stays two quotes; only a
quote running on across paragraphs is joined, with one space between parts.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from generator.ingest.parse import sentence_pieces
from generator.knowledge import load_knowledge
from generator.model import ActorResult, ActorSpan, Document, Quote

MIN_WORDS = 5

_OPEN = frozenset("“«")
_CLOSE = frozenset("”»")
_BOTH = frozenset('"＂')
_MARKS = _OPEN | _CLOSE | _BOTH
_MARK_RE = re.compile("[" + "".join(sorted(_MARKS)) + "]")

@dataclass(frozen=True)
class _Lexicon:
    #: Every speech verb, naming verbs included, as one pattern.
    verbs: re.Pattern[str]
    #: Verbs whose speaker may follow them: "...," said Jeppe Finne Sorenson.
    inverting: frozenset[str]
    #: Verbs that put words on something ("calls it", "described as"): attribute only nearby.
    naming: frozenset[str]
    #: Plural subjects that stand for a body: "the MPs said", "they said".
    plural: frozenset[str]


@functools.cache
def _lexicon() -> _Lexicon:
    """Word lists live in the lexicon (``generator/data/words.yaml``)."""
    words = load_knowledge()
    alternatives = "|".join(v.replace(" ", r"\s+") for v in (*words.quote_verbs, *words.naming_verbs))
    return _Lexicon(re.compile(r"(?<![\w'’-])(?:" + alternatives + r")(?![\w'’-])"),
                    frozenset(words.quote_inverting_verbs), frozenset(words.naming_verbs),
                    frozenset(words.plural_speakers))


def _verbs(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(_lexicon().verbs.finditer(text, start, len(text) if end is None else end))


def _verb(text: str) -> re.Match[str] | None:
    return _lexicon().verbs.search(text)


#: Words that may stand between a speaker and the verb ("Rubio also said", "Peskov has told").
_BETWEEN = frozenset({"also", "then", "later", "again", "has", "had", "have", "would", "will", "was",
                      "once", "further", "previously", "earlier", "is", "were", "are", "both", "all",
                      "jointly"})
#: Lower-case words allowed inside a name ("Secretary of State", "Ursula von der Leyen").
_CONNECTORS = frozenset({"of", "de", "del", "della", "di", "da", "dos", "du", "van", "von", "der",
                         "den", "la", "le", "bin", "al", "ibn", "y", "and"})
#: Capitalised only because they open a sentence; never the start of a subject name.
_OPENERS = frozenset({"in", "on", "at", "the", "a", "an", "after", "before", "during", "speaking",
                      "meanwhile", "however", "but", "and", "while", "last", "this", "earlier",
                      "later", "asked", "when", "as", "for", "with", "still", "yet", "so"})
_PRONOUNS = frozenset({"he", "she"})
_OTHER_PRONOUNS = frozenset({"they", "we", "i", "you", "it", "who", "which", "that"})
# Sentence ends: ". " before a capital, unless the word before is an abbreviation.
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
                            "capt", "sgt", "st", "jr", "sr", "no", "vs", "inc", "corp", "ltd", "co",
                            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                            "dec", "pres", "amb", "adm", "maj", "ft", "mt"})
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_TOKEN = re.compile(r"[^\W_](?:[\w.'’-]*[\w.])?")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


# --- values passed between rules -------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """The part of a quote inside one paragraph; offsets into that paragraph."""

    paragraph: int  # 1-based
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark; None = runs to the paragraph's end


@dataclass(frozen=True)
class _Found:
    pieces: tuple[_Piece, ...]
    kind: Literal["name", "pronoun", "none"] = "none"
    speaker: str | None = None
    name: str = ""
    #: Where the attribution is: (paragraph, offset), to order speakers in the text.
    at: tuple[int, int] = (0, 0)
    #: A pronoun-like noun phrase ("the statement") may stand for a body as well as a person.
    bodies: bool = False

    @property
    def first(self) -> _Piece:
        return self.pieces[0]

    @property
    def last(self) -> _Piece:
        return self.pieces[-1]


@dataclass(frozen=True)
class _State:
    paragraphs: tuple[str, ...]
    spans: tuple[ActorSpan, ...]
    types: dict[str, str]
    #: Actor id -> (name, roles as written), to resolve "the ministry" or "the Russian president".
    known: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    #: (paragraph, start) of each span, for bisecting.
    span_keys: tuple[tuple[int, int], ...] = ()
    found: tuple[_Found, ...] = ()
    #: Titles in quotation marks (a show, a book): no quote, and no speaker's name either.
    titles: tuple[_Found, ...] = ()
    #: Pieces left unclosed by scan_marks, for join_run_ons to settle.
    unclosed: tuple[_Piece, ...] = ()
    warnings: tuple[str, ...] = ()

    @functools.cached_property
    def by_paragraph(self) -> dict[int, tuple[list[int], list[ActorSpan]]]:
        """Each paragraph's actor spans, in order, with their starts: a quote looks up the few
        near it instead of reading every span of the article."""
        grouped: dict[int, list[ActorSpan]] = {}
        for span in self.spans:
            grouped.setdefault(span.paragraph, []).append(span)
        out: dict[int, tuple[list[int], list[ActorSpan]]] = {}
        for paragraph, spans in grouped.items():
            spans.sort(key=lambda s: s.start)
            out[paragraph] = ([s.start for s in spans], spans)
        return out

    @functools.cached_property
    def opens(self) -> dict[int, list[int]]:
        """Each paragraph's opening marks of quotes, in order."""
        out: dict[int, list[int]] = {}
        for found in self.found:
            for piece in found.pieces:
                out.setdefault(piece.paragraph, []).append(piece.open_at)
        return {p: sorted(o) for p, o in out.items()}

    def spans_starting(self, paragraph: int, lo: int, hi: int) -> list[ActorSpan]:
        """The spans of ``paragraph`` starting in ``lo:hi``, in order."""
        starts, spans = self.by_paragraph.get(paragraph, ([], []))
        return spans[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    @functools.cached_property
    def short_opens(self) -> frozenset[tuple[int, int]]:
        """(paragraph, opening mark) of each quotation of fewer than five words."""
        return frozenset((f.first.paragraph, f.first.open_at) for f in self.found
                         if len(_WORD.findall(_quote_text(self.paragraphs, f))) < MIN_WORDS)

    @functools.cached_property
    def long_paragraphs(self) -> frozenset[int]:
        """Paragraphs where a quotation of five words or more opens or runs."""
        return frozenset(p.paragraph for f in self.found for p in f.pieces
                         if (f.first.paragraph, f.first.open_at) not in self.short_opens)

    @functools.cached_property
    def longest(self) -> int:
        return max((s.end - s.start for s in self.spans), default=0)


# --- helpers --------------------------------------------------------------------


def _piece_text(paragraphs: tuple[str, ...], piece: _Piece) -> str:
    text = paragraphs[piece.paragraph - 1]
    end = len(text) if piece.close_at is None else piece.close_at
    return text[piece.open_at + 1:end].strip()


def _quote_text(paragraphs: tuple[str, ...], found: _Found) -> str:
    return " ".join(t for t in (_piece_text(paragraphs, p) for p in found.pieces) if t)


def _masks(state: _State) -> dict[int, str]:
    """Each paragraph with every real quote blanked out, so its words are never an attribution."""
    pieces: dict[int, list[_Piece]] = {}
    for found in (*state.found, *state.titles):
        for piece in found.pieces:
            pieces.setdefault(piece.paragraph, []).append(piece)
    out = {}
    for paragraph, text in enumerate(state.paragraphs, start=1):
        if paragraph not in pieces:
            out[paragraph] = text
            continue
        chars = list(text)
        for piece in pieces[paragraph]:
            end = len(chars) - 1 if piece.close_at is None else piece.close_at
            chars[piece.open_at:end + 1] = " " * (end + 1 - piece.open_at)
        out[paragraph] = "".join(chars)
    return out


_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
_SPACES = re.compile(r"\s*")
_NON_SPACE = re.compile(r"\S")
_COMMA_NEXT = re.compile(r"\s*,")


def _last_word(text: str, end: int) -> str:
    """``text[:end].rsplit(None, 1)[-1]``, walked back from ``end`` instead of splitting the prefix."""
    stop = end
    while stop and text[stop - 1].isspace():
        stop -= 1
    start = stop
    while start and not text[start - 1].isspace():
        start -= 1
    return text[start:stop]


@functools.lru_cache(maxsize=4096)
def _sentence_starts(text: str) -> tuple[int, ...]:
    """Where each sentence of ``text`` starts; every quote asks, so it is worked out once."""
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        word = _last_word(text, m.start()).strip("\"“”'’(").lower()
        if word in _ABBREVIATIONS or _INITIALS.fullmatch(word):
            continue
        starts.append(m.end())
    # A run-on text is cut where the sentence splitter of the dates cuts it.
    ends = [*starts[1:], len(text)]
    return tuple(a for start, end in zip(starts, ends, strict=True)
                 for a, _ in sentence_pieces(text, start, end))


def _sentence_start(text: str, pos: int) -> int:
    starts = _sentence_starts(text)
    return starts[bisect.bisect_right(starts, pos) - 1]


def _sentence_end(text: str, pos: int) -> int:
    starts = _sentence_starts(text)
    i = bisect.bisect_right(starts, pos)
    return starts[i] if i < len(starts) else len(text)


def _tokens(text: str, base: int) -> list[tuple[int, int, str]]:
    return [(base + m.start(), base + m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _trailing_run(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The capitalised name that ends the token list ("... minister Lars Lokke Rasmussen")."""
    run: list[tuple[int, int, str]] = []
    for token in reversed(tokens):
        if _capital(token[2]) or (run and token[2] in _CONNECTORS):
            run.insert(0, token)
        else:
            break
    while run and not _capital(run[0][2]):
        run.pop(0)
    return run[-8:]


def _leading_run(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    run: list[tuple[int, int, str]] = []
    for token in tokens:
        if _capital(token[2]) or (run and token[2] in _CONNECTORS):
            run.append(token)
        else:
            break
    while run and not _capital(run[-1][2]):
        run.pop()
    return run[:8]


def _is_name(tokens: list[tuple[int, int, str]]) -> bool:
    return (0 < len(tokens) <= 8 and _capital(tokens[0][2]) and _capital(tokens[-1][2])
            and all(_capital(t[2]) or t[2] in _CONNECTORS for t in tokens))


#: A name as (start, end, head): offsets into the paragraph, and the token whose actor is the
#: speaker ("a spokesman for NATO" is headed by "spokesman", not "NATO").
Name = tuple[int, int, int] | Literal["pronoun", "plural"] | None
_Token = tuple[int, int, str]
_DETERMINERS = frozenset({"the", "a", "an", "another", "its", "his", "her", "their", "our", "one", "two",
                          "three"})
#: "X of/at/with/from (the) BODY": a person with a body.
_AFFILIATIONS = frozenset({"of", "at", "with", "from"})
_AFFILIATED = re.compile(r"\s+(?:of|at|with|from)\s+(?:the\s+)?")
_PREPOSITIONS = frozenset({"for", "of", "from", "at", "in", "to", "with", "by", "on", "within"})


def _run_name(run: list[_Token]) -> Name:
    end = run[-1][1]
    # A sentence's full stop is not part of the name; an abbreviation's is ("U.S.", "Jr.").
    last = run[-1][2]
    if last.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{0,2}\.", last):
        end -= 1
    return (run[0][0], end, run[-1][0])


def _phrase_name(tokens: list[_Token]) -> Name:
    """A common-noun speaker ("the envoy", "a spokesman for NATO"), from its determiner on."""
    # "the chef and host of the cooking show": a determiner after a preposition opens its object.
    starts = [i for i, t in enumerate(tokens) if t[2].lower() in _DETERMINERS
              and not (i and tokens[i - 1][2] in _PREPOSITIONS)]
    if starts:
        tokens = tokens[starts[-1]:]
    else:
        while tokens and tokens[0][2].lower() in _OPENERS:
            tokens = tokens[1:]
        tokens = tokens[-4:]
    if not tokens:
        return None
    head = next((tokens[i - 1] for i, t in enumerate(tokens) if i and t[2] in _PREPOSITIONS), tokens[-1])
    return (tokens[0][0], tokens[-1][1], head[0])


def _chunks(text: str, base: int) -> list[tuple[int, str]]:
    out, offset = [], 0
    for part in text.split(","):
        if part.strip():
            out.append((base + offset, part))
        offset += len(part) + 1
    return out


def _name_before(text: str, base: int) -> Name:
    """The subject that ends ``text`` (which ends where the speech verb starts)."""
    tokens = _tokens(text, base)
    for _ in range(3):
        word = tokens[-1][2] if tokens else ""
        if word in _BETWEEN or (word.endswith("ly") and word.islower()):
            text = text[:tokens.pop()[0] - base]
    if not tokens:
        return None
    if tokens[-1][2].lower() == "who" and len(tokens) > 1 and (
            text[:tokens[-1][0] - base].rstrip().endswith(",") or _capital(tokens[-2][2])):
        # '"...," Deputy Ann Reyes, who testified' / 'It was John Maynard Keynes who said': the
        # relative clause's verb is the name's.
        text = text[:tokens.pop()[0] - base].rstrip().removesuffix(",")
    last = tokens[-1][2].lower()
    if last in _PRONOUNS:
        return "pronoun"
    if last == "they":
        return "plural"
    if last in _OTHER_PRONOUNS:
        return None
    chunks = _chunks(text, base)
    if not chunks:
        return None
    chunk_tokens = [_tokens(part, start) for start, part in chunks]
    chunk_tokens = [t for t in chunk_tokens if t]
    if not chunk_tokens:
        return None
    chosen = chunk_tokens[-1]
    if text.rstrip().endswith(",") and len(chunk_tokens) > 1:
        # "X, a consultant in Greenland, told" / "Russia's ambassador, Anatoly Antonov, said":
        # one of the last two chunks is the name, the other an appositive.
        if _is_name(chunk_tokens[-1]):
            chosen = chunk_tokens[-1]
        elif _is_name(chunk_tokens[-2]) or not _capital(chunk_tokens[-1][0][2]):
            chosen = chunk_tokens[-2]
    run = _trailing_run(chosen)
    if run and run[0][2].lower() in _OPENERS:
        run = run[1:]
    before_run = chosen[len(chosen) - len(run) - 1][2] if 0 < len(run) < len(chosen) else ""
    at = len(chosen) - len(run) - 2
    if run and before_run.lower() in {"the", "a", "an"} and at > 0 and chosen[at][2] in _AFFILIATIONS \
            and _capital(chosen[at - 1][2]):
        # "Ali Safavi of the National Council (NCRI) told": the name reaches back over "of the";
        # _speaker decides whether the person before it speaks.
        person = _trailing_run(chosen[:at])
        if person:
            return (person[0][0], *_run_name(run)[1:])  # type: ignore[misc]
    if run and before_run not in _PREPOSITIONS:
        return _run_name(run)
    return _phrase_name(chosen[-12:])


def _name_after(text: str, base: int) -> Name:
    """The speaker that follows an inverting verb: "said Jeppe Finne Sorenson, a ..."."""
    stop = re.search(r"[,;:!?()\[\]—–]|\s-\s", text)
    text = text[:stop.start()] if stop else text
    tokens = _tokens(text[:_sentence_end(text, 0)], base)
    if not tokens:
        return None
    if tokens[0][2].lower() in _PRONOUNS:
        return "pronoun"
    if tokens[0][2].lower() in _OTHER_PRONOUNS:
        return None
    start = 1 if tokens[0][2].lower() in {"the", "a", "an"} else 0
    run = _leading_run(tokens[start:])
    if run:
        return _run_name(run)
    return _phrase_name(tokens[:6])


_ACCORDING = re.compile(r"\s*According\s+to\s[^,.;:]{1,80},")


def _sentence_subject(state: _State, paragraph: int, text: str, start: int, end: int) -> Name:
    """Who a participle ("..., noting, “...”") belongs to: the subject of its sentence."""
    source = _ACCORDING.match(text, start, end)
    if source:
        start = source.end()  # "According to prosecutors, Vance sent ..., admitting": Vance
    tokens = _tokens(text[start:end], start)
    if not tokens:
        return None
    if tokens[0][2].lower() in _PRONOUNS:
        return "pronoun"
    people = [s for s in state.spans_starting(paragraph, start, end) if state.types.get(s.actor) == "person"]
    if people:
        first = min(people, key=lambda s: s.start)
        return (first.start, first.end, first.start)
    run = _leading_run(tokens)
    if run and run[0][2].lower() not in _OPENERS:
        return _run_name(run)
    return None


def _speaker(state: _State, paragraph: int, start: int, end: int, head: int) -> tuple[str | None, str]:
    """The actor whose span covers the name's head word, else no id and the words as written."""
    text = state.paragraphs[paragraph - 1]
    head_end = next((t[1] for t in _tokens(text[head:end], head)), end)
    covering = [s for s in state.spans_starting(paragraph, head - state.longest, head_end) if s.end > head]
    if covering:
        best = max(covering, key=lambda s: (s.end - s.start, -s.start, s.actor))
        if state.types.get(best.actor) == "organization":
            # "Omar Haddad of the Federation ...", "Jim Smith of Chevron": the person speaks.
            member = [s for s in state.spans_starting(paragraph, start, best.start)
                      if state.types.get(s.actor) == "person" and _affiliated(state, paragraph, text, s.end)]
            if member:
                return member[-1].actor, member[-1].text
        if start <= best.start and best.end <= end:
            return best.actor, best.text
        return best.actor, text[start:end].strip()
    return None, text[start:end].strip()


def _affiliated(state: _State, paragraph: int, text: str, end: int) -> bool:
    """A body's name follows ``end`` after "of", "at", "with" or "from" (and "the")."""
    link = _AFFILIATED.match(text, end)
    return link is not None and any(state.types.get(s.actor) == "organization"
                                    for s in state.spans_starting(paragraph, link.end(), link.end() + 1))


def _attribution(state: _State, paragraph: int, masked: str, name: Name,
                 pieces: tuple[_Piece, ...]) -> _Found | None:
    if name is None:
        return None
    if name == "pronoun":
        return _Found(pieces, "pronoun")
    if name == "plural":
        return _plural(state, pieces[0].paragraph, pieces[0].open_at, pieces, inside=())
    speaker, words = _speaker(state, paragraph, *name)
    if not words:
        return None
    if speaker is None and words.split()[-1].strip(".,;:").lower() in _lexicon().plural:
        # "the MPs said", "Sheriff's officials said": the body inside the phrase, else the one
        # last named as saying something.
        inside = tuple(s for s in state.spans_starting(paragraph, name[0], name[1])
                       if state.types.get(s.actor) == "organization")
        plural = _plural(state, paragraph, name[0], pieces, inside)
        return plural or _Found(pieces, "name", None, words, (paragraph, name[0]))
    if speaker is None:
        first = words.split(None, 1)[0]
        if first in _FRAGMENT_STARTS or (first.islower() and first not in _DETERMINERS
                                         and len(words.split()) > 2):
            return None  # "over military cooperation, saying": a fragment, not a speaker
        text = state.paragraphs[paragraph - 1]
        head = next((t[2] for t in _tokens(text[name[2]:name[1]], name[2])), words)
        if first.lower() in _DETERMINERS or (" " not in words and _PERSON_NOUN.fullmatch(first)):
            nominal = _nominal(state, paragraph, name[0], words, head, pieces)
            if nominal is not None:
                return nominal
    return _Found(pieces, "name", speaker, words, (paragraph, name[0]))


#: How many paragraphs back "they said" looks for the body that spoke.
_PLURAL_REACH = 3
_SPOKE = re.compile(r"\s+(?:(?:has|have|had|also|previously|earlier|then)\s+)?")


def _plural(state: _State, paragraph: int, offset: int, pieces: tuple[_Piece, ...],
            inside: tuple[ActorSpan, ...]) -> _Found | None:
    """"they said" / "the MPs said": the body named in the phrase, else the last body named as
    the subject of a speech verb ("The committee said ...") in this or the few paragraphs before;
    a body that said nothing is not it, and nobody found leaves the quote unattributed."""
    at = (paragraph, offset)
    if inside:
        return _Found(pieces, "name", inside[-1].actor, inside[-1].text, at)
    cut = bisect.bisect_left(state.span_keys, at)
    for i in range(cut - 1, max(-1, cut - 1 - _LOOKBACK), -1):
        span = state.spans[i]
        if span.paragraph < paragraph - _PLURAL_REACH:
            break
        if state.types.get(span.actor) != "organization":
            continue
        text = state.paragraphs[span.paragraph - 1]
        gap = _SPOKE.match(text, span.end)
        if gap and _lexicon().verbs.match(text, gap.end()):
            return _Found(pieces, "name", span.actor, span.text, at)
    return None


#: How many names back a noun phrase looks for the actor it stands for.
_LOOKBACK = 200
#: Nouns for what a body issues: "the statement said" is whoever issued it.
_DOCUMENTS = frozenset({"statement", "report", "document", "filing", "letter", "post", "note", "release",
                        "complaint", "ruling", "memo", "communique", "lawsuit", "suit", "indictment",
                        "affidavit", "motion", "study", "survey", "order", "notice", "announcement",
                        "declaration", "proposal", "submission", "warrant", "video", "message"})
#: Nouns for a body: "the ministry said" is the ministry the article named.
_BODIES = frozenset({"ministry", "company", "firm", "agency", "command", "committee", "department",
                     "council", "office", "group", "government", "court", "board", "bank", "party",
                     "union", "commission", "army", "military", "police", "university", "club", "team",
                     "organisation", "organization", "institute", "foundation", "service", "authority",
                     "administration", "campaign", "network", "league", "federation", "association",
                     "embassy", "parliament", "regulator", "watchdog", "airline", "carrier", "retailer",
                     "manufacturer", "insurer", "operator", "startup", "business", "hospital", "school",
                     "force", "forces", "guard", "tribunal", "prosecutor's", "sheriff's"})
#: Whoever speaks for a body: "a Justice Department spokesperson" speaks for the department.
_SPOKESPEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "representative",
                           "spokesmen"})
_GENERIC_BODIES = frozenset({"company", "firm", "group", "business", "startup", "carrier", "airline",
                             "retailer", "manufacturer", "insurer", "operator", "regulator", "watchdog"})


#: Words that never open a speaker's name: what follows them is part of a clause.
_FRAGMENT_STARTS = _PREPOSITIONS | _OTHER_PRONOUNS | frozenset({
    "and", "but", "or", "nor", "though", "although", "not", "over", "after", "before", "about",
    "into", "than", "as", "because", "while", "if", "when", "where", "whose", "whom", "this", "these"})
#: A noun for a person the story is about ("the 67-year-old", "the star", "the veteran film-maker").
_PERSON_NOUN = re.compile(r"\d+-year-old|[a-z-]*(?:er|or|ist|ian|man|woman|star|host|chief|boss|coach|"
                          r"leader|head|veteran|official|legend|champion|mother|father|son|daughter|"
                          r"wife|husband|nominee|candidate|incumbent|executive|envoy)")


def _nominal(state: _State, paragraph: int, start: int, words: str, head: str,
             pieces: tuple[_Piece, ...]) -> _Found | None:
    """A noun phrase for a speaker the article named: "the ministry" is its ministry, "the
    Russian president" the person it gave that role, "the statement" whoever issued it, "the
    67-year-old" the person it is about; an unknown noun with "a" is nobody in particular."""
    tokens = [t.strip(".,;:").lower() for t in words.split()]
    head = head.strip(".,;:").lower()
    at = (paragraph, start)
    # Spans come in reading order: those before the phrase are a prefix, those inside follow it.
    cut = bisect.bisect_left(state.span_keys, at)
    # Latest first, read lazily: the actor wanted is usually a few names back.
    earlier = [state.spans[i] for i in range(cut - 1, max(-1, cut - 1 - _LOOKBACK), -1)
               if state.types.get(state.spans[i].actor) in {"person", "organization"}][::-1]
    inside = [s for s in state.spans[cut:cut + 8] if s.paragraph == paragraph
              and s.start < start + len(words) and state.types.get(s.actor) == "organization"]
    if head in _SPOKESPEOPLE:
        # "the spokesperson added": the body a spokesperson was introduced for.
        introduced = inside or [
            s for s in earlier if state.types.get(s.actor) == "organization" and re.search(
                r"spokes|representative", state.paragraphs[s.paragraph - 1][max(0, s.start - 40):s.end + 40])]
        if introduced:
            return _Found(pieces, "name", introduced[-1].actor, introduced[-1].text, at)
        return None
    if head in _DOCUMENTS:
        if inside:
            return _Found(pieces, "name", inside[-1].actor, inside[-1].text, at)
        return _Found(pieces, "pronoun", None, words, at, bodies=True)
    if head in _BODIES:
        named = [s for s in earlier if state.types.get(s.actor) == "organization"
                 and head in state.known.get(s.actor, (s.text, ()))[0].lower().split()]
        if not named and head in _GENERIC_BODIES:
            # "the company": the last body named that is not a ministry, court or council.
            named = [s for s in earlier if state.types.get(s.actor) == "organization" and not (
                set(state.known.get(s.actor, (s.text, ()))[0].lower().split()) & (_BODIES - _GENERIC_BODIES))]
        if named:
            return _Found(pieces, "name", named[-1].actor, named[-1].text, at)
        return None
    people = [s for s in earlier if state.types.get(s.actor) == "person"]
    # "the Russian president", "his lawyer": the person the article gave that role.
    qualifiers = tokens[1:tokens.index(head)] if head in tokens else []
    described = [s for s in people if any(head in r.lower().split() and all(
        t in r.lower() for t in qualifiers if t[:1].isalpha() and len(t) > 2)
        for r in state.known.get(s.actor, ("", ()))[1])]
    if described:
        return _Found(pieces, "name", described[-1].actor, described[-1].text, at)
    if tokens[0] in {"the", head} and head not in _DETERMINERS and _PERSON_NOUN.fullmatch(head):
        # "the 67-year-old said": the person the story is about; nobody named: the words.
        return _Found(pieces, "pronoun", None, words, at)
    return None


def _after(state: _State, found: _Found, masks: dict[int, str]) -> _Found | None:
    """An attribution following the quote's closing mark, in the same sentence."""
    piece = found.last
    masked = masks[piece.paragraph]
    if piece.close_at is None:
        return None
    begin = piece.close_at + 1
    opens = state.opens.get(piece.paragraph, [])
    # A quote reopening where this one closes (BBC: "A. "B.") also ends the attribution's reach.
    later = bisect.bisect_left(opens, piece.close_at)
    later_quotes = opens[later:later + 1]
    # The blanked quote leaves "spoke.      Macron said.", which reads as a sentence starting at
    # "Macron": the attribution's sentence is the one its first word is in.
    first_word = _SPACES.match(masked, begin).end()  # type: ignore[union-attr]
    limit = min([_sentence_end(masked, first_word), *later_quotes])
    tail = masked[begin:limit]
    verb = _verb(tail)
    if not verb:
        return None
    between = tail[:verb.start()]
    if len(_tokens(between, 0)) > 14:
        return None
    if verb.group().endswith("ing") and _tokens(between, 0):
        # "expressed "deep concerns" over talks between Pyongyang and Moscow, saying": the
        # participle is the subject's, and the words before it are no speaker.
        return None
    if _quote_text(state.paragraphs, found).endswith(".") and len(_tokens(tail[verb.end():], 0)) > 6:
        # "...done." Coach Ruddock says the player should...: a new sentence with a clause of its
        # own reports something else; an attribution after a full stop is short ("...." he said).
        return None
    if not _tokens(between, 0):
        if " ".join(verb.group().split()) not in _lexicon().inverting:
            return None
        name = _name_after(tail[verb.end():], begin + verb.end())
    else:
        name = _name_before(between, begin)
    return _attribution(state, piece.paragraph, masked, name, found.pieces)


def _frame(state: _State, paragraph: int, masked: str, start: int, end: int,
           pieces: tuple[_Piece, ...]) -> _Found | None:
    """The speaker of the last speech verb in ``masked[start:end]``, which leads into a quote."""
    head = masked[start:end]
    verbs = _verbs(head)
    if not verbs:
        return None
    verb = verbs[-1]
    word = " ".join(verb.group().split())
    after_verb = head[verb.end():]
    if word == "according to":
        name = _name_after(after_verb, start + verb.end())
    elif word.endswith("ing"):
        name = _sentence_subject(state, paragraph, masked, start, start + verb.start())
    else:
        name = _name_before(head[:verb.start()], start)
        if name is None and word in _lexicon().inverting and _tokens(after_verb, 0):
            name = _name_after(after_verb, start + verb.end())
    found = _attribution(state, paragraph, masked, name, pieces)
    if found is not None and word in _lexicon().naming:
        # "calls the region "an area of ..."": a verb that puts words on something attributes a
        # quotation near it, said by someone named ("The strategy calls ..." is a document's).
        near = len(_tokens(after_verb, 0)) <= _NAMING_REACH
        words = _tokens(found.name, 0)
        named = (found.kind == "pronoun" and not found.name) or found.speaker is not None or bool(
            words and _PERSON_NOUN.fullmatch(words[-1][2].lower().removesuffix("s"))) or (
            _is_name(words) and len(words) > 1)  # "Possibly as a result, ... calling it": no name
        if not (near and named):
            return None
    return found


#: How many words may stand between a naming verb and its quotation: "accused Oliver Finegold, of
#: the Evening Standard newspaper, of".
_NAMING_REACH = 9


def _opens_sentence(masked: str, at: int) -> bool:
    """``"A," said Owen. "B."``: B opens a sentence of its own (the blanked quote hides the
    capital that would show it), so the verb before it is another quote's."""
    before = masked[max(0, at - 200):at].rstrip()  # a window: a paragraph may hold many quotes
    if not before.endswith((".", "!", "?", "…")):
        return False
    word = before.rsplit(None, 1)[-1].strip("\"“”'’(").rstrip(".").lower()
    return word not in _ABBREVIATIONS


def _before(state: _State, found: _Found, masks: dict[int, str]) -> _Found | None:
    """An attribution earlier in the sentence the quote opens in."""
    piece = found.first
    masked = masks[piece.paragraph]
    if _opens_sentence(masked, piece.open_at):
        return None
    start = _sentence_start(masked, piece.open_at)
    verbs = _verbs(masked, start, piece.open_at)
    opens = state.opens.get(piece.paragraph, [])
    between = opens[bisect.bisect_left(opens, verbs[-1].end()):bisect.bisect_left(opens, piece.open_at)] \
        if verbs else []
    if between and (piece.paragraph, between[0]) in state.short_opens:
        # 'the ministry said the "vast majority" ... are "very dependent" ..., Lund told TV4': a
        # verb with a phrase of its own between gives way to an attribution after the quote.
        # (After a whole quotation, 'X said: "A. "B."', the speech goes on.)
        later = _after(state, found, masks)
        if later is not None:
            return later
    return _frame(state, piece.paragraph, masked, start, piece.open_at, found.pieces)


def _introduced(state: _State, found: _Found, masks: dict[int, str]) -> _Found | None:
    """A paragraph that opens with a quote, after one that ends "..., Rubio said:"."""
    piece = found.first
    if _NON_SPACE.search(masks[piece.paragraph], 0, piece.open_at):
        return None
    previous = masks.get(piece.paragraph - 1, "").rstrip()
    if not previous.endswith(":"):
        return None
    start = _sentence_start(previous, len(previous) - 1)
    return _frame(state, piece.paragraph - 1, previous, start, len(previous) - 1, found.pieces)


def _reported(state: _State, found: _Found, masks: dict[int, str]) -> _Found | None:
    """A paragraph that is nothing but a quote, after one with no quotation of its own whose last
    sentence reports speech ("Tan explained on X that the levy ..."): the reporter's subject."""
    piece = found.first
    text = masks[piece.paragraph]
    last = found.last
    if piece.paragraph < 2 or piece.paragraph - 1 in state.long_paragraphs or _WORD.search(
            text, 0, piece.open_at) or (last.close_at is not None and last.paragraph == piece.paragraph
                                        and _WORD.search(text, last.close_at + 1)):
        return None
    previous = masks[piece.paragraph - 1].rstrip()
    start = _sentence_start(previous, max(0, len(previous) - 1))
    reporter = _frame(state, piece.paragraph - 1, previous, start, len(previous), found.pieces)
    # Across a paragraph, only a named actor or "he"/"she" carries over, never a phrase.
    if reporter is None or (reporter.speaker is None and (reporter.kind != "pronoun" or reporter.name)):
        return None
    return reporter


# --- rules ----------------------------------------------------------------------


def _looks_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace() and after not in ".,;:!?"


def _looks_closing(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-")


def _continues(text: str, open_at: int, i: int) -> bool:
    """An opening mark after a full sentence inside an open quote ("It is. "And more.") reopens it."""
    if not _looks_opening(text, i) or _looks_closing(text, i):
        return False
    before = text[open_at + 1:i].rstrip()
    return len(before) < i - open_at - 1 and before[-1:] in {".", "?", "!", "…"}


def scan_marks(state: _State) -> _State:
    found: list[_Found] = []
    unclosed: list[_Piece] = []
    warnings = list(state.warnings)
    for number, text in enumerate(state.paragraphs, start=1):
        open_at: int | None = None
        stray = False
        for mark in _MARK_RE.finditer(text):  # the marks alone: a paragraph holds a few among hundreds
            i, ch = mark.start(), mark.group()
            # Typographic marks typed the wrong way round (”Like this” or “like this“) are
            # read by where they stand: against the word after them, or the word before.
            if ch in _OPEN and open_at is not None and _looks_closing(text, i):
                ch = "”"
            elif ch in _CLOSE and open_at is None and _looks_opening(text, i):
                ch = "“"
            if open_at is not None and _continues(text, open_at, i):
                # BBC style: a new sentence of the same speech reopens without closing the last.
                found.append(_Found((_Piece(number, open_at, i),)))
                open_at = i
            elif ch in _OPEN or (ch in _BOTH and open_at is None):
                if open_at is not None:
                    # A new opening mark inside an open quote: the first one never closed.
                    unclosed.append(_Piece(number, open_at, None))
                open_at = i
            elif open_at is None:
                stray = True
            else:
                found.append(_Found((_Piece(number, open_at, i),)))
                open_at = None
        if open_at is not None:
            unclosed.append(_Piece(number, open_at, None))
        if stray:
            warnings.append(f"paragraph {number}: closing quotation mark without an opening one")
    return replace(state, found=tuple(found), unclosed=tuple(unclosed), warnings=tuple(warnings))


def _opens_paragraph(state: _State, paragraph: int) -> bool:
    if paragraph > len(state.paragraphs):
        return False
    text = state.paragraphs[paragraph - 1].lstrip()
    return bool(text) and text[0] in _OPEN | _BOTH


def join_run_ons(state: _State) -> _State:
    by_start = {(f.first.paragraph, f.first.open_at): f for f in state.found}
    unclosed_at = {(p.paragraph, p.open_at): p for p in state.unclosed}
    consumed: set[tuple[int, int]] = set()
    joined: list[_Found] = []
    last_unclosed: dict[int, int] = {}
    for p in state.unclosed:
        last_unclosed[p.paragraph] = max(last_unclosed.get(p.paragraph, -1), p.open_at)
    last_found: dict[int, int] = {}
    left: dict[int, int] = {}  # quotes still in by_start, per paragraph
    for f in state.found:
        last_found[f.first.paragraph] = max(last_found.get(f.first.paragraph, -1), f.first.open_at)
        left[f.first.paragraph] = left.get(f.first.paragraph, 0) + 1
    warnings = list(state.warnings)
    for piece in sorted(state.unclosed, key=lambda p: (p.paragraph, p.open_at)):
        key = (piece.paragraph, piece.open_at)
        if key in consumed:
            continue
        if not _NON_SPACE.search(state.paragraphs[piece.paragraph - 1], piece.open_at + 1):
            # A stray mark that ends its paragraph opens nothing to run on.
            warnings.append(f"paragraph {piece.paragraph}: unclosed quotation mark")
            continue
        is_last = last_unclosed.get(piece.paragraph, -1) <= piece.open_at \
            and last_found.get(piece.paragraph, -1) <= piece.open_at
        chain = [piece]
        while is_last and _opens_paragraph(state, chain[-1].paragraph + 1):
            nxt = chain[-1].paragraph + 1
            first = len(state.paragraphs[nxt - 1]) - len(state.paragraphs[nxt - 1].lstrip())
            if (nxt, first) in by_start:
                chain.append(by_start.pop((nxt, first)).first)
                left[nxt] -= 1
                consumed.add((nxt, first))
                break
            if (nxt, first) in unclosed_at:
                chain.append(unclosed_at[(nxt, first)])
                consumed.add((nxt, first))
                # Runs on again only if nothing else opens later in that paragraph.
                if last_unclosed.get(nxt, -1) > first or left.get(nxt, 0):
                    break
                continue
            break
        if chain[-1].close_at is None or len(chain) == 1:
            for p in chain:
                warnings.append(f"paragraph {p.paragraph}: unclosed quotation mark")
            continue
        joined.append(_Found(tuple(chain)))
    found = sorted([*by_start.values(), *joined], key=lambda f: (f.first.paragraph, f.first.open_at))
    return replace(state, found=tuple(found), unclosed=(), warnings=tuple(dict.fromkeys(warnings)))


#: Words before a quoted name that say it is a title: the show "MeatEater", a book titled "...".
_TITLE_CUES = re.compile(r"(?:titled|entitled|called|named|dubbed|show|series|programme|program|podcast|"
                         r"book|film|movie|song|album|novel|play|campaign|slogan|hashtag|motto|"
                         r"headline|newsletter|column|documentary|exhibition)\s*$", re.IGNORECASE)


def _short(state: _State, found: _Found) -> bool:
    return len(_WORD.findall(_quote_text(state.paragraphs, found))) < MIN_WORDS


def _title(state: _State, found: _Found) -> bool:
    """A short quoted name in title case ("Brock & Salk Mornings") or after a word that names a
    title ("the hunting show"): a show, a book or a slogan, never speech."""
    words = _WORD.findall(_quote_text(state.paragraphs, found))
    at = found.first.open_at
    before = state.paragraphs[found.first.paragraph - 1][max(0, at - 40):at]
    if not words or _TITLE_CUES.search(before.rstrip()):
        return True
    return _capital(words[0]) and all(
        _capital(w) or w.lower() in _CONNECTORS | {"a", "an", "the", "in", "on", "to", "with"} for w in words)


def drop_scare_quotes(state: _State) -> _State:
    """Short quoted phrases wait for their attribution (``drop_unattributed_short``); titles go."""
    is_title = [_short(state, f) and _title(state, f) for f in state.found]
    return replace(state, found=tuple(f for f, t in zip(state.found, is_title, strict=True) if not t),
                   titles=tuple(f for f, t in zip(state.found, is_title, strict=True) if t))


def drop_unattributed_short(state: _State) -> _State:
    """A short phrase is speech only where its own sentence says who said it ("Mayes stated that
    she was "mischaracterized""); otherwise a scare quote or a name ("the "Dome" deal")."""
    return replace(state, found=tuple(f for f in state.found if f.kind != "none" or not _short(state, f)))


def find_attributions(state: _State) -> _State:
    masks = _masks(state)
    out = []
    for found in state.found:
        quote = _quote_text(state.paragraphs, found)
        # A quote that ends mid-sentence (“...,” / “...?”) is followed by its speaker;
        # one that ends a sentence is more likely introduced before it.
        ends_open = quote[-1:] in {",", "?", "!", "—", "–", "-", "…"} or bool(
            _COMMA_NEXT.match(masks[found.last.paragraph], (found.last.close_at or 0) + 1))
        order = (_after, _before, _introduced, _reported) if ends_open else (
            _before, _introduced, _after, _reported)
        result = None
        for rule in order:
            result = rule(state, found, masks)
            if result:
                break
        out.append(result or found)
    return replace(state, found=tuple(out))


def _position_key(masks: dict[int, str], paragraph: int, offset: int) -> tuple[int, int]:
    """(paragraph, sentence) of an offset."""
    return paragraph, bisect.bisect_right(_sentence_starts(masks[paragraph]), offset) - 1


#: How many people of one sentence are read for its subject.
_SUBJECTS = 8
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")


def resolve_pronouns(state: _State) -> _State:
    masks = _masks(state)
    named_spans = sorted((s for s in state.spans if s.paragraph >= 1 and state.types.get(s.actor) in
                          {"person", "organization"} and masks[s.paragraph][s.start:s.end].strip()),
                         key=lambda s: (s.paragraph, s.start))
    persons = [s for s in named_spans if state.types.get(s.actor) == "person"]
    # A pronoun-like noun ("the statement") may stand for a body too; "he" only for a person.
    pools = {False: (persons, [(s.paragraph, s.start) for s in persons]),
             True: (named_spans, [(s.paragraph, s.start) for s in named_spans])}
    out: list[_Found] = []
    for found in state.found:
        if found.kind != "pronoun":
            out.append(found)
            continue
        here = (found.first.paragraph, found.first.open_at)
        if found.last.close_at is not None:
            here = (found.last.paragraph, found.last.close_at)
        # The last name said at or before here (the one just before, but for an odd order).
        named = next((f for f in reversed(out) if f.kind == "name" and f.at <= here), None)
        people, places = pools[found.bodies]
        before = bisect.bisect_left(places, here)
        choice: _Found | None = None
        if before:
            last = people[before - 1]
            key = _position_key(masks, last.paragraph, last.start)
            # The subject: the first person named in the sentence of the last one, not as a
            # possessive ("Machado's statement came after Trump announced what he described").
            sentence_start = _sentence_starts(masks[last.paragraph])[key[1]]
            first = bisect.bisect_left(places, (last.paragraph, sentence_start))
            subject = next((people[i] for i in range(first, min(before, first + _SUBJECTS))
                            if not _POSSESSIVE.match(masks[people[i].paragraph], people[i].end)),
                           people[first] if named is None else None)
            if subject is not None and (named is None or _position_key(masks, *named.at) < key):
                choice = replace(found, kind="name", speaker=subject.actor, name=subject.text,
                                 at=(subject.paragraph, subject.start))
        if choice is None and named is not None:
            choice = replace(found, kind="name", speaker=named.speaker, name=named.name, at=named.at)
        out.append(choice or replace(found, kind="name" if found.name else "none"))
    return replace(state, found=tuple(out))


def _nearest(opens: list[int], indices: list[int], at: int) -> int | None:
    """Of quotes opening at ``opens`` (sorted), the index of the last before ``at``, else the first
    after it: "A," Owen said. "B." Ruddock said "C.": B is Owen's, whatever its distance to C."""
    i = bisect.bisect_left(opens, at)
    if i > 0:
        return indices[i - 1]
    return indices[i] if i < len(opens) else None


def share_speakers(state: _State) -> _State:
    out = list(state.found)
    # Named quotes per paragraph, by where they open, kept up to date as speakers are shared.
    named_opens: dict[int, list[int]] = {}
    named_at: dict[int, list[int]] = {}
    for i, found in enumerate(out):
        if found.kind == "name":
            named_opens.setdefault(found.first.paragraph, []).append(found.first.open_at)
            named_at.setdefault(found.first.paragraph, []).append(i)
    for opens, indices in zip(named_opens.values(), named_at.values(), strict=True):
        order = sorted(range(len(opens)), key=lambda k: opens[k])
        opens[:] = [opens[k] for k in order]
        indices[:] = [indices[k] for k in order]
    last_named: dict[int, int] = {}  # paragraph a named quote ends in -> the latest such quote so far
    for i, found in enumerate(out):
        if found.kind != "none":
            if found.kind == "name":
                last_named[found.last.paragraph] = i
            continue
        paragraph = found.first.paragraph
        nearest = _nearest(named_opens.get(paragraph, []), named_at.get(paragraph, []), found.first.open_at)
        source: _Found | None = None
        text = state.paragraphs[paragraph - 1]
        opens_paragraph = not _WORD.search(text, 0, found.first.open_at)
        if (nearest is not None and opens_paragraph and paragraph - 1 in last_named
                and out[nearest].first.open_at > found.first.open_at):
            # It opens the paragraph: the speech of the paragraph before goes on; a speaker named
            # later in the paragraph is introduced for what follows.
            source = out[last_named[paragraph - 1]]
        elif nearest is not None:
            source = out[nearest]
        else:
            # Words outside the quote: it is a sentence of its own, not a paragraph's continuation.
            if _WORD.search(text, 0, found.first.open_at) or (
                    found.last.paragraph == paragraph and found.last.close_at is not None
                    and _WORD.search(text, found.last.close_at + 1)):
                continue
            if paragraph - 1 in last_named:
                source = out[last_named[paragraph - 1]]
        if source is None:
            continue
        out[i] = replace(found, kind="name", speaker=source.speaker, name=source.name, at=source.at)
        k = bisect.bisect_left(named_opens.setdefault(paragraph, []), found.first.open_at)
        named_opens[paragraph].insert(k, found.first.open_at)
        named_at.setdefault(paragraph, []).insert(k, i)
        last_named[out[i].last.paragraph] = i
    return replace(state, found=tuple(out))


Rule = Callable[[_State], _State]

RULES: tuple[Rule, ...] = (
    scan_marks,
    join_run_ons,
    drop_scare_quotes,
    find_attributions,
    # After the pronouns: a short phrase whose "he" stands for nobody named is no quote either.
    resolve_pronouns,
    drop_unattributed_short,
    share_speakers,
)


def extract_quotes(doc: Document, actors: ActorResult) -> tuple[tuple[Quote, ...], tuple[str, ...]]:
    """Direct quotes of five words or more with their speakers, and warnings about the marks."""
    spans = tuple(sorted((s for s in actors.spans if s.paragraph >= 1), key=lambda s: (s.paragraph, s.start)))
    state = _State(paragraphs=doc.paragraphs,
                   spans=spans,
                   span_keys=tuple((s.paragraph, s.start) for s in spans),
                   types={m.id: m.type for m in actors.mentions},
                   known={m.id: (m.name, m.roles) for m in actors.mentions})
    for rule in RULES:
        state = rule(state)
    quotes = tuple(
        Quote(speaker=f.speaker if f.kind == "name" else None,
              speaker_name=f.name if f.kind == "name" else "",
              text=_quote_text(state.paragraphs, f),
              paragraph=f.first.paragraph)
        for f in state.found
    )
    # In paragraph order, whichever rule found them.
    warnings = sorted(dict.fromkeys(state.warnings), key=lambda w: int(re.findall(r"\d+", w)[0]))
    return quotes, tuple(warnings)
