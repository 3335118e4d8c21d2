"""``factcheck check`` as a library call: configuration in, a filtered report out.

    drafts ─ read (--jobs; - from stdin) ─ each draft's sources read and fetched
           ─ check (drafts with the same sources together) ─ evidence URLs
           ─ inline suppressions ─ baseline ─ changed lines ─ View

Kept out of :mod:`factcheck.cli` so that the command line stays arguments-in,
report-out, and so that a script gets the same gate without a subprocess.
"""

from __future__ import annotations

import gc
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from factcheck.ci.baseline import Baseline, dump
from factcheck.ci.drafts import STDIN, Ignore, expand_drafts, find_ignore
from factcheck.config import Effective
from factcheck.errors import InputError, SourceError
from factcheck.models import CheckReport, DraftResult, Finding, Verdict
from factcheck.progress import steps
from factcheck.report import filter as report_filter
from factcheck.report import formats
from factcheck.report.locate import relative_path, repository_root
from factcheck.report.view import View
from factcheck.text.decode import MAX_DOCUMENT_BYTES

if TYPE_CHECKING:
    import datetime as dt

    from factcheck.report.formats import Format
    from factcheck.scoping import LinkCap, Wanted
    from factcheck.settings import Settings
    from factcheck.sources.documents import Document
    from factcheck.sources.fetching import FetchSettings
    from factcheck.sources.ledger import Ledger
    from factcheck.sources.parallel import Reading


@dataclass(frozen=True)
class Options:
    """What the command line adds to the configuration for one run."""

    baseline: Path | None = None
    write_baseline: Path | None = None
    diff: str | None = None
    progress: bool = False  # a progress bar on stderr (a terminal's)
    jobs: int = 1  # processes to read drafts and sources on; 0: every core
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
    #: what the user should know: one line each, for stderr (a draft with no figure,
    #: a link to a missing file, a misspelt directive, a draft --fix left alone)
    warnings: list[str] = field(default_factory=list)
    #: findings recorded by ``--write-baseline`` (None: no baseline written)
    baselined: int | None = None


#: How a warning names a language, and the other language a draft may be in.
_LANG_NAMES = {"en": "English", "de": "German"}
_OTHER_LANG = {"en": "de", "de": "en"}


def run(eff: Effective, options: Options, *, cwd: Path | None = None) -> Outcome:
    """Check the configured drafts; suppressions, baseline and ``--diff`` applied."""
    from factcheck.sources.ledger import load_ledger
    from factcheck.sources.parallel import Reading

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
    book = load_ledger([Path(p) for p in values.ledgers], default=not values.no_default_ledger)
    # The ledger lives until the run ends: the collector need not walk its (up to a
    # million) records again at every full collection.
    gc.freeze()
    names = book.names()
    lang = None if values.lang == "auto" else values.lang
    reading = Reading(settings, names, values.max_bytes)
    documents = read_drafts(
        drafts, lang, reading, stdin=options.stdin, jobs=options.jobs, progress=options.progress
    )
    report, skipped, draft_warnings = check_drafts(
        documents,
        values.sources,
        book,
        settings=settings,
        fetch=_fetch_settings(eff),
        as_of=values.as_of,
        follow_links=values.follow_links,
        strict_sources=values.strict_sources,
        explain=options.explain,
        jobs=options.jobs,
        progress=options.progress,
        max_bytes=values.max_bytes,
    )
    texts = {doc.location: doc.text for doc in documents}
    root = repository_root(cwd)
    warnings: list[str] = []
    why_hidden = _filters(texts, root, values.inline_config, options, report, warnings)
    hidden: Counter[str] = Counter()

    def wanted(draft: DraftResult, finding: Finding) -> bool:
        why = why_hidden(draft, finding)
        if why is not None:
            hidden[why] += 1
        return why is None

    report = report_filter.keep(report, wanted)
    baselined = None
    if options.write_baseline is not None:
        baselined = _write_baseline(options.write_baseline, report, root)
    fail_on: Verdict | None = None if values.fail_on == "never" else values.fail_on
    view = View(report, root, texts, values.severity, fail_on, dict(hidden))
    return Outcome(view, skipped, [*draft_warnings, *warnings], baselined)


def read_drafts(
    paths: Sequence[Path],
    lang: str | None,
    reading: Reading,
    *,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
    progress: bool = False,
) -> list[Document]:
    """The drafts at ``paths``, in order: files on ``jobs`` processes (0: every core),
    the draft ``-`` from ``stdin`` here (read before any bar is drawn)."""
    from factcheck.sources.parallel import read_all

    piped = _stdin_draft(stdin, lang, reading) if any(str(p) == STDIN for p in paths) else None
    files = [(path, lang) for path in paths if str(path) != STDIN]
    with steps("reading drafts", len(files), progress) as done:
        read = iter(read_all(files, reading, jobs=jobs, done=done))
    return [piped if piped is not None and str(p) == STDIN else next(read) for p in paths]


def check_drafts(
    documents: Sequence[Document],
    sources: Sequence[str],
    book: Ledger,
    *,
    settings: Settings,
    fetch: FetchSettings,
    as_of: dt.date | None = None,
    follow_links: bool = False,
    strict_sources: bool = False,
    explain: bool = False,
    jobs: int = 1,
    progress: bool = False,
    link_cap: LinkCap | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> tuple[CheckReport, list[str], list[str]]:
    """Every figure of the drafts read judged against its sources and ``book``: the
    report (each piece of evidence with the URL it can be read at), the sources left
    out (one line each, with why) and what the user should know about the drafts.

    ``sources`` are the run's files, folders and http(s) URLs; a draft that names its
    own (:mod:`factcheck.scoping`) is compared with those instead. What the command line
    and :func:`factcheck.check` have in common.
    """
    from factcheck import scoping
    from factcheck.compare.provenance import with_provenance

    local = [Path(source) for source in sources if not scoping.is_url(source)]
    urls = [source for source in sources if scoping.is_url(source)]
    cap = link_cap or scoping.LinkCap(fetch.max_links, fetch.max_links_per_host)
    own = [scoping.wanted(doc, follow_links=follow_links, cap=cap) for doc in documents]
    judging = _Judging(settings, fetch, as_of, strict_sources, explain, jobs, progress, max_bytes)
    report, skipped, left_out = _check(documents, own, (local, urls), book, judging)
    warnings = [*_draft_warnings(documents, own, cap), *left_out]
    return with_provenance(report, book), skipped, warnings


@dataclass(frozen=True)
class _Judging:
    """How the drafts of one run are judged, once they are read."""

    settings: Settings
    fetch: FetchSettings
    as_of: dt.date | None
    strict_sources: bool
    explain: bool
    jobs: int
    progress: bool
    max_bytes: int


#: What each draft is compared with: its files and its pages (see
#: :func:`factcheck.scoping.sources_of`).
_Plan = tuple[list[Path], list[str]]


def _check(
    documents: Sequence[Document],
    own: Sequence[Wanted],
    run_sources: tuple[Sequence[Path], Sequence[str]],
    book: Ledger,
    how: _Judging,
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
    from factcheck.sources.documents import expand

    names = book.names()
    unread: list[tuple[str, str]] = []  # folders of the run's sources that cannot be read
    run_files = expand(run_sources[0], unread)
    drafts = {scoping.file_key(Path(doc.location)) for doc in documents}
    plans = [scoping.sources_of(wanted, run_files, run_sources[1], drafts) for wanted in own]
    left_out = _drafts_as_sources(run_files, own, drafts)
    read = _read_files(plans, how, names)
    failed: dict[str, tuple[str, str]] = {folder: (folder, why) for folder, why in unread}
    pages = _fetch_pages(plans, how, names, failed)
    if failed and how.strict_sources:
        raise SourceError(*next(iter(failed.values())))
    run_unread = [failed[folder] for folder, _ in unread]
    # The run's folders that could not be read failed for the drafts that use the run's
    # sources (not those that name their own).
    of_run = {id(doc) for doc, wanted in zip(documents, own, strict=True) if not wanted.scoped}
    reports = []
    for (keys, urls), members in _groups(documents, plans).items():
        sources = [read[k] for k in keys] + [pages[url] for url in urls if url in pages]
        lost = [
            *(run_unread if any(id(m) in of_run for m in members) else []),
            *(failed[url] for url in urls if url in failed),
        ]
        reports.append(check(members, sources, book, as_of=how.as_of, settings=how.settings,
                             failed=lost, explain=how.explain))  # fmt: skip
    skipped = [f"{location}: {error}" for location, error in failed.values()]
    return merge(reports, [doc.location for doc in documents]), skipped, left_out


def _read_files(plans: Sequence[_Plan], how: _Judging, names: Sequence[str]) -> dict[str, Document]:
    """Every file of the plans, by its key, read once, on ``--jobs`` processes, in the
    order first named (as one process reads). A file that cannot be read (binary, too
    large, no permission) is an error, as bad input is."""
    from factcheck import scoping
    from factcheck.sources.parallel import Reading, read_all

    files = {scoping.file_key(path): path for paths, _ in plans for path in paths}
    with steps("reading sources", len(files), how.progress) as done:
        documents_read = read_all(
            [(path, None) for path in files.values()],
            Reading(how.settings, names, how.max_bytes),
            jobs=how.jobs,
            done=done,
        )
    return dict(zip(files, documents_read, strict=True))


def _fetch_pages(
    plans: Sequence[_Plan],
    how: _Judging,
    names: Sequence[str],
    failed: dict[str, tuple[str, str]],
) -> dict[str, Document]:
    """Every page of the plans, by its URL, fetched once; those that fail are added to
    ``failed`` (by the URL asked for: the URL as shown, and why)."""
    every_url = list(dict.fromkeys(url for _, urls in plans for url in urls))
    if not every_url:
        return {}
    pages, failed_pages = _web_sources(every_url, how.fetch, how.settings, names, how.progress)
    failed.update(failed_pages)
    return pages


def _groups(
    documents: Sequence[Document], plans: Sequence[_Plan]
) -> dict[tuple[tuple[str, ...], tuple[str, ...]], list[Document]]:
    """The drafts with the same sources together, by the keys of their files and URLs."""
    from factcheck import scoping

    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Document]] = {}
    for doc, (paths, urls) in zip(documents, plans, strict=True):
        key = (tuple(scoping.file_key(path) for path in paths), tuple(urls))
        groups.setdefault(key, []).append(doc)
    if not groups:  # no draft left (--restrict-to-drafts): an empty report, still one
        groups[(), ()] = []
    return groups


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


def _stdin_draft(stdin: BinaryIO | None, lang: str | None, reading: Reading) -> Document:
    """The draft ``-``: standard input, decoded as a file's bytes would be.

    It has no name to tell its format by, so it is read as a draft is written: as HTML
    when it starts as a page does, else as Markdown (a hard-wrapped paragraph is one run
    of text, code is no prose), never as plain text, whose every line break may end a
    sentence.
    """
    from factcheck.sources.documents import parse_document
    from factcheck.text import markup
    from factcheck.text.decode import decode_bytes, too_large

    if stdin is None:
        raise InputError(STDIN, "no standard input to read the draft from")
    data = stdin.read(reading.max_bytes + 1)
    if len(data) > reading.max_bytes:
        raise too_large(STDIN, reading.max_bytes)
    text = decode_bytes(data, "<stdin>")
    fmt: markup.Format = "html" if markup.detect_format(STDIN, text) == "html" else "markdown"
    return parse_document(
        STDIN,
        text,
        lang=lang,
        settings=reading.settings,
        entities=reading.entities,
        fmt=fmt,
        strict=True,
    )


def _fetch_settings(eff: Effective) -> FetchSettings:
    """How web sources are fetched: the configuration's ``[web]`` and the flags."""
    from factcheck.sources.fetching import FetchSettings

    values = eff.values
    return FetchSettings(
        **values.web.model_dump(),
        allow_private=values.allow_private,
        offline=values.offline,
        refresh=values.refresh,
    )


def _web_sources(
    urls: Sequence[str],
    fetch: FetchSettings,
    settings: Settings,
    names: Sequence[str],
    progress: bool,
) -> tuple[dict[str, Document], dict[str, tuple[str, str]]]:
    """The documents of the pages at ``urls``, and (URL as shown, why) for those that
    failed, each by the URL asked for."""
    from factcheck.sources.article import read_pages

    with steps("fetching", len(urls), progress) as done:
        return read_pages(urls, fetch, settings=settings, entities=names, done=done)


def _filters(
    texts: dict[str, str],
    root: Path,
    inline: bool,
    options: Options,
    report: CheckReport,
    warnings: list[str],
) -> Callable[[DraftResult, Finding], str | None]:
    """Why a finding is left out (suppressed, baselined, unchanged), or None to show it."""
    from factcheck.ci import suppress
    from factcheck.ci.gitdiff import changed_lines

    silenced: set[tuple[str, str]] = set()
    if inline:
        for draft in report.drafts:
            found = suppress.parse(texts[draft.path])
            warnings += [f"{draft.path}:{line}: {message}" for line, message in found.warnings]
            silenced |= {(draft.path, f.claim.id) for f in draft.findings if found.silences(f)}
    baseline = Baseline.load(options.baseline) if options.baseline else None
    changed: dict[str, set[int] | None] = {}
    if options.diff is not None:
        changed = {
            d.path: None if d.path == STDIN else changed_lines(Path(d.path), options.diff)
            for d in report.drafts
        }

    def why_hidden(draft: DraftResult, finding: Finding) -> str | None:
        if (draft.path, finding.claim.id) in silenced:
            return "suppressed"
        if options.diff is not None:
            lines = changed[draft.path]
            if lines is not None and finding.claim.line not in lines:
                return "unchanged"
        if baseline is not None and baseline.accepts(relative_path(draft.path, root), finding):
            return "baselined"
        return None

    return why_hidden


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


def render(outcome: Outcome, fmt: Format, *, colour: bool, quiet: bool = False) -> Iterator[str]:
    """The report's text in ``fmt``, in chunks that end with a newline."""
    return formats.render(outcome.view, fmt, formats.Style(colour=colour, quiet=quiet))


def summary(outcome: Outcome) -> str:
    """The run in one line: figures per verdict, and those left out (fixed, suppressed…)."""
    from factcheck.report.text import summary as line

    return line(outcome.view.report, outcome.view.hidden)


@dataclass(frozen=True)
class Change:
    """What ``--fix`` changes (or, dry, would change) in one draft."""

    path: str
    diff: str
    figures: int


def fix(outcome: Outcome, *, dry_run: bool) -> tuple[Outcome, list[Change]]:
    """``--fix``: each fixable finding written into its draft, and left out of the report
    as "fixed"; with ``dry_run`` nothing is written and the outcome stays as it was.

    A draft that cannot be fixed safely keeps its findings, with a warning.
    """
    from factcheck import fix as fixing

    view = outcome.view
    changes: list[Change] = []
    fixed: set[tuple[str, str]] = set()
    for plan in fixing.plan(view.report, view.texts):
        name = relative_path(plan.path, view.root)
        if not dry_run:
            try:
                fixing.write(plan)
            except InputError as exc:
                outcome.warnings.append(str(exc))
                continue
            fixed |= {(plan.path, edit.claim_id) for edit in plan.edits}
        changes.append(Change(plan.path, fixing.unified_diff(plan, name), len(plan.edits)))
    if not fixed:
        return outcome, changes
    report = report_filter.keep(view.report, lambda d, f: (d.path, f.claim.id) not in fixed)
    view = replace(view, report=report, hidden={**view.hidden, "fixed": len(fixed)})
    return replace(outcome, view=view), changes


def exit_code(view: View) -> int:
    """1 when a finding is at or above ``fail_on``, else 0 (read from the verdicts: an
    item's place in its draft's text is not needed for it)."""
    verdicts = {f.verdict for draft in view.report.drafts for f in draft.findings}
    return int(any(view.fails(verdict) for verdict in verdicts))


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
