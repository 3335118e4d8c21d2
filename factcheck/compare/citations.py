"""Which sources a draft cites for each of its figures: the links of its paragraph.

An editor checks a figure first against the source its own paragraph links to: a
figure that agrees with some other article but not with the one cited for it is wrong
where it stands. The draft's paragraphs are found as it is read
(:func:`factcheck.sources.documents.paragraphs`), from the view its figures were read
from: its markup is parsed once.

A link and a source are the same document when their URLs are (fragment dropped,
shown without credentials as in the report) or, for a relative link, when it names the
source's file relative to the draft.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urldefrag

from factcheck.sources.documents import Document
from factcheck.sources.netguard import display_url

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


def cited_sources(draft: Document, sources: Mapping[str, str]) -> list[frozenset[str]]:
    """For each claim of ``draft``, the ids of the ``sources`` (id → location) its
    paragraph links to."""
    if not draft.links or not sources:
        return [frozenset()] * len(draft.claims)
    by_key = {source_key(location): sid for sid, location in sources.items()}
    base = Path(draft.location).parent if "://" not in draft.location else None
    starts = draft.paragraphs
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
