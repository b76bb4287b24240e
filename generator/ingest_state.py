"""``content/ingest-state.yaml``: which article ingest made from which part of a source, and which
of them the person removed.

Ingest needs the record to tell an article a person deleted (its source is still there: keep it
deleted) from one it never wrote (write it).  The file is the person's to read and edit:

    removed:    articles deleted by hand; ingest does not write them again.  Deleting a line
                (or ``python build.py ingest --restore SLUG``) brings the article back.
    articles:   every article ingest wrote and still finds, by its file name.

Each entry names the source part it came from and a digest of that part's text when the article
was last written, so that a removed article whose source changed since can be reported.  Pure
functions; ``generator.ingest.run`` reads and writes the file.  (Outside ``generator/ingest/``
on purpose: that package's code is the extractors' version, and this is no extractor.)
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator.errors import RegistryError
from generator.frontmatter import dump_yaml, load_yaml, yaml_problem
from generator.model import RawPart

STATE_NAME = "ingest-state.yaml"
#: Largest state file read: some 200 bytes an article, so room for several hundred thousand.
MAX_STATE_BYTES = 64_000_000
_HINT = "fix that line; deleting the file starts the record again, and brings back every article you deleted"
_HEADER = """\
# Kept by `python build.py ingest`: the article it made from each part of a source.
# Each line: the article's file name: its source file under sources/, the part of it, a digest of
# that part's text when the article was written.
# removed: articles you deleted; ingest does not write them again.  To bring one back,
#   run `python build.py ingest --restore NAME`, or delete its line here.
# articles: the articles ingest wrote and still finds (renaming a file is fine).
"""

Key = tuple[str, int]
_DIGEST = re.compile(r"[0-9a-f]{16}|-")


@dataclass(frozen=True)
class Entry:
    slug: str
    #: The source file (under ``sources/``) and the 1-based part of it the article was made from.
    source: str
    part: int
    #: :func:`text_digest` of that part when the article was last written ("-" when not known).
    text: str = "-"

    @property
    def key(self) -> Key:
        return (self.source, self.part)


@dataclass(frozen=True)
class State:
    articles: tuple[Entry, ...] = ()
    removed: tuple[Entry, ...] = ()


def text_digest(part: RawPart) -> str:
    """The raw part's words, so a removed article can say its source changed since.

    Unlike the article's ``source_sha256``, registry edits and a new extractor do not change it.
    """
    payload = json.dumps([part.title, list(part.lines), part.meta.mapping()], ensure_ascii=False,
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# --- reading --------------------------------------------------------------------------------


def load_state(text: str | None, path: str | Path) -> State:
    """The state file's text (None: no file yet) -> :class:`State`; a mistake is a
    :class:`RegistryError` naming the line, and ingest stops before writing anything."""
    if text is None:
        return State()
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        raise RegistryError(f"not valid YAML: {yaml_problem(exc)}", path, mark.line + 1 if mark else None,
                            _HINT) from None
    if data is None:
        return State()
    if not isinstance(data, dict):
        raise RegistryError("must be a mapping with `removed:` and `articles:`", path, 1, _HINT)
    unknown = sorted(str(k) for k in data if k not in ("removed", "articles"))
    if unknown:
        raise RegistryError(f"unknown key {unknown[0]!r} (only `removed:` and `articles:`)", path,
                            _line_of(text, unknown[0], 0), _HINT)
    return State(articles=_entries(data, "articles", text, path),
                 removed=_entries(data, "removed", text, path))


def _entries(data: dict[str, Any], section: str, text: str, path: str | Path) -> tuple[Entry, ...]:
    value = data.get(section)
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise RegistryError(f"`{section}:` must map article names to their source",
                            path, _line_of(text, section, 0), _HINT)
    out = []
    for slug, where in value.items():
        fields = where.rsplit(" ", 2) if isinstance(where, str) else []
        if not (isinstance(slug, str) and len(fields) == 3 and fields[1].isdigit() and int(fields[1]) >= 1
                and _DIGEST.fullmatch(fields[2])):
            raise RegistryError(f"{section}: {slug!r} must be written `NAME: SOURCE-FILE PART DIGEST`",
                                path, _line_of(text, str(slug), 2), _HINT)
        out.append(Entry(slug, fields[0], int(fields[1]), fields[2]))
    return tuple(out)


def _line_of(text: str, key: str, indent: int) -> int | None:
    match = re.search(rf"^ {{{indent}}}['\"]?{re.escape(key)}['\"]?\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


# --- writing --------------------------------------------------------------------------------


def dump_state(state: State) -> str:
    """The file's text: one line an article, sorted by name, so a change shows as a line in a diff."""
    return _HEADER + dump_yaml({
        section: {e.slug: f"{e.source} {e.part} {e.text}" for e in sorted(entries, key=lambda e: e.slug)}
        for section, entries in (("removed", state.removed), ("articles", state.articles))})


# --- restoring ------------------------------------------------------------------------------


def restore_removed(state: State, slugs: Sequence[str]) -> tuple[State, tuple[Entry, ...], tuple[str, ...]]:
    """(*state* without the removed articles named, their entries, the names not among them)."""
    wanted = set(slugs)
    back = tuple(e for e in state.removed if e.slug in wanted)
    unknown = tuple(s for s in dict.fromkeys(slugs) if s not in {e.slug for e in back})
    return replace(state, removed=tuple(e for e in state.removed if e.slug not in wanted)), back, unknown


def by_key(entries: Iterable[Entry]) -> dict[Key, Entry]:
    return {e.key: e for e in entries}
