"""Raw source text -> one :class:`RawPart` per article it holds.

A source may begin with YAML front-matter (the user's word about the file:
title, date, url...).  The rest is one or more articles, each a headline line
followed by its body.  An article boundary is a headline-shaped line that the
surrounding layout marks as a new story: it comes after a blank gap, once the
current story has a body, and is followed by photo captions or a bare agency
marker, or repeats itself just below (pages print the headline twice around
the picture), or follows a gap wider than the one between paragraphs.
Subheadings (short, in capitals or in quotes) never start an article.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator.errors import ArticleError, SourceError
from generator.frontmatter import split_front_matter
from generator.ingest import shapes
from generator.model import RawPart, SourceMeta

_MAX_TITLE_WORDS = 30
_MAX_TITLE_CHARS = 250
_DERIVED_TITLE_CHARS = 80
#: How far below a headline its repetition may appear (captions sit in between).
_REPEAT_WINDOW = 12
_BODY_WORDS = 8
#: How close below a caption its second copy is printed.
_CAPTION_COPIES = 3
#: The title of a story whose text has no words to derive one from.
_UNTITLED = "Untitled"
#: Finding the stories asks of every line below a candidate headline whether it is furniture,
#: again for each candidate; the answer depends on the line alone.
_by_line = lru_cache(maxsize=1 << 16)


@dataclass(frozen=True)
class _Start:
    index: int
    title: str
    titled: bool  # False: the title was derived from the text


def _plain(value: Any) -> Any:
    """YAML dates become 'YYYY-MM-DD' strings, everywhere in the given mapping."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _given(name: str, text: str) -> tuple[SourceMeta, list[str], int]:
    """(what the front-matter states, body lines, number of file lines before the body)."""
    try:
        data, body, body_line = split_front_matter(text, name)
    except ArticleError as exc:
        raise SourceError(exc.message, name, exc.line, exc.hint) from None
    return SourceMeta.read(_plain(data)), body.split("\n"), body_line - 1


@_by_line
def _picture_noise(line: str) -> bool:
    """Lines that belong to the picture or the agency, not to the story."""
    return shapes.is_marker(line) or shapes.credit_line(line) is not None or shapes.caption_shaped(line)


@_by_line
def _noise(line: str) -> bool:
    """Lines that belong to the picture, the agency or the page, not to the story."""
    return (_picture_noise(line) or shapes.is_junk(line) or shapes.is_kicker(line)
            or shapes.heads_link_list(line))


@_by_line
def _furniture(line: str) -> bool:
    """Lines a page prints between a headline and its first paragraph: noise, bylines, time stamps."""
    return _noise(line) or shapes.byline(line) is not None or shapes.stamp(line) is not None


def _separator(line: str) -> bool:
    """A line of punctuation that divides stories: "----", "* * *", "=====" (a lone "•" does not)."""
    text = line.strip()
    return len(text.replace(" ", "")) >= 3 and not shapes.has_letters(text)


@_by_line
def _headline_shaped(line: str) -> bool:
    text = shapes.straight_quotes(shapes.normalise_space(line))
    if not shapes.has_letters(text) or len(text) > _MAX_TITLE_CHARS or len(text.split()) > _MAX_TITLE_WORDS:
        return False
    if re.search(r"[.,;:…]['\")]*$", text) or shapes.trailing_credit(text)[1]:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'"):
        return False
    return not (_noise(text) or shapes.byline(text))


def _subheading_like(line: str) -> bool:
    text = shapes.straight_quotes(shapes.normalise_space(line))
    core = shapes.unquote(text)
    return core != text or shapes.is_all_caps(core) or len(core.split()) <= 3


def _body_like(line: str) -> bool:
    return len(line.split()) >= _BODY_WORDS or shapes.ends_sentence(line)


def _paragraph_gap(lines: list[str]) -> int:
    """Blank lines that mark a bigger break than a paragraph: 2, or 1 in a file
    whose paragraphs are separated by single newlines."""
    gaps, run, seen = [], 0, False
    for line in lines:
        if line.strip():
            if seen:
                gaps.append(run)
            seen, run = True, 0
        else:
            run += 1
    single = sum(1 for g in gaps if g == 0)
    return 1 if single > len(gaps) - single else 2


def _derive_title(line: str) -> str:
    """A title for a story that has none: its first sentence, shortened at a word."""
    text = shapes.normalise_space(line)
    match = re.search(r"(?<=[a-z0-9)\"'”’]{2})[.!?](?=\s+[A-Z\"“])", text)
    sentence = text[: match.start()] if match else text.rstrip(".")
    if len(sentence) <= _DERIVED_TITLE_CHARS:
        return sentence
    return sentence[:_DERIVED_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;: ") + "…"


def _starts(lines: list[str], given_title: str | None) -> list[_Start]:
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        return []
    first = next((i for i in content if not _furniture(lines[i]) and not _separator(lines[i])), content[0])
    if _headline_shaped(lines[first]) and not _body_like_only(lines[first]):
        starts = [_Start(first, shapes.normalise_space(lines[first]), True)]
    else:
        wordy = next((i for i in content if shapes.has_letters(lines[i]) and not _noise(lines[i])), None)
        derived = _derive_title(lines[wordy]) if wordy is not None else _UNTITLED
        starts = [_Start(content[0], given_title or derived, False)]
    big_gap = _paragraph_gap(lines)
    keys = {i: shapes.key(lines[i]) for i in content}
    current = shapes.key(starts[0].title) if starts[0].titled else None
    has_body = not starts[0].titled
    # The last line of text before this one (page furniture skipped), and whether a separator
    # line ("----", "* * *") stands between them.
    previous, divided = starts[0].index, False
    told, story = has_body, set[str]()
    links_from = -2  # index of the last link-list line ("Read more:" and the links right under it)
    for position, i in enumerate(content):
        if i <= starts[0].index:
            continue
        line = lines[i]
        if shapes.heads_link_list(line) or i == links_from + 1:
            # The headlines listed under "Read more:" are links to other stories, not new ones.
            links_from = i
            continue
        if _separator(line):
            divided = True
            continue
        below = content[position + 1: position + 1 + _REPEAT_WINDOW]
        if keys[i] == current and told and _body_like(
                next((lines[j] for j in below if not _furniture(lines[j])), "")):
            # The headline again after the story's text: the story was pasted a second time.
            starts.append(_Start(i, shapes.normalise_space(line), True))
            has_body, told, story, previous, divided = False, False, set(), i, False
            continue
        if keys[i] == current or _furniture(line):
            continue
        repeated = any(keys[j] == keys[i] for j in below)
        gap = i - previous - 1
        if has_body and gap >= 1 and _headline_shaped(line):
            after = lines[below[0]] if below else ""
            first_text = next((lines[j] for j in below if not _furniture(lines[j])), "")
            framed = repeated or (bool(after) and _picture_noise(after))
            spaced = (gap >= big_gap or divided) and not _subheading_like(line)
            if framed or (spaced and bool(first_text) and _body_like(first_text)):
                starts.append(_Start(i, shapes.normalise_space(line), True))
                current, has_body, told, story, previous, divided = keys[i], False, False, set(), i, False
                continue
        if not repeated:
            has_body = True
        # Told: a paragraph of the story, not a caption printed twice in a row.
        told = told or (keys[i] not in story and _body_like(line)
                        and all(keys[j] != keys[i] for j in below[:_CAPTION_COPIES]))
        story.add(keys[i])
        previous, divided = i, False
    return starts


def _body_like_only(line: str) -> bool:
    """A first line that is plainly a sentence of body text, not a headline."""
    return len(line.split()) > _MAX_TITLE_WORDS


def _trim(lines: list[str]) -> tuple[str, ...]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return tuple(lines)


def split_source(name: str, text: str) -> tuple[RawPart, ...]:
    """Cut decoded source *text* (file *name*) into its articles, numbered 1..n."""
    meta, lines, offset = _given(name, text)
    given_title = meta.title_words
    starts = _starts(lines, given_title)
    pieces: list[tuple[_Start, tuple[str, ...]]] = []
    for number, start in enumerate(starts, start=1):
        end = starts[number].index if number < len(starts) else len(lines)
        body_from = start.index + 1 if start.titled else start.index
        body = _trim(lines[body_from:end])
        if not any(_copy_of(start, body, *earlier) for earlier in pieces):
            pieces.append((start, body))
    return tuple(
        RawPart(source_file=name, part=number, parts=len(pieces), title=start.title, lines=body,
                meta=meta, line=offset + start.index + 1,
                title_derived=not start.titled and start.title != given_title)
        for number, (start, body) in enumerate(pieces, start=1)
    )


def _copy_of(start: _Start, body: tuple[str, ...], first: _Start, first_body: tuple[str, ...]) -> bool:
    """A story pasted twice: the same headline, and nearly every paragraph already in the first copy."""
    if shapes.key(start.title) != shapes.key(first.title):
        return False
    seen = {shapes.key(line) for line in first_body if line.strip()}
    paragraphs = [shapes.key(line) for line in body if _body_like(line)]
    return bool(paragraphs) and sum(p in seen for p in paragraphs) >= 0.8 * len(paragraphs)
