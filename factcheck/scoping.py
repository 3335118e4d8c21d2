"""Which sources each draft is compared with.

A newsroom keeps many stories in one repository, each with the sources it relies on.
Compared with every source of every story, a figure meets the figures of other stories
about other companies, and one of the same kind with no company named may pass for it.
So a draft may name its own sources:

- in its front matter, ``sources:``: files, folders, globs or http(s) URLs, relative to
  the draft's folder. A draft that names them (``sources: []`` too) is compared only with
  them, the files it links to and the ledger, never with the run's ``--source``\\s;
- by linking to them: a relative link to a local file (``[the filing](sources/10-k.md)``)
  makes that file a source of the draft, cited in the link's paragraph, as
  ``--follow-links`` does for the web pages a draft links to (with ``--follow-links``,
  those pages are the draft's own sources too).

A draft that names none is compared with the run's sources and with what it links to.
Drafts with the same sources are checked together; see :mod:`factcheck.report.merge`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from factcheck.errors import SourceError
from factcheck.sources.documents import DOCUMENT_SUFFIXES, Document, expand
from factcheck.walk import glob_paths, is_glob

FRONT_MATTER_KEY = "sources"
_WEB = ("http://", "https://")


def is_url(value: str) -> bool:
    return value.lower().startswith(_WEB)


@dataclass(frozen=True)
class Wanted:
    """The sources of one draft, before they are read: files and web pages, its own ones
    and whether it names them itself (then the run's sources are not its)."""

    files: tuple[Path, ...] = ()
    urls: tuple[str, ...] = ()
    scoped: bool = False
    #: links to local documents that do not exist, for a warning
    missing: tuple[str, ...] = ()
    #: web links not followed, over the caps of :class:`LinkCap`
    unfollowed: int = 0


@dataclass(frozen=True)
class LinkCap:
    """How many of a draft's web links ``--follow-links`` follows: a draft of ten
    thousand links (or of two hundred thousand refused ones) is not ten thousand
    requests and lines of output. The front matter's ``sources:`` are not capped."""

    total: int = 100
    per_host: int = 20


def wanted(draft: Document, *, follow_links: bool = False, cap: LinkCap | None = None) -> Wanted:
    """The sources ``draft`` names in its front matter and links to; of its web links
    (``follow_links``) the first ones within ``cap``.

    Raises :class:`SourceError` naming the draft (and the line of its front matter) for
    a named source that does not exist: a source the writer named and the checker never
    read would make every verdict quietly weaker.
    """
    base = _folder(draft.location)
    files: list[Path] = []
    urls: list[str] = []
    for entry in draft.sources or ():
        if is_url(entry):
            urls.append(entry)
        else:
            files.extend(_named_files(draft, base, entry))
    linked: list[str] = []
    missing: list[str] = []
    for link in draft.links:
        target = link.url.strip()
        if is_url(target):
            if follow_links:
                linked.append(urldefrag(target)[0])
            continue
        path = _local(base, target)
        if path is None:
            continue
        if path.is_file():
            files.append(path)
        elif not path.exists():
            missing.append(target)
    followed, unfollowed = capped(linked, cap or LinkCap())
    return Wanted(
        files=tuple(_unique_paths(files)),
        urls=tuple(dict.fromkeys([*urls, *followed])),
        scoped=draft.sources is not None,
        missing=tuple(dict.fromkeys(missing)),
        unfollowed=unfollowed,
    )


def capped(urls: Sequence[str], cap: LinkCap) -> tuple[list[str], int]:
    """The distinct ``urls`` within ``cap``, in order, and how many were left out.

    >>> capped(["http://a/1", "http://a/2", "http://b/1", "http://a/1"], LinkCap(5, 1))
    (['http://a/1', 'http://b/1'], 1)
    """
    kept: list[str] = []
    hosts: dict[str, int] = {}
    dropped = 0
    for url in dict.fromkeys(urls):
        host = _host(url)
        if len(kept) >= cap.total or hosts.get(host, 0) >= cap.per_host:
            dropped += 1
            continue
        hosts[host] = hosts.get(host, 0) + 1
        kept.append(url)
    return kept, dropped


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return url


def sources_of(
    own: Wanted,
    run_files: Sequence[Path],
    run_urls: Sequence[str],
    drafts: Collection[str] = (),
) -> tuple[list[Path], list[str]]:
    """The files and pages a draft is compared with: its own, and the run's unless it
    names its own; the run's first, each once. Files whose :func:`file_key` is among
    ``drafts`` are left out: a draft of the run is no source, not even of another draft
    (a draft checked against itself confirms every figure it has, slips included)."""
    files = [*own.files] if own.scoped else [*run_files, *own.files]
    urls = [*own.urls] if own.scoped else [*run_urls, *own.urls]
    files = [path for path in files if file_key(path) not in drafts]
    return _unique_paths(files), list(dict.fromkeys(urls))


def file_key(path: Path) -> str:
    """What two spellings of one file have in common."""
    return str(path.resolve())


def _folder(location: str) -> Path:
    return Path(location).parent if "://" not in location else Path()


def _named_files(draft: Document, base: Path, entry: str) -> list[Path]:
    """The document files a front-matter entry names: a file, a folder or a glob."""
    path = Path(entry).expanduser()
    if not path.is_absolute():
        path = base / path
    if path.is_dir():
        return expand([path])
    if path.is_file():
        return [path]
    if is_glob(entry):
        matches = glob_paths(str(path))
        files = [m for m in matches if m.is_file()] + expand(m for m in matches if m.is_dir())
        if files:
            return files
        problem = f"sources: no file matches {entry!r}"
    else:
        problem = f"sources: {entry!r}: no such file or directory"
    raise SourceError(draft.location, problem, _front_matter_line(draft.text, entry))


def _local(base: Path, target: str) -> Path | None:
    """The local document a relative link names, or None for any other link."""
    if not target or target.startswith(("#", "/", "?")) or ":" in target.split("/", 1)[0]:
        return None  # this page, the site's root, or a scheme: mailto:, tel:, ftp:…
    path = unquote(urldefrag(target)[0].split("?", 1)[0])
    if not path or Path(path).suffix.lower() not in DOCUMENT_SUFFIXES:
        return None  # an image, a PDF, a folder
    return base / path


def _unique_paths(paths: Iterable[Path]) -> list[Path]:
    seen: dict[str, Path] = {}
    for path in paths:
        seen.setdefault(file_key(path), path)
    return list(seen.values())


def _front_matter_line(text: str, entry: str) -> int | None:
    """The line of the front matter that names ``entry``, if it can be told."""
    for number, line in enumerate(text.splitlines()[:200], 1):
        if entry in line:
            return number
    return None
