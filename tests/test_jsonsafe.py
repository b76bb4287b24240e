"""The data exports are written by orjson: byte for byte what json.dumps gave, for every value they hold."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.site import jsonsafe
from generator.site.jsonsafe import export_json, export_json_list

# What an export holds: strings (any character, markup and line separators included),
# integers, booleans, null, lists and objects with string keys.  No floats.
_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["</script>", "a & b", "\u2028", "\u2029", "\x00\x1f\x7f", "é 中 😀", "\\\"", ""])
_SCALAR = st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | _TEXT
_VALUE = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=20)


def _reference(items: list[Any]) -> bytes:
    """The json module's output, as export_json wrote every export before orjson."""
    return export_json(items)


@given(st.lists(_VALUE, max_size=6))
def test_a_list_export_is_json_dumps_byte_for_byte(items: list[Any]) -> None:
    assert export_json_list(iter(items)) == _reference(items)


def test_batches_join_as_one_list(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(jsonsafe, "_BATCH", 2)
    items = [{"b": [1, {"c": "<x>"}], "a": None}, "text", [], {}, 5]
    assert export_json_list(iter(items)) == _reference(items)
    assert json.loads(export_json_list(iter(items))) == items


def test_what_orjson_refuses_goes_through_json() -> None:
    items = [{"big": 2**70}, {"k": "v"}]
    assert export_json_list(items) == _reference(items)
