"""Rule ``resolve_pronouns``: who "he said" / "she said" is.

The most recent of: the last named speaker, or the subject (first person named, not in the
possessive) of the last sentence that names a person.  A noun phrase standing for a document
("the statement said") may be a body as well.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from generator.ingest.chain import rule
from generator.ingest.quotes.state import Found, State
from generator.ingest.quotes.text import sentence_starts


def _position_key(masks: dict[int, str], paragraph: int, offset: int) -> tuple[int, int]:
    """(paragraph, sentence) of an offset."""
    return paragraph, bisect.bisect_right(sentence_starts(masks[paragraph]), offset) - 1


#: How many people of one sentence are read for its subject.
_SUBJECTS = 8
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")


@rule(requires={"attributions", "actor_spans"}, provides={"pronouns"})
def resolve_pronouns(state: State) -> State:
    masks = state.masks
    named_spans = sorted((s for s in state.spans if s.paragraph >= 1 and state.types.get(s.actor) in
                          {"person", "organization"} and masks[s.paragraph][s.start:s.end].strip()),
                         key=lambda s: (s.paragraph, s.start))
    persons = [s for s in named_spans if state.types.get(s.actor) == "person"]
    # A pronoun-like noun ("the statement") may stand for a body too; "he" only for a person.
    pools = {False: (persons, [(s.paragraph, s.start) for s in persons]),
             True: (named_spans, [(s.paragraph, s.start) for s in named_spans])}
    out: list[Found] = []
    for found in state.found:
        if found.kind != "pronoun":
            out.append(found)
            continue
        here = (found.first.paragraph, found.first.open_at)
        if found.last.close_at is not None:
            here = (found.last.paragraph, found.last.close_at)
        # The last name said at or before here (the one just before, but for an odd order).
        named = next((f for f in reversed(out) if f.kind == "name" and f.at <= here), None)
        people, places = pools[found.bodies]
        before = bisect.bisect_left(places, here)
        choice: Found | None = None
        if before:
            last = people[before - 1]
            key = _position_key(masks, last.paragraph, last.start)
            # The subject: the first person named in the sentence of the last one, not as a
            # possessive ("Machado's statement came after Trump announced what he described").
            sentence_start = sentence_starts(masks[last.paragraph])[key[1]]
            first = bisect.bisect_left(places, (last.paragraph, sentence_start))
            subject = next((people[i] for i in range(first, min(before, first + _SUBJECTS))
                            if not _POSSESSIVE.match(masks[people[i].paragraph], people[i].end)),
                           people[first] if named is None else None)
            if subject is not None and (named is None or _position_key(masks, *named.at) < key):
                choice = replace(found, kind="name", speaker=subject.actor, name=subject.text,
                                 at=(subject.paragraph, subject.start))
        if choice is None and named is not None:
            choice = replace(found, kind="name", speaker=named.speaker, name=named.name, at=named.at)
        out.append(choice or replace(found, kind="name" if found.name else "none"))
    return replace(state, found=tuple(out))
