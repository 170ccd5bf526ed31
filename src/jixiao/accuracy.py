"""Reading accuracy over transcribed real tables: per field, how many values are read right, wrong, refused or
noted.

A folder holds the tables (``transcribed/*.tsv``) and ``transcribed/expected.json`` — one object per table with its
indicators (name, 一级/二级, target text, actual text, weight, published score), its budget block and its published
total and grade, each as printed. Each expected value is counted once:

* **right** — read to the value printed (targets also with the operator and unit the printed text means);
* **noted** — read otherwise, but a reading note on the table names its row or its field: the user is told;
* **refused** — the table was refused with a message saying why;
* **wrong** — read otherwise with nothing said: must be 0.

``python -m jixiao.accuracy tests/data/corpus --write docs/accuracy.md`` regenerates the report's section.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import JixiaoError
from .model import Indicator, Target, TargetTable
from .model_selfeval import IndicatorResult, SelfEvaluation
from .notes import ReadingNote
from .reading import read
from .scoring import read_selfevals
from .values import normalize, parse_number, parse_target

FIELDS = ("header", "level", "name", "target", "weight", "actual", "score")
LABELS = {
    "header": "表头与预算执行（预算数、执行数、执行率、分值、得分、总分、等级）",
    "level": "一级、二级指标",
    "name": "三级指标名称",
    "target": "指标值（连同符号和单位）",
    "weight": "分值",
    "actual": "实际完成值",
    "score": "得分",
}
OUTCOMES = ("right", "noted", "refused", "wrong")
_SELFEVAL_KINDS = ("selfeval", "dept-selfeval")
BEGIN, END = "<!-- corpus accuracy: begin -->", "<!-- corpus accuracy: end -->"


@dataclass
class Tally:
    counts: dict[str, Counter[str]] = field(default_factory=lambda: {name: Counter() for name in FIELDS})
    wrong: list[str] = field(default_factory=list)  # what was read wrong, for the report and the test
    tables: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, outcome: str, what: str = "") -> None:
        self.counts[name][outcome] += 1
        if outcome == "wrong":
            self.wrong.append(what)


def _norm(text: object) -> str:
    folded = normalize(str(text)) if text is not None else ""
    folded = re.sub(r"\s+", "", folded)
    return re.sub(r"^(指标\d+[:：]|★+)", "", folded)


def _norm_target(text: object) -> str:
    return re.sub(r"^[=＝]", "", _norm(text))


def _number(text: object) -> Decimal | None:
    if text is None:
        return None
    try:
        return parse_number(normalize(str(text)).removesuffix("分").removesuffix("%"))
    except JixiaoError:
        return None


def _same_target(got: Target | None, printed: str, name: str) -> bool:
    if got is None or _norm_target(got.text) != _norm_target(printed):
        return False
    meant = parse_target(re.sub(r"\s+", "", printed), name=name)
    return meant is None or (meant.operator, meant.value, meant.unit) == (got.operator, got.value, got.unit)


def _noted(notes: tuple[ReadingNote, ...], row: int | None, name: str) -> bool:
    return any((row is not None and note.row == row) or note.field == name for note in notes)


def tally(folder: Path) -> Tally:
    """Every expected value of the folder's tables, read and counted."""
    result = Tally()
    cases = json.loads((folder / "transcribed" / "expected.json").read_text(encoding="utf-8"))
    for case in cases:
        _tally_case(result, folder / "transcribed" / case["file"], case)
    return result


def _expected_values(case: dict[str, Any]) -> Iterator[tuple[str, object]]:
    for indicator in case["indicators"]:
        for key, name in (("name", "name"), ("level1", "level"), ("level2", "level"), ("target_text", "target")):
            if indicator.get(key):
                yield name, indicator[key]
        for key, name in (("weight", "weight"), ("actual_text", "actual"), ("published_score", "score")):
            if indicator.get(key) is not None:
                yield name, indicator[key]
    for value in (case.get("budget") or {}).values():
        if value is not None:
            yield "header", value
    for key in ("published_total", "published_grade"):
        if case.get(key) is not None:
            yield "header", case[key]


def _tally_case(result: Tally, path: Path, case: dict[str, Any]) -> None:
    selfeval: SelfEvaluation | None = None
    try:
        if case["kind"] in _SELFEVAL_KINDS:
            selfeval = read_selfevals(path)[0]
            table = selfeval.table
        else:
            table = read(path)[0]
    except JixiaoError:
        result.tables["refused"] += 1
        for name, _value in _expected_values(case):
            result.add(name, "refused")
        return
    result.tables["read"] += 1
    results = {id(r.indicator): r for r in selfeval.results} if selfeval else {}
    by_name = {_norm(indicator.name): indicator for indicator in table.indicators}
    for want in case["indicators"]:
        got = by_name.get(_norm(want["name"]))
        _indicator(result, case["file"], table, want, got, results.get(id(got)) if got else None)
    if selfeval is not None:
        _header(result, case, selfeval)


def _indicator(
    result: Tally,
    file: str,
    table: TargetTable,
    want: dict[str, Any],
    got: Indicator | None,
    outcome: IndicatorResult | None,
) -> None:
    row = got.source.row if got else None

    def count(name: str, right: bool, printed: object) -> None:
        if right:
            result.add(name, "right")
        elif _noted(table.notes, row, name if name != "level" else "level1"):
            result.add(name, "noted")
        else:
            result.add(name, "wrong", f"{file} {want['name'][:16]} {name}: {printed!r}")

    count("name", got is not None, want["name"])
    for key in ("level1", "level2"):
        if want.get(key):
            written = getattr(got, f"{key}_text") if got else None
            count("level", _norm(written) == _norm(want[key]), want[key])
    if want.get("target_text"):
        printed = want["target_text"]
        count("target", got is not None and _same_target(got.target, printed, got.name), printed)
    if want.get("weight") is not None:
        count("weight", got is not None and got.weight == _number(want["weight"]), want["weight"])
    if want.get("actual_text") is not None:
        actual = outcome.actual.text if outcome and outcome.actual else None
        count("actual", _norm_target(actual) == _norm_target(want["actual_text"]), want["actual_text"])
    if want.get("published_score") is not None:
        score = outcome.score if outcome else None
        count("score", score is not None and score == _number(want["published_score"]), want["published_score"])


def _header(result: Tally, case: dict[str, Any], selfeval: SelfEvaluation) -> None:
    budget = selfeval.budget
    read_as = {
        "initial": budget.initial,
        "full_year": budget.full_year,
        "executed": budget.executed,
        "published_rate": budget.rate,
        "published_score": budget.score,
        "weight": budget.weight,
    }
    printed = [(key, value, read_as.get(key)) for key, value in (case.get("budget") or {}).items() if value is not None]
    printed += [("published_total", case.get("published_total"), selfeval.published_total)]
    for key, value, got in printed:
        if value is None:
            continue
        right = got == _number(value)
        noted = _noted(selfeval.table.notes, None, "total" if key == "published_total" else "budget")
        outcome = "right" if right else "noted" if noted else "wrong"
        result.add("header", outcome, f"{case['file']} {key}: {value!r} read {got}")
    grade = case.get("published_grade")
    if grade is not None:
        right = _norm(selfeval.published_grade) == _norm(grade)
        result.add("header", "right" if right else "wrong", f"{case['file']} grade: {grade!r}")


def markdown(result: Tally, folder: str) -> str:
    lines = [
        BEGIN,
        "## Transcribed real tables",
        "",
        f"`python3 dev.py accuracy` reads every table under `{folder}/transcribed/` (real published tables, hand",
        "transcribed, with the values each must read to in `expected.json`) and counts each printed value once:",
        "**right** (the value printed; a target also with the operator and unit its text means), **noted** (read",
        "otherwise, and a reading note on the table names its row or field), **refused** (the table was refused with",
        "a message saying why) or **wrong** (read otherwise with nothing said — must be 0; a test keeps it so).",
        "",
        f"{result.tables['read']} tables read, {result.tables['refused']} refused.",
        "",
        "| field | right | noted | refused | wrong |",
        "|---|---|---|---|---|",
    ]
    for name in FIELDS:
        counts = result.counts[name]
        lines.append(f"| {LABELS[name]} | " + " | ".join(str(counts[outcome]) for outcome in OUTCOMES) + " |")
    total = sum((result.counts[name] for name in FIELDS), Counter())
    lines.append("| **all** | " + " | ".join(f"**{total[outcome]}**" for outcome in OUTCOMES) + " |")
    if result.wrong:
        lines += ["", "Read wrong:", "", *(f"* {what}" for what in result.wrong)]
    lines += ["", END]
    return "\n".join(lines)


def write_section(document: Path, section: str) -> None:
    """Put ``section`` in ``document`` between its markers, or before the first section when it has none."""
    text = document.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        text = head + section + tail
    else:
        head, marker, tail = text.partition("\n## ")
        text = head + "\n" + section + "\n" + marker + tail if marker else text + "\n" + section + "\n"
    document.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a folder with transcribed/*.tsv and transcribed/expected.json")
    parser.add_argument("--write", type=Path, help="the Markdown file whose corpus section to regenerate")
    args = parser.parse_args(argv)
    result = tally(args.folder)
    section = markdown(result, args.folder.as_posix())
    if args.write:
        write_section(args.write, section)
    else:
        print(section)
    return 1 if result.wrong else 0


if __name__ == "__main__":
    sys.exit(main())
