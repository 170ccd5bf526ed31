"""`jixiao batch PATH...`: read, review and score every table under files and folders; one row per table."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..batch import AUTO, BatchRow, run_batch
from ..errors import JixiaoError
from ..findings import Severity
from ..io.writers.formulas import csv_value, set_value
from ..jsonout import number
from .common import fail

KIND_LABELS = {"target": "目标表", "selfeval": "自评表", "monitor": "监控表", "error": "无法读取"}
COLUMNS = (
    "文件",
    "类型",
    "项目名称",
    "预算单位",
    "指标数",
    "错误",
    "警告",
    "提示",
    "规则",
    "得分",
    "等级",
    "公布得分",
    "配置",
    "说明",
)


def batch(
    paths: Annotated[list[Path], typer.Argument(help="文件或文件夹（文件夹内的文件逐个读取）")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="汇总写入文件：.csv、.json 或 .xlsx")] = None,
    profile: Annotated[str, typer.Option("--profile", "-p", help="配置名称或 YAML 路径；auto 按表中地区选择")] = AUTO,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数（0：按 CPU 核数）")] = 1,
) -> None:
    """批量读取、审核、评分：每张表一行汇总，读不了的文件也列出原因。

    退出码：0 无错误和警告；1 有错误、警告或无法读取的文件；2 用法错误。
    """
    if out is not None and out.suffix.lower() not in (".csv", ".json", ".xlsx"):
        fail(JixiaoError("汇总文件只能是 .csv、.json 或 .xlsx", file=out))
    missing = [path for path in paths if not path.exists()]
    if missing:
        fail(JixiaoError("文件或文件夹不存在", file=missing[0]))
    rows = list(run_batch(paths, profile=profile, jobs=jobs))
    console = Console(highlight=False)
    render_summary(console, rows)
    if out is not None:
        write_summary(rows, out)
        console.print(f"汇总已写入 {escape(str(out))}")
    flagged = any(row.kind == "error" or row.count(Severity.ERROR) or row.count(Severity.WARNING) for row in rows)
    raise typer.Exit(1 if flagged else 0)


def _cells(row: BatchRow) -> list[Any]:
    return [
        row.file, KIND_LABELS[row.kind], row.project_name or "", row.budget_unit or "", row.indicators,
        row.count(Severity.ERROR), row.count(Severity.WARNING), row.count(Severity.INFO), " ".join(row.codes),
        number(row.total), row.grade or "", number(row.published_total), row.profile or "", row.message or "",
    ]  # fmt: skip


def render_summary(console: Console, rows: list[BatchRow]) -> None:
    table = Table(header_style="bold", show_lines=False)
    for label in ("文件", "项目名称", "类型", "错误", "警告", "得分"):
        table.add_column(label, overflow="fold")
    for row in rows:
        errors, warnings = row.count(Severity.ERROR), row.count(Severity.WARNING)
        name = row.project_name or (row.message or "")
        total = f"{row.total} {row.grade or ''}" if row.total is not None else ""
        table.add_row(
            escape(Path(row.file).name), escape(name), KIND_LABELS[row.kind],
            f"[red]{errors}[/]" if errors else "0", f"[yellow]{warnings}[/]" if warnings else "0", total,
        )  # fmt: skip
    console.print(table)
    files = len({row.file for row in rows})
    kinds = Counter(row.kind for row in rows)
    codes = Counter(code for row in rows for code in row.report.codes())
    console.print(
        f"{files} 个文件：目标表 {kinds['target']}，自评表 {kinds['selfeval']}，监控表 {kinds['monitor']}，"
        f"无法读取 {kinds['error']}"
    )
    if codes:
        console.print("最常见的问题：" + "，".join(f"{code} ×{count}" for code, count in codes.most_common(5)))


def write_summary(rows: list[BatchRow], path: Path) -> None:
    """The summary as .csv (UTF-8 with BOM, for Excel), .json or .xlsx."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        keys = ("file", "kind", "project_name", "budget_unit", "indicators", "errors", "warnings", "infos", "codes",
                "total", "grade", "published_total", "profile", "message")  # fmt: skip
        records = [dict(zip(keys, _cells(row), strict=True)) | {"kind": row.kind} for row in rows]
        for record in records:
            record["codes"] = record["codes"].split()
        path.write_text(json.dumps({"tables": records}, ensure_ascii=False, indent=2), encoding="utf-8")
    elif suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows([csv_value(value) for value in _cells(row)] for row in rows)
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "汇总"
        sheet.append(COLUMNS)
        for r, row in enumerate(rows, 2):
            for column, value in enumerate(_cells(row), 1):
                set_value(sheet.cell(r, column), value)
        sheet.freeze_panes = "A2"
        book.save(path)
