"""Archives of articles: JSON Lines in, JSON Lines out, in input order, on every core.

An archive holds one article a line, a JSON object::

    {"id": "a-1", "text": "Kestrel Labs raised $50 million.", "lang": "en", "url": "https://…"}

``id`` (a string or a number) and ``text`` are required; ``lang`` ("en" or "de") and
``url`` are optional and other keys are ignored. Blank lines are skipped. The output has
one line per article, in the order of the input::

    {"id": "a-1", "url": "https://…", "lang": "en", "claims": [Claim, …]}

with claim offsets into the article's ``text``, and claim ids unique within the archive
(the article's id is hashed into each). A line that is not such an object is an
:class:`~factcheck.errors.InputError` naming the file and line.

In Python, :func:`extract_articles` yields each article's claims as an
:class:`~factcheck.models.ArticleClaims` record; :func:`extract_article_lines` yields
the output lines, which is what the writer (and a worker process) makes directly.

Memory stays flat however long the archive: articles are read as they are needed and
handed to the workers in batches, with only a few batches per worker in flight; results
come back in order and are passed on at once.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import multiprocessing
import os
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from factcheck import workers
from factcheck.errors import InputError
from factcheck.extract.lang import detect_lang
from factcheck.extract.pipeline import extract
from factcheck.models import ArticleClaims, Claim
from factcheck.settings import DEFAULT_SETTINGS, Settings
from factcheck.text.decode import MAX_DOCUMENT_BYTES, replace_surrogates

T = TypeVar("T")

#: Characters of article text per batch sent to a worker: large enough that sending it
#: costs little next to extracting it, small enough to keep the pipeline moving.
BATCH_CHARS = 256 * 1024
#: Batches in flight per worker: one being worked on, one waiting, one coming back.
IN_FLIGHT = 3
LANGS = frozenset({"en", "de"})
#: The longest archive line read, in bytes (``extract --max-bytes``): an article is a
#: document read whole, with the same limit (see
#: :data:`~factcheck.text.decode.MAX_DOCUMENT_BYTES`); a line is refused after reading at
#: most this much of it.
MAX_ARTICLE_BYTES = MAX_DOCUMENT_BYTES


@dataclass(frozen=True)
class Article:
    """One line of an archive: where it stands and what it says."""

    id: str | int
    text: str
    lang: str | None
    url: str | None
    line: int


def is_archive(name: str) -> bool:
    """Whether a path names a JSON Lines archive (by its suffix).

    >>> is_archive("news-2025.jsonl"), is_archive("news.jsonl.gz"), is_archive("a.json")
    (True, True, False)
    """
    return name.endswith((".jsonl", ".jsonl.gz"))


def parse_line(raw: bytes | str, source: str, line: int) -> Article | None:
    """The article of one archive line; None for a blank line.

    >>> parse_line('{"id": 7, "text": "Up 14%."}', "a.jsonl", 3)
    Article(id=7, text='Up 14%.', lang=None, url=None, line=3)
    >>> parse_line('{"text": "Up 14%."}', "a.jsonl", 3)
    Traceback (most recent call last):
    factcheck.errors.InputError: a.jsonl:3: an article needs an "id" (a string or a number)
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"not UTF-8 (byte {exc.start + 1})", line) from None
    if line == 1:
        raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        return None
    try:
        record = json.loads(raw.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not JSON: {exc.msg} (column {exc.colno})", line) from None
    except RecursionError:
        message = "not JSON this program can read: nested too deeply"
        raise InputError(source, message, line) from None
    except ValueError:  # Python reads integers of at most 4,300 digits
        message = "not JSON this program can read: a number of more than 4,300 digits"
        raise InputError(source, message, line) from None
    if not isinstance(record, dict):
        raise InputError(source, "an article must be a JSON object", line)
    ident, text = record.get("id"), record.get("text")
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        raise InputError(source, 'an article needs an "id" (a string or a number)', line)
    if not isinstance(text, str):
        raise InputError(source, 'an article needs a "text" (a string)', line)
    lang, url = record.get("lang"), record.get("url")
    if lang is not None and (not isinstance(lang, str) or lang not in LANGS):
        lang_shown = replace_surrogates(json.dumps(lang, ensure_ascii=False)[:40])
        raise InputError(source, f'"lang" must be "en" or "de", not {lang_shown}', line)
    if url is not None and not isinstance(url, str):
        raise InputError(source, '"url" must be a string', line)
    # "\ud800" is valid JSON but no text: each lone surrogate becomes U+FFFD (one for
    # one, so offsets into the text hold), or writing the output would fail.
    if isinstance(ident, str):
        ident = replace_surrogates(ident)
    url = None if url is None else replace_surrogates(url)
    return Article(ident, replace_surrogates(text), lang, url, line)


def iter_lines(
    stream: Iterable[bytes], source: str, *, first: int = 1, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[tuple[int, bytes]]:
    """Each line of ``stream`` with its number; a line of more than ``max_bytes`` (its
    line ending not counted) is an :class:`InputError` naming it, raised after reading
    at most ``max_bytes + 2`` bytes of it (room for a CRLF line ending).

    >>> list(iter_lines(io.BytesIO(b"ab\\ncd"), "a.jsonl", max_bytes=2))
    [(1, b'ab\\n'), (2, b'cd')]
    >>> list(iter_lines(io.BytesIO(b"abc\\n"), "a.jsonl", max_bytes=2))
    Traceback (most recent call last):
    factcheck.errors.InputError: a.jsonl:1: an article of more than 2 bytes, ...
    """
    readline = getattr(stream, "readline", None)
    lines = iter(stream) if readline is None else iter(lambda: readline(max_bytes + 2), b"")
    for number, raw in enumerate(lines, first):
        if len(raw.rstrip(b"\r\n")) > max_bytes:
            message = (
                f"an article of more than {max_bytes:,} bytes, the limit for one article "
                "(--max-bytes)"
            )
            raise InputError(source, message, number)
        yield number, raw


def read_archive(
    stream: Iterable[bytes], source: str, *, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article]:
    """The articles of an archive's lines, one at a time."""
    for number, raw in iter_lines(stream, source, max_bytes=max_bytes):
        article = parse_line(raw, source, number)
        if article is not None:
            yield article


def open_archive(path: Path) -> io.BufferedIOBase:
    """The archive's bytes (gunzipped for ``.gz``); a missing file is an InputError."""
    try:
        if path.suffix == ".gz":
            return gzip.open(path, "rb")
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not an archive") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def claim_id(article_id: str | int, claim: Claim) -> str:
    """A claim's id within an archive: its own id (place and reading) with the article's.

    >>> from factcheck import extract
    >>> (claim,) = extract("Sales rose 4%.", "en")
    >>> claim_id("a-1", claim) != claim_id("a-2", claim), claim_id(7, claim) != claim_id("7", claim)
    (True, True)
    """
    key = f"{json.dumps(article_id)}\x1f{claim.id}"
    return "c-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def article_claims(article: Article, lang: str | None, settings: Settings) -> ArticleClaims:
    """One article's record: its id, url, language and claims (ids unique in the archive)."""
    doc_lang = article.lang or lang or detect_lang(article.text)
    claims = [
        claim.model_copy(update={"id": claim_id(article.id, claim)})
        for claim in extract(article.text, doc_lang, settings=settings)
    ]
    return ArticleClaims(id=article.id, url=article.url, lang=doc_lang, claims=claims)


def article_line(record: ArticleClaims) -> str:
    """The output line (no newline) of an article's record; ``url`` only when given."""
    head: dict[str, object] = {"id": record.id}
    if record.url is not None:
        head["url"] = record.url
    head["lang"] = record.lang
    body = ",".join(claim.model_dump_json() for claim in record.claims)
    return json.dumps(head, ensure_ascii=False)[:-1] + f', "claims": [{body}]}}'


def extract_batch(articles: list[Article], lang: str | None, settings: Settings) -> list[str]:
    """The output lines of a batch of articles (what a worker process runs for a writer)."""
    return [article_line(article_claims(article, lang, settings)) for article in articles]


def extract_record_batch(
    articles: list[Article], lang: str | None, settings: Settings
) -> list[ArticleClaims]:
    """The records of a batch of articles (what a worker process runs for a caller)."""
    return [article_claims(article, lang, settings) for article in articles]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    chars = 0
    for article in articles:
        batch.append(article)
        chars += len(article.text)
        if chars >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def cores() -> int:
    """The cores this process may use (``--jobs 0``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_articles(
    articles: Iterable[Article],
    *,
    lang: str | None = None,
    jobs: int = 1,
    settings: Settings = DEFAULT_SETTINGS,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[ArticleClaims]:
    """The record of every article, in input order, on ``jobs`` processes (0: all).

    With one job everything runs here. With more, batches go to worker processes and
    at most ``IN_FLIGHT`` per worker are out at once, so neither the input nor the
    output piles up in memory.

    >>> records = extract_articles([Article("a", "It rose 14%.", "en", None, 1)])
    >>> [(c.text, c.value, c.unit) for c in next(records).claims]
    [('14%', 14.0, '%')]
    """
    return _in_order(extract_record_batch, articles, lang, jobs, settings, batch_chars)


def extract_article_lines(
    articles: Iterable[Article],
    *,
    lang: str | None = None,
    jobs: int = 1,
    settings: Settings = DEFAULT_SETTINGS,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[str]:
    """:func:`extract_articles` as output lines (JSON, no newline), made where extracted.

    >>> lines = extract_article_lines([Article("a", "It rose 14%.", "en", None, 1)])
    >>> json.loads(next(lines))["claims"][0]["text"]
    '14%'
    """
    return _in_order(extract_batch, articles, lang, jobs, settings, batch_chars)


def _in_order(
    work: Callable[[list[Article], str | None, Settings], list[T]],
    articles: Iterable[Article],
    lang: str | None,
    jobs: int,
    settings: Settings,
    batch_chars: int,
) -> Iterator[T]:
    """``work`` over batches of ``articles``, here or on ``jobs`` processes, in order."""
    if jobs < 0:
        raise ValueError("jobs must be 0 (all cores) or more")
    return _run(work, articles, lang, jobs or cores(), settings, batch_chars)


def _run(
    work: Callable[[list[Article], str | None, Settings], list[T]],
    articles: Iterable[Article],
    lang: str | None,
    jobs: int,
    settings: Settings,
    batch_chars: int,
) -> Iterator[T]:
    batches = _batches(articles, batch_chars)
    if jobs == 1:
        for batch in batches:
            yield from work(batch, lang, settings)
        return
    # Forked workers start at once with the grammars compiled here; where fork is not
    # safe (macOS, Windows) they are spawned and compile their own.
    if sys.platform == "linux":
        for sample in ("Up 4%.", "Plus 4 Prozent."):
            extract(sample, "en" if sample.startswith("Up") else "de", settings=settings)
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("spawn")
    pool = workers.pool(jobs, context)  # workers that end with this process
    try:
        pending: deque[Future[list[T]]] = deque()
        for batch in batches:
            pending.append(pool.submit(work, batch, lang, settings))
            if len(pending) >= IN_FLIGHT * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BaseException:  # an error, SIGTERM, Ctrl-C, the reader gone: stop them now
        workers.stop(pool)
        raise
    pool.shutdown(wait=True)


def write_archives(
    inputs: list[str],
    out: IO[str],
    *,
    lang: str | None = None,
    jobs: int = 1,
    stdin: IO[bytes] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    done: Callable[[], None] = lambda: None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> int:
    """Write the output lines of every archive of ``inputs`` ("-": ``stdin``) to ``out``.

    Archives are read one after the other, each line once; returns the number of
    articles written. ``done`` is called after each (a progress bar counts them). A line
    longer than ``max_bytes`` is an :class:`InputError`.
    """

    def articles() -> Iterator[Article]:
        for item in inputs:
            if item == "-":
                if stdin is None:
                    raise InputError("<stdin>", "no standard input to read")
                yield from read_archive(stdin, "<stdin>", max_bytes=max_bytes)
            else:
                with open_archive(Path(item)) as stream:
                    try:
                        yield from read_archive(stream, item, max_bytes=max_bytes)
                    except EOFError:  # gzip's word for a file cut short
                        raise InputError(item, "cannot read: the gzip file is cut short") from None
                    except (OSError, zlib.error) as exc:  # a corrupt .gz, a failing disk
                        raise InputError(item, f"cannot read: {exc}") from None

    count = 0
    for line in extract_article_lines(articles(), lang=lang, jobs=jobs, settings=settings):
        out.write(line + "\n")
        count += 1
        done()
    return count


def wanted(inputs: list[str], kind: str, jobs: int, scheduler: str | None) -> bool:
    """Whether ``factcheck extract`` reads ``inputs`` as archives (``--input``).

    "jsonl" and "documents" say so; "auto" reads archives when every input is named
    ``.jsonl`` or ``.jsonl.gz`` and documents when none is. Mixing the two, or asking
    for ``--jobs``/``--dask-scheduler`` on documents, is an :class:`InputError`.

    >>> wanted(["a.jsonl", "b.jsonl.gz"], "auto", 1, None), wanted(["a.md"], "auto", 1, None)
    (True, False)
    """
    if kind == "auto":
        named = [is_archive(item) for item in inputs]
        if any(named) and not all(named):
            raise InputError("--input", "archives (.jsonl) and documents cannot be read in one run")
        kind = "jsonl" if named and all(named) else "documents"
    if kind == "jsonl":
        return True
    if jobs != 1 or scheduler:
        option = "--dask-scheduler" if scheduler else "--jobs"
        raise InputError(option, "works on archives only (.jsonl files or --input jsonl)")
    return False


def write(
    inputs: list[str],
    out: IO[str],
    lang: str | None,
    jobs: int,
    scheduler: str | None,
    stdin: IO[bytes],
    done: Callable[[], None] = lambda: None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> int:
    """What ``factcheck extract`` runs for archives: here on ``jobs`` or on a Dask cluster;
    ``done`` is called after each article written."""
    if scheduler is None:
        return write_archives(
            inputs, out, lang=lang, jobs=jobs, stdin=stdin, done=done, max_bytes=max_bytes
        )
    if "-" in inputs:
        raise InputError("-", "Dask workers read archives from files, not standard input")
    try:
        from factcheck import archive_dask
    except ImportError:
        message = "needs Dask: pip install 'factcheck-news[dask]'"
        raise InputError("--dask-scheduler", message) from None
    count = 0
    for record in archive_dask.extract_archive(
        [Path(item) for item in inputs], scheduler=scheduler, lang=lang, max_bytes=max_bytes
    ):
        out.write(record + "\n")
        count += 1
        done()
    return count
