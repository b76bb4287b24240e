"""Score the extraction on real articles against a gold reading made by people.

The gold (``tests/fixtures/realgold/*.yaml``) names files of the shared real-news corpus
(``../shared/corpus/``, outside the repository) and copies none of their text: quotations
are identified by their position (the block where they open and which opening quotation
mark of that block they are), people and bodies by name.  Every file was read twice, by two
readers working apart; ``tests/fixtures/realgold/README.md`` says how they were reconciled.

Run ``python tests/realgold.py`` for the table (``-v`` adds what each article missed).  The
articles are ingested twice, as a user would get them: as plain text (which publication
dates the text alone gives) and, for the Fox articles, with the feed's date, URL and
publisher as front-matter (what the extraction finds when the date is known).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "realgold"
CORPUS = ROOT.parent / "shared" / "corpus"

if __package__ in (None, ""):  # run as a script: import the project from the checkout
    sys.path.insert(0, str(ROOT))

from generator.ingest.pipeline import ingest_text  # noqa: E402
from generator.knowledge import load_knowledge  # noqa: E402
from generator.model import Article, Registry  # noqa: E402
from tests.test_realworld import alternatives, norm  # noqa: E402

#: An opening double quotation mark: curly, or straight at the start of a block or after a space
#: or an opening bracket or dash.
_OPENING = re.compile(r"“|(?:(?<=^)|(?<=[\s(\[—–-]))\"")
_BLOCKS = re.compile(r"\n[ \t]*\n+")
_WORDS = re.compile(r"\w+")
_MARK_BEFORE = re.compile(r"[“\"«‘']\s*$")


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.yaml"))


def available() -> bool:
    return CORPUS.is_dir() and bool(gold_files())


@cache
def _fox_meta() -> dict[str, dict[str, str]]:
    return yaml.safe_load((CORPUS / "fox" / "meta.yaml").read_text(encoding="utf-8")) or {}


def blocks(raw: str) -> list[str]:
    """Block 0 is the headline; 1.. are the paragraphs, as the readers counted them."""
    return [b.strip() for b in _BLOCKS.split(raw.replace("\r\n", "\n").strip())]


def _with_meta(name: str, raw: str) -> str | None:
    meta = _fox_meta().get(Path(name).name) if name.startswith("fox/") else None
    if not meta:
        return None
    head = "".join(f"{key}: {yaml.safe_dump(meta[key]).splitlines()[0]}\n"
                   for key in ("date", "url", "publisher") if meta.get(key))
    return f"---\n{head}---\n{raw}"


@dataclass
class Tally:
    found: int = 0
    expected: int = 0
    correct: int = 0

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.expected += other.expected
        self.correct += other.correct

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore:
    file: str
    persons: Tally = field(default_factory=Tally)
    organizations: Tally = field(default_factory=Tally)
    countries: Tally = field(default_factory=Tally)
    #: found = gold speech quotations the extraction found; correct = found with the right speaker.
    quotes: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)
    outlets_as_actors: list[str] = field(default_factory=list)
    invented_date: str | None = None
    problems: list[str] = field(default_factory=list)


def _names(entries: list[str] | None) -> list[set[str]]:
    return [alternatives(e) for e in entries or ()]


def _score_names(found: list[str], wanted: list[set[str]], score: Tally, problems: list[str],
                 kind: str, also: set[str]) -> None:
    """One reader's names (``also``) are neither right nor wrong; two names for one actor are wrong."""
    hits = [False] * len(wanted)
    for name in dict.fromkeys(found):
        index = next((i for i, w in enumerate(wanted) if norm(name) in w), None)
        if index is None and norm(name) in also:
            continue
        score.found += 1
        if index is None:
            problems.append(f"extra {kind}: {name}")
        elif hits[index]:
            problems.append(f"duplicate {kind}: {name}")
        else:
            hits[index] = True
            score.correct += 1
    score.expected += len(wanted)
    problems.extend(f"missing {kind}: {'|'.join(sorted(w))}" for w, h in zip(wanted, hits, strict=True)
                    if not h)


def _locate(paragraphs: list[str], text: str) -> tuple[int, int] | None:
    """(block, ordinal of the quotation mark that opens it) of an extracted quotation."""
    # Words without their punctuation: an inner ‘quote’ is typed straight in the extraction.
    words = _WORDS.findall(norm(text))[:8]
    if not words:
        return None
    pattern = re.compile(r"\W+".join(re.escape(w) for w in words[:6]), re.IGNORECASE)
    # Where a quotation mark opens right before the words, first: a short quote's words may
    # also stand, unquoted, earlier in the text.
    loose: tuple[int, int] | None = None
    for number, block in enumerate(paragraphs):
        flat = norm(block)
        for match in pattern.finditer(flat):
            # Offsets in the normalised block differ from the raw one, its words do not: the raw
            # prefix is the block up to as many words.
            raw_words = list(_WORDS.finditer(block))
            count = len(_WORDS.findall(flat[: match.start()]))
            raw_prefix = block[: raw_words[count].start()] if count < len(raw_words) else block
            where = number, max(1, len(_OPENING.findall(raw_prefix)))
            if _MARK_BEFORE.search(raw_prefix):
                return where
            loose = loose or where
    return loose


def _speaker_ok(gold_speaker: str | None, article_names: dict[str, str], got: Any, gold: dict[str, Any]
                ) -> bool:
    if gold_speaker is None:
        return got.speaker is None
    if got.speaker is None:
        return False
    wanted = alternatives(gold_speaker)
    for entry in (gold.get("persons") or []) + (gold.get("organizations") or []):
        if wanted & alternatives(entry):
            wanted |= alternatives(entry)
    name = article_names.get(got.speaker, got.speaker_name)
    return norm(name) in wanted


def score_article(gold: dict[str, Any], registry: Registry) -> ArticleScore:
    name = gold["file"]
    raw = (CORPUS / name).read_text(encoding="utf-8")
    knowledge = load_knowledge()
    result = ArticleScore(name)
    given = _with_meta(name, raw)
    articles = [a for _, a in ingest_text(name, given or raw, registry, knowledge)]
    names = {m.id: m.name for a in articles for m in a.actors}

    mentions = [m for a in articles for m in a.actors]
    also = {n for entry in gold.get("also") or () for n in alternatives(entry)}
    _score_names([m.name for m in mentions if m.type == "person"], _names(gold.get("persons")),
                 result.persons, result.problems, "person", also)
    _score_names([m.name for m in mentions if m.type == "organization"], _names(gold.get("organizations")),
                 result.organizations, result.problems, "organization", also)
    found_countries = {m.id for m in mentions if m.type == "country"} - set(gold.get("also_countries") or ())
    wanted_countries = set(gold.get("countries") or ())
    result.countries = Tally(len(found_countries), len(wanted_countries),
                             len(found_countries & wanted_countries))
    result.problems += [f"extra country: {c}" for c in sorted(found_countries - wanted_countries)]
    result.problems += [f"missing country: {c}" for c in sorted(wanted_countries - found_countries)]
    forbidden = {norm(n) for n in gold.get("not_actors") or ()}
    result.outlets_as_actors = sorted({m.name for m in mentions if norm(m.name) in forbidden})

    _score_quotes(gold, blocks(raw), articles, names, result)
    if given is not None:
        _score_events(gold, articles, result)
    _score_date(gold, name, raw, registry, result)
    return result


def _score_quotes(gold: dict[str, Any], paragraphs: list[str], articles: list[Article],
                  names: dict[str, str], result: ArticleScore) -> None:
    speech = {(q["paragraph"], q["ordinal"]): q for q in gold.get("quotes") or ()
              if (q.get("kind") or "speech") == "speech"}
    result.quotes.expected = len(speech)
    matched: set[tuple[int, int]] = set()
    located: list[tuple[tuple[int, int], Any]] = []
    placed = [(where, quote) for quote in (q for a in articles for q in a.quotes)
              if (where := _locate(paragraphs, quote.text)) is not None]
    # Exact positions first, so that a title or scare quote next to a speech quotation cannot
    # take its place as the nearest ordinal.
    for exact in (True, False):
        for where, quote in placed:
            if (where in speech) is not exact or (exact and where in matched) or any(
                    q is quote for _, q in located):
                continue
            key = where if exact else next(
                (k for k in sorted(speech, key=lambda k: abs(k[1] - where[1]))
                 if k[0] == where[0] and k not in matched and abs(k[1] - where[1]) <= 1), None)
            if key is None:
                continue
            matched.add(key)
            _score_quote(result, key, speech[key], names, quote, gold)
            located.append((where, quote))
    # A quotation running on into the next block is one extracted quote: the gold quotation that
    # opens the next block is found when its words are inside that quote.
    for key in sorted(set(speech) - matched):
        opening = _opening_words(paragraphs[key[0]], key[1]) if key[0] < len(paragraphs) else ""
        holder = next((q for where, q in located if where[0] < key[0] and opening
                       and opening in " ".join(_WORDS.findall(norm(q.text)))), None)
        if holder is not None:
            matched.add(key)
            _score_quote(result, key, speech[key], names, holder, gold)
    result.problems += [f"quote {k} not found" for k in sorted(set(speech) - matched)]


def _opening_words(block: str, ordinal: int) -> str:
    """The first six words after the *ordinal*-th opening quotation mark of a block."""
    marks = list(_OPENING.finditer(block))
    if ordinal > len(marks):
        return ""
    return " ".join(_WORDS.findall(norm(block[marks[ordinal - 1].end():]))[:6])


def _score_quote(result: ArticleScore, key: tuple[int, int], wanted: dict[str, Any],
                 names: dict[str, str], quote: Any, gold: dict[str, Any]) -> None:
    result.quotes.found += 1
    if _speaker_ok(wanted.get("speaker"), names, quote, gold):
        result.quotes.correct += 1
    else:
        result.problems.append(f"quote {key}: speaker {quote.speaker or quote.speaker_name!r}, "
                               f"gold {wanted.get('speaker')!r}")


def _score_events(gold: dict[str, Any], articles: list[Article], result: ArticleScore) -> None:
    wanted = Counter(str(e["date"]) for e in gold.get("events") or ())
    got = Counter(e.date for a in articles for e in a.events)
    result.events = Tally(sum(got.values()), sum(wanted.values()), sum((wanted & got).values()))
    result.problems += [f"event not found: {d}" for d in sorted((wanted - got).elements())]


def _score_date(gold: dict[str, Any], name: str, raw: str, registry: Registry, result: ArticleScore) -> None:
    """A date is invented when the text cannot settle it and the one given is not the real one."""
    settled = gold.get("publication_date") or {}
    if settled.get("settled_by_text"):
        return
    articles = [a for _, a in ingest_text(name, raw, registry, load_knowledge())]
    dated = [a.date for a in articles if a.date.date]
    if not dated:
        return
    real = (_fox_meta().get(Path(name).name) or {}).get("date") if name.startswith("fox/") else None
    for info in dated:
        if real is None or abs((date.fromisoformat(info.date) - date.fromisoformat(str(real))).days) > 1:
            result.invented_date = f"{info.date} ({info.confidence}: {info.basis})"
            return


def score_all(registry: Registry | None = None) -> list[ArticleScore]:
    registry = registry or Registry()
    return [score_article(yaml.safe_load(p.read_text(encoding="utf-8")), registry) for p in gold_files()]


def totals(scores: list[ArticleScore]) -> dict[str, Tally]:
    out = {k: Tally() for k in ("persons", "organizations", "countries", "quotes", "events")}
    for s in scores:
        for key, tally in out.items():
            tally.add(getattr(s, key))
    return out


def table(scores: list[ArticleScore]) -> str:
    t = totals(scores)
    quotes = t["quotes"]
    undated = sum(1 for p in gold_files()
                  if not (yaml.safe_load(p.read_text(encoding="utf-8")).get("publication_date") or {})
                  .get("settled_by_text"))
    invented = sum(1 for s in scores if s.invented_date)
    outlets = sum(len(s.outlets_as_actors) for s in scores)
    rows = [
        f"Real gold: {len(scores)} articles ({sum(s.file.startswith('fox/') for s in scores)} Fox, "
        f"{sum(s.file.startswith('bbc/') for s in scores)} BBC), empty registry",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| quotes attributed to the right speaker | {quotes.precision:.0%} of {quotes.found} found"
        " | ≥ 90% |",
        f"| persons F1 (P/R) | {t['persons'].f1:.2f} ({t['persons'].precision:.2f}/{t['persons'].recall:.2f})"
        " | ≥ 0.93 |",
        f"| organizations F1 (P/R) | {t['organizations'].f1:.2f} ({t['organizations'].precision:.2f}/"
        f"{t['organizations'].recall:.2f}) | ≥ 0.85 |",
        f"| countries F1 (P/R) | {t['countries'].f1:.2f} ({t['countries'].precision:.2f}/"
        f"{t['countries'].recall:.2f}) | ≥ 0.98 |",
        f"| quotes found | {quotes.found / quotes.expected if quotes.expected else 1:.0%} of "
        f"{quotes.expected} | ≥ 95% |",
        f"| events found (publication date given) | {t['events'].recall:.0%} of {t['events'].expected} "
        f"(precision {t['events'].precision:.0%}) | ≥ 90% |",
        f"| publication dates invented where the text cannot settle them | {invented} of {undated} | none |",
        f"| names the gold lists as not actors, found as actors | {outlets} | none |",
    ]
    return "\n".join(rows)


def details(scores: list[ArticleScore]) -> str:
    out = []
    for s in scores:
        extra = s.persons.found - s.persons.correct
        out.append(f"{s.file}: persons {s.persons.correct}/{s.persons.expected}+{extra}, "
                   f"quotes {s.quotes.correct}/{s.quotes.found}/{s.quotes.expected}")
        out += [f"  {p}" for p in s.problems]
        if s.outlets_as_actors:
            out.append(f"  not actors found: {s.outlets_as_actors}")
        if s.invented_date:
            out.append(f"  invented date: {s.invented_date}")
    return "\n".join(out)


if __name__ == "__main__":
    if not available():
        sys.exit(f"no gold or no corpus: {GOLD}, {CORPUS}")
    scores = score_all()
    print(table(scores))
    if "-v" in sys.argv:
        print(details(scores))
