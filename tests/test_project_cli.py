"""The ``briefing`` command as a new user meets it: --version, new, and a content folder's own site.yaml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from generator import __version__
from generator.cli import main
from generator.config import load_config
from generator.registry import parse_registry
from tests.site_helpers import FIXTURE

REPO = Path(__file__).resolve().parent.parent


def test_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip().endswith(" " + __version__)
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["briefing"] == "generator.cli:main"


def test_new_scaffolds_a_content_folder_that_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site.yaml").write_text("title: Someone else's briefing\n")  # as in the repository
    assert main(["new", "arctic-desk_2025"]) == 0
    folder = tmp_path / "arctic-desk_2025"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "actors.yaml", "site.yaml", "sources", "sources/.gitkeep", "topics.yaml"]
    assert load_config(folder / "site.yaml").title == "Arctic desk 2025"
    registry = parse_registry((folder / "actors.yaml").read_text(), (folder / "topics.yaml").read_text())
    assert not registry.actors and not registry.topics
    assert "#     - id: marco-rubio" in (folder / "actors.yaml").read_text()
    assert "briefing build --content arctic-desk_2025" in capsys.readouterr().out

    # One source in, one build: the folder's own site.yaml is used, not the one beside it.
    article = next((FIXTURE / "articles").glob("*.md")).read_text()
    (folder / "articles").mkdir()
    (folder / "articles" / "one.md").write_text(article)
    assert main(["build", "--no-ingest", "--content", "arctic-desk_2025", "--out", "out"]) == 0
    assert "<title>Arctic desk 2025</title>" in (tmp_path / "out" / "index.html").read_text()
    assert (folder / ".cache").is_dir() and not (tmp_path / ".cache").exists()


def test_an_explicit_config_wins_over_the_content_folders(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "desk"]) == 0
    (tmp_path / "other.yaml").write_text("title: Chosen\n")
    assert main(["build", "--no-ingest", "--content", "desk", "--out", "out", "--config", "other.yaml"]) == 0
    assert "<title>Chosen</title>" in (tmp_path / "out" / "index.html").read_text()


@pytest.mark.parametrize("occupied", ["file", "folder"])
def test_new_refuses_what_is_there_and_writes_nothing(tmp_path: Path, occupied: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "desk"
    if occupied == "file":
        target.write_text("mine")
    else:
        target.mkdir()
        (target / "site.yaml").write_text("title: Mine\n")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert main(["new", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {target}: ") and "nothing was written" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_new_into_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["new", str(tmp_path / "empty")]) == 0
    assert (tmp_path / "empty" / "site.yaml").is_file()


def test_new_never_overwrites_a_file_that_appears_meanwhile(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import scaffold

    target = tmp_path / "desk"
    real = scaffold.scaffold_files

    def racing(folder: Path) -> dict[str, str]:
        target.mkdir()
        (target / "topics.yaml").write_text("mine\n")  # saved by someone else between check and write
        return real(folder)

    monkeypatch.setattr(scaffold, "scaffold_files", racing)
    assert main(["new", str(target)]) == 1
    assert (target / "topics.yaml").read_text() == "mine\n"
