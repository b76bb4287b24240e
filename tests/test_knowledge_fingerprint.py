"""The knowledge fingerprint covers every data file, so an edit to any of them refreshes articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import knowledge

DATA = Path(knowledge.__file__).resolve().parent / "data"


def _fingerprint(monkeypatch: pytest.MonkeyPatch, folder: Path) -> str:
    monkeypatch.setattr(knowledge, "data_files", lambda: sorted(p for p in folder.iterdir() if p.is_file()))
    return knowledge.load_knowledge.__wrapped__().fingerprint


def test_every_data_file_is_in_the_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = sorted(p.name for p in DATA.iterdir() if p.is_file())
    assert "cleaning.yaml" in names  # the file a hand-kept list once missed
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    before = _fingerprint(monkeypatch, copy)
    for name in names:
        path = copy / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        assert _fingerprint(monkeypatch, copy) != before, f"an edit to {name} leaves the fingerprint"
        path.write_bytes(original)
    assert _fingerprint(monkeypatch, copy) == before
