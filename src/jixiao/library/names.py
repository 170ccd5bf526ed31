"""Indicator names as the library groups them: one normal form, a curated synonym list, a project kind.

``name_key`` folds what differs only in writing (full-width forms, numbering "指标1：", bracketed notes "（%）",
满意率 for 满意度); ``group_of`` maps the key through ``synonyms.yaml`` to its group's name, so 群众满意度 and
服务对象满意度 are one entry. ``project_kind`` tells a project's kind (培训, 工程建设 …) from its name by the
words in ``kinds.yaml``. Both lists are data that finance can extend without touching code.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..values import normalize

OTHER_KIND = "其他"

_NUMBERING = re.compile(r"^(?:指标)?\d+[:.、]")
_BRACKETED = re.compile(r"[(\[][^()\[\]]*[)\]]")
_TRAILING = re.compile(r"[。;,.]+$")
_YEAR = re.compile(r"(?:19|20)\d{2}年度?")


def _data(name: str) -> Any:
    return yaml.safe_load((resources.files("jixiao") / "library" / name).read_text(encoding="utf-8"))


def name_key(name: str) -> str:
    """The normal form of an indicator name: 指标1：服务对象满意率（%） → 服务对象满意度."""
    key = _NUMBERING.sub("", normalize(name))
    key = _BRACKETED.sub("", key)
    key = _TRAILING.sub("", key)
    return key.replace("满意率", "满意度")


@cache
def synonyms() -> dict[str, str]:
    """Normal form of every listed name → its group's name (the first of its list)."""
    table: dict[str, str] = {}
    for group in _data("synonyms.yaml")["groups"]:
        head = name_key(str(group[0]))
        for name in group:
            table[name_key(str(name))] = head
    return table


def group_of(name: str) -> str:
    """The group an indicator name belongs to: its synonym group's name, or its own normal form."""
    key = name_key(name)
    return synonyms().get(key, key)


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0–1, on their normal forms (1 for the same group)."""
    if group_of(a) == group_of(b):
        return 1.0
    return SequenceMatcher(None, name_key(a), name_key(b)).ratio()


@cache
def _kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((str(item["kind"]), tuple(str(w) for w in item["words"])) for item in _data("kinds.yaml")["kinds"])


def kinds() -> tuple[str, ...]:
    """Every kind of project the library knows, 其他 last."""
    return (*(kind for kind, _ in _kinds()), OTHER_KIND)


def project_kind(project_name: str | None) -> str:
    """The kind of a project told from its name: 2024年农民工技能培训 → 培训; 其他 when no word fits."""
    name = normalize(project_name or "")
    for kind, words in _kinds():
        if any(word in name for word in words):
            return kind
    return OTHER_KIND


def project_key(project_name: str | None) -> str:
    """A project's name without its year, to recognise the same project in another year's table."""
    return _YEAR.sub("", _BRACKETED.sub("", normalize(project_name or "")))
