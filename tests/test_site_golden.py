"""Golden files: the fixture corpus's rendered site, byte for byte.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_site_golden.py``
and review the diff in git.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.site_helpers import FIXTURE, build, tree

GOLDEN = Path(__file__).resolve().parent / "golden" / "site"
# Static assets are copied verbatim; their source is their own golden file.
SKIP = ("static/", "pagefind/")


def test_rendered_site_matches_golden_files(tmp_path: Path) -> None:
    result = build(FIXTURE, tmp_path / "out")
    assert result.ok, result.errors
    actual = tree(tmp_path / "out", SKIP)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in actual.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    expected = tree(GOLDEN)
    assert sorted(actual) == sorted(expected), "pages added or removed; regenerate with UPDATE_GOLDEN=1"
    for name in expected:
        assert actual[name].decode() == expected[name].decode(), (
            f"{name} differs from tests/golden/site/{name}"
        )
