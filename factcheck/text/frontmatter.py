"""Front matter of a Markdown file: where it ends and the few keys factcheck reads.

A draft says things about itself at its top, in YAML between ``---`` fences (Jekyll,
Pandoc)::

    ---
    title: Intel bekommt Staatsgeld
    date: 2025-08-25
    lang: de
    sources:
      - quellen/            # a folder, a file, a glob or a URL, relative to the draft
      - https://example.org/bericht
    ---

or in TOML between ``+++`` fences (Hugo, Zola)::

    +++
    title = "Intel bekommt Staatsgeld"
    date = 2025-08-25T09:30:00+02:00
    lang = "de"
    sources = ["quellen/", "https://example.org/bericht"]

    [params]                # keys below a table are the table's, not the document's
    +++

Only the subset of either language that such headers use is read: ``key: scalar``
(YAML) or ``key = scalar`` (TOML) lines, and lists written in flow style (``[a, "b"]``,
in TOML over several lines too) or, in YAML, as ``- item`` lines under their key. A line
in the other language's form (``a = b`` in YAML, ``a: b`` in TOML) is no key. Anything
else (nested maps, multi-line strings) is passed over, never an error: a title with a
colon in it is common and must not stop a check. What the values mean (a date that
cannot be read, say) is for the caller to judge; :attr:`FrontMatter.lines` says where
each key was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

#: Front matter at the very start of a Markdown file: YAML between ``---`` fences, whose
#: first line is a ``key:`` (not merely a thematic break), or TOML between ``+++`` fences,
#: whose first line is a ``key =`` or a table.
FRONT_MATTER = re.compile(
    r"""
    \A
    (?: ---[ \t]*\r?\n                         # YAML: the opening fence
        (?P<yaml> (?: [ \t]*\r?\n )*           # blank lines, then
           [A-Za-z_][\w-]*[ \t]*:              # a key first
           .*? )                               # the rest, as little as possible
        \r?\n (?: --- | \.\.\. )               # the closing fence
      | \+\+\+[ \t]*\r?\n                      # TOML: the opening fence
        (?P<toml> (?: [ \t]*\r?\n )*
           (?: [A-Za-z_][\w-]*[ \t]*= | \[ )   # a key or a table first
           .*? )
        \r?\n \+\+\+
    )
    [ \t]* (?: \r?\n | \Z )
    """,
    re.VERBOSE | re.DOTALL,
)

#: One line of YAML front matter: ``key: value``, or ``- item`` of the list above it.
_YAML_LINE = re.compile(
    r"""
    ^ (?: (?P<key> [A-Za-z_][\w-]* ) [ \t]* : (?: [ \t]+ (?P<value> .*? ) )?   # key: value
        | [ \t]* - [ \t]+ (?P<item> .*? )                                      # - item
      ) [ \t]* $
    """,
    re.VERBOSE,
)

#: One line of TOML front matter: ``key = value``, or a table header (``[params]``,
#: ``[[menu]]``) after which keys are no longer the document's own.
_TOML_LINE = re.compile(
    r"""
    ^ [ \t]* (?: (?P<key> [A-Za-z_][\w-]* ) [ \t]* = [ \t]* (?P<value> .*? )   # key = value
               | (?P<table> \[ .* )                                            # [table]
             ) [ \t]* $
    """,
    re.VERBOSE,
)

#: One item of a flow-style list: quoted, or up to the next comma.
_FLOW_ITEM = re.compile(
    r"""
    [ \t]* (?: "(?P<double> [^"]* )" | '(?P<single> [^']* )' | (?P<bare> [^,]*? ) ) [ \t]*
    (?: , | \Z )
    """,
    re.VERBOSE,
)

#: A comment to the end of the line, outside quotes (TOML's and YAML's ``#``).
_COMMENT = re.compile(
    r"""
    ^ (?P<kept> (?: [^#"'] | "[^"]*" | '[^']*' )* ) \# .* $
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class FrontMatter:
    """The front matter of a file: where the body starts, and its keys (lower case).

    A key's value is a string, or a list of strings for a list.
    """

    end: int = 0
    fields: dict[str, str | list[str]] = field(default_factory=dict)
    #: the language it is written in; None: the file has no front matter
    kind: Literal["yaml", "toml"] | None = None
    #: the line of the file (from 1) each key stands on
    lines: dict[str, int] = field(default_factory=dict)

    def text(self, key: str) -> str | None:
        """A key's value when it is a scalar, else None."""
        value = self.fields.get(key)
        return value if isinstance(value, str) else None

    def strings(self, key: str) -> list[str] | None:
        """A key's value as a list (a scalar is a list of one); None when it is absent.

        >>> read("---\\nsources: a.md\\n---\\n").strings("sources")
        ['a.md']
        """
        value = self.fields.get(key)
        if value is None:
            return None
        items = [value] if isinstance(value, str) else value
        return [item for item in items if item]


def read(text: str) -> FrontMatter:
    """The front matter at the start of ``text``; an empty one where there is none.

    >>> fm = read("---\\ntitle: 'Q1: 5 %'\\nsources: [a.md, 'b c.md']\\nlang: de  # x\\n---\\n")
    >>> fm.end, fm.fields, fm.lines["lang"]
    (65, {'title': 'Q1: 5 %', 'sources': ['a.md', 'b c.md'], 'lang': 'de'}, 4)
    >>> read("---\\nsources:\\n  - quellen/\\n  - https://example.org/a\\n---\\n").fields
    {'sources': ['quellen/', 'https://example.org/a']}
    >>> fm = read('+++\\ntitle = "Werk"\\nsources = [\\n  "a.md", # eins\\n  "b/",\\n]\\n+++\\n')
    >>> fm.kind, fm.fields
    ('toml', {'title': 'Werk', 'sources': ['a.md', 'b/']})
    >>> read("No front matter\\n---\\n").end
    0
    """
    match = FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter()
    toml = match["toml"] is not None
    body_at = match.start("toml") if toml else match.start("yaml")
    first_line = text.count("\n", 0, body_at) + 1
    lines = [line.rstrip("\r") for line in (match["toml"] if toml else match["yaml"]).split("\n")]
    fields: dict[str, str | list[str]] = {}
    where: dict[str, int] = {}
    reader = _toml if toml else _yaml
    for key, value, number in reader(lines):
        fields[key] = value
        where[key] = first_line + number
    return FrontMatter(match.end(), fields, "toml" if toml else "yaml", where)


def _yaml(lines: list[str]) -> list[tuple[str, str | list[str], int]]:
    """The keys of YAML front matter: (key, value, index of its line)."""
    found: list[tuple[str, str | list[str], int]] = []
    items: list[str] | None = None  # the list the next "- item" lines continue
    for number, line in enumerate(lines):
        matched = _YAML_LINE.match(line)
        if matched is None:
            items = None if line[:1].strip() else items  # an indented line goes on
            continue
        if matched["key"] is None:
            if items is not None:
                items.append(scalar(matched["item"]))
            continue
        value = matched["value"] or ""
        items = None
        if value.startswith("[") and value.rstrip().endswith("]"):
            found.append((matched["key"].lower(), _flow_list(value.rstrip()[1:-1]), number))
        elif value:
            found.append((matched["key"].lower(), scalar(value), number))
        else:
            items = []  # a list follows, or nothing: an empty list either way
            found.append((matched["key"].lower(), items, number))
    return found


def _toml(lines: list[str]) -> list[tuple[str, str | list[str], int]]:
    """The top-level keys of TOML front matter: (key, value, index of its line)."""
    found: list[tuple[str, str | list[str], int]] = []
    number = 0
    while number < len(lines):
        matched = _TOML_LINE.match(lines[number])
        if matched is None:
            number += 1
            continue
        if matched["table"] is not None:
            break  # keys below a table header belong to the table
        key, value = matched["key"].lower(), _uncommented(matched["value"])
        at = number
        if value.startswith("["):  # an array, perhaps over several lines
            while not _closed(value) and number + 1 < len(lines):
                number += 1
                value += " " + _uncommented(lines[number])
            inside = value[1 : value.rfind("]")] if _closed(value) else value[1:]
            found.append((key, _flow_list(inside.strip().rstrip(",")), at))
        else:
            found.append((key, scalar(value), at))
        number += 1
    return found


def _uncommented(line: str) -> str:
    """``line`` without a ``#`` comment outside quotes, stripped.

    >>> _uncommented('"a#b", # c'), _uncommented("  x ")
    ('"a#b",', 'x')
    """
    matched = _COMMENT.match(line)
    return (matched["kept"] if matched else line).strip()


def _closed(value: str) -> bool:
    """Whether an array's text so far has its closing bracket (outside quotes)."""
    depth = 0
    for part in re.split(r""""[^"]*"|'[^']*'""", value):
        for char in part:
            depth += {"[": 1, "]": -1}.get(char, 0)
            if depth == 0:
                return True
    return False


def scalar(value: str) -> str:
    """A YAML or TOML scalar as written on one line, unquoted and without a trailing
    comment.

    >>> scalar("'2025-06-02'"), scalar('"Q1: 5 %"'), scalar("2025-06-02 # x")
    ('2025-06-02', 'Q1: 5 %', '2025-06-02')
    >>> scalar("'de-CH'  # Schweiz"), scalar("# nothing")
    ('de-CH', '')
    """
    value = value.strip()
    if value.startswith("#"):
        return ""  # nothing but a comment
    if value[:1] in ("'", '"'):
        close = value.find(value[0], 1)
        if close > 0:  # the quoted text, whatever comment follows it
            return value[1:close]
    return value.split(" #", 1)[0].strip()


def _flow_list(body: str) -> list[str]:
    """The items of a flow-style list's inside.

    >>> _flow_list(' a.md, "b, c.md" ,'), _flow_list("")
    (['a.md', 'b, c.md'], [])
    """
    items = []
    for match in _FLOW_ITEM.finditer(body):
        if match.end() == match.start():
            break
        value = match["double"] if match["double"] is not None else match["single"]
        if value is None:
            value = scalar(match["bare"])
        if value:
            items.append(value)
    return items
