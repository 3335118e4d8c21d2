"""The claims ``factcheck extract`` found, written as JSON, JSON Lines or text.

Documents are written as they are read, one after another, so that a long run's memory
stays flat: JSON is written piece by piece (the report of schema version 1,
:class:`~factcheck.models.ExtractReport`), JSON Lines a claim a line with its document's
path, text a claim a line, tab-separated::

    path:line:column  text  value[–high] unit  qualifier  metric [subject]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TYPE_CHECKING, Literal, get_args

from factcheck.models import SCHEMA_VERSION, Claim, Tool

if TYPE_CHECKING:
    from factcheck.extract.pipeline import ExtractedFile

ExtractFormat = Literal["json", "jsonl", "text"]
EXTRACT_FORMATS: tuple[ExtractFormat, ...] = get_args(ExtractFormat)

#: Writes the claims of the documents to a stream, calls ``done`` after each document,
#: and says how many claims it wrote.
Writer = Callable[[Iterable["ExtractedFile"], IO[str], Callable[[], None]], int]


def text_line(path: str, claim: Claim) -> str:
    """One claim as a line of the text format.

    >>> from factcheck import extract
    >>> text_line("a.md", extract("It raised $5 billion.", "en")[0])
    'a.md:1:11\\t$5 billion\\t5e+09 USD\\texact\\tfunding'
    """
    value = f"{claim.value:g}" + (f"–{claim.value_high:g}" if claim.value_high is not None else "")
    about = " ".join(
        part for part in (claim.metric or "", f"[{claim.subject}]" if claim.subject else "") if part
    )
    return (
        f"{path}:{claim.line}:{claim.column}\t{claim.text}\t{value} {claim.unit}"
        f"\t{claim.qualifier}\t{about}"
    ).rstrip()


def _json(documents: Iterable[ExtractedFile], out: IO[str], done: Callable[[], None]) -> int:
    count = 0
    tool = Tool().model_dump_json()
    out.write(f'{{"schema_version": "{SCHEMA_VERSION}", "tool": {tool}, "documents": [')
    for n, doc in enumerate(documents):
        head = json.dumps({"path": doc.path, "lang": doc.lang})[:-1]
        out.write(("," if n else "") + f'\n{head}, "claims": [')
        for k, claim in enumerate(doc.claims):
            count += 1
            out.write(("," if k else "") + "\n  " + claim.model_dump_json())
        out.write("]}")
        done()
    out.write("]}\n")
    return count


def _json_line(path: str, claim: Claim) -> str:
    return json.dumps({"path": path, **claim.model_dump(mode="json")}, ensure_ascii=False)


def _a_line_each(line: Callable[[str, Claim], str]) -> Writer:
    """A writer of one line per claim: ``line`` of its document's path and the claim."""

    def write(documents: Iterable[ExtractedFile], out: IO[str], done: Callable[[], None]) -> int:
        count = 0
        for doc in documents:
            for claim in doc.claims:
                count += 1
                out.write(line(doc.path, claim) + "\n")
            done()
        return count

    return write


WRITERS: Mapping[ExtractFormat, Writer] = {
    "json": _json,
    "jsonl": _a_line_each(_json_line),
    "text": _a_line_each(text_line),
}


def write(
    documents: Iterable[ExtractedFile],
    fmt: ExtractFormat,
    out: IO[str],
    done: Callable[[], None] = lambda: None,
) -> int:
    """Write the claims of ``documents`` in ``fmt``; the number of claims written."""
    return WRITERS[fmt](documents, out, done)
