"""The questions people ask of a year of tables, as DuckDB queries over a batch dataset.

Each function takes a connection with the dataset's views (:func:`connect`) and returns a :class:`Result`:
a title, column labels and rows — what `jixiao analyze` prints, writes to Excel and draws, and what a web
dashboard shows. Numbers come back as DuckDB computes them (shares in [0, 1], amounts in 万元).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from ..batch.summary import connect
from ..profile import load_profile

__all__ = [
    "Result", "ambition", "connect", "coverage", "every_question", "frequent_findings", "grade_distribution",
    "score_breaches", "vague_share",
]  # fmt: skip
#: The code of the finding that marks a vague target (指标值是没有衡量标准的模糊用语).
VAGUE = "JX-M006"
#: The default quota of grades: at most this share of published self-evaluations may be 优.
DEFAULT_QUOTA = {"优": Decimal("0.3")}
#: What counts as a department: the 主管部门, or the 预算单位 when a table names none.
DEPARTMENT = "coalesce(nullif(t.department, ''), nullif(t.budget_unit, ''), '（未填）')"
#: The funding of a table in 万元.
FUNDING_WAN = (
    "coalesce(t.funding_total, 0) * CASE t.funding_unit WHEN '元' THEN 0.0001 WHEN '亿元' THEN 10000 ELSE 1 END"
)


@dataclass(frozen=True)
class Result:
    """One question answered: ``rows`` of values under ``columns`` (Chinese labels), and a note when useful."""

    key: str  # a stable name: ambition_by_department, vague_share, …
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    note: str | None = None

    def column(self, label: str) -> list[Any]:
        index = self.columns.index(label)
        return [row[index] for row in self.rows]


def _rows(
    connection: duckdb.DuckDBPyConnection, sql: str, parameters: list[Any] | None = None
) -> list[tuple[Any, ...]]:
    return connection.execute(sql, parameters or []).fetchall()


#: Target vs prior of every comparable quantitative indicator of a target table: > 1 asks more than last year.
#: Positive targets (≥ > =) compare target / prior; reverse ones (≤ <) prior / target, so that above 1 is
#: always the more demanding target.
_AMBITION = f"""
WITH compared AS (
  SELECT {DEPARTMENT} AS department, coalesce(i.level1, '（未归类）') AS level1,
         coalesce(i.level2, '（未归类）') AS level2,
         CASE WHEN i.operator IN ('<=', '<') THEN i.prior_in_target_unit / i.target_value
              ELSE i.target_value / i.prior_in_target_unit END AS ratio
  FROM indicators i JOIN tables t USING (table_id)
  WHERE t.kind = 'target' AND i.operator IN ('>=', '>', '=', '<=', '<')
    AND i.target_value > 0 AND i.prior_in_target_unit > 0
)
SELECT {{group}} AS grouped, count(*) AS n, median(ratio) AS median, avg(ratio) AS mean,
       avg(CASE WHEN ratio < 1 THEN 1 ELSE 0 END) AS below, avg(CASE WHEN ratio = 1 THEN 1 ELSE 0 END) AS equal,
       avg(CASE WHEN ratio > 1 THEN 1 ELSE 0 END) AS above
FROM compared GROUP BY grouped ORDER BY n DESC, grouped
"""
_AMBITION_COLUMNS = ("可比指标数", "目标/上年 中位数", "目标/上年 均值", "低于上年占比", "持平占比", "高于上年占比")
_GROUPS = {"department": ("部门", "department"), "level1": ("一级指标", "level1"), "level2": ("二级指标", "level2")}


def ambition(connection: duckdb.DuckDBPyConnection, by: str = "department") -> Result:
    """How ambitious targets are against last year's actual, by department, 一级 or 二级 indicator."""
    label, column = _GROUPS[by]
    rows = _rows(connection, _AMBITION.format(group=column))
    return Result(
        f"ambition_by_{by}", f"目标值与上年完成值之比（按{label}）", (label, *_AMBITION_COLUMNS), rows,
        note="正向指标为 目标值/上年完成值，反向指标为 上年完成值/目标值：大于 1 表示比上年要求更高。",
    )  # fmt: skip


def vague_share(connection: duckdb.DuckDBPyConnection) -> Result:
    """The share of targets that are qualitative, vague (JX-M006) or missing, by department and in all."""
    sql = f"""
    WITH vague AS (
      SELECT DISTINCT table_id, row FROM findings WHERE code = '{VAGUE}'
    ), marked AS (
      SELECT {DEPARTMENT} AS department, i.target_kind, i.target_text, v.table_id IS NOT NULL AS vague
      FROM indicators i JOIN tables t USING (table_id)
      LEFT JOIN vague v ON v.table_id = i.table_id AND v.row = i.row
      WHERE t.kind = 'target'
    )
    SELECT coalesce(department, '合计') AS department, count(*) AS n,
           avg(CASE WHEN target_kind = 'qualitative' THEN 1 ELSE 0 END) AS qualitative,
           avg(CASE WHEN vague THEN 1 ELSE 0 END) AS vague,
           avg(CASE WHEN target_text IS NULL OR target_text = '' THEN 1 ELSE 0 END) AS missing
    FROM marked GROUP BY ROLLUP (department) ORDER BY department IS NULL, n DESC, department
    """
    return Result(
        "vague_share", "定性、模糊和缺失的指标值占比", ("部门", "指标数", "定性占比", "模糊用语占比", "缺失占比"),
        _rows(connection, sql), note=f"模糊用语：审核规则 {VAGUE}（指标值是没有衡量标准的模糊用语）。",
    )  # fmt: skip


def frequent_findings(connection: duckdb.DuckDBPyConnection, top: int = 20) -> Result:
    """The most frequent findings: how often, in how many tables, and the share of tables of their kind."""
    sql = """
    WITH counted AS (
      SELECT f.code, any_value(f.title) AS title, any_value(f.severity) AS severity, t.kind,
             count(*) AS n, count(DISTINCT f.table_id) AS tables
      FROM findings f JOIN tables t USING (table_id) GROUP BY f.code, t.kind
    ), kinds AS (SELECT kind, count(*) AS total FROM tables GROUP BY kind)
    SELECT c.code, c.title, c.severity, c.n, c.tables, c.tables / k.total AS share
    FROM counted c JOIN kinds k USING (kind) ORDER BY c.n DESC, c.code LIMIT ?
    """
    return Result(
        "frequent_findings", "最常见的审核问题", ("代码", "问题", "严重程度", "次数", "涉及表数", "占同类表比例"),
        _rows(connection, sql, [top]),
    )  # fmt: skip


def score_breaches(connection: duckdb.DuckDBPyConnection, top: int = 20) -> Result:
    """Published self-evaluation totals that differ from the rule-correct total, largest differences first."""
    sql = """
    SELECT t.project_name, t.budget_unit, s.published_total, s.total, s.published_total - s.total AS difference,
           s.published_grade, s.grade, t.codes
    FROM scores s JOIN tables t USING (table_id)
    WHERE t.kind = 'selfeval' AND s.published_total IS NOT NULL AND s.total IS NOT NULL
      AND abs(s.published_total - s.total) > 0.01
    ORDER BY abs(s.published_total - s.total) DESC, t.file_seq, t.table_index LIMIT ?
    """
    summary = _rows(
        connection,
        f"""
        SELECT count(*) AS compared,
               count_if(abs(s.published_total - s.total) > 0.01) AS differing,
               avg(s.published_total - s.total) AS mean_difference,
               max(s.published_total - s.total) AS most_over,
               count_if(s.published_grade IS NOT NULL AND s.grade IS NOT NULL
                        AND {_grade_case("s.published_grade")} <> s.grade) AS grade_differs
        FROM scores s JOIN tables t USING (table_id)
        WHERE t.kind = 'selfeval' AND s.published_total IS NOT NULL AND s.total IS NOT NULL
        """,
    )[0]
    compared, differing, mean, most, grades = summary
    note = (
        f"复核 {compared} 张公布了总分的自评表：{differing} 张公布总分与按规则计算的不同"
        f"（相差超过 0.01 分）；公布总分减按规则总分，平均 {_fmt(mean)} 分，最多高出 {_fmt(most)} 分；"
        f"{grades} 张公布等级与按规则等级不同。"
    )
    return Result(
        "score_breaches", "公布得分与评分规则不符的自评表",
        ("项目名称", "预算单位", "公布总分", "按规则总分", "差额", "公布等级", "按规则等级", "问题代码"),
        _rows(connection, sql, [top]), note=note,
    )  # fmt: skip


def _grade_case(column: str) -> str:
    """SQL mapping a grade as written (优秀, 良好 …) to its canonical name (优, 良 …)."""
    grades = load_profile("national").section("scoring").get("grades", [])
    branches = []
    for band in grades:
        names = [band["grade"], *band.get("aliases", [])]
        quoted = ", ".join("'" + str(name).replace("'", "''") + "'" for name in names)
        branches.append(f"WHEN {column} IN ({quoted}) THEN '{band['grade']}'")
    return f"CASE {' '.join(branches)} ELSE {column} END"


def grade_distribution(connection: duckdb.DuckDBPyConnection, quota: dict[str, Decimal] | None = None) -> Result:
    """Grades as published and as the rules give them, against a quota (at most a share per grade)."""
    limits = DEFAULT_QUOTA if quota is None else quota
    sql = f"""
    WITH graded AS (
      SELECT {_grade_case("s.published_grade")} AS published, s.grade AS correct
      FROM scores s JOIN tables t USING (table_id) WHERE t.kind = 'selfeval'
    ), counts AS (
      SELECT grade, sum(p) AS published, sum(c) AS correct FROM (
        SELECT published AS grade, 1 AS p, 0 AS c FROM graded WHERE published IS NOT NULL
        UNION ALL SELECT correct, 0, 1 FROM graded WHERE correct IS NOT NULL
      ) GROUP BY grade
    )
    SELECT grade, published, published / nullif(sum(published) OVER (), 0) AS published_share,
           correct, correct / nullif(sum(correct) OVER (), 0) AS correct_share
    FROM counts ORDER BY CASE grade WHEN '优' THEN 0 WHEN '良' THEN 1 WHEN '中' THEN 2 WHEN '差' THEN 3 ELSE 4 END
    """
    rows = []
    for grade, published, published_share, correct, correct_share in _rows(connection, sql):
        limit = limits.get(grade)
        over = None if limit is None or published_share is None else max(0.0, float(published_share) - float(limit))
        rows.append((grade, int(published), published_share, int(correct), correct_share, limit, over))
    return Result(
        "grade_distribution", "等级分布与比例限额（评分虚高）",
        ("等级", "公布数", "公布占比", "按规则数", "按规则占比", "限额占比", "超出限额"), rows,
        note="限额：" + "，".join(f"{g} 不超过 {float(v):.0%}" for g, v in limits.items()),
    )  # fmt: skip


def coverage(connection: duckdb.DuckDBPyConnection) -> Result:
    """Of the projects with a target table: the share (by count and by funding) with complete targets, a 自评, a
    published 自评 — by department and in all. A 自评 belongs to a project by 预算单位 and 项目名称."""
    sql = f"""
    WITH projects AS (
      SELECT {DEPARTMENT} AS department, t.budget_unit, t.project_name, {FUNDING_WAN} AS funding,
             NOT EXISTS (SELECT 1 FROM findings f WHERE f.table_id = t.table_id
                         AND f.code LIKE 'JX-C%' AND f.severity = 'error') AS complete
      FROM tables t WHERE t.kind = 'target'
    ), evaluated AS (
      SELECT t.budget_unit, t.project_name, bool_or(s.published_total IS NOT NULL) AS published
      FROM tables t LEFT JOIN scores s USING (table_id) WHERE t.kind = 'selfeval' GROUP BY 1, 2
    ), joined AS (
      SELECT p.*, e.project_name IS NOT NULL AS evaluated, coalesce(e.published, false) AS published
      FROM projects p LEFT JOIN evaluated e
        ON e.project_name = p.project_name AND e.budget_unit IS NOT DISTINCT FROM p.budget_unit
    )
    SELECT coalesce(department, '合计'), count(*), round(sum(funding), 2),
           avg(complete::INT), sum(CASE WHEN complete THEN funding ELSE 0 END) / nullif(sum(funding), 0),
           avg(evaluated::INT), sum(CASE WHEN evaluated THEN funding ELSE 0 END) / nullif(sum(funding), 0),
           avg(published::INT), sum(CASE WHEN published THEN funding ELSE 0 END) / nullif(sum(funding), 0)
    FROM joined GROUP BY ROLLUP (department) ORDER BY department IS NULL, sum(funding) DESC, department
    """
    return Result(
        "coverage", "覆盖面：目标完整、开展自评、公开自评的项目占比（按资金加权）",
        ("部门", "项目数", "资金（万元）", "目标完整占比", "目标完整（资金）", "已自评占比", "已自评（资金）",
         "已公开占比", "已公开（资金）"),
        _rows(connection, sql),
        note="目标完整：无完整性（JX-C）错误；自评按预算单位和项目名称与目标表对应；公开：自评表有公布总分。",
    )  # fmt: skip


def every_question(connection: duckdb.DuckDBPyConnection, *, quota: dict[str, Decimal] | None = None) -> list[Result]:
    return [
        ambition(connection, "department"), ambition(connection, "level1"), ambition(connection, "level2"),
        vague_share(connection), frequent_findings(connection), score_breaches(connection),
        grade_distribution(connection, quota), coverage(connection),
    ]  # fmt: skip


def _fmt(value: Any) -> str:
    return "—" if value is None else f"{float(value):.2f}"
