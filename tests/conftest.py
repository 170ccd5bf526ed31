"""Makes ``tests/`` importable, so every test folder shares ``testdata.py`` (seed, samples, expected.tsv)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
