"""Writers for 自评表 and 监控表: the official layouts in xlsx, docx, html, pdf or the text layout, written atomically.

A self-evaluation is laid out by :mod:`.layout_selfeval`, a monitoring report by :mod:`.layout_monitor`; the
document writers render those layouts as they render a 目标表. What is written reads back with
:func:`jixiao.scoring.reading.read_selfevals` and :func:`~jixiao.scoring.reading.read_monitoring` to the same values.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...errors import InputError
from ...model_department import DepartmentKind, DepartmentTable
from ...model_selfeval import MonitoringReport, SelfEvaluation
from . import atomic_write, format_for
from .layout import TableLayout
from .layout_department import department_layout
from .layout_monitor import monitor_layout
from .layout_selfeval import selfeval_layout

Report = SelfEvaluation | MonitoringReport | DepartmentTable
FORMATS = ("xlsx", "docx", "html", "pdf", "txt")


def report_layout(report: Report) -> TableLayout:
    if isinstance(report, SelfEvaluation):
        return selfeval_layout(report)
    if isinstance(report, DepartmentTable):
        return department_layout(report)
    return monitor_layout(report)


def kind_name(reports: Sequence[Report]) -> str:
    if all(isinstance(r, SelfEvaluation) for r in reports):
        return "自评表"
    if all(isinstance(r, DepartmentTable) for r in reports):
        if all(r.kind is DepartmentKind.TARGET for r in reports):  # type: ignore[union-attr]
            return "部门整体支出绩效目标表"
        return "部门整体支出绩效自评表"
    return "监控表"


def report_name(report: Report) -> str | None:
    """What names a report's sheet and page: its project, or its department."""
    return report.department if isinstance(report, DepartmentTable) else report.project_name


def render_reports_html(reports: Sequence[Report]) -> str:
    from .html import page, render_table

    sections = [render_table(report_layout(report)) for report in reports]
    first = report_name(reports[0]) if reports else None
    return page(sections, first or kind_name(reports))


def _write_xlsx(reports: Sequence[Report], path: Path) -> None:
    from openpyxl import Workbook

    from .xlsx import sheet_name, write_layout

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for index, report in enumerate(reports):
        sheet = workbook.create_sheet(sheet_name(report_name(report) or f"{kind_name(reports)}{index + 1}", taken))
        write_layout(sheet, report_layout(report))
    workbook.save(path)


def _write_docx(reports: Sequence[Report], path: Path) -> None:
    from .docx import new_document, page_break, write_table

    document = new_document()
    for index, report in enumerate(reports):
        if index:
            page_break(document)
        write_table(document, report_layout(report))
    document.save(str(path))


def _write_pdf(reports: Sequence[Report], path: Path) -> None:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango or its libraries are not installed
        raise InputError(f"无法生成 PDF：WeasyPrint 不可用（{error}），请安装 Pango 与 fonts-noto-cjk") from None
    weasyprint.HTML(string=render_reports_html(reports)).write_pdf(str(path))


def _write_text(reports: Sequence[Report], path: Path) -> None:
    from .text import layout_text

    path.write_text("\n\n".join(layout_text(report_layout(r)) for r in reports) + "\n", encoding="utf-8")


def _write_html(reports: Sequence[Report], path: Path) -> None:
    path.write_text(render_reports_html(reports), encoding="utf-8")


_WRITERS = {"xlsx": _write_xlsx, "docx": _write_docx, "html": _write_html, "pdf": _write_pdf, "txt": _write_text}


def report_format(path: Path, requested: str | None = None) -> str:
    name = format_for(path, requested)
    if name not in FORMATS:
        raise InputError(f"自评表、监控表和部门整体表只能写成 {'、'.join(FORMATS)}，不能写成 {name}", file=path)
    return name


def write_reports(reports: Sequence[Report], path: str | Path, *, to: str | None = None) -> Path:
    """Write ``reports`` (all 自评表 or all 监控表) to ``path`` in the format of its extension (or ``to``)."""
    destination = Path(path)
    name = report_format(destination, to)
    if not reports:
        raise InputError("没有可写出的自评表或监控表", file=destination)
    if not destination.parent.is_dir():
        raise InputError("输出文件夹不存在", file=destination.parent)
    writer = _WRITERS[name]
    atomic_write(destination, lambda temporary: writer(reports, temporary))
    return destination
