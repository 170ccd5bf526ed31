"""Placing review findings (审核意见) on a written table: which cell a finding points at, and a findings list."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...findings import Finding, field_label
from ...model import TargetTable
from .layout import LayoutCell, TableLayout

#: (header, width) of the findings sheet or list.
FINDING_COLUMNS = (
    ("项目名称", 28),
    ("代码", 14),
    ("级别", 9),
    ("问题", 28),
    ("说明", 60),
    ("三级指标", 24),
    ("字段", 14),
    ("依据", 30),
)
_FIELD_ALIASES = {"funding": "funding.total", "target_value": "target", "unit": "target"}
#: The 字段 column names the field as the table does, not by its model name.


def locate(layout: TableLayout, table: TargetTable, finding: Finding) -> LayoutCell:
    """The layout cell a finding points at: its indicator's field, a header field, else the title."""
    location = finding.location
    field_name = _FIELD_ALIASES.get(location.field or "", location.field)
    index = None
    if location.row is not None:  # the row tells apart two indicators of the same name
        index = next((i for i, ind in enumerate(table.indicators) if ind.source.row == location.row), None)
    if index is None and location.indicator is not None:
        index = next((i for i, ind in enumerate(table.indicators) if ind.name == location.indicator), None)
        if index is None:
            index = next((i for i, ind in enumerate(table.indicators) if location.indicator in ind.name), None)
    found = layout.find(index, field_name) if (index is not None or field_name) else None
    return found or layout.rows[0][0]


def finding_rows(tables: Sequence[TargetTable], findings: Sequence[Sequence[Finding]]) -> Iterator[list[str]]:
    for table, table_findings in zip(tables, findings, strict=False):
        for finding in table_findings:
            yield [
                table.project_name or "",
                finding.code,
                finding.severity.label,
                finding.title,
                finding.message,
                finding.location.indicator or "",
                field_label(finding.location.field),
                finding.citation or "",
            ]
