"""The ledger's upkeep: a file named on its own, records that repeat another's figure,
and a ``source`` that is not a URL, each reported with its file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.errors import LedgerError
from factcheck.ledger_cli import ledger_app
from factcheck.sources.ledger import append_record, load_ledger, validate_ledger

runner = CliRunner()

ENTITIES = """[[entities]]
name = "Tarnwell Systems"
aliases = ["Tarnwell"]
"""

FUNDING = """
[[claims]]
entity = "{entity}"
metric = "funding"
value = "{value}"
as_of = 2025-04-02
source = "{source}"
"""


def record(entity: str = "Tarnwell Systems", value: str = "$310 million",
           source: str = "https://example.org/tarnwell-round") -> str:  # fmt: skip
    return FUNDING.format(entity=entity, value=value, source=source)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ a file on its own


def test_validate_takes_a_file(tmp_path: Path) -> None:
    path = write(tmp_path / "desk" / "tarnwell.toml", ENTITIES + record())
    write(tmp_path / "desk" / "other.toml", record(value="$5 million", entity="Elsewhere"))
    result = runner.invoke(ledger_app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: 1 files, 1 records, 1 entities\n"


def test_a_file_and_a_folder_together_read_the_file_once(tmp_path: Path) -> None:
    path = write(tmp_path / "desk" / "tarnwell.toml", ENTITIES + record())
    ledger = load_ledger([path, tmp_path / "desk"], default=False)
    assert [p for p, _ in ledger.files] == [str(path)]


def test_a_file_that_is_not_toml_is_no_ledger(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", "Tarnwell raised $310 million.\n")
    result = runner.invoke(ledger_app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout.startswith(f"{path}: not a ledger: ")


# ------------------------------------------------------------------ duplicates


def test_a_repeated_record_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "desk" / "tarnwell.toml", ENTITIES + record() + record())
    problems = validate_ledger([tmp_path / "desk"])
    assert [str(p) for p in problems] == [
        f"{path}:12: duplicate record: Tarnwell Systems funding: $310 million (2025-04-02)"
        f" is already at {path}:5"
    ]


def test_an_alias_in_another_file_repeats_the_entity(tmp_path: Path) -> None:
    first = write(tmp_path / "desk" / "a.toml", ENTITIES + record())
    # Another source, the alias, the same figure written another way: still the same record.
    again = record(entity="Tarnwell", value="310 million dollars",
                   source="https://example.org/elsewhere")  # fmt: skip
    second = write(tmp_path / "desk" / "b.toml", again)
    (problem,) = validate_ledger([tmp_path / "desk"])
    assert (problem.location, problem.line) == (str(second), 2)
    assert problem.message.endswith(f"is already at {first}:5")


def test_another_figure_or_date_is_no_duplicate(tmp_path: Path) -> None:
    later = record().replace("2025-04-02", "2025-09-30")
    text = ENTITIES + record() + record(value="$320 million") + later
    write(tmp_path / "desk" / "tarnwell.toml", text)
    assert validate_ledger([tmp_path / "desk"]) == []


def test_the_validate_command_fails_on_a_duplicate(tmp_path: Path) -> None:
    path = write(tmp_path / "tarnwell.toml", ENTITIES + record() + record())
    result = runner.invoke(ledger_app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout.startswith(f"{path}:12: duplicate record: ")
    assert result.stderr == "factcheck: error: 1 problem in the ledger\n"


def test_a_check_is_not_stopped_by_a_duplicate(tmp_path: Path) -> None:
    path = write(tmp_path / "tarnwell.toml", ENTITIES + record() + record())
    assert len(load_ledger([path], default=False).records) == 2


def test_add_refuses_a_duplicate_and_leaves_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "tarnwell.toml", ENTITIES + record())
    before = path.read_bytes()
    fields = {"entity": "Tarnwell Systems", "metric": "funding", "value": "$310 million",
              "as_of": "2025-04-02", "source": "https://example.org/another-story"}  # fmt: skip
    with pytest.raises(LedgerError, match=r"duplicate record: .* is already at line 5"):
        append_record(path, fields)
    assert path.read_bytes() == before


# ------------------------------------------------------------------ source


@pytest.mark.parametrize(
    "source",
    ["Annual report 2024, p. 12", "example.org/tarnwell", "ftp://example.org/a", "https://"],
)
def test_a_source_must_be_a_web_url(tmp_path: Path, source: str) -> None:
    path = write(tmp_path / "tarnwell.toml", ENTITIES + record(source=source))
    (problem,) = validate_ledger([path])
    assert (problem.location, problem.line) == (str(path), 10)
    assert problem.message == (
        f"'source' must be the http(s) URL the figure was verified at, not {source!r}"
    )
    with pytest.raises(LedgerError, match="must be the http"):
        load_ledger([path], default=False)


def test_add_refuses_a_source_that_is_no_url(tmp_path: Path) -> None:
    result = runner.invoke(ledger_app, [
        "add", str(tmp_path / "t.toml"), "--entity", "Tarnwell", "--metric", "funding",
        "--value", "$310 million", "--as-of", "2025-04", "--source", "press release",
    ])  # fmt: skip
    assert result.exit_code == 2
    assert "'source' must be the http(s) URL" in result.stderr
    assert not (tmp_path / "t.toml").exists()


def test_add_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "t.toml"
    result = runner.invoke(ledger_app, [
        "add", str(target), "--entity", "Tarnwell", "--metric", "funding",
        "--value", "$310 million", "--as-of", "2025-04", "--source", "https://example.org/t",
    ])  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {target}: cannot write the file: its folder does not exist\n"
    )
