"""``factcheck check`` as a library call: configuration in, a filtered report out.

    drafts ─ read ─ (fetch web sources) ─ check ─ inline suppressions ─ baseline
           ─ changed lines ─ View

Kept out of :mod:`factcheck.cli` so that the command line stays arguments-in,
report-out, and so that a script gets the same gate without a subprocess.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.baseline import Baseline, dump
from factcheck.config import Effective
from factcheck.drafts import Ignore, expand_drafts, find_ignore
from factcheck.errors import InputError, SourceError
from factcheck.models import CheckReport, DraftResult, Finding, Verdict
from factcheck.report import filter as report_filter
from factcheck.report.locate import relative_path, repository_root
from factcheck.report.view import View

if TYPE_CHECKING:
    from factcheck.scoping import LinkCap, Wanted
    from factcheck.sources.documents import Document
    from factcheck.sources.ledger import Ledger


@dataclass(frozen=True)
class Options:
    """What the command line adds to the configuration for one run."""

    baseline: Path | None = None
    write_baseline: Path | None = None
    diff: str | None = None
    progress: bool = False
    #: every finding with the frame read and the candidates weighed
    explain: bool = False


@dataclass
class Outcome:
    view: View
    skipped: list[str] = field(default_factory=list)  # sources left out, with why
    #: what the user should know about the drafts: one line each, for stderr
    warnings: list[str] = field(default_factory=list)


#: How a warning names a language, and the other language a draft may be in.
_LANG_NAMES = {"en": "English", "de": "German"}
_OTHER_LANG = {"en": "de", "de": "en"}


def _progress(paths: Sequence[Path], show: bool) -> Iterator[Path]:
    if not show or len(paths) < 2:
        yield from paths
        return
    from rich.console import Console
    from rich.progress import track

    # Only stderr, and only a terminal: a log or a pipe gets the report and nothing else.
    yield from track(paths, description="checking", console=Console(stderr=True),
                     transient=True)  # fmt: skip


def run(eff: Effective, options: Options, *, cwd: Path | None = None) -> Outcome:
    """Check the configured drafts; suppressions, baseline and ``--diff`` applied."""
    from factcheck import scoping
    from factcheck.sources.documents import read_document
    from factcheck.sources.ledger import load_ledger

    values = eff.values
    settings = eff.settings()
    if not values.drafts:
        raise InputError("check", "no drafts named on the command line or in the configuration")
    ignore_file = find_ignore(cwd)
    drafts = expand_drafts(values.drafts, Ignore(ignore_file) if ignore_file else None)
    local = [Path(source) for source in values.sources if not scoping.is_url(source)]
    urls = [source for source in values.sources if scoping.is_url(source)]
    book = load_ledger([Path(p) for p in values.ledgers], default=not values.no_default_ledger)
    # The ledger lives until the run ends: the collector need not walk its (up to a
    # million) records again at every full collection.
    gc.freeze()
    names = book.names()
    lang = None if values.lang == "auto" else values.lang
    documents = [
        read_document(
            path, lang=lang, settings=settings, entities=names, max_bytes=values.max_bytes
        )
        for path in _progress(drafts, options.progress)
    ]
    cap = scoping.LinkCap(values.web.max_links, values.web.max_links_per_host)
    own = [scoping.wanted(doc, follow_links=values.follow_links, cap=cap) for doc in documents]
    report, skipped, left_out = _check(documents, own, (local, urls), book, eff, options)
    warnings = [*_draft_warnings(documents, own, cap), *left_out]
    texts = {doc.location: doc.text for doc in documents}
    root = repository_root(cwd)
    wanted = _filters(texts, root, values.inline_config, options, report)
    report = report_filter.keep(report, wanted)
    if options.write_baseline is not None:
        _write_baseline(options.write_baseline, report, root)
    fail_on: Verdict | None = None if values.fail_on == "never" else values.fail_on
    view = View(report, root, texts, values.severity, fail_on)
    return Outcome(view, skipped, warnings)


def _check(
    documents: Sequence[Document],
    own: Sequence[Wanted],
    run_sources: tuple[Sequence[Path], Sequence[str]],
    book: Ledger,
    eff: Effective,
    options: Options,
) -> tuple[CheckReport, list[str], list[str]]:
    """The report of every draft checked against its sources (see :mod:`factcheck.scoping`:
    its own, and the run's files and URLs unless it names its own), the sources that
    failed, as lines, and the drafts left out as sources, as lines. Every file and page
    is read once; drafts with the same sources are checked together, and their reports
    merged. A folder of sources that cannot be read is listed as failed, as a page that
    cannot be fetched is (an error with ``strict_sources``), never skipped in silence; a
    file that cannot be read is an error."""
    from factcheck import scoping
    from factcheck.compare.check import check
    from factcheck.report.merge import merge
    from factcheck.sources.documents import expand, read_document

    values, settings, names = eff.values, eff.settings(), book.names()
    unread: list[tuple[str, str]] = []  # folders of the run's sources that cannot be read
    run_files = expand(run_sources[0], unread)
    drafts = {scoping.file_key(Path(doc.location)) for doc in documents}
    plans = [scoping.sources_of(wanted, run_files, run_sources[1], drafts) for wanted in own]
    left_out = _drafts_as_sources(run_files, own, drafts)
    files = {scoping.file_key(path): path for paths, _ in plans for path in paths}
    # A file that cannot be read (binary, too large, no permission) is an error, as bad
    # input is; a folder that cannot be walked is a failed source (it was skipped).
    read = {
        file_id: read_document(path, settings=settings, entities=names, max_bytes=values.max_bytes)
        for file_id, path in files.items()
    }
    failed: dict[str, tuple[str, str]] = {folder: (folder, why) for folder, why in unread}
    every_url = list(dict.fromkeys(url for _, urls in plans for url in urls))
    pages: dict[str, Document] = {}
    if every_url:
        pages, failed_pages = _web_sources(every_url, eff, names, options.progress)
        failed.update(failed_pages)
    if failed and values.strict_sources:
        raise SourceError(*next(iter(failed.values())))
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Document]] = {}
    for doc, (paths, urls) in zip(documents, plans, strict=True):
        key = (tuple(scoping.file_key(path) for path in paths), tuple(urls))
        groups.setdefault(key, []).append(doc)
    run_unread = [failed[folder] for folder, _ in unread]
    # The run's folders that could not be read failed for the drafts that use the run's
    # sources (not those that name their own).
    of_run = {id(doc) for doc, wanted in zip(documents, own, strict=True) if not wanted.scoped}
    reports = [
        check(
            members,
            [read[k] for k in keys] + [pages[url] for url in urls if url in pages],
            book,
            as_of=values.as_of,
            settings=settings,
            failed=[
                *(run_unread if any(id(m) in of_run for m in members) else []),
                *(failed[url] for url in urls if url in failed),
            ],
            explain=options.explain,
        )
        for (keys, urls), members in groups.items()
    ]
    skipped = [f"{location}: {error}" for location, error in failed.values()]
    return merge(reports, [doc.location for doc in documents]), skipped, left_out


def _drafts_as_sources(
    run_files: Sequence[Path], own: Sequence[Wanted], drafts: set[str]
) -> list[str]:
    """A line for each source that is a draft of the run, and so left out."""
    from factcheck import scoping

    named = [*run_files, *(path for wanted in own for path in wanted.files)]
    found = dict.fromkeys(str(path) for path in named if scoping.file_key(path) in drafts)
    return [
        f"{path}: a draft of this run, so not a source (a draft would confirm its own figures)"
        for path in found
    ]


def _draft_warnings(
    documents: Sequence[Document], own: Sequence[Wanted], cap: LinkCap
) -> Iterator[str]:
    """A line for each draft with no figure (perhaps read in the wrong language), for
    each link to a local document that does not exist, and for links not followed."""
    for doc, wanted in zip(documents, own, strict=True):
        if wanted.unfollowed:
            yield (
                f"{doc.location}: {wanted.unfollowed:,} web links not followed: at most "
                f"{cap.total} a draft and {cap.per_host} to one host are "
                "(web.max_links, web.max_links_per_host)"
            )
        if not doc.claims and doc.view.strip():
            other = _OTHER_LANG.get(doc.lang)
            hint = (
                f"; if it is {_LANG_NAMES[other]}, say lang: {other} in its front matter "
                f"or run with --lang {other}"
                if other
                else ""
            )
            name = _LANG_NAMES.get(doc.lang, doc.lang)
            yield f"{doc.location}: no figure found (read as {name}{hint})"
        for target in wanted.missing:
            yield f"{doc.location}: links to {target}, which does not exist"


def _web_sources(
    urls: Sequence[str], eff: Effective, names: Sequence[str], progress: bool
) -> tuple[dict[str, Document], dict[str, tuple[str, str]]]:
    """The documents of the pages at ``urls``, and (URL as shown, why) for those that
    failed, each by the URL asked for."""
    from factcheck.errors import FetchError
    from factcheck.sources.article import to_document
    from factcheck.sources.web import Fetcher, FetchSettings

    values = eff.values
    fetch = FetchSettings(
        **values.web.model_dump(),
        allow_private=values.allow_private,
        offline=values.offline,
        refresh=values.refresh,
    )
    with Fetcher(fetch) as fetcher, _fetch_progress(len(urls), progress) as done:
        results = fetcher.fetch_all(urls, done)
    documents: dict[str, Document] = {}
    failed: dict[str, tuple[str, str]] = {}
    for url, result in zip(urls, results, strict=True):
        if isinstance(result, FetchError):
            failed[url] = (result.location, result.message)
            continue
        try:
            documents[url] = to_document(result, settings=eff.settings(), entities=names)
        except FetchError as exc:
            failed[url] = (exc.location, exc.message)
    return documents, failed


@contextmanager
def _fetch_progress(total: int, show: bool) -> Iterator[Callable[[], None]]:
    """A callback to count finished fetches; a bar on a terminal's stderr, as above."""
    if not show or total < 2:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("fetching", total=total)
        yield lambda: bar.advance(task)


def _filters(
    texts: dict[str, str],
    root: Path,
    inline: bool,
    options: Options,
    report: CheckReport,
) -> Callable[[DraftResult, Finding], bool]:
    from factcheck import suppress
    from factcheck.gitdiff import changed_lines

    silenced: set[tuple[str, str]] = set()
    if inline:
        for draft in report.drafts:
            claims = (f.claim for f in draft.findings)
            silenced |= {(draft.path, i) for i in suppress.silenced(texts[draft.path], claims)}
    baseline = Baseline.load(options.baseline) if options.baseline else None
    changed: dict[str, set[int] | None] = {}
    if options.diff is not None:
        changed = {d.path: changed_lines(Path(d.path), options.diff) for d in report.drafts}

    def wanted(draft: DraftResult, finding: Finding) -> bool:
        if (draft.path, finding.claim.id) in silenced:
            return False
        if options.diff is not None:
            lines = changed[draft.path]
            if lines is not None and finding.claim.line not in lines:
                return False
        return baseline is None or not baseline.accepts(relative_path(draft.path, root), finding)

    return wanted


def _write_baseline(path: Path, report: CheckReport, root: Path) -> None:
    from factcheck.output import atomic_output

    entries = (
        (relative_path(draft.path, root), finding)
        for draft in report.drafts
        for finding in draft.findings
        if finding.verdict != "consistent"
    )
    with atomic_output(path) as out:
        out.write(dump(entries))


def _unused_keys(report: CheckReport) -> dict[str, Any] | None:
    """The optional keys no finding uses, left out of the JSON: without --explain there
    are no "explain" keys, and without a note (an exchange rate, the draft's own
    arithmetic) no "note" keys in the evidence: schema version 1 as it was."""
    findings = [f for d in report.drafts for f in d.findings]
    hidden: dict[str, Any] = {}
    if not any(f.explain for f in findings):
        hidden["explain"] = True
    if not any(e.note for f in findings for e in f.evidence):
        hidden["evidence"] = {"__all__": {"note"}}
    return {"drafts": {"__all__": {"findings": {"__all__": hidden}}}} if hidden else None


def render(outcome: Outcome, fmt: str, *, colour: bool) -> Iterator[str]:
    """The report's text in ``fmt``, in chunks that end with a newline."""
    view = outcome.view
    if fmt == "json":
        yield view.report.model_dump_json(indent=2, exclude=_unused_keys(view.report)) + "\n"
    elif fmt == "sarif":
        from factcheck.report import sarif

        yield sarif.render(view)
    elif fmt == "junit":
        from factcheck.report import junit

        yield junit.render(view)
    elif fmt == "github":
        from factcheck.report import github

        yield from (line + "\n" for line in github.render(view))
    elif fmt == "html":
        from factcheck.report import html

        yield html.render(view)
    elif fmt == "rdjsonl":
        from factcheck.report import rdjsonl

        yield from (line + "\n" for line in rdjsonl.render(view))
    else:
        from factcheck.report.text import render as text

        yield from (line + "\n" for line in text(view.report, colour=colour))


def exit_code(view: View) -> int:
    """1 when a finding is at or above ``fail_on``, else 0."""
    return int(any(item.fails for item in view.items()))


#: Failed sources listed one a line on stderr; the rest are counted in one more line.
SKIPPED_SHOWN = 10


def shown_skipped(skipped: Sequence[str], limit: int = SKIPPED_SHOWN) -> list[str]:
    """The lines for the sources left out: the first ``limit``, then one line for the
    rest (200,000 refused links were 200,000 lines); every one is in the report.

    >>> shown_skipped(["a: x", "b: y", "c: z"], limit=1)
    ['a: x', '(2 more failed; every one is in the report)']
    """
    if len(skipped) <= limit:
        return list(skipped)
    rest = len(skipped) - limit
    return [*skipped[:limit], f"({rest:,} more failed; every one is in the report)"]


def warn(message: str) -> None:
    print(f"factcheck: {message}", file=sys.stderr)
