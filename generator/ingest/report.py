"""The ingest report: what a person should look at, across the corpus first, then per article.

    articles (+ registry, knowledge) --review_of--> Review --render_report--> Markdown
                                                           --render_summary--> a terminal screen
                                                           --serve's /_review/ page

A thousand articles name the same few people: the review ranks discovered actors by the
number of articles naming them, proposes merges (name variants, a surname alone) and
rejections (outlets, places taken for people), and groups the dates to check by reason.
Per article it then says only what the summary does not.  Pure functions.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.curation import name_key
from generator.errors import GeneratorError

if TYPE_CHECKING:
    from generator.knowledge import Knowledge
    from generator.model import Article, Registry, Topic

#: Discovered actors listed in the Markdown report and on the terminal.
REPORT_ACTORS, SCREEN_ACTORS = 100, 10
#: Merges and rejections proposed in the Markdown report and on the terminal.
REPORT_PROPOSALS, SCREEN_PROPOSALS = 100, 5
#: Articles named as examples of a group of dates.
EXAMPLES = 5
#: Names of files listed on the terminal before "and N more" (errors are always all shown).
SCREEN_FILES = 10


def located(error: GeneratorError, content: Path) -> GeneratorError:
    """*error* naming its file as seen from where the command runs (``content/articles/x.md``).

    Ingest names files relative to the content folder, as the Markdown report inside it
    should; a terminal needs a path that opens.  A name that is no file under *content*
    is left as it is rather than turned into a path that does not exist.
    """
    if error.path is None or Path(error.path).is_absolute() or not (content / error.path).exists():
        return error
    return type(error)(error.message, content / error.path, error.line, error.hint)


def shown(text: object) -> str:
    """*text* safe for a terminal: control and format characters (an escape sequence that would
    recolour the screen or move the cursor, a bidi override) are printed as ``\\x1b``-style codes."""
    return "".join(ch if ch == " " or not unicodedata.category(ch).startswith(("C", "Zl", "Zp"))
                   else ch.encode("unicode_escape").decode("ascii") for ch in str(text))


# --- the review: one value for the report, the terminal and the preview page ------------------


@dataclass(frozen=True)
class Found:
    """A discovered actor across the corpus."""

    id: str
    name: str
    type: str
    #: Articles naming it, and the first of them with the paragraph of its first mention.
    articles: int
    slug: str
    paragraph: int


@dataclass(frozen=True)
class Proposal:
    """Names that look like one actor (a merge) or like no actor (a rejection)."""

    names: tuple[Found, ...]
    reason: str
    #: The YAML a person would add to actors.yaml.
    yaml: str


@dataclass(frozen=True)
class DateGroup:
    reason: str
    slugs: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    articles: int
    #: Discovered actors, most articles first.
    discovered: tuple[Found, ...]
    merges: tuple[Proposal, ...]
    junk: tuple[Proposal, ...]
    dates: tuple[DateGroup, ...]
    #: (slug, what else to look at) for every article with something of its own.
    notes: tuple[tuple[str, tuple[str, ...]], ...]
    drafts: tuple[str, ...] = ()

    @property
    def needing(self) -> int:
        return len({s for g in self.dates for s in g.slugs} | {s for s, _ in self.notes})


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did, as run.py puts it together.

    Defined here, beside what reads it, so that the runner and its report do not import each other.
    """

    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    #: Articles kept because a person edited them while their source changed.
    conflicts: tuple[str, ...] = ()
    #: Articles whose source file or part is gone; kept in place.
    orphaned: tuple[str, ...] = ()
    #: Articles a person deleted while their source is still there: not written again.
    removed: tuple[str, ...] = ()
    #: Of ``removed``, those whose source's text changed since they were last written.
    removed_changed: tuple[str, ...] = ()
    backups: tuple[str, ...] = ()
    errors: tuple[GeneratorError, ...] = ()
    #: Stories skipped because another source has them too (same URL): "sources/b.rss entry 2: ...".
    duplicates: tuple[str, ...] = ()
    #: Every article now in the folder (stem -> article), for the per-article review list.
    articles: tuple[Article, ...] = ()
    #: The corpus-wide review of ``articles`` with the registry applied (report.review_of).
    review: Review | None = None
    #: Topics the corpus suggests (suggest.py), written to ``topics.suggested.yaml``.
    suggested: tuple[Topic, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def _discovered(articles: Sequence[Article]) -> tuple[Found, ...]:
    count: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    names: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for article in sorted(articles, key=lambda a: a.slug):
        for m in article.actors:
            if not m.discovered:
                continue
            count[m.id] += 1
            names[m.id][(m.name, m.type)] += 1
            first.setdefault(m.id, (article.slug, m.first_paragraph))
    out = []
    for actor_id, n in count.items():
        (name, kind), _ = min(names[actor_id].items(), key=lambda kv: (-kv[1], kv[0]))
        out.append(Found(actor_id, name, kind, n, *first[actor_id]))
    return tuple(sorted(out, key=lambda f: (-f.articles, f.name.casefold(), f.id)))


#: Words that carry no identity in an organization's name: "Department of Justice" is the
#: "Justice Department".
_FILLER = frozenset({"of", "the", "for", "and", "on", "u.s.", "us", "&"})
#: The last word of an outlet's name (a newsroom credited by name, not an actor of the story).
_OUTLET_HEADS = frozenset({"news", "digital", "times", "post", "journal", "tribune", "herald", "gazette",
                           "network", "tv", "radio", "press", "magazine", "daily", "newspaper", "poll"})
#: Broadcasters known by their letters, alone or heading a name ("CBS News", "BBC Studios").
_BROADCASTERS = frozenset({"cnn", "msnbc", "nbc", "cbs", "abc", "bbc", "npr", "pbs", "fox"})


def _words(name: str) -> list[str]:
    return [w.strip(".,'’") or w for w in name_key(name).split()]


def _merge_yaml(variants: Iterable[Found], target: Found) -> str:
    return "merge:\n" + "".join(f"  {_yaml_str(v.name)}: {target.id}\n" for v in variants)


def _yaml_str(text: str) -> str:
    import yaml

    dumped = yaml.safe_dump(text, default_style=None, allow_unicode=True, width=1000)
    return dumped.removesuffix("\n...\n").strip()


def _merges(found: Sequence[Found], registry: Registry | None) -> list[Proposal]:
    confirmed = [Found(a.id, a.name, a.type, 0, "", 0) for a in (registry.actors if registry else ())]
    out: list[Proposal] = []
    taken: set[str] = set()

    def propose(group: list[Found], reason: str, target: Found | None = None) -> None:
        # The registry's actor, else the name most articles use, is the one to keep.
        target = target or min(group, key=lambda f: (f.articles != 0, -f.articles, len(f.name), f.name))
        variants = [f for f in group if f is not target and f.id not in taken]
        if variants:
            taken.update(f.id for f in variants)
            out.append(Proposal((target, *variants), reason, _merge_yaml(variants, target)))

    # Same words, another order or with "of"/"the": "Justice Department", "Department of Justice".
    bags: dict[tuple[str, frozenset[str]], list[Found]] = defaultdict(list)
    for f in (*confirmed, *found):
        words = frozenset(w for w in _words(f.name) if w not in _FILLER)
        if words and f.type != "country":
            bags[(f.type, words)].append(f)
    # A middle name or initial more or less: "Donald J. Trump", "Donald Trump".
    ends: dict[tuple[str, str], list[Found]] = defaultdict(list)
    for f in (*confirmed, *found):
        words = _words(f.name)
        if f.type == "person" and len(words) >= 2:
            ends[(words[0], words[-1])].append(f)
    for groups, reason in ((bags, "the same words"), (ends, "the same first and last name")):
        for group in groups.values():
            if len({f.id for f in group}) > 1:
                propose(list({f.id: f for f in group}.values()), reason)
    # A surname alone that is one full name's (and only one's) last word.
    by_surname: dict[str, list[Found]] = defaultdict(list)
    for f in (*confirmed, *found):
        words = _words(f.name)
        if f.type == "person" and len(words) >= 2 and f.id not in taken:
            by_surname[words[-1]].append(f)
    for f in found:
        words = _words(f.name)
        if len(words) == 1 and f.type == "person" and f.id not in taken:
            owners = list({o.id: o for o in by_surname.get(words[0], ())}.values())
            if len(owners) == 1:
                propose([owners[0], f], "a surname alone", owners[0])
            elif owners:
                listed = ", ".join(o.name for o in owners[:3])
                out.append(Proposal((f, *owners[:3]), f"a surname alone; which of {listed}?",
                                    _merge_yaml([f], owners[0])))
    return sorted(out, key=lambda p: (-sum(f.articles for f in p.names), p.names[0].name))


def _junk(found: Sequence[Found], knowledge: Knowledge | None) -> list[Proposal]:
    agencies = {name_key(n) for n in (knowledge.agency_names if knowledge else ())}
    places = set(knowledge.places if knowledge else ())
    if knowledge:
        for country in knowledge.countries:
            places.update(name_key(n) for n in (*country.names, *country.capitals))
    out = []
    for f in found:
        key = name_key(f.name)
        words = _words(f.name)
        half = len(f.name) // 2
        kind = f"{'an' if f.type[0] in 'aeiou' else 'a'} {f.type}"
        if key in agencies or words[-1] in _OUTLET_HEADS or words[0] in _BROADCASTERS or "news" in words:
            reason = f"an outlet, taken for {kind}"
        elif key in places and f.type != "country":
            reason = f"a place taken for {kind}"
        elif len(f.name) > 3 and f.name[:half] == f.name[half:]:
            reason = "the same name twice, run together"
        else:
            continue
        out.append(Proposal((f,), reason, f"not_actors: [{_yaml_str(f.name)}]\n"))
    return out


def _dates(articles: Sequence[Article]) -> tuple[DateGroup, ...]:
    groups: dict[str, list[str]] = {
        "no date: the text does not settle it; add `date:` by hand": [],
        "low confidence": [],
        "medium confidence": [],
        "contradictory dates in the text": [],
    }
    keys = list(groups)
    for a in articles:
        if a.date.date is None:
            groups[keys[0]].append(a.slug)
        elif a.date.confidence == "low":
            groups[keys[1]].append(a.slug)
        elif a.date.confidence == "medium":
            groups[keys[2]].append(a.slug)
        if any(w.kind == "date" for w in a.warnings):
            groups[keys[3]].append(a.slug)
    return tuple(DateGroup(reason, tuple(slugs)) for reason, slugs in groups.items() if slugs)


def _date_note(article: Article) -> str | None:
    d = article.date
    if d.date is None:
        return "date: none"
    if d.confidence in ("low", "medium"):
        return f"date: {d.date} ({d.confidence}{'; ' + d.basis if d.basis else ''})"
    return None


def _notes(article: Article) -> tuple[str, ...]:
    """What the summary does not say about this article: the discovered actors are there."""
    items = [n for n in (_date_note(article),) if n]
    # The date has its own line above, and discovered actors are in the summary.
    items += [note.text for note in article.review if note.kind not in ("date", "discovered")]
    items += [f"warning: {w.text}" for w in article.warnings]
    return tuple(dict.fromkeys(items))


def _read_as(article: Article) -> tuple[str, ...]:
    if article.source_format == "text":
        return ()
    return (f"read as {article.source_format}: sources/{article.source_file}"
            + (f" entry {article.source_part}" if article.source_format == "feed" else ""),)


def review_of(articles: Iterable[Article], registry: Registry | None = None,
              knowledge: Knowledge | None = None) -> Review:
    """The corpus-wide review of *articles* (with the registry's decisions already applied)."""
    articles = sorted(articles, key=lambda a: a.slug)
    found = _discovered(articles)
    notes = []
    for a in articles:
        items = _notes(a)
        # An article whose only news is a confident date and a feed name needs nobody.
        if items or a.date.confidence != "high":
            notes.append((a.slug, tuple(dict.fromkeys(items + _read_as(a)))))
    return Review(
        articles=len(articles), discovered=found, merges=tuple(_merges(found, registry)),
        junk=tuple(_junk(found, knowledge)), dates=_dates(articles), notes=tuple(notes),
        drafts=tuple(a.slug for a in articles if getattr(a, "draft", False)),
    )


# --- Markdown -------------------------------------------------------------------------------------


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _examples(slugs: Sequence[str], limit: int = EXAMPLES) -> str:
    shown_ = ", ".join(f"`{s}`" for s in slugs[:limit])
    return shown_ + (f" and {len(slugs) - limit:,} more" if len(slugs) > limit else "")


def _found_line(f: Found) -> str:
    where = f"paragraph {f.paragraph}" if f.paragraph else "the title"
    return f"{f.name} ({f.type}, `{f.id}`): {_n(f.articles, 'article')}; e.g. `{f.slug}` {where}"


def _proposal_lines(p: Proposal) -> list[str]:
    names = " = ".join(f"{f.name} ({_n(f.articles, 'article')})" if f.articles else f"{f.name} (registry)"
                       for f in p.names)
    return [f"- {names}: {p.reason}"]


_CHANGED = " (its source changed since you removed it: `--restore` takes the new version)"


def render_report(report: IngestReport, review: Review | None = None,
                  suggested: Sequence[Topic] = ()) -> str:
    review = review or report.review or review_of(report.articles)
    suggested = suggested or report.suggested
    lines = ["# Ingest report", ""]
    # The report describes the folder, not the run, so an ingest that changes nothing leaves it as it was.
    removed = report.removed
    lines.append(
        f"{len(report.articles)} articles; {len(report.conflicts)} conflicts, "
        f"{len(report.orphaned)} orphaned, "
        + (f"{len(removed)} removed by you, " if removed else "")
        + f"{len(report.errors)} errors."
    )
    lines.append("")
    formats = [a.source_format for a in report.articles]
    if any(f != "text" for f in formats):
        # Said only when a page or a feed is among the sources: a text-only report stays as it was.
        counts = ", ".join(f"{formats.count(f)} {f}" for f in ("html", "feed", "text") if f in formats)
        lines += [f"Read by format (`source.format`): {counts}.", ""]
    changed = set(report.removed_changed)
    sections = [
        ("Errors (these inputs were skipped)", [str(e) for e in report.errors]),
        ("Conflicts: you edited these articles and their sources changed; your edit was kept "
         "(run `python build.py ingest --take-new` to take the new version)",
         [f"articles/{s}.md" for s in report.conflicts]),
        ("Orphaned: the source is gone; the article was kept", [f"articles/{s}.md" for s in report.orphaned]),
        ("Removed by you: deleted while their source is still there, so not written again "
         "(`python build.py ingest --restore NAME` brings one back; `ingest-state.yaml` lists them)",
         [f"articles/{s}.md" + (_CHANGED if s in changed else "") for s in removed]),
        ("Backups of edits replaced by --take-new", [f"articles/{s}" for s in report.backups]),
        ("Duplicates: stories another source has too (same URL); one article was kept",
         list(report.duplicates)),
    ]
    for heading, items in sections:
        if items:
            lines += [f"## {heading}", ""] + [f"- {item}" for item in items] + [""]
    lines += _summary_markdown(review, suggested)
    lines += ["## Articles needing review", ""]
    if not review.notes:
        lines += ["Nothing to review.", ""]
    for slug, items in review.notes:
        lines.append(f"- `{slug}`: " + "; ".join(items))
    return "\n".join(lines).rstrip() + "\n"


def _summary_markdown(review: Review, suggested: Sequence[Topic]) -> list[str]:
    lines: list[str] = []
    found = review.discovered
    if found:
        several = sum(1 for f in found if f.articles > 1)
        lines += ["## Discovered actors", "",
                  f"{_n(len(found), 'name')} no registry knows, {several:,} of them in more than one "
                  "article. "
                  "Confirm each (add it to `actors.yaml`), merge it (`merge:`) or reject it (`not_actors:`); "
                  "most articles first:", ""]
        lines += [f"{i}. {_found_line(f)}" for i, f in enumerate(found[:REPORT_ACTORS], 1)]
        if len(found) > REPORT_ACTORS:
            lines.append(f"\n{len(found) - REPORT_ACTORS:,} more, each in fewer articles: "
                         "the preview's review page (`python build.py serve`, then /_review/) lists "
                         "them all.")
        lines.append("")
    for title, proposals, intro in (
        ("Likely the same actor: merge", review.merges, "add to `actors.yaml`, the first name is kept"),
        ("Likely not actors", review.junk, "add to `not_actors:` in `actors.yaml`"),
    ):
        if not proposals:
            continue
        lines += [f"## {title}", "", f"{_n(len(proposals), 'proposal')} ({intro}):", ""]
        for p in proposals[:REPORT_PROPOSALS]:
            lines += _proposal_lines(p)
        if len(proposals) > REPORT_PROPOSALS:
            lines.append(f"- and {len(proposals) - REPORT_PROPOSALS:,} more on the preview's review page")
        block = [p.yaml for p in proposals[:REPORT_PROPOSALS]]
        yaml_text = _combine_yaml(block)
        lines += ["", "```yaml", yaml_text.rstrip(), "```", ""]
    if review.dates:
        lines += ["## Dates to check", ""]
        lines += [f"- {g.reason}: {_n(len(g.slugs), 'article')}, e.g. {_examples(g.slugs)}"
                  for g in review.dates]
        lines.append("")
    if suggested:
        lines += ["## Suggested topics", "",
                  f"{_n(len(suggested), 'topic')} found in the corpus, in `topics.suggested.yaml`: copy the "
                  "ones you want into `topics.yaml` (the site shows them, marked as suggested, until "
                  "`topics.yaml` has topics of its own).", ""]
        lines += [f"- {t.title} (`{t.id}`): {t.description}" for t in suggested]
        lines.append("")
    if review.drafts:
        lines += ["## Drafts (`draft: true`: in the preview, not in the published site)", "",
                  _examples(review.drafts, 20), ""]
    return lines


def _combine_yaml(blocks: Sequence[str]) -> str:
    """The proposals' YAML as one snippet: one ``merge:`` mapping, one ``not_actors`` list."""
    merges = [line for b in blocks if b.startswith("merge:") for line in b.splitlines()[1:]]
    rejected = [b.split("[", 1)[1].rstrip().removesuffix("]") for b in blocks if b.startswith("not_actors:")]
    out = ""
    if merges:
        out += "merge:\n" + "\n".join(dict.fromkeys(merges)) + "\n"
    if rejected:
        out += "not_actors:\n" + "".join(f"  - {r}\n" for r in dict.fromkeys(rejected))
    return out


# --- the terminal -----------------------------------------------------------------------------


def _listed(label: str, names: Sequence[str], folder: str) -> list[str]:
    out = [f"  {label}: {shown(folder)}{shown(s)}" for s in names[:SCREEN_FILES]]
    if len(names) > SCREEN_FILES:
        out.append(f"  {label}: and {len(names) - SCREEN_FILES:,} more in the report")
    return out


def render_summary(report: IngestReport, content: Path | None = None, review: Review | None = None,
                   suggested: Sequence[Topic] = ()) -> str:
    """One screen for the terminal; the Markdown report and the preview's /_review/ page say more.

    With *content*, files are named by their path from the current folder.
    """
    review = review or report.review or review_of(report.articles)
    suggested = suggested or report.suggested
    out = [
        f"ingest: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.conflicts)} conflicts, {len(report.orphaned)} orphaned, "
        + (f"{len(report.removed)} removed by you, " if report.removed else "")
        + f"{len(report.errors)} errors"
    ]
    out += [f"  error: {shown(located(e, content) if content else e)}" for e in report.errors]
    articles = f"{content / 'articles'}/" if content else "articles/"
    out += _listed("conflict (your edit kept)", [f"{s}.md" for s in report.conflicts], articles)
    out += _listed("orphaned (source gone, kept)", [f"{s}.md" for s in report.orphaned], articles)
    out += _listed("removed by you (not written again)",
                   [f"{s}.md" + (" (its source changed since)" if s in report.removed_changed else "")
                    for s in report.removed], articles)
    out += _listed("backup of your edit", list(report.backups), articles)
    if review.needing:
        out.append(f"  {_n(review.needing, 'article')} of {review.articles:,} need review: "
                   "see the ingest report")
    if review.discovered:
        several = sum(1 for f in review.discovered if f.articles > 1)
        out.append(f"  discovered actors: {len(review.discovered):,} ({several:,} in more than one article); "
                   "most articles first:")
        width = len(f"{review.discovered[0].articles:,}")
        for f in review.discovered[:SCREEN_ACTORS]:
            where = f"¶{f.paragraph}" if f.paragraph else "title"
            out.append(f"    {f.articles:>{width},}  {shown(f.name)} ({f.type})  "
                       f"e.g. {shown(f.slug)} {where}")
    for label, proposals in (("likely the same actor (merge:)", review.merges),
                             ("likely not actors (not_actors:)", review.junk)):
        if proposals:
            out.append(f"  {label}: {len(proposals):,}, e.g.")
            for p in proposals[:SCREEN_PROPOSALS]:
                out.append("    " + shown(" = ".join(f.name for f in p.names)) + f"  ({p.reason})")
    if review.dates:
        out.append("  dates to check: " + "; ".join(f"{len(g.slugs):,} {g.reason.split(':')[0]}"
                                                   for g in review.dates))
    if suggested:
        out.append(f"  topics suggested: {len(suggested)} (topics.suggested.yaml): "
                   + shown(", ".join(t.title for t in suggested[:6]))
                   + (", ..." if len(suggested) > 6 else ""))
    return "\n".join(out)
