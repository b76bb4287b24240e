"""The ingest report: what a person should look at, per article.

Rendered as Markdown (written to ``<content>/ingest-report.md``) and as a
short terminal summary.  Pure functions of an :class:`IngestReport`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import GeneratorError

if TYPE_CHECKING:
    from generator.ingest.run import IngestReport
    from generator.model import Article


def located(error: GeneratorError, content: Path) -> GeneratorError:
    """*error* naming its file as seen from where the command runs (``content/articles/x.md``).

    Ingest names files relative to the content folder, as the Markdown report inside it
    should; a terminal needs a path that opens.  A name that is no file under *content*
    is left as it is rather than turned into a path that does not exist.
    """
    if error.path is None or Path(error.path).is_absolute() or not (content / error.path).exists():
        return error
    return type(error)(error.message, content / error.path, error.line, error.hint)


def _needs(article: Article) -> list[str]:
    # The date has its own line in each entry; don't say it twice.
    items = [f"review: {note}" for note in article.review if not note.startswith("date:")]
    items += [f"warning: {w}" for w in article.warnings]
    return list(dict.fromkeys(items))


def _date_line(article: Article) -> str:
    d = article.date
    if d.date is None:
        return "date: none; the text does not settle it (add `date:` by hand)"
    return f"date: {d.date} ({d.confidence}{'; ' + d.basis if d.basis else ''})"


def render_report(report: IngestReport) -> str:
    lines = ["# Ingest report", ""]
    # The report describes the folder, not the run, so an ingest that changes nothing leaves it as it was.
    lines.append(
        f"{len(report.articles)} articles; {len(report.conflicts)} conflicts, "
        f"{len(report.orphaned)} orphaned, {len(report.errors)} errors."
    )
    lines.append("")
    formats = [a.source_format for a in report.articles]
    if any(f != "text" for f in formats):
        # Said only when a page or a feed is among the sources: a text-only report stays as it was.
        counts = ", ".join(f"{formats.count(f)} {f}" for f in ("html", "feed", "text") if f in formats)
        lines += [f"Read by format (`source.format`): {counts}.", ""]
    sections = [
        ("Errors (these inputs were skipped)", [str(e) for e in report.errors]),
        ("Conflicts: you edited these articles and their sources changed; your edit was kept "
         "(run `python build.py ingest --take-new` to take the new version)",
         [f"articles/{s}.md" for s in report.conflicts]),
        ("Orphaned: the source is gone; the article was kept", [f"articles/{s}.md" for s in report.orphaned]),
        ("Backups of edits replaced by --take-new", [f"articles/{s}" for s in report.backups]),
        ("Duplicates: stories another source has too (same URL); one article was kept",
         list(report.duplicates)),
    ]
    for heading, items in sections:
        if items:
            lines += [f"## {heading}", ""] + [f"- {item}" for item in items] + [""]
    needing = [(a, _needs(a)) for a in report.articles]
    needing = [(a, items) for a, items in needing if items or a.date.confidence != "high"]
    lines += ["## Articles needing review", ""]
    if not needing:
        lines += ["Nothing to review.", ""]
    for article, items in needing:
        lines.append(f"### {article.slug}")
        lines.append("")
        lines.append(f"- {_date_line(article)}")
        if article.source_format != "text":
            lines.append(f"- read as {article.source_format}: sources/{article.source_file}"
                         + (f" entry {article.source_part}" if article.source_format == "feed" else ""))
        lines += [f"- {item}" for item in items]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_summary(report: IngestReport, content: Path | None = None) -> str:
    """A few lines for the terminal; the full list is in the Markdown report.

    With *content*, files are named by their path from the current folder.
    """
    out = [
        f"ingest: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.conflicts)} conflicts, {len(report.orphaned)} orphaned, {len(report.errors)} errors"
    ]
    out += [f"  error: {located(e, content) if content else e}" for e in report.errors]
    articles = f"{content / 'articles'}/" if content else "articles/"
    out += [f"  conflict (your edit kept): {articles}{s}.md" for s in report.conflicts]
    out += [f"  orphaned (source gone, kept): {articles}{s}.md" for s in report.orphaned]
    out += [f"  backup of your edit: {articles}{s}" for s in report.backups]
    review = sum(1 for a in report.articles if _needs(a) or a.date.confidence != "high")
    if review:
        out.append(f"  {review} articles need review: see the ingest report")
    return "\n".join(out)
