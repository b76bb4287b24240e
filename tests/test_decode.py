"""Decoding raw sources: encodings, BOMs, line ends, binary files."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import SourceError
from generator.ingest.decode import MAX_SOURCE_BYTES, decode_source

TEXT = "Détente “talks” — Kim’s visit\nSecond line\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_encodings(data: bytes, encoding: str) -> None:
    assert decode_source(data, "a.txt") == (TEXT, encoding)


def test_latin1_is_read_as_cp1252() -> None:
    assert decode_source("Café in Zürich\n".encode("latin-1"), "a.txt") == ("Café in Zürich\n", "cp1252")


def test_cyrillic_code_page() -> None:
    text = "Переговоры в Арктике начались в среду, сообщили официальные лица."
    assert decode_source(text.encode("cp1251"), "a.txt") == (text, "cp1251")


@pytest.mark.parametrize("data", [
    b"one\r\ntwo\rthree\n", b"one\ntwo\x0cthree\n", "one\u2028two\u2029three\n".encode(),
])
def test_line_ends_become_lf(data: bytes) -> None:
    assert decode_source(data, "a.txt")[0] == "one\ntwo\nthree\n"


@pytest.mark.parametrize("data", [b"", b"  \r\n\n\t\n", b"\xef\xbb\xbf\n"])
def test_empty_file_is_refused_with_what_to_do(data: bytes) -> None:
    with pytest.raises(SourceError) as caught:
        decode_source(data, "sources/blank.txt")
    assert str(caught.value) == ("sources/blank.txt: the file is empty "
                                 "(paste the article's text into it, or delete the file)")


def test_oversized_file_is_refused_before_decoding() -> None:
    with pytest.raises(SourceError) as caught:
        decode_source(b"word " * (MAX_SOURCE_BYTES // 5 + 1), "sources/dump.txt")
    assert caught.value.path == "sources/dump.txt" and "too large" in str(caught.value)
    assert decode_source(b"word " * (MAX_SOURCE_BYTES // 5), "a.txt")[1] == "utf-8"


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    b"%PDF-1.4\n\x00\x01\x02",
    bytes(range(1, 32)) * 20,
])
def test_binary_files_are_refused(data: bytes) -> None:
    with pytest.raises(SourceError) as caught:
        decode_source(data, "sources/photo.png")
    assert caught.value.path == "sources/photo.png"
    assert "not a text file" in str(caught.value)


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_source_error(data: bytes) -> None:
    try:
        text, encoding = decode_source(data, "any.bin")
    except SourceError:
        return
    assert "\r" not in text and "\x00" not in text and encoding
