"""Reading the date and event fixture files (``tests/fixtures/{dates,events}/*.txt``).

A case is plain text in sections, so adding one needs no code::

    # free comment lines
    === paragraphs
    One paragraph per line; a line starting "## " is a heading (not counted).
    === captions
    One caption per line.
    === actors
    Marco Rubio -> marco-rubio        # every whole-word occurrence becomes an ActorSpan
    === roles
    marco-rubio | Marco Rubio | Secretary of State | 2025-01-21 | -     # id | name | title | from | to
    === mentions
    marco-rubio | U.S. Secretary of State       # a role as the text wrote it (Mention.roles)
    === given
    date: 2020-02-02                   # the source's front-matter

Each test file adds its own expectation sections (see test_dates.py, test_events.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.model import (
    Actor,
    ActorResult,
    ActorSpan,
    Block,
    Document,
    Mention,
    Registry,
    Role,
    SourceMeta,
)

FIXTURES = Path(__file__).parent / "fixtures"


def cases(name: str) -> list[Path]:
    return sorted((FIXTURES / name).glob("*.txt"))


def sections(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            current = out.setdefault(line[4:].strip(), [])
        elif current is not None and not line.startswith("#"):
            current.append(line)
    return out


def entries(lines: list[str]) -> list[str]:
    """Non-empty lines without trailing "  # comments"."""
    return [s for line in lines if (s := line.split("  #", 1)[0].strip())]


def document(sec: dict[str, list[str]]) -> Document:
    blocks = tuple(
        Block("heading", line[3:].strip()) if line.startswith("## ") else Block("paragraph", line.strip())
        for line in sec.get("paragraphs", []) if line.strip()
    )
    given: dict[str, object] = {}
    for line in entries(sec.get("given", [])):
        key, _, value = line.partition(":")
        given[key.strip()] = value.strip()
    captions = tuple(line.strip() for line in sec.get("captions", []) if line.strip())
    return Document(source_file="fixture.txt", part=1, parts=1, title="A title", blocks=blocks,
                    captions=captions, meta=SourceMeta.read(given))


def registry(sec: dict[str, list[str]]) -> Registry:
    actors: dict[str, tuple[str, list[Role]]] = {}
    for line in entries(sec.get("roles", [])):
        actor_id, name, title, start, end = (f.strip() for f in line.split("|"))
        actors.setdefault(actor_id, (name, []))[1].append(
            Role(title, None if start == "-" else start, None if end == "-" else end))
    return Registry(actors=tuple(Actor(i, name, "person", roles=tuple(roles))
                                 for i, (name, roles) in sorted(actors.items())))


def actor_result(doc: Document, sec: dict[str, list[str]]) -> ActorResult:
    names = []
    for line in entries(sec.get("actors", [])):
        name, _, actor = line.partition("->")
        names.append((name.strip(), actor.strip()))
    spans: list[ActorSpan] = []
    texts = {0: doc.title} | dict(enumerate(doc.paragraphs, start=1))
    for name, actor in sorted(names, key=lambda e: -len(e[0])):
        for number, text in texts.items():
            for hit in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if not any(s.paragraph == number and s.start < hit.end() and hit.start() < s.end
                           for s in spans):
                    spans.append(ActorSpan(number, hit.start(), hit.end(), actor, name))
    spans.sort(key=lambda s: (s.paragraph, s.start))
    roles: dict[str, list[str]] = {}
    for line in entries(sec.get("mentions", [])):
        actor, _, role = line.partition("|")
        roles.setdefault(actor.strip(), []).append(role.strip())
    ids = list(dict.fromkeys([s.actor for s in spans] + list(roles)))
    mentions = tuple(Mention(i, i, "person", roles=tuple(roles.get(i, ()))) for i in ids)
    return ActorResult(mentions, tuple(spans))
