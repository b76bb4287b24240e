"""Rule ``share_speakers``: a quote with no attribution of its own takes another quote's speaker.

The speaker of another quote in its paragraph (“A,” Rubio said. “B.” gives two quotes, both
Rubio's; one opening the paragraph continues the speech of the paragraph before), or, when the
paragraph is nothing but the quote, of the last quote in the paragraph before.  Still nobody:
unattributed.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from generator.ingest.chain import rule
from generator.ingest.quotes.state import Found, State
from generator.ingest.quotes.text import WORD


def _nearest(opens: list[int], indices: list[int], at: int) -> int | None:
    """Of quotes opening at ``opens`` (sorted), the index of the last before ``at``, else the first
    after it: "A," Owen said. "B." Ruddock said "C.": B is Owen's, whatever its distance to C."""
    i = bisect.bisect_left(opens, at)
    if i > 0:
        return indices[i - 1]
    return indices[i] if i < len(opens) else None


@rule(requires={"speech", "attributions"}, provides={"speakers"})
def share_speakers(state: State) -> State:
    out = list(state.found)
    # Named quotes per paragraph, by where they open, kept up to date as speakers are shared.
    named_opens: dict[int, list[int]] = {}
    named_at: dict[int, list[int]] = {}
    for i, found in enumerate(out):
        if found.kind == "name":
            named_opens.setdefault(found.first.paragraph, []).append(found.first.open_at)
            named_at.setdefault(found.first.paragraph, []).append(i)
    for opens, indices in zip(named_opens.values(), named_at.values(), strict=True):
        order = sorted(range(len(opens)), key=lambda k: opens[k])
        opens[:] = [opens[k] for k in order]
        indices[:] = [indices[k] for k in order]
    last_named: dict[int, int] = {}  # paragraph a named quote ends in -> the latest such quote so far
    for i, found in enumerate(out):
        if found.kind != "none":
            if found.kind == "name":
                last_named[found.last.paragraph] = i
            continue
        paragraph = found.first.paragraph
        nearest = _nearest(named_opens.get(paragraph, []), named_at.get(paragraph, []), found.first.open_at)
        source: Found | None = None
        text = state.paragraphs[paragraph - 1]
        opens_paragraph = not WORD.search(text, 0, found.first.open_at)
        if (nearest is not None and opens_paragraph and paragraph - 1 in last_named
                and out[nearest].first.open_at > found.first.open_at):
            # It opens the paragraph: the speech of the paragraph before goes on; a speaker named
            # later in the paragraph is introduced for what follows.
            source = out[last_named[paragraph - 1]]
        elif nearest is not None:
            source = out[nearest]
        else:
            # Words outside the quote: it is a sentence of its own, not a paragraph's continuation.
            if WORD.search(text, 0, found.first.open_at) or (
                    found.last.paragraph == paragraph and found.last.close_at is not None
                    and WORD.search(text, found.last.close_at + 1)):
                continue
            if paragraph - 1 in last_named:
                source = out[last_named[paragraph - 1]]
        if source is None:
            continue
        out[i] = replace(found, kind="name", speaker=source.speaker, name=source.name, at=source.at)
        k = bisect.bisect_left(named_opens.setdefault(paragraph, []), found.first.open_at)
        named_opens[paragraph].insert(k, found.first.open_at)
        named_at.setdefault(paragraph, []).insert(k, i)
        last_named[out[i].last.paragraph] = i
    return replace(state, found=tuple(out))
