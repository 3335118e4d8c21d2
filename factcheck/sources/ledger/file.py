"""A ledger TOML file as its arrays of tables, each table with the line of its header.

A million ledger records are some 150 MB of TOML, and :mod:`tomllib` (pure Python) reads
about 1 MB a second. Ledger files are written in a plain subset of TOML: ``[[name]]``
headers, ``key = "string"``, ``key = 'string'``, ``key = 2025-03-03``, one-line arrays and
comments. A file in that subset is read by one compiled regular expression, one match a
line, which also gives each table's line for free; a file with anything else (escapes,
multi-line strings, numbers, inline tables, dotted keys, a duplicate key) goes to tomllib,
which stays the judge of what is valid TOML and says where it is not.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import LedgerError

#: One line of the plain subset, or (group ``other``) any line outside it.
_LINE = re.compile(
    r"""
    ^[ \t]*
    (?:
        \[\[ [ \t]* ([A-Za-z0-9_-]+) [ \t]* \]\]        # 1 header: [[claims]], bare name only
      | ([A-Za-z0-9_-]+) [ \t]* = [ \t]*                  # 2 bare key (quoted keys: tomllib)
        (?:
            "([^"\\\x00-\x08\x0a-\x1f\x7f]*)"              # 3 basic string without escapes
          | '([^'\x00-\x08\x0a-\x1f\x7f]*)'                # 4 literal string
          | ([0-9]{4}-[0-9]{2}-[0-9]{2})                   # 5 local date; a time after it fails $
          | (\[[^\n]*\])                                  # 6 one-line array, read by tomllib
        )
    )?
    [ \t]* (?:\#[^\x00-\x08\x0a-\x1f\x7f]*)? \r?$       # blanks, a comment, CRLF endings
  | ^(.+)$                                                # 7 anything else: not the subset
    """,
    re.MULTILINE | re.VERBOSE,
)

#: Where tomllib puts the place of a syntax error in its message.
_TOML_WHERE = re.compile(
    r"\s*\((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)$"
)

#: What the header scan of a tomllib-read file must step over: an array-of-tables header
#: at the start of a line, or a string or comment (so a header inside a string is text).
_SCAN = re.compile(
    r"""
    ^[ \t]*\[\[[ \t]*(?P<name>[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*\]\]   # [[header]]
  | (?P<multi>\"\"\"|''')               # multi-line string: skipped to its closing quotes
  | "(?:[^"\\\n]|\\.)*"                # one-line basic string, escapes included
  | '[^'\n]*'                          # one-line literal string
  | \#[^\n]*                           # comment
    """,
    re.MULTILINE | re.VERBOSE,
)

#: Pieces of this many characters are matched at a time, so the list of matches stays small.
_CHUNK = 1 << 22


@dataclass(frozen=True, slots=True)
class Table:
    """One ``[[name]]`` table: its keys and values, and the 1-based line of its header."""

    values: dict[str, object]
    line: int


@dataclass
class TomlFile:
    """A file's arrays of tables by name, top-level keys that are something else, problems."""

    location: str
    text: str
    tables: dict[str, list[Table]]
    #: Top-level keys that are not arrays of ``[[tables]]``, with the line that sets them.
    other: list[tuple[str, int]] = field(default_factory=list)
    #: Readable TOML that is not laid out as a ledger (records as an inline array).
    problems: list[LedgerError] = field(default_factory=list)

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def key_line(self, table: Table, key: str) -> int:
        """The line where ``key`` of ``table`` is set; the header's line if it is not."""
        return key_line(self.lines, table.line, key)


def key_line(lines: list[str], header: int, key: str) -> int:
    """The 1-based line that sets ``key`` in the table whose header is on line ``header``.

    >>> key_line(["[[claims]]", "entity = 'A'", "value = '1%'", "[[claims]]"], 1, "value")
    3
    >>> key_line(["[[claims]]", "entity = 'A'", "[[claims]]", "value = '1%'"], 1, "value")
    1
    """
    pattern = re.compile(
        rf"""[ \t]*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')[ \t]*="""
    )
    for index in range(header, len(lines)):
        if lines[index].lstrip().startswith("["):
            break
        if pattern.match(lines[index]):
            return index + 1
    return header


def read_toml_file(path: Path) -> TomlFile:
    """Read ``path`` as TOML; raise :class:`LedgerError` (with the line) if it is not."""
    location = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LedgerError(location, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LedgerError(location, "not UTF-8 text: TOML files are UTF-8", line) from None
    return read_toml_text(text, location)


def read_toml_text(text: str, location: str) -> TomlFile:
    """Read ``text`` as TOML; raise :class:`LedgerError` (with the line) if it is not."""
    text = text.removeprefix("\ufeff")  # a byte-order mark from a Windows editor is no content
    tables = _plain_tables(text)
    if tables is not None:
        return TomlFile(location, text, tables)
    return _tomllib_tables(text, location)


def _plain_tables(text: str) -> dict[str, list[Table]] | None:
    """The arrays of tables of a file in the plain subset; None if it steps outside it."""
    if text.count("\r") != text.count("\r\n"):
        return None  # a carriage return that ends no line: _LINE's "\r?$" cannot tell
    tables: dict[str, list[Table]] = {}
    current: dict[str, object] | None = None
    dates: dict[str, dt.date] = {}
    pos, line = 0, 1
    while pos <= len(text):
        # Pieces end just before a newline, so that every line is one match of _LINE.
        end = text.find("\n", min(pos + _CHUNK, len(text)))
        end = len(text) if end < 0 else end
        rows = _LINE.findall(text, pos, end)
        for header, key, basic, literal, date, array, other in rows:
            if key:
                if current is None or key in current:
                    return None  # a top-level key or a duplicate key: let tomllib decide
                value: object
                if date:
                    if date not in dates:
                        try:
                            dates[date] = dt.date.fromisoformat(date)
                        except ValueError:
                            return None
                    value = dates[date]
                elif array:
                    try:
                        value = tomllib.loads("v = " + array)["v"]
                    except (tomllib.TOMLDecodeError, RecursionError):
                        return None
                else:
                    value = basic or literal  # both empty: the value is ""
                current[key] = value
            elif header:
                current = {}
                tables.setdefault(header, []).append(Table(current, line))
            elif other:
                return None
            line += 1
        pos = end + 1
    return tables


def _tomllib_tables(text: str, location: str) -> TomlFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_WHERE.search(message)
        line = text.count("\n") + 1
        if where is not None:
            message = message[: where.start()]
            if where["line"]:
                line = int(where["line"])
                message += f" (column {where['column']})"
        raise LedgerError(location, f"not valid TOML: {message}", line) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        message = "not TOML this program can read: arrays or tables nested too deeply"
        raise LedgerError(location, message, _deepest_line(text)) from None
    headers = _array_headers(text)
    lines = text.split("\n")
    result = TomlFile(location, text, {})
    for name, value in data.items():
        at = headers.get(name, [])
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            if len(at) == len(value):  # an empty array too: a file may hold no records
                result.tables[name] = [Table(v, n) for v, n in zip(value, at, strict=True)]
                continue
            result.problems.append(
                LedgerError(
                    location,
                    f"write each entry of {name!r} as its own [[{name}]] table",
                    _top_level_line(lines, name),
                )
            )
        else:
            result.other.append((name, _top_level_line(lines, name)))
    return result


def _deepest_line(text: str) -> int:
    """The line of the first ``[`` or ``{`` that opens the hundredth level of nesting
    (or the last line), where a file nested too deeply is shown to be so; strings are
    not told apart, which is close enough for a file that cannot be read anyway.

    >>> _deepest_line("a = 1\\nb = " + "[" * 150 + "]" * 150)
    2
    """
    depth = 0
    line = 1
    for char in text:
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth >= 100:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
    return line


def _array_headers(text: str) -> dict[str, list[int]]:
    r'''The lines of every ``[[name]]`` header, by name, skipping text inside strings.

    >>> _array_headers('[[a]]\nx = """\n[[a]]\n"""\n[["a"]] # c\n')
    {'a': [1, 5]}
    '''
    found: dict[str, list[int]] = {}
    pos, line, counted = 0, 1, 0
    while (match := _SCAN.search(text, pos)) is not None:
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if match["name"] is not None:
            found.setdefault(match["name"].strip("\"'"), []).append(line)
            pos = match.end()
        elif match["multi"] is not None:
            close = text.find(match["multi"], match.end())
            if close < 0:
                break
            pos = close + 3
        else:
            pos = match.end()
    return found


def _top_level_line(lines: list[str], name: str) -> int:
    """The first line that sets or opens the top-level key ``name``; 1 if none is found."""
    pattern = re.compile(
        rf"""[ \t]*(?:\[\[?[ \t]*)?(?:{re.escape(name)}|"{re.escape(name)}"|'{re.escape(name)}')"""
        r"[ \t]*[=.\]]"
    )
    for index, text in enumerate(lines):
        if pattern.match(text):
            return index + 1
    return 1
