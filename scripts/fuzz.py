"""The long fuzzing run of issue 17: every input surface of ``tests/fuzz_surfaces.py``
for as many inputs as asked, on several processes; prints what was run and found.

    .venv/bin/python scripts/fuzz.py --inputs 1000000 --jobs 2 --json fuzz-results.json

Inputs are split over the surfaces evenly and run in rounds of ``--round`` inputs, one
surface after the other (a fresh hypothesis run each, with its own seed: hypothesis
keeps what it tried in memory, and a round of a million would grow without end); each
round prints a line, so a run stopped early still says what it covered. A failing input is shrunk by
hypothesis, printed with its traceback, and counted; the surface goes on with its next
round. Exit code 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, settings

from tests.fuzz_surfaces import BY_NAME, SURFACES


@dataclass
class Tally:
    surface: str
    inputs: int = 0
    with_figures: int = 0
    figures: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def run_surface(job: tuple[str, int, int, int]) -> Tally:
    """Run ``inputs`` inputs of one surface in rounds; the tally of what happened."""
    name, inputs, per_round, seed = job
    surface = BY_NAME[name]
    tally = Tally(name)
    chance = random.Random(seed)
    started = time.monotonic()
    shrinking = False

    def counted(sample: Any) -> None:
        found = surface.check(sample)
        if not shrinking:
            tally.inputs += 1
            tally.figures += found
            tally.with_figures += found > 0

    while tally.inputs < inputs:
        wanted = min(per_round, inputs - tally.inputs)

        @settings(
            max_examples=wanted,
            deadline=None,
            database=None,
            derandomize=False,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )
        @given(surface.strategy)
        def holds(sample: Any) -> None:
            counted(sample)

        before = tally.inputs
        try:
            holds._hypothesis_internal_use_seed = chance.getrandbits(64)  # type: ignore[attr-defined]
            holds()
        except Exception:
            tally.failures.append(traceback.format_exc(limit=30))
            print(f"[{name}] FAILED:\n{tally.failures[-1]}", file=sys.stderr, flush=True)
        if tally.inputs == before:  # a round that ran nothing: give up, do not spin
            break
    tally.seconds = round(time.monotonic() - started, 1)
    print(
        f"[{name}] {tally.inputs:,} inputs, {tally.with_figures:,} with figures "
        f"({tally.figures:,} figures), {len(tally.failures)} failures, {tally.seconds:,} s",
        file=sys.stderr,
        flush=True,
    )
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000, help="in all, over surfaces")
    parser.add_argument("--jobs", type=int, default=2, help="processes")
    parser.add_argument("--round", type=int, default=5_000, help="inputs per hypothesis run")
    parser.add_argument("--surface", action="append", choices=sorted(BY_NAME))
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", type=Path, help="write the tallies here")
    args = parser.parse_args()
    names = args.surface or [surface.name for surface in SURFACES]
    # One round of each surface after the other, so that every surface has had its share
    # at any moment (a run stopped early still covers them all) and the processes stay
    # busy to the end.
    rounds = -(-args.inputs // (len(names) * args.round))
    jobs = [
        (name, args.round, args.round, args.seed * 100_000 + n)
        for n, name in enumerate(name for _ in range(rounds) for name in names)
    ]
    started = time.monotonic()
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        parts = list(pool.imap_unordered(run_surface, jobs, chunksize=1))
    tallies: dict[str, Tally] = {}
    for part in parts:
        total = tallies.setdefault(part.surface, Tally(part.surface))
        total.inputs += part.inputs
        total.with_figures += part.with_figures
        total.figures += part.figures
        total.seconds += part.seconds
        total.failures += part.failures
    summary = {
        "inputs": sum(t.inputs for t in tallies.values()),
        "with_figures": sum(t.with_figures for t in tallies.values()),
        "failures": sum(len(t.failures) for t in tallies.values()),
        "wall_seconds": round(time.monotonic() - started, 1),
        "surfaces": [asdict(t) for t in tallies.values()],
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "surfaces"}))
    if args.json is not None:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
