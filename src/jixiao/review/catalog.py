"""The rule catalog as documentation: `jixiao rule CODE` and `docs/rules.md` come from here.

Each rule's docstring has a summary line and the sections 检查内容 / 为什么是问题 / 反例 / 正例.
``python -m jixiao.review.catalog > docs/rules.md`` regenerates the catalog page.
"""

from __future__ import annotations

import inspect
import re

from ..findings import Severity
from .registry import GROUPS, REGISTRY, Rule, group_of

SECTIONS = ("检查内容", "为什么是问题", "反例", "正例")
_HEADING = re.compile(rf"^({'|'.join(SECTIONS)})：\s*", re.MULTILINE)


def sections(rule: type[Rule]) -> dict[str, str]:
    """The docstring's sections by heading, plus ``summary`` (its first line)."""
    doc = inspect.getdoc(rule) or ""
    summary, _, body = doc.partition("\n")
    parts = _HEADING.split(body)
    found = {"summary": summary.strip()}
    for heading, text in zip(parts[1::2], parts[2::2], strict=True):
        found[heading] = inspect.cleandoc(text).strip()
    return found


def missing_sections(rule: type[Rule]) -> list[str]:
    found = sections(rule)
    return [name for name in SECTIONS if not found.get(name)]


def rule_text(rule: type[Rule]) -> str:
    """A rule's documentation as plain text, for the terminal."""
    found = sections(rule)
    lines = [
        f"{rule.code}  {rule.title}",
        f"分组：{group_of(rule.code)}    严重程度：{rule.severity.label}（{rule.severity.value}）",
        f"依据：{rule.citation}",
    ]
    for heading in SECTIONS:
        lines += ["", f"{heading}：", *("  " + line if line else "" for line in found.get(heading, "").splitlines())]
    return "\n".join(lines)


def _severity(severity: Severity) -> str:
    return f"{severity.label}（`{severity.value}`）"


def catalog_markdown() -> str:
    """``docs/rules.md``: every registered rule, grouped, in code order."""
    out = [
        "# 审核规则目录",
        "",
        "由规则注册表生成（`python -m jixiao.review.catalog > docs/rules.md`），请勿手工编辑；测试会检查它与代码一致。",
        "在命令行查看单条规则：`jixiao rule JX-R001`。选择或忽略规则：`--select JX-R --ignore JX-R004`，"
        "也可按分组名（如“合理性”）选择。",
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
            for heading in SECTIONS:
                text = found.get(heading, "")
                if heading in ("反例", "正例"):
                    text = "\n".join(f"> {line}" for line in text.splitlines())
                out += ["", f"**{heading}**", "", text]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    from . import rules as _rules  # noqa: F401

    print(catalog_markdown(), end="")
