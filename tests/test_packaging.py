"""The project as a user gets it: a wheel built, installed in a fresh virtualenv, and run.

And the name it goes by: the distribution is ``factcheck-news`` (``factcheck`` on the
package index is an unrelated project), so no snippet a user may copy says
``pip install factcheck``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from factcheck._version import __version__
from tests.project_tree import PROJECT, copy_project

DISTRIBUTION = "factcheck-news"

#: ``pip install`` (options allowed) of the bare old name, with or without extras or
#: quotes: "pip install factcheck", "pip install -q 'factcheck[dask]'".
_OLD_NAME = re.compile(
    r"""
    pip3? \s+ install                 # the command
    (?: \s+ -{1,2}[\w-]+ )*           # options before the name: -q, --upgrade
    \s+ ["']? factcheck               # the old name …
    (?! [\w.-] )                      # … alone: not factcheck-news, factcheck.whl
    """,
    re.VERBOSE,
)

#: What a user copies from: the README, the examples, the docs, the hook definition and
#: the messages of the package itself.
_COPIED_FROM = ["README.md", ".pre-commit-hooks.yaml", "examples/**/*", "docs/**/*.md",
                "factcheck/**/*.py"]  # fmt: skip


def _texts() -> list[Path]:
    found = {path for pattern in _COPIED_FROM for path in PROJECT.glob(pattern)}
    return sorted(path for path in found if path.is_file() and not path.is_symlink())


def test_the_pattern_finds_the_old_name_and_only_it() -> None:
    said = ["pip install factcheck", "pip install -q 'factcheck[dask]'", "pip3 install factcheck"]
    fine = ["pip install factcheck-news", "pip install 'factcheck-news[dask]'", "pip install -e ."]
    assert all(_OLD_NAME.search(text) for text in said)
    assert not any(_OLD_NAME.search(text) for text in fine)


def test_no_snippet_installs_the_unrelated_project() -> None:
    texts = _texts()
    assert PROJECT / "README.md" in texts
    assert PROJECT / "examples/ci/github-workflow.yml" in texts
    found = [
        f"{path.relative_to(PROJECT)}:{number}: {line.strip()}"
        for path in texts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _OLD_NAME.search(line)
    ]
    assert found == []


def test_the_readme_names_the_distribution() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"pip install {DISTRIBUTION}" in readme
    metadata = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'name = "{DISTRIBUTION}"' in metadata


@pytest.mark.slow
@pytest.mark.packaging
def test_the_built_wheel_installs_and_runs_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    source = copy_project(tmp_path / "src")
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)],
        capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = dist.glob("*.whl")
    assert wheel.name.startswith(f"factcheck_news-{__version__}-")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    installed = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        # From an empty folder: only the installed package can be imported, not the tree.
        return subprocess.run(
            [str(bin_dir / "factcheck"), *args], input=stdin, cwd=tmp_path,
            capture_output=True, text=True, check=False, timeout=300,
        )  # fmt: skip

    version = run("--version")
    assert (version.returncode, version.stdout) == (0, f"factcheck {__version__}\n")
    # The package data came along: the language files and the shipped ledger.
    figures = run("extract", "-", "--format", "text", stdin="Die Kosten stiegen um 14 Prozent.")
    assert figures.returncode == 0, figures.stderr
    assert "14 Prozent" in figures.stdout
    ledger = run("ledger", "validate")
    assert ledger.returncode == 0, ledger.stdout + ledger.stderr
    assert ledger.stdout.startswith("ok: ")
    name = subprocess.run(
        [str(bin_dir / "python"), "-c",
         f"import importlib.metadata as m; print(m.version({DISTRIBUTION!r}))"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert name.stdout.strip() == __version__
