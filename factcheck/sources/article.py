"""A fetched page as a source document: the article's text, title and date.

A news page is mostly not the article: navigation, teasers of other stories, ads,
comments, a footer. Their figures would be compared with the draft's as if the article
had stated them, so the article's main text is taken out with trafilatura, and the
offsets of evidence from a web source refer to that text; the report names the URL.

The title and publication date come from the page's metadata as for a saved HTML file
(``article:published_time``, JSON-LD ``datePublished``, ``<time datetime>``; see
:mod:`factcheck.text.markup`), and from trafilatura's reading where the page states
none. Plain text and Markdown are read as they are; JSON as its string values, one
paragraph each.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.errors import FetchError
from factcheck.extract.pipeline import DEFAULT_SETTINGS
from factcheck.settings import Settings
from factcheck.sources.documents import Document, parse_document
from factcheck.sources.netguard import display_url
from factcheck.sources.web import Fetcher, FetchSettings, Page
from factcheck.text import markup

#: JSON keys that hold a record's title and date (schema.org and common API names).
_TITLE_KEYS = ("headline", "title", "name")
_DATE_KEYS = ("datePublished", "published", "date", "dateCreated")
#: How a page that is not read as an article is masked.
_FORMATS: dict[str, markup.Format] = {"html": "html", "markdown": "markdown"}


@dataclass(frozen=True)
class Article:
    """The readable text of a page and what it says about itself."""

    text: str
    title: str | None
    published: dt.date | None


def from_html(html: str, url: str | None = None) -> Article | None:
    """The article of an HTML page; None when trafilatura finds no main text."""
    import trafilatura

    meta = markup.parse(html, "html")
    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(found, "text", None)
    if not text:
        return None
    title = meta.title or getattr(found, "title", None)
    published = meta.published
    date = getattr(found, "date", None)
    if published is None and date:
        published = markup.parse_date(str(date))
    # trafilatura puts one block a line; a blank line between them keeps paragraphs
    # apart for the sentence splitter and for a reader of the offsets.
    paragraphs = [line for line in text.splitlines() if line.strip()]
    return Article("\n\n".join(paragraphs), title, published)


def from_json(text: str, shown: str) -> Article:
    """A JSON document's string values, one paragraph each, in document order."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise FetchError(shown, f"not valid JSON ({exc})") from None
    top = data if isinstance(data, dict) else {}
    title = next((top[k] for k in _TITLE_KEYS if isinstance(top.get(k), str)), None)
    dates = (markup.parse_date(top[k]) for k in _DATE_KEYS if isinstance(top.get(k), str))
    published = next((d for d in dates if d is not None), None)
    paragraphs = [s.strip() for s in _strings(data) if s.strip()]
    return Article("\n\n".join(paragraphs), title, published)


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def to_document(
    page: Page,
    *,
    lang: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    entities: Sequence[str] = (),
) -> Document:
    """The source document of a fetched page; its location is the URL as shown."""
    shown = display_url(page.url)
    article: Article | None = None
    if page.fmt == "html":
        article = from_html(page.text, page.final_url)
    elif page.fmt == "json":
        article = from_json(page.text, shown)
    if article is None:  # plain text, Markdown, or a page with no article found in it
        fmt = _FORMATS.get(page.fmt, "text")
        # trafilatura found no article: the whole page (not a second try at one)
        return parse_document(
            shown, page.text, lang=lang, settings=settings, entities=entities, fmt=fmt,
            article=False,
        )  # fmt: skip
    doc = parse_document(
        shown, article.text, lang=lang, settings=settings, entities=entities, fmt="text"
    )
    return dataclasses.replace(doc, title=article.title, published=article.published)


def read_pages(
    urls: Sequence[str],
    fetch: FetchSettings,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    entities: Sequence[str] = (),
    done: Callable[[], None] = lambda: None,
) -> tuple[dict[str, Document], dict[str, tuple[str, str]]]:
    """The documents of the pages at ``urls``, and (URL as shown, why) for those that
    failed, each by the URL asked for.

    ``done`` is called as each fetch finishes (for a progress bar).
    """
    with Fetcher(fetch) as fetcher:
        results = fetcher.fetch_all(urls, done)
    documents: dict[str, Document] = {}
    failed: dict[str, tuple[str, str]] = {}
    for url, result in zip(urls, results, strict=True):
        if isinstance(result, FetchError):
            failed[url] = (result.location, result.message)
            continue
        try:
            documents[url] = to_document(result, settings=settings, entities=entities)
        except FetchError as exc:
            failed[url] = (exc.location, exc.message)
    return documents, failed
