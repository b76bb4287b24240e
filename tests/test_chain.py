"""Rule lists are declarations checked at import, and the code fingerprint follows the code."""

from __future__ import annotations

import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from generator.ingest import annotate, chain, pipeline
from generator.ingest.chain import Chain, ChainError, Rule, rule


@rule(provides={"a"})
def _make_a(state: tuple[str, ...]) -> tuple[str, ...]:
    return (*state, "a")


@rule(requires={"a"}, provides={"b"})
def _make_b(state: tuple[str, ...]) -> tuple[str, ...]:
    return (*state, "b")


def test_rules_run_in_their_declared_order() -> None:
    assert Chain("t", frozenset(), (_make_a, _make_b))(()) == ("a", "b")


def test_a_rule_above_the_rule_it_needs_fails_when_the_chain_is_made() -> None:
    with pytest.raises(ChainError, match="'make_b' requires a"):
        Chain("t", frozenset(), (_make_b, _make_a))


def test_a_rule_name_used_twice_fails() -> None:
    with pytest.raises(ChainError, match="used twice: make_a"):
        Chain("t", frozenset(), (_make_a, _make_a))


def test_the_extractors_order_is_checked() -> None:
    by_name = {r.name: r for r in annotate.ANNOTATE.rules}
    assert list(by_name) == ["actors", "date", "quotes", "events", "topics"]
    with pytest.raises(ChainError, match="'date' requires actors"):
        Chain("annotate", frozenset({"document"}), (by_name["date"], by_name["actors"]))
    with pytest.raises(ChainError, match="'events' requires date"):
        Chain("annotate", frozenset({"document"}), (by_name["actors"], by_name["events"], by_name["date"]))


def test_the_fingerprint_reaches_helpers_no_list_names() -> None:
    reached = {m.__name__ for m in chain._reached([sys.modules[pipeline.__name__]], "generator")}
    # A cleaning rule, the word lists' reader, the tokenizer: none is named by hand anywhere.
    # A time-expression rule file is named only as a string in the rule list.
    assert {"generator.ingest.clean.stamps", "generator.lexicon", "generator.ingest.parse",
            "generator.knowledge", "generator.ingest.temporal.find",
            "generator.ingest.temporal.rules.weekend", "generator.ingest.dates.evidence",
            # Packages whose __init__ holds a rule list or re-exports: they run with their modules.
            "generator.ingest.temporal", "generator.ingest.temporal.rules",
            "generator.ingest.actors.rules"} <= reached
    # What decides what to write is not what an article says.
    assert not {"generator.ingest.run", "generator.ingest.report"} & reached


def test_the_fingerprint_changes_with_the_code_of_a_rule(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "fpkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "helper.py").write_text("def shout(s):\n    return s.upper()\n")
    (package / "rules.py").write_text(textwrap.dedent("""
        from fpkg.helper import shout
        def loud(state):
            return shout(state)
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    import fpkg.rules

    loud = Chain("t", frozenset(), (Rule("loud", fpkg.rules.loud),))
    before = chain.code_fingerprint([loud], package="fpkg")
    assert chain.code_fingerprint([loud], package="fpkg") == before
    (package / "helper.py").write_text("def shout(s):\n    return s.upper() + '!'\n")
    assert chain.code_fingerprint([loud], package="fpkg") != before
    for name in ("fpkg.rules", "fpkg.helper", "fpkg"):
        sys.modules.pop(name, None)


def test_an_annotated_state_is_frozen() -> None:
    state = annotate.annotate(pipeline.clean(_part()), *_context())
    with pytest.raises(AttributeError):
        state.topics = ()  # type: ignore[misc]
    assert replace(state, topics=("x",)).topics == ("x",)


def _part():  # type: ignore[no-untyped-def]
    from generator.model import RawPart
    return RawPart("a.txt", 1, 1, "Kim meets Putin", ("Kim Jong Un met Vladimir Putin on Monday.",))


def _context():  # type: ignore[no-untyped-def]
    from generator.knowledge import load_knowledge
    from generator.model import Registry
    return Registry(), load_knowledge()


def test_the_fingerprint_does_not_depend_on_what_else_the_process_imported() -> None:
    # The preview, a build and `ingest` import different modules beside ingest; a fingerprint that
    # followed whatever the import system had hung on a package would refresh every article.
    import subprocess

    import generator.commands
    import generator.serve.server
    import generator.site.builder  # noqa: F401

    alone = subprocess.run([sys.executable, "-c", "from generator.ingest import pipeline; "
                            "print(pipeline.EXTRACTOR_VERSION)"],
                           capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    assert alone.stdout.strip() == chain.code_fingerprint([annotate.ANNOTATE], sys.modules[pipeline.__name__])
