"""Issue 17, acceptance 2: hypothesis over every input surface (text, Markdown, HTML,
bytes, a check rendered in every format, ledger TOML, configuration, archive lines, JSON
sources, URLs): a result, or the input's one-line error, never anything else.

A few hundred inputs a surface here; ``scripts/fuzz.py`` runs the same surfaces for as
long as asked (see README, "Fuzzing").
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz_surfaces import SURFACES, Surface

#: Inputs per surface in CI: enough to meet every kind of piece many times.
EXAMPLES = 150


def _run(surface: Surface) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(surface.strategy)
    def holds(sample: Any) -> None:
        surface.check(sample)

    holds()


@pytest.mark.parametrize("surface", SURFACES, ids=[s.name for s in SURFACES])
def test_issue17_fuzz_every_input_surface(surface: Surface) -> None:
    _run(surface)
