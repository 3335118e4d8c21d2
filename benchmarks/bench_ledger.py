"""Ledger load time and memory on a generated ledger of a million records.

    python benchmarks/bench_ledger.py [--records 1000000] [--files 20] [--keep DIR]

Writes a ledger of realistic records (a few hundred companies with aliases, the metrics
of the default ledger, English and German value strings, stated qualifiers, dates of
every precision, repeated sources) into a temporary directory, then loads it in fresh
child processes: once with an empty cache (cold: every file read and checked, values
read by the extractor) and once more (warm: rows from the cache). Each run reports its
wall time and the child's peak resident memory. Last, a generated 1,500-word draft
naming the ledger's companies is checked against the loaded ledger (goal: 0.5 s).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHILD = """
import json, resource, sys, time
from pathlib import Path
from typing import Any
def peak_kb():
    # This process's own high-water mark: ru_maxrss would report the parent's size when
    # the parent that forked it was larger (it survives exec).
    try:
        with open("/proc/self/status") as status:
            return next(int(ln.split()[1]) for ln in status if ln.startswith("VmHWM:"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
from factcheck.sources.ledger import _reader_fingerprint, load_ledger
code = _reader_fingerprint()  # what the cache entries are keyed by
imported = time.perf_counter()
ledger = load_ledger([Path(sys.argv[1])], default=False)
loaded = time.perf_counter()
names = ledger.names()
pairs = [(names[i % len(names)], "valuation") for i in range(10_000)]
hits = sum(len(ledger.select(entity=e, metric=m)) for e, m in pairs)
selected = time.perf_counter()
print(json.dumps({
    "records": len(ledger.records), "entities": len(ledger.entities),
    "import": imported - start, "load": loaded - imported, "select": selected - loaded,
    "hits": hits, "rss_mb": peak_kb() / 1024,
    "code": code, "changed": code != _reader_fingerprint(),
}))
"""

COMPANIES = (
    "Anthropic", "OpenAI", "xAI", "Mistral AI", "Cohere", "Aleph Alpha", "Nvidia", "Microsoft",
    "Alphabet", "Amazon", "Meta", "Oracle", "SoftBank", "CoreWeave", "Fluidstack", "Databricks",
)  # fmt: skip
SYLLABLES = ("nor", "vel", "tra", "quin", "dal", "mer", "os", "ka", "lun", "bri", "zen", "tor")
KINDS = ("Labs", "Systems", "Robotics", "Energy", "Cloud", "Data", "AI", "Semiconductor")
OUTLETS = (
    "reuters.com/technology", "ft.com/content", "bloomberg.com/news/articles",
    "handelsblatt.com/technik", "heise.de/news", "techcrunch.com", "theinformation.com/articles",
    "datacenterdynamics.com/en/news", "wsj.com/tech", "faz.net/aktuell/wirtschaft",
)  # fmt: skip
QUALIFIERS_EN = ("", "", "", "", "about ", "more than ", "up to ", "nearly ", "at least ")
QUALIFIERS_DE = ("", "", "", "rund ", "mehr als ", "bis zu ", "knapp ")
NOUNS = {
    "customers": ("business customers", "customers"),
    "permanent_jobs": ("permanent jobs",),
    "construction_jobs": ("construction jobs",),
    "chips": ("chips", "Trainium2 chips", "GPUs"),
    "buildings": ("buildings", "data halls"),
}
METRICS = (
    "valuation", "funding", "investment", "revenue", "stake", "customers", "permanent_jobs",
    "construction_jobs", "power_capacity", "area", "chips", "buildings",
)  # fmt: skip
WEIGHTS = (20, 18, 18, 10, 8, 5, 4, 4, 4, 3, 3, 3)


def company_names(rng: random.Random, count: int) -> list[str]:
    names = list(COMPANIES)
    while len(names) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        name = f"{stem} {rng.choice(KINDS)}"
        if name not in names:
            names.append(name)
    return names


def number_pool(rng: random.Random, size: int = 400) -> tuple[list[str], list[float]]:
    """Figures as newsrooms round them (4, 45, 450, 4.5, 61.5), the small ones most often."""
    pool: list[str] = []
    while len(pool) < size:
        whole, tenth = rng.randint(1, 99), rng.randint(1, 9)
        n = rng.choice((str(whole), str(whole * 10), f"{whole}.5", f"{whole}.{tenth}"))
        if n not in pool:
            pool.append(n)
    return pool, [1 / (rank + 1) for rank in range(size)]  # Zipf: a few figures recur a lot


def value_for(
    rng: random.Random, metric: str, lang: str, numbers: tuple[list[str], list[float]]
) -> str:
    q = rng.choice(QUALIFIERS_DE if lang == "de" else QUALIFIERS_EN)
    n = rng.choices(*numbers)[0]
    if metric in {"valuation", "funding", "investment", "revenue"}:
        if lang == "de":
            scale = rng.choice(("Millionen", "Milliarden"))
            return f"{q}{n.replace('.', ',')} {scale} {rng.choice(('Euro', 'US-Dollar'))}"
        return f"{q}${n} {rng.choice(('million', 'billion'))}"
    if metric == "stake":
        return f"{q}{rng.randint(1, 49)}{' Prozent' if lang == 'de' else '%'}"
    if metric == "power_capacity":
        return f"{q}{n} {rng.choice(('megawatts', 'gigawatts'))}"
    if metric == "area":
        return f"{q}{rng.randint(1, 40) * 50:,} acres"
    count = rng.randint(1, 99) * rng.choice((1, 10, 100, 1000))
    return f"{q}{count:,} {rng.choice(NOUNS[metric])}"


def generate(folder: Path, records: int, files: int, seed: int = 7) -> int:
    """Write the ledger; return how many distinct value strings it holds."""
    rng = random.Random(seed)
    companies = company_names(rng, 400)
    numbers = number_pool(rng)
    aliases: set[str] = set(companies)
    values: set[tuple[str, str]] = set()
    per_file = records // files
    for index in range(files):
        lines = [f"# Generated ledger, part {index + 1} of {files}.", ""]
        for name in companies[index::files]:
            lines += ["[[entities]]", f'name = "{name}"']
            short = name.split()[0]
            if short != name and short not in aliases:  # "Velquin Labs" is also "Velquin"
                aliases.add(short)
                lines.append(f'aliases = ["{short}"]')
            lines.append("")
        count = per_file if index < files - 1 else records - per_file * (files - 1)
        for _ in range(count):
            metric = rng.choices(METRICS, WEIGHTS)[0]
            german = {"valuation", "funding", "investment", "revenue", "stake"}
            lang = "de" if rng.random() < 0.08 and metric in german else "en"
            value = value_for(rng, metric, lang, numbers)
            values.add((value, lang))
            year = rng.randint(2019, 2026)
            as_of = rng.choice(
                (f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                 f'"{year}-{rng.randint(1, 12):02d}"', f'"{year}"')
            )  # fmt: skip
            lines += [
                "[[claims]]",
                f'entity = "{rng.choice(companies)}"',
                f'metric = "{metric}"',
                f'value = "{value}"',
                f"as_of = {as_of}",
                f'source = "https://www.{rng.choice(OUTLETS)}/{rng.randint(1, 60_000)}"',
            ]
            if metric in {"stake", "investment"} and rng.random() < 0.7:
                lines.append(f'counterparty = "{rng.choice(companies)}"')
            if rng.random() < 0.15:
                lines.append('note = "Reported by two outlets; the company did not comment."')
            if lang == "de":
                lines.append('lang = "de"')
            lines.append("")
        (folder / f"ledger-{index + 1:02d}.toml").write_text("\n".join(lines), encoding="utf-8")
    return len(values)


def load_in_child(folder: Path, cache: Path) -> dict[str, Any]:
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, env=env
    )
    if run.returncode:
        sys.exit(f"the load failed:\n{run.stderr}")
    result: dict[str, Any] = json.loads(run.stdout)
    result["wall"] = time.perf_counter() - start
    return result


CHECK_CHILD = """
import gc, json, statistics, sys, time
from pathlib import Path
from factcheck.compare.check import check
from factcheck.sources.documents import parse_document
from factcheck.sources.ledger import load_ledger
start = time.perf_counter()
ledger = load_ledger([Path(sys.argv[1])], default=False)
# The (entity, metric) index, built on first use: by a select of a known entity (one
# unknown returns before it would build it).
ledger.select(entity=(ledger.names() or ["-"])[0], metric="-")
gc.freeze()  # as `factcheck check` does once the ledger is loaded (gate.run)
loaded = time.perf_counter() - start
draft_text = Path(sys.argv[2]).read_text(encoding="utf-8")
repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 3
times, extract, checks, cpu = [], [], [], []
full = []  # the collections of the oldest generation: each walks the whole ledger
gc.callbacks.append(lambda phase, info: full.append(1) if info["generation"] == 2 and
                    phase == "stop" else None)
for _ in range(repeat):
    start, cpu_start = time.perf_counter(), time.process_time()
    draft = parse_document("draft.txt", draft_text, entities=ledger.names())
    read = time.perf_counter()
    report = check([draft], [], ledger)
    times.append(time.perf_counter() - start)
    extract.append(read - start)
    checks.append(time.perf_counter() - read)
    cpu.append(time.process_time() - cpu_start)
print(json.dumps({"seconds": min(times), "first": times[0], "loaded": loaded,
                  "figures": sum(report.summary.values()),
                  "summary": report.summary, "words": len(draft_text.split()),
                  "median": statistics.median(times), "cpu": statistics.median(cpu),
                  "extract": statistics.median(extract), "check": statistics.median(checks),
                  "claims": len(draft.claims), "repeat": repeat, "times": times,
                  "full_collections": len(full)}))
"""

DRAFT_SENTENCES = (
    "{a} was valued at ${n} billion after its latest round, people close to the deal said.",
    "{a} raised ${n} million from a group of investors led by {b}.",
    "The new campus of {a} is expected to create {c:,} permanent jobs.",
    "{b} owns a stake of about {p}% in {a}, according to filings.",
    "{a} will invest ${n} billion in data centers over the next years.",
    "Its revenue reached ${n} billion, the company said.",
    "Analysts expect the market to keep growing as more firms move their work to the cloud.",
    "The company declined to comment on the talks, which are still going on.",
    "Several rivals have announced similar plans in recent months, adding to the pressure.",
)


def write_draft(path: Path, words: int = 1500, seed: int = 11) -> None:
    """A news-like draft naming the generated ledger's companies, about ``words`` long."""
    rng = random.Random(seed)
    companies = company_names(random.Random(7), 400)  # the names `generate` used
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        a, b = rng.sample(companies, 2)
        n, c, p = (
            rng.choice(("4.5", "61.5", "12", "180", "2.2")),
            rng.randint(2, 90) * 100,
            rng.randint(2, 40),
        )
        sentences.append(rng.choice(DRAFT_SENTENCES).format(a=a, b=b, n=n, c=c, p=p))
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def time_check_draft(
    folder: Path,
    cache: Path,
    *,
    repeat: int = 3,
    env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Check a 1,500-word draft against the ledger in ``folder`` (warm cache, best of
    ``repeat``; the median and its CPU time, extraction and ``check()`` apart, too).

    ``env`` adds to the child's environment, ``preexec_fn`` runs in it before it starts
    (``bench_check`` pins it to one core).
    """
    draft = cache.parent / "draft.txt"
    write_draft(draft)
    env = {**os.environ, **(env or {}), "FACTCHECK_CACHE_DIR": str(cache)}
    run = subprocess.run(
        [sys.executable, "-c", CHECK_CHILD, str(folder), str(draft), str(repeat)],
        capture_output=True, text=True, env=env, check=False, preexec_fn=preexec_fn,
    )  # fmt: skip
    if run.returncode:
        sys.exit(f"the check failed:\n{run.stderr}")
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def ledger_key() -> str:
    """A digest of the generator: a cached ledger is written again when it changes."""
    source = inspect.getsource(generate) + inspect.getsource(value_for)
    return hashlib.sha1(source.encode()).hexdigest()[:10]


def cached_ledger(records: int, cache: Path, log: Callable[[str], None] = print) -> Path:
    """A generated ledger of ``records`` under ``cache``, written once per version of the
    generator (writing a million records takes minutes and says nothing about factcheck).
    """
    files = min(20, max(1, records // 1000))
    folder = cache / f"ledger-{records}-{files}-{ledger_key()}"
    if not folder.is_dir():
        part = folder.with_suffix(".part")
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        start = time.perf_counter()
        generate(part, records, files)
        part.rename(folder)
        log(f"  generated {records:,} records in {time.perf_counter() - start:.0f} s (cached)")
    return folder


def calibration() -> float:
    """Milliseconds this machine takes for sum(range(10**6)): some 15 ms on a desktop."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        sum(range(10**6))
        runs.append(time.perf_counter() - start)
    return min(runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="write the ledger here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "ledger"
        folder.mkdir(parents=True, exist_ok=True)
        cache = Path(tmp) / "cache"
        start = time.perf_counter()
        distinct = generate(folder, args.records, args.files)
        size = sum(p.stat().st_size for p in folder.glob("*.toml")) / 1e6
        print(
            f"generated {args.records:,} records in {args.files} files, {size:.0f} MB, "
            f"{distinct:,} distinct values ({time.perf_counter() - start:.1f} s)"
        )
        print(f"this machine: sum(range(10**6)) takes {calibration():.0f} ms (a desktop: ~15 ms)")
        code = None
        for label in ("cold", "warm"):
            r = load_in_child(folder, cache)
            if r["changed"] or code not in (None, r["code"]):
                print("(factcheck's code changed while this ran: the warm run was not warm)")
            code = r["code"]
            print(
                f"{label}: load {r['load']:.2f} s (+ {r['import']:.2f} s imports), "
                f"peak RSS {r['rss_mb']:.0f} MB; {r['records']:,.0f} records, "
                f"{r['entities']:,.0f} entities; 10,000 selects by entity and metric "
                f"{r['select']:.2f} s ({r['hits'] / 10_000:,.0f} records each)"
            )
        r = time_check_draft(folder, cache)
        print(
            f"check a {r['words']:,}-word draft ({r['figures']} figures; extraction included) "
            f"against it: {r['seconds']:.2f} s (best of 3; first {r['first']:.2f} s) after "
            f"load and index ({r['loaded']:.1f} s); verdicts {r['summary']}"
        )


if __name__ == "__main__":
    main()
