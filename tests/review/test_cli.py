"""`jixiao review` and `jixiao rule` as a user runs them: output, JSON schema, exit codes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from jixiao.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SEED = str(ROOT / "examples" / "seed_2024.txt")
CLEAN = ROOT / "tests" / "data" / "review" / "clean"
runner = CliRunner()


def schema() -> dict[str, object]:
    text = (resources.files("jixiao") / "schemas" / "review.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, object] = json.loads(text)
    return loaded


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_output_matches_schema_and_counts() -> None:
    code, out, _ = run("review", SEED, "--format", "json", "--profile", "xinjiang")
    assert code == 1
    document = json.loads(out)
    jsonschema.validate(document, schema())
    assert [t["project_name"] for t in document["tables"]][:3] == [
        "国有资本经营预算项目",
        "自治区区属国有企业外部董事薪酬",
        "自治区国有企业改革成本",
    ]
    first = document["tables"][0]["findings"][0]
    assert set(first) == {"code", "severity", "title", "message", "location"}
    assert first["location"] == {"indicator": "项目完工进度（%）", "field": "target", "row": 12, "column": 4}
    stats = document["stats"]
    assert stats["tables"] == 6 and stats["profile"] == "xinjiang"
    assert stats["by_severity"] == {"error": 3, "warning": 26, "info": 3}
    assert stats["by_code"]["JX-C003"] == 3


def test_text_output_names_path_and_cell() -> None:
    code, out, _ = run("review", SEED, "--select", "JX-M003")
    assert code == 1
    assert "JX-M003" in out and "产出指标/时效指标/指标1：财政资金执行率（%）" in out
    assert "第13行第5列" in out and "“1”" in out


def test_clean_tables_exit_zero() -> None:
    files = [str(path) for path in sorted(CLEAN.glob("*.txt"))]
    code, out, _ = run("review", *files, "--format", "json")
    assert code == 0
    document = json.loads(out)
    jsonschema.validate(document, schema())
    assert document["stats"]["findings"] == 0 and document["stats"]["tables"] == 6


def test_info_alone_is_clean() -> None:
    code, out, _ = run("review", SEED, "--select", "JX-R004", "--format", "json")
    assert code == 0 and json.loads(out)["stats"]["by_severity"]["info"] == 2


def test_select_and_ignore_take_codes_prefixes_and_groups() -> None:
    _, out, _ = run("review", SEED, "--format", "json", "--select", "JX-R,规范性", "--ignore", "JX-R001")
    codes = set(json.loads(out)["stats"]["by_code"])
    assert codes == {"JX-R002", "JX-R004", "JX-N002", "JX-N003", "JX-N004"}


def test_year_option_changes_the_framework() -> None:
    _, out, _ = run("review", SEED, "--format", "json", "--select", "JX-C003", "--year", "2021")
    assert json.loads(out)["stats"]["by_code"] == {"JX-C003": 2}  # 效益指标 in tables 2 and 3; no 成本指标 needed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "no-such-file.txt"], "文件不存在"),
        (["review", SEED, "--profile", "hainan"], "没有名为“hainan”的配置"),
        (["review", SEED, "--select", "JX-Q9"], "没有与“JX-Q9”匹配的规则"),
        (["rule", "JX-Q001"], "没有代码、前缀或分组为“JX-Q001”的规则"),
    ],
)
def test_usage_and_input_errors_exit_two(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_profile_from_a_path(tmp_path: Path) -> None:
    profile = tmp_path / "strict.yaml"
    profile.write_text("name: strict\nextends: national\nreview:\n  satisfaction_minimum: 90\n", encoding="utf-8")
    _, out, _ = run("review", SEED, "--format", "json", "--select", "JX-R009", "--profile", str(profile))
    document = json.loads(out)
    assert document["stats"]["profile"] == "strict"
    flagged = [f["location"]["indicator"] for t in document["tables"] for f in t["findings"]]
    assert flagged == ["国有企业满意率（%）", "受保机构满意率", "受保新型农业经营主体满意率"]


def test_malformed_review_section_is_a_profile_error(tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text("name: bad\nreview:\n  indicator_weight_total: lots\n", encoding="utf-8")
    code, _, err = run("review", SEED, "--profile", str(profile))
    assert code == 2
    assert "bad.yaml" in err and "review/indicator_weight_total" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: bad\nreview:\n  goal_min_charz: 10\n", "未知的配置项：review/goal_min_charz；可用：default_year"),
        ("name: bad\nreview:\n  vocabularies:\n    basiz: [计划标准]\n", "未知的配置项：review/vocabularies/basiz"),
        ("name: bad\nreview:\n  goal_min_chars: many\n", 'review/goal_min_chars 应为整数，现为 "many"'),
        ("name: bad\nreview:\n  required_level1: 产出指标\n", "review/required_level1 应为列表"),
        ("name: bad\nreview:\n  goal_min_chars: -3\n", "review/goal_min_chars 不能小于0，现为 -3"),
        ("name: bad\nreview:\n  required_level1: [产出指标, 效益]\n", 'review/required_level1/1 只能是 "产出指标"'),
        ("name: bad\nextends: hainan\n", "bad.yaml：extends：没有名为“hainan”的配置"),
        ("name: bad\nreview: [\n", "bad.yaml，第3行，第1列：YAML 格式错误"),
        ("reviw:\n  goal_min_chars: 3\n", "bad.yaml：未知的配置项：reviw"),
    ],
)
def test_profile_errors_are_one_plain_chinese_line(tmp_path: Path, text: str, message: str) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text(text, encoding="utf-8")
    code, _, err = run("review", SEED, "--profile", str(profile))
    assert code == 2
    assert message in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "unexpected" not in err


def test_rule_command_prints_documentation() -> None:
    code, out, _ = run("rule", "jx-r002")
    assert code == 0
    assert out.startswith("JX-R002  反向指标上年实际已超出目标值")
    assert "反例：" in out and "担保费率" in out
