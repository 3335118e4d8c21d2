"""Text in: bytes to text, markup to a same-length view, sentences, big files in pieces.

- :mod:`~factcheck.text.decode`: read a file, decide its charset, refuse binary data.
- :mod:`~factcheck.text.markup`: Markdown and HTML masked in place, so offsets into the
  view are offsets into the input; title, publication date and links.
- :mod:`~factcheck.text.sentences`: sentence spans of a view.
- :mod:`~factcheck.text.stream`: big files as pieces of whole paragraphs.
"""

from __future__ import annotations

from factcheck.text.decode import decode_bytes, read_bytes, read_text
from factcheck.text.markup import Document, Link, detect_format, parse
from factcheck.text.sentences import fold, sentence_spans
from factcheck.text.stream import LineIndex, Piece, iter_pieces

__all__ = [
    "Document",
    "LineIndex",
    "Link",
    "Piece",
    "decode_bytes",
    "detect_format",
    "fold",
    "iter_pieces",
    "parse",
    "read_bytes",
    "read_text",
    "sentence_spans",
]
