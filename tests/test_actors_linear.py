"""Discovery stays linear in the number of different people an article names.

People found by their given names alone ("Maria Kalo, Maria Kami, ...") made merging partial
names compare every person found with every other.  Counted work, no timings (as in
``tests/test_linear.py``).
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from generator.knowledge import load_knowledge
from generator.model import Registry
from tests.test_linear import _calls

_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "ta", "vo", "ze", "bi", "do", "pe", "su")


def _people(size: int) -> str:
    """One paragraph of different names that open with a given name: "Maria Kaloki, Maria Kalomi, ..."."""
    out, length = ["Headline\n\n"], 0
    for a, b, c in itertools.product(_SYLLABLES, repeat=3):
        piece = f"Maria {(a + b + c).capitalize()}, "
        out.append(piece)
        length += len(piece)
        if length >= size:
            break
    return "".join(out) + "and others."


@pytest.fixture(scope="module")
def context() -> tuple[Any, Any]:
    registry, knowledge = Registry(), load_knowledge()
    _calls(_people(300), (registry, knowledge))  # compile the lexicon outside the count
    return registry, knowledge


def test_many_different_people_in_one_paragraph_grow_linearly(context: tuple[Any, Any]) -> None:
    small = _calls(_people(1_500), context)
    large = _calls(_people(6_000), context)
    # Linear work gives about 4x; quadratic about 16x.
    assert large / small < 6, f"{small} calls at 1.5 KB, {large} at 6 KB"
