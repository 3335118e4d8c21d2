"""Documents to check and to check against: drafts and sources read from files.

A document is read whole (drafts and sources are articles, not logs), its markup
masked, and its publication date taken from Markdown front matter or HTML metadata;
a date it does not state stays ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck import gitignore
from factcheck.errors import InputError, SourceError
from factcheck.extract.lang import document_lang
from factcheck.extract.pipeline import DEFAULT_SETTINGS, claims_of_view
from factcheck.models import Claim
from factcheck.settings import Settings
from factcheck.text import mainpart, markup
from factcheck.text.decode import MAX_DOCUMENT_BYTES, read_text, replace_surrogates
from factcheck.walk import files_under

#: What a directory given as a source contributes: the files a newsroom keeps articles in.
DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
#: A paragraph break: a blank line (a line of nothing but spaces counts as blank).
_BLANK_LINE = re.compile(
    r"""
    \n [ \t\r\f\v]* \n                       # a line break, a blank line, a line break
    """,
    re.VERBOSE,
)
#: A paragraph break in the view of an HTML page: every line break (a block a line).
_NEWLINE = re.compile(
    r"""
    \n                                       # a line break
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Document:
    """A read document with its claims."""

    location: str
    text: str
    lang: str
    title: str | None
    published: dt.date | None
    links: tuple[markup.Link, ...]
    claims: tuple[Claim, ...]
    #: the text with its markup masked, offsets unchanged (what claims were read from)
    view: str = ""
    #: the sources a draft names in its front matter, as written; None: it names none
    sources: tuple[str, ...] | None = None
    #: the offsets at which its paragraphs start, the first at 0 (see :func:`paragraphs`)
    paragraphs: tuple[int, ...] = (0,)


def paragraphs(view: str, fmt: markup.Format) -> tuple[int, ...]:
    """The offsets at which the paragraphs of a document's view start, the first at 0: a
    paragraph is a block of visible text between blank lines (Markdown, plain text) or
    a block of HTML (a ``<p>``, a list item, a heading), which its view puts on a line of
    its own (see :mod:`~factcheck.text.markup`).

    >>> paragraphs("One.\\n\\nTwo.\\nStill two.", "markdown"), paragraphs("A\\nB", "html")
    ((0, 6), (0, 2))
    """
    splitter = _NEWLINE if fmt == "html" else _BLANK_LINE
    return (0, *(m.end() for m in splitter.finditer(view)))


def is_document(path: Path) -> bool:
    """Whether a file found in a folder is read as a document (by its extension)."""
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def expand(paths: Iterable[Path], problems: list[tuple[str, str]] | None = None) -> list[Path]:
    """Files named directly, and the document files under directories, in a stable order.

    Raises :class:`SourceError` for a path that does not exist: a source the user named
    and the checker never read would make every verdict quietly weaker. What git ignores
    under a directory is left out (:mod:`factcheck.gitignore`). A folder under them that
    cannot be read is added to ``problems`` as (folder, why), or raised as a
    :class:`SourceError` without a list; links to folders are not entered
    (:mod:`factcheck.walk`).
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            unread: list[tuple[str, str]] = []
            found.extend(gitignore.kept(path, files_under(path, is_document, unread)))
            if unread and problems is None:
                raise SourceError(*unread[0])
            if problems is not None:
                problems.extend(unread)
        elif path.exists():
            found.append(path)
        else:
            raise SourceError(str(path), "no such file or directory")
    return found


def parse_document(
    location: str,
    text: str,
    *,
    lang: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    entities: Sequence[str] = (),
    fmt: markup.Format | None = None,
    article: bool = True,
    strict: bool = False,
) -> Document:
    """A document from its decoded text; ``location`` names it and, unless ``fmt`` is
    given, decides its format. Of an HTML page only the article is read (its navigation,
    teasers and footer are masked; see :mod:`~factcheck.text.mainpart`) unless
    ``article`` is False.

    ``strict`` (a file of the user's): metadata the author wrote that cannot be read, such
    as a front matter date in no known form, is an :class:`InputError` with its line
    rather than a date quietly missing.
    """
    fmt = fmt or markup.detect_format(location, text)
    parsed = mainpart.parse(text, fmt, article=article)
    if strict and parsed.problems:
        line, message = parsed.problems[0]
        raise InputError(location, message, line)
    doc_lang = document_lang(parsed.view, parsed.lang, lang)
    claims = claims_of_view(text, parsed.view, doc_lang, settings=settings, entities=entities)
    return Document(
        location=location,
        text=text,
        lang=doc_lang,
        title=parsed.title,
        published=parsed.published,
        links=parsed.links,
        claims=tuple(claims),
        view=parsed.view,
        sources=parsed.sources,
        paragraphs=paragraphs(parsed.view, parsed.fmt),
    )


def read_document(
    path: Path,
    *,
    lang: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    entities: Sequence[str] = (),
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Document:
    """Read, decode and extract one file of at most ``max_bytes``; :class:`InputError`
    names it if it is unusable."""
    text = read_text(path, max_bytes)
    # A file name that is not UTF-8 reaches Python with its bytes as lone surrogates,
    # which no report can write: they are shown as U+FFFD.
    location = replace_surrogates(str(path))
    return parse_document(
        location, text, lang=lang, settings=settings, entities=entities, strict=True
    )


def read_documents(
    paths: Iterable[Path],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    entities: Sequence[str] = (),
) -> Iterator[Document]:
    """Every document under ``paths`` (see :func:`expand`), read one after another."""
    for path in expand(paths):
        yield read_document(path, settings=settings, entities=entities)
