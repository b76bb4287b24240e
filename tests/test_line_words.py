"""The words splitting and cleaning judge a line by are data (read by the lexicon), not code:
a word added to its data file changes what a line is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from generator import lexicon
from generator.ingest import shapes


def _forget() -> None:
    """Drop what shapes remembers (its words, and its answers per line): they were made from other data."""
    for value in vars(shapes).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


@pytest.fixture
def add_words(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str, str], None]]:
    """add_words(file, key, word): as if ``word`` were written in the list ``key`` of ``file``."""
    real = lexicon.read
    added: dict[tuple[str, str], list[str]] = {}

    def read(name: str) -> Any:
        data = dict(real(name))
        for (file, key), words in added.items():
            if file == name:
                data[key] = [*(data.get(key) or ()), *words]
        return data

    def add(file: str, key: str, word: str) -> None:
        added.setdefault((file, key), []).append(word)
        monkeypatch.setattr(lexicon, "read", read)
        _forget()

    yield add
    monkeypatch.undo()
    _forget()


def test_name_particles_are_data(add_words: Callable[[str, str, str], None]) -> None:
    assert shapes.byline("By Karl-Theodor zu Guttenberg") is None
    add_words("cleaning.yaml", "name_particles", "zu")
    assert shapes.byline("By Karl-Theodor zu Guttenberg") == ("Karl-Theodor zu Guttenberg", None)
    assert shapes.is_credit("Photo: Karl zu Guttenberg/AFP")


def test_stamp_filler_is_data(add_words: Callable[[str, str, str], None]) -> None:
    line = "Updated March 5, 2024 circa 10:32 GMT"
    assert shapes.stamp(line) is None
    add_words("cleaning.yaml", "stamp_filler", "circa")
    assert shapes.stamp(line) == "updated"


def test_weekday_abbreviations_are_the_calendars(add_words: Callable[[str, str, str], None]) -> None:
    assert shapes.stamp("Tues. 5 March 2024 14.20 BST") == "published"
    assert shapes.stamp("Weds 6 March 2024 14.20 BST") is None
    add_words("calendar.yaml", "weekday_abbreviations", "Weds")
    assert lexicon.weekday_abbreviations()[-1] == "Weds"
    assert shapes.stamp("Weds 6 March 2024 14.20 BST") == "published"
