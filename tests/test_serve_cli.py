"""``build.py serve`` as a person runs it: real ingest and builder, a real process, real signals."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content",
                    ignore=shutil.ignore_patterns("articles", "ingest-report.md"))
    (tmp_path / "content" / "articles").mkdir()
    (tmp_path / "site.yaml").write_text(
        "title: CLI test\nbase_url: https://user.github.io/sub/\nsearch: false\n")
    return tmp_path


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


#: Runs build.py as a person's terminal would, with Ctrl-C raising KeyboardInterrupt: a shell that
#: starts the tests in the background (CI scripts, `nohup`) makes them and every process they start
#: ignore SIGINT, and Python then leaves it ignored.
_AS_FROM_A_TERMINAL = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                       "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')")


def wait_until_up(url: str, process: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


@pytest.fixture
def serve_process(project: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", _AS_FROM_A_TERMINAL, str(REPO / "build.py"), "serve",
                                "--port", str(port)],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/sub/"
    try:
        wait_until_up(url, process)
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_stops_cleanly(serve_process: tuple[subprocess.Popen[str], str], signum: int) -> None:
    process, url = serve_process
    assert fetch(url)[0] == 200
    process.send_signal(signum)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "Traceback" not in err
    assert err.rstrip().endswith("stopped")


def test_a_busy_port_is_one_clear_line(serve_process: tuple[subprocess.Popen[str], str],
                                       project: Path) -> None:
    _, url = serve_process
    port = url.split(":")[2].split("/")[0]
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "serve", "--port", port], cwd=project,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"error: port {port} on 127.0.0.1 is already in use" in done.stderr


def _wait_for_text(url: str, text: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if status == 200 and text in body:
            return body
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared at {url}")


def _article_for(project: Path, source: Path) -> Path:
    from generator.frontmatter import load_article

    for path in sorted((project / "content" / "articles").glob("*.md")):
        article: Any = load_article(path.read_text(encoding="utf-8"), str(path))
        if article.source_file == source.name:
            return path
    raise AssertionError(f"no article from {source.name}")


def test_a_raw_source_edit_is_reingested_and_served(serve_process: tuple[subprocess.Popen[str], str],
                                                    project: Path) -> None:
    _, url = serve_process
    source = sorted((project / "content" / "sources").glob("*.txt"))[0]
    article = _article_for(project, source)
    words = "An entirely new closing paragraph written for this test."
    source.write_text(source.read_text(encoding="utf-8").rstrip() + "\n\n" + words + "\n", encoding="utf-8")
    _wait_for_text(f"{url}articles/{article.stem}/", words)


def test_a_persons_edit_survives_a_source_change(serve_process: tuple[subprocess.Popen[str], str],
                                                 project: Path) -> None:
    process, url = serve_process
    source = sorted((project / "content" / "sources").glob("*.txt"))[0]
    article = _article_for(project, source)
    mine = "Words a person added by hand."
    text = article.read_text(encoding="utf-8")
    article.write_text(text.rstrip() + "\n\n" + mine + "\n", encoding="utf-8")
    _wait_for_text(f"{url}articles/{article.stem}/", mine)
    source.write_text(source.read_text(encoding="utf-8").rstrip() + "\n\nA new paragraph from the wire.\n",
                      encoding="utf-8")
    time.sleep(2)  # ample time for the ingest and rebuild that must not overwrite the edit
    assert mine in article.read_text(encoding="utf-8")
    assert mine in _wait_for_text(f"{url}articles/{article.stem}/", mine)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert "kept your edit of" in err
