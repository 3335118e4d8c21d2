"""Which sources a draft cites for each of its figures: the links of its paragraph.

An editor checks a figure first against the source its own paragraph links to: a
figure that agrees with some other article but not with the one cited for it is wrong
where it stands. A paragraph is a block of the draft's visible text between blank
lines (Markdown, plain text) or a block of HTML (a ``<p>``, a list item, a heading).

A link and a source are the same document when their URLs are (fragment dropped,
shown without credentials as in the report) or, for a relative link, when it names the
source's file relative to the draft.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urldefrag

from factcheck.sources.documents import Document
from factcheck.sources.netguard import display_url
from factcheck.text import markup

#: A paragraph break: a blank line (a line of nothing but spaces counts as blank).
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_NEWLINE = re.compile(r"\n")
#: Links that point at nothing a source could be: this page, mail, telephones.
_NOT_A_DOCUMENT = ("#", "mailto:", "tel:", "javascript:", "data:")


def source_key(location: str, base: Path | None = None) -> str | None:
    """What a link or a source location is compared by; None for links to no document.

    >>> source_key("https://News.example/a#p2"), source_key("mailto:desk@news.example")
    ('https://news.example/a', None)
    """
    location = location.strip()
    if not location or location.lower().startswith(_NOT_A_DOCUMENT):
        return None
    if "://" in location:
        return display_url(urldefrag(location)[0])
    path = Path(urldefrag(location)[0])
    if base is not None and not path.is_absolute():
        path = base / path
    return str(path.resolve())


def paragraph_starts(doc: Document) -> list[int]:
    """The offsets at which the draft's paragraphs start, the first at 0."""
    parsed = markup.parse(doc.text, markup.detect_format(doc.location, doc.text))
    # An HTML view puts each block on a line of its own; see markup's module doc.
    splitter = _NEWLINE if parsed.fmt == "html" else _BLANK_LINE
    return [0, *(m.end() for m in splitter.finditer(parsed.view))]


def cited_sources(draft: Document, sources: Mapping[str, str]) -> list[frozenset[str]]:
    """For each claim of ``draft``, the ids of the ``sources`` (id → location) its
    paragraph links to."""
    if not draft.links or not sources:
        return [frozenset()] * len(draft.claims)
    by_key = {source_key(location): sid for sid, location in sources.items()}
    base = Path(draft.location).parent if "://" not in draft.location else None
    starts = paragraph_starts(draft)
    per_paragraph: dict[int, set[str]] = {}
    for link in draft.links:
        sid = by_key.get(source_key(link.url, base))
        if sid is not None:
            per_paragraph.setdefault(bisect.bisect_right(starts, link.start), set()).add(sid)
    return [
        frozenset(per_paragraph.get(bisect.bisect_right(starts, claim.start), ()))
        for claim in draft.claims
    ]


def http_links(drafts: Sequence[Document]) -> list[str]:
    """The web pages the drafts link to, each once, in the order they first appear."""
    found: dict[str, None] = {}
    for doc in drafts:
        for link in doc.links:
            url = urldefrag(link.url.strip())[0]
            if url.lower().startswith(("http://", "https://")):
                found.setdefault(url, None)
    return list(found)
