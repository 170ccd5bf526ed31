"""Importing files: the type from the content, the tables as `jixiao read` finds them, other kinds refused."""

from __future__ import annotations

import copy
import io
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

import jixiao
from jixiao.io.writers import write
from jixiao.web.models import Notice, Status, TableRecord, UploadedFile
from jixiao.web.services import workflow
from jixiao.web.services.tabledata import data_from_table

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed_2024.txt"
SAMPLES = ROOT / "tests" / "data" / "samples"
SCRIPT = "<script>alert(1)</script>"


def upload(client: Any, name: str, content: bytes) -> Any:
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("web:import"), {"file": file})


def test_import_previews_then_saves_a_draft_keeping_the_original(users: dict[str, Any], client_for: Any) -> None:
    client = client_for("clerk")
    content = SEED.read_bytes()
    response = upload(client, "seed_2024.xlsx", content)  # the name lies; the content decides
    assert response.status_code == 302
    stored = UploadedFile.objects.get()
    assert (stored.detected_type, bytes(stored.content)) == ("text", content)
    preview = client.get(response["Location"]).content.decode()
    assert "找到 6 张目标表" in preview
    assert "自治区区属国有企业外部董事薪酬" in preview
    saved = client.post(response["Location"], {"table": "1", "year": "2024"})
    record = TableRecord.objects.get()
    assert saved["Location"] == reverse("web:table_edit", args=[record.pk])
    assert (record.project_name, record.status, record.latest.source_file) == (
        "自治区区属国有企业外部董事薪酬",
        Status.DRAFT,
        stored,
    )
    assert record.audit_entries.get().action == "import"


def test_later_versions_still_link_the_original_file(users: dict[str, Any], client_for: Any, submit: Any) -> None:
    clerk = client_for("clerk")
    response = upload(clerk, "国资委目标表.txt", SEED.read_bytes())
    clerk.post(response["Location"], {"table": "0"})
    record = TableRecord.objects.get()
    submit(record, users["unitlead"])
    workflow.return_for_changes(record, actor=users["deptreviewer"], version=record.latest.number, comment="请修改")
    data = copy.deepcopy(record.latest.data)
    data["indicators"][0]["target"] = "12户"
    workflow.save_draft(record, actor=users["clerk"], data=data, revision=record.latest.revision)
    assert record.latest.number == 2
    link = f'href="{reverse("web:original_file", args=[UploadedFile.objects.get().pk])}"'
    assert link in clerk.get(reverse("web:table_detail", args=[record.pk])).content.decode()
    assert clerk.get(link.split('"')[1]).content == SEED.read_bytes()


def test_an_excel_workbook_imports_through_the_same_road(
    users: dict[str, Any], client_for: Any, tmp_path: Path
) -> None:
    workbook = write(jixiao.read(SEED)[:2], tmp_path / "两张表.xlsx")
    client = client_for("clerk")
    response = upload(client, "两张表.bin", workbook.read_bytes())
    assert UploadedFile.objects.get().detected_type == "xlsx"
    preview = client.get(response["Location"]).content.decode()
    assert "Excel 工作簿" in preview and "找到 2 张目标表" in preview
    client.post(response["Location"], {"table": "0", "year": "2024"})
    record = TableRecord.objects.get()
    assert record.latest.data["indicators"][3]["target"] == "1"
    assert record.latest.data["department"] == "自治区国资委"  # the unit's department, as the file has none


def test_an_uploaded_script_is_escaped_in_the_preview(users: dict[str, Any], client_for: Any) -> None:
    text = SEED.read_text(encoding="utf-8").split("## 项目支出绩效目标表")[1]
    text = "## 项目支出绩效目标表" + text.replace("支持国有企业户数", SCRIPT)
    client = client_for("clerk")
    response = upload(client, "evil.txt", text.encode())
    html = client.get(response["Location"]).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "图片文件无法打开"),
        (b"PK\x03\x04" + b"\x00" * 100, "ZIP 文件已损坏或不完整，也不是 Excel 或 Word 文件"),
    ],
)
def test_uploads_of_the_wrong_kind_are_refused_clearly(
    content: bytes, message: str, users: dict[str, Any], client_for: Any
) -> None:
    response = upload(client_for("clerk"), "table.xlsx", content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not UploadedFile.objects.exists()


def test_uploads_over_the_limit_are_refused(settings: Any, users: dict[str, Any], client_for: Any) -> None:
    settings.JIXIAO_UPLOAD_MAX_BYTES = 1024
    response = upload(client_for("clerk"), "big.txt", "项目名称\t很大\n".encode() * 200)
    assert response.status_code == 400
    assert "超过 0 MB 的上限" in response.content.decode()
    assert not UploadedFile.objects.exists()


def test_an_oversized_request_is_refused_before_its_body_is_read(
    settings: Any, users: dict[str, Any], client_for: Any
) -> None:
    settings.JIXIAO_UPLOAD_MAX_BYTES = 1024
    response = upload(client_for("clerk"), "big.txt", b"x" * 200_000)
    assert response.status_code == 400
    assert "文件超过 0 MB 的上限" in response.content.decode()


def with_cover_sheet(path: Path) -> Path:
    """The workbook at ``path`` with a cover sheet (封面) first, as offices send them."""
    workbook = openpyxl.load_workbook(path)
    cover = workbook.create_sheet("封面", 0)
    cover["A1"] = "2024年度项目支出绩效目标表"
    cover["A3"] = "编报单位：新疆维吾尔自治区财政厅"
    cover["A4"] = "编报日期：2024年1月"
    workbook.save(path)
    return path


def test_a_workbook_with_a_cover_sheet_gives_the_tables_jixiao_read_gives(
    users: dict[str, Any], client_for: Any, tmp_path: Path
) -> None:
    workbook = with_cover_sheet(write(jixiao.read(SEED), tmp_path / "目标表.xlsx"))
    read = jixiao.read(workbook)
    assert len(read) == 6
    client = client_for("clerk")
    response = upload(client, "目标表.xlsx", workbook.read_bytes())
    assert response.status_code == 302
    preview = client.get(response["Location"])
    # the same tables, cell for cell (their source positions name the upload's temporary file, not this one)
    assert [data_from_table(p["table"]) for p in preview.context["previews"]] == [data_from_table(t) for t in read]
    assert "找到 6 张目标表" in preview.content.decode()
    # table 6 names another unit as its 预算单位: saved under the clerk's own only when the clerk says so
    refused = client.post(response["Location"], {"table": "5", "year": "2024"}, follow=True)
    assert "表内预算单位是“新疆农业信贷融资担保有限责任公司”，不是您填报的单位" in refused.content.decode()
    assert not TableRecord.objects.exists()
    client.post(response["Location"], {"table": "5", "year": "2024", "as_own": "1"})
    saved = TableRecord.objects.get().latest.data
    assert saved == {**data_from_table(read[5]), "year": 2024, "department": "自治区国资委"}


@pytest.mark.parametrize(
    ("sample", "message"),
    [
        (
            "003_a.tsv",
            "这是绩效自评表，属于“绩效自评”填报任务；新疆维吾尔自治区人民政府国有资产监督管理委员会当前没有开放的绩效自评任务",
        ),
        (
            "038_a.tsv",
            "这是绩效运行监控表，属于“绩效监控”填报任务；新疆维吾尔自治区人民政府国有资产监督管理委员会当前没有开放的绩效监控任务",
        ),
    ],
)
def test_self_evaluation_and_monitoring_tables_are_refused_while_no_round_is_open(
    sample: str, message: str, users: dict[str, Any], client_for: Any
) -> None:
    assert jixiao.read(SAMPLES / sample)  # read as a target table, it would show a page of false errors
    response = upload(client_for("clerk"), sample, (SAMPLES / sample).read_bytes())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not UploadedFile.objects.exists()


def test_a_file_mixing_target_tables_and_a_self_evaluation_says_which_table_is_which(
    users: dict[str, Any], client_for: Any
) -> None:
    mixed = SEED.read_bytes() + b"\n" + (SAMPLES / "003_a.tsv").read_bytes()
    response = upload(client_for("clerk"), "mixed.txt", mixed)
    assert response.status_code == 400
    assert "文件里的第 7 张表是绩效自评表" in response.content.decode()


def test_temporary_upload_files_are_removed_on_every_path(
    users: dict[str, Any], client_for: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    workbook = write(jixiao.read(SEED)[:1], tmp_path / "one.xlsx").read_bytes()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    client = client_for("clerk")
    read = upload(client, "one.xlsx", workbook)  # read at upload and at preview
    assert client.get(read["Location"]).status_code == 200
    refused = upload(client, "selfeval.tsv", (SAMPLES / "003_a.tsv").read_bytes())
    assert refused.status_code == 400
    broken = upload(client, "broken.xlsx", workbook[: len(workbook) // 2])  # kept; the reader fails at preview
    page = client.get(broken["Location"]).content.decode()
    assert "broken.xlsx" in page and "找到 0 张目标表" in page
    assert list(scratch.iterdir()) == []


def test_an_imported_table_with_a_very_long_name_is_kept_whole(users: dict[str, Any], client_for: Any) -> None:
    name = "很长的项目名称" * 60  # 420 characters: past the list's column
    text = "## 项目支出绩效目标表" + SEED.read_text(encoding="utf-8").split("## 项目支出绩效目标表")[1]
    text = text.replace("国有资本经营预算项目", name, 1)
    client = client_for("clerk")
    response = upload(client, "long.txt", text.encode())
    client.post(response["Location"], {"table": "0"})
    record = TableRecord.objects.get()
    assert (len(record.project_name), record.latest.data["project_name"]) == (300, name)
    titles = [notice.title for notice in Notice.objects.filter(table=record)]
    assert titles and all(len(title) <= 300 for title in titles)  # the notice names the project, cut to fit
    assert any(title.endswith("…") and "很长的项目名称" in title for title in titles)
