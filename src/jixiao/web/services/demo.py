"""Demo data for a fresh database: the six 2024 seed tables, their organisations, one user per role, a monitoring
and a self-evaluation round; last year's table of the first project (for the year diff), and a 指标库 from the
published tables in the checkout."""

from __future__ import annotations

import contextlib
import copy
import datetime
import logging
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.batch import expand
from jixiao.errors import JixiaoError
from jixiao.library import build_library
from jixiao.reading import read

from ..models import Department, FinanceOffice, Role, RoleAssignment, TableRecord, Unit
from . import library, workflow
from .findings import finding_key, review_data
from .tabledata import data_from_table

if TYPE_CHECKING:
    from ..accounts import User

log = logging.getLogger(__name__)

SEED = Path(__file__).resolve().parents[4] / "examples" / "seed_2024.txt"
#: Published tables the demo's 指标库 learns from, beside the system's own: the seed tables and the corpus
#: transcriptions of a checkout (a folder that is not there is passed over).
CORPUS = (SEED, SEED.parents[1] / "tests" / "data" / "corpus")
#: How the first seed table's project read the year before: 2023's targets where they differed, the names it
#: wrote differently, the indicators it did not have yet, and one it had that 2024 no longer has.
LAST_YEAR_TARGETS = {"支持国有企业户数": "12户", "解决就业（人次）": "≥2200"}
LAST_YEAR_NAMES = {"企业满意率（%）": "企业满意度（%）"}
NOT_YET = {"缴纳税费（万元）"}
LAST_YEAR_ONLY = {"level1": "效益指标", "level2": "社会效益指标", "name": "带动社会投资（万元）", "target": "≥50000",
                  "basis": "计划标准", "prior": "", "weight": "4", "scoring_rule": "按照完成比例赋分",
                  "evidence": "正式资料"}  # fmt: skip
OFFICE = "新疆维吾尔自治区财政厅"
SASAC = "新疆维吾尔自治区人民政府国有资产监督管理委员会"
#: 主管部门 → its 预算单位, as in the seed tables.
DEPARTMENTS = {
    "自治区国资委": [SASAC],
    "自治区财政厅（国有金融资本）": [
        "自治区财政厅企业处",
        "新疆再担保（集团）有限公司",
        "新疆维吾尔自治区融资担保有限责任公司",
        "新疆农业信贷融资担保有限责任公司",
    ],
}
#: user name → (role, display name, unit or department it works for).
USERS: dict[str, tuple[str, str, str | None]] = {
    "clerk": (Role.CLERK, "张敏（填报）", SASAC),
    "unitlead": (Role.UNIT_LEAD, "高丽（单位负责人）", SASAC),
    "deptreviewer": (Role.DEPARTMENT_REVIEWER, "李强（主管部门审核）", "自治区国资委"),
    "finance": (Role.FINANCE_REVIEWER, "王芳（财政审核）", None),
    "admin": (Role.ADMIN, "系统管理员", None),
}


def is_empty() -> bool:
    return not FinanceOffice.objects.exists()


def create_organisations() -> None:
    office = FinanceOffice.objects.create(name=OFFICE)
    for department_name, units in DEPARTMENTS.items():
        department = Department.objects.create(office=office, name=department_name)
        for unit_name in units:
            Unit.objects.create(department=department, name=unit_name)


def create_users(passwords: dict[str, str] | None = None) -> dict[str, str]:
    """One user per role; returns user name → password (random unless given)."""
    chosen: dict[str, str] = {}
    for username, (role, display, place) in USERS.items():
        password = (passwords or {}).get(username) or secrets.token_urlsafe(12)
        user = get_user_model().objects.create_user(username=username, password=password, first_name=display)
        unit = Unit.objects.filter(name=place).first() if place else None
        department = Department.objects.filter(name=place).first() if place else None
        RoleAssignment.objects.create(user=user, role=role, unit=unit, department=department)
        chosen[username] = password
    return chosen


def explain_warnings(
    data: dict[str, Any], text: str = "演示数据：已核实，按计划执行。", unit: Unit | None = None
) -> dict[str, str]:
    """An explanation for every warning the review finds in ``data`` (a table of ``unit``), as a unit writes them
    before submitting."""
    return {finding_key(w): text for w in review_data(data, unit).warnings}


#: Accounts the demo acts through for the units and the department that have no demo user of their own; they
#: cannot log in (no password).
STAND_INS = {"自治区财政厅（国有金融资本）": "deptreviewer-finance"}


def _stand_in(username: str, role: str, *, unit: Unit | None = None, department: Department | None = None) -> User:
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": username})
    if created:
        user.set_unusable_password()
        user.save()
        RoleAssignment.objects.create(user=user, role=role, unit=unit, department=department)
    return user


def _lead_of(unit: Unit, users: dict[str, User]) -> User:
    if unit.name == SASAC:
        return users["unitlead"]
    return _stand_in(f"unitlead-{unit.pk}", Role.UNIT_LEAD, unit=unit)


def _reviewer_of(unit: Unit, users: dict[str, User]) -> User:
    department = unit.department
    if department.name in STAND_INS:
        return _stand_in(STAND_INS[department.name], Role.DEPARTMENT_REVIEWER, department=department)
    return users["deptreviewer"]


def submission_form(record: TableRecord, text: str = "演示数据：已核实，按计划执行。") -> dict[str, str]:
    """What the submit page posts for ``record``'s latest version: one explanation per rule that warns."""
    latest = record.latest
    codes = dict.fromkeys(w.code for w in review_data(latest.data, record.unit).warnings)
    return {"version": str(latest.number), "revision": str(latest.revision)} | {f"explain-{c}": text for c in codes}


def load_seed_tables() -> list[TableRecord]:
    """The six seed tables in a spread of states, each step through the workflow services."""
    users = {name: get_user_model().objects.get(username=name) for name in USERS}
    records = []
    for index, table in enumerate(read(SEED)):
        data = data_from_table(table)
        data["year"] = data.get("year") or 2024
        unit = Unit.objects.get(name=table.budget_unit)
        actor = users["clerk"] if unit.name == SASAC else _lead_of(unit, users)
        record = workflow.create_table(unit, actor=actor, data=data, comment="演示数据")
        records.append(record)
        plan = ["submitted", "draft", "published", "returned", "approved", "published"][index]
        # when the review finds errors in a table, it stays a draft, as it would for a unit
        with contextlib.suppress(workflow.WorkflowError):
            _advance(record, plan, users, data)
    return records


def _advance(record: TableRecord, plan: str, users: dict[str, User], data: dict[str, Any]) -> None:
    if plan == "draft":
        return
    latest = record.latest
    workflow.submit(
        record,
        actor=_lead_of(record.unit, users),
        version=latest.number,
        revision=latest.revision,
        comment="请审核。",
        explanations=explain_warnings(data, unit=record.unit),
    )
    if plan == "submitted":
        return
    number = record.latest.number
    workflow.approve(record, actor=_reviewer_of(record.unit, users), version=number, comment="初审同意。")
    if plan == "returned":
        first = data["indicators"][0]["name"]
        note = {"index": 0, "name": first, "comment": "指标值偏低，请结合上年完成值调整。"}
        workflow.return_for_changes(
            record, actor=users["finance"], version=number, comment="请补充指标值设置依据。", indicator_comments=[note]
        )
        return
    workflow.approve(record, actor=users["finance"], version=number, comment="同意。")
    if plan == "published":
        workflow.publish(record, actor=users["finance"], version=number, comment="按规定公开。")


#: 农业信贷担保费补助 to the end of June: the budget well behind time (a red light, explained), the indicators
#: on course; at the year end its actual values, one score written by hand with the unit's reason.
MONITORED = {
    "budget": {
        "executed": "60",
        "forecast": "205",
        "reason": "担保费补助按季度结算，二季度资金 7 月拨付",
        "measures": "已与合作银行对账，7 月底前拨付",
    },
    "indicators": [
        {"to_date": "34亿元", "forecast": "66亿元", "likelihood": "确定能"},
        {"to_date": "100%", "forecast": "100%", "likelihood": "确定能"},
        {"to_date": "72%", "forecast": "72%", "likelihood": "确定能"},
        {"to_date": "16亿元", "forecast": "15亿元", "likelihood": "确定能"},
        {"to_date": "0.8%", "forecast": "0.8%", "likelihood": "确定能"},
        {"to_date": "1.2%", "forecast": "2%", "likelihood": "确定能"},
        {
            "to_date": "4300",
            "forecast": "9000",
            "likelihood": "有可能",
            "reason": "上半年新型农业经营主体申请偏少",
            "measures": "联合农业农村部门开展政策宣传",
        },
        {"to_date": "有效提升", "forecast": "有效提升", "likelihood": "确定能"},
        {"to_date": "85%", "forecast": "85%", "likelihood": "确定能"},
    ],
}
EVALUATED = {
    "budget": {"full_year": "210", "executed": "198.5"},
    "indicators": [
        {"actual": "68亿元"},
        {"actual": "100%"},
        {"actual": "73%"},
        {"actual": "16亿元"},
        {"actual": "0.8%"},
        {"actual": "1.9%"},
        {
            "actual": "9200",
            "score": "15",
            "reason": "另有 900 户已完成审批、12 月末放款，有放款凭证",
            "deviation": "四季度放款集中",
        },
        {"actual": "有效提升", "judgement": "达成"},
        {"actual": "88%"},
    ],
    "goal_actual": "全年新增担保 68 亿元，支持新型农业经营主体 9200 户。",
}


def load_reports() -> None:
    """A 1-6月 monitoring round and a self-evaluation round for the units of the approved and published tables: the
    published table's monitoring approved, its self-evaluation submitted with a score written by hand; the
    approved table's monitoring a draft with a red light still unexplained."""
    from . import monitoring, reports, rounds, selfeval

    users = {name: get_user_model().objects.get(username=name) for name in USERS}
    ready = list(TableRecord.objects.filter(status__in=("approved", "published")).order_by("id"))
    units = [record.unit for record in ready] + [Unit.objects.get(name=SASAC)]
    office = FinanceOffice.objects.get(name=OFFICE)
    deadline = rounds.today() + datetime.timedelta(days=30)
    watch = rounds.open_round(
        office, actor=users["finance"], kind="monitor", year=2024, period="1-6月", deadline=deadline, units=units
    )
    evaluate = rounds.open_round(
        office, actor=users["finance"], kind="selfeval", year=2024, deadline=deadline, units=units
    )
    for record in ready:
        lead = _lead_of(record.unit, users)
        report = monitoring.get(record, watch, actor=lead)
        if record.status != "published":
            draft = monitoring.empty_data(report.version.data)
            draft["budget"]["executed"] = "80"
            monitoring.save(report, actor=lead, data=draft, revision=report.revision)
            continue
        monitoring.save(report, actor=lead, data=MONITORED, revision=report.revision, comment="演示数据")
        report.refresh_from_db()
        monitoring.submit(report, actor=lead, revision=report.revision, comment="请审核。")
        reports.decide(report, actor=_reviewer_of(record.unit, users), outcome="approved", revision=report.revision)
        reports.decide(report, actor=users["finance"], outcome="approved", revision=report.revision, comment="同意。")
        scored = selfeval.get(record, evaluate, actor=lead)
        selfeval.save(scored, actor=lead, data=EVALUATED, revision=scored.revision, comment="演示数据")
        scored.refresh_from_db()
        selfeval.submit(scored, actor=lead, revision=scored.revision, comment="请审核。")


def last_year_of(data: dict[str, Any]) -> dict[str, Any]:
    """The first seed table as its project read in 2023."""
    earlier = copy.deepcopy(data)
    rows = [
        {**row, "name": LAST_YEAR_NAMES.get(row["name"], row["name"]),
         "target": LAST_YEAR_TARGETS.get(row["name"], row["target"])}
        for row in earlier["indicators"]
        if row["name"] not in NOT_YET
    ]  # fmt: skip
    return {**earlier, "year": 2023, "indicators": [*rows, dict(LAST_YEAR_ONLY)]}


def load_last_year(users: dict[str, User]) -> TableRecord:
    """2023's table of the first seed project, published."""
    (table, *_others) = read(SEED)
    data = last_year_of({**data_from_table(table), "year": 2024})
    unit = Unit.objects.get(name=table.budget_unit)
    record = workflow.create_table(unit, actor=users["clerk"], data=data, comment="演示数据：上年的目标表")
    _advance(record, "published", users, data)
    return record


def load_library() -> None:
    """The demo's 指标库: the corpus (when there is no library file yet) and the system's published tables."""
    try:
        if not library.path().exists():
            build_library(expand([path for path in CORPUS if path.exists()]), library.path())
        library.rebuild()
    except (OSError, JixiaoError):
        log.exception("the demo's library could not be built at %s", library.path())


def load(*, with_tables: bool = True, passwords: dict[str, str] | None = None) -> dict[str, str]:
    """Fill an empty database with the demo; returns the demo users' passwords (shown once)."""
    with transaction.atomic():
        create_organisations()
        chosen = create_users(passwords)
        if with_tables:
            load_seed_tables()
            load_reports()
            load_last_year({name: get_user_model().objects.get(username=name) for name in USERS})
    if with_tables:
        load_library()
    return chosen
