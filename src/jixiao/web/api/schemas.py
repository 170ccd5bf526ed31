"""The API's documents: a table as stored (the texts as written), its summary, findings, versions, files."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import AfterValidator

from ..forms import NUL, YEARS


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(NUL)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("含有无法保存的字符（不成对的代理项），请删去后再提交") from None
    return value


#: A text as a person types it: no NUL and no lone surrogate (no database column takes them), at most 10 000
#: characters.
Text = Annotated[str, AfterValidator(_no_nul), Field(max_length=10000)]
Comment = Annotated[str, AfterValidator(_no_nul), Field(max_length=5000)]


class Funding(Schema):
    total: Text = ""
    fiscal: Text = ""
    other: Text = ""
    unit: Literal["万元", "元"] = "万元"


class IndicatorRow(Schema):
    level1: Text = ""
    level2: Text = ""
    number: Text = ""
    name: Text = ""
    target: Text = Field("", description="指标值，如写在表中：≥2400人")
    basis: Text = ""
    prior: Text = ""
    weight: Text = ""
    scoring_rule: Text = ""
    evidence: Text = ""


class TableData(Schema):
    """A 目标表 as stored: the texts as written in the table."""

    year: int | None = Field(None, ge=YEARS[0], le=YEARS[1])
    project_name: Annotated[str, AfterValidator(_no_nul), Field(max_length=300)] = ""
    budget_unit: Text = ""
    department: Text = ""
    implementer: Text = ""
    project_lead: Text = ""
    overall_goal: Text = ""
    funding: Funding = Field(default_factory=Funding)
    indicators: list[IndicatorRow] = Field(default_factory=list, max_length=1000)

    def stored(self) -> dict[str, Any]:
        """As the editor saves it: texts stripped, rows with nothing written left out."""
        data = self.model_dump()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = value.strip()
        data["funding"] = {key: value.strip() for key, value in data["funding"].items()}
        data["indicators"] = [
            {key: value.strip() for key, value in row.items()}
            for row in data["indicators"]
            if any(value.strip() for key, value in row.items() if key != "number")
        ]
        return data


class Named(Schema):
    id: int
    name: str


class TableSummary(Schema):
    id: int
    year: int
    project_name: str
    unit: Named
    department: Named
    status: str = Field(description="draft, submitted, returned, approved, published")
    status_label: str = Field(description="状态，如列表所示：主管部门初审中")
    stage: str = Field(description="目标表所在的审核阶段")
    version: int = Field(description="最新版本号")
    revision: int = Field(description="最新版本的修订号（保存草稿时须给出）")
    error_count: int
    warning_count: int
    published_version: int | None = Field(description="已公开的版本号")
    updated_at: datetime


class TableOut(TableSummary):
    actions: list[str] = Field(description="调用者现在可以办理的事项：edit, submit, review, publish, adjust, delete")
    shown_version: int = Field(description="data 所属的版本号")
    data: dict[str, Any]
    explanations: dict[str, str] = Field(description="警告的说明（finding key → 说明）")


class FindingOut(Schema):
    code: str
    severity: str
    title: str
    message: str
    indicator: str | None
    field: str | None
    key: str = Field(description="提交时为警告填写说明所用的键")
    citation: str | None


class ProblemOut(Schema):
    field: str
    text: str
    message: str
    indicator: int | None


class ReviewOut(Schema):
    version: int | None
    counts: dict[str, int]
    blocking: bool = Field(description="有错误，不能提交")
    findings: list[FindingOut]
    problems: list[ProblemOut] = Field(description="无法读成数字的单元格")


class VersionOut(Schema):
    number: int
    revision: int
    state: str
    frozen: bool
    is_adjustment: bool
    created_by: str
    created_at: datetime
    submitted_at: datetime | None
    source_file: str | None
    decisions: list[dict[str, Any]]


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    sha256: str
    indicator: int | None
    indicator_name: str
    public: bool
    uploaded_by: str
    created_at: datetime


class RoundOut(Schema):
    id: int
    title: str
    kind: str
    year: int
    period: str
    deadline: date
    days_left: int
    closed: bool
    note: str
    units: int
    state: str | None = Field(description="调用者本单位在此任务中的进度（单位角色）")


class UnitProgressOut(Schema):
    unit: Named
    department: Named
    state: str
    label: str
    tables: int
    overdue: bool


class RoundProgressOut(Schema):
    round: RoundOut
    counts: dict[str, int]
    overdue: int
    units: list[UnitProgressOut]


class PublicTableSummary(Schema):
    id: int
    year: int | None
    project_name: str
    unit: str
    department: str
    version: int
    published_at: datetime | None


class PublicTableOut(PublicTableSummary):
    data: dict[str, Any]
    attachments: list[dict[str, Any]]
