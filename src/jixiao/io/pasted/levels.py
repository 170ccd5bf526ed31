"""Whether a pasted cell is an 一级 or 二级 指标 term, brackets and points aside: 产出指标(60分), 数量指标 (必填)."""

from __future__ import annotations

import re
from functools import lru_cache

from ... import taxonomy
from ...recognize.labels import column_role

_BRACKETS = re.compile(r"[(（][^()（）]*[)）]?")
_CLOSING = re.compile(r"\d*分?[)）]$")
_SPACE = re.compile(r"\s+")
#: Words that end in 指标 and are labels of the header or of a block, not 一级/二级 terms.
_NOT_LEVELS = ("绩效指标", "年度绩效指标", "本年度绩效指标", "项目绩效指标", "指标")

LEVEL1 = 1  # only an 一级 term: 产出指标, 效益指标
LEVEL2 = 2  # an 二级 term (满意度指标 is both): 数量指标, 社会效益指标
OTHER = 3  # a word that reads as a level of some template's own: 项目完成指标, 实施效果指标


@lru_cache(maxsize=4096)
def level_of(text: str) -> int:
    """:data:`LEVEL1`, :data:`LEVEL2`, :data:`OTHER` or 0 (not a level term)."""
    word = _CLOSING.sub("", _BRACKETS.sub("", _SPACE.sub("", text))).lstrip("★*")
    if not word or len(word) > 12:
        return 0
    if taxonomy.is_level2(word):
        return LEVEL2
    if taxonomy.is_level1(word):
        return LEVEL1
    own = word.endswith("指标") and word not in _NOT_LEVELS and column_role(word) is None
    if own and not any(ch.isdigit() for ch in word) and len(word) <= 10:
        return OTHER
    return 0
