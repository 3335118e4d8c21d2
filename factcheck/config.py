"""Configuration files: ``.factcheck.toml`` or ``[tool.factcheck]`` in ``pyproject.toml``.

Found by walking up from the working directory; in each folder ``.factcheck.toml`` wins
over ``pyproject.toml``, and a ``pyproject.toml`` without a ``[tool.factcheck]`` table
is passed over, as ruff and black do. ``--config FILE`` names one and stops the search.

Everything the command line sets can be set here; the command line beats the file, the
file beats the defaults. Paths in a file are relative to the folder of the file, so a
configuration means the same whatever folder ``factcheck`` runs in::

    [tool.factcheck]
    drafts = ["news/"]
    sources = ["sources/"]
    ledgers = ["claims/"]
    fail_on = "discrepancy"
    severity = { outdated = "error" }
    follow_links = true           # the drafts' links are sources too
    max_bytes = 10_000_000        # the largest draft or local source read
    web = { timeout = 5, deadline = 60, max_bytes = 2_000_000, max_links = 100 }
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.config_errors import explain, key_line, normalise_keys
from factcheck.errors import InputError
from factcheck.lexicon import Lang
from factcheck.models import Verdict
from factcheck.report.formats import Format
from factcheck.report.severity import DEFAULT_SEVERITY, FailOn, Severity
from factcheck.settings import DEFAULT_SETTINGS, Settings
from factcheck.text.decode import MAX_DOCUMENT_BYTES

CONFIG_NAME = ".factcheck.toml"
PYPROJECT = "pyproject.toml"
#: A configuration file is read whole; one this large is something else (``/dev/zero``).
_MAX_CONFIG_BYTES = 10_000_000

#: The language of the drafts: a lexicon's, or detected.
LangSetting = Literal["auto", Lang]


class WebConfig(BaseModel):
    """Limits of fetching web sources (``[tool.factcheck.web]``), declared once: a run's
    :class:`factcheck.sources.web.FetchSettings` are these and its flags."""

    # No infinite or NaN seconds: a socket cannot wait for ever, and a run must end.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    timeout: float = Field(10.0, gt=0, le=3600, description="Seconds to connect and per read.")
    retries: int = Field(2, ge=0, le=10, description="Retries after 429, 5xx, lost connection.")
    backoff: float = Field(0.5, ge=0, le=3600, description="Seconds before the first retry.")
    retry_after_cap: float = Field(30.0, ge=0, le=3600, description="Longest Retry-After honoured.")
    deadline: float = Field(
        60.0, gt=0, le=86400, description="Seconds one source may take in all: connecting, "
        "headers, body, redirects and retries."
    )  # fmt: skip
    max_redirects: int = Field(5, ge=0, le=30)
    max_bytes: int = Field(5_000_000, gt=0, description="Largest body read, after gzip.")
    concurrency: int = Field(8, ge=1, le=64, description="Requests at once.")
    max_links: int = Field(
        100, ge=0, description="Links of one draft followed (--follow-links); the rest are "
        "counted in one line."
    )  # fmt: skip
    max_links_per_host: int = Field(
        20, ge=0, description="Links of one draft to one host followed (--follow-links)."
    )


class FileConfig(BaseModel):
    """What a configuration file may say; an unknown key is an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    drafts: list[str] = Field(default_factory=list, description="Drafts when none are named.")
    sources: list[str] = Field(default_factory=list)
    ledgers: list[str] = Field(default_factory=list)
    no_default_ledger: bool = False
    lang: LangSetting = "auto"
    as_of: dt.date | None = None
    approx_tolerance: float = Field(DEFAULT_SETTINGS.approx_tolerance, ge=0, le=1)
    rounding_cap: float = Field(DEFAULT_SETTINGS.rounding_cap, ge=0, le=1)
    match_threshold: float = Field(DEFAULT_SETTINGS.match_threshold, ge=0, le=1)
    conversion_window_days: int = Field(DEFAULT_SETTINGS.conversion_window_days, ge=0, le=366)
    conversion_tolerance: float = Field(DEFAULT_SETTINGS.conversion_tolerance, ge=0, le=1)
    fail_on: FailOn = "discrepancy"
    format: Format = "text"
    severity: dict[Verdict, Severity] = Field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    inline_config: bool = True
    offline: bool = False
    baseline: str | None = None
    follow_links: bool = False
    allow_private: bool = False
    strict_sources: bool = False
    refresh: bool = False
    max_bytes: int = Field(
        MAX_DOCUMENT_BYTES, gt=0, description="Largest draft or local source read, in bytes."
    )
    web: WebConfig = Field(default_factory=WebConfig)


#: Keys whose values are paths, made relative to the configuration file's folder.
_PATH_LISTS = ("drafts", "sources", "ledgers")


@dataclass(frozen=True)
class Loaded:
    """A configuration file read: where from, what it set, and everything else default."""

    path: Path | None
    values: FileConfig = field(default_factory=FileConfig)
    explicit: frozenset[str] = frozenset()

    def resolve_path(self, value: str) -> str:
        """``value`` read relative to the configuration file's folder."""
        if self.path is None or Path(value).is_absolute() or "://" in value:
            return value
        return str(self.path.parent / value)


def find(start: Path | None = None) -> Path | None:
    """The configuration file for ``start`` (default: the working directory), if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _table(pyproject, required=False) is not None:
            return pyproject
    return None


def _table(path: Path, *, required: bool) -> dict[str, Any] | None:
    try:
        with path.open("rb") as stream:
            raw = stream.read(_MAX_CONFIG_BYTES + 1)
        if len(raw) > _MAX_CONFIG_BYTES:
            message = f"larger than {_MAX_CONFIG_BYTES:,} bytes: not a configuration file"
            raise InputError(str(path), message)
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "configuration file not found") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(str(path), "not TOML this program can read: nested too deeply") from None
    if path.name != PYPROJECT:
        return data
    tool = data.get("tool", {})
    table = tool.get("factcheck") if isinstance(tool, dict) else None
    if table is None and required:
        raise InputError(str(path), "has no [tool.factcheck] table")
    if table is not None and not isinstance(table, dict):
        raise InputError(str(path), "tool.factcheck must be a table")
    return table


def load(path: Path) -> Loaded:
    """Read and validate one configuration file; :class:`InputError` names what is wrong,
    with its line. Keys may be written in kebab-case (``fail-on``) too."""
    in_pyproject = path.name == PYPROJECT
    prefix = "tool.factcheck." if in_pyproject else ""
    try:
        table = normalise_keys(_table(path, required=True) or {}, prefix)
    except ValueError as exc:
        raise InputError(str(path), str(exc)) from None
    try:
        values = FileConfig.model_validate(table)
    except ValidationError as exc:
        key, problem = explain(exc.errors()[0], FileConfig)
        text = path.read_text(encoding="utf-8")
        line = key_line(text, key, "tool.factcheck" if in_pyproject else None)
        raise InputError(str(path), f"{prefix}{key}: {problem}", line) from None
    loaded = Loaded(path.resolve(), values, frozenset(table))
    updates: dict[str, Any] = {
        key: [loaded.resolve_path(p) for p in getattr(values, key)]
        for key in _PATH_LISTS
        if key in table
    }
    if values.baseline is not None:
        updates["baseline"] = loaded.resolve_path(values.baseline)
    if "severity" in table:  # a file names the verdicts it changes; the rest stay default
        updates["severity"] = {**DEFAULT_SEVERITY, **values.severity}
    return Loaded(loaded.path, values.model_copy(update=updates), loaded.explicit)


def discover(explicit: Path | None, start: Path | None = None) -> Loaded:
    """The configuration named by ``--config``, else the one found, else the defaults."""
    if explicit is not None:
        return load(explicit)
    found = find(start)
    return load(found) if found is not None else Loaded(None)


@dataclass(frozen=True)
class Effective:
    """The settings a run uses, and for each key where its value came from."""

    values: FileConfig
    origins: Mapping[str, str]

    def settings(self) -> Settings:
        return Settings(
            approx_tolerance=self.values.approx_tolerance,
            rounding_cap=self.values.rounding_cap,
            match_threshold=self.values.match_threshold,
            conversion_window_days=self.values.conversion_window_days,
            conversion_tolerance=self.values.conversion_tolerance,
        )


def effective(loaded: Loaded, command_line: Mapping[str, Any]) -> Effective:
    """Command-line values (None: not given) laid over the file's, laid over defaults.

    Raises :class:`InputError` when a command-line value does not validate.
    """
    given = {key: value for key, value in command_line.items() if value is not None}
    merged = {**loaded.values.model_dump(), **given}
    try:
        values = FileConfig.model_validate(merged)
    except ValidationError as exc:
        key, problem = explain(exc.errors()[0], FileConfig)
        raise InputError(f"--{key.replace('_', '-')}", problem) from None
    origins = {}
    for key in FileConfig.model_fields:
        if key in given:
            origins[key] = "command line"
        elif key in loaded.explicit and loaded.path is not None:
            origins[key] = str(loaded.path)
        else:
            origins[key] = "default"
    return Effective(values, origins)


def describe(eff: Effective) -> list[str]:
    """``factcheck config``'s lines: each key as TOML, with where it came from."""
    lines = []
    for key in FileConfig.model_fields:
        value = getattr(eff.values, key)
        lines.append(f"{key} = {_toml(value)}  # {eff.origins[key]}")
    return lines


def _toml(value: object) -> str:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if value is None:
        return '""'  # TOML has no null; an empty string reads as "not set" here
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
