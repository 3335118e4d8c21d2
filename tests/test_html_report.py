"""The HTML report's page itself, without a browser: self-contained, deterministic,
escaped, its policy matching what it inlines; and the helpers' examples (doctests).
"""

from __future__ import annotations

import base64
import doctest
import hashlib
import re
from html import unescape
from pathlib import Path
from types import ModuleType

import pytest

from factcheck.report import html, prose
from tests.cli_helpers import run
from tests.html_fixtures import report, setup


@pytest.mark.parametrize("module", [html, prose], ids=lambda m: m.__name__)
def test_doctests(module: ModuleType) -> None:
    failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failed == 0


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_the_page_is_self_contained_and_its_policy_allows_exactly_what_it_inlines(
    tmp_path: Path,
) -> None:
    page = report(tmp_path, "html")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert policy is not None
    assert policy.start() < page.index("<style>") < page.index("<script>")
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(styles) == len(scripts) == 1
    content = unescape(policy.group(1))
    directives = dict(d.strip().split(" ", 1) for d in content.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == f"'{_hash(styles[0])}'"
    assert directives["script-src"] == f"'{_hash(scripts[0])}'"
    # Nothing to fetch: no src attribute, no stylesheet link; the only URLs are the
    # evidence links (to click, never loaded) and same-page references.
    assert not re.search(r"\ssrc=", page)
    assert "<link" not in page
    assert not re.search(r"\sstyle=", page)  # the policy would refuse inline styles
    for url in re.findall(r'href="([^"]*)"', page):
        assert url.startswith(("#", "https://example.org/")), url


def test_the_same_report_is_the_same_bytes(tmp_path: Path) -> None:
    first = report(tmp_path, "html")
    again = report(tmp_path, "html")
    assert first == again


def test_untrusted_text_is_escaped(tmp_path: Path) -> None:
    page = report(tmp_path, "html", hostile=True)
    body = page[page.index("<body>") : page.rindex("<script>")]
    assert "<script" not in body
    assert "<img" not in body
    assert "javascript:" not in re.sub(r">[^<]*<", "><", body)  # only in text, never markup
    assert "&lt;script&gt;window.__pwned = &#34;script&#34;" in body
    assert "&lt;/mark&gt;&lt;script&gt;window.__pwned=&#39;source&#39;" in body
    assert "&#34;Desk&#34; &lt;script&gt;" in body


def test_html_report_on_stdout_and_in_the_configuration(tmp_path: Path) -> None:
    args = setup(tmp_path)
    done = run("check", *args, "--format", "html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>")
    (tmp_path / ".factcheck.toml").write_text('format = "html"\n', encoding="utf-8")
    configured = run("check", *args, cwd=tmp_path)
    assert configured.stdout == done.stdout


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("Valued at $3 billion today.", "$3 billion", ("Valued at ", "$3 billion", " today.")),
        ("Folded: 4,100\npeople", "4,100\npeople", ("Folded: ", "4,100 people", "")),
        ("No such figure.", "7%", ("No such figure.", "", "")),
        ("", "", ("", "", "")),
    ],
)
def test_a_source_sentence_is_cut_around_its_figure(
    sentence: str, figure: str, expected: tuple[str, str, str]
) -> None:
    folded = " ".join(sentence.split(" "))
    cut = html.quote(folded.replace("\n", " "), figure)
    assert (cut.before, cut.figure, cut.after) == expected


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/x", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//example.org/x", False),
        ("file:///etc/passwd", False),
        ("https://exa mple.org", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_links(url: str | None, kept: bool) -> None:
    assert (html.safe_url(url) is not None) == kept


def test_markdown_layout_is_lightly_cleaned() -> None:
    text = "---\ntitle: x\n---\n\n# Head 5%\n\nOne 7%\nline.\n- item\n\n\n\nLast"
    start = len(prose.front_matter(text) or "")
    at = text.index("7%")
    paragraphs = prose.paragraphs(text, [prose.Figure(at, at + 2)], start)
    shown = [
        (p.heading, "".join(r.text if r.kind == "text" else f"[{r.kind}]" for r in p.runs))
        for p in paragraphs
    ]
    assert shown == [(True, "Head 5%"), (False, "One [mark] line.[br]- item"), (False, "Last")]
