"""`factcheck extract` run as the real command on bad and edge input.

The contract (shared/DESIGN.md): exit 0 on success, 2 on bad input with exactly one line
on stderr naming the file and never a traceback; a report is written whole or not at
all, to stdout as to ``--output``.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import factcheck

ENGLISH = (
    "Northwind Energy said on Tuesday it will invest $3.2 billion in a new 450 MW solar "
    "plant, creating about 1,200 jobs. Its shares rose 8% in early trading.\n"
)
#: (text, value, unit) of every claim in ENGLISH.
ENGLISH_CLAIMS = [
    ("$3.2 billion", 3.2e9, "USD"),
    ("450 MW", 4.5e8, "W"),
    ("about 1,200", 1200.0, "count"),
    ("8%", 8.0, "%"),
]
#: German with umlauts and a euro sign, so that its cp1252 bytes are not UTF-8.
GERMAN = (
    "Der Umsatz stieg um 12 Prozent auf 2.400 Millionen Euro. Die Größe des Geländes "
    "wächst um 120 Hektar, die Übernahme kostet 5 Mio. €.\n"
)
GERMAN_CLAIMS = [
    ("12 Prozent", 12.0, "%"),
    ("2.400 Millionen Euro", 2.4e9, "EUR"),
    ("120 Hektar", 1.2e6, "m2"),
    ("5 Mio. €", 5e6, "EUR"),
]


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def factcheck_cli(*args: str | Path, stdin: bytes = b"", cwd: Path | None = None) -> Run:
    """Run ``python -m factcheck`` with ``args``; stdout and stderr must be UTF-8."""
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        check=False,
        timeout=120,
    )
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def assert_refused(run: Run, path: str, *reason: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr that names ``path`` and a ``reason``."""
    assert run.code == 2, run
    assert run.out == ""
    assert "Traceback" not in run.err
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert run.err.endswith("\n")
    assert path in lines[0]
    if reason:
        assert any(word in lines[0].lower() for word in reason), lines[0]


def summary_only(err: str) -> bool:
    """Whether stderr holds the one-line summary and nothing else."""
    return re.fullmatch(r"factcheck: [\d,]+ claims? in \d+ documents?\n", err) is not None


def report(run: Run) -> dict[str, Any]:
    """The JSON report a successful run printed."""
    assert run.code == 0, run.err
    assert summary_only(run.err), run.err
    parsed: dict[str, Any] = json.loads(run.out)
    return parsed


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- unreadable paths --------------------------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.txt"
    assert_refused(factcheck_cli("extract", missing), str(missing), "no such file")


def test_a_missing_file_is_named_as_the_user_wrote_it(tmp_path: Path) -> None:
    run = factcheck_cli("extract", "drafts/artikel.md", cwd=tmp_path)
    assert_refused(run, "drafts/artikel.md", "no such file")


def test_a_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    assert_refused(factcheck_cli("extract", folder), str(folder), "directory")


# --- bytes that are not text -------------------------------------------------------------


def _png() -> bytes:
    header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
    return header + random.Random(1).randbytes(3000)


def _gzip() -> bytes:
    return gzip.compress(ENGLISH.encode() * 50, mtime=0)


def _text_with_nul() -> bytes:
    return b"Der Umsatz stieg um 12 Prozent.\x00\x00\x00 Mehr Text, 5 Mio. Euro.\n"


def _python_binary() -> bytes:
    return Path(sys.executable).resolve().read_bytes()[:65536]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(_png, id="PNG header and random bytes"),
        pytest.param(_gzip, id="gzip-compressed text"),
        pytest.param(_text_with_nul, id="text with NUL bytes"),
        pytest.param(_python_binary, id="an executable"),
    ],
)
def test_binary_data_is_refused(tmp_path: Path, make: Callable[[], bytes]) -> None:
    path = write_bytes(tmp_path, "upload.txt", make())
    assert_refused(factcheck_cli("extract", path), str(path), "binary", "decode")


def _random_without_nul() -> bytes:
    return random.Random(11).randbytes(4096).replace(b"\x00", b"\x01")


def _random_high_half() -> bytes:
    rng = random.Random(5)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(512))


def _broken_utf8_mixed_in() -> bytes:
    rng = random.Random(23)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(2000))
    return b"Umsatz: 12 Prozent " + noise + b" und 5 Mio. Euro.\n"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(_random_without_nul, id="random bytes without NUL"),
        pytest.param(_random_high_half, id="random bytes above 0x7f"),
        pytest.param(_broken_utf8_mixed_in, id="noise between two ASCII phrases"),
    ],
)
def test_undecodable_bytes_are_refused(tmp_path: Path, make: Callable[[], bytes]) -> None:
    data = make()
    assert b"\x00" not in data  # not refused as binary for a NUL: decoding itself fails
    path = write_bytes(tmp_path, "article.txt", data)
    assert_refused(factcheck_cli("extract", path), str(path), "decode", "binary")


def _late_bytes(tail: bytes) -> bytes:
    """A 4.5 MB text with a claim first and ``tail`` at the end, past the sniffed start."""
    head = "Der Umsatz stieg um 12 Prozent.\n\n"
    filler = "Ein Absatz ohne jede Zahl, nur Wörter über Wörter und noch mehr Wörter.\n\n"
    body = head + filler * (4_500_000 // len(filler.encode()))
    return body.encode() + tail


@pytest.mark.parametrize(
    ("tail", "fmt"),
    [
        pytest.param(b"\xff\xfe\xfa kaputt\n", "jsonl", id="invalid utf-8 at the end"),
        pytest.param(b"\x00\x00\x00\n", "text", id="NUL bytes at the end"),
    ],
)
def test_bad_bytes_far_into_a_big_file_leave_no_half_report(
    tmp_path: Path, tail: bytes, fmt: str
) -> None:
    path = write_bytes(tmp_path, "lang.txt", _late_bytes(tail))
    run = factcheck_cli("extract", path, "--format", fmt)
    assert_refused(run, str(path), "decode", "binary")


# --- text that decodes -------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding",
    [
        pytest.param("cp1252", id="cp1252"),
        pytest.param("latin-1", id="latin-1 (the euro sign aside)"),
        pytest.param("utf-16", id="utf-16 with BOM"),
        pytest.param("utf-8-sig", id="utf-8 with BOM"),
    ],
)
def test_german_in_a_legacy_or_bom_encoding(tmp_path: Path, encoding: str) -> None:
    text = GERMAN if encoding != "latin-1" else GERMAN.replace("€", "Euro")
    data = text.encode(encoding)
    if encoding in ("cp1252", "latin-1"):
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # the file really is not UTF-8
    path = write_bytes(tmp_path, "artikel.txt", data)
    (document,) = report(factcheck_cli("extract", path))["documents"]
    assert document["lang"] == "de"
    claims = document["claims"]
    expected = [*GERMAN_CLAIMS[:3], (text[text.index("5 Mio.") : -2], 5e6, "EUR")]
    assert [(c["text"], c["value"], c["unit"]) for c in claims] == expected
    for claim in claims:  # character offsets into the decoded text, BOM excluded
        assert text[claim["start"] : claim["end"]] == claim["text"]
    assert any("Größe des Geländes" in c["sentence"] for c in claims)


@pytest.mark.parametrize(
    "content",
    [pytest.param(b"", id="empty"), pytest.param(b"\n\n  \t\n", id="blank lines")],
)
def test_a_file_without_text_has_no_claims(tmp_path: Path, content: bytes) -> None:
    path = write_bytes(tmp_path, "empty.txt", content)
    parsed = report(factcheck_cli("extract", path))
    assert parsed["schema_version"] == "1"
    (document,) = parsed["documents"]
    assert document["path"] == str(path)
    assert document["claims"] == []
    for fmt in ("jsonl", "text"):
        run = factcheck_cli("extract", path, "--format", fmt)
        assert (run.code, run.out, run.err) == (0, "", "factcheck: 0 claims in 1 document\n")


def test_stdin(tmp_path: Path) -> None:
    run = factcheck_cli("extract", "-", stdin=ENGLISH.encode())
    (document,) = report(run)["documents"]
    assert document["path"] == "-"
    assert document["lang"] == "en"
    assert [(c["text"], c["value"], c["unit"]) for c in document["claims"]] == ENGLISH_CLAIMS


def test_stdin_without_a_figure_names_the_language_it_was_read_in() -> None:
    text = "Der Umsatz war im Vorjahr höher als erwartet, und die Stimmung blieb gut."
    (document,) = report(factcheck_cli("extract", "-", stdin=text.encode()))["documents"]
    assert (document["path"], document["lang"], document["claims"]) == ("-", "de", [])


def test_stdin_in_cp1252_next_to_a_file(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "en.txt", ENGLISH.encode())
    run = factcheck_cli("extract", path, "-", stdin=GERMAN.encode("cp1252"))
    first, second = report(run)["documents"]
    assert (first["path"], first["lang"]) == (str(path), "en")
    assert (second["path"], second["lang"]) == ("-", "de")
    assert [c["text"] for c in second["claims"]] == [text for text, _, _ in GERMAN_CLAIMS]


def test_binary_stdin_is_refused() -> None:
    assert_refused(factcheck_cli("extract", "-", stdin=_png()), "<stdin>", "binary")


# --- reports whole or not at all ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text"])
def test_one_missing_file_among_several_prints_nothing(tmp_path: Path, fmt: str) -> None:
    good = write_bytes(tmp_path, "a.txt", ENGLISH.encode())
    missing = tmp_path / "b.txt"
    also_good = write_bytes(tmp_path, "c.txt", GERMAN.encode())
    run = factcheck_cli("extract", good, missing, also_good, "--format", fmt)
    assert_refused(run, str(missing), "no such file")


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(lambda base: base / "missing.txt", id="missing input"),
        pytest.param(lambda base: write_bytes(base, "x.png", _png()), id="binary input"),
    ],
)
def test_output_file_is_left_alone_when_the_input_is_bad(
    tmp_path: Path, bad: Callable[[Path], Path]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = write_bytes(inputs, "a.txt", ENGLISH.encode())
    bad_path = bad(inputs)
    outputs = tmp_path / "out"
    outputs.mkdir()
    existing = write_bytes(outputs, "claims.json", b'{"earlier": "report"}\n')
    fresh = outputs / "new.json"

    run = factcheck_cli("extract", good, bad_path, "--output", existing)
    assert_refused(run, str(bad_path))
    assert existing.read_bytes() == b'{"earlier": "report"}\n'

    run = factcheck_cli("extract", good, bad_path, "--output", fresh)
    assert_refused(run, str(bad_path))
    assert sorted(p.name for p in outputs.iterdir()) == ["claims.json"]  # no temp files left


def test_output_file_is_written_when_the_input_is_good(tmp_path: Path) -> None:
    good = write_bytes(tmp_path, "a.txt", ENGLISH.encode())
    existing = write_bytes(tmp_path, "claims.json", b"old\n")
    run = factcheck_cli("extract", good, "--output", existing)
    assert (run.code, run.out) == (0, "")
    assert summary_only(run.err)
    written = json.loads(existing.read_text(encoding="utf-8"))
    assert [c["text"] for c in written["documents"][0]["claims"]] == [
        text for text, _, _ in ENGLISH_CLAIMS
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "claims.json"]


@pytest.mark.parametrize(
    "where",
    [
        pytest.param(lambda base: base / "no-such-folder" / "out.json", id="missing folder"),
        pytest.param(lambda base: base, id="a folder"),
        pytest.param(lambda base: base / "a.txt" / "out.json", id="under a file"),
    ],
)
def test_an_output_path_that_cannot_be_written(
    tmp_path: Path, where: Callable[[Path], Path]
) -> None:
    good = write_bytes(tmp_path, "a.txt", ENGLISH.encode())
    target = where(tmp_path)
    assert_refused(factcheck_cli("extract", good, "--output", target), str(target))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# --- the shapes of the report ------------------------------------------------------------


def test_json_report_shape(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "en.txt", ENGLISH.encode())
    parsed = report(factcheck_cli("extract", path, "--format", "json"))
    assert parsed["schema_version"] == "1"
    assert parsed["tool"] == {"name": "factcheck", "version": factcheck.__version__}
    (document,) = parsed["documents"]
    assert (document["path"], document["lang"]) == (str(path), "en")
    claims = document["claims"]
    assert [(c["text"], c["value"], c["unit"]) for c in claims] == ENGLISH_CLAIMS
    assert claims[2]["qualifier"] == "approx"
    assert claims[2]["noun"] == "jobs"
    for claim in claims:
        assert ENGLISH[claim["start"] : claim["end"]] == claim["text"]
        assert (claim["line"], claim["column"]) == (1, claim["start"] + 1)
        assert claim["lang"] == "en"
        assert claim["low"] <= claim["value"] <= claim["high"]


def test_jsonl_is_one_claim_a_line(tmp_path: Path) -> None:
    first = write_bytes(tmp_path, "en.txt", ENGLISH.encode())
    second = write_bytes(tmp_path, "de.txt", GERMAN.encode())
    run = factcheck_cli("extract", first, second, "--format", "jsonl")
    assert run.code == 0
    assert summary_only(run.err)
    assert run.out.endswith("\n")
    records = [json.loads(line) for line in run.out.splitlines()]
    assert all(isinstance(record, dict) for record in records)
    assert [(r["path"], r["text"]) for r in records] == [
        *((str(first), text) for text, _, _ in ENGLISH_CLAIMS),
        *((str(second), text) for text, _, _ in GERMAN_CLAIMS),
    ]
    assert {r["lang"] for r in records[: len(ENGLISH_CLAIMS)]} == {"en"}
    assert {r["lang"] for r in records[len(ENGLISH_CLAIMS) :]} == {"de"}


def test_text_is_one_readable_line_a_claim(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "en.txt", ("Intro line.\n" + ENGLISH).encode())
    run = factcheck_cli("extract", path, "--format", "text")
    assert run.code == 0
    assert summary_only(run.err)
    lines = run.out.splitlines()
    assert len(lines) == len(ENGLISH_CLAIMS)
    for line, (text, _, unit) in zip(lines, ENGLISH_CLAIMS, strict=True):
        place, shown, value = line.split("\t")[:3]
        assert place.startswith(f"{path}:2:")  # file:line:column of the figure
        assert shown == text
        assert value.endswith(f" {unit}")
    assert lines[0].startswith(f"{path}:2:49\t$3.2 billion\t3.2e+09 USD\texact")


def test_lang_overrides_detection(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "hired.txt", b"The company hired 2.400 engineers last year.\n")

    def figures(*option: str) -> tuple[str, list[tuple[str, float]]]:
        (document,) = report(factcheck_cli("extract", path, *option))["documents"]
        return document["lang"], [(c["text"], c["value"]) for c in document["claims"]]

    # Read as English, "2.400" is 2.4 (or no claim at all): never 2400.
    for detected in (figures(), figures("--lang", "en")):
        lang, found = detected
        assert lang == "en"
        assert all(value != 2400.0 for _, value in found), found
    assert figures("--lang", "de") == ("de", [("2.400", 2400.0)])


# --- schema, version, help ---------------------------------------------------------------


def test_claim_schema_validates_every_printed_claim(tmp_path: Path) -> None:
    en = write_bytes(tmp_path, "en.txt", ENGLISH.encode())
    de = write_bytes(tmp_path, "de.txt", GERMAN.encode())
    schema_run = factcheck_cli("schema", "claim")
    assert (schema_run.code, schema_run.err) == (0, "")
    schema = json.loads(schema_run.out)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)

    claims = [c for d in report(factcheck_cli("extract", en, de))["documents"] for c in d["claims"]]
    assert len(claims) == len(ENGLISH_CLAIMS) + len(GERMAN_CLAIMS)
    for claim in claims:
        validator.validate(claim)
    # The schema is no rubber stamp: a claim missing a field, or with one too many, fails.
    incomplete = {k: v for k, v in claims[0].items() if k != "unit"}
    assert not validator.is_valid(incomplete)
    assert not validator.is_valid({**claims[0], "path": "en.txt"})
    assert not validator.is_valid({**claims[0], "qualifier": "roughly"})


def test_extract_schema_validates_the_whole_report(tmp_path: Path) -> None:
    en = write_bytes(tmp_path, "en.txt", ENGLISH.encode())
    schema = json.loads(factcheck_cli("schema", "extract").out)
    jsonschema.validate(report(factcheck_cli("extract", en, "-", stdin=GERMAN.encode())), schema)


def test_version() -> None:
    run = factcheck_cli("--version")
    assert (run.code, run.out, run.err) == (0, f"factcheck {factcheck.__version__}\n", "")


def test_module_help() -> None:
    run = factcheck_cli("--help")
    assert (run.code, run.err) == (0, "")
    assert run.out.startswith("Usage: ")
    for command in ("extract", "schema"):
        assert f"  {command} " in run.out


def test_extract_without_a_path_is_a_usage_error() -> None:
    run = factcheck_cli("extract")
    assert run.code == 2
    assert run.out == ""
    assert "Traceback" not in run.err
    assert run.err == "factcheck: error: PATH|-: required, and not given\n"
