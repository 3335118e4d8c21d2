"""Big files in pieces: the pieces put together are the decoded file, with true places."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import DecodeError, InputError
from factcheck.text.decode import decode_bytes
from factcheck.text.stream import LineIndex, Piece, cut_point, iter_pieces


def naive_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def check_pieces(pieces: list[Piece], text: str, max_piece: int) -> None:
    assert "".join(piece.text for piece in pieces) == text
    offset = 0
    for piece in pieces:
        assert piece.start == offset
        assert (piece.line, piece.column) == naive_position(text, offset)
        assert 0 < len(piece.text) <= max_piece
        offset += len(piece.text)


# -------------------------------------------------------------------------- LineIndex


@pytest.mark.parametrize(
    ("text", "offset", "position"),
    [
        ("", 0, (1, 1)),
        ("abc", 2, (1, 3)),
        ("abc", 3, (1, 4)),
        ("ab\ncd", 2, (1, 3)),  # the newline itself ends line 1
        ("ab\ncd", 3, (2, 1)),
        ("ab\r\ncd", 4, (2, 1)),
        ("\n\n\nx", 3, (4, 1)),
        ("Größe €\nZeile", 9, (2, 2)),  # columns count characters, not bytes
    ],
)
def test_line_index(text: str, offset: int, position: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == position


def test_line_index_with_a_base() -> None:
    lines = LineIndex("abc\ndef", base_line=7, base_column=5)
    assert lines.position(1) == (7, 6)  # the first line goes on from the base column
    assert lines.position(5) == (8, 2)


@pytest.mark.parametrize("offset", [-1, 4])
def test_line_index_refuses_offsets_outside_the_text(offset: int) -> None:
    with pytest.raises(ValueError, match="outside the text"):
        LineIndex("abc").position(offset)


@settings(max_examples=200, deadline=None, database=None)
@given(text=st.text(alphabet="ab\n\r ", max_size=60), data=st.data())
def test_line_index_matches_counting(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert LineIndex(text).position(offset) == naive_position(text, offset)


# ----------------------------------------------------------------------------- cutting


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        pytest.param("Eins.\n\nZwei.\n\nDrei und vier", 16, 14, id="after the last blank line"),
        pytest.param("Eins.\n \t\nZwei.", 12, 9, id="a blank line with spaces"),
        pytest.param("one two three four", 10, 8, id="after the last whitespace"),
        pytest.param("Umsatz:2.400,5€/Jahr", 18, 16, id="after the last non-word character"),
        pytest.param("2.400,5", 5, 5, id="hard, inside a number"),
        pytest.param("abcdefghij", 4, 4, id="hard"),
    ],
)
def test_cut_point(text: str, limit: int, cut: int) -> None:
    assert cut_point(text, 0, limit) == cut


# ------------------------------------------------------------------------------ pieces


def test_pieces_are_whole_paragraphs(tmp_path: Path) -> None:
    paragraphs = [f"Absatz {n}: der Umsatz stieg um {n} %.\n\n" for n in range(1, 40)]
    text = "".join(paragraphs)
    path = tmp_path / "lang.txt"
    path.write_text(text, encoding="utf-8")
    pieces = list(iter_pieces(path, max_piece=200, block_size=64))
    check_pieces(pieces, text, 200)
    assert len(pieces) > 5
    for piece in pieces:
        assert piece.text.endswith("\n\n")
        assert piece.text.startswith("Absatz ")


def test_a_long_paragraph_is_cut_between_words(tmp_path: Path) -> None:
    text = " ".join(f"Wort{n}" for n in range(500))
    path = tmp_path / "absatz.txt"
    path.write_text(text, encoding="utf-8")
    pieces = list(iter_pieces(path, max_piece=100))
    check_pieces(pieces, text, 100)
    for piece in pieces[:-1]:
        assert piece.text.endswith(" ")


def test_small_file_is_one_piece(tmp_path: Path) -> None:
    path = tmp_path / "kurz.txt"
    path.write_text("Eins.\n\nZwei.\n", encoding="utf-8")
    assert list(iter_pieces(path)) == [Piece("Eins.\n\nZwei.\n", 0, 1, 1)]


def test_empty_file_has_no_pieces(tmp_path: Path) -> None:
    path = tmp_path / "leer.txt"
    path.write_bytes(b"")
    assert list(iter_pieces(path)) == []


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("Größe: 5 Mrd. €\n\nZweiter Absatz.\n".encode("cp1252"), id="cp1252"),
        pytest.param(codecs.BOM_UTF8 + "Größe €\n\nx".encode(), id="utf-8 BOM"),
        pytest.param("Größe €\n\nx\n\n".encode("utf-16"), id="utf-16 BOM"),
        pytest.param("Größe €\r\n\r\nx".encode("utf-32"), id="utf-32 BOM"),
        pytest.param("€" * 300 + "\n\n" + "ü" * 300, id="multibyte across blocks"),
    ],
)
def test_pieces_decode_as_decode_bytes_does(tmp_path: Path, data: bytes | str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    path = tmp_path / "in.txt"
    path.write_bytes(raw)
    pieces = list(iter_pieces(path, max_piece=64, block_size=7))
    check_pieces(pieces, decode_bytes(raw, str(path)), 64)


def test_charset_is_decided_from_the_start(tmp_path: Path) -> None:
    path = tmp_path / "spaeter.txt"
    path.write_bytes(b"Reiner Text am Anfang.\n\n" * 10 + "Größe".encode("cp1252"))
    pieces = iter_pieces(path, max_piece=64, block_size=16, sniff_size=64)
    with pytest.raises(DecodeError) as caught:
        list(pieces)
    assert caught.value.location == str(path)
    assert "invalid utf-8 at byte 242" in caught.value.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary data, not text"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08 some text", "binary data, not text"),
    ],
)
def test_binary_files_are_refused_before_any_piece(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "programm"
    path.write_bytes(data)
    with pytest.raises(DecodeError, match=message):
        iter_pieces(path)


def test_binary_data_later_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "gemischt.txt"
    path.write_bytes(b"Text.\n\n" * 20 + b"\x00\x01\x02")
    with pytest.raises(DecodeError, match="binary data"):
        list(iter_pieces(path, block_size=32, sniff_size=32))


@pytest.mark.parametrize(
    ("name", "message"),
    [("fehlt.txt", "no such file"), (".", "is a directory, not a file")],
)
def test_unreadable_paths_are_refused_at_once(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    with pytest.raises(InputError) as caught:
        iter_pieces(path)
    assert caught.value.message == message


@pytest.mark.parametrize("max_piece", [0, -5])
def test_max_piece_must_be_positive(tmp_path: Path, max_piece: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        iter_pieces(tmp_path / "x.txt", max_piece=max_piece)


# -------------------------------------------------------------------------- properties

PARAGRAPHS = st.lists(
    st.one_of(
        st.text(
            alphabet=st.characters(
                blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"
            ),
            max_size=80,
        ),
        st.sampled_from(["\n", "\n\n", " \n\t\n", "\r\n\r\n", "2.400,5", "€", "ß", "😀"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None, database=None)
@given(
    text=PARAGRAPHS,
    max_piece=st.integers(min_value=16, max_value=300),
    block_size=st.integers(min_value=1, max_value=200),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]),
)
def test_pieces_put_together_are_the_file(
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
    max_piece: int,
    block_size: int,
    encoding: str,
) -> None:
    path = tmp_path_factory.mktemp("stream") / "text.txt"
    path.write_bytes(text.encode(encoding))
    pieces = list(iter_pieces(path, max_piece=max_piece, block_size=block_size))
    check_pieces(pieces, text, max_piece)
