"""The ``review`` and ``weights`` sections of a profile as the typed settings the review rules read.

A profile is plain data (YAML validated by ``schemas/profile.*.schema.json``, every value given by
``national.yaml`` or a profile extending it); the rule framework builds these settings once per resolved profile
and hands each rule the keys it declares.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..profile import Profile
from ..rules import Subject, reads, settings_builder


@dataclass(frozen=True)
class ReviewSettings:
    """What the review rules need to know about a jurisdiction and year."""

    default_year: int | None
    cost_level1_from: int
    required_level1: tuple[str, ...]
    required_header_fields: tuple[str, ...]
    required_indicator_fields: tuple[str, ...]
    indicator_weight_total: Decimal  # weights.indicators
    budget_execution_weight: Decimal  # weights.budget_execution
    goal_min_chars: int
    satisfaction_minimum: Decimal
    basis: tuple[str, ...]
    scoring_rules: tuple[str, ...]
    evidence: tuple[str, ...]
    numeric_name_words: tuple[str, ...]
    capped_rate_words: tuple[str, ...]
    uncapped_rate_words: tuple[str, ...]
    vague_words: tuple[str, ...]
    library_min_targets: int  # library_gap.min_targets
    library_share: Decimal  # library_gap.share
    library_points: Decimal  # library_gap.points
    ignore: tuple[str, ...]

    @reads("cost_level1_from")
    def cost_is_level1(self, year: int | None) -> bool:
        """True when 成本指标 must be a 一级 of its own for a table of ``year``."""
        return year is None or year >= self.cost_level1_from


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(value) for value in values)


@settings_builder(Subject.TARGET)
def review_settings(profile: Profile) -> ReviewSettings:
    """The typed review settings of ``profile``."""
    raw, weights = profile.section("review"), profile.section("weights")
    vocabularies = raw["vocabularies"]
    return ReviewSettings(
        default_year=int(raw["default_year"]) if raw["default_year"] is not None else None,
        cost_level1_from=int(raw["cost_level1_from"]),
        required_level1=_strings(raw["required_level1"]),
        required_header_fields=_strings(raw["required_header_fields"]),
        required_indicator_fields=_strings(raw["required_indicator_fields"]),
        indicator_weight_total=Decimal(str(weights["indicators"])),
        budget_execution_weight=Decimal(str(weights["budget_execution"])),
        goal_min_chars=int(raw["goal_min_chars"]),
        satisfaction_minimum=Decimal(str(raw["satisfaction_minimum"])),
        basis=_strings(vocabularies["basis"]),
        scoring_rules=_strings(vocabularies["scoring_rule"]),
        evidence=_strings(vocabularies["evidence"]),
        numeric_name_words=_strings(raw["numeric_name_words"]),
        capped_rate_words=_strings(raw["capped_rate_words"]),
        uncapped_rate_words=_strings(raw["uncapped_rate_words"]),
        vague_words=_strings(raw["vague_words"]),
        library_min_targets=int(raw["library_gap"]["min_targets"]),
        library_share=Decimal(str(raw["library_gap"]["share"])),
        library_points=Decimal(str(raw["library_gap"]["points"])),
        ignore=_strings(raw["ignore"]),
    )
