"""GitHub Actions workflow commands: annotations on the pull request, the full list in the log.

GitHub shows only a handful of annotations per step, so every finding is also printed
as a plain line, grouped per draft with ``::group::`` so a long log stays folded.

Escaping follows the Actions runner (``toolkit/packages/core/src/command.ts``): the
message escapes ``%``, CR and LF; property values (file, title) escape ``:`` and ``,``
too, since those separate the properties. Without it a title with a comma cuts the
command short and a message with a newline loses its second line.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.report import provenance
from factcheck.report.severity import Severity
from factcheck.report.text import summary
from factcheck.report.view import Item, View, title
from factcheck.text.sentences import fold

_COMMAND: dict[Severity, str] = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """A message as a workflow command carries it.

    >>> escape_data("100% sure\\nreally")
    '100%25 sure%0Areally'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file name, title) as a workflow command carries it.

    >>> escape_property("discrepancy: 1,400 people")
    'discrepancy%3A 1%2C400 people'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(item: Item) -> str | None:
    """The workflow command for one finding; None when its severity is ``none``."""
    command = _COMMAND.get(item.severity)
    if command is None:
        return None
    s = item.span
    props = [
        ("file", item.path),
        ("line", str(s.line)),
        ("endLine", str(s.end_line)),
        ("col", str(s.column)),
        ("endColumn", str(s.end_column)),
        ("title", title(item.finding)),
    ]
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{command} {head}::{escape_data(message(item))}"


def message(item: Item) -> str:
    """The finding's message with the URLs of its evidence and, for a fixable one, the
    corrected line as a GitHub suggestion block, ready to paste into a review comment."""
    text = provenance.message(item.finding)
    if item.fixed_lines is not None:
        text += f"\n\nSuggested change:\n```suggestion\n{item.fixed_lines}\n```"
    return text


def _plain(item: Item) -> str:
    finding = item.finding
    line = f"{item.path}:{item.span.line}:{item.span.column}: {finding.verdict}: "
    line += f"{fold(finding.claim.text)}: {provenance.message(finding)}"
    # A plain log line must not be read as a command: it never starts with "::", and
    # a newline in a message would start a new line that might.
    return line.replace("\r", " ").replace("\n", " ")


def render(view: View) -> Iterator[str]:
    """The lines to print: annotations first, then the full list grouped per draft."""
    for item in view.items():
        command = annotation(item)
        if command is not None:
            yield command
    for path, items in view.drafts():
        shown = [item for item in items if item.severity != "none"]
        yield f"::group::{escape_data(path)} ({len(shown)} of {len(items)} figures to review)"
        for item in items:
            yield _plain(item)
        yield "::endgroup::"
    yield f"factcheck: {summary(view.report, view.hidden)}"
