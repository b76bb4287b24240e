#!/usr/bin/env python3
"""Ingest CPU per article on real text, in one process, and what ingest made of it.

    python benchmarks/ingest_cpu.py                       # 1,000 Fox + 500 BBC sources
    python benchmarks/ingest_cpu.py --fox 300 --bbc 100 --digests /tmp/before.txt
    python benchmarks/ingest_cpu.py --compare /tmp/before.txt

Sources come from ``../shared/corpus`` at run time (Fox with its feed date, URL and publisher as
front-matter, BBC sampled across every beat, as ``tests/realcorpus.py`` makes them); nothing of
the corpus is copied here.  Each source runs the pure part of ingest (read, split, clean,
extract, assemble) and the article is rendered to its Markdown, with empty registries as a new
desk has.  The figure is CPU time (``time.process_time``) of this one process, so a loaded
machine inflates it less than wall time; the general knowledge is loaded before the clock
starts, since a run pays it once.

``--digests`` writes one line per article (source, part, SHA-256 of its Markdown), and
``--compare`` names the articles whose Markdown differs from such a file: a refactoring of the
extractors must leave every line the same.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import realcorpus  # noqa: E402

from generator.frontmatter import dump_article  # noqa: E402
from generator.ingest.pipeline import ingest_part  # noqa: E402
from generator.ingest.readers import read_source  # noqa: E402
from generator.knowledge import load_knowledge  # noqa: E402
from generator.model import Registry  # noqa: E402


def sources(fox: int, bbc: int, scratch: Path) -> list[tuple[str, bytes]]:
    content = realcorpus.make_content(scratch, fox, bbc)
    return [(p.name, p.read_bytes()) for p in sorted((content / "sources").iterdir())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fox", type=int, default=1000)
    parser.add_argument("--bbc", type=int, default=500)
    parser.add_argument("--digests", type=Path, help="write one digest line per article here")
    parser.add_argument("--compare", type=Path, help="name the articles that differ from this digest file")
    args = parser.parse_args(argv)
    if not realcorpus.available():
        print("no corpus at ../shared/corpus: nothing to measure", file=sys.stderr)
        return 2
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        texts = sources(args.fox, args.bbc, Path(tmp))
    registry, knowledge = Registry(), load_knowledge()
    for part in read_source("warm-up.txt", b"Warm up\n\nNothing here.\n", "warm-up.txt").parts:
        ingest_part(part, registry, knowledge)
    lines: list[str] = []
    costs: list[float] = []
    started = time.process_time()
    for name, text in texts:
        before = time.process_time()
        parts = read_source(name, text, name).parts
        made = [(part, ingest_part(part, registry, knowledge)) for part in parts]
        rendered = [(part.part, dump_article(article, "")) for part, article in made]
        costs.append((time.process_time() - before) / max(1, len(made)))
        lines.extend(f"{name}\t{n}\t{hashlib.sha256(md.encode()).hexdigest()}" for n, md in rendered)
    total = time.process_time() - started
    print(f"{len(texts)} sources, {len(lines)} articles ({args.fox} Fox + {args.bbc} BBC asked)")
    print(f"ingest CPU: {total:.2f} s in all, {1000 * total / max(1, len(lines)):.1f} ms an article "
          f"(median per source {1000 * statistics.median(costs):.1f} ms, "
          f"slowest {1000 * max(costs):.0f} ms)")
    if args.digests:
        args.digests.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.compare:
        before_lines = set(args.compare.read_text(encoding="utf-8").splitlines())
        differ = [line.rsplit("\t", 1)[0] for line in lines if line not in before_lines]
        print(f"{len(differ)} of {len(lines)} articles differ from {args.compare}")
        for line in differ[:20]:
            print("  " + line.replace("\t", " part "))
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
