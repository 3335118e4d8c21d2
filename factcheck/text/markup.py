"""Markdown and HTML as a same-length view, with the metadata a fact-check needs.

Claims report offsets into the input exactly as given, so markup is never removed: it is
*masked*. :func:`view` returns a string of the same length as the input in which markup
is replaced by spaces, character references by the character they stand for (at the
reference's first position, then spaces), and every block boundary (``</p>``, ``<br>``,
a list bullet, a heading mark) begins with a newline, so that no sentence runs across
blocks. Visible text keeps its offsets: ``view[i:j] == text[i:j]`` wherever it is plain.

HTML source wraps lines at will and a browser shows those newlines as spaces; the view
does too (outside ``<pre>``), keeping only newlines that stand on a blank line. Markdown
is read by a CommonMark parser (markdown-it-py, :mod:`factcheck.text._markdown`): the line
breaks inside a paragraph are spaces too (a hard-wrapped paragraph is one run of text),
and code blocks and code spans are masked whole, since code is no prose. Plain text keeps
every newline: there a line break may end a headline.

:func:`parse` adds what the document says about itself: its title, its publication
date, its links with the offsets of their visible text, the language it declares
(front matter ``lang:``, ``<html lang>``) and the sources a draft names in its front
matter (``sources:``). Front matter is YAML between ``---`` or TOML between ``+++``
(:mod:`factcheck.text.frontmatter`); its date may be written in any form
:func:`~factcheck.text.dates.parse_date` reads, and one it cannot read is a problem
with its line (:attr:`Document.problems`).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from factcheck.text import _html, _markdown, frontmatter
from factcheck.text._html import Canvas
from factcheck.text.dates import parse_date as parse_date  # re-exported: its old home
from factcheck.text.sentences import fold

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html")

_EXTENSIONS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".txt": "text",
    ".text": "text",
}

#: The start of an HTML document, after optional whitespace.
_HTML_START = re.compile(
    r"""
    \s*
    (?: <!doctype\s+html      # the doctype, which every real page has
      | <html[\s>]            # a page without a doctype
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)


#: Markdown syntax that stands at the start of a line, after optional indentation. The
#: look-ahead lets the many lines that start with a letter fail at once.
_MD_LINE = re.compile(
    r"""
    ^ [ \t]{0,3}                               # up to three spaces of indentation, then
    (?= [>`~*_=\#+\-\d\[] )                    # a character that may start a mark
    (?P<quote> (?: > [ \t]? )* )              # blockquote marks, nested ("> > ")
    (?: (?P<rule> (?: (?:-[ \t]*){3,} | (?:\*[ \t]*){3,} | (?:_[ \t]*){3,} | ={2,}[ \t]* ) $ )
                                              # a thematic break or a setext underline
      | (?P<heading> \#{1,6} ) (?= [ \t] | $ )  # an ATX heading mark
      | (?P<bullet> [-+*] ) (?= [ \t] )       # a bullet list item
      | (?P<ordered> \d{1,9} [.)] ) (?= [ \t] | $ )  # an ordered list item, "1." or "1)"
      | (?P<refdef> \[ (?P<label> [^\]\n]{1,999} ) \] : [ \t]*   # a reference definition
            (?P<dest> <[^<>\n]*> | \S+ )
            (?: [ \t]+ (?: "[^"\n]*" | '[^'\n]*' | \([^()\n]*\) ) )? [ \t]* $ )
    )?
    """,
    re.VERBOSE | re.MULTILINE,
)

#: A list item, to tell whether an ordered item continues a list.
_MD_ITEM = re.compile(
    r"""
    [ \t]* (?: > [ \t]? )* [ \t]*              # indentation and blockquote marks
    (?: [-+*] | \d{1,9} [.)] ) (?: [ \t] | $ )  # a bullet or a number
    """,
    re.VERBOSE | re.MULTILINE,
)

#: The closing hashes of an ATX heading: "## Umsatz ##".
_MD_HEADING_END = re.compile(
    r"""
    [ \t]+ \#+ [ \t]* $                       # hashes after a space, at the end of the line
    """,
    re.VERBOSE | re.MULTILINE,
)

#: Inline links, images and reference links. Brackets nest one level deep; a link's
#: text may wrap lines but not cross a blank line. Every alternative begins with its own
#: character, so a failed attempt ends at the next bracket and scanning stays linear.
_MD_LINK = re.compile(
    r"""
    (?= [!\[] )                               # lets the engine skip plain text quickly
    (?P<bang> ! )?                            # an image: its alt text stays, the rest goes
    \[ (?P<text>
        (?: [^\[\]\\\n]                       # plain characters
          | \\ .                              # an escaped character, "\]" included
          | \n (?! [ \t]* \n )                # a line break that is not a blank line
          | \[ [^\[\]\n]* \]                  # a nested bracket, as around an image
        )*
    ) \]
    (?: \( [ \t]*                             # an inline destination:
          (?P<dest> < [^<>\n]* >              #   in angle brackets,
            | (?: [^\s()\\] | \\. | \( [^\s()]* \) )* )  # or bare, with balanced parentheses
          (?: [ \t\n]+ (?: "[^"]*" | '[^']*' | \( [^()]* \) ) )?  # and an optional title
          [ \t\n]* \)
      | \[ (?P<ref> [^\[\]\n]* ) \]           # or a full or collapsed reference: [a][b], [a][]
    )?                                        # or neither: a shortcut reference [a]
    """,
    re.VERBOSE,
)

#: Inline Markdown marks that are not links.
_MD_INLINE = re.compile(
    r"""
    (?= [\\`*_~] )                             # lets the engine skip plain text quickly
    (?: (?P<escape> \\ ) (?= [!-/:-@\[-`{-~] )  # a backslash escape: the backslash is markup
      | (?P<code> `+ )                        # the backticks of a code span
      | (?P<emphasis> [*_]+ | ~~ )            # emphasis and strikethrough delimiter runs
    )
    """,
    re.VERBOSE,
)

#: Backslash escapes inside a link destination.
_MD_ESCAPED = re.compile(
    r"""
    \\ ( [!-/:-@\[-`{-~] )                    # an escaped ASCII punctuation character
    """,
    re.VERBOSE,
)

#: Single newlines in HTML source, which a browser shows as spaces; runs with a blank
#: line match whole, so that they can be told apart and kept.
_NEWLINE_RUN = re.compile(
    r"""
    \n (?: [^\S\n]*+ \n )*                    # a newline, and more after blank lines
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Link:
    """A link: where it points, and the span of its visible text in the input."""

    url: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded input, its same-length view, and what it says about itself."""

    text: str
    view: str
    fmt: Format
    title: str | None = None
    published: dt.date | None = None
    links: tuple[Link, ...] = field(default=())
    #: The language the document declares: ``lang:`` in front matter, ``<html lang>``.
    lang: str | None = None
    #: The sources a Markdown draft names in its front matter (``sources:``), as written;
    #: None when it names none, () when it says it has none.
    sources: tuple[str, ...] | None = None
    #: (line, what is wrong) for metadata the author wrote and that cannot be read: a
    #: front matter date in no form :func:`parse_date` knows
    problems: tuple[tuple[int, str], ...] = field(default=())


def detect_format(name: str, text: str) -> Format:
    """The format of an input, from its name's extension or, failing that, its start.

    >>> detect_format("draft.md", ""), detect_format("page.HTM", ""), detect_format("a.txt", "")
    ('markdown', 'html', 'text')
    >>> detect_format("-", "  <!DOCTYPE html><p>Hi"), detect_format("-", "Hi <b>")
    ('html', 'text')
    >>> detect_format("https://example.com/news/a.html?page=2", "")
    'html'
    """
    path = name.split("?", 1)[0].split("#", 1)[0]  # a URL's query says nothing of its type
    known = _EXTENSIONS.get(PurePath(path).suffix.lower())
    if known is not None:
        return known
    if _HTML_START.match(text):
        return "html"
    if frontmatter.FRONT_MATTER.match(text):
        return "markdown"
    return "text"


def parse(text: str, fmt: str) -> Document:
    """Mask the markup of ``text`` and collect its title, publication date and links.

    ``fmt`` is "text" (nothing to mask), "markdown" or "html"; see :func:`detect_format`.
    """
    if fmt == "text":
        return Document(text=text, view=text, fmt="text")
    if fmt != "html" and fmt != "markdown":
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    kind: Format = "html" if fmt == "html" else "markdown"
    found = _html.Found()
    header = frontmatter.FrontMatter()
    problems: list[tuple[int, str]] = []
    if kind == "html":
        canvas = Canvas(text)
        _html.scan(text, canvas, found, markdown=False)
        _soften_newlines(text, canvas, found.preformatted)
    else:
        canvas, header = _scan_markdown(text, found, problems)
    rendered = canvas.render()
    links = _visible_links(found.links, rendered)
    links += [Link(url, start, end) for url, start, end in found.autolinks]
    titles = sorted(found.titles, key=lambda candidate: candidate[0])  # stable: first wins
    title = titles[0][1] if titles else None
    if title is None and found.heading is not None:
        title = fold(rendered[found.heading[0] : found.heading[1]]) or None
    dates = sorted(found.dates, key=lambda candidate: candidate[0])
    published = next((day for _, value in dates if (day := parse_date(value))), None)
    links.sort(key=lambda link: link.start)
    declared = header.text("lang") or header.text("language")
    if not declared and found.langs:
        declared = min(found.langs, key=lambda candidate: candidate[0])[1]
    sources = header.strings("sources")
    return Document(
        text,
        rendered,
        kind,
        title,
        published,
        tuple(links),
        lang=(declared or "").strip() or None,
        sources=None if sources is None else tuple(sources),
        problems=tuple(problems),
    )


def _visible_links(links: list[tuple[str, int, int]], rendered: str) -> list[Link]:
    """Links shrunk to their visible text; those with none are dropped."""
    kept = []
    for url, start, end in links:
        while start < end and rendered[start].isspace():
            start += 1
        while end > start and rendered[end - 1].isspace():
            end -= 1
        if start < end:
            kept.append(Link(url, start, end))
    return kept


def _soften_newlines(text: str, canvas: Canvas, preformatted: list[tuple[int, int]]) -> None:
    """Show single newlines of HTML source as the spaces a browser shows."""
    ranges = iter(preformatted)
    current = next(ranges, None)
    for match in _NEWLINE_RUN.finditer(text):
        at = match.start()
        while current is not None and current[1] <= at:
            current = next(ranges, None)
        inside = current is not None and current[0] <= at
        if match.end() - at == 1 and not inside:
            canvas.soften(at)


# Markdown ---------------------------------------------------------------------------


def _scan_markdown(
    text: str, found: _html.Found, problems: list[tuple[int, str]]
) -> tuple[Canvas, frontmatter.FrontMatter]:
    """The canvas of a Markdown file with its markup masked, and its front matter (YAML
    or TOML, :mod:`factcheck.text.frontmatter`); a front matter date that cannot be read
    goes to ``problems`` with its line.

    Code (blocks and spans, as markdown-it-py finds them) is blanked before anything
    else looks at the text, so that a ``<`` or a ``[`` in code is no tag and no link;
    the line breaks inside paragraphs are shown as the spaces they are.
    """
    header = frontmatter.read(text)
    body_start = header.end
    blocks = _markdown.scan(text, body_start)
    prose = text
    if blocks.code:
        chars = list(text)
        for start, end in blocks.code:
            chars[start:end] = _html.blanked(text[start:end])
        prose = "".join(chars)
    canvas = Canvas(prose)
    canvas.blank(0, body_start)
    _front_matter_metadata(header, found, problems)
    _html.scan(prose, canvas, found, markdown=True, start=body_start)
    definitions = _line_marks(prose, canvas, found, body_start)
    _links(prose, canvas, found, definitions, body_start, len(prose))
    _inline_marks(prose, canvas, body_start)
    for start, end in blocks.soft_breaks:
        for at in range(start, end):
            canvas.soften(at)
    return canvas, header


#: Front matter keys of a publication date: "date" first, then its synonyms.
_DATE_KEYS = (
    ("date", _html.DATE_FRONT_MATTER),
    *((key, _html.DATE_FRONT_MATTER_OTHER) for key in ("published", "pubdate", "date_published")),
)
#: YAML's ways of saying there is no value (TOML has no null).
_NO_DATE = frozenset({"null", "~"})


def _front_matter_metadata(
    header: frontmatter.FrontMatter, found: _html.Found, problems: list[tuple[int, str]]
) -> None:
    """The publication date and title the front matter states; a date the author wrote in
    no form :func:`parse_date` reads is a problem, with its line."""
    for key, tier in _DATE_KEYS:
        value = header.text(key)
        if not value or value in _NO_DATE:
            continue
        found.dates.append((tier, value))
        if parse_date(value) is None:
            problems.append((header.lines.get(key, 1), _unreadable_date(key, value)))
    title = header.text("title")
    if title:
        found.titles.append((_html.TITLE_FRONT_MATTER, fold(title)))


def _unreadable_date(key: str, value: str) -> str:
    """What to say of a front matter date that cannot be read.

    >>> _unreadable_date("date", "soon")
    "front matter date 'soon' is not a date (write it as 2025-01-10 or January 10, 2025)"
    """
    forms = "2025-01-10 or January 10, 2025"
    return f"front matter {key} {value!r} is not a date (write it as {forms})"


def _label_key(label: str) -> str:
    """A reference label as CommonMark matches it: case and spacing do not count."""
    return " ".join(label.split()).casefold()


def _line_marks(text: str, canvas: Canvas, found: _html.Found, start: int) -> dict[str, str]:
    """Mask the marks at the start of lines; the reference definitions found."""
    definitions: dict[str, str] = {}
    for match in _MD_LINE.finditer(text, start):
        at = match.start()
        if canvas.masked(match.start("quote")):
            continue  # inside an HTML comment or element
        canvas.blank(*match.span("quote"))
        if match["rule"] is not None:
            canvas.blank(*match.span("rule"))
        elif match["heading"] is not None:
            canvas.blank(*match.span("heading"), lead="\n")
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            closing = _MD_HEADING_END.search(text, match.end(), line_end)
            if closing:
                canvas.blank(*closing.span())
            if match["heading"] == "#" and found.heading is None:
                found.heading = (match.end(), closing.start() if closing else line_end)
        elif match["bullet"] is not None:
            canvas.blank(*match.span("bullet"), lead="\n")
        elif match["ordered"] is not None and _starts_item(text, start, at, match["ordered"]):
            canvas.blank(*match.span("ordered"), lead="\n")
        elif match["refdef"] is not None:
            canvas.blank(*match.span("refdef"))
            definitions.setdefault(_label_key(match["label"]), _destination(match["dest"]))
    return definitions


def _starts_item(text: str, body_start: int, at: int, marker: str) -> bool:
    """Whether ``marker`` at line start ``at`` begins an ordered list item.

    CommonMark lets only a list that starts at 1 interrupt a paragraph, which keeps a
    wrapped "3. März" or "2024. Revenue" as text.
    """
    if at <= body_start or marker[:-1].lstrip("0") == "1":
        return True
    previous = text.rfind("\n", 0, at - 1) + 1
    if not text[previous : at - 1].strip():
        return True  # after a blank line
    return _MD_ITEM.match(text, previous, at - 1) is not None  # the list goes on


def _destination(dest: str) -> str:
    """A link destination as written in Markdown, as a URL.

    >>> _destination("<https://example.com/a b>"), _destination(r"https://x.de/?a=1&amp;b=\\_2")
    ('https://example.com/a b', 'https://x.de/?a=1&b=_2')
    """
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    return html.unescape(_MD_ESCAPED.sub(r"\1", dest))


def _links(
    text: str,
    canvas: Canvas,
    found: _html.Found,
    definitions: dict[str, str],
    start: int,
    end: int,
) -> None:
    """Mask link and image syntax, keeping their text; record the links."""
    for match in _MD_LINK.finditer(text, start, end):
        at = match.start()
        if (at > 0 and text[at - 1] == "\\") or canvas.masked(at):
            continue  # an escaped bracket, or one inside a comment or a script
        dest = match["dest"]
        if dest is not None:
            url = _destination(dest)
        elif (key := _label_key(match["ref"] or match["text"])) in definitions:
            url = definitions[key]
        else:
            continue  # brackets without a definition are text: "[sic]", "[1]"
        text_start, text_end = match.span("text")
        canvas.blank(at, text_start)
        canvas.blank(text_end, match.end())
        _links(text, canvas, found, definitions, text_start, text_end)  # images in links
        if match["bang"] is None:
            found.links.append((url, text_start, text_end))


def _inline_marks(text: str, canvas: Canvas, start: int) -> None:
    """Mask backslash escapes, code-span backticks and emphasis delimiters."""
    pos = start
    while (match := _MD_INLINE.search(text, pos)) is not None:
        at, pos = match.span()
        if match["escape"] is not None:
            canvas.blank(at, at + 1)
            pos += 1  # the escaped character is text
        elif match["code"] is not None or _delimits(text, at, pos):
            canvas.blank(at, pos)


def _delimits(text: str, start: int, end: int) -> bool:
    """Whether the run ``text[start:end]`` of ``*``, ``_`` or ``~~`` marks emphasis.

    A run between spaces is text ("2 * 3"); so is ``_`` inside a word (snake_case).

    >>> _delimits("**5 %**", 0, 2), _delimits("2 * 3", 2, 3), _delimits("a_b", 1, 2)
    (True, False, False)
    """
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isspace() and after.isspace():
        return False
    return not (text[start] == "_" and before.isalnum() and after.isalnum())
