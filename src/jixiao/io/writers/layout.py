"""The official layout of a 项目支出绩效目标表, shared by every document writer.

A table becomes rows of :class:`LayoutCell` with spans and a style: title, header block
(项目名称, 主管部门/实施单位, 预算单位/项目负责人, 项目资金 with its three amounts, 年度总体目标),
the indicator header row and one row per 三级指标 with 一级/二级 merged down. xlsx, docx, html, pdf and
text writers only render this; none of them decides where a field goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ... import fields
from ...model import Indicator, TargetTable

DEFAULT_TITLE = "项目支出绩效目标表"

#: (field, header label, width in Excel character units) of the indicator columns, in order.
INDICATOR_COLUMNS: tuple[tuple[str, str, int], ...] = tuple((f.name, f.label, f.width) for f in fields.INDICATOR)

#: Fields of the header block: where each sits, for findings that point at a field of the table.
HEADER_FIELDS = ("project_name", "department", "implementer", "budget_unit", "project_lead", "funding", "overall_goal")


@dataclass(frozen=True)
class LayoutCell:
    text: str
    row: int  # 1-based within the table's layout
    column: int
    rowspan: int = 1
    colspan: int = 1
    style: str = "data"  # title, subtitle, label, value, goal, head, level, data, number
    number: Decimal | None = None  # a value to store as a number (weights, amounts)
    indicator: int | None = None  # index of the 三级指标 in the table
    field: str | None = None  # model field shown in this cell


@dataclass
class TableLayout:
    title: str
    width: int
    rows: list[list[LayoutCell]] = field(default_factory=list)
    header_row: int = 0  # layout row of the indicator header
    widths: tuple[int, ...] = ()

    def add(self, *cells: LayoutCell) -> None:
        self.rows.append(list(cells))

    @property
    def next_row(self) -> int:
        return len(self.rows) + 1

    def cells(self) -> list[LayoutCell]:
        return [cell for row in self.rows for cell in row]

    def find(self, indicator: int | None, field_name: str | None) -> LayoutCell | None:
        """The cell showing ``field_name`` of indicator ``indicator`` (or of the header block when None)."""
        for cell in self.cells():
            if cell.indicator == indicator and cell.field == field_name:
                return cell
        if indicator is not None:
            return self.find(indicator, "name")
        return None

    def texts(self) -> list[list[str]]:
        """The layout as a full rectangle of strings, covered positions empty."""
        grid = [["" for _ in range(self.width)] for _ in self.rows]
        for cell in self.cells():
            grid[cell.row - 1][cell.column - 1] = cell.text
        return grid


def _amount_text(value: Decimal | None, written: str | None) -> str:
    if written:
        return written
    return "" if value is None else f"{value:,.2f}"


def _extra_labels(indicators: Sequence[Indicator]) -> list[str]:
    labels: list[str] = []
    for indicator in indicators:
        for label, _ in indicator.extra:
            if label not in labels:
                labels.append(label)
    return labels


def table_layout(table: TargetTable) -> TableLayout:
    """The official layout of ``table``."""
    extras = _extra_labels(table.indicators)
    width = len(INDICATOR_COLUMNS) + len(extras)
    layout = TableLayout(
        title=table.title or DEFAULT_TITLE,
        width=width,
        widths=tuple(w for _, _, w in INDICATOR_COLUMNS) + tuple(14 for _ in extras),
    )
    layout.add(LayoutCell(layout.title, 1, 1, colspan=width, style="title"))
    if table.year is not None and str(table.year) not in layout.title:
        layout.add(LayoutCell(f"（{table.year}年度）", layout.next_row, 1, colspan=width, style="subtitle"))
    _header_block(layout, table)
    layout.header_row = layout.next_row
    labels = [label for _, label, _ in INDICATOR_COLUMNS] + extras
    layout.add(*(LayoutCell(label, layout.header_row, c, style="head") for c, label in enumerate(labels, 1)))
    _indicator_rows(layout, table.indicators, extras)
    return layout


def _pair_row(layout: TableLayout, pairs: Sequence[tuple[str, str | None, str]]) -> None:
    """One header-block row of label/value pairs: one pair spans the width, two share it."""
    row, width = layout.next_row, layout.width
    if len(pairs) == 1:
        label, text, name = pairs[0]
        style = "goal" if name == "overall_goal" else "value"
        layout.add(
            LayoutCell(label, row, 1, colspan=2, style="label"),
            LayoutCell(text or "", row, 3, colspan=width - 2, style=style, field=name),
        )
        return
    (left, left_text, left_name), (right, right_text, right_name) = pairs
    middle = 3 + (width - 2) // 2
    layout.add(
        LayoutCell(left, row, 1, colspan=2, style="label"),
        LayoutCell(left_text or "", row, 3, colspan=middle - 3, style="value", field=left_name),
        LayoutCell(right, row, middle, colspan=2, style="label"),
        LayoutCell(right_text or "", row, middle + 2, colspan=width - middle - 1, style="value", field=right_name),
    )


def _header_block(layout: TableLayout, table: TargetTable) -> None:
    _pair_row(layout, [("项目名称", table.project_name, "project_name")])
    if table.department is not None or table.implementer is not None:
        _pair_row(
            layout, [("主管部门", table.department, "department"), ("实施单位", table.implementer, "implementer")]
        )
    _pair_row(
        layout, [("预算单位", table.budget_unit, "budget_unit"), ("项目负责人", table.project_lead, "project_lead")]
    )
    funding = table.funding
    first = layout.next_row
    amounts = (
        ("年度预算总额", funding.total, funding.total_text, "funding.total"),
        ("其中：财政拨款", funding.fiscal, funding.fiscal_text, "funding.fiscal"),
        ("其他资金", funding.other, funding.other_text, "funding.other"),
    )
    for offset, (label, value, written, name) in enumerate(amounts):
        row = first + offset
        cells = (
            [] if offset else [LayoutCell(f"项目资金（{funding.unit}）", row, 1, rowspan=3, colspan=2, style="label")]
        )
        cells.append(LayoutCell(label, row, 3, colspan=2, style="label"))
        cells.append(
            LayoutCell(
                _amount_text(value, written), row, 5, colspan=layout.width - 4, style="value", number=value, field=name
            )
        )
        layout.add(*cells)
    _pair_row(layout, [("年度总体目标", table.overall_goal, "overall_goal")])


def _group_spans(keys: Sequence[object]) -> list[int]:
    """For each position, the length of the run of equal keys starting there (0 inside a run)."""
    spans = [0] * len(keys)
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            spans[start] = index - start
            start = index
    return spans


def indicator_texts(indicator: Indicator) -> dict[str, str]:
    return {
        "level1": indicator.level1_text or indicator.level1 or "",
        "level2": indicator.level2_text or indicator.level2 or "",
        "name": (f"指标{indicator.number}：" if indicator.number else "") + indicator.name,
        "target": indicator.target.text if indicator.target else "",
        "basis": indicator.basis or "",
        "prior": indicator.prior.text if indicator.prior else "",
        "weight": "" if indicator.weight is None else str(indicator.weight),
        "scoring_rule": indicator.scoring_rule or "",
        "evidence": indicator.evidence or "",
    }


def _indicator_rows(layout: TableLayout, indicators: Sequence[Indicator], extras: Sequence[str]) -> None:
    texts = [indicator_texts(indicator) for indicator in indicators]
    level1_spans = _group_spans([t["level1"] for t in texts])
    level2_spans = _group_spans([(level1_spans_key(level1_spans, i), t["level2"]) for i, t in enumerate(texts)])
    first = layout.next_row
    for index, (indicator, text) in enumerate(zip(indicators, texts, strict=True)):
        row = first + index
        cells: list[LayoutCell] = []
        for column, (name, _, _) in enumerate(INDICATOR_COLUMNS, 1):
            spans = {"level1": level1_spans, "level2": level2_spans}.get(name)
            if spans is not None:
                if spans[index]:
                    cells.append(
                        LayoutCell(
                            text[name], row, column, rowspan=spans[index], style="level", indicator=index, field=name
                        )
                    )
                continue
            number = indicator.weight if name == "weight" else None
            style = "number" if name == "weight" else "data"
            cells.append(LayoutCell(text[name], row, column, style=style, number=number, indicator=index, field=name))
        extra = dict(indicator.extra)
        for offset, label in enumerate(extras):
            cells.append(LayoutCell(extra.get(label, ""), row, len(INDICATOR_COLUMNS) + 1 + offset, indicator=index))
        layout.add(*cells)


def level1_spans_key(spans: Sequence[int], index: int) -> int:
    """The start of the 一级 group holding ``index``, so that 二级 runs never cross a 一级 boundary."""
    while spans[index] == 0:
        index -= 1
    return index
