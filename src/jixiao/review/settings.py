"""The ``review`` section of a profile, read once into typed settings.

A profile is plain data (YAML validated by ``schemas/profile.review.schema.json``); rules read it
through :func:`settings_of`, which caches the typed form per profile object.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .. import taxonomy
from ..profile import Profile


@dataclass(frozen=True)
class ReviewSettings:
    """What the review rules need to know about a jurisdiction and year."""

    default_year: int | None
    cost_level1_from: int
    required_level1: tuple[str, ...]
    required_header_fields: tuple[str, ...]
    required_indicator_fields: tuple[str, ...]
    indicator_weight_total: Decimal
    budget_execution_weight: Decimal
    goal_min_chars: int
    satisfaction_minimum: Decimal
    basis: tuple[str, ...]
    scoring_rules: tuple[str, ...]
    evidence: tuple[str, ...]
    numeric_name_words: tuple[str, ...]
    capped_rate_words: tuple[str, ...]
    uncapped_rate_words: tuple[str, ...]
    vague_words: tuple[str, ...]
    ignore: tuple[str, ...]

    def cost_is_level1(self, year: int | None) -> bool:
        """True when 成本指标 must be a 一级 of its own for a table of ``year``."""
        return year is None or year >= self.cost_level1_from


_DEFAULTS: dict[str, Any] = {
    "default_year": None,
    "cost_level1_from": 2022,
    "required_level1": [taxonomy.OUTPUT, taxonomy.BENEFIT, taxonomy.SATISFACTION],
    "required_header_fields": ["project_name", "budget_unit", "funding.total", "overall_goal"],
    "required_indicator_fields": ["target", "weight", "basis", "scoring_rule"],
    "indicator_weight_total": 90,
    "budget_execution_weight": 10,
    "goal_min_chars": 20,
    "satisfaction_minimum": 80,
    "vocabularies": {
        "basis": list(taxonomy.BASIS),
        "scoring_rule": list(taxonomy.SCORING_RULES),
        "evidence": list(taxonomy.EVIDENCE),
    },
    "numeric_name_words": ["率", "数", "额", "占比", "比例", "数量", "满意度"],
    "capped_rate_words": ["合格率", "达标率", "满意度", "满意率", "覆盖率", "执行率", "完成率", "及时率", "知晓率"],
    "uncapped_rate_words": ["增值率", "增长率", "保值率", "回报率", "收益率", "利用率提高"],
    "vague_words": ["有效", "稳步", "明显", "显著", "持续", "进一步", "逐步", "大幅", "较好", "不断", "全面"],
    "ignore": [],
}

_CACHE: dict[int, tuple[Profile, ReviewSettings]] = {}


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(value) for value in values)


def settings_of(profile: Profile) -> ReviewSettings:
    """The typed review settings of ``profile`` (defaults for what the profile leaves out)."""
    cached = _CACHE.get(id(profile))
    if cached is not None and cached[0] is profile:
        return cached[1]
    raw = {**_DEFAULTS, **profile.section("review")}
    vocabularies = {**_DEFAULTS["vocabularies"], **raw["vocabularies"]}
    settings = ReviewSettings(
        default_year=int(raw["default_year"]) if raw["default_year"] is not None else None,
        cost_level1_from=int(raw["cost_level1_from"]),
        required_level1=_strings(raw["required_level1"]),
        required_header_fields=_strings(raw["required_header_fields"]),
        required_indicator_fields=_strings(raw["required_indicator_fields"]),
        indicator_weight_total=Decimal(str(raw["indicator_weight_total"])),
        budget_execution_weight=Decimal(str(raw["budget_execution_weight"])),
        goal_min_chars=int(raw["goal_min_chars"]),
        satisfaction_minimum=Decimal(str(raw["satisfaction_minimum"])),
        basis=_strings(vocabularies["basis"]),
        scoring_rules=_strings(vocabularies["scoring_rule"]),
        evidence=_strings(vocabularies["evidence"]),
        numeric_name_words=_strings(raw["numeric_name_words"]),
        capped_rate_words=_strings(raw["capped_rate_words"]),
        uncapped_rate_words=_strings(raw["uncapped_rate_words"]),
        vague_words=_strings(raw["vague_words"]),
        ignore=_strings(raw["ignore"]),
    )
    _CACHE[id(profile)] = (profile, settings)
    return settings
