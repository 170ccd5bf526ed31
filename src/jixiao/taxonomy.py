"""The indicator taxonomy (一级 → 二级) and the vocabularies of the target table's columns.

Two frameworks are in use (see docs): before 2022 成本指标 is a 二级 under 产出指标; from 财预〔2021〕101号
on it is a 一级 of its own with 经济/社会/生态环境成本指标. Labels are written many ways; each has one
canonical form, and the text as written is always kept by the caller.
"""

from __future__ import annotations

import re
from functools import lru_cache

OUTPUT = "产出指标"
COST = "成本指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"
SATISFACTION_L2 = "服务对象满意度指标"

LEVEL1 = (COST, OUTPUT, BENEFIT, SATISFACTION)

#: 二级 allowed under each 一级 in the new framework (财预〔2021〕101号).
NEW_FRAMEWORK: dict[str, tuple[str, ...]] = {
    COST: ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    OUTPUT: ("数量指标", "质量指标", "时效指标"),
    BENEFIT: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    SATISFACTION: (SATISFACTION_L2,),
}

#: 二级 allowed under each 一级 in the old framework (2015–2021 templates).
OLD_FRAMEWORK: dict[str, tuple[str, ...]] = {
    OUTPUT: ("数量指标", "质量指标", "时效指标", "成本指标"),
    BENEFIT: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    SATISFACTION: (SATISFACTION_L2,),
}

_LEVEL1_ALIASES = {
    "产出": OUTPUT,
    "成本": COST,
    "效益": BENEFIT,
    "效果指标": BENEFIT,
    "满意度": SATISFACTION,
}

_LEVEL2_ALIASES = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "进度指标": "时效指标",
    "成本": "成本指标",
    "经济成本": "经济成本指标",
    "社会成本": "社会成本指标",
    "生态环境成本": "生态环境成本指标",
    "经济效益": "经济效益指标",
    "社会效益": "社会效益指标",
    "生态效益": "生态效益指标",
    "环境效益": "生态效益指标",
    "环境效益指标": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "满意度": SATISFACTION_L2,
    "满意度指标": SATISFACTION_L2,
    "服务对象满意度": SATISFACTION_L2,
    "社会公众或服务对象满意度指标": SATISFACTION_L2,
    "社会公众或服务对象满意度": SATISFACTION_L2,
    "社会公众满意度指标": SATISFACTION_L2,
}

ALL_LEVEL2 = frozenset(
    {name for names in NEW_FRAMEWORK.values() for name in names}
    | {name for names in OLD_FRAMEWORK.values() for name in names}
)

#: 指标值设置依据 (basis for the target value).
BASIS = ("计划标准", "行业标准", "历史标准", "其他标准", "预算支出标准")
#: 指标赋分规则 (scoring rule).
SCORING_RULES = ("按照完成比例赋分", "直接赋分", "满意度赋分")
#: 佐证资料 (evidence type).
EVIDENCE = ("正式资料", "原始资料", "工作资料", "说明材料", "其他资料")

_SPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACE.sub("", text).strip("：:")


@lru_cache(maxsize=16384)
def canonical_level1(text: str | None) -> str | None:
    """The canonical 一级 for ``text``, or None when it is not a 一级 label."""
    if not text:
        return None
    label = _clean(text)
    if label in LEVEL1:
        return label
    return _LEVEL1_ALIASES.get(label)


@lru_cache(maxsize=16384)
def canonical_level2(text: str | None) -> str | None:
    """The canonical 二级 for ``text``, or None when it is not a 二级 label."""
    if not text:
        return None
    label = _clean(text)
    if label in ALL_LEVEL2:
        return label
    return _LEVEL2_ALIASES.get(label)


def is_level1(text: str | None) -> bool:
    return canonical_level1(text) is not None


def is_level2(text: str | None) -> bool:
    return canonical_level2(text) is not None


def allowed_level2(level1: str, *, new_framework: bool | None = None) -> tuple[str, ...]:
    """二级 allowed under ``level1``: in one framework, or (None) in either."""
    frameworks = {True: [NEW_FRAMEWORK], False: [OLD_FRAMEWORK], None: [NEW_FRAMEWORK, OLD_FRAMEWORK]}
    allowed: list[str] = []
    for framework in frameworks[new_framework]:
        allowed.extend(name for name in framework.get(level1, ()) if name not in allowed)
    return tuple(allowed)


@lru_cache(maxsize=16384)
def _in_vocabulary(text: str | None, vocabulary: tuple[str, ...]) -> str | None:
    if not text:
        return None
    label = _clean(text)
    return label if label in vocabulary else None


def canonical_basis(text: str | None) -> str | None:
    return _in_vocabulary(text, BASIS)


def canonical_scoring_rule(text: str | None) -> str | None:
    return _in_vocabulary(text, SCORING_RULES)


def canonical_evidence(text: str | None) -> str | None:
    return _in_vocabulary(text, EVIDENCE)


def is_basis(text: str | None) -> bool:
    return canonical_basis(text) is not None


def is_scoring_rule(text: str | None) -> bool:
    return canonical_scoring_rule(text) is not None


def is_evidence(text: str | None) -> bool:
    return canonical_evidence(text) is not None
