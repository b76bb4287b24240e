"""Direct quotes and who said them.

    Document + ActorResult --extract_quotes--> (Quote*, warnings)

Only paragraphs are read, never the title: a headline label ("Lavrov: ...") is not an
attribution.  The rules of :data:`QUOTES` run in order over a frozen :class:`State`, each in its
own module:

    scan_marks               marks.py        pair quotation marks in each paragraph
    join_run_ons             run_ons.py      a quote running on across paragraphs is one quote
    drop_scare_quotes        scare.py        a short quoted title is no quote and no name
    find_attributions        attribution.py  the speaker named after, before or above the quote
    resolve_pronouns         pronouns.py     "he said": the last speaker or sentence subject
    drop_unattributed_short  scare.py        a short phrase nobody said is a scare quote
    share_speakers           sharing.py      a quote with no attribution takes a neighbour's

``names.py`` finds a speaker's name around a verb, ``speakers.py`` says which actor it is;
``text.py`` holds the sentence and token helpers they share and ``words.py`` the word lists.

Decision: a two-part quote around an attribution stays two quotes; only a quote running on
across paragraphs is joined, with one space between parts.
"""

from __future__ import annotations

from types import MappingProxyType

from generator.ingest.chain import Chain
from generator.ingest.quotes.attribution import find_attributions
from generator.ingest.quotes.marks import scan_marks
from generator.ingest.quotes.pronouns import resolve_pronouns
from generator.ingest.quotes.run_ons import join_run_ons
from generator.ingest.quotes.scare import drop_scare_quotes, drop_unattributed_short
from generator.ingest.quotes.sharing import share_speakers
from generator.ingest.quotes.state import MIN_WORDS, State, quote_text
from generator.model import ActorResult, Document, Quote

__all__ = ["MIN_WORDS", "QUOTES", "extract_quotes"]

QUOTES: Chain[State] = Chain("quotes", frozenset({"paragraphs", "actor_spans"}), (
    scan_marks,
    join_run_ons,
    drop_scare_quotes,
    find_attributions,
    # After the pronouns: a short phrase whose "he" stands for nobody named is no quote either.
    resolve_pronouns,
    drop_unattributed_short,
    share_speakers,
))


def extract_quotes(doc: Document, actors: ActorResult) -> tuple[tuple[Quote, ...], tuple[str, ...]]:
    """Direct quotes of five words or more with their speakers, and warnings about the marks."""
    spans = tuple(sorted((s for s in actors.spans if s.paragraph >= 1), key=lambda s: (s.paragraph, s.start)))
    state = QUOTES(State(paragraphs=doc.paragraphs,
                         spans=spans,
                         span_keys=tuple((s.paragraph, s.start) for s in spans),
                         types=MappingProxyType({m.id: m.type for m in actors.mentions}),
                         known=MappingProxyType({m.id: (m.name, m.roles) for m in actors.mentions})))
    quotes = tuple(
        Quote(speaker=f.speaker if f.kind == "name" else None,
              speaker_name=f.name if f.kind == "name" else "",
              text=quote_text(state.paragraphs, f),
              paragraph=f.first.paragraph)
        for f in state.found
    )
    # In paragraph order, whichever rule found them.
    warnings = sorted(dict.fromkeys(state.warnings), key=lambda w: w[0])
    return quotes, tuple(f"paragraph {paragraph}: {text}" for paragraph, text in warnings)
