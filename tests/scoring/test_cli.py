"""`jixiao score` and `jixiao monitor` as a user runs them: text, JSON against its schema, exit codes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from jixiao.cli.app import app

ROOT = Path(__file__).parent.parent.parent
SAMPLES = ROOT / "tests" / "data" / "samples"
runner = CliRunner()


def _schema(name: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((resources.files("jixiao") / "schemas" / name).read_text(encoding="utf-8"))
    return loaded


def test_score_json_matches_schema_and_design_keys() -> None:
    result = runner.invoke(app, ["score", str(SAMPLES / "003_a.tsv"), str(SAMPLES / "004_a.tsv"), "--format", "json"])
    assert result.exit_code == 1  # 004 has a warning
    document = json.loads(result.stdout)
    jsonschema.validate(document, _schema("score.schema.json"))
    putuo, huanggang = document["tables"]
    budget = putuo["budget"]
    assert (budget["full_year"], budget["executed"], budget["rate"], budget["weight"]) == (250000, 215457.6, 86.18, 10)
    assert (putuo["budget"]["score"], putuo["budget"]["published_score"]) == (8.62, 8.62)
    assert (putuo["total"], putuo["grade"], putuo["published_total"]) == (98.62, "优", 98.62)
    assert [f["code"] for f in putuo["findings"]] == ["JX-S008"]
    assert huanggang["profile"] == "hubei"
    docked = huanggang["indicators"][2]
    assert [docked[key] for key in ("name", "weight", "score", "published_score")] == ["整编资料审核", 20, 20, 19.6]
    assert docked["weight_inferred"] is True
    location = huanggang["findings"][0]["location"]
    assert location == {"indicator": "整编资料审核", "field": "score", "row": 16, "column": 6}


def test_score_text_shows_target_actual_weight_scores_and_rule() -> None:
    result = runner.invoke(app, ["score", str(SAMPLES / "003_a.tsv")], env={"COLUMNS": "200"})
    assert result.exit_code == 0  # only an info finding
    assert "场馆开放满意度" in result.stdout and ">=90%" in result.stdout
    assert "正向指标，达标满分" in result.stdout
    assert "总分 98.62  等级 优" in result.stdout
    assert "JX-S008" in result.stdout


def test_score_profile_option_overrides_detection() -> None:
    result = runner.invoke(app, ["score", str(SAMPLES / "004_a.tsv"), "--profile", "national", "-f", "json"])
    table = json.loads(result.stdout)["tables"][0]
    assert table["profile"] == "national"
    assert table["budget"]["weight"] == 20  # the table prints its own 20分, which wins


def test_score_from_actuals_file() -> None:
    result = runner.invoke(
        app,
        [
            "score",
            str(ROOT / "examples" / "seed_2024.txt"),
            "--actuals",
            str(ROOT / "examples" / "actuals_2024.csv"),
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    (table,) = json.loads(result.stdout)["tables"]
    jsonschema.validate({"tables": [table]}, _schema("score.schema.json"))
    assert (table["budget"]["rate"], table["budget"]["score"]) == (96.19, 9.62)
    assert (table["total"], table["grade"]) == (97.54, "优")
    assert table["findings"] == []


def test_monitor_json_matches_schema() -> None:
    result = runner.invoke(app, ["monitor", str(SAMPLES / "038_a.tsv"), "--format", "json"])
    assert result.exit_code == 0  # a yellow light is information, not a warning
    document = json.loads(result.stdout)
    jsonschema.validate(document, _schema("monitor.schema.json"))
    (table,) = document["tables"]
    assert (table["month"], table["expected_progress"], table["budget"]["rate"]) == (6, 50, 39.8)
    assert table["budget"]["light"] == "yellow"
    assert [(i["name"], i["light"]) for i in table["indicators"]] == [("成本", "green"), ("社会效益", "green")]
    assert (table["forecast_total"], table["forecast_grade"]) == (95.92, "优")


@pytest.mark.parametrize(
    ("command", "file", "message"),
    [
        ("score", "020_a.tsv", "文件里没有绩效自评表（找到的是绩效目标表）"),
        ("monitor", "003_a.tsv", "文件里没有绩效运行监控表（找到的是绩效自评表）"),
        ("score", "missing.tsv", "文件不存在"),
    ],
)
def test_wrong_kind_or_missing_file_is_one_line_and_exit_2(command: str, file: str, message: str) -> None:
    result = runner.invoke(app, [command, str(SAMPLES / file)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_unknown_profile_is_a_user_error() -> None:
    result = runner.invoke(app, ["score", str(SAMPLES / "003_a.tsv"), "--profile", "atlantis"])
    assert result.exit_code == 2
    assert "没有名为“atlantis”的配置" in result.output


def test_public_scoring_api() -> None:
    import jixiao.scoring as scoring

    assert sorted(scoring.__all__) == [
        "BudgetScore",
        "IndicatorScore",
        "MonitorSheet",
        "ScoreSheet",
        "document_kind",
        "monitor",
        "read_monitoring",
        "read_selfevals",
        "score",
    ]
    sheet = scoring.score(scoring.read_selfevals(SAMPLES / "004_a.tsv")[0], profile="hubei")
    assert sheet.findings.flatten() == [("JX-S003", "整编资料审核", "score")]


@pytest.mark.parametrize(
    "path",
    [SAMPLES / "003_a.tsv", SAMPLES / "004_a.tsv", SAMPLES / "011_a.tsv", ROOT / "tests/data/selfeval/quyu_2023.tsv"],
    ids=lambda path: path.name,
)
def test_every_selfeval_sample_validates(path: Path) -> None:
    result = runner.invoke(app, ["score", str(path), "--format", "json"])
    assert result.exit_code in (0, 1)
    jsonschema.validate(json.loads(result.stdout), _schema("score.schema.json"))


def test_monitor_text_shows_lights_and_forecast() -> None:
    result = runner.invoke(app, ["monitor", str(SAMPLES / "038_a.tsv")], env={"COLUMNS": "200"})
    assert "1-6月执行 87.57（万元），年初预算数 220，执行率 39.80%，应达 50.00%  黄灯" in result.stdout
    assert "全年预计执行：175.14（按目前进度推算），占 79.61%" in result.stdout
    assert "预计全年得分 95.92  预计等级 优" in result.stdout


def test_profile_from_a_yaml_path(tmp_path: Path) -> None:
    profile = tmp_path / "one_place.yaml"
    profile.write_text("name: one_place\nextends: national\nscoring:\n  rounding: {places: 1}\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(SAMPLES / "003_a.tsv"), "--profile", str(profile), "-f", "json"])
    (table,) = json.loads(result.stdout)["tables"]
    assert table["profile"] == "one_place"
    assert table["budget"]["score"] == 8.6  # 8.618… rounded once, to one place
    assert [f["code"] for f in table["findings"]] == ["JX-S007", "JX-S008"]  # 8.62 is not the 8.6 this profile gives


@pytest.mark.parametrize(("command", "file"), [("score", "003_a.tsv"), ("monitor", "038_a.tsv")])
def test_text_in_a_narrow_terminal_wraps_instead_of_cutting(command: str, file: str) -> None:
    result = runner.invoke(app, [command, str(SAMPLES / file)], env={"COLUMNS": "80"})
    assert "…" not in result.stdout
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    if command == "score":
        # 费用结算及时性's rule, folded over its cell's lines, reads in full
        start = next(i for i, line in enumerate(lines) if "费用结算及时" in line)
        rule = "".join(line.split("│")[-2].strip() for line in lines[start : start + 6])
        assert "定性指标，达成（据实际完成值文字），取100%（80%–100%）" in rule


def test_rates_are_shown_rounded_half_up(tmp_path: Path) -> None:
    # 689 / 800 = 86.125 %: shown 86.13 %, as the published table prints it (no JX-S008)
    table = tmp_path / "half.tsv"
    rows = [
        "## 项目支出绩效自评表",
        "项目名称\t半数测试",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t800\t800\t689\t10\t86.13%\t8.61",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标\t数量指标\t培训人数\t≥100人\t100人\t90\t90\t",
        "总分\t100\t98.61",
    ]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    text = runner.invoke(app, ["score", str(table)], env={"COLUMNS": "200"})
    assert "执行率 86.13%  分值 10  得分 8.61  公布 8.61" in text.stdout
    assert "JX-S008" not in text.stdout
    document = json.loads(runner.invoke(app, ["score", str(table), "-f", "json"]).stdout)
    assert document["tables"][0]["budget"]["rate"] == 86.13


def test_score_from_actuals_text_has_no_published_column() -> None:
    seed, actuals = ROOT / "examples" / "seed_2024.txt", ROOT / "examples" / "actuals_2024.csv"
    result = runner.invoke(app, ["score", str(seed), "--actuals", str(actuals)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "公布" not in result.stdout  # nothing published: no 公布得分 column, no 公布总分
    assert "┃ 分值 ┃ 得分 ┃ 适用规则" in result.stdout
    assert "总分 97.54  等级 优" in result.stdout
