"""`jixiao monitor FILE...`: traffic lights, forecast score and findings for 绩效运行监控表."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..errors import JixiaoError
from ..findings import Severity
from ..jsonout import dumps
from ..scoring.detect import detect_profiles
from ..scoring.jsonout import monitor_document
from ..scoring.monitor import Light, MonitorSheet, monitor
from ..scoring.reading import read_monitoring
from ..scoring.rules.common import num, percent
from .common import OutputFormat, fail
from .score import AUTO, format_finding


def monitor_command(
    files: Annotated[list[Path], typer.Argument(help="绩效运行监控表文件")],
    profile: Annotated[str, typer.Option("--profile", "-p", help="配置名称或 YAML 路径；auto 按表中的地区选择")] = AUTO,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.text,
) -> None:
    """按时间进度给预算执行和各指标亮灯，预测全年得分，并指出缺少偏差原因等问题。有错误或警告时退出码为 1。"""
    try:
        reports = [report for file in files for report in read_monitoring(file)]
        if profile == AUTO:
            profiles = detect_profiles([(report.table, None) for report in reports])
        else:
            profiles = [profile] * len(reports)
        sheets = [monitor(report, name) for report, name in zip(reports, profiles, strict=True)]
    except JixiaoError as error:
        fail(error)
    if format is OutputFormat.json:
        typer.echo(dumps(monitor_document(sheets)))
    else:
        console = Console()
        for sheet in sheets:
            render_monitor(console, sheet)
    if any(f.severity is not Severity.INFO for sheet in sheets for f in sheet.findings.findings):
        raise typer.Exit(1)


def _light(light: Light | None) -> str:
    return f"[{light.value}]{light.label}[/]" if light else "—"


def render_monitor(console: Console, sheet: MonitorSheet) -> None:
    budget = sheet.monitoring.budget
    console.rule(f"[bold]{sheet.project_name or '（无项目名称）'}[/]  配置：{sheet.profile}")
    month = f"1-{sheet.month}月" if sheet.month else "截至目前"
    console.print(
        f"预算执行：{month}执行 {num(budget.executed)}（{budget.unit}），{sheet.denominator_label} "
        f"{num(sheet.denominator)}，执行率 {percent(sheet.rate)}，应达 {percent(sheet.expected)}  "
        f"{_light(sheet.budget_light)}"
    )
    forecast = "按目前进度推算" if sheet.forecast_projected else "表中填写"
    amount = sheet.forecast_execution
    shown = num(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) if amount is not None else "空白"
    console.print(f"全年预计执行：{shown}（{forecast}），占 {percent(sheet.forecast_rate)}")
    grid = Table(header_style="bold")
    for label in ("指标", "指标值", "执行情况", "全年预计", "完成可能性", "进度", "灯"):
        grid.add_column(label, no_wrap=label in ("进度", "灯"), overflow="fold")
    for watch in sheet.indicators:
        item = watch.item
        grid.add_row(
            item.name,
            item.indicator.target.text if item.indicator.target else "",
            item.to_date.text if item.to_date else "",
            item.forecast.text if item.forecast else "",
            item.likelihood_text or "",
            percent(watch.progress) if watch.progress is not None else "",
            _light(watch.light),
        )
    console.print(grid)
    total = num(sheet.forecast_total) if sheet.forecast_total is not None else "无法预测"
    console.print(f"预计全年得分 {total}  预计等级 {sheet.forecast_grade or '—'}")
    for finding in sheet.findings.findings:
        console.print(format_finding(finding))
