"""Ingest does work linear in a source's length, whatever the text (issue 10).

No timings: the work is counted.  Each crafted shape of ``benchmarks/growth.py`` (names with
commas, capitalised words, date phrases, dots, dashes, one long paragraph of prose, many
quotes) is ingested at two sizes, and the function calls the ingest makes are counted with
a profiler hook: four times the text may cost about four times the calls, not sixteen.  The
look-backs that made one long paragraph quadratic are checked to read a bounded window, and a
source of each shape of a few tens of kilobytes must simply get through ingest.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from textcase import make_actors, make_document

from generator.ingest import dates, quotes
from generator.ingest.actors import helpers
from generator.ingest.actors.rules import discover_titled_surnames as titled
from generator.ingest.pipeline import ingest_text
from generator.ingest.quotes import text as quote_text
from generator.knowledge import load_knowledge
from generator.registry import load_registry

REPO = Path(__file__).resolve().parent.parent


def _load_growth() -> Any:  # benchmarks/ is a folder of scripts, not a package
    spec = importlib.util.spec_from_file_location("bench_growth", REPO / "benchmarks" / "growth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_growth"] = module
    spec.loader.exec_module(module)
    return module


growth = _load_growth()


def quoted(size: int) -> str:
    """Quotes, half of them attributed, half by a pronoun, some never closed."""
    return growth._fill(lambda i: ("\u201cWe will see what happens next,\u201d Anna Berg said. ",
                                   "\"They never told us anything at all,\" he said. ",
                                   "\u201cNobody came to the meeting ", "Then, she said: ")[i % 4], size)


SHAPES: dict[str, Callable[[int], str]] = {
    **{name: make for name, make in growth.SHAPES.items() if name != "real"}, "quotes": quoted}


@pytest.fixture(scope="module")
def context() -> tuple[Any, Any]:
    registry, knowledge = load_registry(REPO / "content"), load_knowledge()
    ingest_text("warm.txt", "Warm-up\n\nPresident Anna Berg said on Monday.", registry, knowledge)
    return registry, knowledge


def _calls(text: str, context: tuple[Any, Any]) -> int:
    """Function calls (Python and C) the ingest of ``text`` makes."""
    count = 0

    def hook(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        count += 1

    sys.setprofile(hook)
    try:
        ingest_text("shape.txt", text, *context)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly(shape: str, context: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # Dates are compared pairwise up to a fixed number (see the test below): below it the
    # comparison is quadratic by design, so the fixed number is made small here.
    monkeypatch.setattr(dates, "MAX_COMPARED_DATES", 10, raising=False)
    small = _calls(SHAPES[shape](1_500), context)
    large = _calls(SHAPES[shape](6_000), context)
    # Linear work gives about 4x; quadratic about 16x.
    assert large / small < 6, f"{shape}: {small} calls at 1.5 KB, {large} at 6 KB"


def test_title_before_a_name_is_looked_for_in_a_bounded_window(context: tuple[Any, Any],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    original = titled._title_at_end

    def spy(lex: Any, text: str) -> Any:
        seen.append(len(text))
        return original(lex, text)

    monkeypatch.setattr(titled, "_title_at_end", spy)
    ingest_text("capitals.txt", growth.capitals(5_000), *context)
    # A title is a few words: 100 characters before the name (helpers.LOOK_BACK), not the paragraph.
    assert seen and max(seen) <= 100


def test_role_before_a_name_reads_a_bounded_number_of_words(context: tuple[Any, Any],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    original = helpers.split_words

    def spy(text: str) -> Any:
        seen.append(len(text))
        return original(text)

    monkeypatch.setattr(helpers, "split_words", spy)
    ingest_text("names.txt", growth.names(5_000), *context)
    # Splitting whole paragraphs into words is fine once; not again for every name.
    assert sorted(seen)[-3] <= 1000  # helpers.APPOSITIVE_WINDOW


def test_sentence_starts_are_worked_out_once_per_paragraph(context: tuple[Any, Any],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    text = quoted(5_000)
    calls = 0
    original = quote_text.split_sentences

    def counting(string: str) -> Any:
        nonlocal calls
        calls += 1
        return original(string)

    quote_text.sentence_starts.cache_clear()
    monkeypatch.setattr(quote_text, "split_sentences", counting)
    ingest_text("quotes.txt", text, *context)
    # One paragraph, read as it is and with its quotes blanked: not once per quote.
    assert calls < 20


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_long_source_of_each_shape_is_ingested(shape: str, context: tuple[Any, Any]) -> None:
    articles = ingest_text(f"{shape}.txt", SHAPES[shape](20_000), *context)
    assert articles and all(article.body for _, article in articles)


def test_dates_are_compared_pairwise_up_to_a_fixed_number(context: tuple[Any, Any],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = 0
    original = dates._alike

    def spy(*args: Any) -> bool:
        nonlocal pairs
        pairs += 1
        return original(*args)

    monkeypatch.setattr(dates, "_alike", spy)
    # One date a sentence, each in its own: every pair is compared (none is skipped).
    text = growth._fill(lambda i: f"The council met on March {i % 28 + 1}, {1950 + i}. ", 20_000)
    ingest_text("dates.txt", text, *context)
    cap = dates.MAX_COMPARED_DATES
    assert 0 < pairs <= cap * (cap - 1)


def _lines_in(module: Any, work: Callable[[], object]) -> int:
    """Lines of ``module`` executed while ``work`` runs."""
    count = 0
    filename = module.__file__

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code.co_filename == filename else None

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_time_expressions_are_settled_in_linear_work() -> None:
    """Overlapping matches were settled by comparing each with every match kept before."""
    from generator.ingest.temporal import find

    def text(n: int) -> str:
        return "".join(f"on March {i % 28 + 1}, {1900 + i} and " for i in range(n))

    small = _lines_in(find, lambda: find.find_time_expressions(text(100)))
    large = _lines_in(find, lambda: find.find_time_expressions(text(400)))
    assert large / small < 6, f"{small} lines for 100 dates, {large} for 400"


def _quote_calls(paragraphs: list[str]) -> int:
    """Function calls quote extraction alone makes on ``paragraphs``."""
    doc = make_document(paragraphs)
    found = make_actors(doc, ["Harbour Committee -> harbour-committee organization"])
    quotes.extract_quotes(doc, found)  # warm: the lexicon is loaded once
    count = 0

    def hook(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        count += 1

    sys.setprofile(hook)
    try:
        quotes.extract_quotes(doc, found)
    finally:
        sys.setprofile(None)
    return count


def test_titles_among_many_quotes_are_set_aside_in_one_pass() -> None:
    # A show's title in quotation marks is kept apart from the quotes (to mask it): picking the
    # titles out of the quotes must not compare every quote with every title.
    unit = ('The show "Morning Glory Hour" aired again. "We will not accept this delay in any form," '
            'they said. The Harbour Committee said so.')
    small = _quote_calls([unit] * 60)
    large = _quote_calls([unit] * 240)
    assert large / small < 6, f"{small} calls for 60 paragraphs, {large} for 240"
