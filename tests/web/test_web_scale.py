"""The pages at scale: each one asks the database the same number of queries whatever the number of rows, pages
by keyset (stable while rows are added), and searches by the trigram index with the results of a plain
``icontains``. Run on SQLite, and on PostgreSQL with ``DATABASE_URL``."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.models import Department, FilingRound, RoundKind, RoundReport, Status, TableRecord, Unit
from jixiao.web.services import bulkseed, demo, rounds, search, workflow
from jixiao.web.views import tables

ROLES = ("clerk", "unitlead", "deptreviewer", "finance", "admin")


def world(users: dict[str, Any], seed_data: list[dict[str, Any]], rows: int) -> None:
    """``rows`` more of everything a page lists: tables in every state (6 each), units, rounds and notices."""
    sasac_department = Department.objects.get(name="自治区国资委")
    start = Unit.objects.count()
    for number in range(rows):
        Unit.objects.create(department=sasac_department, name=f"国资委下属单位{start + number}")
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(6 * rows, seed_data, units=units, actor=users["clerk"], start=TableRecord.objects.count())
    office = sasac_department.office
    for number in range(rows):
        kind = (RoundKind.TARGETS, RoundKind.MONITORING, RoundKind.SELF_EVALUATION)[number % 3]
        before = FilingRound.objects.filter(kind=kind).count()  # one open round per kind, year and period
        monitoring = kind == RoundKind.MONITORING
        rounds.open_round(
            office,
            actor=users["finance"],
            kind=kind,
            year=2024 if monitoring else 2024 + before,
            period=f"1-{before + 6}月" if monitoring else "",
            deadline=rounds.today() + datetime.timedelta(days=number + 1),
            units=units,
        )
    for watching in FilingRound.objects.filter(kind=RoundKind.MONITORING):
        # published: a round's report list shows them, 待办 (which lists reports still to act on) does not
        bulkseed.seed_reports(watching, actor=users["finance"], status=Status.PUBLISHED)
    for name in ROLES:
        bulkseed.seed_notices(users[name], rows)


def pages() -> list[tuple[str, str]]:
    """(role, url) of every list page and a table's page, for each role that sees it."""
    latest_round = FilingRound.objects.order_by("-id").first()
    assert latest_round is not None
    table = TableRecord.objects.filter(unit__name="新疆维吾尔自治区人民政府国有资产监督管理委员会").order_by("id")[0]
    shown = [(None, reverse("web:public")), (None, reverse("web:public") + "?q=国有资本经营")]
    for role in ROLES:
        shown += [
            (role, reverse("web:todo")),
            (role, reverse("web:table_list")),
            (role, reverse("web:table_list") + "?q=支持项目"),
            (role, reverse("web:rounds")),
            (role, reverse("web:round_detail", args=[latest_round.pk])),
            (role, reverse("web:inbox")),
            (role, reverse("web:table_detail", args=[table.pk])),
        ]
    watching = FilingRound.objects.filter(kind=RoundKind.MONITORING).order_by("id")[0]  # the same in both worlds
    for role in ("deptreviewer", "finance"):
        shown.append((role, reverse("web:round_reports", args=[watching.pk])))
    shown.append(("admin", reverse("web:users")))
    return shown


def query_counts(clients: dict[str | None, Client]) -> dict[tuple[str | None, str], int]:
    counts = {}
    for role, url in pages():
        with CaptureQueriesContext(connection) as queries:
            response = clients[role].get(url)
        assert response.status_code == 200, (role, url, response.status_code)
        latest_round = FilingRound.objects.order_by("-id")[0].pk
        counts[(role, url.replace(f"/rounds/{latest_round}/", "/rounds/ROUND/"))] = len(queries)
    return counts


def test_no_page_asks_more_queries_for_more_rows(
    users: dict[str, Any], seed_data: list[dict[str, Any]], client_for: Any
) -> None:
    clients = {role: client_for(role) for role in (*ROLES, None)}
    world(users, seed_data, 3)
    few = query_counts(clients)
    world(users, seed_data, 6)  # three times as many rows in all
    many = query_counts(clients)
    grown = {page: (few[page], many[page]) for page in few if many[page] != few[page]}
    assert grown == {}
    assert max(few.values()) <= 40  # and none is large to begin with


def test_todo_counts_each_section_in_full(
    users: dict[str, Any], seed_data: list[dict[str, Any]], client_for: Any
) -> None:
    units = list(Unit.objects.select_related("department").filter(name=demo.SASAC))
    bulkseed.seed_tables(6 * 60, seed_data, units=units, actor=users["clerk"])  # 60 tables in each state
    sections = {s["title"]: s for s in client_for("deptreviewer").get(reverse("web:todo")).context["sections"]}
    assert (sections["待审核"]["count"], len(sections["待审核"]["items"])) == (60, 50)
    finance = {s["title"]: s for s in client_for("finance").get(reverse("web:todo")).context["sections"]}
    assert finance["待审核"]["count"] == 60 and finance["待公开（已审核通过）"]["count"] == 60
    clerk = {s["title"]: s["count"] for s in client_for("clerk").get(reverse("web:todo")).context["sections"]}
    assert clerk == {"待修改（已退回）": 60, "草稿": 60}
    lead = {s["title"]: s["count"] for s in client_for("unitlead").get(reverse("web:todo")).context["sections"]}
    assert (
        lead["待提交（无错误）"]
        == TableRecord.objects.filter(status__in=(Status.DRAFT, Status.RETURNED), error_count=0).count()
    )


def every_page(client: Client, url: str, **query: str) -> list[int]:
    """The ids of every row, page after page along the 下一页 links."""
    seen: list[int] = []
    while True:
        page = client.get(url, query).context["page"]
        seen += [row.pk for row in page]
        if page.next_cursor is None:
            return seen
        query = {**query, "after": page.next_cursor}


def test_keyset_pages_hold_still_while_tables_are_added(
    users: dict[str, Any], seed_data: list[dict[str, Any]], client_for: Any
) -> None:
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(45, seed_data, units=units, actor=users["clerk"])  # one updated_at for many: ties by id
    client = client_for("finance")
    first = client.get(reverse("web:table_list")).context["page"]
    expected = list(TableRecord.objects.order_by("-updated_at", "-id").values_list("pk", flat=True))
    assert [r.pk for r in first] == expected[:20]
    bulkseed.seed_tables(7, seed_data, units=units, actor=users["clerk"], start=45)  # newer rows, on top
    second = client.get(reverse("web:table_list"), {"after": first.next_cursor}).context["page"]
    assert [r.pk for r in second] == expected[20:40]  # not shifted by the seven added
    back = client.get(reverse("web:table_list"), {"before": second.previous_cursor}).context["page"]
    assert [r.pk for r in back] == expected[:20]  # the page before page 2 is the page seen
    start = client.get(reverse("web:table_list"), {"before": back.previous_cursor}).context["page"]
    newest = list(TableRecord.objects.order_by("-updated_at", "-id").values_list("pk", flat=True))
    assert [r.pk for r in start] == newest[:20]  # before that, 7 added: the first page as it is now, full
    assert start.previous_cursor is None
    everything = every_page(client, reverse("web:table_list"))
    assert sorted(everything) == sorted(TableRecord.objects.values_list("pk", flat=True))
    public = every_page(client_for(None), reverse("web:public"))
    assert public == list(
        TableRecord.objects.filter(published_version__isnull=False)
        .order_by("-public_year", "public_department", "public_name", "id")
        .values_list("pk", flat=True)
    )
    assert len(public) == 8  # the sixth of each six is published


QUERIES = [
    "国有资本经营",
    "担保费",
    "支持项目数量",
    "融资担保有限",
    "再担保",
    "国",
    "担保",
    "Ab",
    "abc",
    "X%_",
    '"引号"',
    "（7）",
]


def plain(records: list[TableRecord], names: dict[int, list[str]], query: str) -> set[int]:
    """What ``icontains`` over the project's, the unit's and the indicators' names finds (ASCII case folded)."""
    wanted = query.strip().lower()
    return {
        r.pk for r in records if any(wanted in text.lower() for text in [r.project_name, r.unit.name, *names[r.pk]])
    }


def test_search_finds_what_icontains_finds(
    users: dict[str, Any], seed_data: list[dict[str, Any]], sasac: Unit, client_for: Any
) -> None:
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(60, seed_data, units=units, actor=users["clerk"])
    odd = copy.deepcopy(seed_data[0])
    odd["project_name"] = 'ABC 培训 X%_ "引号"'
    odd["indicators"][0]["name"] = "aBc 覆盖率"
    workflow.create_table(sasac, actor=users["clerk"], data=odd)
    records = list(TableRecord.objects.select_related("unit").prefetch_related("versions"))
    names = {r.pk: [row["name"] for row in r.versions.all()[0].data["indicators"]] for r in records}
    everything = TableRecord.objects.all()
    for query in QUERIES:
        expected = plain(records, names, query)
        assert set(search.matching(everything, query).values_list("pk", flat=True)) == expected, query
        assert set(everything.filter(search_text__icontains=query).values_list("pk", flat=True)) == expected, query
    assert len(plain(records, names, "国有资本经营")) > 5 and len(plain(records, names, "abc")) == 1  # not trivial
    listed = client_for("finance").get(reverse("web:table_list"), {"q": "支持项目数量"})
    assert listed.context["count"] == len(plain(records, names, "支持项目数量")) > 0
    published = [r for r in records if r.published_version_id]
    public = client_for(None).get(reverse("web:public"), {"q": "担保费"}).context["page"]
    assert {r.pk for r in public} == plain(published, names, "担保费") != set()


def test_the_index_follows_each_save_and_publication(users: dict[str, Any], draft: TableRecord, walk: Any) -> None:
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["name"] = "牧区饮水安全覆盖率"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    found = search.matching(TableRecord.objects.all(), "饮水安全")
    assert list(found.values_list("pk", flat=True)) == [draft.pk]
    assert not search.matching(TableRecord.objects.all(), data["indicators"][1]["name"] + "不在").exists()
    assert not search.matching(TableRecord.objects.all(), "饮水安全", "public_search").exists()
    walk(draft, "published")
    assert list(
        search.matching(TableRecord.objects.all(), "饮水安全", "public_search").values_list("pk", flat=True)
    ) == [draft.pk]


def test_the_search_reads_the_trigram_index(users: dict[str, Any], draft: TableRecord) -> None:
    found = search.matching(TableRecord.objects.order_by(), "国有资本经营")
    sql, params = found.query.sql_with_params()
    if connection.vendor == "sqlite":
        assert f"FROM {search.SQLITE_INDEX} WHERE search_text MATCH" in sql
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: the planner would rather read them all
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "web_table_search_text_trgm" in plan, plan


def test_short_queries_fall_back_to_a_plain_scan(users: dict[str, Any], draft: TableRecord) -> None:
    short = search.matching(TableRecord.objects.all(), "国有")
    assert "MATCH" not in str(short.query)
    assert list(short.values_list("pk", flat=True)) == [draft.pk]


def test_health_answers_without_a_login(db: Any) -> None:
    response = Client().get(reverse("web:health"))
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert Client().post(reverse("web:health")).status_code == 405


@pytest.mark.parametrize("size", [1, 7])
def test_a_page_of_the_inbox_is_the_newest_first(size: int, users: dict[str, Any], client_for: Any) -> None:
    bulkseed.seed_notices(users["clerk"], 30 + size)
    client = client_for("clerk")
    first = client.get(reverse("web:inbox")).context["page"]
    second = client.get(reverse("web:inbox"), {"after": first.next_cursor}).context["page"]
    titles = [n.title for n in [*first, *second]]
    assert titles == [f"待审核：第 {number} 张目标表" for number in range(29 + size, -1, -1)]


def test_a_long_list_is_counted_only_so_far(
    users: dict[str, Any], seed_data: list[dict[str, Any]], client_for: Any, monkeypatch: Any
) -> None:
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(12, seed_data, units=units, actor=users["clerk"])
    monkeypatch.setattr(tables, "COUNTED", 11)
    client = client_for("finance")
    assert "超过 11 张" in client.get(reverse("web:table_list")).content.decode()
    assert "共 2 张" in client.get(reverse("web:table_list"), {"status": "published"}).content.decode()


def test_a_rounds_progress_pages_its_units_and_counts_them_all(users: dict[str, Any], client_for: Any) -> None:
    department = Department.objects.get(name="自治区国资委")
    for number in range(60):
        Unit.objects.create(department=department, name=f"国资委下属单位{number:02d}")
    opened = rounds.open_round(
        department.office,
        actor=users["finance"],
        kind=RoundKind.TARGETS,
        year=2024,
        deadline=rounds.today() + datetime.timedelta(days=3),
        units=Unit.objects.filter(department=department),
    )
    client = client_for("finance")
    first = client.get(reverse("web:round_detail", args=[opened.pk]))
    second = client.get(reverse("web:round_detail", args=[opened.pk]), {"after": first.context["page"].next_cursor})
    names = [row.unit.name for row in [*first.context["rows"], *second.context["rows"]]]
    assert len(first.context["rows"]) == 50
    assert names == list(
        Unit.objects.filter(department=department).order_by("name", "id").values_list("name", flat=True)
    )
    assert len(names) == 61 and first.context["counts"]["未开始"] == 61  # the summary is of every unit


def test_a_rounds_reports_page_by_department_unit_and_project(
    users: dict[str, Any], seed_data: list[dict[str, Any]], client_for: Any
) -> None:
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(6 * 40, seed_data, units=units, actor=users["clerk"])  # 80 approved or published
    watching = rounds.open_round(
        units[0].department.office,
        actor=users["finance"],
        kind=RoundKind.MONITORING,
        year=2024,
        period="1-6月",
        deadline=rounds.today() + datetime.timedelta(days=3),
        units=units,
    )
    assert bulkseed.seed_reports(watching, actor=users["finance"]) == 80
    url = reverse("web:round_reports", args=[watching.pk])
    first = client_for("finance").get(url).context["page"]
    assert len(first) == 50 and first.next_cursor is not None
    seen = every_page(client_for("finance"), url)
    reports = RoundReport.objects.filter(round=watching)
    ordered = reports.order_by("record__unit__department__name", "record__unit__name", "record__project_name", "id")
    assert seen == list(ordered.values_list("pk", flat=True)) and len(seen) == 80
    theirs = every_page(client_for("deptreviewer"), url)
    assert theirs == list(ordered.filter(unit__department__name="自治区国资委").values_list("pk", flat=True))
    assert 0 < len(theirs) < 80
    assert client_for("finance").get(url, {"after": "not-a-cursor"}).status_code == 400


def test_the_migration_fills_the_search_columns_of_existing_tables(
    users: dict[str, Any], draft: TableRecord, walk: Any
) -> None:
    import importlib

    from django.apps import apps

    walk(draft, "published")
    draft.refresh_from_db()
    expected = TableRecord.objects.values("search_text", "public_name", "public_year", "public_department").get()
    TableRecord.objects.update(search_text="", public_name="", public_year=0, public_department="", public_search="")
    migration = importlib.import_module("jixiao.web.migrations.0013_scale_indexes_search")
    migration.fill_search_columns(apps, None)
    filled = TableRecord.objects.values("search_text", "public_name", "public_year", "public_department").get()
    assert filled == expected and filled["public_year"] == 2024 and "支持国有企业户数" in filled["search_text"]
