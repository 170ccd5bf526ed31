"""Choosing the profile a published table was scored under, from what it says about itself.

Each built-in profile's ``scoring.detect`` lists the form codes (报表编号 510000_0013zp) and place names
(黄冈, 青神) that mark its tables. A form code wins over a place; a table that matches nothing is
scored under the national rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import TargetTable
from ..profile import DEFAULT_PROFILE, builtin_names, load_profile


def _texts(table: TargetTable, form_code: str | None) -> str:
    parts = [table.title, table.project_name, table.budget_unit, table.department, table.implementer, form_code]
    parts.extend(f"{label}{value}" for label, value in table.extra)
    return " ".join(part for part in parts if part)


def detect_profile(table: TargetTable, form_code: str | None = None) -> str:
    """The name of the built-in profile whose form code or place the table names; national otherwise."""
    text = _texts(table, form_code)
    by_place: str | None = None
    for name in builtin_names():
        detect = load_profile(name).section("scoring").get("detect", {})
        if form_code and form_code in detect.get("form_codes", ()):
            return name
        if by_place is None and any(place in text for place in detect.get("places", ())):
            by_place = name
    return by_place or DEFAULT_PROFILE


def detect_profiles(tables: Sequence[tuple[TargetTable, str | None]]) -> list[str]:
    """Profiles for several tables: a table that names no place takes the one its file's other tables name."""
    found = [detect_profile(table, code) for table, code in tables]
    by_file: dict[str | None, Counter[str]] = {}
    for (table, _code), name in zip(tables, found, strict=True):
        if name != DEFAULT_PROFILE:
            by_file.setdefault(table.source_file, Counter())[name] += 1
    return [
        by_file[table.source_file].most_common(1)[0][0]
        if name == DEFAULT_PROFILE and table.source_file in by_file
        else name
        for (table, _code), name in zip(tables, found, strict=True)
    ]
