"""Time of `factcheck check`: a 1,500-word draft against 10 source pages and a ledger.

    python benchmarks/bench_check.py [--records 1000000] [--lang en] [--repeat 5]
                                     [--cli-repeat 3] [--ledger-repeat 10] [--json PATH]
                                     [--profile 15] [--keep DIR]

The issue's acceptance line: "`check` time for a 1,500-word draft against 10 source
pages and against the 1,000,000-record ledger; goal ≤ 1 s and ≤ 0.5 s after load, on one
core".

Writes (fixed seed, ``newsgen``'s companies and sentences) ten source pages of 800 to
1,200 words, Markdown with a title and a date, and a draft of about 1,500 words about
the same companies: some of its sentences with figures are taken from the pages as they
are, some with a slip (digits transposed or one off, millions for billions), the rest are
new (figures no page states, often about the same companies and metrics). Then, in a
fresh child process on one core (pinned to the least busy one where the system allows;
numeric libraries limited to one thread), it measures, as wall and CPU time:

- start-up: the interpreter, the imports, and a first check of one line (lexicons,
  grammars, concepts and tagger models are loaded on first use);
- reading and extracting the draft, and the ten pages;
- ``check()`` of the draft against the pages, no ledger: the median of ``--repeat``;
  "after load" is the draft read and extracted plus ``check()`` (the pages are loaded).

Then, for reference, the command ``factcheck check DRAFT --source PAGE ...
--no-default-ledger --format json --as-of ...`` end to end, wall time (median of
``--cli-repeat``); and, with ``bench_ledger``'s machinery, that benchmark's 1,500-word
draft (it names the ledger's companies) checked against a generated ledger of
``--records`` records (0: skip), after load and index, the median of ``--ledger-repeat``
(with the slowest: a collection of the oldest generation walks the whole ledger).
Generated ledgers are kept in ``~/.cache/factcheck-bench`` (as ``run_all.py`` keeps
them); the ledger itself is loaded cold, from an empty cache, before the clock starts.
``--profile N`` prints the top N functions of one ``check()`` against the pages by
cumulative time (cProfile).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import bench_ledger
import bench_peers
import newsgen

#: The goals of the acceptance line, in seconds after load, on one core.
GOAL_SOURCES, GOAL_LEDGER = 1.0, 0.5
#: The date the draft speaks for; the pages are dated before it.
AS_OF = dt.date(2026, 12, 1)
PAGES, PAGE_WORDS, DRAFT_WORDS = 10, (800, 1200), 1500
#: Shares of the draft's sentences taken from a page as they are, and with a slip; the
#: rest are newsgen's sentences (about one in six with a figure, as in business news).
COPIED, SLIPPED = 0.08, 0.05
#: One thread for the numeric libraries the tagger loads (numpy): one core means one.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
#: A line to check first: it loads what the extractor and the checker load on first use.
FIRST_LINE = {
    "en": "Northgate Systems raised $45 million, up 12% from 2024.",
    "de": "Northgate Systems sammelte 45 Millionen Euro ein, 12 Prozent mehr als 2024.",
}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
SCALES = {
    "million": "billion", "billion": "million", "Millionen": "Milliarden",
    "Milliarden": "Millionen", "Mio.": "Mrd.", "Mrd.": "Mio.",
}  # fmt: skip
TOPICS = {
    "en": ("plans new data centers", "reports its quarterly results", "weighs a takeover"),
    "de": ("plant neue Rechenzentren", "legt Quartalszahlen vor", "prüft eine Übernahme"),
}

CHILD = """
import time
began, started = (time.perf_counter(), time.process_time()), time.time()
import json, statistics, sys
from pathlib import Path
def clock():
    return time.perf_counter(), time.process_time()
def since(t):
    return {"wall": time.perf_counter() - t[0], "cpu": time.process_time() - t[1]}
args = json.loads(sys.argv[1])
t = clock()
import datetime as dt
import itertools
from factcheck.compare.check import check
from factcheck.sources.documents import parse_document, read_document
imports = since(t)
as_of = dt.date.fromisoformat(args["as_of"])
t = clock()
line = parse_document("line.txt", args["line"])
check([line], [line], None, as_of=as_of)
first = since(t)
runs = []
for _ in range(args["repeat"]):
    t = clock()
    draft = read_document(Path(args["draft"]))
    read_draft = since(t)
    t = clock()
    sources = [read_document(Path(p)) for p in args["sources"]]
    read_sources = since(t)
    t = clock()
    report = check([draft], sources, None, as_of=as_of)
    runs.append({"draft": read_draft, "sources": read_sources, "check": since(t)})
profile = None
if args["profile"]:
    import cProfile, io, pstats
    profiler = cProfile.Profile()
    profiler.enable()
    check([draft], sources, None, as_of=as_of)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(args["profile"])
    profile = out.getvalue()
try:
    with open("/proc/self/status") as status:
        peak = next(int(ln.split()[1]) for ln in status if ln.startswith("VmHWM:")) / 1024
except OSError:
    peak = None
print(json.dumps({
    "started": started, "interpreter_cpu": began[1], "imports": imports, "first": first,
    "runs": runs, "figures": sum(report.summary.values()), "claims": len(draft.claims),
    "source_claims": [len(s.claims) for s in sources], "summary": report.summary,
    "rss_mb": peak, "profile": profile,
}))
"""


@dataclass(frozen=True)
class Inputs:
    """The files written and what went into them."""

    draft: Path
    sources: list[Path]
    draft_words: int
    source_words: list[int]
    copied: int
    slipped: int


def is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1990 <= int(number) <= 2040


def slip(rng: random.Random, text: str) -> str | None:
    """``text`` with one figure off as writers slip: digits transposed or one off, or
    millions for billions; None when it has no figure but a year."""
    numbers = [m for m in NUMBER.finditer(text) if not is_year(m.group())]
    if not numbers:
        return None
    scales = [w for w in SCALES if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    if scales and rng.random() < 0.3:
        word = rng.choice(scales)
        return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", SCALES[word], text, count=1)
    match = rng.choice(numbers)
    chars = list(match.group())
    digits = [i for i, c in enumerate(chars) if c.isdigit()]
    pairs = [(a, b) for a, b in itertools.pairwise(digits) if chars[a] != chars[b]]
    if pairs and rng.random() < 0.6:
        a, b = rng.choice(pairs)
        if not (a == 0 and chars[b] == "0"):  # no leading zero
            chars[a], chars[b] = chars[b], chars[a]
            return text[: match.start()] + "".join(chars) + text[match.end() :]
    last = int(chars[digits[-1]])
    chars[digits[-1]] = str(last + 1 if last < 9 else 8)  # one off, never a leading zero
    return text[: match.start()] + "".join(chars) + text[match.end() :]


def paragraphs(sentences: list[str]) -> str:
    return "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))


def page(rng: random.Random, lang: str, number: int) -> tuple[str, list[str], int]:
    """A source page (Markdown: front matter with title and date), its sentences with a
    figure, and its words."""
    fillers = set(newsgen.FILLER_EN if lang == "en" else newsgen.FILLER_DE)
    target = rng.randint(*PAGE_WORDS)
    sentences: list[str] = []
    words = 0
    while words < target:
        sentences.append(newsgen.sentence(rng, lang))
        words += len(sentences[-1].split())
    title = f"{newsgen.COMPANIES[number % len(newsgen.COMPANIES)]} {rng.choice(TOPICS[lang])}"
    when = AS_OF - dt.timedelta(days=rng.randint(5, 200))
    text = f'---\ntitle: "{title}"\ndate: {when.isoformat()}\n---\n\n# {title}\n\n'
    figures = [s for s in sentences if s not in fillers and NUMBER.search(s)]
    return text + paragraphs(sentences) + "\n", figures, words + len(title.split())


def write_inputs(folder: Path, lang: str = "en", seed: int = 5) -> Inputs:
    """Ten pages and a draft that shares some of their figures, some with a slip."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    pool: list[str] = []
    sources: list[Path] = []
    source_words: list[int] = []
    for number in range(PAGES):
        text, figures, words = page(rng, lang, number)
        path = folder / f"source-{number + 1:02d}.md"
        path.write_text(text, encoding="utf-8")
        sources.append(path)
        source_words.append(words)
        pool += figures
    sentences: list[str] = []
    copied = slipped = words = 0
    while words < DRAFT_WORDS:
        draw = rng.random()
        taken = pool.pop(rng.randrange(len(pool))) if draw < COPIED + SLIPPED and pool else None
        sentence = taken if draw < COPIED or taken is None else slip(rng, taken)
        if sentence is None or taken is None:
            sentence = newsgen.sentence(rng, lang)
        elif draw < COPIED:
            copied += 1
        else:
            slipped += 1
        sentences.append(sentence)
        words += len(sentence.split())
    title = "Das Rennen um Rechenzentren" if lang == "de" else "The race for data centers"
    draft = folder / "draft.md"
    draft.write_text(f"# {title}\n\n{paragraphs(sentences)}\n", encoding="utf-8")
    return Inputs(draft, sources, words + len(title.split()), source_words, copied, slipped)


def busy_cores(interval: float = 0.5) -> dict[int, float]:
    """The share of time each core this process may use was busy over ``interval``."""
    if not hasattr(os, "sched_getaffinity"):
        return {}

    def sample() -> dict[int, tuple[int, int]]:
        found = {}
        try:
            with open("/proc/stat", encoding="ascii") as stat:
                for line in stat:
                    name, *fields = line.split()
                    if name.startswith("cpu") and name[3:].isdigit():
                        ticks = [int(f) for f in fields]
                        found[int(name[3:])] = (sum(ticks), ticks[3] + ticks[4])  # idle+iowait
        except OSError:
            return {}
        return found

    before = sample()
    time.sleep(interval)
    after = sample()
    allowed = os.sched_getaffinity(0)
    return {
        core: 1 - (after[core][1] - before[core][1]) / max(1, after[core][0] - before[core][0])
        for core in sorted(allowed)
        if core in before and core in after
    }


def pinned(core: int | None) -> Callable[[], None] | None:
    """What a child runs before it starts to stay on ``core`` (None: not pinned)."""
    if core is None:
        return None
    return lambda: os.sched_setaffinity(0, {core})


def child_env() -> dict[str, str]:
    return {**os.environ, **ONE_THREAD}


def median_of(runs: list[dict[str, Any]], *steps: str) -> dict[str, float]:
    """The median wall and CPU time of ``steps`` added up, over ``runs``."""
    return {
        clock: statistics.median(sum(run[step][clock] for step in steps) for run in runs)
        for clock in ("wall", "cpu")
    }


def measure(
    inputs: Inputs, lang: str, repeat: int, core: int | None, profile: int
) -> dict[str, Any]:
    """Start-up, extraction and ``check()`` against the pages in a fresh child."""
    args = {
        "draft": str(inputs.draft),
        "sources": [str(p) for p in inputs.sources],
        "as_of": AS_OF.isoformat(),
        "line": FIRST_LINE[lang],
        "repeat": repeat,
        "profile": profile,
    }
    spawned = time.time()
    run = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(args)],
        capture_output=True, text=True, env=child_env(), preexec_fn=pinned(core), check=False,
    )  # fmt: skip
    if run.returncode:
        sys.exit(f"the check failed:\n{run.stderr}")
    r: dict[str, Any] = json.loads(run.stdout)
    runs = r["runs"]
    check = median_of(runs, "check")
    return {
        "startup": {
            "interpreter": {"wall": r["started"] - spawned, "cpu": r["interpreter_cpu"]},
            "imports": r["imports"],
            "first_check": r["first"],
        },
        "draft": median_of(runs, "draft"),
        "sources": median_of(runs, "sources"),
        "check": {**check, "first": runs[0]["check"]["wall"], "runs": len(runs)},
        "after_load": median_of(runs, "draft", "check"),
        "figures": r["figures"],
        "claims": r["claims"],
        "source_claims": r["source_claims"],
        "per_figure_ms": 1000 * check["wall"] / max(1, r["figures"]),
        "summary": r["summary"],
        "rss_mb": r["rss_mb"],
        "profile": r["profile"],
    }


def factcheck_command() -> list[str]:
    """The ``factcheck`` script beside this interpreter, else ``python -m factcheck``."""
    script = Path(sys.executable).with_name("factcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "factcheck"]


def time_cli(inputs: Inputs, repeat: int, core: int | None) -> dict[str, Any]:
    """``factcheck check DRAFT --source ... --format json`` end to end (median of
    ``repeat``), and the summary of its report."""
    command = [*factcheck_command(), "check", str(inputs.draft)]
    for source in inputs.sources:
        command += ["--source", str(source)]
    command += ["--no-default-ledger", "--format", "json", "--as-of", AS_OF.isoformat()]
    walls, cpus = [], []
    summary: dict[str, int] = {}
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run(
            command, capture_output=True, text=True, env=child_env(), cwd=inputs.draft.parent,
            preexec_fn=pinned(core), check=False,
        )  # fmt: skip
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if run.returncode not in (0, 1):  # 1: findings at or above --fail-on
            sys.exit(f"factcheck check failed ({run.returncode}):\n{run.stderr}")
        summary = json.loads(run.stdout)["summary"]
    return {
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "runs": repeat,
        "summary": summary,
        "command": "factcheck check DRAFT " + "--source PAGE " * len(inputs.sources)
        + f"--no-default-ledger --format json --as-of {AS_OF.isoformat()}",
    }  # fmt: skip


def time_ledger(
    records: int, cache: Path, repeat: int, core: int | None, log: Callable[[str], None] = print
) -> dict[str, Any]:
    """``bench_ledger``'s draft checked against a generated ledger of ``records``."""
    folder = bench_ledger.cached_ledger(records, cache, log)
    with tempfile.TemporaryDirectory() as tmp:
        result = bench_ledger.time_check_draft(
            folder, Path(tmp) / "cache", repeat=repeat, env=ONE_THREAD, preexec_fn=pinned(core)
        )
    result["records"] = records
    result["per_figure_ms"] = 1000 * result["check"] / max(1, result["figures"])
    return result


def bench(
    records: int,
    *,
    lang: str = "en",
    repeat: int = 5,
    cli_repeat: int = 3,
    ledger_repeat: int = 10,
    profile: int = 0,
    keep: Path | None = None,
    cache: Path | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Every measure of this benchmark, as the dictionary ``--json`` writes."""
    busy = busy_cores()
    core = min(busy, key=lambda c: busy[c]) if len(busy) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        inputs = write_inputs(keep or Path(tmp) / "check", lang)
        result: dict[str, Any] = {
            "lang": lang,
            "as_of": AS_OF.isoformat(),
            "core": core,
            "busy": {str(c): round(share, 3) for c, share in busy.items()},
            "inputs": {
                "draft_words": inputs.draft_words,
                "pages": len(inputs.sources),
                "page_words": inputs.source_words,
                "copied": inputs.copied,
                "slipped": inputs.slipped,
            },
        }
        result["sources"] = measure(inputs, lang, repeat, core, profile)
        result["cli"] = time_cli(inputs, cli_repeat, core)
    result["ledger"] = time_ledger(
        records, cache or bench_peers.cache_dir(), ledger_repeat, core, log
    ) if records else None  # fmt: skip
    # Met on wall time (the stricter: other work on the machine can share the core too).
    after = result["sources"]["after_load"]
    result["goals"] = {
        "sources": {
            "goal": GOAL_SOURCES,
            "seconds": after["wall"],
            "cpu": after["cpu"],
            "met": after["wall"] <= GOAL_SOURCES,
        }
    }
    if result["ledger"]:
        seconds = result["ledger"]["median"]
        result["goals"]["ledger"] = {
            "goal": GOAL_LEDGER,
            "seconds": seconds,
            "cpu": result["ledger"]["cpu"],
            "met": seconds <= GOAL_LEDGER,
            "records": records,
        }
    return result


def table(r: dict[str, Any]) -> str:
    """The measures as a plain-text table, the goals below it."""
    s, cli, ledger = r["sources"], r["cli"], r["ledger"]
    up = s["startup"]
    pages, words = r["inputs"]["pages"], sum(r["inputs"]["page_words"])
    rows: list[tuple[str, dict[str, float], str]] = [
        ("start-up: interpreter", up["interpreter"], ""),
        ("start-up: imports", up["imports"], ""),
        ("start-up: first check of a line", up["first_check"], "lexicons, grammars, models"),
        ("read + extract the draft", s["draft"], f"{r['inputs']['draft_words']:,} words, "
         f"{s['claims']} figures"),
        (f"read + extract {pages} pages", s["sources"], f"{words:,} words, "
         f"{sum(s['source_claims'])} figures"),
        (f"check() against {pages} pages", s["check"], f"{s['per_figure_ms']:.1f} ms a figure; "
         f"first {s['check']['first']:.3f} s"),
        ("after load: draft + check()", s["after_load"], f"goal ≤ {GOAL_SOURCES:g} s"),
        ("CLI end to end (--format json)", cli, f"median of {cli['runs']}"),
    ]  # fmt: skip
    if ledger:
        rows.append((
            f"ledger of {ledger['records']:,}: load (cold) + index", {"wall": ledger["loaded"]},
            "before the clock; the first draft + check() after it: "
            f"{ledger['first']:.3f} s",
        ))  # fmt: skip
        rows.append((
            f"ledger of {ledger['records']:,}: draft + check()",
            {"wall": ledger["median"], "cpu": ledger["cpu"]},
            f"goal ≤ {GOAL_LEDGER:g} s; {ledger['figures']} figures, {ledger['words']:,} words; "
            f"check() {ledger['check']:.3f} s; slowest of {ledger['repeat']} "
            f"{max(ledger['times']):.3f} s ({ledger['full_collections']} full collections)",
        ))  # fmt: skip
    width = max(len(label) for label, _, _ in rows)
    lines = [f"{'':{width}}  {'wall':>8}  {'CPU':>8}", ""]
    for label, t, note in rows:
        cpu = f"{t['cpu']:7.3f}s" if "cpu" in t else f"{'–':>8}"
        times = f"{t['wall']:7.3f}s  {cpu}"
        lines.append(f"{label:{width}}  {times}  {note}".rstrip())
    lines.append("")
    for name, g in r["goals"].items():
        against = f"the {g['records']:,}-record ledger" if name == "ledger" else f"{pages} pages"
        state = "met" if g["met"] else "NOT MET"
        lines.append(f"goal against {against}: ≤ {g['goal']:g} s after load: {state} "
                     f"({g['seconds']:.3f} s wall, {g['cpu']:.3f} s CPU, medians)")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000, help="ledger size; 0: skip")
    parser.add_argument("--lang", choices=("en", "de"), default="en")
    parser.add_argument("--repeat", type=int, default=5, help="check() runs (the median)")
    parser.add_argument("--cli-repeat", type=int, default=3, help="CLI runs (the median)")
    parser.add_argument("--ledger-repeat", type=int, default=10, help="runs against the ledger")
    parser.add_argument("--json", type=Path, help="write the measures here")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="print the top N functions of check() by cumulative time")  # fmt: skip
    parser.add_argument("--keep", type=Path, help="write the draft and pages here and keep them")
    parser.add_argument("--cache", type=Path, help="generated ledgers (~/.cache/factcheck-bench)")
    args = parser.parse_args()
    start = time.perf_counter()
    r = bench(
        args.records,
        lang=args.lang,
        repeat=args.repeat,
        cli_repeat=args.cli_repeat,
        ledger_repeat=args.ledger_repeat,
        profile=args.profile,
        keep=args.keep,
        cache=args.cache,
    )
    pin = f"pinned to core {r['core']}" if r["core"] is not None else "not pinned (one core?)"
    busy = ", ".join(f"core {c} {share:.0%}" for c, share in r["busy"].items())
    print(
        f"check a {r['inputs']['draft_words']:,}-word draft ({r['lang']}; "
        f"{r['inputs']['copied']} sentences from the pages as they are, "
        f"{r['inputs']['slipped']} with a slip) as of {r['as_of']}; {pin} "
        f"(busy before: {busy}); verdicts {r['sources']['summary']}\n"
    )
    print(table(r))
    if r["cli"]["summary"] != r["sources"]["summary"]:
        print(f"(the CLI's verdicts differ from check()'s: {r['cli']['summary']})")
    if r["sources"]["profile"]:
        print(f"\ncProfile of one check() against the pages:\n{r['sources']['profile']}")
    if args.json:
        args.json.write_text(json.dumps(r, indent=1), encoding="utf-8")
    print(f"\n({time.perf_counter() - start:.0f} s in all)")


if __name__ == "__main__":
    main()
