"""Which language a document is read in: declared, told by its words, or overridden.

Short texts have few function words; the words of their figures tell the language when
only one lexicon has them ("Prozent", "sieben", "Milliarden"; "percent", "seven").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.extract.lang import detect_lang, document_lang, from_tag, markers
from factcheck.extract.pipeline import extract
from tests.cli_helpers import run, write

# (text, language told), grouped by what tells it.
CASES = [
    # German by the words of its figures alone
    ("10 Prozent", "de"),
    ("sieben Euro", "de"),
    ("2,5 Milliarden", "de"),
    ("Plus 3 Prozentpunkte", "de"),
    ("zwölf Millionen Franken", "de"),
    ("Umsatz: 4 Mrd.", "de"),
    ("verdoppelt", "de"),
    ("45 Hektar", "de"),
    # English likewise
    ("10 percent", "en"),
    ("seven euros", "en"),
    ("2.5 billions", "en"),
    ("up 3 percentage points", "en"),
    ("twelve million pounds", "en"),
    ("tripled", "en"),
    ("45 hectares", "en"),
    # function words, as before
    ("Die Firma will in Sachsen investieren.", "de"),
    ("The firm will invest in Saxony.", "en"),
    # function words outweigh a word of the other language
    ("Der Umsatz stieg um 10 percent.", "de"),
    ("The plant is to cost 5 Milliarden.", "en"),
]

# Nothing tells: the default stands, whichever it is.
UNTOLD = [
    "5 Euro",
    "$5 billion",
    "20 Dollar",
    "Brennwald 45 MW",
    "12 %",
    "",
]


@pytest.mark.parametrize(("text", "lang"), CASES)
def test_detected_language(text: str, lang: str) -> None:
    assert detect_lang(text) == lang
    assert detect_lang(text, default="de" if lang == "en" else "en") == lang


@pytest.mark.parametrize("text", UNTOLD)
def test_words_both_languages_have_tell_nothing(text: str) -> None:
    assert detect_lang(text) == "en"
    assert detect_lang(text, default="de") == "de"


def test_markers_leave_out_what_both_lexicons_have() -> None:
    shared = {"euro", "dollar", "million", "billion", "watt", "bn"}
    assert not shared & markers("de")
    assert not shared & markers("en")
    assert {"prozent", "milliarden", "sieben"} <= markers("de")
    assert {"percent", "billions", "seven"} <= markers("en")


@pytest.mark.parametrize(
    ("tag", "lang"),
    [("de", "de"), ("de-CH", "de"), ("en_GB", "en"), ("EN", "en"), ("fr", None), ("", None)],
)
def test_language_tags(tag: str, lang: str | None) -> None:
    assert from_tag(tag) == lang


def test_override_beats_declared_beats_detected() -> None:
    german = "Das Werk kostet 2,1 Milliarden Euro."
    assert document_lang(german) == "de"
    assert document_lang(german, declared="en") == "en"
    assert document_lang(german, declared="fr") == "de"  # not one factcheck reads
    assert document_lang(german, declared="en", override="de") == "de"


def test_a_short_german_line_is_read_as_german() -> None:
    (claim,) = extract("Halvard: 1.500 Stellen und sieben Prozent mehr")[1:]
    assert (claim.lang, claim.value, claim.unit) == ("de", 7.0, "%")
    assert extract("Kosten: 2.400 Millionen")[0].value == 2.4e9


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("entwurf.md", "---\nlang: de\n---\nBrennwald Software: Budget 2.400 Dollar.\n"),
        ("seite.html", '<html lang="de"><body><p>Brennwald Software: Budget 2.400 Dollar.</p>'),
    ],
)
def test_a_declared_language_wins_over_detection(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path, name, text)
    done = run("extract", path, "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    (claim,) = map(json.loads, done.stdout.splitlines())
    assert (claim["lang"], claim["value"]) == ("de", 2400.0)
    override = run("extract", path, "--format", "jsonl", "--lang", "en")
    (claim,) = map(json.loads, override.stdout.splitlines())
    assert (claim["lang"], claim["value"]) == ("en", 2.4)
