"""Checking, reporting and writing records take time and space in proportion to the
input, however many figures one sentence holds (issue 17, items 1 and 8).

Each hostile input is run at a size n and at 2n in the same test: one line of "1%"
(thousands of figures in one sentence), a page of short figures against a one-figure
draft, a sentence of one company's figures checked against a copy of itself, a minified
HTML page of one line placed in SARIF and HTML reports, and the JSON records of a long
line. Linear code does about twice the work at 2n; code that rescans the sentence for
each figure does four times as much, or eight.

Work is counted, not timed: the lines of Python executed (``sys.settrace``), which do
not depend on the machine or its load, so the bound of 2.5 cannot flake. CPU time is
checked too, against a bound of 3 that leaves room for a busy machine (the least of
three runs), for what runs in C (fuzzy matching, string copies) is not counted in lines.
Output is measured in bytes.

A sentence checked against itself is the one input where the work is not linear: every
draft figure is compared with every source figure of its kind (that is what checking
is), so n figures against n are n² comparisons. There the test holds that each
comparison costs the same at 2n as at n (nothing in it grows with the sentence) and that
the frames, sentences and relations behind them are worked out once.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any

import pytest

from factcheck.compare.check import check
from factcheck.compare.figures import Figure
from factcheck.compare.relate import Relater, Relation
from factcheck.extract.pipeline import extract
from factcheck.models import MAX_SENTENCE, SENTENCE_REACH, CheckReport
from factcheck.report import html, sarif
from factcheck.report.view import View
from factcheck.sources.documents import Document, parse_document
from factcheck.sources.ledger import Ledger, load_ledger
from tests.hostile_inputs import minified_page, one_company_sentence, percent_line

AS_OF = dt.date(2026, 6, 1)
#: Most work at 2n, as a multiple of the work at n (linear: about 2; quadratic: 4).
MAX_GROWTH = 2.5
#: The same for CPU time, the least of three runs, with room for a loaded machine.
MAX_CPU_GROWTH = 3.0


def lines_of_work(call: Callable[[], object]) -> int:
    """How many lines of Python ``call`` executes (calls counted as lines too)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        count += event == "line"
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        count += 1
        return local

    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def cpu_seconds(call: Callable[[], object], runs: int = 3) -> float:
    """The least CPU time of ``runs`` runs of ``call``."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best


def growth(make: Callable[[int], Callable[[], object]], n: int) -> tuple[float, float]:
    """How much more work and CPU time the input of size 2n takes than that of size n.

    The larger runs first, so caches that the two share cannot flatter it.
    """
    big, small = make(2 * n), make(n)
    big_lines, small_lines = lines_of_work(big), lines_of_work(small)
    big_cpu, small_cpu = cpu_seconds(big), cpu_seconds(small)
    print(f"\nwork {big_lines / small_lines:.2f}x, CPU {big_cpu / small_cpu:.2f}x", end=" ")
    return big_lines / small_lines, big_cpu / small_cpu


# --- the hostile inputs ---------------------------------------------------------------


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load_ledger([], default=True)


def read(name: str, text: str) -> Document:
    return parse_document(name, text, lang="en")


def checked(
    draft: Document, sources: Sequence[Document] = (), ledger: Ledger | None = None
) -> CheckReport:
    return check([draft], sources, ledger, as_of=AS_OF)


@pytest.fixture(scope="module", autouse=True)
def warm(ledger: Ledger, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Lexicons, grammars, the tagger and the report templates load on first use: before
    anything is counted."""
    checked(read("warm.txt", "Acme raised $5 million, up 3%."), (), ledger)
    german = "Der Konzern Velmar steigt mit 5 Prozent bei Firma7 ein."
    checked(parse_document("warm.de.txt", german, lang="de"), (), ledger)
    page = read("warm.html", minified_page(400))
    report = checked(page, (read("s.txt", "Acme grew 4%."),), ledger)
    view = View(report, tmp_path_factory.mktemp("warm"), {page.location: page.text})
    sarif.render(view)
    html.render(view)


# --- item 1: check ----------------------------------------------------------------------


def test_issue17_d1_a_line_of_figures_is_read_and_checked_in_linear_time(ledger: Ledger) -> None:
    def make(size: int) -> Callable[[], object]:
        text = percent_line(size)
        return lambda: checked(read("line.txt", text), (), ledger)

    lines, cpu = growth(make, 3000)
    assert lines < MAX_GROWTH, f"work grew {lines:.2f} times"
    assert cpu < MAX_CPU_GROWTH, f"CPU time grew {cpu:.2f} times"


def test_issue17_d1_a_page_of_short_figures_is_checked_in_linear_time(ledger: Ledger) -> None:
    draft = read("draft.txt", "Acme grew 7% last year.\n")

    def make(size: int) -> Callable[[], object]:
        page = ("7% " * (size // 3 + 1))[:size]
        return lambda: checked(draft, (read("page.txt", page),), ledger)

    lines, cpu = growth(make, 6000)
    assert lines < MAX_GROWTH, f"work grew {lines:.2f} times"
    assert cpu < MAX_CPU_GROWTH, f"CPU time grew {cpu:.2f} times"


def test_issue17_d1_a_sentence_checked_against_itself_costs_the_same_per_comparison(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    relations = 0
    original = Relater._relate

    def counted(self: Relater, d: Figure, c: Figure, anchored: bool) -> Relation:
        nonlocal relations
        relations += 1
        return original(self, d, c, anchored)

    monkeypatch.setattr(Relater, "_relate", counted)

    def run(size: int) -> tuple[int, int, float, int]:
        nonlocal relations
        text = one_company_sentence(size)
        draft, source = read("draft.txt", text), read("source.txt", text)
        relations = 0
        report = checked(draft, (source,))
        related = relations
        assert {f.verdict for f in report.drafts[0].findings} == {"consistent"}
        work = lines_of_work(lambda: checked(draft, (source,)))
        pairs = len(draft.claims) * len(source.claims)
        return pairs, work, cpu_seconds(lambda: checked(draft, (source,))), related

    big_pairs, big_work, big_cpu, big_relations = run(3000)
    pairs, work, cpu, small_relations = run(1500)
    assert 3.5 < big_pairs / pairs < 4.5  # n figures against n: n² comparisons
    per_pair = (big_work / big_pairs) / (work / pairs)
    assert per_pair < 1.25, f"the work of a comparison grew {per_pair:.2f} times"
    cpu_per_pair = (big_cpu / big_pairs) / (cpu / pairs)
    assert cpu_per_pair < 1.5, f"the CPU time of a comparison grew {cpu_per_pair:.2f} times"
    # one company's frames in one sentence: related once, not once per pair
    assert big_relations == small_relations < 10


#: Long sentences of other shapes, of ``k`` figures: each asks the frame reader something
#: else of the sentence (its mentions, brackets, changes, references, places, verbs). The
#: names of each size are its own, so that what the word classes remember of one size's
#: words cannot flatter the other's.
SHAPES = {
    "a table row flattened into one clause": lambda k: " ".join(f"Acme {i}%" for i in range(k)),
    "brackets": lambda k: " ".join(f"( {i}%" for i in range(k)),
    "changes": lambda k: "Sales rose " + " ".join(f"by {i}% to {i + 1}%" for i in range(k)),
    "pronouns": lambda k: "Acme said " + ", ".join(f"it raised {i}%" for i in range(k)),
    "places": lambda k: "Acme said " + ", ".join(f"in Germany it rose {i}%" for i in range(k)),
    "parties after prepositions": lambda k: (
        "Acme holds " + " ".join(f"{i}% in Firm{k}x{i} and" for i in range(k))
    ),
    "German separable verbs": lambda k: (
        "Der Konzern " + ", ".join(f"steigt mit {i} Prozent bei Firma{k}x{i} ein" for i in range(k))
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_issue17_d1_a_long_sentence_of_any_shape_is_read_in_linear_time(shape: str) -> None:
    def make(k: int) -> Callable[[], object]:
        text = SHAPES[shape](k) + "."
        lang = "de" if shape.startswith("German") else "en"
        return lambda: checked(parse_document("shape.txt", text, lang=lang))

    lines, _ = growth(make, 250)
    assert lines < MAX_GROWTH, f"work grew {lines:.2f} times"


# --- item 1: reports --------------------------------------------------------------------


def test_issue17_d1_reports_place_a_long_line_of_figures_in_linear_time(tmp_path: Any) -> None:
    def make(size: int) -> Callable[[], object]:
        page = minified_page(size)
        draft = parse_document(str(tmp_path / "page.html"), page)
        report = checked(draft)
        view = View(report, tmp_path, {draft.location: page})

        def render() -> None:
            sarif.render(view)
            html.render(view)

        return render

    lines, cpu = growth(make, 20_000)
    assert lines < MAX_GROWTH, f"work grew {lines:.2f} times"
    assert cpu < MAX_CPU_GROWTH, f"CPU time grew {cpu:.2f} times"


# --- item 8: records --------------------------------------------------------------------


def records(text: str) -> str:
    """The claims of ``text`` as ``extract --format json`` writes them."""
    return ",".join(claim.model_dump_json() for claim in extract(text, "en"))


def test_issue17_d8_records_of_a_long_line_grow_linearly() -> None:
    small, big = records(percent_line(16_000)), records(percent_line(32_000))
    assert len(big) / len(small) < 2.1
    longest = max(len(json.dumps(record)) for record in json.loads(f"[{big}]"))
    assert longest < 2 * (MAX_SENTENCE + 300)


def test_issue17_d8_a_check_report_of_a_long_line_grows_linearly(ledger: Ledger) -> None:
    def size(chars: int) -> int:
        return len(checked(read("line.txt", percent_line(chars)), (), ledger).model_dump_json())

    assert size(32_000) / size(16_000) < 2.1


def test_issue17_d8_a_long_sentence_is_carried_as_the_part_around_its_figure() -> None:
    text = "Intro. " + " ".join(f"Item {k} cost ${k} million" for k in range(1, 200)) + "."
    claims = extract(text, "en")
    middle = claims[len(claims) // 2]
    record = json.loads(middle.model_dump_json())
    shown = record["sentence"]
    assert shown.startswith("… ")
    assert shown.endswith(" …")
    assert middle.text in shown
    assert len(shown) <= 2 * SENTENCE_REACH + len(middle.text) + 4
    # where the whole sentence is, as offsets into the input; the model keeps it whole
    start, end = record["sentence_start"], record["sentence_end"]
    assert text[start:end].startswith("Item 1 cost")
    assert text[start:end].endswith("million.")
    assert middle.sentence == " ".join(text[start:end].split())
    assert " ".join(shown.strip("… ").split()) in middle.sentence


def test_issue17_d8_a_sentence_of_ordinary_length_is_carried_whole() -> None:
    text = "Intro. Acme raised $5 million, up 3% from a year earlier."
    first = extract(text, "en")[0]
    record = json.loads(first.model_dump_json())
    assert record["sentence"] == "Acme raised $5 million, up 3% from a year earlier."
    assert (record["sentence_start"], record["sentence_end"]) == (7, len(text))
