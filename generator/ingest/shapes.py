"""What a line of raw news text looks like: headline, caption, credit, byline, marker.

Splitting and cleaning both ask these questions, so they are answered once,
here, from the words of :class:`LineWords` (``generator/data/agencies.yaml``,
``generator/data/cleaning.yaml`` and the calendar, read by :mod:`generator.lexicon`);
nothing here knows any particular article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from generator import lexicon

#: Curly and low quotation marks -> ASCII (guillemets are left alone: they are not English quotes).
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"})
#: Spaces that are not U+0020, and invisible characters that are noise in pasted text.
_ODD_SPACE = re.compile(r"[\t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?…;:,]['\")\]]*$")
_SPACES = re.compile(r" {2,}")

#: Splitting and cleaning ask each of these questions of the same line many times (every line
#: below a candidate headline, every rule); the answers depend on the line alone.
_by_line = lru_cache(maxsize=1 << 16)


@dataclass(frozen=True)
class LineWords:
    """The words that tell the shape of a line: agencies, credits, bylines, stamps, page furniture."""

    markers: frozenset[str]
    #: alias -> canonical agency name
    agencies: dict[str, str]
    months: tuple[str, ...]
    caption_cues: tuple[str, ...]
    credit_words: frozenset[str]
    byline_prefixes: tuple[str, ...]
    byline_roles: frozenset[str]
    relay_verbs: tuple[str, ...]
    relay_links: tuple[str, ...]
    small_words: frozenset[str]
    acronyms: frozenset[str]
    #: label (case-folded) -> "published" or "updated"
    stamp_labels: dict[str, str]
    time_zones: frozenset[str]
    kickers: frozenset[str]
    junk: re.Pattern[str]
    link_list_heads: frozenset[str]
    trailer_labels: tuple[str, ...]
    #: Lower-case words inside personal names ("Ursula von der Leyen").
    name_particles: frozenset[str]
    #: Words a time stamp may hold besides its date, time and zone, lower case.
    stamp_filler: frozenset[str]
    #: "Mon 27 May 2024": a weekday abbreviation, perhaps with a full stop.
    weekday_abbreviation: re.Pattern[str]


@cache
def line_words() -> LineWords:
    agencies_file, cleaning = lexicon.read("agencies.yaml"), lexicon.read("cleaning.yaml")
    agencies = {}
    for entry in agencies_file["agencies"]:
        for alias in [entry["name"], *entry.get("aliases", [])]:
            agencies.setdefault(str(alias), str(entry["name"]))
    return LineWords(
        markers=frozenset(str(m) for m in agencies_file["markers"]),
        agencies=agencies,
        # Datelines write "Sept 14, 2023" and "Sept. 14, 2023": the pattern allows the stop.
        months=lexicon.month_names() + tuple(lexicon.month_abbreviations()),
        caption_cues=tuple(cleaning["caption_cues"]),
        credit_words=frozenset(w.casefold() for w in cleaning["credit_words"]),
        byline_prefixes=tuple(sorted(cleaning["byline_prefixes"], key=len, reverse=True)),
        byline_roles=frozenset(str(r).casefold() for r in cleaning.get("byline_roles") or ()),
        relay_verbs=tuple(cleaning["relay_verbs"]),
        relay_links=tuple(cleaning["relay_links"]),
        small_words=frozenset(cleaning["small_words"]),
        acronyms=frozenset(str(a) for a in cleaning["acronyms"]),
        stamp_labels={str(label).casefold(): kind for kind, labels in cleaning["stamp_labels"].items()
                      for label in labels},
        time_zones=frozenset(str(z) for z in cleaning["time_zones"]),
        kickers=frozenset(str(k).casefold() for k in cleaning["kickers"]),
        junk=re.compile("|".join(f"(?:{p})" for p in cleaning["junk_lines"]), re.IGNORECASE),
        link_list_heads=frozenset(str(h).casefold() for h in cleaning["link_list_heads"]),
        trailer_labels=tuple(sorted(cleaning["trailer_labels"], key=len, reverse=True)),
        name_particles=frozenset(lexicon.words("cleaning.yaml", "name_particles")),
        stamp_filler=frozenset(lexicon.words("cleaning.yaml", "stamp_filler")),
        weekday_abbreviation=re.compile(
            r"\b(?:" + "|".join(map(re.escape, lexicon.weekday_abbreviations())) + r")\b\.?"),
    )




# --- text normalisation --------------------------------------------------------


@_by_line
def normalise_space(text: str) -> str:
    """One ASCII space between words; no invisible characters; stripped."""
    # Printable ASCII holds no odd space and no invisible character: most lines are done here.
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()
    text = _INVISIBLE.sub("", _ODD_SPACE.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


def straight_quotes(text: str) -> str:
    if text.isascii():
        return text
    # A few replaces are several times faster than translate() with a table of non-ASCII keys.
    for curly, straight in _QUOTE_PAIRS:
        if curly in text:
            text = text.replace(curly, straight)
    return text


_QUOTE_PAIRS = tuple((chr(k), v) for k, v in QUOTES.items())


@_by_line
def key(text: str) -> str:
    """A comparison key: two lines with the same key are the same line."""
    return straight_quotes(normalise_space(unicodedata.normalize("NFKC", text))).casefold()


def words(text: str) -> list[str]:
    return text.split()


def has_letters(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


# --- agencies, credits, markers -----------------------------------------------


@_by_line
def is_marker(line: str) -> bool:
    """A bare agency or photo marker alone on a line ("TT", "AFP")."""
    text = normalise_space(line)
    return text in line_words().markers or text in line_words().agencies


_CREDIT_SPLIT = re.compile(r"\s*(?:/|\bvia\b|\bby\b|,|;|:|&|\band\b|\|)\s*")
_TRAILING_PAREN = re.compile(r"\s*\(([^()]{1,100})\)\s*$")
_NAME_WORD = re.compile(r"[A-Z][\w.'-]*$")


@_by_line
def is_credit(text: str) -> bool:
    """Is *text* (a parenthetical's content) a photo or agency credit: "KCNA via YNA/dpa"?"""
    k = line_words()
    pieces = [p for p in _CREDIT_SPLIT.split(normalise_space(text)) if p]
    if not pieces:
        return False
    agency = any(p in k.agencies for p in pieces)
    photo = any(w.casefold() in k.credit_words for p in pieces for w in p.split())
    if not (agency or photo):
        return False
    for piece in pieces:
        if piece in k.agencies:
            continue
        tokens = piece.split()
        # A photographer's name beside an agency or a "Photo" word: "Photo: Jane Doe/AFP".
        # "Remko de Waal/ANP": a name's particles are lower-case.
        if len(tokens) > 5 or not all(t.casefold() in k.credit_words or _NAME_WORD.match(t)
                                      or t in k.name_particles for t in tokens):
            return False
    return True


_CREDIT_LABEL = re.compile(
    r"^(?:photo|photograph|image|picture|credit)s?(?:\s+(?:source|credit))?\s*(?:[:,]|by\b)\s*",
    re.IGNORECASE)
#: A credit written after a caption without brackets: "... in Lampedusa. Photograph: Jane Doe/Reuters".
_TRAILING_LABELLED = re.compile(
    r"(?<=[.!?\"')])\s*((?:photo|photograph|image|picture)s?(?:\s+credit)?\s*:\s*[^:()]{1,100})$",
    re.IGNORECASE)
#: Letters ``re.IGNORECASE`` matches to an ASCII "i" that ``str.lower`` leaves alone.
_DOTLESS = (("\u0130", "i"), ("\u0131", "i"))


def _names_a_picture(text: str) -> bool:
    """Whether ``text`` holds a word ``_TRAILING_LABELLED`` needs (photo, image, picture)."""
    if not text.isascii():
        for odd, letter in _DOTLESS:
            text = text.replace(odd, letter)
    low = text.lower()
    return "photo" in low or "image" in low or "picture" in low


#: A wire tail alone on the last line: "— AP", "- Reuters".
_DASH_TAIL = re.compile(r"^[-–—]+\s*([^-–—\s].{0,40})$")


def credit_name(text: str) -> str:
    """A credit as recorded: "Photo: Jane Doe/AFP" -> "Jane Doe/AFP"."""
    return _CREDIT_LABEL.sub("", normalise_space(text)) or normalise_space(text)


@_by_line
def trailing_credit(line: str) -> tuple[str, str | None]:
    """(line without its trailing credit parenthetical, the credit) or (line, None)."""
    # Both patterns end the line: most lines end otherwise, and the scans are skipped.
    match = _TRAILING_PAREN.search(line) if line.rstrip().endswith(")") else None
    if match and is_credit(match.group(1)):
        return line[: match.start()].rstrip(), credit_name(match.group(1))
    labelled = _TRAILING_LABELLED.search(line) if _names_a_picture(line) else None
    if labelled and is_credit(labelled.group(1)):
        return line[: labelled.start()].rstrip(), credit_name(labelled.group(1))
    return line, None


@_by_line
def credit_line(line: str) -> str | None:
    """The credit when the whole line is one: "(AFP)", "Photo: Jane Doe/Reuters"."""
    text = normalise_space(line)
    inner = text[1:-1] if text.startswith("(") and text.endswith(")") else text
    if text != inner or _CREDIT_LABEL.match(inner):
        return credit_name(inner) if is_credit(inner) else None
    tail = _DASH_TAIL.match(text)
    if tail and tail.group(1).strip() in line_words().agencies:
        return line_words().agencies[tail.group(1).strip()]
    return None


# --- captions -------------------------------------------------------------------


@cache
def _dateline() -> re.Pattern[str]:
    month = "|".join(re.escape(m) for m in sorted(line_words().months, key=len, reverse=True))
    day_first = rf"\d{{1,2}}\s+(?:{month})\.?\s+\d{{4}}"
    month_first = rf"(?:{month})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    return re.compile(rf"^(?:{day_first}|{month_first}),\s*[^:]{{1,100}}:\s+\S")


@_by_line
def caption_shaped(line: str) -> bool:
    """A photo caption by its own shape (context-free): a date-and-place dateline,
    or a trailing credit plus words that describe a picture, or a credit that says it is a
    photograph's ("... Italy. Photograph: Jane Doe/Reuters")."""
    text = normalise_space(line)
    if _dateline().match(text):
        return True
    labelled = _TRAILING_LABELLED.search(text) if _names_a_picture(text) else None
    if labelled and is_credit(labelled.group(1)):
        return True
    rest, credit = trailing_credit(text)
    return credit is not None and any(cue in f" {rest} " for cue in line_words().caption_cues)


# --- bylines ----------------------------------------------------------------------

@_by_line
def byline(line: str) -> tuple[str, str | None] | None:
    """("Vugar Khalilov", agency or None) for "By Vugar Khalilov[, Reuters]"; else None."""
    text = normalise_space(straight_quotes(line)).rstrip(".")
    particles = line_words().name_particles
    for prefix in line_words().byline_prefixes:
        # "BY LENA ZHOU": wire services print the whole byline in capitals.
        if text.startswith(prefix + " ") or (text.startswith(prefix.upper() + " ") and is_all_caps(text)):
            rest = text[len(prefix) + 1:].strip()
            if is_all_caps(rest):
                rest = " ".join(w.lower() if w.lower() in particles else w.capitalize()
                                for w in rest.split())
            break
    else:
        return None
    name, agency = rest, None
    if "," in rest or " - " in rest or " | " in rest:
        name, tail = re.split(r",| - | \| ", rest, maxsplit=1)
        tail = tail.strip()
        if tail in line_words().agencies:
            name, agency = name.strip(), line_words().agencies[tail]
        elif _journalist_role(tail):
            name = name.strip()  # "By Sam Whitfield, Football Correspondent": the job is not the name
        else:
            return None
    people = re.split(r"\s+and\s+|\s*&\s*", name)  # "By Jane Doe and John Roe"
    for person in people:
        tokens = person.split()
        if not 1 <= len(tokens) <= 6 or not _NAME_WORD.match(tokens[0]):
            return None
        if not all(_NAME_WORD.match(t) or t in particles for t in tokens):
            return None
    return name, agency


def _journalist_role(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 6 and any(w.casefold().strip(",.") in line_words().byline_roles for w in words)


# --- headings ------------------------------------------------------------------------

_MAX_HEADING_WORDS = 8
_MAX_HEADING_CHARS = 60


def unquote(text: str) -> str:
    """Text without quotes wrapping all of it: "'Friendship'" -> "Friendship"."""
    text = text.strip()
    while len(text) >= 2 and text[0] in "\"'" and text[-1] == text[0]:
        text = text[1:-1].strip()
    return text


@_by_line
def heading_core(line: str) -> str | None:
    """The heading text if *line* is shaped like a subheading, else None.

    A subheading is short, starts with a capital, has no sentence-final
    punctuation and no quotation marks inside (once any wrapping quotes are
    removed).  Capitals and wrapping quotes are common, but not required, so
    that a heading that cleaning already normalised stays a heading.
    """
    core = unquote(straight_quotes(normalise_space(line)))
    if not core or len(core) > _MAX_HEADING_CHARS or len(core.split()) > _MAX_HEADING_WORDS:
        return None
    if not core[0].isupper() or '"' in core or core.startswith("'") or ends_sentence(core):
        return None
    if sum(ch.isalpha() for ch in core) < 2:
        return None
    return core


def is_all_caps(text: str) -> bool:
    """At least two letters, and no lower-case one (letters without case, as in CJK, pass)."""
    # Asked of every line, paragraphs too: stop at the first lower-case letter, not at the end.
    letters = 0
    for ch in text:
        if ch.isalpha():
            if not ch.isupper() and ch.lower() != ch.upper():
                return False
            letters += 1
    return letters >= 2


def title_case(text: str) -> str:
    """Title Case for a heading written in capitals; acronyms and small words handled."""
    k = line_words()
    out = []
    for index, word in enumerate(text.split()):
        bare = word.strip("()[],;:'\"")
        if bare in k.acronyms or "." in bare:
            out.append(word)
        elif index and bare.casefold() in k.small_words:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


# --- page furniture: kickers, junk, time stamps, trailers ------------------------------


@_by_line
def is_kicker(line: str) -> bool:
    """A label printed above a headline: "EXCLUSIVE", "Analysis |"."""
    text = normalise_space(straight_quotes(line)).strip(" :|-–—•")
    return bool(text) and text.casefold() in line_words().kickers


@_by_line
def is_junk(line: str) -> bool:
    """Page furniture on a line of its own: "Advertisement", "Read more: ...", "Copyright 2024 ..."."""
    text = normalise_space(straight_quotes(line))
    return bool(text) and len(text) <= 500 and line_words().junk.fullmatch(text) is not None


@_by_line
def heads_link_list(line: str) -> bool:
    """"Related:", "Read more", "Related Topics": the short lines after it are links."""
    return normalise_space(line).casefold() in line_words().link_list_heads


_TIME_OF_DAY = re.compile(
    r"(?<![\w:.])\d{1,2}(?:[:.]\d{2}){0,2}\s*(?:[ap]\.?\s?m\.?|h)(?![\w])|(?<![\w:.])\d{1,2}[:.]\d{2}(?::\d{2})?(?![\w:])",
    re.IGNORECASE)
_AGO = re.compile(
    r"\b(?:\d{1,3}|an?|one|few)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE)
_ZONE_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*[+-−]\s*\d{1,2}(?::?\d{2})?", re.IGNORECASE)
_MAX_STAMP_CHARS = 90


def _stamp_label(text: str) -> tuple[str | None, str]:
    labels = line_words().stamp_labels
    for label in sorted(labels, key=len, reverse=True):
        if text.casefold().startswith(label) and not text[len(label):len(label) + 1].isalnum():
            return labels[label], text[len(label):]
    return None, text


@_by_line
def stamp(line: str) -> str | None:
    """"published" or "updated" when *line* is only a time stamp ("Published: 12 Feb 2024 10:32 GMT",
    "Oct. 12, 2023, 6:05 p.m. ET", "Updated 3 hours ago"); None when it holds anything else."""
    from generator.ingest.temporal import find_time_expressions  # temporal needs nothing from here

    text = normalise_space(line)
    # Every stamp holds a digit; the check keeps the date search off ordinary lines.
    if not text or len(text) > _MAX_STAMP_CHARS or not any(ch.isdigit() for ch in text):
        return None
    kind, rest = _stamp_label(text)
    dates = [e for e in find_time_expressions(rest) if e.kind in ("date", "month", "weekday")]
    ago = _AGO.search(rest)
    if not (any(e.kind == "date" for e in dates) or ago or (kind and dates)):
        return None
    for expr in sorted(dates, key=lambda e: -e.start):
        rest = rest[:expr.start] + " " + rest[expr.end:]
    k = line_words()
    for pattern in (_AGO, _ZONE_OFFSET, _TIME_OF_DAY, k.weekday_abbreviation):
        rest = pattern.sub(" ", rest)
    leftover = [w for w in re.findall(r"[A-Za-z]+|\d+", rest)
                if w not in k.time_zones and w.casefold() not in k.stamp_filler]
    return None if leftover else (kind or "published")


@_by_line
def trailer(line: str) -> str | None:
    """The reporters of a wire trailer ("Reporting by A and B; Editing by C" -> "A and B"), "" when
    it names only editors; None when *line* is no trailer."""
    text = normalise_space(straight_quotes(line)).strip("()").rstrip(".")
    pieces = [p.strip() for p in text.split(";") if p.strip()]
    if not pieces:
        return None
    names = []
    for piece in pieces:
        folded = piece.casefold()
        labels = line_words().trailer_labels
        label = next((lb for lb in labels if folded.startswith(lb.casefold() + " ")), None)
        if label is None:
            return None
        found = byline("By " + piece[len(label) + 1:].split(" in ", 1)[0])
        if found is None:
            return None
        names.append((label, found[0]))
    first_label, first_name = names[0]
    return first_name if not first_label.casefold().startswith(("editing", "edited")) else ""


_PLACE_TAIL = re.compile(r"\s+in\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}$")


@_by_line
def name_line(line: str) -> str | None:
    """A line that is only a person's name, perhaps with where they write from ("Jane Doe in Brussels")."""
    text = _PLACE_TAIL.sub("", normalise_space(straight_quotes(line)))
    if len(text.split()) < 2 or byline(text) is not None:
        return None  # a "By ..." line is the byline rule's
    found = byline("By " + text)
    return found[0] if found and found[1] is None else None
