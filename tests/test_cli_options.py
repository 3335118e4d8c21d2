"""Each choice of the command line is made from the one Literal that lists its values."""

from __future__ import annotations

from typing import get_args

from factcheck import cli_options as options
from factcheck.config import FileConfig, LangSetting
from factcheck.lexicon import LANGS
from factcheck.report.claims import EXTRACT_FORMATS, WRITERS
from factcheck.report.formats import FORMATS, RENDERERS
from factcheck.report.severity import FailOn


def _values(choice: type[object]) -> list[str]:
    return [member.value for member in choice]  # type: ignore[attr-defined]


def test_every_report_format_has_its_renderer_and_every_extract_format_its_writer() -> None:
    assert list(RENDERERS) == list(FORMATS)
    assert list(WRITERS) == list(EXTRACT_FORMATS)


def test_the_command_lines_choices_are_the_librarys_values() -> None:
    assert _values(options.CheckFormat) == list(FORMATS)
    assert _values(options.ExtractFormat) == list(EXTRACT_FORMATS)
    assert _values(options.FailOn) == list(get_args(FailOn))
    assert _values(options.Lang) == ["auto", *LANGS]
    assert list(get_args(LangSetting)) == ["auto", *LANGS]


def test_the_configuration_accepts_what_the_command_line_offers() -> None:
    for fmt in FORMATS:
        assert FileConfig.model_validate({"format": fmt}).format == fmt
    for level in get_args(FailOn):
        assert FileConfig.model_validate({"fail_on": level}).fail_on == level
