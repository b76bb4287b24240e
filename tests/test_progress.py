"""Long phases of a build show progress on a terminal and nothing elsewhere."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from generator import progress
from tests.site_helpers import build, copy_fixture


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, terminal: bool) -> str:
    err = _Terminal() if terminal else io.StringIO()
    out = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(progress, "DELAY", 0)  # the fixture builds in well under a second
    content = copy_fixture(tmp_path)
    assert build(content, tmp_path / "out").ok
    return err.getvalue() + out.getvalue()


def test_a_build_on_a_terminal_counts_its_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _build(tmp_path, monkeypatch, terminal=True)
    assert "render:" in shown and "page" in shown


def test_a_build_into_a_pipe_prints_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _build(tmp_path, monkeypatch, terminal=False) == ""


def test_counted_passes_every_item_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.setattr(sys, "stdout", _Terminal())
    assert list(progress.counted(iter(range(5)), "x", "item", total=5)) == [0, 1, 2, 3, 4]
