"""The article of a saved web page: navigation, teasers and footers masked out.

A page is mostly not its article. Web sources are read through trafilatura
(:mod:`factcheck.sources.article`), whose text no longer lines up with the page; a local
HTML file must keep its offsets (a claim points into the file, a report annotates its
line), so here trafilatura only says *which* text is the article. Each line of its text
is found in the page's view, in order, compared without whitespace (the view keeps the
page's spacing and shows ``&amp;`` as "&" followed by spaces; trafilatura does neither),
and the rest of the view is blanked, its line breaks kept.

trafilatura writes a list item as "- item" and a table row as "| a | b |"; those marks
are not in the page, so such a line is looked for without them, cell by cell.

Where trafilatura finds no article, or less than half of what it returns can be placed
in the page, the whole page is read, as before: better a footer too many than an
article missed.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator

from factcheck.text import markup
from factcheck.text.markup import Document

#: Less of the article than this share placed in the page: read the whole page.
MIN_PLACED = 0.5
#: The marks trafilatura puts before a list item and between table cells.
_LIST_MARK = "- "
_CELL = "|"
#: Whitespace, which the comparison leaves out.
_SPACE = re.compile(
    r"""
    \s+                                       # any run of whitespace, line breaks included
    """,
    re.VERBOSE,
)
#: What masking overwrites: everything but line breaks.
_NOT_LINE_BREAK = re.compile(
    r"""
    [^\r\n]                                   # any character but CR and LF
    """,
    re.VERBOSE,
)


def article_text(html: str) -> str | None:
    """The main text of a page as trafilatura reads it, one block a line; None if none."""
    import trafilatura

    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=False,
    )
    return text or None


def parse(text: str, fmt: str, *, article: bool = True) -> Document:
    """:func:`factcheck.text.markup.parse`; of an HTML page, with ``article``, only the
    article is visible (:func:`main_part`)."""
    doc = markup.parse(text, fmt)
    return main_part(doc) if article and doc.fmt == "html" else doc


def main_part(doc: Document) -> Document:
    """``doc`` (an HTML page) with only its article visible, links outside it dropped;
    ``doc`` itself where no article can be placed in it.

    >>> page = Document("", "Menu: 9 %\\n\\nThe plant cost $5 billion.", "html")
    >>> main_part(page).view is page.view  # too short for trafilatura: the whole page
    True
    """
    if doc.fmt != "html":
        return doc
    text = article_text(doc.text)
    if text is None:
        return doc
    spans = place(text, doc.view)
    if spans is None:
        return doc
    return dataclasses.replace(
        doc,
        view=keep_only(doc.view, spans),
        links=tuple(link for link in doc.links if _inside(spans, link.start)),
    )


def place(article: str, view: str) -> list[tuple[int, int]] | None:
    """The spans of ``view`` that hold the lines of ``article``, in order; None when less
    than :data:`MIN_PLACED` of it is found.

    >>> view = "Home  Abo 9 %\\n\\nDie Anlage kostet 5 Mrd.   &    mehr.\\n  - 3 %\\nFooter 7 %"
    >>> [view[s:e] for s, e in place("Die Anlage kostet 5 Mrd. & mehr.\\n- 3 %", view)]
    ['Die Anlage kostet 5 Mrd.   &    mehr.', '3 %']
    """
    squeezed, where = _squeeze(view)
    spans: list[tuple[int, int]] = []
    cursor = placed = total = 0
    for line in article.splitlines():
        for piece in _pieces(line):
            wanted = _SPACE.sub("", piece)
            if not wanted:
                continue
            total += len(wanted)
            at = squeezed.find(wanted, cursor)
            if at < 0:
                continue
            cursor = at + len(wanted)
            placed += len(wanted)
            spans.append((where[at], where[cursor - 1] + 1))
    if total == 0 or placed < MIN_PLACED * total:
        return None
    return spans


def keep_only(view: str, spans: list[tuple[int, int]]) -> str:
    """``view`` blanked outside ``spans`` (sorted, not overlapping), line breaks kept.

    >>> keep_only("ab\\ncd ef", [(3, 5)])
    '  \\ncd   '
    """
    parts = []
    position = 0
    for start, end in spans:
        parts.append(_NOT_LINE_BREAK.sub(" ", view[position:start]))
        parts.append(view[start:end])
        position = end
    parts.append(_NOT_LINE_BREAK.sub(" ", view[position:]))
    return "".join(parts)


def _pieces(line: str) -> Iterator[str]:
    """What of a line of trafilatura's text stands in the page: a table row's cells, a
    list item's text, else the line."""
    stripped = line.strip()
    if stripped.startswith(_CELL):
        yield from stripped.strip(_CELL).split(_CELL)
    elif stripped.startswith(_LIST_MARK):
        yield stripped[len(_LIST_MARK) :]
    else:
        yield stripped


def _squeeze(view: str) -> tuple[str, list[int]]:
    """``view`` without whitespace, and where each of its characters stands in ``view``."""
    where = [i for i, ch in enumerate(view) if not ch.isspace()]
    return "".join(view[i] for i in where), where


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` lies in one of ``spans`` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, at, key=lambda span: span[0]) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]
