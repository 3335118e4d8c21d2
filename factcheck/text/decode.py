"""Bytes to text: read a file, decide its charset, refuse binary data.

The chain, each step testable alone:

1. a byte-order mark names the codec (UTF-8, UTF-16, UTF-32);
2. NUL bytes without such a mark mean binary data;
3. bytes that are valid UTF-8 are UTF-8;
4. bytes that read as plausible Western text in cp1252 are cp1252 (charset_normalizer
   guesses cp1250 or mac_latin2 for short German text, which garbles "ß" and "€");
5. otherwise charset_normalizer decides;
6. decoded text that is mostly control characters is binary after all.

:mod:`factcheck.text.stream` applies the same steps to the first few MiB of a big file.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from factcheck.errors import DecodeError, InputError, path_problem

BINARY = "binary data, not text"
UNDECODABLE = "cannot decode text (tried utf-8 and a detected charset)"

#: Byte-order marks, the longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
#: The codecs named here drop the mark themselves, incremental decoders included.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Control characters that text does not contain; tab, newlines and form feed it may.
_CONTROL = re.compile(
    r"""
    [\x00-\x08]         # NUL to backspace
  | [\x0e-\x1f\x7f]     # shift-out to unit separator, and DEL
    """,
    re.VERBOSE,
)

#: Four non-ASCII characters in a row: no German, English or French word has that, but
#: every Cyrillic or Greek word read with the wrong single-byte charset has.
_NON_ASCII_RUN = re.compile(
    r"""
    [^\x00-\x7f]{4}     # e.g. "Ïðèâåò", which is "Привет" (cp1251) read as cp1252
    """,
    re.VERBOSE,
)

#: A surrogate code point: never text, always half of a broken pair. JSON's "\\ud800"
#: escapes and file names that are not UTF-8 (Python keeps their bytes as surrogates)
#: bring them in, and no UTF-8 writer can write them.
_SURROGATE = re.compile(
    r"""
    [\ud800-\udfff]     # a lone surrogate; a valid pair is one code point in a str
    """,
    re.VERBOSE,
)

#: The largest document read whole (a draft, a local source, standard input), in bytes:
#: reading one takes some two hundred times its size in memory, so a bigger one would
#: exhaust the machine rather than give a result. The ``max_bytes`` setting changes it.
MAX_DOCUMENT_BYTES = 10_000_000

#: Share of control characters above which decoded "text" is taken for binary data.
_MAX_CONTROL_SHARE = 0.10
#: Share of non-ASCII characters above which text is not plausibly Western European.
_MAX_NON_ASCII_SHARE = 0.50


def _os_error_message(exc: OSError) -> str:
    """One clear line for why a path could not be read."""
    if isinstance(
        exc, FileNotFoundError | IsADirectoryError | PermissionError | NotADirectoryError
    ):
        return path_problem(exc, "no such file")
    return f"cannot read: {exc.strerror or exc}"


def input_error(path: Path, exc: OSError) -> InputError:
    """The :class:`InputError` for an ``OSError`` raised while opening or reading ``path``.

    >>> str(input_error(Path("a.txt"), FileNotFoundError(2, "No such file")))
    'a.txt: no such file'
    """
    return InputError(str(path), _os_error_message(exc))


def open_binary(path: Path) -> BinaryIO:
    """``path`` opened for reading bytes; :class:`InputError` with one clear message if not."""
    if path.is_dir():  # some platforms open directories without complaint
        raise input_error(path, IsADirectoryError())
    try:
        return path.open("rb")
    except OSError as exc:
        raise input_error(path, exc) from None


def read_bytes(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """All bytes of ``path``; :class:`InputError` with one clear message if unreadable or
    longer than ``max_bytes``, found after reading at most one byte more (so that
    ``/dev/zero`` or a pipe that never ends is refused, not read until memory runs out).
    """
    with open_binary(path) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise input_error(path, exc) from None
    if len(data) > max_bytes:
        raise too_large(str(path), max_bytes)
    return data


def too_large(location: str, max_bytes: int) -> InputError:
    """The :class:`InputError` for a document longer than ``max_bytes``.

    >>> str(too_large("a.md", 10))
    'a.md: larger than 10 bytes, the limit for one document (setting max_bytes)'
    """
    limit = f"larger than {max_bytes:,} bytes, the limit for one document (setting max_bytes)"
    return InputError(location, limit)


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names, or None.

    >>> bom_codec(b"\\xef\\xbb\\xbfHallo"), bom_codec(b"\\xff\\xfeH\\x00"), bom_codec(b"Hi")
    ('utf-8-sig', 'utf-16', None)
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def is_utf8(data: bytes, *, complete: bool = True) -> bool:
    """Whether ``data`` is valid UTF-8; with ``complete=False`` it may end mid-character.

    >>> is_utf8("Größe".encode()), is_utf8("Größe".encode("cp1252"))
    (True, False)
    >>> is_utf8("€".encode()[:2]), is_utf8("€".encode()[:2], complete=False)
    (False, True)
    """
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def plausible_western(text: str) -> bool:
    """Whether ``text`` looks like English or German rather than a misread charset.

    >>> plausible_western("Größe: 5 €, Straße"), plausible_western("Ïðèâåò, ìèð")
    (True, False)
    """
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if non_ascii > _MAX_NON_ASCII_SHARE * max(1, len(text)):
        return False
    return _NON_ASCII_RUN.search(text) is None


def looks_binary(text: str) -> bool:
    """Whether decoded ``text`` is mostly control characters, as binary data read as text is.

    >>> looks_binary("line one\\n\\tline two\\f"), looks_binary("PK\\x03\\x04\\x14\\x00\\x08")
    (False, True)
    """
    if not text:
        return False
    controls = sum(1 for _ in _CONTROL.finditer(text))
    return controls > _MAX_CONTROL_SHARE * len(text)


def _cp1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined
        return None


def choose_encoding(data: bytes, location: str, *, complete: bool = True) -> str:
    """The codec to decode ``data`` with; :class:`DecodeError` if it is binary or unknown.

    ``complete=False`` says ``data`` is only the start of a longer input, which may end
    in the middle of a character.

    >>> choose_encoding("Größe".encode(), "x"), choose_encoding("Größe 5 €".encode("cp1252"), "x")
    ('utf-8', 'cp1252')
    """
    bom = bom_codec(data)
    if bom is not None:
        return bom
    if b"\x00" in data:
        raise DecodeError(location, BINARY)
    if is_utf8(data, complete=complete):
        return "utf-8"
    if not complete:  # a charset guess must not see a character cut in half
        data = data[: data.rfind(b"\n") + 1] or data
    western = _cp1252(data)
    if western is not None and plausible_western(western):
        return "cp1252"
    match = charset_normalizer.from_bytes(data).best()
    if match is None:
        raise DecodeError(location, UNDECODABLE)
    return match.encoding


def decode_bytes(data: bytes, location: str) -> str:
    """Decode ``data`` read from ``location`` (a path or URL, for messages only).

    >>> decode_bytes("Umsatz: 5 Mrd. €".encode("cp1252"), "in.txt")
    'Umsatz: 5 Mrd. €'
    >>> decode_bytes(b"\\xef\\xbb\\xbfHi", "in.txt"), decode_bytes(b"", "in.txt")
    ('Hi', '')
    """
    if not data:
        return ""
    encoding = choose_encoding(data, location)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise DecodeError(location, UNDECODABLE) from None
    if looks_binary(text):
        raise DecodeError(location, BINARY)
    return text


def replace_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, one for one, so that
    offsets into it stay offsets into the original.

    >>> replace_surrogates("up 4% \\ud800now") == "up 4% \\ufffdnow"
    True
    """
    return _SURROGATE.sub("\ufffd", text)


def read_text(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """The decoded text of the file at ``path`` (at most ``max_bytes`` long)."""
    return decode_bytes(read_bytes(path, max_bytes), str(path))
