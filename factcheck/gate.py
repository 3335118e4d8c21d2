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
from typing import TYPE_CHECKING, BinaryIO

from factcheck.baseline import Baseline, dump
from factcheck.config import Effective
from factcheck.drafts import STDIN, Ignore, expand_drafts, find_ignore
from factcheck.errors import InputError, SourceError
from factcheck.models import CheckReport, DraftResult, Finding, Verdict
from factcheck.report import filter as report_filter
from factcheck.report import provenance
from factcheck.report.locate import relative_path, repository_root
from factcheck.report.view import View

if TYPE_CHECKING:
    from factcheck.settings import Settings
    from factcheck.sources.documents import Document


@dataclass(frozen=True)
class Options:
    """What the command line adds to the configuration for one run."""

    baseline: Path | None = None
    write_baseline: Path | None = None
    diff: str | None = None
    progress: bool = False
    #: every finding with the frame read and the candidates weighed
    explain: bool = False
    #: where the draft named ``-`` is read from
    stdin: BinaryIO | None = None
    #: ``--restrict-to-drafts``: of the drafts named, only those these patterns (the
    #: configuration's drafts) cover; None: every draft named
    scope: tuple[str, ...] | None = None


@dataclass
class Outcome:
    view: View
    skipped: list[str] = field(default_factory=list)  # sources left out, with why
    #: findings recorded by ``--write-baseline`` (None: no baseline written)
    baselined: int | None = None


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


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
    from factcheck.compare.check import check
    from factcheck.sources.documents import read_document, read_documents
    from factcheck.sources.ledger import load_ledger

    values = eff.values
    settings = eff.settings()
    if not values.drafts:
        raise InputError("check", "no drafts named on the command line or in the configuration")
    ignore_file = find_ignore(cwd)
    ignore = Ignore(ignore_file) if ignore_file else None
    drafts = expand_drafts(values.drafts, ignore)
    if options.scope is not None:
        covered = {path.resolve() for path in expand_drafts(options.scope, ignore)}
        drafts = [d for d in drafts if str(d) == STDIN or d.resolve() in covered]
    local = [Path(source) for source in values.sources if not _is_url(source)]
    urls = [source for source in values.sources if _is_url(source)]
    book = load_ledger([Path(p) for p in values.ledgers], default=not values.no_default_ledger)
    # The ledger lives until the run ends: the collector need not walk its (up to a
    # million) records again at every full collection.
    gc.freeze()
    names = book.names()
    lang = None if values.lang == "auto" else values.lang
    documents = [
        _stdin_draft(options.stdin, lang, settings, names)
        if str(path) == STDIN
        else read_document(path, lang=lang, settings=settings, entities=names)
        for path in _progress(drafts, options.progress)
    ]
    sources = list(read_documents(local, settings=settings, entities=names))
    if values.follow_links:
        from factcheck.compare.citations import http_links

        urls = list(dict.fromkeys([*urls, *http_links(documents)]))
    failed: list[tuple[str, str]] = []
    if urls:
        pages, failed = _web_sources(urls, eff, names, options.progress)
        sources += pages
    if failed and values.strict_sources:
        raise SourceError(*failed[0])
    skipped = [f"{location}: {error}" for location, error in failed]
    report = check(
        documents,
        sources,
        book,
        as_of=values.as_of,
        settings=settings,
        failed=failed,
        explain=options.explain,
    )
    report = provenance.with_urls(report, book)
    texts = {doc.location: doc.text for doc in documents}
    root = repository_root(cwd)
    wanted = _filters(texts, root, values.inline_config, options, report)
    report = report_filter.keep(report, wanted)
    baselined = None
    if options.write_baseline is not None:
        baselined = _write_baseline(options.write_baseline, report, root)
    fail_on: Verdict | None = None if values.fail_on == "never" else values.fail_on
    view = View(report, root, texts, values.severity, fail_on)
    return Outcome(view, skipped, baselined)


def _stdin_draft(
    stdin: BinaryIO | None, lang: str | None, settings: Settings, names: Sequence[str]
) -> Document:
    """The draft ``-``: standard input, decoded as a file's bytes would be."""
    from factcheck.sources.documents import parse_document
    from factcheck.text.decode import decode_bytes

    if stdin is None:
        raise InputError(STDIN, "no standard input to read the draft from")
    text = decode_bytes(stdin.read(), "<stdin>")
    return parse_document(STDIN, text, lang=lang, settings=settings, entities=names, strict=True)


def _web_sources(
    urls: Sequence[str], eff: Effective, names: Sequence[str], progress: bool
) -> tuple[list[Document], list[tuple[str, str]]]:
    """The documents of the pages at ``urls``, and (URL, why) for those that failed."""
    from factcheck.sources.article import read_pages
    from factcheck.sources.web import FetchSettings

    values = eff.values
    fetch = FetchSettings(
        **values.web.model_dump(),
        allow_private=values.allow_private,
        offline=values.offline,
        refresh=values.refresh,
    )
    with _fetch_progress(len(urls), progress) as done:
        return read_pages(urls, fetch, settings=eff.settings(), entities=names, done=done)


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
        changed = {
            d.path: None if d.path == STDIN else changed_lines(Path(d.path), options.diff)
            for d in report.drafts
        }

    def wanted(draft: DraftResult, finding: Finding) -> bool:
        if (draft.path, finding.claim.id) in silenced:
            return False
        if options.diff is not None:
            lines = changed[draft.path]
            if lines is not None and finding.claim.line not in lines:
                return False
        return baseline is None or not baseline.accepts(relative_path(draft.path, root), finding)

    return wanted


def _write_baseline(path: Path, report: CheckReport, root: Path) -> int:
    """Write the baseline of ``report``'s findings to ``path``; how many it holds."""
    from factcheck.output import atomic_output

    entries = [
        (relative_path(draft.path, root), finding)
        for draft in report.drafts
        for finding in draft.findings
        if finding.verdict != "consistent"
    ]
    with atomic_output(path) as out:
        out.write(dump(entries))
    return len(entries)


def baseline_note(path: Path, count: int) -> str:
    """The one line ``--write-baseline`` prints.

    >>> baseline_note(Path("base.json"), 1)
    'factcheck: wrote 1 finding to base.json; --baseline base.json leaves it out'
    """
    findings = f"{count} finding{'s' * (count != 1)}"
    them = "it" if count == 1 else "them"
    return f"factcheck: wrote {findings} to {path}; --baseline {path} leaves {them} out"


def render(outcome: Outcome, fmt: str, *, colour: bool) -> Iterator[str]:
    """The report's text in ``fmt``, in chunks that end with a newline."""
    view = outcome.view
    if fmt == "json":
        # Without --explain the report has no "explain" keys: schema version 1 as it was.
        explained = any(f.explain for d in view.report.drafts for f in d.findings)
        hidden = (
            None if explained else {"drafts": {"__all__": {"findings": {"__all__": {"explain"}}}}}
        )
        yield view.report.model_dump_json(indent=2, exclude=hidden) + "\n"
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
    elif fmt == "gitlab":
        from factcheck.report import gitlab

        yield gitlab.render(view)
    else:
        from factcheck.report.text import render as text

        yield from (line + "\n" for line in text(view.report, colour=colour))


def exit_code(view: View) -> int:
    """1 when a finding is at or above ``fail_on``, else 0."""
    return int(any(item.fails for item in view.items()))


def warn(message: str) -> None:
    print(f"factcheck: {message}", file=sys.stderr)
