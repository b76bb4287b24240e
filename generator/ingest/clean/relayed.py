"""Relayed-source clauses: "..., Caliber.Az reports via foreign media." -> "...".

The sentence stays; the clause naming the outlet that relayed it goes, and
the outlet is recorded in Document.relayed.  An outlet is accepted when the
clause names what it relayed ("via ...", "citing ...") or it is a known agency.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from generator.ingest import shapes
from generator.ingest.clean.draft import Draft, add_unique


@cache
def _clause() -> re.Pattern[str]:
    k = shapes.line_words()
    verbs = "|".join(re.escape(v) for v in k.relay_verbs)
    links = "|".join(re.escape(v) for v in sorted(k.relay_links, key=len, reverse=True))
    outlet = r"(?:[A-Z][\w.&'-]*)(?:\s+(?:[A-Z][\w.&'-]*|of|the))*"
    return re.compile(
        rf",\s*(?P<outlet>{outlet})\s+(?:{verbs})(?:,?\s+(?P<link>{links})\s+(?P<source>[^.!?\"]{{1,60}}?))?"
        r"(?P<end>[.!?][\"']?)(?=\s|$)"
    )


def _strip(line: str) -> tuple[str, list[str]]:
    found: list[str] = []

    def replace_clause(match: re.Match[str]) -> str:
        outlet = match.group("outlet")
        known = shapes.line_words().agencies.get(outlet)
        if match.group("link") is None and known is None:
            return match.group()
        found.append(known or outlet)
        return match.group("end")

    return _clause().sub(replace_clause, line), found


def apply(draft: Draft) -> Draft:
    lines, relayed = [], []
    for line in draft.lines:
        line, outlets = _strip(line)
        relayed += outlets
        lines.append(line)
    return replace(draft, lines=tuple(lines), relayed=add_unique(draft.relayed, *relayed))
