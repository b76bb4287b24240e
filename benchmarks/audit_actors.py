"""Audit the actors on real text: the most frequent actors of 1,000 real articles, empty registries.

    python benchmarks/audit_actors.py                 # 1,000 articles, the 100 most frequent
    python benchmarks/audit_actors.py --articles 300 --top 50

Reads ``../shared/corpus/`` at run time (never copied into the project): an even mix of Fox
articles (their feed date, URL and publisher given as front-matter, as a feed export would) and
BBC articles from all five beats, taken at a fixed stride so reruns read the same files.  Each is
ingested as a user would with empty registries, and the actors are counted as the site lists them
(one page per actor id): by the number of articles naming them, with their type and the roles the
articles give.  A person reading the list judges each entry: a real entity of the right type,
no duplicate of another entry, no outlet.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

from generator.ingest.pipeline import ingest_text  # noqa: E402
from generator.knowledge import load_knowledge  # noqa: E402
from generator.model import Registry  # noqa: E402


def _stride(files: list[Path], n: int) -> list[Path]:
    step = max(1, len(files) // max(1, n))
    return files[::step][:n]


def sample(n: int) -> list[tuple[str, str]]:
    """(name, text) of ``n`` articles: half Fox with front-matter, half BBC across the beats."""
    meta = yaml.safe_load((CORPUS / "fox" / "meta.yaml").read_text(encoding="utf-8")) or {}
    fox = _stride(sorted((CORPUS / "fox").glob("*.txt")), n // 2)
    beats = sorted(p for p in (CORPUS / "bbc").iterdir() if p.is_dir())
    bbc = [f for beat in beats for f in _stride(sorted(beat.glob("*.txt")), (n - len(fox)) // len(beats))]
    out = []
    for path in fox:
        raw = path.read_text(encoding="utf-8")
        info = meta.get(path.name) or {}
        head = "".join(f"{key}: {yaml.safe_dump(info[key]).splitlines()[0]}\n"
                       for key in ("date", "url", "publisher") if info.get(key))
        out.append((f"fox/{path.name}", f"---\n{head}---\n{raw}" if head else raw))
    out += [(f"bbc/{p.parent.name}/{p.name}", p.read_text(encoding="utf-8")) for p in bbc]
    return out


def audit(n: int, top: int) -> str:
    knowledge, registry = load_knowledge(), Registry()
    articles: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    names: dict[str, str] = {}
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for name, text in sample(n):
        seen = set()
        for _, article in ingest_text(name, text, registry, knowledge):
            for m in article.actors:
                if m.id not in seen:
                    seen.add(m.id)
                    articles[m.id] += 1
                kinds.setdefault(m.id, m.type)
                names.setdefault(m.id, m.name)
                roles[m.id].update(m.roles)
    rows = [f"{n} articles, empty registries: the {top} most frequent actors", "",
            "| # | actor | type | articles | most given roles |", "|---|---|---|---|---|"]
    for i, (actor, count) in enumerate(articles.most_common(top), 1):
        given = "; ".join(r for r, _ in roles[actor].most_common(3))
        rows.append(f"| {i} | {names[actor]} | {kinds[actor]} | {count} | {given} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--top", type=int, default=100)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    print(audit(args.articles, args.top))


if __name__ == "__main__":
    main()
