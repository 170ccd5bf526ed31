"""Benchmark: the 统计 page against the table list, on many tables (PostgreSQL by default).

Run with ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao_bench .venv/bin/python
bench/dashboard.py [N]`` (N tables, 50,000 by default). A throw-away test database is made (``test_`` +
the database's name) and dropped at the end. The tables are spread over 20 departments of 25 units each,
every one with a version, three to six per-rule finding counts, and, for one table in four, a monitoring
and a self-evaluation report; a 目标申报, a 绩效监控 and a 绩效自评 round ask every unit. Each page is fetched as 财政
(every department) and as one 主管部门 (its units), the pages in turn, ``BENCH_ROUNDS`` (15) times after one
warm-up; each page's median time, its ratio to the table list's and its number of queries are printed.
After the load the database is vacuumed and analysed, as autovacuum would be soon after it.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jixiao_bench")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from jixiao.web.models import (  # noqa: E402
    Department,
    FilingRound,
    FinanceOffice,
    FindingCount,
    Role,
    RoleAssignment,
    RoundKind,
    RoundReport,
    Status,
    TableRecord,
    TableVersion,
    Unit,
    reporttallies,
    tablecounts,
)
from jixiao.web.services import ruletallies  # noqa: E402

DEPARTMENTS, UNITS = 20, 25
CODES = ("JX-R001", "JX-C003", "JX-M006", "JX-R002", "JX-R004", "JX-M003", "JX-N002", "JX-N003", "JX-N004", "JX-C001")
STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED, Status.PUBLISHED)
GRADES = ("优", "良", "中", "差", "")
SLOWEST = int(os.environ.get("BENCH_SLOWEST", "0"))  # print this many of each page's slowest queries
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))  # fetches of each page, in turn


def populate(count: int) -> dict[str, Any]:
    rng = random.Random(2024)
    office = FinanceOffice.objects.create(name="基准财政局")
    departments = [Department.objects.create(office=office, name=f"主管部门{d:02d}") for d in range(DEPARTMENTS)]
    units = Unit.objects.bulk_create(
        Unit(department=department, name=f"{department.name}-单位{u:02d}")
        for department in departments
        for u in range(UNITS)
    )
    people = get_user_model().objects
    finance = people.create_user(username="finance")
    RoleAssignment.objects.create(user=finance, role=Role.FINANCE_REVIEWER)
    reviewer = people.create_user(username="reviewer")
    RoleAssignment.objects.create(user=reviewer, role=Role.DEPARTMENT_REVIEWER, department=departments[0])
    records = TableRecord.objects.bulk_create(
        (
            TableRecord(
                unit=units[i % len(units)],
                year=2024,
                project_name=f"项目{i:06d}",
                status=rng.choice(STATUSES),
                error_count=rng.randint(0, 3),
                warning_count=rng.randint(0, 8),
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    tablecounts.recount()  # the tables' kept counts, as their saves keep them
    versions = TableVersion.objects.bulk_create(
        (TableVersion(record=r, number=1, data={"project_name": r.project_name}, created_by=finance) for r in records),
        batch_size=2000,
    )
    FindingCount.objects.bulk_create(
        (
            FindingCount(
                record=r, unit_id=r.unit_id, year=r.year, code=code, severity="warning", count=rng.randint(1, 4)
            )
            for r in records
            for code in rng.sample(CODES, rng.randint(3, 6))
        ),
        batch_size=5000,
    )
    ruletallies.rebuild()  # the counts' sums per unit, year and rule, as the saves keep them
    deadline = timezone.localdate()
    rounds = {}
    for kind in (RoundKind.TARGETS, RoundKind.MONITORING, RoundKind.SELF_EVALUATION):
        opened = FilingRound.objects.create(
            office=office, kind=kind, year=2024, period="1-6月", deadline=deadline, opened_by=finance
        )
        opened.units.set(units)
        rounds[kind] = opened
    for kind in (RoundKind.MONITORING, RoundKind.SELF_EVALUATION):
        RoundReport.objects.bulk_create(
            (
                RoundReport(
                    round=rounds[kind],
                    record=r,
                    unit_id=r.unit_id,
                    version=v,
                    status=rng.choice(STATUSES),
                    red_count=rng.randint(0, 3),
                    yellow_count=rng.randint(0, 3),
                    green_count=rng.randint(0, 10),
                    grade=rng.choice(GRADES),
                    warning_count=rng.randint(0, 1),
                    created_by=finance,
                )
                for r, v in zip(records[::4], versions[::4], strict=True)
            ),
            batch_size=2000,
        )
    reporttallies.recount()  # the reports' kept tallies, as their saves keep them
    return {"finance": finance, "reviewer": reviewer, "target_round": rounds[RoundKind.TARGETS]}


def settle() -> None:
    """What autovacuum does soon after such a load: the planner's statistics and PostgreSQL's visibility map (which
    lets a query read the columns an index holds without visiting the table)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def timed(client: Client, urls: list[str], rounds: int) -> dict[str, tuple[float, list[dict[str, str]]]]:
    """Each of ``urls``'s median time over ``rounds`` fetches after a warm-up, the pages taken in turn (one fetch of
    each per round, so that a change of the shared machine's load falls on all of them alike), and the queries of
    its last fetch."""
    for url in urls:
        client.get(url)  # warm-up
    times: dict[str, list[float]] = {url: [] for url in urls}
    queries: dict[str, list[dict[str, str]]] = {}
    for _ in range(rounds):
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                times[url].append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
            queries[url] = captured.captured_queries
    return {url: (statistics.median(times[url]), queries[url]) for url in urls}


def main(count: int = 50_000) -> None:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        start = time.perf_counter()
        made = populate(count)
        settle()
        print(f"{connection.vendor}，{count:,} 张目标表，填充用时 {time.perf_counter() - start:.1f} 秒")
        pages = {
            "目标表列表": "/tables/",
            "统计（默认任务）": "/dashboard/",
            "统计（目标申报任务）": f"/dashboard/?round={made['target_round'].pk}",
        }
        for who in ("finance", "reviewer"):
            client = Client()
            client.force_login(made[who])
            found = timed(client, list(pages.values()), ROUNDS)
            listed = found[pages["目标表列表"]][0]
            for label, url in pages.items():
                seconds, queries = found[url]
                ratio = seconds / listed
                print(f"{who:9s} {label:12s} 中位 {seconds * 1000:7.1f} ms  {ratio:4.2f}× 列表  查询 {len(queries)} 次")
                slowest = sorted(queries, key=lambda q: -float(q["time"]))[:SLOWEST]
                for query in slowest:
                    print(f"    {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
