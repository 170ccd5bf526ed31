"""A short fuzzing run of every reader in the suite: a fixed seed, so a failure here is reproducible at once.

``bench/fuzz.py --minutes N`` runs the same campaigns for longer; what it finds is kept under tests/data/hostile.
"""

from __future__ import annotations

import pytest
from harness import FORMATS, Outcome, campaign

#: Inputs per format in the suite: enough to pass the container checks into each library, few enough for CI.
COUNT = 120


@pytest.mark.parametrize("name", FORMATS)
def test_mutated_files_read_cleanly(name: str) -> None:
    counted, bad, _peak = campaign(name, count=COUNT, seed=2026)
    assert counted[Outcome.CLEAN] == COUNT, [(result.outcome, result.detail) for _path, result in bad]
