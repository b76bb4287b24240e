"""Bytes of a raw source -> text with ``\\n`` line ends.

Sources are pasted from web pages and word processors: UTF-8 with or without
a BOM most of the time, Windows-1252 often enough, occasionally something
else.  The encoding actually assumed is returned so ingest can report it.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from generator.errors import SourceError

#: C0 controls other than tab, LF, VT, FF, CR: a text file has (almost) none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Line breaks other than LF, so that ``str.split("\n")`` and ``splitlines()`` agree afterwards.
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: In Western European text accented letters are a small share of all characters (under 10%);
#: in Cyrillic or Greek text most characters are non-ASCII.
_MAX_WESTERN_HIGH_SHARE = 0.3
#: Legacy single-byte code pages considered for text that is not mostly ASCII.
_LEGACY = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "iso8859_5",
           "cp1253", "iso8859_7", "cp1254", "cp1255", "cp1256", "cp1257", "cp874")
#: Share of control characters above which a "text" is really a binary file.
_MAX_CONTROL_SHARE = 0.01
#: Largest source accepted.  A news article is a few tens of kB and a file of fifty pasted
#: articles about 1 MB; extraction time grows faster than the text (800 kB of one story
#: takes seconds, 20 MB hours), so a bigger file is refused up front instead of hanging ingest.
MAX_SOURCE_BYTES = 2_000_000


def _normalise_newlines(text: str) -> str:
    return _BREAKS.sub("\n", text)


def _binary(path: str, why: str) -> SourceError:
    return SourceError(f"not a text file ({why})", path, hint="sources must be plain text, e.g. UTF-8")


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > max(1, len(text) * _MAX_CONTROL_SHARE)


def _decode_legacy(data: bytes, path: str) -> tuple[str, str]:
    # Windows-1252 when the text is mostly ASCII: it is what Western pages and
    # Word save, a superset of Latin-1's printable range, and a statistical
    # detector misreads a few accented letters in English prose (as cp932,
    # say).  Text in another script is mostly non-ASCII bytes; then we ask
    # charset-normalizer among the legacy code pages such text comes in.
    try:
        text: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    high = sum(1 for byte in data if byte >= 0x80)
    if text is not None and high <= len(data) * _MAX_WESTERN_HIGH_SHARE:
        return text, "cp1252"
    guess = charset_normalizer.from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if guess is None:
        if text is not None:
            return text, "cp1252"
        raise _binary(path, "bytes match no known text encoding")
    return str(guess), guess.encoding


def decode_source(data: bytes, path: str) -> tuple[str, str]:
    """Decode a source file's *data*; return (text with LF line ends, encoding assumed).

    Raises :class:`SourceError` naming *path* for a binary, empty or oversized file.
    """
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"too large to ingest ({len(data) / 1e6:.1f} MB; the limit is "
                          f"{MAX_SOURCE_BYTES / 1e6:.0f} MB)", path,
                          hint="split it into smaller files, a few articles each")
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _binary(path, f"UTF-8 BOM but invalid UTF-8 at byte {exc.start + 3}") from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise _binary(path, "UTF-16 BOM but invalid UTF-16") from None
    elif b"\x00" in data:
        raise _binary(path, "it contains NUL bytes")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data, path)
    if "\x00" in text or _looks_binary(text):
        raise _binary(path, "it is full of control characters")
    if not text.strip():
        # Said, not skipped in silence: an empty source is a paste or a save that went wrong.
        raise SourceError("the file is empty", path,
                          hint="paste the article's text into it, or delete the file")
    return _normalise_newlines(text), encoding
