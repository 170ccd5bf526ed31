"""The header block of a table: 项目名称, 预算单位, 项目资金, 年度总体目标 … as label → value pairs.

A label is followed by its value in the next non-empty cell of the same row, or written in one cell
as ``label：value``. The goal may sit on the rows after its label (one paragraph a row).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..grid import Cell, filled
from .labels import FIELD_LABELS, bracket_unit, field_of, is_section, normalize_label

_GOALS = ("overall_goal", "period_goal")
_YEAR = re.compile(r"(20\d{2})\s*年")
_ALL_LABELS = sorted(
    ((label, role) for role, labels in FIELD_LABELS.items() for label in labels if len(label) >= 3),
    key=lambda pair: -len(pair[0]),
)
_LABEL_PREFIXES = sorted(
    ((label, role) for role, labels in FIELD_LABELS.items() for label in labels if role.startswith("funding.")),
    key=lambda pair: -len(pair[0]),
)


@dataclass
class HeaderBlock:
    """What the header rows say; ``cells`` keeps each field's value cell for error locations."""

    values: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    extra: list[tuple[str, str]] = field(default_factory=list)
    funding_unit: str = "万元"
    year: int | None = None

    def set(self, name: str, text: str, cell: Cell) -> None:
        text = text.strip()
        if self.values.get(name):
            if name in _GOALS:
                self.values[name] += "\n" + text
            return
        self.values[name] = text
        self.cells[name] = cell
        self.rows[name] = cell.row


def _split_label_value(text: str) -> list[tuple[str, str]]:
    """``label：value`` pieces in one cell (several when separated by spaces)."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if ":" not in folded:
        return []
    segments = [s for s in re.split(r"\s+(?=[^\s:]+:)", folded) if s]
    pairs = []
    for segment in segments:
        label, _, value = segment.partition(":")
        pairs.append((label, value.strip()))
    return pairs


#: Labels of header fields jixiao keeps as extras, so that a label after an empty value cell is seen as one.
_EXTRA_LABELS = frozenset(
    {"联系人", "联系电话", "电话", "单位负责人", "财务负责人", "填报人", "填表人", "部门编码", "单位编码", "编制单位"}
)
_LABEL_JOINS = ("及", "和", "与", "、")


@lru_cache(maxsize=16384)
def _suffixed_label(text: str) -> str | None:
    """A header label with more after it: 项目负责人及电话 → project_lead."""
    label = normalize_label(text)
    for known, role in _ALL_LABELS:
        if len(label) > len(known) and label.startswith(known) and label[len(known)] in _LABEL_JOINS:
            return role
    return None


@lru_cache(maxsize=16384)
def _looks_like_label(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).strip()
    return folded.endswith(":") or normalize_label(text) in _EXTRA_LABELS


def _glued_amount(text: str) -> tuple[str, str] | None:
    """其中:上级资金16 → (funding.fiscal, 16)."""
    label = normalize_label(text)
    for prefix, role in _LABEL_PREFIXES:
        for start in ("", "其中"):
            head = start + prefix
            rest = label[len(head) :]
            if label.startswith(head) and rest and (rest[0].isdigit() or rest[0] in "-—/"):
                return role, rest
    return None


def read_header(rows: Sequence[tuple[Cell, ...]], title: str | None = None) -> HeaderBlock:
    block = HeaderBlock()
    goal_open: str | None = None
    for row in rows:
        cells = filled(row)
        if not cells:
            continue
        if goal_open and field_of(cells[0].text) is None and not is_section(cells[0].text):
            for cell in cells:
                if field_of(cell.text) is None:
                    block.set(goal_open, cell.text, cell)
            continue
        goal_open = None
        pending: str | None = None
        pending_extra: str | None = None
        previous: Cell | None = None
        for cell in cells:
            role = field_of(cell.text) or _suffixed_label(cell.text)
            after_gap = previous is not None and cell.column > previous.column + previous.colspan
            previous = cell
            if role == "funding":
                block.funding_unit = bracket_unit(cell.text) or block.funding_unit
                continue
            if role is not None:
                pending, pending_extra = role, None
                continue
            if (pending is not None or pending_extra is not None) and after_gap and _looks_like_label(cell.text):
                if pending_extra is not None:
                    block.extra.append((pending_extra, ""))
                pending, pending_extra = None, cell.text.strip()  # the label before had an empty value cell
                continue
            if pending is not None:
                block.set(pending, cell.text, cell)
                pending = None
                continue
            glued = _glued_amount(cell.text)
            pairs = _split_label_value(cell.text)
            if len(pairs) > 1:
                _take_pairs(block, pairs, cell)
            elif glued is not None:
                block.set(glued[0], glued[1], cell)
            elif pairs:
                _take_pairs(block, pairs, cell)
            elif pending_extra is not None:
                block.extra.append((pending_extra, cell.text.strip()))
                pending_extra = None
            else:
                pending_extra = cell.text.strip()
        if pending in _GOALS:
            goal_open = pending
        if pending_extra is not None:
            block.extra.append((pending_extra, ""))
    block.year = _year(title, block)
    return block


def _take_pairs(block: HeaderBlock, pairs: list[tuple[str, str]], cell: Cell) -> None:
    for label, value in pairs:
        role = field_of(label)
        if role == "funding" or (normalize_label(label) == "单位" and bracket_unit(f"({value})")):
            block.funding_unit = bracket_unit(label) or bracket_unit(f"({value})") or block.funding_unit
            continue
        glued = _glued_amount(label + value)
        if role is None and glued is not None:
            block.set(glued[0], glued[1], cell)
        elif role is not None and value:
            block.set(role, value, cell)
        elif role is None:
            block.extra.append((label.strip(), value))


def _year(title: str | None, block: HeaderBlock) -> int | None:
    candidates = [title or ""] + [f"{label}{value}" for label, value in block.extra]
    for text in candidates:
        match = _YEAR.search(text)
        if match and ("年度" in text or "年项目" in text or text == title):
            return int(match.group(1))
    return None
