"""Files replaced whole or not at all (:mod:`factcheck.tempfiles`)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from factcheck import tempfiles


def _litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(tempfiles.SUFFIX))


def test_replacing_renames_over_the_target_only_when_the_block_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")

    def half_way() -> None:
        with tempfiles.replacing(target) as out:
            out.write(b"half a rep")
            raise ValueError("half-way")

    with pytest.raises(ValueError, match="half-way"):
        half_way()
    assert target.read_bytes() == b"old"
    assert _litter(tmp_path) == []
    with tempfiles.replacing(target, mode=0o640, durable=True) as out:
        out.write(b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _litter(tmp_path) == []


def test_replacing_names_its_file_by_the_tag_for_the_sweep(tmp_path: Path) -> None:
    with tempfiles.replacing(tmp_path / "3f9a.marshal", tag="entry") as out:
        assert [p.name.startswith(".entry.") for p in tmp_path.iterdir()] == [True]
        out.write(b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["3f9a.marshal"]
