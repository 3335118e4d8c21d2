"""Drafts, sources and a ledger for the HTML report's tests, and a helper that renders them.

One draft meets every verdict: an outdated valuation (the ledger has a newer one), a
consistent investment and a discrepant headcount (a source), a power figure nobody
states (unverified) and a valuation two sources of the same day disagree on
(conflicting). A German draft makes the report one of two sections. The hostile draft
and source carry script in every form an attacker might try.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import run, write

AS_OF = "2025-12-01"

LEDGER = """\
[[entities]]
name = "Ardent Foundry"

[[claims]]
entity = "Ardent Foundry"
metric = "valuation"
value = "$12 billion"
as_of = 2024-05-01
source = "https://example.org/ardent-2024"

[[claims]]
entity = "Ardent Foundry"
metric = "valuation"
value = "$20 billion"
as_of = 2025-06-01
source = "https://example.org/ardent-2025"
note = "After the second funding round."
"""

SOURCES = {
    "plant.md": (
        "---\ndate: 2025-11-18\n---\n\n"
        "Ardent Foundry announced a $9 billion investment in a chip plant near Porto. "
        "The company expects to employ 4,100 people there.\n"
    ),
    "wire.html": (
        "<html><head><title>Wire desk</title>"
        '<meta property="article:published_time" content="2025-11-19"></head>\n'
        "<body><p>Brightwater Labs is valued at $3 billion, according to people familiar "
        "with the matter.</p></body></html>\n"
    ),
    "blog.md": (
        "---\ndate: 2025-11-19\n---\n\n"
        "Brightwater Labs is valued at $4 billion, the company said.\n"
    ),
}

DRAFT = """\
---
date: 2025-11-25
---

# Ardent Foundry goes to Porto

Ardent Foundry, valued at $12 billion, will invest $9 billion in a chip plant near Porto.
The plant is to employ 1,400 people and to buy 300 megawatts of power.

Brightwater Labs is valued at $3 billion, according to people familiar with the matter.
"""

GERMAN = """\
---
date: 2025-11-25
---

Ardent Foundry will 9 Milliarden US-Dollar in ein Chipwerk bei Porto investieren.
Dort sollen 4.100 Menschen arbeiten.
"""

HOSTILE = """\
---
date: 2025-11-25
---

<script>window.__pwned = "script"; alert("script")</script>
<img src=x onerror="window.__pwned = 'img'; alert('img')">
Ardent Foundry will invest $9 billion near Porto. <a href="javascript:window.__pwned='a'">more</a>
The plant will employ 1,400 people, see [the plan](javascript:window.__pwned='md') </mark><script>window.__pwned='mark'</script> there.
"""  # noqa: E501 - the payload lines read better unbroken

HOSTILE_SOURCES = {
    "hostile.txt": (
        "Ardent Foundry expects to employ 4,100 people </mark><script>window.__pwned='source'"
        "</script> at the plant.\n"
    ),
    "titled.html": (
        "<html><head><title>\"Desk\" <script>window.__pwned='title'</script> & <b>co</b>"
        "</title></head><body><p>Ardent Foundry announced a $9 billion investment in a chip "
        "plant near Porto.</p></body></html>\n"
    ),
}


def setup(folder: Path, hostile: bool = False) -> list[str]:
    """Write the inputs into ``folder``; the arguments of ``factcheck check`` for them."""
    write(folder, "ledger/ardent.toml", LEDGER)
    for name, text in (HOSTILE_SOURCES if hostile else SOURCES).items():
        write(folder, f"sources/{name}", text)
    if hostile:
        write(folder, "news/hostile.md", HOSTILE)
        drafts = ["news/hostile.md"]
    else:
        write(folder, "news/porto.md", DRAFT)
        write(folder, "news/porto-de.md", GERMAN)
        drafts = ["news/porto.md", "news/porto-de.md"]
    return [*drafts, "--source", "sources", "--no-default-ledger", "--ledger", "ledger",
            "--as-of", AS_OF, "--fail-on", "never"]  # fmt: skip


def report(folder: Path, fmt: str, hostile: bool = False) -> str:
    """The report in ``fmt`` for the inputs, through the real command line."""
    args = setup(folder, hostile)
    out = folder / f"report.{fmt}"
    done = run("check", *args, "--format", fmt, "--output", out, cwd=folder)
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")
