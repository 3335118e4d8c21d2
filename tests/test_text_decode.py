"""Bytes to text: charsets decided right, binary data and unreadable paths refused clearly."""

from __future__ import annotations

import codecs
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.errors import DecodeError, InputError
from factcheck.text.decode import (
    BINARY,
    UNDECODABLE,
    choose_encoding,
    decode_bytes,
    looks_binary,
    plausible_western,
    read_bytes,
    read_text,
)

GERMAN = "Der Konzern investiert 2,4 Mrd. € in Görlitz; die Übernahme kostet 300 Mio. €."
GERMAN_LATIN1 = "Die Größe des Geländes: 120 Hektar, Baubeginn im März, Kosten ½ Mrd. Mark."
ENGLISH_CP1252 = "The “deal” is worth €5 billion – about 10% more than in 2024…"
RUSSIAN = "Компания инвестирует пять миллиардов рублей в новый завод под Москвой."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "", id="empty"),
        pytest.param(b"plain ASCII, 5 %", "plain ASCII, 5 %", id="ascii"),
        pytest.param(GERMAN.encode(), GERMAN, id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + GERMAN.encode(), GERMAN, id="utf-8 with BOM"),
        pytest.param(GERMAN.encode("utf-16"), GERMAN, id="utf-16 with BOM (native order)"),
        pytest.param(codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"), GERMAN, id="utf-16-be BOM"),
        pytest.param(codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"), GERMAN, id="utf-16-le BOM"),
        pytest.param(GERMAN.encode("utf-32"), GERMAN, id="utf-32 with BOM"),
        pytest.param(GERMAN.encode("cp1252"), GERMAN, id="cp1252 German with euro sign"),
        pytest.param(GERMAN_LATIN1.encode("latin-1"), GERMAN_LATIN1, id="latin-1 German"),
        pytest.param(ENGLISH_CP1252.encode("cp1252"), ENGLISH_CP1252, id="cp1252 curly quotes"),
        pytest.param("Größe".encode("cp1252"), "Größe", id="one short cp1252 word"),
        pytest.param(RUSSIAN.encode("utf-8"), RUSSIAN, id="utf-8 Cyrillic"),
        pytest.param(RUSSIAN.encode("cp1251"), RUSSIAN, id="cp1251 is not read as cp1252"),
    ],
)
def test_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "in.txt") == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"text\x00with a NUL", BINARY, id="NUL byte"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BINARY, id="PNG header"),
        pytest.param(b"PK\x03\x04\x14\x06\x08\x01\x02", BINARY, id="control characters"),
        pytest.param(random.Random(7).randbytes(4096), BINARY, id="random bytes (they hold a NUL)"),
        pytest.param(bytes(range(1, 32)) * 20, BINARY, id="mostly control characters"),
    ],
)
def test_binary_data_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data, "upload.bin")
    assert caught.value.message == message
    assert caught.value.location == "upload.bin"
    assert str(caught.value) == f"upload.bin: {message}"


def test_random_bytes_without_nul_are_refused() -> None:
    data = random.Random(11).randbytes(4096).replace(b"\x00", b"\x01")
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data, "weird.txt")
    assert caught.value.message in (BINARY, UNDECODABLE)


@pytest.mark.parametrize(
    ("sample", "complete", "expected"),
    [
        pytest.param("Größe €".encode(), True, "utf-8", id="whole utf-8"),
        pytest.param("Größe €".encode()[:-1], False, "utf-8", id="utf-8 cut mid-character"),
        pytest.param(codecs.BOM_UTF8 + b"Hi", True, "utf-8-sig", id="BOM"),
        pytest.param("Größe: 5 €\n".encode("cp1252"), True, "cp1252", id="cp1252"),
    ],
)
def test_choose_encoding(sample: bytes, complete: bool, expected: str) -> None:
    assert choose_encoding(sample, "x", complete=complete) == expected


def test_a_cut_utf8_sample_is_not_utf8_when_complete() -> None:
    cut = "Größe €".encode()[:-1]
    assert choose_encoding(cut, "x", complete=True) != "utf-8"


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("Straße, Größe, Übernahme: 5 Mrd. €", True),
        ("„Wir wachsen“, sagte die Chefin – um 5 %.", True),
        ("café, naïve, résumé", True),
        ("Ïîäïèñàíèå", False),  # Cyrillic bytes read as cp1252
        ("ÄÖÜÄÖÜ", False),
    ],
)
def test_plausible_western(text: str, plausible: bool) -> None:
    assert plausible_western(text) is plausible


@pytest.mark.parametrize(
    ("text", "binary"),
    [
        ("", False),
        ("Zeile\n\tZeile\r\n\f", False),
        ("\x01\x02\x03 abc", True),
        ("a" * 95 + "\x07", False),
    ],
)
def test_looks_binary(text: str, binary: bool) -> None:
    assert looks_binary(text) is binary


def test_read_text_decodes_a_cp1252_file(tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_bytes(GERMAN.encode("cp1252"))
    assert read_text(path) == GERMAN
    assert read_bytes(path) == GERMAN.encode("cp1252")


def test_read_text_names_the_file_when_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(DecodeError, match=r"image\.png: binary data, not text"):
        read_text(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda base: base / "missing.txt", "no such file", id="missing"),
        pytest.param(lambda base: base, "is a directory, not a file", id="directory"),
        pytest.param(
            lambda base: base / "missing-dir" / "a.txt", "no such file", id="missing parent"
        ),
    ],
)
def test_unreadable_paths(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        read_bytes(path)
    assert caught.value.location == str(path)
    assert caught.value.message == message
    assert not isinstance(caught.value, DecodeError)


def test_a_file_used_as_a_directory(tmp_path: Path) -> None:
    file = tmp_path / "a.txt"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a directory"):
        read_bytes(file / "b.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("geheim", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_bytes(path)
    finally:
        path.chmod(0o644)
