"""What every reader shares: its declaration, its result, and the steps HTML and feeds share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.errors import GeneratorError, SourceError
from generator.model import RawPart, SourceMeta


@dataclass(frozen=True)
class Reading:
    """What a reader made of one file."""

    parts: tuple[RawPart, ...]
    #: Entries that could not be read (each names the file and the entry); the others are in ``parts``.
    errors: tuple[GeneratorError, ...] = ()
    #: The encoding assumed when the file did not say (the report names a legacy one); None when it did.
    encoding: str | None = None


@dataclass(frozen=True)
class Reader:
    #: Written as ``source.format`` in the article's front-matter.
    name: str
    suffixes: tuple[str, ...]
    #: Largest file accepted, checked on the open file before it is read whole.
    max_bytes: int
    read: Callable[[str, bytes, str], Reading]
    #: What to do about a file over ``max_bytes``.
    too_large_hint: str = "save the page or feed without its images and scripts, or split it"


#: Saved pages carry their scripts, styles and inline images: a real news page saved by a browser
#: is 0.2 to 3 MB.  Extraction time grows with the markup, so a bigger file is refused up front.
MAX_MARKUP_BYTES = 10_000_000

#: Signatures of files that are not markup, whatever their suffix says ("Save as" of a PDF).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"ID3", "an MP3 file"),
)


def refuse_non_markup(data: bytes, path: str, kind: str) -> None:
    """A file that is really a PDF, an image or an archive is said to be one, by name."""
    if not data.strip():
        raise SourceError("the file is empty", path, hint=f"save the {kind} again, or delete the file")
    head = data[:16]
    if head[4:12] in (b"ftypavif", b"ftypheic") or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        raise SourceError(f"not a {kind}: it is an image", path, hint=f"save the {kind} itself, as HTML")
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise SourceError(f"not a {kind}: it is {what}", path,
                              hint=f"save the {kind} itself (as HTML or XML), or delete the file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(f"not a {kind}: it is a binary file", path, hint="delete the file")


_SPACE = re.compile(r"\s+")


def one_line(value: Any) -> str | None:
    """A metadata value as one line of text, or None when it has none."""
    if value is None:
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


def paragraph_lines(text: str) -> tuple[str, ...]:
    """Extracted text (one paragraph a line) as a raw part's lines: paragraphs apart by a blank line,
    the layout the text reader's sources have."""
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            lines += [line, ""]
    return tuple(lines[:-1])


def given(**values: str | None) -> SourceMeta:
    """What a source states about itself, read as its front-matter would be (keys left empty are
    left out)."""
    return SourceMeta.read({key: value for key, value in values.items() if value})


def language_tag(value: str | None) -> str | None:
    """``en_US`` (Open Graph) and ``en-us`` (RSS) as the BCP 47 tag ``en-US``."""
    value = one_line(value)
    if value is None or not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", value):
        return None
    first, *rest = value.replace("_", "-").split("-")
    return "-".join([first.lower(), *(p.upper() if len(p) == 2 else p for p in rest)])


def safe_url(value: str | None) -> str | None:
    """An absolute http(s) URL as stated, or None: no other scheme reaches the site."""
    value = one_line(value)
    if value is None or " " in value or not re.match(r"https?://[^/\s]", value, re.IGNORECASE):
        return None
    return value
