"""Rule ``join_run_ons``: a quote running on across paragraphs is one quote.

A paragraph whose last quote never closes, followed by a paragraph that opens with a quotation
mark, is one quote running on (the typographic convention); it belongs to the paragraph where it
starts, its parts joined with one space.  Any other unclosed mark becomes a warning and no quote.
"""

from __future__ import annotations

from dataclasses import replace

from generator.ingest.chain import rule
from generator.ingest.quotes.marks import BOTH, OPEN
from generator.ingest.quotes.state import Found, State
from generator.ingest.quotes.text import NON_SPACE


def _opens_paragraph(state: State, paragraph: int) -> bool:
    if paragraph > len(state.paragraphs):
        return False
    text = state.paragraphs[paragraph - 1].lstrip()
    return bool(text) and text[0] in OPEN | BOTH


@rule(requires={"marks", "unclosed", "warnings"}, provides={"quotes"})
def join_run_ons(state: State) -> State:
    by_start = {(f.first.paragraph, f.first.open_at): f for f in state.found}
    unclosed_at = {(p.paragraph, p.open_at): p for p in state.unclosed}
    consumed: set[tuple[int, int]] = set()
    joined: list[Found] = []
    last_unclosed: dict[int, int] = {}
    for p in state.unclosed:
        last_unclosed[p.paragraph] = max(last_unclosed.get(p.paragraph, -1), p.open_at)
    last_found: dict[int, int] = {}
    left: dict[int, int] = {}  # quotes still in by_start, per paragraph
    for f in state.found:
        last_found[f.first.paragraph] = max(last_found.get(f.first.paragraph, -1), f.first.open_at)
        left[f.first.paragraph] = left.get(f.first.paragraph, 0) + 1
    warnings = list(state.warnings)
    for piece in sorted(state.unclosed, key=lambda p: (p.paragraph, p.open_at)):
        key = (piece.paragraph, piece.open_at)
        if key in consumed:
            continue
        if not NON_SPACE.search(state.paragraphs[piece.paragraph - 1], piece.open_at + 1):
            # A stray mark that ends its paragraph opens nothing to run on.
            warnings.append((piece.paragraph, "unclosed quotation mark"))
            continue
        is_last = last_unclosed.get(piece.paragraph, -1) <= piece.open_at \
            and last_found.get(piece.paragraph, -1) <= piece.open_at
        chain = [piece]
        while is_last and _opens_paragraph(state, chain[-1].paragraph + 1):
            nxt = chain[-1].paragraph + 1
            first = len(state.paragraphs[nxt - 1]) - len(state.paragraphs[nxt - 1].lstrip())
            if (nxt, first) in by_start:
                chain.append(by_start.pop((nxt, first)).first)
                left[nxt] -= 1
                consumed.add((nxt, first))
                break
            if (nxt, first) in unclosed_at:
                chain.append(unclosed_at[(nxt, first)])
                consumed.add((nxt, first))
                # Runs on again only if nothing else opens later in that paragraph.
                if last_unclosed.get(nxt, -1) > first or left.get(nxt, 0):
                    break
                continue
            break
        if chain[-1].close_at is None or len(chain) == 1:
            for p in chain:
                warnings.append((p.paragraph, "unclosed quotation mark"))
            continue
        joined.append(Found(tuple(chain)))
    found = sorted([*by_start.values(), *joined], key=lambda f: (f.first.paragraph, f.first.open_at))
    return replace(state, found=tuple(found), unclosed=(), warnings=tuple(dict.fromkeys(warnings)))
