"""The web app under load: tables seeded on PostgreSQL, gunicorn with 4 workers, 20 concurrent clients.

    python bench/web_load.py --database postgres://postgres@127.0.0.1:5432/jixiao_load              # 50,000 tables
    python bench/web_load.py --database … --million                                                # 1,000,000

Seeds the database up to the number of tables asked (only what is missing: a second run reuses them)
with ``bulk_create`` — the demo's organisations plus ``--units`` more units under its departments,
tables in every state of the chain with one version of real data each (the six seed tables under
names of their own), notices, 目标申报 rounds, and a 绩效监控 and a 绩效自评 round with a report on every
approved or published table — then starts ``jixiao serve --workers N`` and has ``--clients``
threads, each signed in as one of the demo roles or anonymous, request every page of that role in
turn, every fourth request the app's ``/health/``. Prints, per page, its median time alone (one
request at a time, before the load), p50/p95/p99 in milliseconds under the load and its p95 over
health's p95 (measured under the same load, in the same run); ``--goal`` (3) is the ratio every page
should stay within.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

SERVE = str(Path(sys.executable).with_name("jixiao"))  # the CLI of this Python's jixiao
ROLES = ("clerk", "unitlead", "deptreviewer", "finance", "admin")
ROLE_NAMES = {
    "clerk": "填报人",
    "unitlead": "单位负责人",
    "deptreviewer": "主管部门",
    "finance": "财政",
    "admin": "管理员",
}
COMMON_WORD = "支持项目"  # an indicator name in many tables: the search a reviewer types most


def setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()


def seed(tables: int, units: int, notices: int, rounds_count: int) -> None:
    import datetime

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from jixiao.reading import read
    from jixiao.web.models import Department, FilingRound, Notice, TableRecord, Unit
    from jixiao.web.services import bulkseed, demo, rounds
    from jixiao.web.services.tabledata import data_from_table

    call_command("migrate", interactive=False, verbosity=0)
    if demo.is_empty():
        demo.load(with_tables=False)
    departments = list(Department.objects.order_by("id"))
    have = Unit.objects.count()
    for number in range(have, units):
        department = departments[number % len(departments)]
        Unit.objects.create(department=department, name=f"{bulkseed.PLACES[number % 10]}预算单位{number:05d}")
    every_unit = list(Unit.objects.select_related("department").order_by("id"))
    users = {name: get_user_model().objects.get(username=name) for name in ROLES}
    samples = [{**data_from_table(table), "year": 2024} for table in read(demo.SEED)]
    present = TableRecord.objects.count()
    started = time.perf_counter()
    if present < tables:
        bulkseed.seed_tables(tables - present, samples, units=every_unit, actor=users["clerk"], start=present)
        seconds = time.perf_counter() - started
        print(f"写入 {tables - present:,} 张目标表：{seconds:.0f} 秒（{(tables - present) / seconds:,.0f} 张/秒）")
    for user in users.values():
        missing = notices - Notice.objects.filter(user=user).count()
        if missing > 0:
            bulkseed.seed_notices(user, missing)
    office = departments[0].office
    for number in range(FilingRound.objects.count(), rounds_count):
        rounds.open_round(
            office,
            actor=users["finance"],
            kind="target",
            year=2024,
            deadline=rounds.today() + datetime.timedelta(days=10 + number),
            units=every_unit,
        )
    for kind, period, status in (("monitor", "1-6月", "published"), ("selfeval", "", "draft")):
        if not FilingRound.objects.filter(kind=kind).exists():  # a report on every approved or published table
            opened = rounds.open_round(
                office,
                actor=users["finance"],
                kind=kind,
                year=2024,
                period=period,
                deadline=rounds.today() + datetime.timedelta(days=30),
                units=every_unit,
            )
            started = time.perf_counter()
            written = bulkseed.seed_reports(opened, actor=users["finance"], status=status)
            print(f"写入 {written:,} 份{opened.get_kind_display()}报告：{time.perf_counter() - started:.0f} 秒")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def pages() -> dict[str | None, list[tuple[str, str]]]:
    """For each role (None: anonymous), (page name, path) of each page it sees."""
    from django.contrib.auth import get_user_model
    from django.db.models import Max

    from jixiao.web import permissions as perms
    from jixiao.web.keyset import encode
    from jixiao.web.models import FilingRound, TableRecord

    middle = TableRecord.objects.order_by("-updated_at", "-id")[TableRecord.objects.count() // 2]
    deep = encode([middle.updated_at, middle.pk])
    published = TableRecord.objects.filter(published_version__isnull=False).aggregate(last=Max("id"))["last"]
    filing_round = FilingRound.objects.filter(kind="target").order_by("-id").first()
    assert filing_round is not None and published is not None
    shown: dict[str | None, list[tuple[str, str]]] = {
        None: [
            ("公开列表", "/"),
            ("公开列表 搜索", f"/?q={quote(COMMON_WORD)}"),
            ("公开表", f"/public/{published}/"),
        ]
    }
    for role in ROLES:
        user = get_user_model().objects.get(username=role)
        mine = perms.tables_in_scope(user).order_by("-id").first()
        assert mine is not None, role
        name = ROLE_NAMES[role]
        shown[role] = [
            (f"{name} 待办", "/todo/"),
            (f"{name} 目标表列表", "/tables/"),
            (f"{name} 列表 搜索", f"/tables/?q={quote(COMMON_WORD)}"),
            (f"{name} 列表 中间一页", f"/tables/?after={deep}") if role in ("finance", "admin") else None,
            (f"{name} 填报任务", "/rounds/"),
            (f"{name} 填报进度", f"/rounds/{filing_round.pk}/"),
            (f"{name} 通知", "/inbox/"),
            (f"{name} 目标表", f"/tables/{mine.pk}/"),
            (f"{name} 统计", "/dashboard/") if perms.has(user, perms.PROGRESS) else None,
        ]
        shown[role] = [page for page in shown[role] if page is not None]
    shown["admin"].append(("管理员 用户", "/users/"))
    return shown


def session_cookies() -> dict[str | None, str]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    cookies: dict[str | None, str] = {None: ""}
    for role in ROLES:
        client = Client()
        client.force_login(get_user_model().objects.get(username=role))
        cookies[role] = f"sessionid={client.cookies['sessionid'].value}"
    return cookies


def request(port: int, path: str, cookie: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.perf_counter() - started


def alone(
    port: int, shown: dict[str | None, list[tuple[str, str]]], cookies: dict[str | None, str]
) -> dict[str, float]:
    """Each page's median time with nothing else running (five requests, one at a time, after one to warm every
    worker's caches), in seconds."""
    for role, mine in shown.items():
        for _name, path in mine * 4:  # 4 workers: each answers some
            request(port, path, cookies[role])
    medians = {"health": statistics.median(request(port, "/health/", "")[1] for _ in range(5))}
    for role, mine in shown.items():
        for name, path in mine:
            medians[name] = statistics.median(request(port, path, cookies[role])[1] for _ in range(5))
    return medians


def run_load(
    port: int,
    shown: dict[str | None, list[tuple[str, str]]],
    cookies: dict[str | None, str],
    clients: int,
    seconds: float,
    warmup: float,
) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    principals: list[str | None] = [*ROLES, None]
    started = time.perf_counter()
    stop = started + warmup + seconds

    def client(number: int) -> None:
        role = principals[number % len(principals)]
        mine = shown[role]
        step, shown_next = 0, number  # each client starts elsewhere in its list
        while time.perf_counter() < stop:
            if step % 4 == 0:
                name, path = "health", "/health/"
            else:
                name, path = mine[shown_next % len(mine)]
                shown_next += 1
            step += 1
            status, took = request(port, path, cookies[role])
            if time.perf_counter() - started < warmup:
                continue
            with lock:
                if status == 200:
                    timings[name].append(took)
                else:
                    failures[f"{name} {status}"] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        print("失败的请求：", dict(failures))
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(timings: dict[str, list[float]], single: dict[str, float], goal: float) -> bool:
    health = percentile(timings["health"], 0.95)
    print("| page | alone, median ms | requests | p50 ms | p95 ms | p99 ms | p95 / health p95 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    within = True
    for name in ["health", *sorted(n for n in timings if n != "health")]:
        values = timings[name]
        p95 = percentile(values, 0.95)
        ratio = p95 / health
        within &= ratio <= goal or name == "health"
        print(
            f"| {name} | {single[name] * 1000:.0f} | {len(values)} | {statistics.median(values) * 1000:.0f} | "
            f"{p95 * 1000:.0f} | "
            f"{percentile(values, 0.99) * 1000:.0f} | {ratio:.2f}{'' if ratio <= goal else ' ✗'} |"
        )
    return within


def serve(database: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database}
    server = subprocess.Popen(
        [SERVE, "serve", "--port", str(port), "--workers", str(workers), "--no-demo"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if request(port, "/health/", "")[0] == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("服务未能启动")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="postgres://… (a database of its own: it is filled)")
    parser.add_argument("--tables", type=int, default=50_000)
    parser.add_argument("--million", action="store_true", help="1,000,000 tables")
    parser.add_argument("--units", type=int, default=600)
    parser.add_argument("--notices", type=int, default=2_000, help="per user")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--goal", type=float, default=3.0)
    arguments = parser.parse_args(argv)
    tables = 1_000_000 if arguments.million else arguments.tables
    setup_django(arguments.database)
    seed(tables, arguments.units, arguments.notices, arguments.rounds)
    from django.db import connections

    connections.close_all()
    server = serve(arguments.database, arguments.port, arguments.workers)
    try:
        shown, cookies = pages(), session_cookies()
        single = alone(arguments.port, shown, cookies)
        timings = run_load(arguments.port, shown, cookies, arguments.clients, arguments.seconds, arguments.warmup)
    finally:
        server.terminate()
        server.wait(30)
    total = sum(len(v) for v in timings.values())
    print(
        f"{tables:,} 张目标表，gunicorn {arguments.workers} 个工作进程，{arguments.clients} 个并发客户端，"
        f"{arguments.seconds:.0f} 秒：{total:,} 个请求（{total / arguments.seconds:.1f} 个/秒）"
    )
    within = report(timings, single, arguments.goal)
    print(f"每页 p95 不超过 health 的 {arguments.goal:g} 倍：{'是' if within else '否'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
