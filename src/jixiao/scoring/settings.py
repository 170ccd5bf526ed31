"""The ``scoring`` section of a profile as typed settings: every knob of the scoring engine.

Defaults are the national rules (财预〔2020〕10号): 预算执行率 10 points on 全年预算数, indicators 90,
ratio formula for reverse indicators, tiers 80/60/0, 2 decimals half-up, 优 ≥ 90 / 良 ≥ 80 / 中 ≥ 60.
A profile overrides any of them (see ``profiles/hubei.yaml``, ``profiles/sichuan.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model_selfeval import Judgement
from ..profile import Profile, load_profile
from ..values import normalize

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}
DENOMINATORS = {"full_year": "全年预算数", "adjusted": "调整后预算数", "initial": "年初预算数"}

_DEFAULT_WORDS: dict[str, tuple[str, ...]] = {
    "达成": (
        "达成",
        "已达成",
        "完成",
        "已完成",
        "全部完成",
        "达到",
        "已达到",
        "达标",
        "及时",
        "按时",
        "合格",
        "是",
        "满意",
        "良好",
        "有效",
        "明显",
        "显著",
        "提升",
        "提高",
        "改善",
        "正常",
        "实现",
        "已实现",
        "符合",
    ),
    "部分达成": (
        "部分达成",
        "部分完成",
        "基本完成",
        "基本达成",
        "基本达到",
        "基本实现",
        "基本满意",
        "较好",
        "一般",
        "部分实现",
        "未全部完成",
        "未全部实现",
    ),
    "未达成": (
        "未达成",
        "未完成",
        "未达到",
        "未实现",
        "否",
        "不及时",
        "不合格",
        "未按时",
        "滞后",
        "延期",
        "逾期",
        "较差",
        "差",
    ),
    "不适用": ("不适用", "n/a", "na", "不涉及"),
}


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
    profile: str = "national"
    execution_weight: Decimal = Decimal(10)
    denominator: str = "full_year"
    indicator_weight: Decimal = Decimal(90)
    reverse_formula: str = "ratio"  # ratio: target/actual | linear: 1 − (actual − target)/target
    tiers: tuple[Tier, ...] = ()
    direct_missed: Decimal = Decimal(0)  # 直接赋分: share of the weight when missed
    direct_uses_tiers: bool = False
    satisfaction: str = "proportional"  # 满意度赋分: proportional | direct
    not_applicable: str = "rescale"  # rescale | drop
    places: int = 2
    rounding: str = ROUND_HALF_UP
    grades: tuple[Grade, ...] = ()
    tolerance: Decimal = Decimal("0.01")
    words: dict[Judgement, tuple[str, ...]] = field(default_factory=dict)  # normalized, lower case

    def tier(self, judgement: Judgement) -> Tier | None:
        return next((tier for tier in self.tiers if tier.judgement is judgement), None)

    def grade_of(self, total: Decimal) -> str:
        for grade in sorted(self.grades, key=lambda g: -g.minimum):
            if total >= grade.minimum:
                return grade.name
        return self.grades[-1].name if self.grades else ""

    def canonical_grade(self, written: str) -> str | None:
        text = written.strip()
        for grade in self.grades:
            if text == grade.name or text in grade.aliases:
                return grade.name
        return None


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def settings_from(section: dict[str, Any], name: str) -> ScoringSettings:
    """Typed settings from a validated ``scoring`` section (missing keys take the national default)."""
    execution = section.get("execution", {})
    qualitative = section.get("qualitative", {})
    tiers = qualitative.get("tiers") or [
        {"judgement": "达成", "low": 0.8, "high": 1, "default": 1},
        {"judgement": "部分达成", "low": 0.6, "high": 0.8, "default": 0.6},
        {"judgement": "未达成", "low": 0, "high": 0.6, "default": 0},
    ]
    grades = section.get("grades") or [
        {"grade": "优", "min": 90, "aliases": ["优秀"]},
        {"grade": "良", "min": 80, "aliases": ["良好"]},
        {"grade": "中", "min": 60, "aliases": ["中等", "合格"]},
        {"grade": "差", "min": 0, "aliases": ["不合格"]},
    ]
    rounding = section.get("rounding", {})
    direct = section.get("direct", {})
    words = {Judgement(key): tuple(values) for key, values in _DEFAULT_WORDS.items()}
    for key, values in (qualitative.get("words") or {}).items():
        words[Judgement(key)] = tuple(values)
    words = {key: tuple(normalize(word).lower() for word in values) for key, values in words.items()}
    return ScoringSettings(
        profile=name,
        execution_weight=_decimal(execution.get("weight", 10)),
        denominator=str(execution.get("denominator", "full_year")),
        indicator_weight=_decimal(section.get("indicator_weight", 90)),
        reverse_formula=str(section.get("reverse_formula", "ratio")),
        tiers=tuple(
            Tier(Judgement(t["judgement"]), _decimal(t["low"]), _decimal(t["high"]), _decimal(t["default"]))
            for t in tiers
        ),
        direct_missed=_decimal(direct.get("missed_share", 0)),
        direct_uses_tiers=bool(direct.get("use_tiers", False)),
        satisfaction=str(section.get("satisfaction", "proportional")),
        not_applicable=str(section.get("not_applicable", "rescale")),
        places=int(rounding.get("places", 2)),
        rounding=ROUNDING_MODES[str(rounding.get("mode", "half_up"))],
        grades=tuple(Grade(g["grade"], _decimal(g["min"]), tuple(g.get("aliases", ()))) for g in grades),
        tolerance=_decimal(section.get("audit", {}).get("tolerance", "0.01")),
        words=words,
    )


_SETTINGS: dict[int, tuple[Profile, ScoringSettings]] = {}


def scoring_settings(profile: Profile) -> ScoringSettings:
    """The profile's scoring settings, built once per loaded profile."""
    cached = _SETTINGS.get(id(profile))
    if cached is None or cached[0] is not profile:
        cached = (profile, settings_from(profile.section("scoring"), profile.name))
        _SETTINGS[id(profile)] = cached
    return cached[1]


@lru_cache(maxsize=32)
def builtin_profile(name: str) -> Profile:
    """A built-in or file profile, loaded once per process."""
    return load_profile(name)


def resolve(profile: Profile | str | Path | None) -> Profile:
    """A loaded profile from a profile, a built-in name or a YAML path (national when None)."""
    if isinstance(profile, Profile):
        return profile
    return builtin_profile(str(profile) if profile is not None else "national")
