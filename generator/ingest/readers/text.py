"""The text reader: today's decode and split, unchanged (``.txt``, ``.md``, ``.text``)."""

from __future__ import annotations

from generator.ingest.decode import MAX_SOURCE_BYTES, decode_source
from generator.ingest.readers.common import Reader, Reading
from generator.ingest.split import split_source


def read(name: str, data: bytes, path: str) -> Reading:
    text, encoding = decode_source(data, path)
    return Reading(split_source(name, text), encoding=encoding)


#: 2 MB: a text file has no markup to throw away.
READER = Reader("text", (".txt", ".md", ".text"), MAX_SOURCE_BYTES, read,
                too_large_hint="split it into smaller files, a few articles each")
