"""Configuration problems in one line a person can act on, never in pydantic's words.

A key of ``.factcheck.toml`` may be written ruff-style in kebab-case (``fail-on``) or
in snake_case (``fail_on``); :func:`normalise_keys` makes one of the other. Each
problem names the key as written, what is allowed there and, for a misspelling, what
was probably meant::

    fail_on: "discrepency" is not one of discrepancy, outdated, …; did you mean "discrepancy"?
    fail_onn: unknown key; did you mean "fail_on"? (known keys: drafts, sources, …)
    web.timeout: must be more than 0, not -1
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from factcheck.hints import did_you_mean

#: The values an error message quotes, in the quotes pydantic puts around them.
_QUOTED = re.compile(
    r"""
    '(?P<value>[^']*)'      # 'discrepancy', 'outdated' or 'never'
    """,
    re.VERBOSE,
)

#: What a value must be, by the kind of pydantic error that says it is not.
_MUST_BE = {
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": 'a list, e.g. ["news/"]',
    "string_type": "a string in quotes",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "dict_type": "a table, e.g. { key = value }",
    "model_type": "a table, e.g. { key = value }",
    "model_attributes_type": "a table, e.g. { key = value }",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
}

#: Bounds, by the kind of error and the word for them.
_BOUNDS = {
    "greater_than": ("gt", "more than"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "at most"),
}


def normalise_keys(table: Mapping[str, Any], where: str = "") -> dict[str, Any]:
    """``table`` with kebab-case keys in snake_case, and its sub-tables too.

    Raises ``ValueError`` naming both spellings when a key is given in each.

    >>> normalise_keys({"fail-on": "never", "web": {"max-bytes": 10}})
    {'fail_on': 'never', 'web': {'max_bytes': 10}}
    """
    found: dict[str, Any] = {}
    spelt: dict[str, str] = {}
    for key, value in table.items():
        snake = key.replace("-", "_")
        if snake in found:
            raise ValueError(f'{where}{key}: given twice, as "{spelt[snake]}" and "{key}"')
        if isinstance(value, dict) and snake == "web":
            value = normalise_keys(value, f"{where}{snake}.")
        found[snake], spelt[snake] = value, key
    return found


def _fields(model: type[BaseModel], path: tuple[int | str, ...]) -> list[str]:
    """The keys a table at ``path`` of ``model`` may have."""
    for part in path:
        field = model.model_fields.get(str(part))
        annotation = field.annotation if field is not None else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return list(model.model_fields)


def _shown(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(value)


def _allowed(error: ErrorDetails) -> list[str]:
    expected = str((error.get("ctx") or {}).get("expected", ""))
    return [match["value"] for match in _QUOTED.finditer(expected)]


def explain(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str]:
    """The key (dotted, as written after normalising) and the problem with it.

    >>> from pydantic import ValidationError
    >>> from factcheck.config import FileConfig
    >>> try:
    ...     FileConfig.model_validate({"lang": "end"})
    ... except ValidationError as exc:
    ...     print(": ".join(explain(exc.errors()[0], FileConfig)))
    lang: "end" is not one of auto, en, de; did you mean "en"?
    """
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    if loc and loc[-1] == "[key]":  # a key of a mapping (severity) that is not allowed
        loc = loc[:-1]
    key = ".".join(str(part) for part in loc) or "(table)"
    if kind == "extra_forbidden":
        known = _fields(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), known)
        return key, f"unknown key{hint} (known keys: {', '.join(known)})"
    if kind in ("literal_error", "enum"):
        allowed = _allowed(error)
        hint = did_you_mean(str(value), allowed)
        return key, f"{_shown(value)} is not one of {', '.join(allowed)}{hint}"
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        bound = (error.get("ctx") or {}).get(name)
        return key, f"must be {words} {bound}, not {_shown(value)}"
    if kind in _MUST_BE:
        return key, f"must be {_MUST_BE[kind]}, not {_shown(value)}"
    return key, f"{_shown(value)} is not a valid value here"


def key_line(text: str, key: str, table: str | None = None) -> int | None:
    """The 1-based line of ``text`` (TOML) where the last part of ``key`` is set, in
    either spelling, from the line of ``[table]`` on; None when it cannot be found.

    >>> key_line("[tool.factcheck]\\nlang = 'en'\\nfail-on = 'x'\\n", "fail_on", "tool.factcheck")
    3
    """
    name = key.rsplit(".", 1)[-1]
    spellings = "|".join(re.escape(n) for n in {name, name.replace("_", "-")})
    pattern = re.compile(rf"""(?:^|[{{,])[ \t]*["']?(?:{spellings})["']?[ \t]*=""", re.MULTILINE)
    start = 0
    if table is not None:
        head = re.search(rf"^\s*\[{re.escape(table)}\]", text, re.MULTILINE)
        start = head.end() if head else 0
    found = pattern.search(text, start)
    return text.count("\n", 0, found.start()) + 1 if found else None
