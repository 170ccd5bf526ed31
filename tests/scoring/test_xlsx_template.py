"""jixiao's own 自评表 template, filled in Excel and scored: the same road as any 自评表."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.scoring import score
from jixiao.scoring.reading import read_selfevals

ROOT = Path(__file__).parent.parent.parent
runner = CliRunner()


def _filled(tmp_path: Path, total: float | None) -> Path:
    template = tmp_path / "s.xlsx"
    result = runner.invoke(app, ["template", "selfeval", str(ROOT / "examples" / "seed_2024.txt"), "-o", str(template)])
    assert result.exit_code == 0, result.output
    book = load_workbook(template)
    sheet = book.worksheets[0]
    assert (sheet["A26"].value, sheet["B26"].value) == ("总分", 100)  # the full marks, 得分 left to fill in C26
    sheet["D6"] = 110000  # 全年执行数
    sheet["G6"] = 9.62
    actuals = {14: "8户", 15: "10个", 16: "45%", 17: "1", 18: "按时", 19: "120000", 20: "12.5亿元", 21: "103%"}
    actuals |= {22: 2400, 23: "4.6亿元", 24: "100%", 25: "95%"}
    for row, actual in actuals.items():
        sheet[f"E{row}"] = actual
        sheet[f"G{row}"] = sheet[f"F{row}"].value  # full points everywhere, as many units write
    sheet["H14"] = "2户企业项目未落地"
    if total is not None:
        sheet["C26"] = total
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    return filled


def test_filled_template_is_scored_and_audited(tmp_path: Path) -> None:
    selfeval = read_selfevals(_filled(tmp_path, total=100))[0]
    assert selfeval.budget.executed == Decimal(110000)
    assert selfeval.published_total == Decimal(100)
    sheet = score(selfeval, "xinjiang")
    scores = {item.name: item.score for item in sheet.indicators}
    assert scores["支持国有企业户数"] == Decimal("6.40")  # 8/10 × 8
    assert scores["项目支出（万元）"] == Decimal("19.06")  # ≤114352 with 120000: 114352/120000 × 20
    assert scores["利润总额（万元）"] == Decimal("4.00")  # 12.5亿元 = 125000万元 ≥ 100000
    assert sheet.total == Decimal("96.50")
    codes = sheet.findings.codes()
    assert codes.count("JX-S002") == 4  # full points on 4 shortfalls (户数, 项目支出, 保值增值率, 满意率)
    assert "JX-S009" in codes  # 9.62 + 90 = 99.62, total written 100


def test_the_templates_full_marks_are_not_a_published_total(tmp_path: Path) -> None:
    selfeval = read_selfevals(_filled(tmp_path, total=None))[0]
    assert selfeval.published_total is None
    assert "JX-S009" not in score(selfeval, "xinjiang").findings.codes()
