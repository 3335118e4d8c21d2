"""JUnit XML: one test case per figure, so any CI's test view shows the fact-check.

A figure fails when its verdict is at or above ``--fail-on``; others pass, and figures
whose verdict is shown (a note or a warning) but does not fail carry it in
``system-out``. One test suite per draft. Built with :mod:`xml.etree` so that quoting
and control characters are the XML library's job, not string formatting's.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from factcheck.report import provenance
from factcheck.report.view import View, title
from factcheck.text.sentences import fold


def _clean(text: str) -> str:
    # XML 1.0 cannot hold most control characters at all, escaped or not.
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def render(view: View) -> str:
    """The JUnit XML document as text, with an XML declaration."""
    root = ET.Element("testsuites", name="factcheck")
    total = failed = 0
    for path, items in view.drafts():
        suite = ET.SubElement(root, "testsuite", name=path)
        failures = 0
        for item in items:
            finding = item.finding
            claim = finding.claim
            case = ET.SubElement(
                suite,
                "testcase",
                classname=path,
                name=_clean(f"line {item.span.line} col {item.span.column}: {fold(claim.text)}"),
                file=path,
                line=str(item.span.line),
            )
            detail = _clean(f"{finding.verdict}: {provenance.message(finding)}")
            if item.fails:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", message=_clean(title(finding)), type=finding.verdict
                )
                failure.text = detail
            elif item.severity != "none":
                ET.SubElement(case, "system-out").text = detail
        suite.set("tests", str(len(items)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total += len(items)
        failed += failures
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
