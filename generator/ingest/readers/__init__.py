"""Readers: the bytes of one source file -> the raw parts it holds, chosen by the file's suffix.

Every reader hands the rest of ingest the same thing a plain-text source with front-matter
gives: :class:`RawPart` values whose ``meta`` (:class:`SourceMeta`) holds what the source states
about itself (title, date and its basis, url, author, publisher, language), used as given.  A new input
format is one new module here and one line in :data:`READERS`.
"""

from __future__ import annotations

from pathlib import PurePath

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
    if len(data) > reader.max_bytes:
        raise SourceError(f"too large to ingest (over {reader.max_bytes / 1e6:.0f} MB, the limit for "
                          f"{reader.name} sources)", path,
                          hint="save the page or feed without its images and scripts, or split it")
    return reader.read(name, data, path)


__all__ = ["READERS", "SUFFIXES", "Reader", "Reading", "duplicates", "read_source", "reader_for"]
