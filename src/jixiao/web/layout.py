"""The official layout of a target table on a page: the core's layout, with what a page adds to it.

Cells, spans and column labels come from :func:`jixiao.io.writers.layout.table_layout`, the layout every
document writer renders, so the page and the exports cannot drift apart. The page adds each cell's worst
finding (its colour) and, under an indicator's 三级指标, that indicator's findings, unreadable cells and the
reviewer's comments.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from jixiao.findings import Finding, Severity
from jixiao.io.writers.findings import locate
from jixiao.io.writers.layout import LayoutCell, TableLayout, table_layout

from .services.deptdata import DEPARTMENT_TITLE
from .services.findings import Review, finding_key
from .services.library import mark_label
from .services.tabledata import InputProblem

_RANK = {Severity.INFO.value: 1, Severity.WARNING.value: 2, Severity.ERROR.value: 3}
_HEADING_STYLES = ("head", "label")


@dataclass
class PageCell:
    cell: LayoutCell
    mark: str = ""  # the worst severity of the findings in this cell, for its colour

    @property
    def tag(self) -> str:
        return "th" if self.cell.style in _HEADING_STYLES else "td"

    @property
    def css(self) -> str:
        # the 三级指标 cell also holds the row's findings and comments, so the page keeps it wide
        name = " c-name" if self.cell.field == "name" and self.cell.indicator is not None else ""
        return f"{self.cell.style}{name} {self.mark}".strip()

    def worsen(self, severity: str) -> None:
        if _RANK[severity] > _RANK.get(self.mark, 0):
            self.mark = severity


@dataclass
class PageRow:
    cells: list[PageCell]
    indicator: int | None = None  # position of the 三级指标 shown in this row
    name: str = ""
    findings: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, its key)
    problems: list[InputProblem] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    files: list[Any] = field(default_factory=list)  # 佐证资料 files attached to this indicator
    library: str = ""  # the 指标库 entry the indicator was taken from, as its label; "" for none

    @property
    def has_findings(self) -> bool:
        return bool(self.findings or self.problems)


@dataclass
class OfficialTable:
    title: str
    subtitle: str
    widths: list[str]  # each column's share of the page width, in per cent
    header: list[PageRow]  # the header block: 项目名称 … 年度总体目标
    head: list[PageCell]  # the indicator columns' labels
    indicators: list[PageRow]
    findings: list[tuple[Finding, str]]  # findings about the table as a whole
    problems: list[InputProblem]  # unreadable cells of the header block, a failed review


def official(
    result: Review, comments: list[dict[str, Any]] | None = None, files: list[Any] | None = None
) -> OfficialTable:
    """The page's official layout of a reviewed table, with reviewer ``comments`` and 佐证资料 ``files`` per
    indicator (a file of the whole table is listed beside the table, not in a row)."""
    layout = table_layout(result.table)
    cells = {(c.row, c.column): PageCell(_labelled(c, result.table.title)) for c in layout.cells()}

    def page_row(row: list[LayoutCell]) -> PageRow:
        return PageRow([cells[c.row, c.column] for c in row])

    body = layout.rows[1:]  # the title is the page's heading
    subtitle = body.pop(0)[0].text if body and body[0] and body[0][0].style == "subtitle" else ""
    header_end = layout.header_row - 1 - (len(layout.rows) - len(body))  # the indicator header's place in body
    header = [page_row(row) for row in body[:header_end]]
    head = [cells[c.row, c.column] for c in body[header_end]]
    indicators = [page_row(row) for row in body[header_end + 1 :]]
    for index, row in enumerate(indicators):
        row.indicator, row.name = index, result.table.indicators[index].name
        mark = result.marks[index] if index < len(result.marks) else ""
        row.library = mark_label(mark) if mark else ""
    table = OfficialTable(
        title=layout.title,
        subtitle=subtitle,
        widths=_widths(layout),
        header=header,
        head=head,
        indicators=indicators,
        findings=[],
        problems=[],
    )
    _place_findings(table, layout, result, cells)
    _place_problems(table, layout, result, cells)
    _place_comments(table, comments or [])
    for attached in files or []:
        if attached.indicator is not None and 0 <= attached.indicator < len(table.indicators):
            table.indicators[attached.indicator].files.append(attached)
    return table


#: a 部门整体 table's header labels, where the project layout names a project's (its 实施单位 and 项目负责人 stay
#: blank: a department has neither)
DEPARTMENT_LABELS = {
    "项目名称": "名称",
    "主管部门": "部门名称",
    "预算单位": "预算部门",
    "实施单位": "—",
    "项目负责人": "—",
    "年度预算总额": "预算支出总额",
    "年度总体目标": "年度绩效目标",
}


def _labelled(cell: LayoutCell, title: str | None) -> LayoutCell:
    """``cell`` as a department table labels it, for a 部门整体 table; else as it is."""
    if title != DEPARTMENT_TITLE or cell.style != "label":
        return cell
    if cell.text.startswith("项目资金"):
        return dataclasses.replace(cell, text=cell.text.replace("项目资金", "部门预算", 1))
    return dataclasses.replace(cell, text=DEPARTMENT_LABELS.get(cell.text, cell.text))


def _widths(layout: TableLayout) -> list[str]:
    total = sum(layout.widths) or 1
    return [f"{width * 100 / total:.1f}" for width in layout.widths]


def _place_findings(
    table: OfficialTable, layout: TableLayout, result: Review, cells: dict[tuple[int, int], PageCell]
) -> None:
    for finding in result.report.findings:
        cell = locate(layout, result.table, finding)
        page_cell = cells[cell.row, cell.column]
        if page_cell.cell.style != "title":
            page_cell.worsen(finding.severity.value)
        if cell.indicator is None:
            table.findings.append((finding, finding_key(finding)))
        else:
            table.indicators[cell.indicator].findings.append((finding, finding_key(finding)))


def _place_problems(
    table: OfficialTable, layout: TableLayout, result: Review, cells: dict[tuple[int, int], PageCell]
) -> None:
    for problem in result.problems:
        cell = layout.find(problem.indicator, problem.field)
        if cell is not None:
            cells[cell.row, cell.column].worsen(Severity.ERROR.value)
        if problem.indicator is None:
            table.problems.append(problem)
        else:
            table.indicators[problem.indicator].problems.append(problem)


def _place_comments(table: OfficialTable, comments: list[dict[str, Any]]) -> None:
    """A comment goes to the indicator it was written on; by name should the rows have moved since."""
    rows = table.indicators
    for comment in comments:
        index = comment.get("index")
        if isinstance(index, int) and 0 <= index < len(rows) and rows[index].name == comment.get("name"):
            rows[index].comments.append(comment["comment"])
            continue
        named = next((row for row in rows if row.name == comment.get("name")), None)
        if named is not None:
            named.comments.append(comment["comment"])
