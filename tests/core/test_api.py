"""The public surface of the core, pinned; the core never imports Django."""

from __future__ import annotations

import subprocess
import sys

import jixiao

PUBLIC = {
    "Cell", "Funding", "Grid", "Indicator", "InputError", "JixiaoError", "Kind", "LayoutError", "Operator",
    "Quantity", "Target", "TargetTable", "UnitMismatchError", "ValueSyntaxError", "parse_target", "read",
    "recognize", "review", "score", "monitor", "read_selfevals", "read_monitoring", "load_profile", "Report",
    "Finding", "Severity", "SelfEvaluation", "MonitoringReport", "ScoreSheet",
}  # fmt: skip


def test_public_names_are_pinned() -> None:
    assert set(jixiao.__all__) == PUBLIC | {"Location", "MonitorSheet", "Profile", "ProfileError"}
    for name in jixiao.__all__:
        assert hasattr(jixiao, name), name


def test_core_does_not_import_django() -> None:
    code = (
        "import sys, jixiao, jixiao.cli.app, jixiao.recognize, jixiao.rules.catalog\n"
        "jixiao.read('examples/seed_2024.txt')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
