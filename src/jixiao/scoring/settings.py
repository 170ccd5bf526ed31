"""The ``scoring`` and ``weights`` sections of a profile as typed settings: every knob of the scoring engine.

The values come from the profile (``national.yaml`` holds the national rules of 财预〔2020〕10号: 预算执行率 10
points on 全年预算数, indicators 90, ratio formula for reverse indicators, tiers 80/60/0, 2 decimals half-up,
优 ≥ 90 / 良 ≥ 80 / 中 ≥ 60); a profile overrides any of them (see ``profiles/hubei.yaml``, ``profiles/sichuan.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any

from ..model_selfeval import Judgement
from ..profile import Profile
from ..rules import Subject, reads, settings_builder, settings_for
from ..values import normalize

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}
DENOMINATORS = {"full_year": "全年预算数", "adjusted": "调整后预算数", "initial": "年初预算数"}


@dataclass(frozen=True)
class Tier:
    """A qualitative tier: the share of the weight it allows, [low, high), and the share given by default."""

    judgement: Judgement
    low: Decimal
    high: Decimal
    default: Decimal

    def allows(self, share: Decimal) -> bool:
        """True when ``share`` lies in the tier; the top tier includes its upper bound."""
        return self.low <= share < self.high or (self.high == 1 and share == 1)


@dataclass(frozen=True)
class Grade:
    name: str
    minimum: Decimal
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoringSettings:
    profile: str
    execution_weight: Decimal  # weights.budget_execution
    denominator: str  # full_year | adjusted | initial
    indicator_weight: Decimal  # weights.indicators
    reverse_formula: str  # ratio: target/actual | linear: 1 − (actual − target)/target
    tiers: tuple[Tier, ...]
    direct_missed: Decimal  # 直接赋分: share of the weight when missed
    direct_uses_tiers: bool
    satisfaction: str  # 满意度赋分: proportional | direct
    not_applicable: str  # rescale | drop
    places: int
    rounding: str  # a decimal rounding mode
    grades: tuple[Grade, ...]
    tolerance: Decimal
    words: dict[Judgement, tuple[str, ...]]  # normalized, lower case

    @reads("tiers")
    def tier(self, judgement: Judgement) -> Tier | None:
        return next((tier for tier in self.tiers if tier.judgement is judgement), None)

    @reads("grades")
    def grade_of(self, total: Decimal) -> str:
        for grade in sorted(self.grades, key=lambda g: -g.minimum):
            if total >= grade.minimum:
                return grade.name
        return self.grades[-1].name if self.grades else ""

    @reads("grades")
    def canonical_grade(self, written: str) -> str | None:
        text = written.strip()
        for grade in self.grades:
            if text == grade.name or text in grade.aliases:
                return grade.name
        return None


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def scoring_settings(profile: Profile) -> ScoringSettings:
    """The typed scoring settings of ``profile``, built once per resolved profile."""
    settings: ScoringSettings = settings_for(profile, Subject.SELFEVAL)
    return settings


@settings_builder(Subject.SELFEVAL)
def build_scoring_settings(profile: Profile) -> ScoringSettings:
    section, weights = profile.section("scoring"), profile.section("weights")
    qualitative, rounding, direct = section["qualitative"], section["rounding"], section["direct"]
    words = {
        Judgement(key): tuple(normalize(word).lower() for word in values)
        for key, values in qualitative["words"].items()
    }
    return ScoringSettings(
        profile=profile.name,
        execution_weight=_decimal(weights["budget_execution"]),
        denominator=str(section["execution"]["denominator"]),
        indicator_weight=_decimal(weights["indicators"]),
        reverse_formula=str(section["reverse_formula"]),
        tiers=tuple(
            Tier(Judgement(t["judgement"]), _decimal(t["low"]), _decimal(t["high"]), _decimal(t["default"]))
            for t in qualitative["tiers"]
        ),
        direct_missed=_decimal(direct["missed_share"]),
        direct_uses_tiers=bool(direct["use_tiers"]),
        satisfaction=str(section["satisfaction"]),
        not_applicable=str(section["not_applicable"]),
        places=int(rounding["places"]),
        rounding=ROUNDING_MODES[str(rounding["mode"])],
        grades=tuple(Grade(g["grade"], _decimal(g["min"]), tuple(g.get("aliases", ()))) for g in section["grades"]),
        tolerance=_decimal(section["audit"]["tolerance"]),
        words=words,
    )
