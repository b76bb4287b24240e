"""Text fixtures shared by the extractor tests: one case per file, in ``=== section`` blocks.

Sections used by every extractor: ``=== title`` (one line), ``=== paragraphs`` (one paragraph
a line; a line starting "## " is a heading and not counted) and ``=== actors``::

    Rubio -> marco-rubio person                               # every whole-word occurrence
    Lars Lokke Rasmussen @ p3 -> lars-lokke-rasmussen person  # only in paragraph 3 (p0 = title)

Spans are found by searching each name in the title and paragraphs, longest names first and
never overlapping, so each extractor is tested on its own, without the actor extractor.
"""

from __future__ import annotations

import re

from generator.model import ActorResult, ActorSpan, Block, Document, Mention


def parse_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("=== "):
            current = sections.setdefault(line[4:].strip(), [])
        elif current is not None:
            current.append(line)
    return sections


def make_document(lines: list[str], title: str = "A title") -> Document:
    blocks = tuple(
        Block("heading", line[3:].strip()) if line.startswith("## ") else Block("paragraph", line)
        for line in lines if line.strip()
    )
    return Document(source_file="fixture.txt", part=1, parts=1, title=title, blocks=blocks)


ACTOR_LINE = re.compile(r"^(?P<name>.+?)(?:\s+@\s+p(?P<p>\d+))?\s+->\s+(?P<id>\S+)"
                        r"\s+(?P<type>person|country|organization)\s*$")


def make_actors(doc: Document, lines: list[str]) -> ActorResult:
    entries = []
    for line in lines:
        line = line.split("  #", 1)[0].strip()
        if not line:
            continue
        m = ACTOR_LINE.match(line)
        assert m, f"bad actor line: {line!r}"
        entries.append((m["name"], int(m["p"]) if m["p"] else None, m["id"], m["type"]))
    spans: list[ActorSpan] = []
    texts = {0: doc.title} | dict(enumerate(doc.paragraphs, start=1))
    for name, only, actor, _ in sorted(entries, key=lambda e: -len(e[0])):
        for number, text in texts.items():
            if only is not None and number != only:
                continue
            for hit in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if not any(s.paragraph == number and s.start < hit.end() and hit.start() < s.end
                           for s in spans):
                    spans.append(ActorSpan(number, hit.start(), hit.end(), actor, name))
    spans.sort(key=lambda s: (s.paragraph, s.start))
    types = {e[2]: e[3] for e in entries}
    mentions = []
    for actor in dict.fromkeys(s.actor for s in spans):
        mine = [s for s in spans if s.actor == actor]
        mentions.append(Mention(id=actor, name=mine[0].text, type=types[actor],  # type: ignore[arg-type]
                                mentions=len(mine), first_paragraph=mine[0].paragraph))
    return ActorResult(mentions=tuple(mentions), spans=tuple(spans))
