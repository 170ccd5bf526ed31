"""The 自评表 layouts: any :class:`~jixiao.grid.Grid` of a self-evaluation → :class:`SelfEvaluation`.

The target-table part (header block, indicators) comes from the one recognizer; this module adds the
budget block, each indicator's 实际完成值 / 得分 / 偏差原因, the block points of layouts that print no
分值 (Hubei: 年度绩效目标1(40分)), the 总分 row and the grade. Layouts read: the national template,
Hubei (预算执行 20 + 80), Sichuan 510000_0013zp (10 + 90 with 指标性质/度量单位 columns).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from decimal import Decimal

from ..grid import Cell, Grid
from ..model import Indicator
from ..model_selfeval import Budget, IndicatorResult, SelfEvaluation
from ..notes import NoteKind, ReadingNote
from .budget import is_budget_header, read_budget
from .parts import (
    TablePart,
    block_points,
    filled,
    first_text,
    form_code,
    goal_block,
    labelled,
    number_of,
    parse_actual,
    table_parts,
    text_of,
    with_unit,
)

TOTAL_LABELS = ("总分", "合计", "总计", "自评总分", "综合得分", "得分合计", "总得分", "自评得分")
GRADE_LABELS = ("评价等级", "自评等级", "等级", "绩效等级", "自评结果", "评价结果", "绩效评价等级", "自评等次")
DEVIATION_LABELS = (
    "偏差大或目标未完成原因分析",
    "偏差原因分析",
    "未完成原因分析",
    "偏差原因分析及改进措施",
    "存在问题",
    "存在的问题及原因",
)
_GRADE = re.compile(r"^(优秀|优|良好|良|中等|中|合格|差|不合格)$")
CONCLUSION_LABELS = ("评价结论", "自评结论", "综合评价结论", "总体评价")
_GRADE_IN_TEXT = re.compile(
    r"(?:等级|等次|评价结果|评定为|评为)\s*[为是:：]?\s*[“\"「]?(优秀|良好|中等|不合格|合格|优|良|中|差)"
)
_TOTAL_IN_TEXT = re.compile(r"(?:总分|自评得分|综合得分|得分)\s*[为是:：]?\s*(\d+(?:\.\d+)?)\s*分")


def recognize_selfevals(grid: Grid) -> list[SelfEvaluation]:
    """All self-evaluation tables in ``grid``."""
    return [_selfeval(part) for part in table_parts(grid)]


def _selfeval(part: TablePart) -> SelfEvaluation:
    table = part.table
    budget = read_budget(part.above, part.source, table.funding.unit) or Budget(unit=table.funding.unit)
    blocks = _blocks(part.rows)
    results = tuple(_result(part, indicator, blocks) for indicator in table.indicators)
    goal = goal_block(part.above)
    if goal is not None:
        table = dataclasses.replace(table, overall_goal=goal[0])
    total, total_row, total_grade = _total(part.below, results)
    grade_row = next(iter(labelled(part.below, GRADE_LABELS)), None)
    grade = total_grade
    if grade_row is not None:
        grade = next((text_of(c) for c in grade_row[1] if text_of(c)), None) or grade
    conclusion = first_text(part.below, CONCLUSION_LABELS)
    if conclusion is not None:
        found_grade = _GRADE_IN_TEXT.search(conclusion)
        found_total = _TOTAL_IN_TEXT.search(conclusion)
        grade = grade or (found_grade.group(1) if found_grade else None)
        total = total if total is not None else (Decimal(found_total.group(1)) if found_total else None)
    points = next((p for label, p in (b[1:] for b in blocks) if label.startswith("绩效指标")), None)
    unread = []
    if budget.full_year is None and budget.executed is None:
        unread.append(("budget", "没有读到预算执行情况（全年预算数、全年执行数）：预算执行得分无法复核"))
    if total is None and not any(labelled(part.below, TOTAL_LABELS)) and _has_scores(part, budget):
        unread.append(("total", "没有读到公布的总分：表中没有“总分”“合计”等一行"))
    if unread:
        notes = tuple(ReadingNote(NoteKind.UNREAD_FIELD, message, field=name) for name, message in unread)
        table = dataclasses.replace(table, notes=(*table.notes, *notes))
    return SelfEvaluation(
        table=table,
        budget=budget,
        results=results,
        published_total=total,
        published_grade=grade,
        deviation=first_text(part.below, DEVIATION_LABELS),
        goal_actual=goal[1] if goal else None,
        form_code=form_code(part.rows),
        indicator_points=points,
        total_row=total_row,
        published=_has_scores(part, budget),
        grade_row=grade_row[0].row if grade_row else None,
    )


def _has_scores(part: TablePart, budget: Budget) -> bool:
    """False for layouts that print no 得分 at all (the 区域 template): there is nothing published to audit."""
    if budget.column("score") is not None:
        return True
    return any(column.role == "score" for placed in part.placed.values() for column in placed.columns)


def _blocks(rows: Sequence[Sequence[Cell]]) -> list[tuple[int, str, Decimal]]:
    """Block labels with points printed on a row of their own: (row, 年度绩效目标1, 40)."""
    found = []
    for row in rows:
        cells = filled(row)
        if len(cells) != 1 or is_budget_header(row):
            continue
        points = block_points(cells[0].text)
        if points is not None:
            found.append((cells[0].row, points[0], points[1]))
    return found


def _result(part: TablePart, indicator: Indicator, blocks: list[tuple[int, str, Decimal]]) -> IndicatorResult:
    cells = part.cells_of(indicator.source.row)
    row = indicator.source.row or 0
    block = next(((label, points) for at, label, points in reversed(blocks) if at < row), None)
    placed = part.placed.get(row)
    if placed is not None and placed.block is not None and (points := block_points(placed.block)) is not None:
        block = points  # a block label printed in a column of its own, left of the rows
    if block is not None and block[0].startswith("绩效指标"):
        block = None  # the whole indicator section, not a block within it
    score_text = text_of(cells.get("score"))
    return IndicatorResult(
        indicator=indicator,
        actual=parse_actual(with_unit(text_of(cells.get("actual")), cells.get("unit")), name=indicator.name),
        score=number_of(score_text),
        score_text=score_text,
        deviation=text_of(cells.get("deviation")),
        block=block[0] if block else None,
        block_points=block[1] if block else None,
        columns=part.header_columns(indicator.source.row),
    )


def _total(
    rows: Sequence[Sequence[Cell]], results: Sequence[IndicatorResult]
) -> tuple[Decimal | None, int | None, str | None]:
    """The published 总分, its row and a grade written in the same row.

    A 总分 row may print the full marks before the score (总分 | 100 | 98.62): the last number is the
    score. A lone 100 (or the weights' total) is the 分值 total, its 得分 left blank, where no indicator
    has a published score or the table prints a 分值 column (as the national template, and jixiao's
    own, do); in a layout without 分值 (Hubei: 总分 | 99.6) a lone number is the score.
    """
    for label, rest in labelled(rows, TOTAL_LABELS):
        texts = [t for t in (text_of(cell) for cell in rest) if t]
        numbers = [n for n in (number_of(t) for t in texts) if n is not None]
        grade = next((t for t in texts if _GRADE.match(t)), None)
        if not numbers:
            return None, label.row, grade
        printed_weights = any(r.weight is not None for r in results)
        if len(numbers) == 1 and (printed_weights or not any(r.score is not None for r in results)):
            weights = sum((r.weight or Decimal(0) for r in results), Decimal(0))
            if numbers[0] == 100 or numbers[0] == weights:
                return None, label.row, grade
        return numbers[-1], label.row, grade
    return None, None, None
