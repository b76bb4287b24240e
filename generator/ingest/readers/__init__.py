"""Readers: the bytes of one source file -> the raw parts it holds, chosen by the file's suffix.

Every reader hands the rest of ingest the same thing a plain-text source with front-matter
gives: :class:`RawPart` values whose ``given`` holds what the source states about itself
(title, date and its basis, url, author, publisher, language), used as given.  A new input
format is one new module here and one line in :data:`READERS`.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from generator.errors import SourceError
from generator.ingest.readers import feed, html, text
from generator.ingest.readers.common import Reader, Reading
from generator.ingest.readers.duplicates import duplicates

#: In the order a suffix is looked up; each suffix belongs to one reader.
READERS: tuple[Reader, ...] = (text.READER, html.READER, feed.READER)
SUFFIXES: tuple[str, ...] = tuple(s for r in READERS for s in r.suffixes)
_BY_SUFFIX = {suffix: reader for reader in READERS for suffix in reader.suffixes}
assert len(_BY_SUFFIX) == len(SUFFIXES), "a suffix claimed by two readers"


def reader_for(name: str) -> Reader | None:
    return _BY_SUFFIX.get(PurePath(name).suffix.lower())


def read_source(name: str, data: bytes, path: str) -> Reading:
    """The parts of source file *name* (named *path* in messages).  Raises :class:`SourceError`
    when nothing of it can be read; entries that cannot be read are in ``Reading.errors``."""
    reader = reader_for(name)
    if reader is None:
        raise SourceError("no reader for this kind of file", path,
                          hint="sources are " + ", ".join(SUFFIXES) + " files")
    if reader.max_bytes is not None and len(data) > reader.max_bytes:
        raise SourceError(f"too large to ingest (over {reader.max_bytes / 1e6:.0f} MB, the limit for "
                          f"{reader.name} sources)", path,
                          hint="save the page or feed without its images and scripts, or split it")
    return reader.read(name, data, path)


def read_file(path: Path) -> bytes:
    """A source file's bytes, read no further than one byte past its reader's size limit.

    A 20 MB page is refused after reading 10 MB + 1 byte of it, not all of it; what
    :func:`read_source` gets is then over the limit and refused with the limit in its message.
    """
    reader = reader_for(path.name)
    limit = reader.max_bytes if reader is not None else None
    if limit is None:
        return path.read_bytes()
    with path.open("rb") as handle:
        return handle.read(limit + 1)


__all__ = ["READERS", "SUFFIXES", "Reader", "Reading", "duplicates", "read_file", "read_source", "reader_for"]
