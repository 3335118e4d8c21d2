"""Issue 17 for the CI gate, through the real command line: it fails closed (defect 6),
globs do not follow links to folders (defect 9), ``--follow-links`` is capped (defect 11).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.ci.drafts import expand_drafts
from factcheck.errors import InputError
from factcheck.walk import glob_paths
from tests.cli_helpers import SOURCE, run, write

DRAFT = (
    "---\ndate: 2025-11-20\n---\n\n"
    "Ardent Foundry will invest $9 billion in a chip plant near Porto. "
    "The plant is to employ 1,400 people.\n"
)


def one_line_error(done: subprocess.CompletedProcess[str], *starts: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("factcheck: error: "), done.stderr
    assert any(part in done.stderr for part in starts), done.stderr


# -- defect 6: no drafts is no pass -------------------------------------------------------


@pytest.mark.parametrize(
    "files",
    [{}, {"story.mdx": DRAFT}, {"notes.docx": "x", "img/plant.png": "x"}],
    ids=["empty-folder", "only-mdx", "no-documents"],
)
def test_issue17_d6_a_folder_without_drafts_is_exit_2(
    tmp_path: Path, files: dict[str, str]
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name, text in files.items():
        write(drafts, name, text)
    done = run("check", drafts, "--no-default-ledger")
    one_line_error(done, "no draft to check")
    assert done.stdout == ""  # no "0 figures in 0 drafts" report


def test_issue17_d6_drafts_all_ignored_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path, "news/plant.md", DRAFT)
    write(tmp_path, ".factcheckignore", "news/\n")
    (tmp_path / ".git").mkdir()  # the ignore file's repository
    done = run("check", "news", "--no-default-ledger", cwd=tmp_path)
    one_line_error(done, ".factcheckignore ignores every one")


def test_issue17_d6_a_draft_is_still_checked(tmp_path: Path) -> None:
    """The same command with one draft: a report, not an error."""
    write(tmp_path, "drafts/plant.md", DRAFT)
    write(tmp_path, "drafts/notes.mdx", DRAFT)
    source = write(tmp_path, "sources/a.md", SOURCE)
    done = run("check", tmp_path / "drafts", "--source", source, "--no-default-ledger")
    assert done.returncode == 1, done.stderr
    assert "2 figures in 1 draft" in done.stdout


# -- defect 9: globs and folders never enter a link to a folder -----------------------------


def _looping_tree(root: Path) -> Path:
    folder = root / "d"
    write(folder, "plant.md", DRAFT)
    write(folder, "sub/more.md", DRAFT)
    (folder / "a").symlink_to(".", target_is_directory=True)  # d/a -> d
    (folder / "b").symlink_to(".", target_is_directory=True)  # d/b -> d
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    return folder


def test_issue17_d9_a_glob_over_looping_links_ends(tmp_path: Path) -> None:
    """``glob.glob('d/**/*.md', recursive=True)`` walked d/a/b/a/b/… for ever (run in a
    child process, so that a regression fails the test instead of hanging it)."""
    _looping_tree(tmp_path)
    source = write(tmp_path, "sources/a.md", SOURCE)
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", "d/**/*.md", "--source", str(source),
         "--no-default-ledger"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "4 figures in 2 drafts" in done.stdout


def test_issue17_d9_globs_and_folders_list_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _looping_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in glob_paths("d/**/*.md")] == ["d/plant.md", "d/sub/more.md"]
    assert [str(p) for p in expand_drafts(["d"])] == ["d/plant.md", "d/sub/more.md"]
    # One '*' enters a link one level down, as glob does: bounded, and read once.
    found = expand_drafts(["d/*/*.md"])
    assert sorted(p.resolve() for p in found) == [
        (tmp_path / "d" / "plant.md").resolve(), (tmp_path / "d" / "sub" / "more.md").resolve()
    ]  # fmt: skip


def test_issue17_d9_globs_keep_glob_s_rules_for_hidden_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "d/.draft.md", DRAFT)
    write(tmp_path, "d/.old/a.md", DRAFT)
    write(tmp_path, "d/b.md", DRAFT)
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in glob_paths("d/**/*.md")] == ["d/b.md"]
    assert [str(p) for p in glob_paths("d/.*.md")] == ["d/.draft.md"]
    assert [str(p) for p in glob_paths(str(tmp_path / "d" / "*.md"))] == [
        str(tmp_path / "d" / "b.md")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder without read permission")
def test_issue17_d6_an_unreadable_draft_folder_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path, "drafts/plant.md", DRAFT)
    locked = tmp_path / "drafts" / "locked"
    write(locked, "secret.md", DRAFT)
    locked.chmod(0)
    try:
        with pytest.raises(InputError, match="cannot read the folder: permission denied"):
            expand_drafts([str(tmp_path / "drafts")])
    finally:
        locked.chmod(0o755)


# -- defect 6: a source that cannot be read is listed; a draft is no source -----------------


def _deep_folder(root: Path, depth: int = 260) -> None:
    """A folder nested past PATH_MAX (4,096 bytes): a walk cannot read its bottom, for
    root too (unlike a folder without permission)."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("nested-folder-of-sources", dir_fd=fd)
            inner = os.open("nested-folder-of-sources", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        made = os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(made, SOURCE.encode())
        os.close(made)
    finally:
        os.close(fd)


def test_issue17_d6_a_source_folder_that_cannot_be_read_is_listed(tmp_path: Path) -> None:
    draft = write(tmp_path, "drafts/plant.md", DRAFT)
    write(tmp_path, "sources/a.md", SOURCE)
    _deep_folder(tmp_path / "sources")
    done = run("check", draft, "--source", tmp_path / "sources", "--no-default-ledger")
    assert done.returncode == 1, done.stderr  # the discrepancy; the folder did not pass
    assert "cannot read the folder: File name too long" in done.stderr
    assert done.stderr.startswith(f"factcheck: source {tmp_path / 'sources'}/nested-folder")
    strict = run("check", draft, "--source", tmp_path / "sources", "--no-default-ledger",
                 "--strict-sources")  # fmt: skip
    one_line_error(strict, "cannot read the folder: File name too long")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder without read permission")
def test_issue17_d6_a_source_folder_without_permission_is_listed(tmp_path: Path) -> None:
    draft = write(tmp_path, "drafts/plant.md", DRAFT)
    write(tmp_path, "sources/a.md", SOURCE)
    locked = tmp_path / "sources" / "locked"
    write(locked, "b.md", SOURCE)
    locked.chmod(0)
    try:
        done = run("check", draft, "--source", tmp_path / "sources", "--no-default-ledger",
                   "--strict-sources")  # fmt: skip
    finally:
        locked.chmod(0o755)
    one_line_error(done, "locked: cannot read the folder: permission denied")


PLANTED = (
    "---\ndate: 2025-11-20\n---\n\n"
    "Ardent Foundry will invest $7 billion in a chip plant near Porto. "
    "The plant is to employ 1,400 people.\n"
)  # two slips of SOURCE: $9 billion, 4,100 people


@pytest.mark.parametrize("how", ["itself", "its-folder"])
def test_issue17_d6_a_draft_is_never_its_own_source(tmp_path: Path, how: str) -> None:
    draft = write(tmp_path, "news/plant.md", PLANTED)
    source = write(tmp_path, "sources/a.md", SOURCE)
    named = draft if how == "itself" else tmp_path / "news"
    done = run("check", draft, "--source", named, "--source", source, "--no-default-ledger",
               "--format", "json")  # fmt: skip
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    verdicts = [f["verdict"] for f in report["drafts"][0]["findings"]]
    assert verdicts == ["discrepancy", "discrepancy"]  # not confirmed by itself
    assert f"factcheck: {draft}: a draft of this run, so not a source" in done.stderr


def test_issue17_d6_drafts_are_not_each_others_sources(tmp_path: Path) -> None:
    write(tmp_path, "news/plant.md", PLANTED)
    write(tmp_path, "news/copy.md", PLANTED)
    done = run("check", tmp_path / "news", "--source", tmp_path / "news", "--no-default-ledger",
               "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    findings = [f for d in json.loads(done.stdout)["drafts"] for f in d["findings"]]
    assert {f["verdict"] for f in findings} == {"unverified"}


# -- defect 11: --follow-links is capped ------------------------------------------------


def test_issue17_d11_links_followed_are_capped_per_draft_and_host(tmp_path: Path) -> None:
    from tests.web_server import serve

    with serve() as site:
        port = site.base.rsplit(":", 1)[1]
        hosts = [f"127.0.0.1:{port}", f"localhost:{port}"]
        links = "".join(f"[{n}](http://{host}/bench/{n}) " for n in range(300) for host in hosts)
        draft = write(tmp_path, "draft.md", DRAFT + "\n" + links + "\n")
        config = write(tmp_path, "cfg.toml", "[web]\nmax_links = 30\nmax_links_per_host = 20\n")
        done = run("check", draft, "--follow-links", "--allow-private", "--config", config,
                   "--no-default-ledger", "--format", "json")  # fmt: skip
        hits = sum(n for path, n in site.state.hits.items() if path.startswith("/bench/"))
    assert done.returncode in (0, 1), done.stderr
    assert hits == 30  # 20 to the first host, 10 to the second: not 600
    assert f"{draft}: 570 web links not followed: at most 30 a draft and 20 to one host" in (
        done.stderr
    )


def test_issue17_d11_refused_links_are_summarised(tmp_path: Path) -> None:
    """200,000 refused links were 200,000 lines of stderr and 1.2 GB."""
    links = "".join(f"[{n}](http://10.{n // 65536}.{n // 256 % 256}.{n % 256}/) "
                    for n in range(20_000))  # fmt: skip
    draft = write(tmp_path, "draft.md", DRAFT + "\n" + links + "\n")
    done = run("check", draft, "--follow-links", "--no-default-ledger")
    assert done.returncode in (0, 1), done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) <= 15, lines
    assert "factcheck: source (90 more failed; every one is in the report)" in lines
    assert f"factcheck: {draft}: 19,900 web links not followed" in done.stderr
