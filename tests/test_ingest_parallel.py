"""Ingest spread over processes writes exactly what one process writes, in the same order."""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import generator.ingest.run as run
from generator import executor
from generator.ingest.run import ingest_content, plan_ingest, read_sources
from generator.knowledge import load_knowledge
from generator.registry import load_registry

REPO = Path(__file__).resolve().parent.parent

#: Two sources with one headline and one date: which gets the ``-2`` must not depend on the workers.
TWIN = "Ministers Meet in Oslo\n\nNorwegian Foreign Minister Espen Barth Eide met his Icelandic " \
       "counterpart in Oslo on Monday, March 3, 2025, to discuss fishing quotas.{}\n"


def _generator():  # benchmarks/ is a folder of scripts, not a package
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dozen generated stories, the sample's sources, twins, and two inputs that fail."""
    root = tmp_path_factory.mktemp("corpus")
    _generator().write_corpus(_generator().generate_corpus(12, seed=4), root)
    sources = root / "content" / "sources"
    for path in (REPO / "content" / "sources").iterdir():
        shutil.copy(path, sources / f"sample-{path.name}")
    (sources / "twin-a.txt").write_text(TWIN.format(""), encoding="utf-8")
    (sources / "twin-b.txt").write_text(TWIN.format(" Both sides agreed."), encoding="utf-8")
    (sources / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (sources / "unclosed.txt").write_text("---\ntitle: [unclosed\n---\nBody text here.\n", encoding="utf-8")
    return root / "content"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _copy(corpus: Path, to: Path) -> Path:
    shutil.copytree(corpus, to)
    return to


def test_parallel_plan_equals_serial_plan(corpus: Path) -> None:
    registry, knowledge = load_registry(corpus), load_knowledge()
    sources = read_sources(corpus / "sources")
    serial = plan_ingest(sources, [], registry, knowledge, workers=1)
    parallel = plan_ingest(sources, [], registry, knowledge, workers=2)
    assert parallel.writes == serial.writes
    assert parallel.report_text == serial.report_text
    # Exceptions compare by identity: the errors are compared by what they say.
    said = [[(type(e), str(e)) for e in plan.report.errors] for plan in (serial, parallel)]
    assert said[1] == said[0]
    assert replace(parallel.report, errors=()) == replace(serial.report, errors=())
    names = [name for name, _ in serial.writes]
    assert any(name.endswith("-2.md") for name in names), "the twins collide on their stem"
    # A bad file is an error naming it; the rest of the corpus is still ingested.
    failed = sorted(Path(str(e.path)).name for e in serial.report.errors)
    assert failed == ["binary.txt", "unclosed.txt"]
    assert len(serial.writes) >= 12 + 5 + 2


def test_spawned_workers_plan_what_one_process_plans(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside another thread (the preview's watcher) workers are spawned: what they read is sent to them."""
    registry, knowledge = load_registry(corpus), load_knowledge()
    sources = read_sources(corpus / "sources")
    serial = plan_ingest(sources, [], registry, knowledge, workers=1)
    monkeypatch.setattr(executor, "start_method", lambda: multiprocessing.get_context("spawn"))
    spawned = plan_ingest(sources, [], registry, knowledge, workers=2)
    assert spawned.writes == serial.writes and spawned.report_text == serial.report_text


def test_parallel_ingest_is_reproducible_and_equals_serial(corpus: Path, tmp_path: Path) -> None:
    one = _copy(corpus, tmp_path / "one")
    two = _copy(corpus, tmp_path / "two")
    again = _copy(corpus, tmp_path / "again")
    ingest_content(one, quiet=True, workers=1)
    ingest_content(two, quiet=True, workers=2)
    ingest_content(again, quiet=True, workers=2)
    assert _snapshot(two) == _snapshot(one)
    assert _snapshot(again) == _snapshot(two)
    assert not any(p.name.endswith(".tmp") for p in (two / "articles").iterdir())


def test_parallel_reingest_keeps_edits_like_serial(corpus: Path, tmp_path: Path) -> None:
    """Unchanged parts, a person's edit and a changed source are decided the same way in workers."""
    folders = [_copy(corpus, tmp_path / name) for name in ("serial", "parallel")]
    for folder, workers in zip(folders, (1, 2), strict=True):
        ingest_content(folder, quiet=True, workers=workers)
        first = sorted((folder / "articles").glob("*.md"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nA note of mine.\n", encoding="utf-8")
        report = ingest_content(folder, quiet=True, workers=workers)
        assert report.written == () and report.conflicts == ()
        assert len(report.unchanged) == len(list((folder / "articles").glob("*.md")))
    assert _snapshot(folders[1]) == _snapshot(folders[0])


#: Ingests a corpus in two workers with an extractor that crashes on one source.  Run as a script
#: of its own, it has no thread but its main one, so its workers are forked whatever threads the
#: test session runs (a browser's), and the patch, made on import, reaches spawned workers too.
CRASHING = """
import json, os, sys
from pathlib import Path

import generator.ingest.run as run

real = run.ingest_part


def fragile(part, registry, knowledge):
    if part.source_file == "twin-b.txt":
        raise RuntimeError(f"boom in process {os.getpid()}")
    return real(part, registry, knowledge)


run.ingest_part = fragile

if __name__ == "__main__":
    from generator.knowledge import load_knowledge
    from generator.registry import load_registry

    corpus = Path(sys.argv[1])
    plan = run.plan_ingest(run.read_sources(corpus / "sources"), run.read_existing(corpus / "articles"),
                           load_registry(corpus), load_knowledge(), workers=2)
    print(json.dumps({"pid": os.getpid(), "writes": [name for name, _ in plan.writes],
                      "errors": [[str(e.path), e.line, str(e)] for e in plan.report.errors]}))
"""


def test_an_extractor_crash_in_a_worker_names_its_file(corpus: Path, tmp_path: Path) -> None:
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING, encoding="utf-8")
    path = os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))
    env = {**os.environ, "PYTHONPATH": path}
    done = subprocess.run([sys.executable, str(script), str(corpus)], capture_output=True, text=True, env=env,
                          cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    crashed = [(line, said) for path, line, said in result["errors"] if path == "sources/twin-b.txt"]
    assert len(crashed) == 1, result["errors"]
    line, said = crashed[0]
    assert line == 1 and "RuntimeError: boom in process" in said
    # It crashed in a worker, not in the process that planned (which would redo a dead worker's share).
    assert int(said.split("boom in process ")[1].split()[0]) != result["pid"]
    assert any(name.startswith("2025-03-03-ministers-meet-in-oslo") for name in result["writes"])


def test_small_corpora_stay_in_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(executor, "ProcessPoolExecutor", no_pool)
    registry, knowledge = load_registry(corpus), load_knowledge()
    sources = read_sources(corpus / "sources")
    assert len(sources) < run.PARALLEL_MIN_SOURCES
    assert plan_ingest(sources, [], registry, knowledge).writes
