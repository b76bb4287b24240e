"""A wheel holds everything a build needs, and a non-editable install builds a site in another folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.site_helpers import FIXTURE

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is needed to copy the checkout")
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy of the tracked files, so no build/ or egg-info lands in the checkout.
    source = work / "source"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, check=True,
                           capture_output=True, text=True).stdout.split()
    for name in files:
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q",
                            "-w", str(work / "dist")], capture_output=True, text=True)
    if built.returncode != 0 and "Could not find a version" in built.stderr:
        pytest.skip("setuptools for the build could not be fetched: " + built.stderr[-200:])
    assert built.returncode == 0, built.stderr
    return next((work / "dist").glob("*.whl"))


def test_the_wheel_holds_every_module_template_and_asset(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {p.relative_to(REPO).as_posix() for p in (REPO / "generator").rglob("*")
                if p.is_file() and p.suffix in (".py", ".yaml", ".json") and "__pycache__" not in p.parts}
    expected |= {f"generator/{folder}/{p.name}" for folder in ("templates", "static")
                 for p in (REPO / folder).iterdir() if p.is_file()}
    assert expected - names == set()
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "briefing = generator.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_an_installed_wheel_builds_a_site_in_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # The dependencies come from this interpreter; only the package itself is installed fresh.
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def briefing(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(env_dir / "bin" / "briefing"), *args], cwd=work, env=environment,
                              capture_output=True, text=True)

    where = subprocess.run([python, "-c", "import generator; print(generator.__file__)"], cwd=work,
                           env=environment, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(env_dir), where
    assert briefing("--version").stdout.split() == ["briefing", wheel.name.split("-")[1]]
    assert briefing("new", "desk").returncode == 0
    (work / "desk" / "articles").mkdir()
    for article in sorted((FIXTURE / "articles").glob("*.md")):
        shutil.copy(article, work / "desk" / "articles" / article.name)
    result = briefing("build", "--no-ingest", "--content", "desk")
    assert result.returncode == 0, result.stderr
    assert "<title>Desk</title>" in (work / "_site" / "index.html").read_text()
    assert (work / "_site" / "static" / "style.css").is_file()
