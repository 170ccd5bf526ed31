"""The rule catalog as documentation: `jixiao rule CODE` and `docs/rules.md` come from here.

Each rule's docstring has a summary line and the sections 检查内容 / 为什么是问题 / 反例 / 正例.
``python -m jixiao.rules.catalog > docs/rules.md`` regenerates the catalog page.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from ..findings import Severity
from .base import Rule
from .registry import GROUPS, REGISTRY, group_of, load

SECTIONS = ("检查内容", "为什么是问题", "反例", "正例")
_HEADING = re.compile(rf"^({'|'.join(SECTIONS)})：\s*", re.MULTILINE)
RuleClass = type[Rule[Any, Any]]
#: What a rule's reference data is called, and how a user gives it.
REFERENCES = {"library": "指标库（`jixiao review --library 指标库.sqlite`），未给出时不检查"}


def sections(rule: RuleClass) -> dict[str, str]:
    """The docstring's sections by heading, plus ``summary`` (its first line)."""
    doc = inspect.getdoc(rule) or ""
    summary, _, body = doc.partition("\n")
    parts = _HEADING.split(body)
    found = {"summary": summary.strip()}
    for heading, text in zip(parts[1::2], parts[2::2], strict=True):
        found[heading] = inspect.cleandoc(text).strip()
    return found


def missing_sections(rule: RuleClass) -> list[str]:
    found = sections(rule)
    return [name for name in SECTIONS if not found.get(name)]


def rule_text(rule: RuleClass) -> str:
    """A rule's documentation as plain text, for the terminal."""
    found = sections(rule)
    lines = [
        f"{rule.code}  {rule.title}",
        f"分组：{group_of(rule.code)}    严重程度：{rule.severity.label}（{rule.severity.value}）"
        f"    审查对象：{rule.subject.label}",
        f"依据：{rule.citation}",
    ]
    if rule.config_keywords:
        lines.append(f"配置项：{_keywords(rule)}")
    if rule.requires:
        lines.append(f"需要：{_references(rule)}")
    for heading in SECTIONS:
        lines += ["", f"{heading}：", *("  " + line if line else "" for line in found.get(heading, "").splitlines())]
    return "\n".join(lines)


def _keywords(rule: RuleClass) -> str:
    return "、".join(f"`{key}`" for key in rule.config_keywords)


def _references(rule: RuleClass) -> str:
    return "；".join(REFERENCES.get(name, name) for name in rule.requires)


def _severity(severity: Severity) -> str:
    return f"{severity.label}（`{severity.value}`）"


def catalog_markdown() -> str:
    """``docs/rules.md``: every registered rule, grouped, in code order."""
    load()
    out = [
        "# 审核规则目录",
        "",
        "由规则注册表生成（`python -m jixiao.rules.catalog > docs/rules.md`），请勿手工编辑；测试会检查它与代码一致。",
        "在命令行查看单条规则：`jixiao rule JX-R001`。选择或忽略规则：`--select JX-R --ignore JX-R004`，"
        "也可按分组名（如“合理性”）选择。",
        "",
        "严重程度：错误（error）阻止提交；警告（warning）需书面说明；提示（info）供参考。"
        "`jixiao review` 有错误或警告时退出码为1，只有提示或没有发现时为0，用法或输入错误为2。",
        "",
        "年度：成本指标自配置的 `cost_level1_from` 年度（全国为2022年）起是必备的一级指标，此前可放在产出指标下。"
        "审核一张表时按以下顺序确定它的年度：命令行 `--year`（Python 中 `review(table, year=...)`）；"
        "表标题中的年度（如“2024年度项目支出绩效目标表”）；配置的 `review.default_year`"
        "（national 与 xinjiang 均为2024，示例 seed_2024.txt 的表没有写年度，因此按2024年的表审核）。",
        "",
        "配置：`--profile national`（默认）或 `--profile xinjiang`，也可给出 YAML 文件路径；"
        "各节的配置项见 `src/jixiao/schemas/profile.*.schema.json`。每条规则列出它读取的配置项"
        "（审核规则读 `review` 与 `weights` 两节，自评复核读 `scoring`，运行监控读 `monitoring`）。",
        "",
        "跨年度（JX-Y）规则比较同一项目各年的目标表和自评表，"
        "由 `jixiao diff 上年 本年` 与 `jixiao history 文件…` 运行；"
        "JX-R010 只在给出指标库时运行（`jixiao review --library 指标库.sqlite`）。",
        "",
        "| 代码 | 分组 | 问题 | 严重程度 |",
        "|---|---|---|---|",
    ]
    codes = sorted(REGISTRY)
    for code in codes:
        rule = REGISTRY[code]
        out.append(f"| [{code}](#{code.lower()}) | {group_of(code)} | {rule.title} | {_severity(rule.severity)} |")
    for letter, group in GROUPS.items():
        members = [code for code in codes if code[3] == letter]
        if not members:
            continue
        out += ["", f"## {group}（JX-{letter}）"]
        for code in members:
            rule = REGISTRY[code]
            found = sections(rule)
            out += [
                "",
                f"### {code}",
                "",
                f"**{rule.title}** — {_severity(rule.severity)}",
                "",
                f"依据：{rule.citation}",
            ]
            if rule.config_keywords:
                out += ["", f"配置项：{_keywords(rule)}"]
            if rule.requires:
                out += ["", f"需要：{_references(rule)}"]
            for heading in SECTIONS:
                text = found.get(heading, "")
                if heading in ("反例", "正例"):
                    text = "\n".join(f"> {line}" for line in text.splitlines())
                out += ["", f"**{heading}**", "", text]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(catalog_markdown(), end="")
