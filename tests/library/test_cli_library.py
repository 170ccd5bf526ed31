"""`jixiao library …` as a user runs it: build, suggest, curation, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli.app import app
from testdata import DATA, SEED

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_then_suggest_a_satisfaction_indicator(tmp_path: Path) -> None:
    out = tmp_path / "lib.sqlite"
    code, stdout, stderr = run("library", "build", str(DATA / "corpus"), str(DATA / "review" / "clean"),
                               str(DATA / "selfeval"), str(DATA / "unseen"), str(SEED), "--out", str(out))  # fmt: skip
    assert code == 0, stderr
    assert stdout.startswith(f"已生成指标库 {out}：")
    assert "跳过：" in stderr and "035_a.tsv，第3行" in stderr
    code, stdout, _ = run("library", "suggest", "-l", str(out), "--level2", "满意度", "群众满意度", "--limit", "1")
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0].startswith("服务对象满意度指标|全部|服务对象满意度")
    assert "受益农户满意度（3）" in lines[1] and "群众满意度（1）" in lines[1]
    # median 90 % over every unit's ≥85 %…≥95 % (how many grows as the readers read more of the corpus)
    assert re.match(r"    常见指标值：90%（四分位 90–9\d(\.\d+)?%，\d+ 个）；符号 ≥；单位 %", lines[2]), lines[2]
    assert "自评完成 1/1（100%）" in lines[2]
    code, stdout, _ = run("library", "suggest", "-l", str(out), "--level2", "数量指标", "培训", "--format", "json")
    found = json.loads(stdout)["suggestions"]
    training = next(s for s in found if s["group"] == "培训人次")
    assert training["typical"][0] == {"unit": "人次", "count": 1, "q1": 600, "median": 600, "q3": 600,
                                      "min": 600, "max": 600}  # fmt: skip
    code, stdout, _ = run("library", "suggest", "-l", str(out), "完全无关的名称abc")
    assert code == 1 and "没有与" in stdout


def test_curation_commands_and_errors(tmp_path: Path) -> None:
    out = tmp_path / "lib.sqlite"
    assert run("library", "build", str(DATA / "review" / "clean"), "--out", str(out))[0] == 0
    key = "数量指标|培训|培训人次"
    assert run("library", "recommend", key, "-l", str(out)) == (0, f"已推荐：{key}\n", "")
    code, stdout, _ = run("library", "show", key, "-l", str(out))
    assert code == 0 and stdout.startswith(f"★推荐 {key}")
    code, _, stderr = run("library", "merge", key, "--into", "数量指标|培训|没有", "-l", str(out))
    assert code == 2 and "没有条目“数量指标|培训|没有”" in stderr
    assert run("library", "retire", key, "-l", str(out))[0] == 0
    code, stdout, _ = run("library", "suggest", "培训人次", "--kind", "培训", "-l", str(out))
    assert key not in stdout
    code, _, stderr = run("library", "suggest", "培训", "--kind", "宇宙", "-l", str(out))
    assert code == 2 and "没有“宇宙”这类项目" in stderr
    code, _, stderr = run("library", "suggest", "培训", "-l", str(tmp_path / "none.sqlite"))
    assert code == 2 and "指标库文件不存在" in stderr


def test_review_with_a_library_flags_a_target_far_below_the_typical_one(tmp_path: Path) -> None:
    from review.support import HEADER

    out = tmp_path / "lib.sqlite"
    sources = [str(DATA / "review" / "clean"), str(DATA / "selfeval"), str(DATA / "unseen")]
    assert run("library", "build", *sources, "--out", str(out))[0] == 0
    table = tmp_path / "low.txt"
    rows = [
        "产出指标\t数量指标\t指标1：改造供水管网长度\t≥12公里\t计划标准\t10公里\t80\t按照完成比例赋分\t正式资料",
        "满意度指标\t服务对象满意度指标\t指标1：受益群众满意度\t≥70%\t其他标准\t75%\t10\t满意度赋分\t工作资料",
    ]
    table.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    code, stdout, _ = run("review", str(table), "--select", "JX-R010", "--library", str(out), "--format", "json")
    (finding,) = json.loads(stdout)["tables"][0]["findings"]
    assert code == 1 and finding["code"] == "JX-R010"
    assert finding["location"]["indicator"] == "受益群众满意度" and finding["location"]["row"] == 9
    # the 工程建设 projects of the library (a 供水管网改造工程 is one): 85%, 90%, 90%, 90%
    assert "4 个指标值，中位数 90%，四分位 88.75–90%" in finding["message"]
    code, stdout, _ = run("review", str(table), "--select", "JX-R010", "--format", "json")
    assert code == 0 and json.loads(stdout)["tables"][0]["findings"] == []
