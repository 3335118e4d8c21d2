"""``factcheck check`` with web sources, end to end: the CLI against a real local server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import run, write
from tests.web_server import Site, serve

#: Fast limits for misbehaving endpoints, and no ledger: only the web sources count.
CONFIG = (
    "no_default_ledger = true\n"
    'as_of = "2025-12-01"\n'
    "web = { timeout = 0.5, backoff = 0.01, retry_after_cap = 0.05 }\n"
)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the configuration; the web cache in a folder of its own."""
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path, "desk/.factcheck.toml", CONFIG)
    return tmp_path / "desk"


def draft(site: Site) -> str:
    return (
        "# Ardent Foundry comes to Porto\n\n"
        "Ardent Foundry will invest $9 billion in its plant near Porto, as "
        f"[the Gazette reported]({site.url('/en/ardent.html')}).\n\n"
        "Ardent Foundry expects the plant to employ 3,800 people, according to "
        f"[its hiring plans]({site.url('/en/hiring.html')}).\n\n"
        f'German coverage (<a href="{site.url("/de/werk.html")}">Werk-Bericht</a>) calls it '
        "the company's largest project in Europe.\n"
    )


def report(done: Any) -> dict[str, Any]:
    assert done.returncode in (0, 1), done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def finding(data: dict[str, Any], text: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        f for d in data["drafts"] for f in d["findings"] if f["claim"]["text"] == text
    )
    return found


def test_a_figure_is_checked_against_its_own_paragraphs_source(site: Site, desk: Path) -> None:
    write(desk, "draft.md", draft(site))
    done = run("check", "draft.md", "--follow-links", "--allow-private", "--format", "json",
               cwd=desk)  # fmt: skip
    data = report(done)
    assert done.returncode == 1
    sources = {s["id"]: s for s in data["sources"]}
    assert [s["location"] for s in data["sources"]] == [
        site.url("/en/ardent.html"), site.url("/en/hiring.html"), site.url("/de/werk.html"),
    ]  # fmt: skip
    assert all(s["error"] is None for s in data["sources"])

    jobs = finding(data, "3,800")  # the German article agrees; the cited one does not
    assert jobs["verdict"] == "discrepancy"
    assert jobs["suggestion"] == "4,100"
    cited = [e for e in jobs["evidence"] if e["via"] == "cited"]
    assert cited
    assert {sources[e["source"]]["location"] for e in cited} == {site.url("/en/hiring.html")}
    assert site.url("/en/hiring.html") in jobs["message"]

    money = finding(data, "$9 billion")
    assert money["verdict"] == "consistent"
    assert money["evidence"][0]["via"] == "cited"

    text = run("check", "draft.md", "--follow-links", "--allow-private", cwd=desk).stdout
    assert f"evidence: {site.url('/en/hiring.html')} (cited)" in text


def test_without_citations_every_source_counts_alike(site: Site, desk: Path) -> None:
    plain = draft(site).replace("](", "] (")  # the same words, no longer links
    write(desk, "draft.md", plain.replace("<a href=", "<span title="))
    urls = [site.url(p) for p in ("/en/ardent.html", "/en/hiring.html", "/de/werk.html")]
    args = [a for url in urls for a in ("--source", url)]
    data = report(run("check", "draft.md", *args, "--allow-private", "--format", "json", cwd=desk))
    jobs = finding(data, "3,800")
    assert jobs["verdict"] != "discrepancy"  # the newest source (the German one) agrees
    assert {e["via"] for e in jobs["evidence"]} == {"source"}


def test_failed_sources_are_listed_and_the_run_goes_on(site: Site, desk: Path) -> None:
    write(desk, "draft.md", "Ardent Foundry will invest $9 billion in Porto.\n")
    bad = [site.url("/image.png"), site.url("/slow"), site.url("/nothing-here"),
           site.url("/loop/a")]  # fmt: skip
    args = [a for url in [site.url("/en/ardent.html"), *bad] for a in ("--source", url)]
    done = run("check", "draft.md", *args, "--allow-private", "--format", "json", cwd=desk)
    data = report(done)
    assert done.returncode == 0
    errors = {s["location"]: s["error"] for s in data["sources"]}
    assert errors[site.url("/en/ardent.html")] is None
    assert "unsupported content type image/png" in errors[site.url("/image.png")]
    assert "timed out" in errors[site.url("/slow")]
    assert "HTTP 404" in errors[site.url("/nothing-here")]
    assert "redirect loop" in errors[site.url("/loop/a")]
    assert finding(data, "$9 billion")["verdict"] == "consistent"
    assert done.stderr.count("factcheck: source ") == 4


def test_strict_sources_makes_a_failed_source_an_input_error(site: Site, desk: Path) -> None:
    write(desk, "draft.md", "Ardent Foundry will invest $9 billion in Porto.\n")
    url = site.url("/image.png")
    done = run("check", "draft.md", "--source", url, "--allow-private", "--strict-sources",
               cwd=desk)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"factcheck: error: {url}: unsupported content type image/png"
    ]


def test_private_addresses_are_refused_unless_allowed(site: Site, desk: Path) -> None:
    write(desk, "draft.md", draft(site))
    before = site.state.hits["/en/hiring.html"]
    done = run("check", "draft.md", "--follow-links", "--format", "json", cwd=desk)
    data = report(done)
    assert all("private or reserved" in s["error"] for s in data["sources"])
    assert site.state.hits["/en/hiring.html"] == before
    strict = run("check", "draft.md", "--follow-links", "--strict-sources", cwd=desk)
    assert strict.returncode == 2
    assert "--allow-private" in strict.stderr


def test_offline_uses_the_cache_and_refresh_ignores_it(site: Site, desk: Path) -> None:
    write(desk, "draft.md", draft(site))
    args = ("check", "draft.md", "--follow-links", "--allow-private", "--format", "json")
    online = report(run(*args, cwd=desk))
    revalidated = len(site.state.conditional)
    hits = sum(site.state.hits.values())

    offline = report(run(*args, "--offline", cwd=desk))
    assert sum(site.state.hits.values()) == hits  # not one request
    assert offline["drafts"] == online["drafts"]

    report(run(*args, cwd=desk))  # online again: the cached article is revalidated
    assert site.state.conditional[revalidated][1] == '"ardent-v1"'

    report(run(*args, "--refresh", cwd=desk))
    assert site.state.conditional[-1][1] is None


def test_offline_without_a_cache_skips_and_says_so(site: Site, desk: Path) -> None:
    write(desk, "draft.md", draft(site))
    done = run("check", "draft.md", "--follow-links", "--offline", "--format", "json", cwd=desk)
    data = report(done)
    assert {s["error"] for s in data["sources"]} == {"not in the cache (--offline)"}
    assert f"factcheck: source {site.url('/en/ardent.html')}: not in the cache" in done.stderr


def test_config_shows_the_web_settings(desk: Path) -> None:
    shown = run("config", cwd=desk).stdout.splitlines()
    assert any(line.startswith("web = { timeout = 0.5, retries = 2,") for line in shown)
    assert "follow_links = false  # default" in shown
