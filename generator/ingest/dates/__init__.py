"""The publication date of a document, and how sure we are of it.

    Document + ActorResult + Registry --infer_date--> DateInfo

A date given in the source's front-matter is used as given.  Otherwise the
evidence is gathered once (time expressions in the body and captions, dated
roles the registry gives to the actors the text names with a title) and a
list of strategies is tried in order; the first that settles a day wins:

1. an explicit full date ("14 September 2023", "May 19 and 20, 2021"), nudged
   by at most a day when the weekdays the text uses fit a neighbour better;
2. a month-day without a year whose year is narrowed by its weekday and by
   the registry's role dates ("Wednesday, January 28th" + "Secretary of State
   from 2025-01-21").

Only a date where a story says which day it speaks from counts: a dateline or a
dated caption (high), the lede, or a paragraph that also names the date's
weekday (medium).  A date inside a quotation, of an old picture or a
screenshot, named as a document's attribute ("the June 12, 2025 filing"), of
what lies ahead, or anywhere else in the body is a date the story tells of, not
the day it was written.  A missing year is never invented: when nothing settles
it the date is null; one decades away from every other date is low, for review.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from generator import lexicon
from generator.ingest import shapes
from generator.ingest.chain import Chain, ChainError, rule
from generator.ingest.dates.evidence import (
    Choice,
    Cues,
    Evidence,
    Found,
    Interval,
    RoleEvidence,
    Source,
    Stated,
)
from generator.ingest.parse import split_sentences
from generator.ingest.temporal import (
    TimeExpression,
    find_time_expressions,
    is_future,
    is_plainly_future,
    resolve,
    weekday_after,
    weekday_on_or_before,
)
from generator.model import Actor, ActorResult, DateInfo, Document, Registry

#: A word right before a title that makes it another office ("Vice President" is not "President").
TITLE_MODIFIERS = frozenset({"vice", "deputy", "under", "assistant", "prime", "lieutenant", "associate",
                             "co", "first", "second", "shadow", "honorary"})
#: Title heads that mean nothing without their "of ..." ("Secretary of State" is not "Secretary").
INCOMPLETE_HEADS = frozenset({"secretary", "minister", "ministry", "department", "head", "chief", "member",
                              "director", "office", "commissioner", "undersecretary"})
#: Words before a title saying the person no longer holds it.
FORMER_WORDS = frozenset({"former", "ex"})
#: Words before a title saying it is named for another time ("then-President"): no evidence either way.
THEN_WORDS = frozenset({"then", "erstwhile", "late", "future", "incoming", "designate"})
_STOPWORDS = frozenset({
    "that", "this", "with", "from", "have", "were", "been", "their", "there", "which", "about", "would",
    "could", "should", "they", "them", "what", "when", "where", "while", "also", "into", "than", "then",
    "said", "says", "both", "over", "some", "such", "only", "other", "after", "before", "will",
})
#: Most years a weekday-and-day pair needs to repeat (the Gregorian weekday cycle is 28 years, bar
#: century years).
_WEEKDAY_CYCLE = 40

_WEEKDAY_NAMES = lexicon.weekday_names()

_ROLE_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_COUNTRY_PREFIX = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,3}")
_OF = re.compile(r"\s+of\s+")
_WHITESPACE = re.compile(r"\s+")
_LEAD_TOKEN = re.compile(r"[\w.’']+-?|[,;:(]")

# --- evidence -------------------------------------------------------------


_QUOTE_MARK = re.compile(r'["“”]')


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes someone: from an opening double quotation mark to its closing one,
    or to the end of the paragraph when it is never closed (a quotation running on)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for m in _QUOTE_MARK.finditer(text):
        mark = m.group()
        if opened is None and mark != "”":
            opened = m.start()
        elif opened is not None and mark != "“":
            spans.append((opened, m.end()))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def _collect(doc: Document) -> tuple[Found, ...]:
    out: list[Found] = []
    sources: list[tuple[Literal["body", "caption"], int, str]] = [
        ("body", i, p) for i, p in enumerate(doc.paragraphs, 1)
    ] + [("caption", i, c) for i, c in enumerate(doc.captions, 1)]
    for where, index, text in sources:
        quoted = _quoted_spans(text) if '"' in text or "“" in text else []
        opens = [a for a, _ in quoted]
        for start, end in split_sentences(text):
            sentence = text[start:end]
            for expr in find_time_expressions(sentence):
                at = start + expr.start
                # The spans are sorted and apart: only the last one opened before it can hold it.
                k = bisect_right(opens, at) - 1
                inside = k >= 0 and start + expr.end <= quoted[k][1]
                out.append(Found(expr, where, index, sentence, is_future(sentence, expr.start, expr.end),
                                 inside, at))
    return tuple(out)


def _parse_iso(value: str | None, last: bool) -> date | None:
    """A role date (YYYY, YYYY-MM or YYYY-MM-DD) as its first day, or its last when ``last``."""
    if not value:
        return None
    m = _ROLE_DATE.fullmatch(str(value).strip())
    if not m:
        return None
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            first = date(year, int(month), 1)
            if not last:
                return first
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return date(year, 12, 31) if last else date(year, 1, 1)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def title_forms(title: str) -> tuple[str, ...]:
    """The ways a text may write a registry title, longest first.

    "U.S. Secretary of State" is also "Secretary of State"; "President of the United States"
    is also "President", but "Secretary of State" is never just "Secretary".
    """
    words = title.split()
    while len(words) > 1 and _COUNTRY_PREFIX.fullmatch(words[0]):
        words = words[1:]
    forms = [title, " ".join(words)]
    head = _OF.split(forms[-1], maxsplit=1)[0]
    if head != forms[-1] and not (len(head.split()) == 1 and head.lower() in INCOMPLETE_HEADS):
        forms.append(head)
    return tuple(dict.fromkeys(f for f in forms if f))


@lru_cache(maxsize=1 << 14)
def _titled(before: str, title: str) -> Literal["current", "former", "then"] | None:
    """How ``before`` (the words right before a name, or a role as written) names ``title``."""
    text = _WHITESPACE.sub(" ", before).rstrip(" ,")
    m = re.search(rf"(?<![\w-]){re.escape(title)}$", text, re.IGNORECASE)
    if not m:
        return None
    lead = text[:m.start()]
    tokens = _LEAD_TOKEN.findall(lead)[-3:]
    if tokens and tokens[-1].rstrip("-").lower() in TITLE_MODIFIERS:
        return None
    for token in reversed(tokens):
        word = token.rstrip("-").lower()
        if word in FORMER_WORDS:
            return "former"
        if word in THEN_WORDS:
            return "then"
        if token in ",;:(" or (token[:1].islower() and word not in ("the", "a")):
            break
    return "current"


def _role_window(actor: Actor, form: str, how: str) -> tuple[tuple[Interval, ...], str] | None:
    roles = [r for r in actor.roles if form.lower() in (f.lower() for f in title_forms(r.title))]
    if how == "former":
        ends = sorted(e for r in roles if (e := _parse_iso(r.end, last=True)) is not None)
        if not ends:
            return None
        return ((ends[0], None),), f"{actor.name}: former {form} (a term ended {ends[0].isoformat()})"
    spans = []
    notes = []
    for role in roles:
        lo, hi = _parse_iso(role.start, last=False), _parse_iso(role.end, last=True)
        if lo is None and hi is None:
            continue
        spans.append((lo, hi))
        notes.append(" ".join(([f"from {role.start}"] if lo else []) + ([f"to {role.end}"] if hi else [])))
    if not spans:
        return None
    return tuple(spans), f"{actor.name}: {roles[0].title} {' or '.join(notes)}"


def _role_evidence(doc: Document, actors: ActorResult, registry: Registry) -> tuple[RoleEvidence, ...]:
    by_id = {a.id: a for a in registry.actors}
    paragraphs = doc.paragraphs
    seen: dict[tuple[str, str, str], RoleEvidence] = {}

    def consider(actor_id: str, before: str) -> None:
        actor = by_id.get(actor_id)
        if actor is None:
            return
        forms = sorted({f for r in actor.roles for f in title_forms(r.title)}, key=lambda f: (-len(f), f))
        for form in forms:
            how = _titled(before, form)
            if how is None:
                continue
            # The longest title the words name is the office meant ("Vice President", not "President").
            if how != "then" and (actor_id, form.lower(), how) not in seen:
                window = _role_window(actor, form, how)
                if window is not None:
                    seen[(actor_id, form.lower(), how)] = RoleEvidence(actor.name, window[1], window[0])
            return

    for span in actors.spans:
        text = doc.title if span.paragraph == 0 else (
            paragraphs[span.paragraph - 1] if span.paragraph <= len(paragraphs) else "")
        consider(span.actor, text[max(0, span.start - 80):span.start])
    for mention in actors.mentions:
        for role in mention.roles:
            consider(mention.id, role)
    return tuple(seen[k] for k in sorted(seen))


def _intersect(a: tuple[Interval, ...], b: tuple[Interval, ...]) -> tuple[Interval, ...]:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo = max((d for d in (lo1, lo2) if d is not None), default=None)
            hi = min((d for d in (hi1, hi2) if d is not None), default=None)
            if lo is None or hi is None or lo <= hi:
                out.append((lo, hi))
    return tuple(sorted(set(out), key=lambda i: (i[0] or date.min, i[1] or date.max)))


def _inside(day: date, window: tuple[Interval, ...]) -> bool:
    return any((lo is None or lo <= day) and (hi is None or day <= hi) for lo, hi in window)


def _window(roles: tuple[RoleEvidence, ...]) -> tuple[tuple[Interval, ...], tuple[str, ...]]:
    window: tuple[Interval, ...] = ((None, None),)
    for role in roles:
        narrowed = _intersect(window, role.allowed)
        if not narrowed:
            notes = "; ".join(r.note for r in roles)
            return ((None, None),), (f"date: the registry's role dates cannot all hold ({notes})",)
        window = narrowed
    return window, ()


# --- contradictions -------------------------------------------------------


_LONG_WORD = re.compile(r"[a-z]{4,}")
#: Dates an article's contradictions are looked for among (pairwise); news stories give a few dozen.
MAX_COMPARED_DATES = 200


def _content_words(found: Found) -> set[str]:
    sentence = found.sentence[:found.expr.start] + " " + found.sentence[found.expr.end:]
    return {w for w in _LONG_WORD.findall(sentence.lower()) if w not in _STOPWORDS}


def _clause_words(found: Found) -> set[str]:
    """Content words of the clause the date stands in (commas inside the date do not end it)."""
    text, e = found.sentence, found.expr
    left = max((text.rfind(c, 0, e.start) for c in ",;:—\"()"), default=-1) + 1
    rights = [i for i in (text.find(c, e.end) for c in ",;:—\"()") if i >= 0]
    clause = text[left:e.start] + " " + text[e.end:min(rights) if rights else len(text)]
    return {w for w in _LONG_WORD.findall(clause.lower()) if w not in _STOPWORDS}


def _alike(wa: set[str], wb: set[str], least: int, share: float) -> bool:
    return min(len(wa), len(wb)) >= least and len(wa & wb) / min(len(wa), len(wb)) >= share


def _contradictions(found: tuple[Found, ...]) -> tuple[str, ...]:
    """The same days in another month, or one event phrase with two different dates."""
    # Every pair is compared: a text full of dates gets its first ones compared, not all.
    dated = [f for f in found if f.expr.kind == "date" and not f.expr.anchored][:MAX_COMPARED_DATES]
    warnings: list[str] = []
    # Every pair is compared: each date's words are read once, not once per pair.
    content = [_content_words(f) for f in dated]
    clause = [_clause_words(f) for f in dated]
    for i, a in enumerate(dated):
        for j in range(i + 1, len(dated)):
            b = dated[j]
            ea, eb = a.expr, b.expr
            same_day = (ea.month, ea.day, ea.day_end) == (eb.month, eb.day, eb.day_end)
            if same_day and (ea.year is None or eb.year is None or ea.year == eb.year):
                continue
            if (a.where, a.index, a.sentence) == (b.where, b.index, b.sentence):
                continue  # one sentence naming two dates lists them ("until March 8 ... March 22")
            similar = (_alike(content[i], content[j], 5, 0.7)
                       or _alike(clause[i], clause[j], 4, 0.75))
            same_days = (ea.day, ea.day_end) == (eb.day, eb.day_end)
            if ea.day_end is not None and same_days and ea.month != eb.month:
                why = "give the same days in different months"
            elif similar:
                why = "seem to date the same event differently"
            else:
                continue
            warnings.append(f"date: ‘{ea.text}’ ({a.place}) and ‘{eb.text}’ ({b.place}) {why}")
    return tuple(dict.fromkeys(warnings))


# --- strategies -----------------------------------------------------------


def _last_day(expr: TimeExpression) -> date:
    assert expr.year is not None and expr.month is not None and expr.day is not None
    return date(expr.year, expr.month, expr.day_end or expr.day)


def _weekday_fit(day: date, found: tuple[Found, ...]) -> int:
    """Days between ``day`` and the weekdays the body names, read from ``day``."""
    total = 0
    for f in found:
        if f.where != "body" or f.expr.kind != "weekday" or f.expr.offset is not None or f.quoted:
            continue
        wd = f.expr.weekday
        assert wd is not None
        if f.future:
            total += (weekday_after(day, wd) - day).days
        else:
            total += (day - weekday_on_or_before(day, wd)).days
    return total


#: A caption that dates an old picture or a copy of a page, not the story: "FILE - ...", "a screenshot of".
_OLD_PICTURE = re.compile(r"\b(?:file|files|screenshot|screen\s*grab|screengrab|archive|archival|undated)\b",
                          re.IGNORECASE)
#: Words before a date that make it an attribute of the noun after it ("the June 12, 2025 filing").
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|our|this|that)|['’]s)\s+$",
                                re.IGNORECASE)
_LOWER_WORD_AFTER = re.compile(r",?\s+[a-z]")  # "the Nov. 3, 2026, election"
#: A date given as what something "is on": a schedule ("the election is on Nov. 3, 2027"), in the
#: present tense a story uses for what lies ahead.
_SCHEDULED_BEFORE = re.compile(r"\b(?:is|are)\s+(?:on\s+|set\s+for\s+|slated\s+for\s+)?$", re.IGNORECASE)
#: What a dateline's date is followed by: "WASHINGTON, March 1, 2024 — ...", "LONDON, 5 May 2024: ...".
_DATELINE_AFTER = re.compile(r"\s*(?:[-–—:(/|]|$)")
#: What may stand before a dateline's date: a place in capitals or title case, and commas.
_DATELINE_BEFORE = re.compile(r"(?:[A-Z][\w.'’-]*,?\s+){0,5}")
#: How many opening paragraphs may say which day the news is.
LEDE_PARAGRAPHS = 2
#: Years apart at which a date is "decades away" from every other date in the text.
DECADES = 20


def _scheduled(f: Found) -> bool:
    return bool(_SCHEDULED_BEFORE.search(f.sentence, max(0, f.expr.start - 20), f.expr.start))


def _attributive(f: Found) -> bool:
    """"The June 12, 2025 filing": the date of a document or of another event, named as its attribute."""
    text, e = f.sentence, f.expr
    return bool(_DETERMINER_BEFORE.search(text, max(0, e.start - 12), e.start)
                and _LOWER_WORD_AFTER.match(text, e.end))


def _dateline(f: Found) -> bool:
    """The date opens the story: "WASHINGTON, March 1, 2024 — The Senate ..."."""
    if f.where != "body" or f.index != 1 or f.offset != f.expr.start:
        return False  # a dateline stands in the paragraph's first sentence
    return bool(_DATELINE_BEFORE.fullmatch(f.sentence[:f.expr.start])
                and _DATELINE_AFTER.match(f.sentence, f.expr.end))


#: How many of the lede's yearless dates with the same days are compared with a later full date.
_LEDE_CANDIDATES = 4


def _cues(found: tuple[Found, ...]) -> Cues:
    weekdays = frozenset((f.index, f.expr.weekday) for f in found
                         if f.where == "body" and f.expr.kind == "weekday" and f.expr.offset is None
                         and not f.quoted and f.expr.weekday is not None)
    lede: dict[tuple[int | None, int | None], tuple[Found, ...]] = {}
    for g in found:
        e = g.expr
        if g.where == "body" and g.index == 1 and not g.quoted and e.kind == "date" and e.year is None:
            days = (e.day, e.day_end)
            if len(lede.get(days, ())) < _LEDE_CANDIDATES:
                lede[days] = (*lede.get(days, ()), g)
    return Cues(weekdays, lede)


def _weekday_agrees(best: Found, anchor: date, cues: Cues) -> bool:
    """The paragraph that gives the date also names its weekday ("signed on Tuesday ... on 4 June")."""
    return best.where == "body" and (best.index, anchor.weekday()) in cues.weekdays


def _tells_the_present(f: Found, day: date, cues: Cues) -> bool:
    """Whether a date (its year found or given) may be the story's own day: where a dateline, a
    caption or the lede stand, or with its weekday in its paragraph, not deep in the body."""
    if f.where == "caption":
        return not _OLD_PICTURE.search(f.sentence)
    return _in_lede(f) or _weekday_agrees(f, day, cues) or _restates_lede(f, cues)


def _in_lede(f: Found) -> bool:
    """The opening paragraph, or the second when the date names its weekday ("told the committee
    on Wednesday, January 28th"): where a story says which day its news is."""
    return f.where == "body" and (f.index == 1 or (f.index <= LEDE_PARAGRAPHS and f.expr.weekday is not None))


def _evidence_strength(f: Found, cues: Cues) -> Literal["high", "medium"] | None:
    """How far a full date speaks for the story's own day.

    A dateline or a dated caption (not of an old picture or a screenshot) says it outright; a
    date in the opening paragraph, or one whose weekday its paragraph also uses, is the news
    the story tells, written on that day or soon after.  Any other full date in the body is a
    date the story tells of (a filing, a past event, history): no publication date.
    """
    if f.where == "caption":
        return None if _OLD_PICTURE.search(f.sentence) else "high"
    if _dateline(f):
        return "high"
    if _tells_the_present(f, _last_day(f.expr), cues):
        return "medium"
    return None


def _restates_lede(f: Found, cues: Cues) -> bool:
    """The opening paragraph tells an event on these days without a year ("the council met on
    March 19 and 20") and this sentence tells it again with one: the lede's news, dated further
    down.  Only the same days in a sentence saying the same thing count: "Jan. 6" alone is also
    the name of a past event."""
    e = f.expr
    return f.index != 1 and any(_alike(_content_words(f), _content_words(g), 5, 0.7)
                                or _alike(_clause_words(f), _clause_words(g), 4, 0.75)
                                for g in cues.lede_days.get((e.day, e.day_end), ()))


def _explicit(ev: Evidence) -> Choice | None:
    full = [(f, strength) for f in ev.found
            if f.expr.is_full_date and not f.future and not f.quoted
            and not _attributive(f) and not _scheduled(f)
            and (strength := _evidence_strength(f, ev.cues)) is not None]
    if not full:
        return None
    inside = [c for c in full if _inside(_last_day(c[0].expr), ev.window)]
    pool = inside or full
    best, strength = max(pool, key=lambda c: (c[1] == "high", _last_day(c[0].expr), c[0].where == "caption"))
    anchor = _last_day(best.expr)
    basis = [f"{best.expr.text} ({best.place})"]
    warnings: list[str] = []
    if strength != "high" and any(f.expr.year is not None and f.expr.year > anchor.year and not f.future
                                  and not f.quoted for f in ev.found):
        # "The Final Act, signed on 9 June 1815" in a piece that goes on to 1989: a story is not
        # written before the past it tells, so this date looks back and the day stays unknown.
        return None
    confidence: Literal["high", "medium"] = strength
    # A story's weekdays ("on Wednesday", "is due on Thursday") say which side of the dated day it stands.
    options = [anchor + timedelta(days=d) for d in (0, -1, 1)]
    day = min(options, key=lambda d: (_weekday_fit(d, ev.found) + abs((d - anchor).days),
                                      abs((d - anchor).days)))
    if day != anchor:
        names = list(dict.fromkeys(f.expr.text for f in ev.found
                                   if f.expr.kind == "weekday" and f.where == "body"))
        basis.append(f"the body's weekdays ({', '.join(names)}) put the story on "
                     f"{_WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}")
        confidence = "medium"
    if not inside:
        warnings.append(f"date: {day.isoformat()} does not fit the registry's role dates ("
                        + "; ".join(r.note for r in ev.roles) + ")")
        confidence = "medium"
    return Choice(day, confidence, "; ".join(basis), tuple(warnings))


def _years_for(expr: TimeExpression, window: tuple[Interval, ...]) -> list[date] | None:
    """Days in ``window`` matching a yearless date (and its weekday); None when unbounded."""
    assert expr.month is not None and expr.day is not None
    days: list[date] = []
    for lo, hi in window:
        if lo is not None and hi is not None:
            years = range(lo.year, hi.year + 1)
        elif expr.weekday is not None and lo is not None:
            years = range(lo.year, lo.year + _WEEKDAY_CYCLE)
        elif expr.weekday is not None and hi is not None:
            years = range(hi.year, hi.year - _WEEKDAY_CYCLE, -1)
        else:
            return None
        matches = []
        for year in years:
            try:
                day = date(year, expr.month, expr.day)
            except ValueError:
                continue
            if (lo is None or lo <= day) and (hi is None or day <= hi) and (
                    expr.weekday is None or day.weekday() == expr.weekday):
                matches.append(day)
        # With one open end the nearest match to the known end is taken: the registry's open
        # roles are current ones, so the story sits close to where they began.
        if lo is None or hi is None:
            matches = matches[:1]
        days.extend(matches)
    return sorted(set(days))


def _narrowed(ev: Evidence) -> Choice | None:
    yearless = [f for f in ev.found
                if f.expr.kind == "date" and f.expr.year is None and not f.future and not f.quoted
                and not _scheduled(f) and not _attributive(f)]
    window, bound_note = ev.window, None
    if ev.bounds is not None and (narrowed := _intersect(window, (ev.bounds[0],))):
        window, bound_note = narrowed, ev.bounds[1]
    # A date that names its weekday narrows the year most: try those first.
    for f in sorted(yearless, key=lambda f: f.expr.weekday is None):
        days = _years_for(f.expr, window)
        if days and len(days) == 1 and _tells_the_present(f, days[0], ev.cues):
            basis = [f.expr.text] + [r.note for r in _binding(ev, days[0])]
            if bound_note and window != ev.window:
                basis.append(bound_note)
            return Choice(days[0], "medium", "; ".join(basis))
    return None


def _binding(ev: Evidence, day: date) -> tuple[RoleEvidence, ...]:
    """The roles that drew the edges of the window ``day`` lies in: the ones worth quoting."""
    edges = [(lo, hi) for lo, hi in ev.window if (lo is None or lo <= day) and (hi is None or day <= hi)]
    if not edges:
        return ()
    lo, hi = edges[0]
    return tuple(r for r in ev.roles
                 if any((a is not None and a == lo) or (b is not None and b == hi) for a, b in r.allowed))


def _undated_basis(ev: Evidence) -> str:
    yearless = list(dict.fromkeys(f.expr.text for f in ev.found
                                  if f.expr.kind == "date" and f.expr.year is None))
    if yearless:
        return (f"no year: {', '.join(yearless)} has no year and nothing in the text or the registry's "
                "role dates settles it")
    return "no date in the text"


def stated(doc: Document) -> Stated:
    """What the source says about its date: the one place here that reads its metadata."""
    meta = doc.meta
    if meta.date is None:
        return Stated(None, "", doc.stamps)
    where = f" ({meta.date_key})" if meta.date_key != "date" else ""
    # A web page or a feed names the words that state its date ("page metadata: ...").
    return Stated(meta.date, meta.date_basis or "given in the source's front-matter" + where, doc.stamps)


def _stamped(stamps: tuple[str, ...]) -> Choice | None:
    """The page's own time stamp ("Published: 12 Feb 2024 10:32 GMT"), peeled off by cleaning.

    A "published" stamp is the publication date; an "updated" one only bounds it from above,
    so it is taken with medium confidence (most stories are updated the day they appear).
    """
    for wanted, confidence in (("published", "high"), ("updated", "medium")):
        for line in stamps:
            if shapes.stamp(line) != wanted:
                continue
            for expr in find_time_expressions(line):
                if expr.is_full_date:
                    assert expr.year is not None and expr.month is not None and expr.day is not None
                    return Choice(date(expr.year, expr.month, expr.day), confidence,  # type: ignore[arg-type]
                                  f"{wanted} line ‘{line}’")
    return None


def _weekday_mismatches(found: tuple[Found, ...]) -> tuple[str, ...]:
    """"Tuesday, March 13, 2024" when March 13, 2024 is a Wednesday: one of the two is wrong."""
    out = []
    for f in found:
        e = f.expr
        if e.kind == "date" and e.weekday is not None and e.year is not None and e.month and e.day:
            actual = date(e.year, e.month, e.day).weekday()
            if actual != e.weekday:
                out.append(f"date: ‘{e.text}’ ({f.place}) names {_WEEKDAY_NAMES[e.weekday]}, but "
                           f"{date(e.year, e.month, e.day).isoformat()} is a {_WEEKDAY_NAMES[actual]}")
    return tuple(out)


def _text_bounds(found: tuple[Found, ...]) -> tuple[Interval, str] | None:
    """Where the text's own years put the story: after what it tells as past ("walked out in
    November 2023"), before what it plainly announces ("will run until the end of 2025").

    Only both ends together count: one end alone leaves every later (or earlier) year open.
    """
    past: list[tuple[date, str]] = []
    ahead: list[tuple[date, str]] = []
    for f in found:
        e = f.expr
        if e.anchored or e.year is None or e.kind not in ("date", "month", "year") or f.quoted:
            continue
        period = resolve(e, None)
        if period is None:
            continue
        if f.future:
            if is_plainly_future(f.sentence, e.start, e.end):
                ahead.append((period.last, e.text))
        elif f.where == "body":
            past.append((period.first, e.text))
    if not past or not ahead:
        return None
    lo, hi = max(past), min(ahead)
    if lo[0] > hi[0]:
        return None
    return (lo[0], hi[0]), f"the text tells of {lo[1]} as past and of {hi[1]} as ahead"


def _decades_away(day: date, found: tuple[Found, ...]) -> str:
    """The other years the text names, when every one lies decades from an inferred ``day``."""
    years = sorted({f.expr.year for f in found if f.expr.year is not None and f.expr.year != day.year})
    if years and all(abs(y - day.year) >= DECADES for y in years):
        return ", ".join(map(str, years))
    return ""


# --- the evidence, gathered in order ---------------------------------------------------


@rule(requires={"document"}, provides={"found"})
def _found(ev: Evidence) -> Evidence:
    return replace(ev, found=_collect(ev.doc))


@rule(requires={"document", "actors", "registry"}, provides={"roles"})
def _roles(ev: Evidence) -> Evidence:
    return replace(ev, roles=_role_evidence(ev.doc, ev.actors, ev.registry))


@rule(requires={"roles"}, provides={"window", "warnings"})
def _window_of_roles(ev: Evidence) -> Evidence:
    window, warnings = _window(ev.roles)
    return replace(ev, window=window, warnings=ev.warnings + warnings)


@rule(requires={"found", "warnings"}, provides={"warnings"})
def _weekday_mismatch(ev: Evidence) -> Evidence:
    return replace(ev, warnings=ev.warnings + _weekday_mismatches(ev.found))


@rule(requires={"found", "warnings"}, provides={"warnings"})
def _contradiction(ev: Evidence) -> Evidence:
    return replace(ev, warnings=ev.warnings + _contradictions(ev.found))


@rule(requires={"found"}, provides={"bounds"})
def _bounds(ev: Evidence) -> Evidence:
    return replace(ev, bounds=_text_bounds(ev.found))


@rule(requires={"found"}, provides={"cues"})
def _lede_cues(ev: Evidence) -> Evidence:
    return replace(ev, cues=_cues(ev.found))


#: What the text and the registry say of the date, gathered once, in this order (warnings too).
EVIDENCE: Chain[Evidence] = Chain("date evidence", frozenset({"document", "actors", "registry", "stated"}), (
    _found,
    _roles,
    _window_of_roles,
    _weekday_mismatch,
    _contradiction,
    _bounds,
    _lede_cues,
))


def gather(doc: Document, actors: ActorResult, registry: Registry) -> Evidence:
    return EVIDENCE(Evidence(doc, actors, registry, stated(doc)))


# --- the sources, tried in order ----------------------------------------------------------


def _given(ev: Evidence) -> DateInfo | None:
    """A date given in the source's front-matter is used as given."""
    if ev.stated.date is None:
        return None
    return DateInfo(ev.stated.date, "high", ev.stated.basis)


def _page_stamp(ev: Evidence) -> DateInfo | None:
    stamped = _stamped(ev.stated.stamps)
    if stamped is None:
        return None
    # The stamp is the page's word about itself; the body's contradictions are still reported.
    return DateInfo(stamped.day.isoformat(), stamped.confidence, stamped.basis, ev.warnings)


def _from_text(strategy: Callable[[Evidence], Choice | None]) -> Callable[[Evidence], DateInfo | None]:
    """A strategy over the text's dates, its confidence lowered by what the evidence warns of."""
    def choose(ev: Evidence) -> DateInfo | None:
        choice = strategy(ev)
        if choice is None:
            return None
        confidence = choice.confidence
        if confidence == "high" and ev.warnings:
            confidence = "medium"
        warnings = ev.warnings + choice.warnings
        if confidence != "high" and (far := _decades_away(choice.day, ev.found)):
            confidence = "low"
            warnings += (f"date: {choice.day.isoformat()} is decades away from every other date in "
                         f"the text ({far}); check it",)
        return DateInfo(choice.day.isoformat(), confidence, choice.basis, tuple(dict.fromkeys(warnings)))
    return choose


#: The ways to settle the date, in order: the first that gives one wins.
SOURCES: tuple[Source, ...] = (
    Source("given", _given, frozenset({"stated"})),
    Source("page_stamp", _page_stamp, frozenset({"stated", "warnings"})),
    Source("explicit", _from_text(_explicit), frozenset({"found", "cues", "window", "roles", "warnings"})),
    Source("narrowed", _from_text(_narrowed),
           frozenset({"found", "cues", "window", "bounds", "roles", "warnings"})),
)
for _source in SOURCES:
    if _missing := _source.requires - EVIDENCE.provides:
        raise ChainError(f"date source {_source.name!r} requires {', '.join(sorted(_missing))}, "
                         "which no evidence provides")


def infer_date(doc: Document, actors: ActorResult, registry: Registry) -> DateInfo:
    """The publication date: given, else the page's time stamp, else from the text's dates and the
    registry's dated roles."""
    ev = Evidence(doc, actors, registry, stated(doc))
    gathered = False
    for source in SOURCES:
        if not gathered and source.requires - EVIDENCE.given:
            ev, gathered = EVIDENCE(ev), True  # the text is read only when a source needs it
        info = source.choose(ev)
        if info is not None:
            return info
    if not gathered:
        ev = EVIDENCE(ev)
    return DateInfo(None, "none", _undated_basis(ev), ev.warnings)
