"""`jixiao convert IN OUT`: read target tables, 自评表 or 监控表 from any format and write them in another.

The kind of table is read from the file (its title or its columns) unless ``--kind`` says it; 自评表 and 监控表 are
written in their official layouts (xlsx, docx, html, pdf, txt), and ``--score`` fills a 自评表's blank 得分, 总分
and 评价等级 by the scoring rules. With ``--review`` target tables are reviewed first (as `jixiao review` would) and
the findings go into the output: cell comments and a 审核意见 sheet in Excel, marked cells and a findings list in
Word, HTML and PDF. 部门整体 tables (a 部门整体支出绩效目标表 or its 评分表) are written in their own layout in the
same formats except json, ``--score`` adding the 评分表's 评价等级; --kind and --review are refused for them, as is
a file that mixes them with project tables.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import JixiaoError
from ..findings import Severity
from ..io.writers import FORMATS, format_for, write
from ..model_department import DepartmentTable
from ..reading import read
from ..recognize.columns import is_indicator_header
from ..scoring.reading import kind_of_file, read_monitoring, read_selfevals
from .common import fail
from .review import YEAR_HELP, split_selectors

_WITH_FINDINGS = ("xlsx", "docx", "html", "pdf")


class Kind(StrEnum):
    auto = "auto"
    target = "target"
    selfeval = "selfeval"
    monitor = "monitor"


def convert(
    source: Annotated[Path, typer.Argument(help="输入文件（文本、Excel、Word、PDF、HTML、JSON）", metavar="IN")],
    destination: Annotated[Path, typer.Argument(help="输出文件；格式由扩展名决定", metavar="OUT")],
    to: Annotated[str | None, typer.Option("--to", help=f"输出格式：{'|'.join(FORMATS)}（默认看扩展名）")] = None,
    with_review: Annotated[
        bool,
        typer.Option(
            "--review",
            "-r",
            help="先审核，把审核意见写进输出（Excel 批注和“审核意见”表；Word、HTML、PDF 标出单元格并附意见列表）",
        ),
    ] = False,
    profile: Annotated[str, typer.Option("--profile", "-p", help="审核配置名称或 YAML 文件路径（配合 --review）")] = (
        "national"
    ),
    select: Annotated[
        list[str] | None, typer.Option("--select", "-s", help="只运行这些审核规则（配合 --review）")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", "-i", help="不运行这些审核规则（配合 --review）")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", min=2000, max=2100, help=YEAR_HELP)] = None,
    kind: Annotated[
        Kind,
        typer.Option("--kind", "-k", help="表的种类：目标表 target、自评表 selfeval、监控表 monitor；auto 按表头判断"),
    ] = Kind.auto,
    with_scores: Annotated[
        bool,
        typer.Option(
            "--score",
            help="自评表：空白的得分、执行率、总分和评价等级按评分规则填上；部门评分表写上评价等级（配置见 --profile）",
        ),
    ] = False,
) -> None:
    """把目标表、自评表或监控表从一种格式转换为另一种（xlsx、docx、html、pdf、txt；目标表还可 json），可附审核意见。"""
    try:
        if destination.exists() and destination.resolve() == source.resolve():
            raise JixiaoError("输出文件与输入文件相同，请换一个输出文件名", file=destination)
        departments = _departments(source)
        if departments:
            if with_review or kind is not Kind.auto:
                raise JixiaoError("部门整体表的转换不带 --kind、--review；审核请用 jixiao review")
            from ..io.writers.reports import kind_name, write_reports

            if with_scores:
                departments = [_with_grade(table, profile) for table in departments]
            written = write_reports(departments, destination, to=to)
            typer.echo(f"已写出 {len(departments)} 张{kind_name(departments)}：{written}")
            return
        chosen = kind.value if kind is not Kind.auto else kind_of_file(source)
        if chosen != Kind.target:
            if with_review:
                raise JixiaoError("--review 只用于目标表；自评表请用 jixiao score，监控表请用 jixiao monitor")
            count, label, written = _convert_report(source, destination, to, chosen, profile if with_scores else None)
            typer.echo(f"已写出 {count} 张{label}：{written}")
            return
        if with_scores:
            raise JixiaoError("--score 只用于自评表")
        name = format_for(destination, to)
        reviewer = None
        if with_review:
            if name not in _WITH_FINDINGS:
                raise JixiaoError(
                    f"--review 的审核意见只能写进 {'、'.join(_WITH_FINDINGS)}；请用 jixiao review 输出 json"
                )
            from ..review import Reviewer

            reviewer = Reviewer(
                profile, selectors=split_selectors(select) or None, ignore=split_selectors(ignore), year=year
            )
        tables = read(source)
        findings = [list(reviewer.review(table).findings) for table in tables] if reviewer else None
        written = write(tables, destination, to=name, findings=findings)
    except JixiaoError as error:
        fail(error)
    typer.echo(f"已写出 {len(tables)} 张目标表：{written}")
    if findings is not None:
        counts = {severity: sum(f.severity is severity for found in findings for f in found) for severity in Severity}
        typer.echo(
            f"审核意见：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，提示 {counts[Severity.INFO]}"
        )


def _departments(source: Path) -> list[DepartmentTable]:
    """The department-wide tables in ``source``; refused when the file mixes them with project tables."""
    from ..reading import read_grids
    from .department import split_departments

    departments, others = split_departments(read_grids(source))
    if departments and any(is_indicator_header(row) for grid in others for row in grid.rows):
        raise JixiaoError("文件里既有部门整体表又有项目表，请分成两个文件再转换", file=source)
    return departments


def _with_grade(table: DepartmentTable, profile: str) -> DepartmentTable:
    """A 评分表 with its 评价等级 by the scoring rules of ``profile`` (a 目标表 as it is)."""
    import dataclasses

    from ..department import DepartmentKind, score_department

    if table.kind is not DepartmentKind.SELFEVAL:
        raise JixiaoError("--score 只用于自评表和部门整体评分表")
    return dataclasses.replace(table, grade=score_department(table, profile).grade)


def _convert_report(
    source: Path, destination: Path, to: str | None, kind: str, profile: str | None
) -> tuple[int, str, Path]:
    """Read the 自评表 (or 监控表) in ``source``, write them to ``destination``; scored under ``profile`` if given."""
    from ..io.writers.layout_selfeval import with_scores
    from ..io.writers.reports import Report, report_format, write_reports
    from ..scoring import score

    report_format(destination, to)  # a wrong format is said before the file is read
    reports: list[Report]
    if kind == Kind.selfeval:
        selfevals = read_selfevals(source)
        if profile is not None:
            selfevals = [with_scores(se, score(se, profile)) for se in selfevals]
        reports, label = list(selfevals), "自评表"
    else:
        if profile is not None:
            raise JixiaoError("--score 只用于自评表")
        reports, label = list(read_monitoring(source)), "监控表"
    return len(reports), label, write_reports(reports, destination, to=to)
