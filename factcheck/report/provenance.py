"""Where each piece of evidence can be read, for formats that show only a message.

The URL is the evidence's own (``url``, written when the check was made: see
:mod:`factcheck.compare.provenance`): a ledger record's page, a web source's page;
evidence from a local file has none.
"""

from __future__ import annotations

from factcheck.models import Finding


def evidence_urls(finding: Finding) -> list[str]:
    """The URLs of a finding's evidence, each once, in order."""
    return list(dict.fromkeys(item.url for item in finding.evidence if item.url))


def message(finding: Finding) -> str:
    """The finding's message with the URLs of its evidence, for formats that show only
    a message (annotations, test reports, code quality).

    >>> from factcheck.models import Claim, Evidence
    >>> c = Claim(id="x", text="14%", start=0, end=3, line=1, column=1, value=14, unit="%",
    ...           low=13.5, high=14.5, sentence="", lang="en")
    >>> e = Evidence(source="ledger-1", claim=c, agrees=True, url="https://example.org/a")
    >>> message(Finding(claim=c, verdict="consistent", message="Agrees.", evidence=[e]))
    'Agrees. Evidence: https://example.org/a'
    """
    urls = evidence_urls(finding)
    return f"{finding.message} Evidence: {', '.join(urls)}" if urls else finding.message
