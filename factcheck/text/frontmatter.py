"""YAML front matter of a Markdown file: where it ends and the few keys factcheck reads.

A draft says things about itself at its top::

    ---
    title: Intel bekommt Staatsgeld
    date: 2025-08-25
    lang: de
    sources:
      - quellen/            # a folder, a file, a glob or a URL, relative to the draft
      - https://example.org/bericht
    ---

Only the subset of YAML that such headers use is read: ``key: scalar`` lines, and lists
written in flow style (``[a, "b"]``) or as ``- item`` lines under their key. Anything
else (nested maps, multi-line strings) is passed over, never an error: a title with a
colon in it is common and must not stop a check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: YAML front matter at the very start of a Markdown file.
FRONT_MATTER = re.compile(
    r"""
    \A ---[ \t]*\r?\n                      # the opening fence
    (?P<body> (?: [ \t]*\r?\n )*           # blank lines, then
       [A-Za-z_][\w-]*[ \t]*:              # a YAML key first: not merely a thematic break
       .*? )                               # the rest, as little as possible
    \r?\n (?: --- | \.\.\. ) [ \t]* (?: \r?\n | \Z )   # the closing fence
    """,
    re.VERBOSE | re.DOTALL,
)

#: One line of front matter: ``key: value``, or ``- item`` of the list above it.
_LINE = re.compile(
    r"""
    ^ (?: (?P<key> [A-Za-z_][\w-]* ) [ \t]* : (?: [ \t]+ (?P<value> .*? ) )?   # key: value
        | [ \t]* - [ \t]+ (?P<item> .*? )                                      # - item
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


@dataclass(frozen=True)
class FrontMatter:
    """The front matter of a file: where the body starts, and its keys (lower case).

    A key's value is a string, or a list of strings for a list.
    """

    end: int = 0
    fields: dict[str, str | list[str]] = field(default_factory=dict)

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
    >>> fm.end, fm.fields
    (65, {'title': 'Q1: 5 %', 'sources': ['a.md', 'b c.md'], 'lang': 'de'})
    >>> read("---\\nsources:\\n  - quellen/\\n  - https://example.org/a\\n---\\n").fields
    {'sources': ['quellen/', 'https://example.org/a']}
    >>> read("No front matter\\n---\\n").end
    0
    """
    match = FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter()
    fields: dict[str, str | list[str]] = {}
    key: str | None = None  # the key whose list the next "- item" lines continue
    for line in match["body"].splitlines():
        found = _LINE.match(line)
        if found is None:
            key = None if line[:1].strip() else key  # an indented line goes on
            continue
        if found["key"] is not None:
            key = found["key"].lower()
            value = found["value"] or ""
            if value.startswith("[") and value.rstrip().endswith("]"):
                fields[key] = _flow_list(value.rstrip()[1:-1])
            elif value:
                fields[key] = scalar(value)
            else:
                fields[key] = []  # a list follows, or nothing: an empty list either way
        elif key is not None and isinstance(items := fields.get(key), list):
            items.append(scalar(found["item"]))
    return FrontMatter(match.end(), fields)


def scalar(value: str) -> str:
    """A YAML scalar as written on one line, unquoted and without a trailing comment.

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
