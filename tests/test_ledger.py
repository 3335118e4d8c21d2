"""The ledger of verified figures: reading, every kind of problem with its line, the cache,
the ``factcheck ledger`` commands, and the shipped default ledger.

Fixtures are in ``tests/ledger_fixtures`` (invented companies); problem cases are small
files written into ``tmp_path``, so that each test shows the text whose line it expects.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.errors import LedgerError
from factcheck.ledger_cli import ledger_app
from factcheck.models import Stated
from factcheck.sources import ledger as ledger_module
from factcheck.sources.ledger import (
    Ledger,
    LedgerRecord,
    append_record,
    default_ledger_dir,
    load_ledger,
    validate_ledger,
)
from factcheck.sources.ledger import cache as ledger_cache
from factcheck.sources.ledger import values as ledger_values
from factcheck.sources.ledger.file import _array_headers, _plain_tables
from factcheck.sources.ledger.read import Row
from factcheck.sources.ledger.records import figures_from_tuples, records_from_rows
from factcheck.sources.ledger.values import parse_as_of

FIXTURES = Path(__file__).parent / "ledger_fixtures"
GOOD = FIXTURES / "good"
runner = CliRunner()


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own, empty cache (never the user's)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


RECORD = """
[[claims]]
entity = "Harbor"
metric = "valuation"
value = "$2 billion"
as_of = 2024-01-31
source = "https://example.org/a"
"""

# ------------------------------------------------------------------------------ reading


def test_reads_records_and_resolves_aliases() -> None:
    ledger = load_ledger([GOOD], default=False)
    files = [(Path(p).name, n) for p, n in ledger.files]
    assert files == [("companies.toml", 4), ("sites.toml", 2)]
    by_line = {(Path(r.path).name, r.line): r for r in ledger.records}
    funding = by_line["companies.toml", 19]
    assert funding.entity == "Harbor Freight Robotics"  # "hfr" in the file
    assert funding.stated.qualifier == "over"
    assert (funding.stated.low, funding.stated.high) == (9e8, None)
    stake = by_line["companies.toml", 26]
    assert (stake.entity, stake.counterparty) == ("Quillon", "Harbor Freight Robotics")
    assert (stake.as_of, stake.as_of_precision, stake.as_of_text) == (
        dt.date(2023, 1, 1), "year", "2023"
    )  # fmt: skip
    german = by_line["companies.toml", 34]
    assert (german.stated.value, german.stated.unit, german.lang, german.stated.text) == (
        1.2e9, "EUR", "de", "1,2 Milliarden Euro"
    )  # fmt: skip
    jobs = by_line["sites.toml", 10].stated
    assert (jobs.unit, jobs.noun, jobs.value) == ("count", "construction jobs", 3000.0)


def test_as_of_keeps_its_precision() -> None:
    ledger = load_ledger([GOOD], default=False)
    precisions = {r.as_of_text: r.as_of_precision for r in ledger.records}
    assert precisions["2024-06-30"] == "day"
    assert precisions["2024-06"] == "month"
    assert precisions["2023"] == "year"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025", (dt.date(2025, 1, 1), "year")),
        ("2025-09", (dt.date(2025, 9, 1), "month")),
        (" 2025-03-03 ", (dt.date(2025, 3, 3), "day")),
        (dt.date(2024, 2, 29), (dt.date(2024, 2, 29), "day")),
    ],
)
def test_parse_as_of(given: object, expected: tuple[dt.date, str]) -> None:
    assert parse_as_of(given) == expected


@pytest.mark.parametrize(
    "given", ["2025-9", "25-09", "2025/09", "2025-02-30", "", 2025, dt.datetime(2025, 1, 1, 9)]
)
def test_parse_as_of_refuses(given: object) -> None:
    with pytest.raises(ValueError, match="as_of"):
        parse_as_of(given)


def test_entities_names_and_canonical() -> None:
    ledger = load_ledger([GOOD], default=False)
    assert ledger.entities == {
        "Harbor Freight Robotics": ("Harbor", "HFR"),
        "Quillon": ("Quillon AG",),
        "Lakeside Campus": (),  # never declared: its own canonical name
    }
    assert ledger.canonical("harbor") == "Harbor Freight Robotics"
    assert ledger.canonical(" QUILLON ag ") == "Quillon"
    assert ledger.canonical("lakeside campus") == "Lakeside Campus"
    assert ledger.canonical("Nobody") is None
    assert set(ledger.names()) == {
        "Harbor Freight Robotics", "Harbor", "HFR", "Quillon", "Quillon AG", "Lakeside Campus"
    }  # fmt: skip


def test_select_by_entity_metric_or_both() -> None:
    ledger = load_ledger([GOOD], default=False)
    harbor = ledger.select(entity="HFR")
    assert [r.metric for r in harbor] == ["valuation", "funding"]
    assert [r.entity for r in ledger.select(metric="stake")] == ["Quillon"]
    assert [r.stated.text for r in ledger.select(entity="quillon", metric="investment")] == [
        "1,2 Milliarden Euro"
    ]
    assert ledger.select(entity="Nobody") == []
    assert ledger.select(entity="Quillon", metric="revenue") == []
    assert ledger.select() == ledger.records


def test_select_follows_records_added_after_the_first_select() -> None:
    ledger = load_ledger([GOOD], default=False)
    assert len(ledger.select(metric="valuation")) == 1
    ledger.records.append(ledger.records[0])
    assert len(ledger.select(metric="valuation")) == 2


def test_to_claim_is_evidence_with_a_stable_id(tmp_path: Path) -> None:
    ledger = load_ledger([GOOD], default=False)
    record = ledger.select(entity="Quillon", metric="stake")[0]
    claim = record.to_claim()
    assert (claim.text, claim.start, claim.end, claim.line, claim.column) == (
        "about 20%", 0, 9, 26, 1
    )  # fmt: skip
    assert (claim.subject, claim.counterparty, claim.metric) == (
        "Quillon", "Harbor Freight Robotics", "stake"
    )  # fmt: skip
    assert (claim.low, claim.high, claim.qualifier, claim.lang) == (18.0, 22.0, "approx", "en")
    assert claim.as_of == dt.date(2023, 1, 1)
    assert claim.sentence == "Quillon stake in Harbor Freight Robotics: about 20% (2023)"
    # The id says what the record says, wherever the ledger is installed.
    moved = shutil.copytree(GOOD, tmp_path / "elsewhere")
    again = load_ledger([moved], default=False).select(entity="Quillon", metric="stake")[0]
    assert again.to_claim().id == claim.id
    assert record.to_claim().id != ledger.records[0].to_claim().id


def test_fast_record_building_matches_the_constructor() -> None:
    stated = Stated("$1 billion", 1e9, None, "USD", None, "exact", 9.75e8, 1.025e9)
    figures = figures_from_tuples([stated.as_tuple()])
    assert figures == [stated]
    assert type(figures[0]) is Stated
    assert hash(figures[0]) == hash(stated)
    day = dt.date(2025, 3, 3)
    row = Row("A", "valuation", 0, day.toordinal(), "day", "https://example.org", "B", "n", 7, "en")
    plain = LedgerRecord("A", "valuation", stated, day, *row[4:8], "p.toml", 7, "en")
    # as read, and as the cache gives it back: a plain tuple in the row's layout
    for rows in ([row], [tuple(row)]):
        built = records_from_rows("p.toml", figures, rows, {})[0]  # type: ignore[arg-type]
        assert built == plain
        assert hash(built) == hash(plain)


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    folder = shutil.copytree(GOOD, tmp_path / "ledger")
    write(folder, ".#companies.toml", "an editor's lock file, not TOML")
    assert len(load_ledger([folder], default=False).records) == 6


def test_the_same_directory_twice_is_read_once() -> None:
    assert len(load_ledger([GOOD, GOOD / "more", GOOD], default=False).records) == 6


def test_plain_and_full_toml_give_the_same_records(tmp_path: Path) -> None:
    """A file outside the plain subset (escapes, multi-line strings) reads the same."""
    second = RECORD.replace('"$2 billion"', '"$3 billion"')
    plain = write(tmp_path / "a", "x.toml", RECORD + second)
    fancy_text = (
        RECORD.replace('"Harbor"', '"Har\\u0062or"')  # an escape: "Harbor"
        + second.replace("\nsource", '\nnote = """two\n[[claims]]\nlines"""\nsource')
    )
    fancy = write(tmp_path / "b", "x.toml", fancy_text)
    assert _plain_tables(fancy_text) is None  # it does go the tomllib way
    a = load_ledger([plain.parent], default=False).records
    b = load_ledger([fancy.parent], default=False).records

    def said(records: list[LedgerRecord]) -> list[tuple[str, str, int]]:
        return [(r.entity, r.stated.text, r.line) for r in records]

    assert said(a) == said(b)


# ------------------------------------------------------- every problem, with its line


def changed(old: str, new: str) -> str:
    """RECORD with one piece of text replaced."""
    assert old in RECORD
    return RECORD.replace(old, new)


#: (file text, line of the problem, what the message says)
PROBLEMS = [
    pytest.param('[[claims]]\nentity = "A"\nmetric = \n', 3, "not valid TOML", id="syntax"),
    pytest.param(
        changed('source = "https://example.org/a"\n', ""),
        2, "missing required key 'source'", id="missing-key",
    ),
    pytest.param(
        RECORD + 'vlaue = "x"\n', 8, "unknown key 'vlaue' (did you mean 'value'?)",
        id="unknown-key",
    ),
    pytest.param(changed('"valuation"', '"valuaton"'), 4, "unknown metric 'valuaton'", id="metric"),
    pytest.param(changed('"$2 billion"', '"800"'), 5, "holds no figure", id="value-none"),
    pytest.param(
        changed('"$2 billion"', '"$2 billion or $3 billion"'), 5, "holds 2 figures",
        id="value-two",
    ),
    pytest.param(
        changed('"$2 billion"', '"2 Milliarden Euro"'), 5,
        "is read as a count of 'Milliarden Euro', but valuation is money; if it is written "
        "in German, set lang = 'de'", id="value-kind",
    ),
    pytest.param(changed("2024-01-31", '"2024-13"'), 6, "not a day of the calendar", id="date"),
    pytest.param(
        changed("2024-01-31", '"Jan 2024"'), 6, "as_of 'Jan 2024' is not a date",
        id="date-words",
    ),
    pytest.param(changed("2024-01-31", "2024-01-31T10:00:00"), 6, "time of day", id="datetime"),
    pytest.param(changed("2024-01-31", "2024"), 6, "as_of is an integer", id="date-int"),
    pytest.param(
        changed('"https://example.org/a"', '""'), 7, "'source' is empty", id="empty-source"
    ),
    pytest.param(RECORD + 'lang = "fr"\n', 8, "'lang' must be 'en' or 'de'", id="lang"),
    pytest.param(
        changed('"Harbor"', "5"), 3, "'entity' must be a string, not an integer", id="type"
    ),
    pytest.param(RECORD + "\n[[claim]]\nx = 1\n", 9, "unknown table [[claim]]", id="table"),
    pytest.param('title = "mine"\n' + RECORD, 1, "unknown key 'title'", id="top-level-key"),
    pytest.param(
        'claims = [{entity = "A"}]\n', 1, "write each entry of 'claims' as its own [[claims]]",
        id="inline-array",
    ),
    pytest.param(
        '[[entities]]\nname = "A"\naliasses = ["B"]\n', 3, "unknown key 'aliasses'",
        id="entity-key",
    ),
    pytest.param(
        '[[entities]]\naliases = ["B"]\n', 1, "missing required key 'name'", id="entity-name"
    ),
    pytest.param(
        "# a long note first" + RECORD + 'note = """\n[[claims]]\nlooks like a header"""\n'
        + changed('source = "https://example.org/a"\n', ""),
        12, "missing required key 'source'", id="line-after-multiline-string",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "message"), PROBLEMS)
def test_every_problem_has_its_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path / "ledger", "bad.toml", text)
    with pytest.raises(LedgerError) as raised:
        load_ledger([path.parent], default=False)
    assert (raised.value.location, raised.value.line) == (str(path), line)
    assert message in raised.value.message
    assert str(raised.value).startswith(f"{path}:{line}: ")


def test_not_utf8_is_a_problem_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    folder.mkdir()
    (folder / "latin1.toml").write_bytes(b'# ok\n[[claims]]\nentity = "M\xfcller"\n')
    with pytest.raises(LedgerError, match="not UTF-8") as raised:
        load_ledger([folder], default=False)
    assert raised.value.line == 3


def test_validate_lists_every_problem_in_order(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    write(folder, "a.toml", changed('"valuation"', '"valuaton"') + changed('"$2 billion"', '"8"'))
    write(folder, "b.toml", "[[claims]\n")
    problems = validate_ledger([folder, tmp_path / "missing"])
    where = [(Path(p.location).name, p.line) for p in problems]
    assert where == [("a.toml", 4), ("a.toml", 12), ("b.toml", 1), ("missing", None)]
    with pytest.raises(LedgerError) as raised:
        load_ledger([folder], default=False)
    assert (Path(raised.value.location).name, raised.value.line) == ("a.toml", 4)


def test_validate_reports_all_problems_of_one_table(tmp_path: Path) -> None:
    text = RECORD.replace('"valuation"', '"valuaton"').replace("2024-01-31", '"2024-00"')
    write(tmp_path / "l", "a.toml", text + 'sorce = "x"\n')
    problems = validate_ledger([tmp_path / "l"])
    assert [p.line for p in problems] == [4, 6, 8]


def test_alias_clash_across_files(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    write(folder, "a.toml", '[[entities]]\nname = "Alphabet"\naliases = ["Google"]\n')
    write(folder, "b.toml", '# clash\n[[entities]]\nname = "Gamma"\naliases = ["google"]\n')
    clash = "alias 'google' of 'Gamma' already names 'Alphabet'"
    with pytest.raises(LedgerError, match=clash) as e:
        load_ledger([folder], default=False)
    assert (Path(e.value.location).name, e.value.line) == ("b.toml", 2)


def test_an_entity_may_not_be_another_ones_alias(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    write(folder, "a.toml", '[[entities]]\nname = "Alphabet"\naliases = ["Google"]\n\n'
                            '[[entities]]\nname = "Google"\n')  # fmt: skip
    with pytest.raises(LedgerError, match="already an alias of 'Alphabet'") as e:
        load_ledger([folder], default=False)
    assert e.value.line == 5


def test_declaring_an_entity_again_adds_aliases(tmp_path: Path) -> None:
    again = '[[entities]]\nname = "Harbor Freight Robotics"\naliases = ["Harbour"]\n'
    write(tmp_path / "x", "a.toml", again)
    ledger = load_ledger([GOOD, tmp_path / "x"], default=False)
    assert ledger.entities["Harbor Freight Robotics"] == ("Harbor", "HFR", "Harbour")


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_ledger_must_be_a_directory(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "ledger"
    if kind == "file":
        path.write_text(RECORD, encoding="utf-8")
    # A TOML file is a ledger of its own (tests/test_ledger_files.py); one not named .toml
    # is no ledger.
    with pytest.raises(LedgerError, match=r"no such ledger directory|not a ledger") as raised:
        load_ledger([path], default=False)
    assert raised.value.location == str(path)


# ------------------------------------------------------------- the plain-TOML fast path

#: Lines to build documents from: valid and invalid TOML, in and out of the plain subset.
LINES = [
    "[[claims]]", "[[ entities ]]", "[claims]", "[[claims]] # c", "[[a.b]]", "", "   ", "# c",
    'entity = "A"', "entity = 'A'", 'entity = "A" # c', 'entity = ""', 'value = "$1 billion"',
    'value = "a\\"b"', 'value = "a\\u00e9"', "as_of = 2024-01-31", "as_of = 2024-02-30",
    "as_of = 2024-01-31T10:00:00", 'aliases = ["A", "B"]', "aliases = []", "n = 5",
    'entity = "A', 'x = """a', '"""', "key = value", 'a.b = "c"', '"quoted" = "key"',
    "\tentity = 'tab'", 'entity = "A"\r', "note = 'it''s'", "\r", 'entity = "A" #\x01',
    "[[claims]] x", "entity = 'A' 'B'", 'aliases = ["a]"] # ]', "v = 2024-1-31", 'v = "a\x7f"',
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_the_fast_path_agrees_with_tomllib(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    plain = _plain_tables(text)
    if plain is None:
        return  # outside the subset: tomllib decides
    data = tomllib.loads(text)  # the fast path accepted it: so must tomllib
    assert set(data) == set(plain)
    headers = _array_headers(text)
    for name, tables in plain.items():
        assert [t.values for t in tables] == data[name]
        assert [t.line for t in tables] == headers[name]


# ------------------------------------------------------------------------------ the cache


def test_a_warm_load_reads_no_file(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    cold = load_ledger([GOOD], default=False)
    assert len(list((cache_dir / "ledger").glob("*.marshal"))) == 3  # two files + readings

    def must_not_read(*args: object) -> None:
        raise AssertionError("read a ledger file although the cache holds it")

    monkeypatch.setattr(ledger_module, "read_ledger_file", must_not_read)
    warm = load_ledger([GOOD], default=False)
    assert warm == cold
    assert warm.records == cold.records


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    folder = shutil.copytree(GOOD, tmp_path / "ledger")
    assert len(load_ledger([folder], default=False).records) == 6
    path = folder / "more" / "sites.toml"
    path.write_text(path.read_text(encoding="utf-8") + RECORD, encoding="utf-8")
    ledger = load_ledger([folder], default=False)
    assert len(ledger.records) == 7
    assert ledger.records[-1].entity == "Harbor Freight Robotics"  # the alias resolved


def test_values_read_once_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = shutil.copytree(GOOD, tmp_path / "ledger")
    load_ledger([folder], default=False)
    # A new file that repeats known values is read without the extractor.
    write(folder, "again.toml", (GOOD / "companies.toml").read_text(encoding="utf-8"))

    def must_not_extract(*args: object) -> None:
        raise AssertionError("the extractor read a value it had read before")

    monkeypatch.setattr(ledger_values, "extract", must_not_extract)
    assert len(load_ledger([folder], default=False).records) == 10


def test_a_stale_entry_of_the_same_size_is_not_used(tmp_path: Path) -> None:
    folder = write(tmp_path / "ledger", "a.toml", RECORD).parent
    assert load_ledger([folder], default=False).records[0].stated.text == "$2 billion"
    path = folder / "a.toml"
    stat = path.stat()
    path.write_text(RECORD.replace("$2 billion", "$3 billion"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_ledger([folder], default=False).records[0].stated.text == "$3 billion"


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage", b"fcledg1\n" + b"\0" * 40, "flip"],
    ids=["empty", "garbage", "zeros", "one-byte-flipped"],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(cache_dir: Path, damage: bytes | str) -> None:
    expected = load_ledger([GOOD], default=False)
    entries = sorted((cache_dir / "ledger").glob("*.marshal"))
    for entry in entries:
        data = bytearray(entry.read_bytes())
        if damage == "flip":
            data[-5] ^= 0xFF
            entry.write_bytes(bytes(data))
        else:
            assert isinstance(damage, bytes)
            entry.write_bytes(damage)
    assert load_ledger([GOOD], default=False) == expected
    # ... and rebuilt: the next load is warm again.
    assert all(entry.read_bytes().startswith(b"fcledg1\n") for entry in entries)


def test_a_cache_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker))
    assert len(load_ledger([GOOD], default=False).records) == 6


def test_no_cache_writes_nothing(cache_dir: Path) -> None:
    load_ledger([GOOD], default=False, cache=False)
    assert not cache_dir.exists()


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ledger_cache.cache_dir() == tmp_path / "xdg" / "factcheck" / "ledger"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert ledger_cache.cache_dir() == tmp_path / "home" / ".cache" / "factcheck" / "ledger"


def test_problems_are_never_cached(tmp_path: Path, cache_dir: Path) -> None:
    folder = write(tmp_path / "ledger", "a.toml", changed('"valuation"', '"valuaton"')).parent
    for _ in range(2):
        with pytest.raises(LedgerError, match="unknown metric"):
            load_ledger([folder], default=False)


# ------------------------------------------------------------------------ append_record


def record(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "entity": "Harbor",
        "metric": "valuation",
        "value": "$4 billion",
        "as_of": "2025-02-14",
        "source": "https://example.org/harbor-2025",
    }
    return {**base, **changes}


def test_append_keeps_the_file_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "commented.toml"
    original = (FIXTURES / "commented.toml").read_bytes()
    path.write_bytes(original)
    line = append_record(path, record(note="Reported by two outlets.", counterparty="Quillon"))
    after = path.read_bytes()
    assert after.startswith(original)
    added = after[len(original) :].decode()
    assert added.startswith("\n[[claims]]\n")
    assert "as_of = 2025-02-14\n" in added  # a day is written as a TOML date
    assert after.decode().split("\n")[line - 1] == "[[claims]]"
    ledger = load_ledger([tmp_path], default=False)
    new = ledger.records[-1]
    assert (new.line, new.entity, new.counterparty, new.note) == (
        line, "Harbor Freight Robotics", "Quillon", "Reported by two outlets."
    )  # fmt: skip


def test_append_keeps_month_precision_and_language(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    assert append_record(path, record(as_of="2025-02", value="4 Milliarden Euro", lang="de")) == 1
    text = path.read_text(encoding="utf-8")
    assert 'as_of = "2025-02"' in text
    assert 'lang = "de"' in text
    again = append_record(path, record(as_of="2025"))
    assert again == text.count("\n") + 2  # after one blank line
    records = load_ledger([tmp_path], default=False).records
    assert [(r.as_of_precision, r.stated.unit) for r in records] == [
        ("month", "EUR"),
        ("year", "USD"),
    ]


def test_append_escapes_what_needs_escaping(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    note = 'He said "soon".\nThen nothing.'
    append_record(path, record(note=note))
    assert load_ledger([tmp_path], default=False).records[0].note == note


def test_append_keeps_crlf_files_crlf(tmp_path: Path) -> None:
    path = tmp_path / "windows.toml"
    path.write_bytes(RECORD.replace("\n", "\r\n").encode())
    append_record(path, record())
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert len(load_ledger([tmp_path], default=False).records) == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"metric": "valuaton"}, "unknown metric 'valuaton'"),
        ({"value": "soon"}, "holds no figure"),
        ({"as_of": "2025-02-30"}, "not a day of the calendar"),
        ({"source": " "}, "'source' is empty"),
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"lang": "fr"}, "'lang' must be"),
    ],
)
def test_append_refuses_a_bad_record(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    path = tmp_path / "a.toml"
    path.write_text(RECORD, encoding="utf-8")
    with pytest.raises(LedgerError, match=message):
        append_record(path, record(**changes))
    assert path.read_text(encoding="utf-8") == RECORD


def test_append_refuses_to_write_into_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    broken = RECORD.replace('"valuation"', '"valuaton"')
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(LedgerError, match="unknown metric") as raised:
        append_record(path, record())
    assert raised.value.line == 4
    assert path.read_text(encoding="utf-8") == broken


# ------------------------------------------------------------------------ the commands


def test_validate_command_ok() -> None:
    result = runner.invoke(ledger_app, ["validate", str(GOOD)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ok: 2 files, 6 records, 3 entities"


def test_validate_command_prints_every_problem(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    path = write(folder, "a.toml", RECORD.replace('"valuation"', '"valuaton"') + 'sorce = "x"\n')
    result = runner.invoke(ledger_app, ["validate", str(folder)])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{path}:4: unknown metric 'valuaton' (did you mean 'valuation'?)",
        f"{path}:8: unknown key 'sorce' (did you mean 'source'?)",
    ]
    assert result.stderr.strip() == "factcheck: error: 2 problems in the ledger"


def test_validate_command_defaults_to_the_shipped_ledger() -> None:
    result = runner.invoke(ledger_app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 3 files, ")


def test_list_command_as_a_table() -> None:
    args = ["list", "--no-default-ledger", "--ledger", str(GOOD), "--entity", "harbor"]
    result = runner.invoke(ledger_app, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "entity",
        "metric",
        "counterparty",
        "value",
        "as",
        "of",
        "source",
        "where",
    ]
    assert lines[1].split()[-3:] == [
        "2024-06-30",
        "https://example.org/harbor-round",
        "companies.toml:11",
    ]
    assert "more than $900 million  2024-06 " in lines[2]
    assert lines[-1] == "2 records"


def test_list_command_as_json() -> None:
    args = ["list", "--no-default-ledger", "-l", str(GOOD), "--metric", "stake", "-f", "json"]
    result = runner.invoke(ledger_app, args)
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)
    assert (item["entity"], item["counterparty"]) == ("Quillon", "Harbor Freight Robotics")
    assert (item["text"], item["value"], item["low"]) == ("about 20%", 20.0, 18.0)
    assert (item["as_of"], item["as_of_precision"]) == ("2023", "year")


def test_list_command_includes_the_default_ledger_unless_told() -> None:
    result = runner.invoke(ledger_app, ["list", "-l", str(GOOD), "--format", "json"])
    entities = {item["entity"] for item in json.loads(result.stdout)}
    assert {"Anthropic", "Quillon"} <= entities


@pytest.mark.parametrize(
    ("option", "message"),
    [(["--entity", "Nobody"], "no entity 'Nobody'"), (["--metric", "vibes"], "unknown metric")],
)
def test_list_command_refuses_unknown_names(option: list[str], message: str) -> None:
    result = runner.invoke(ledger_app, ["list", *option])
    assert result.exit_code == 2
    assert message in result.stderr


def test_add_command(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    args = [
        "add", str(path), "--entity", "Harbor", "--metric", "funding",
        "--value", "$250 million", "--as-of", "2025-07", "--source", "https://example.org/x",
        "--note", "Series B.",
    ]  # fmt: skip
    result = runner.invoke(ledger_app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"added: {path}:1"
    [new] = load_ledger([tmp_path], default=False).records
    assert (new.stated.text, new.as_of_text, new.note) == ("$250 million", "2025-07", "Series B.")


def test_add_command_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    args = [
        "add", str(path), "--entity", "Harbor", "--metric", "funding", "--value", "a lot",
        "--as-of", "2025-07", "--source", "https://example.org/x",
    ]  # fmt: skip
    result = runner.invoke(ledger_app, args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"factcheck: error: {path}: value 'a lot' holds no figure")
    assert not path.exists()


def test_the_ledger_commands_are_in_the_real_cli() -> None:
    from factcheck.cli import app

    result = runner.invoke(app, ["ledger", "validate", str(GOOD)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 2 files")


@pytest.mark.parametrize("command", ["validate", "list", "add"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(ledger_app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"factcheck ledger {command}" in result.stdout.split("Example:")[1]


# ---------------------------------------------------------------- the default ledger


@pytest.fixture(scope="module")
def shipped() -> Ledger:
    return load_ledger([], cache=False)


def test_the_default_ledger_is_sound() -> None:
    folder = default_ledger_dir()
    assert folder.is_dir()
    assert sorted(p.name for p in folder.glob("*.toml")) == [
        "amazon.toml", "anthropic.toml", "openai-and-peers.toml"
    ]  # fmt: skip
    assert validate_ledger([folder]) == []


def test_the_default_ledger_has_anthropics_valuations(shipped: Ledger) -> None:
    found = {
        (r.stated.text, r.as_of_text, r.as_of_precision)
        for r in shipped.select(entity="Anthropic", metric="valuation")
    }
    assert ("$61.5 billion", "2025-03-03", "day") in found
    assert ("$183 billion", "2025-09", "month") in found
    assert ("$380 billion", "2026-02", "month") in found


def test_the_default_ledger_keeps_both_sides_of_a_disagreement(shipped: Ledger) -> None:
    xai = sorted(r.stated.value for r in shipped.select(entity="xAI", metric="valuation"))
    assert xai == [40e9, 45e9]
    rainier = shipped.select(entity="Rainier", metric="power_capacity")
    assert sorted((r.stated.value, r.stated.qualifier) for r in rainier) == [
        (2.2e9, "exact"),
        (2.2e9, "over"),
    ]
    assert len({r.source for r in rainier}) == 2


def test_the_default_ledger_entities(shipped: Ledger) -> None:
    assert shipped.canonical("Google") == "Alphabet"
    assert shipped.canonical("AWS") == shipped.canonical("Amazon Web Services") == "Amazon"
    assert shipped.canonical("Rainier") == "Project Rainier"
    for name in ("Anthropic", "OpenAI", "Microsoft", "Nvidia", "xAI", "Meta", "FTX", "Stargate"):
        assert shipped.canonical(name) == name
    stake = shipped.select(entity="Google", metric="stake")[0]
    assert (stake.counterparty, stake.stated.value) == ("Anthropic", 14.0)
    openai = shipped.select(entity="Microsoft", metric="investment")
    assert {(r.counterparty, r.stated.text) for r in openai} >= {
        ("OpenAI", "more than $13 billion")
    }


def test_every_default_record_has_a_source_and_a_note(shipped: Ledger) -> None:
    assert len(shipped.records) >= 34
    for r in shipped.records:
        assert r.source.startswith("https://"), r
        assert r.note, r
