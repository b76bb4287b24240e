#!/usr/bin/env python3
"""One measurement, run in its own process so its peak memory can be read on exit.

    python benchmarks/worker.py OP --work DIR [--runs K]

Prints one JSON object on the last line of stdout: ``{"seconds": [...], ...}``.
The timings cover the call into the generator only (imports excluded), as wall
time and as CPU time of this process and the worker processes it started (which
a busy machine disturbs less); the parent also times the whole process.

OP is one of ``ingest``, ``build`` (cold, no state), ``noop``, ``edit-article``,
``edit-template``, ``edit-actors``.  The incremental ones first do an untimed warm
build to get the builder's state, then time K rebuilds, each after a fresh edit.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def cpu_time() -> float:
    """This process's CPU time plus its finished children's: the build parses on every core."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def settings(work: Path):  # type: ignore[no-untyped-def]
    from generator.site.builder import BuildSettings

    theme = work / "theme"
    return BuildSettings(content_dir=work / "content", out_dir=work / "_site",
                         config_path=work / "site.yaml", base_url=None,
                         template_dirs=(theme,) if theme.is_dir() else (), live_reload=False,
                         cache_dir=work / ".cache")


def pick_article(work: Path) -> Path:
    """The middle article by name: neither first nor last in any listing."""
    files = sorted((work / "content" / "articles").glob("*.md"))
    return files[len(files) // 2]


def edit_article(work: Path, i: int) -> str:
    """Append a word to the article's first body paragraph; returns the new word."""
    path = pick_article(work)
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    head, body = text[:end], text[end:]
    first, sep, rest = body.partition("\n")
    word = f"benchedit{i}"
    path.write_text(f"{head}{first} {word}{sep}{rest}", encoding="utf-8")
    return word


def edit_template(work: Path, i: int) -> str:
    """Change visible text in the overriding copy of one template."""
    theme = work / "theme"
    path = next(iter(sorted(theme.glob("*.html"))))
    text = path.read_text(encoding="utf-8")
    marker = f"<!-- bench edit {i} -->"
    text = re.sub(r"<!-- bench edit \d+ -->", "", text)
    blocks = [m.start() for m in re.finditer(r"\{%-?\s*endblock", text)]
    at = blocks[-1] if blocks else len(text)
    path.write_text(text[:at] + marker + text[at:], encoding="utf-8")
    return marker


def edit_actors(work: Path, i: int) -> str:
    """Rename the first registered person (its name shows on every page that links it)."""
    path = work / "content" / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^  name: (.+?)( Edited\d+)?$", text, flags=re.M)
    assert match, "actors.yaml has no name"
    new = f"  name: {match.group(1)} Edited{i}"
    path.write_text(text[: match.start()] + new + text[match.end():], encoding="utf-8")
    return new


EDITS: dict[str, Callable[[Path, int], str] | None] = {
    "noop": None, "edit-article": edit_article, "edit-template": edit_template, "edit-actors": edit_actors,
}


def run(op: str, work: Path, runs: int) -> dict[str, object]:
    if op == "ingest":
        from generator.ingest.run import ingest_content

        t0, c0 = time.perf_counter(), cpu_time()
        report = ingest_content(work / "content", quiet=True)
        seconds, cpu = time.perf_counter() - t0, cpu_time() - c0
        return {"seconds": [seconds], "cpu": [cpu], "written": len(report.written),
                "errors": len(report.errors), "error_sample": [str(e) for e in report.errors[:3]]}

    from generator.site.builder import build_site

    if op == "build":
        t0, c0 = time.perf_counter(), cpu_time()
        result = build_site(settings(work))
        seconds, cpu = time.perf_counter() - t0, cpu_time() - c0
        return {"seconds": [seconds], "cpu": [cpu], "written": len(result.written), "ok": result.ok,
                "errors": [str(e) for e in result.errors[:3]]}

    edit = EDITS[op]
    t0 = time.perf_counter()
    result = build_site(settings(work))
    warm = time.perf_counter() - t0
    state = result.state
    times: list[float] = []
    cpus: list[float] = []
    written: list[int] = []
    ok = result.ok
    for i in range(runs):
        if edit is not None:
            edit(work, i + 1)
        t0, c0 = time.perf_counter(), cpu_time()
        result = build_site(settings(work), state=state)
        times.append(time.perf_counter() - t0)
        cpus.append(cpu_time() - c0)
        written.append(len(result.written))
        ok = ok and result.ok
        state = result.state
    return {"seconds": times, "cpu": cpus, "written": written, "warm_build": warm, "ok": ok,
            "errors": [str(e) for e in result.errors[:3]]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("op", choices=["ingest", "build", *EDITS])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(run(args.op, args.work, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
