"""The official layout of a 项目支出绩效自评表, filled from a :class:`SelfEvaluation`.

The national 自评表 (财预〔2021〕101号 附件; tests/data/samples/003_a.tsv): title and year, 项目名称,
主管部门/实施单位, the 项目资金 block (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分), 年度总体目标 with
预期目标 and 实际完成情况, then 一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施,
总分 and 评价等级 (and the table's 偏差原因分析 when it has one). The blank template
(:mod:`.template_selfeval`) is this layout of a self-evaluation with nothing reported yet.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

from ...cells import decimal_text
from ...model import TargetTable
from ...model_selfeval import Budget, IndicatorResult, SelfEvaluation
from .layout import LayoutCell, TableLayout, indicator_texts

if TYPE_CHECKING:
    from ...scoring.sheet import ScoreSheet

TITLE = "项目支出绩效自评表"
WIDTH = 8
EXECUTION_WEIGHT = Decimal(10)
HEAD = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
WIDTHS = (12, 14, 30, 18, 18, 9, 9, 30)
BUDGET_HEAD = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
DEVIATION_LABEL = "偏差大或目标未完成原因分析"

#: (row, column) cells a unit fills in, collected while laying out a blank template
Inputs = list[tuple[int, int]]


def blank_selfeval(table: TargetTable) -> SelfEvaluation:
    """A self-evaluation of ``table`` with nothing reported: the template's content."""
    funding = table.funding
    budget = Budget(initial=funding.total, weight=EXECUTION_WEIGHT, unit=funding.unit)
    results = tuple(IndicatorResult(indicator) for indicator in table.indicators)
    return SelfEvaluation(table=table, budget=budget, results=results, published=False)


def _number_cell(
    value: Decimal | None, row: int, column: int, *, text: str | None = None, field: str | None = None
) -> LayoutCell:
    """A number cell; ``text`` is shown instead when the table printed the number otherwise (8.620, 8.62分)."""
    if text is not None and value is not None and text == decimal_text(value):
        text = None
    shown = text if text is not None else decimal_text(value, trim=False)
    return LayoutCell(shown, row, column, style="number", number=value if text is None else None, field=field)


def rate_text(budget: Budget) -> str:
    """执行率 as printed, or the rate to two places with %."""
    if budget.rate_text:
        return budget.rate_text
    return "" if budget.rate is None else f"{decimal_text(budget.rate, 2)}%"


def selfeval_layout(selfeval: SelfEvaluation, inputs: Inputs | None = None) -> TableLayout:
    """The 自评表 layout of ``selfeval``; ``inputs`` collects the cells left for the unit when given."""
    table, budget = selfeval.table, selfeval.budget
    layout = TableLayout(title=TITLE, width=WIDTH, widths=WIDTHS)
    wanted: Inputs = inputs if inputs is not None else []
    year = f"{table.year}" if table.year else "    "
    layout.add(LayoutCell(layout.title, 1, 1, colspan=WIDTH, style="title"))
    layout.add(LayoutCell(f"（{year}年度）", 2, 1, colspan=WIDTH, style="subtitle"))
    layout.add(
        LayoutCell("项目名称", 3, 1, style="label"),
        LayoutCell(table.project_name or "", 3, 2, colspan=7, style="value", field="project_name"),
    )
    layout.add(
        LayoutCell("主管部门", 4, 1, style="label"),
        LayoutCell(table.department or table.budget_unit or "", 4, 2, colspan=2, style="value", field="department"),
        LayoutCell("实施单位", 4, 4, style="label"),
        LayoutCell(table.implementer or table.budget_unit or "", 4, 5, colspan=4, style="value", field="implementer"),
    )
    layout.add(
        LayoutCell(f"项目资金（{budget.unit}）", 5, 1, style="label"),
        *(LayoutCell(label, 5, c, style="head") for c, label in enumerate(BUDGET_HEAD, 2)),
        LayoutCell("", 5, 8, style="head"),
    )
    _budget_rows(layout, selfeval, wanted)
    layout.add(
        LayoutCell("年度总体目标", 10, 1, rowspan=2, style="label"),
        LayoutCell("预期目标", 10, 2, colspan=3, style="head"),
        LayoutCell("实际完成情况", 10, 5, colspan=4, style="head"),
    )
    layout.add(
        LayoutCell(table.overall_goal or "", 11, 2, colspan=3, style="goal", field="overall_goal"),
        LayoutCell(selfeval.goal_actual or "", 11, 5, colspan=4, style="goal", field="goal_actual"),
    )
    wanted.append((11, 5))
    layout.add(LayoutCell("绩效指标", 12, 1, colspan=WIDTH, style="label"))
    layout.header_row = 13
    layout.add(*(LayoutCell(label, 13, c, style="head") for c, label in enumerate(HEAD, 1)))
    _indicator_rows(layout, selfeval, wanted)
    _closing_rows(layout, selfeval, wanted)
    return layout


def _budget_rows(layout: TableLayout, selfeval: SelfEvaluation, inputs: Inputs) -> None:
    budget, funding = selfeval.budget, selfeval.table.funding
    initial = budget.initial if budget.initial is not None else funding.total
    layout.add(
        LayoutCell("年度资金总额", 6, 1, style="label"),
        _number_cell(initial, 6, 2, field="budget.initial"),
        _number_cell(budget.full_year, 6, 3, field="budget.full_year"),
        _number_cell(budget.executed, 6, 4, field="budget.executed"),
        _number_cell(budget.weight, 6, 5),
        _number_cell(None, 6, 6, text=rate_text(budget)),
        _number_cell(budget.score, 6, 7, text=budget.score_text),
        LayoutCell("", 6, 8, style="number"),
    )
    inputs += [(6, 3), (6, 4), (6, 6), (6, 7)]
    for row, (label, amount) in enumerate(
        (("其中：当年财政拨款", funding.fiscal), ("上年结转资金", None), ("其他资金", funding.other)), 7
    ):
        layout.add(
            LayoutCell(label, row, 1, style="label"),
            _number_cell(amount, row, 2, field="budget.initial"),
            *(LayoutCell("", row, c, style="number") for c in range(3, 9)),
        )
        inputs += [(row, 3), (row, 4)]


def _score_text(result: IndicatorResult) -> str:
    return result.score_text or decimal_text(result.score)


def _indicator_rows(layout: TableLayout, selfeval: SelfEvaluation, inputs: Inputs) -> None:
    indicators = [result.indicator for result in selfeval.results]
    texts = [indicator_texts(indicator) for indicator in indicators]
    first = layout.next_row
    for index, (result, text) in enumerate(zip(selfeval.results, texts, strict=True)):
        row = first + index
        cells = level_cells(texts, index, row)
        score = result.score
        cells += [
            LayoutCell(text["name"], row, 3, indicator=index, field="name"),
            LayoutCell(text["target"], row, 4, indicator=index, field="target"),
            LayoutCell(result.actual.text if result.actual else "", row, 5, indicator=index, field="actual"),
            LayoutCell(text["weight"], row, 6, style="number", number=result.weight, indicator=index, field="weight"),
            LayoutCell(
                _score_text(result),
                row,
                7,
                style="number",
                number=score if not result.score_text or decimal_text(score) == result.score_text else None,
                indicator=index,
                field="score",
            ),
            LayoutCell(result.deviation or "", row, 8, indicator=index, field="deviation"),
        ]
        inputs += [(row, 5), (row, 7), (row, 8)]
        layout.add(*cells)


def level_cells(texts: list[dict[str, str]], index: int, row: int) -> list[LayoutCell]:
    """一级 and 二级 cells merged down over the run of equal labels that starts at ``index`` (none inside a run)."""

    def same(a: int, b: int, name: str) -> bool:
        return texts[a][name] == texts[b][name] and (name == "level1" or texts[a]["level1"] == texts[b]["level1"])

    cells = []
    for column, name in ((1, "level1"), (2, "level2")):
        if index > 0 and same(index - 1, index, name):
            continue
        span = 1
        while index + span < len(texts) and same(index + span, index, name):
            span += 1
        cells.append(
            LayoutCell(texts[index][name], row, column, rowspan=span, style="level", indicator=index, field=name)
        )
    return cells


def _closing_rows(layout: TableLayout, selfeval: SelfEvaluation, inputs: Inputs) -> None:
    budget_weight = selfeval.budget.weight if selfeval.budget.weight is not None else EXECUTION_WEIGHT
    weights = sum((r.weight for r in selfeval.results if r.weight is not None), budget_weight)
    row = layout.next_row
    layout.add(
        LayoutCell("总分", row, 1, style="label"),
        _number_cell(weights, row, 2),
        _number_cell(selfeval.published_total, row, 3),
        LayoutCell("评价等级", row, 4, style="label"),
        LayoutCell(selfeval.published_grade or "", row, 5, colspan=4, style="value", field="grade"),
    )
    inputs += [(row, 3), (row, 5)]
    if selfeval.deviation:
        row = layout.next_row
        layout.add(
            LayoutCell(DEVIATION_LABEL, row, 1, colspan=2, style="label"),
            LayoutCell(selfeval.deviation, row, 3, colspan=WIDTH - 2, style="goal", field="deviation"),
        )


def with_scores(selfeval: SelfEvaluation, scores: ScoreSheet) -> SelfEvaluation:
    """``selfeval`` with every blank 得分, 执行率, 总分 and 评价等级 filled from its score sheet ``scores``."""
    computed = {id(item.result): item.score for item in scores.indicators}
    results = tuple(
        r if r.score is not None or r.score_text else dataclasses.replace(r, score=computed.get(id(r)))
        for r in selfeval.results
    )
    budget = selfeval.budget
    budget = dataclasses.replace(
        budget,
        rate=budget.rate if budget.rate is not None else scores.budget.rate,
        score=budget.score if budget.score is not None else scores.budget.score,
        weight=budget.weight if budget.weight is not None else scores.budget.weight,
    )
    return dataclasses.replace(
        selfeval,
        budget=budget,
        results=results,
        published_total=selfeval.published_total if selfeval.published_total is not None else scores.total,
        published_grade=selfeval.published_grade or scores.grade,
    )
