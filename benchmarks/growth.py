#!/usr/bin/env python3
"""Does ingest stay linear in a source's length?  A growth check over crafted and real text.

    python benchmarks/growth.py                          # every shape at 10 KB, 100 KB, 1 MB
    python benchmarks/growth.py --sizes 10K,100K --shapes names,prose --timeout 60
    python benchmarks/growth.py --case names:100000      # one case, in this process (JSON)

Each case is one raw source of about the given size (characters of mostly ASCII text, so
about as many bytes; the source cap is 2 MB) run through the whole ingest of one source as
the runner does it, in its own child process: decode, split, clean, extract (actors, dates,
quotes, events, topics), render the body and write the article's Markdown, with the sample
registries of ``content/``.  A case still running after ``--timeout`` seconds is killed
and reported as "timeout", so a quadratic case cannot hang the check.

The table gives the CPU seconds of each size, the ratio t(1 MB)/t(100 KB) and the growth
exponent log(t(1 MB)/t(100 KB))/log(10): 1 is linear, 2 quadratic.  Small cases are dominated
by fixed costs, so read the exponent over the two largest sizes.

The shapes are crafted to hit rules that look around a match (titles and roles before a
name, lists of names, dates, abbreviations, dashes) plus one long paragraph of generated
prose; ``real`` concatenates articles of ``../shared/corpus`` (read at run time, skipped when
absent) into one long story.  Nothing here is copied from the corpus.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SIZES = {"10K": 10_000, "100K": 100_000, "1M": 1_000_000}
HEADLINE = "Growth check of the ingest pipeline\n\n"

_FIRST = ("Anna", "Lars", "Maria", "Jonas", "Eva", "Peter", "Sofia", "Karl", "Ingrid", "Tomas")
_LAST = ("Berg", "Lund", "Holm", "Dahl", "Strand", "Moen", "Vik", "Eng", "Nyberg", "Falk")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_SYLLABLES = ("al", "ber", "cor", "dan", "el", "fin", "gar", "hol", "is", "jor", "kal", "lum",
              "mor", "nes", "or", "pal", "quin", "ros", "sel", "tam", "ul", "ven", "wil", "zar")
_TITLES = ("Foreign Minister", "President", "Prime Minister", "spokesperson", "chief executive",
           "Senator", "Gov.", "Dr.")
_ORGS = ("the Northern Energy Council", "the Baltic Trade Agency", "Reuters", "the United Nations",
         "the Coastal Research Institute")
_VERBS = ("said", "told reporters", "added", "warned", "announced", "wrote")
_CLAUSES = ("the talks would resume next week", "the budget had been cut again",
            "nobody expected the vote to pass", "the new port opened on time",
            "prices rose faster than wages", "the agreement was a first step")


def _fill(unit: Callable[[int], str], size: int) -> str:
    """HEADLINE then units appended until the text holds ``size`` characters."""
    out = [HEADLINE]
    length = len(HEADLINE)
    i = 0
    while length < size:
        piece = unit(i)
        out.append(piece)
        length += len(piece)
        i += 1
    return "".join(out)[:size]


def names(size: int) -> str:
    """One paragraph of "Anna Berg, Anna Berg, ...": every name in a list of names."""
    return _fill(lambda i: "Anna Berg, ", size)


def capitals(size: int) -> str:
    """One paragraph of capitalised made-up words: every word could start a name."""
    rnd = random.Random(1)

    def word(_: int) -> str:
        return "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(1, 3))).capitalize() + " "
    return _fill(word, size)


def dates(size: int) -> str:
    """One paragraph of date phrases: "on March 3, 2024 on Tuesday last week ..."."""
    def phrase(i: int) -> str:
        month = _MONTHS[i % 12]
        return (f"on {month} {i % 28 + 1}, {2000 + i % 30} ", f"{i % 28 + 1} {month} {1990 + i % 40} ",
                "on Tuesday ", "last week ", f"in {month} ")[i % 5]
    return _fill(phrase, size)


def dots(size: int) -> str:
    """Full stops: a run of "." and of abbreviations with dots ("U.S. Gov. J. R.")."""
    def unit(i: int) -> str:
        return ("." * 50 + " ", "U.S. ", "Gov. ", "J. R. ", "... ", "Mr. ")[i % 6]
    return _fill(unit, size)


def dashes(size: int) -> str:
    """Dashes of every kind, alone and between words."""
    def unit(i: int) -> str:
        return ("-" * 40 + " ", "— ", "Anna—Berg ", " -- ", "– ", "well-known ")[i % 6]
    return _fill(unit, size)


def prose(size: int) -> str:
    """One long paragraph of ordinary generated prose: people with titles, quotes, dates."""
    rnd = random.Random(2)

    def sentence(_: int) -> str:
        person = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"
        title = rnd.choice(_TITLES)
        clause = rnd.choice(_CLAUSES)
        verb = rnd.choice(_VERBS)
        month = rnd.choice(_MONTHS)
        return rnd.choice((
            f"{title} {person} {verb} on {month} {rnd.randint(1, 28)} that {clause}. ",
            f"\u201cWe think {clause},\u201d {person} {verb}. ",
            f"{person}, a {title.lower()} at {rnd.choice(_ORGS)}, {verb} {clause}. ",
            f"On Tuesday, {rnd.choice(_ORGS)} {verb} that {clause}, according to {person}. ",
            f"\"{clause.capitalize()}, and we know it,\" {verb} {person} of {rnd.choice(_ORGS)}. ",
        ))
    return _fill(sentence, size)


def real(size: int) -> str:
    """Real articles of ../shared/corpus, their bodies run together into one long story."""
    files = sorted(CORPUS.glob("fox/*.txt")) + sorted(CORPUS.glob("bbc/*/*.txt"))
    if not files:
        raise FileNotFoundError(f"{CORPUS} is absent")
    out = [HEADLINE]
    length = len(HEADLINE)
    for path in files:
        _, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n\n")
        out.append(body.strip() + "\n\n")
        length += len(out[-1])
        if length >= size:
            break
    return "".join(out)[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "names": names, "capitals": capitals, "dates": dates, "dots": dots, "dashes": dashes,
    "prose": prose, "real": real,
}


def run_case(shape: str, size: int) -> dict[str, object]:
    """Ingest one crafted source in this process; the timings cover the ingest alone."""
    sys.path.insert(0, str(REPO))
    from generator.frontmatter import dump_article
    from generator.ingest.decode import decode_source
    from generator.ingest.pipeline import ingest_part, part_fingerprint
    from generator.ingest.split import split_source
    from generator.knowledge import load_knowledge
    from generator.registry import load_registry

    data = SHAPES[shape](size).encode("utf-8")
    registry, knowledge = load_registry(REPO / "content"), load_knowledge()
    wall, cpu = time.perf_counter(), time.process_time()
    text, _ = decode_source(data, f"sources/{shape}.txt")
    written = 0
    for part in split_source(f"{shape}.txt", text):
        article = ingest_part(part, registry, knowledge)
        written += len(dump_article(article, part_fingerprint(part, "")))
    return {"shape": shape, "size": size, "bytes": len(data), "seconds": time.perf_counter() - wall,
            "cpu": time.process_time() - cpu, "written": written}


def measure(shape: str, size: int, timeout: float) -> dict[str, object]:
    """One case in a child process, killed after ``timeout`` seconds."""
    try:
        done = subprocess.run([sys.executable, __file__, "--case", f"{shape}:{size}"], capture_output=True,
                              text=True, timeout=timeout, cwd=REPO)
    except subprocess.TimeoutExpired:
        return {"shape": shape, "size": size, "timeout": timeout}
    if done.returncode != 0:
        return {"shape": shape, "size": size, "error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _cell(result: dict[str, object]) -> str:
    if "timeout" in result:
        return f"timeout (>{result['timeout']:.0f} s)"
    if "error" in result:
        return "error"
    return f"{result['cpu']:.2f}"


def table(results: dict[str, dict[str, dict[str, object]]], sizes: list[str]) -> str:
    lines = ["| shape | " + " | ".join(f"{s} (CPU s)" for s in sizes) + " | last ratio | exponent |",
             "|---" * (len(sizes) + 3) + "|"]
    for shape, row in results.items():
        cells = [_cell(row[s]) for s in sizes]
        ratio = exponent = "–"
        if len(sizes) >= 2:
            small, big = row[sizes[-2]], row[sizes[-1]]
            if "cpu" in small and "cpu" in big and float(small["cpu"]) > 0:  # type: ignore[arg-type]
                r = float(big["cpu"]) / float(small["cpu"])  # type: ignore[arg-type]
                scale = SIZES[sizes[-1]] / SIZES[sizes[-2]]
                ratio, exponent = f"{r:.1f}x", f"{math.log(r) / math.log(scale):.2f}"
            elif "timeout" in big:
                ratio = exponent = "timeout"
        lines.append(f"| {shape} | " + " | ".join(cells) + f" | {ratio} | {exponent} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10K,100K,1M", help="comma-separated, of " + ", ".join(SIZES))
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated, of " + ", ".join(SHAPES))
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per case (default 300)")
    parser.add_argument("--json", type=Path, help="also write every case's result here")
    parser.add_argument("--case", help="SHAPE:CHARS: run one case in this process and print its JSON")
    args = parser.parse_args(argv)
    if args.case:
        shape, _, size = args.case.partition(":")
        print(json.dumps(run_case(shape, int(size))))
        return 0
    sizes = [s.strip().upper() for s in args.sizes.split(",")]
    shapes = [s.strip() for s in args.shapes.split(",")]
    unknown = [s for s in sizes if s not in SIZES] + [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown size or shape: {', '.join(unknown)}")
    if "real" in shapes and not CORPUS.is_dir():
        print(f"skipping real: {CORPUS} is absent", file=sys.stderr)
        shapes.remove("real")
    results: dict[str, dict[str, dict[str, object]]] = {}
    for shape in shapes:
        results[shape] = {}
        for size in sizes:
            results[shape][size] = measure(shape, SIZES[size], args.timeout)
            print(f"{shape} {size}: {_cell(results[shape][size])}", file=sys.stderr, flush=True)
    print(table(results, sizes))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
