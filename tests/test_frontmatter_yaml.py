"""The front-matter writer gives exactly PyYAML's bytes, for any text in any place."""

from __future__ import annotations

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.frontmatter import _NO_FOLDING, _Dumper, dump_yaml

# Any character a str can hold and UTF-8 can write, line breaks and controls included.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
# Text near the edges of plain style: indicators, spaces, quotes, YAML words, numbers, dates.
EDGY = st.sampled_from(["", " ", "a ", " a", "a: b", "a:b", "a #b", "a#b", "- a", "-a", "? a", ":a", "'a'",
                        '"a"', "it's", "yes", "No", "null", "~", "1", "1.5", "0x1f", "1e3", "2024-01-08",
                        "12:30", ".inf", "=", "<<", "a\tb", "a\nb", "a\u2028b", "a\x85b", "a\ufeffb",
                        "\U0001f600", "é", "a  b", "...", "---", "a...", "%a", "@a", "`a", "!a", "&a", "*a",
                        "|a", ">a", "[a]", "{a}", "a, b", "NBSP\xa0", "\x7f", "Ω:", "x" * 300, "a:", "a::b",
                        "it's: a 'b'", "a # b", "a#", "a :b", "He said: \"no\"", "a:\tb", "a: #b"])
SCALAR = st.one_of(ANY_TEXT, EDGY, st.none(), st.booleans(), st.integers(-10**6, 10**12))
KEY = st.sampled_from(["title", "date", "source", "file", "roles", "text", "id", "warnings", "a_b", "x-y"])
ITEM = st.one_of(SCALAR, st.dictionaries(KEY, st.one_of(SCALAR, st.lists(SCALAR, max_size=3)), max_size=4))
VALUE = st.one_of(SCALAR, st.lists(ITEM, max_size=4), st.dictionaries(KEY, SCALAR, max_size=4))
MAPPING = st.dictionaries(KEY, VALUE, max_size=8)


def _pyyaml(data: dict[str, object]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=_NO_FOLDING)


@settings(max_examples=1000, deadline=None)
@given(MAPPING)
@example({"actors": [{"id": "a", "roles": ["Foreign Minister", "2024"], "mentions": 3}], "credits": []})
@example({"source": {"file": "x.txt", "url": None}, "captions": ["It's a caption: yes", "(AFP)"]})
@example({"source": {}, "actors": [{}], "events": [["nested"]], "ratio": 1.5})
def test_writer_matches_pyyaml(data: dict[str, object]) -> None:
    assert dump_yaml(data) == _pyyaml(data)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(ANY_TEXT, EDGY), min_size=1, max_size=5))
def test_writer_matches_pyyaml_on_text_lists(texts: list[str]) -> None:
    data = {"title": texts[0], "captions": texts, "ingest": {"generator": 1, "output_sha256": texts[-1]}}
    assert dump_yaml(data) == _pyyaml(data)
