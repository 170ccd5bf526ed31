"""Scans in the web import: read by OCR in the background, doubtful cells confirmed beside the scan, then saved."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from jixiao.grid import Grid, Region
from jixiao.notes import NoteKind, ReadingNote
from jixiao.reading import Progress, read_grids
from jixiao.web.models import AuditEntry, Role, RoleAssignment, ScanReading, ScanState, TableRecord, Unit
from jixiao.web.services import scans

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed_2024.txt"
SCAN = ROOT / "tests" / "data" / "scans" / "seed_p1_150dpi_medium.pdf"
DOUBT = "cell-0-10-4"  # the seed's first target, 10户, in the grid below


def upload(client: Any, name: str, content: bytes) -> Any:
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("web:import"), {"file": file})


def page_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (1200, 900), 255).save(buffer, "PNG")
    return buffer.getvalue()


def doubtful_grid() -> Grid:
    """The seed's first table as OCR would give it, its first target (row 10, column 4) read with low confidence."""
    grid = read_grids(SEED)[0]
    rows = tuple(
        tuple(replace(cell, confidence=0.99, region=Region(1, (100, 100, 300, 150), 1.0)) for cell in row)
        for row in grid.rows
    )
    note = ReadingNote(
        NoteKind.DOUBTFUL_CELL, "指标值“10户”识别把握不大（置信度 0.50），请对照原件核对", 10, 4, "target", "10户",
        confidence=0.5,
    )  # fmt: skip
    return replace(grid, rows=rows, notes=(note,), source="scan.png")


@pytest.fixture
def inline(settings: Any) -> None:
    settings.JIXIAO_SCAN_READING_INLINE = True


@pytest.fixture
def fake_ocr(monkeypatch: pytest.MonkeyPatch, inline: None) -> list[tuple[int, int]]:
    """OCR replaced by the grid above, reporting two pages; the pages reported are kept."""
    reported: list[tuple[int, int]] = []

    def read(path: str | Path, *, progress: Progress | None = None) -> list[Grid]:
        for page in (1, 2):
            reported.append((page, 2))
            if progress is not None:
                progress(page, 2)
        return [doubtful_grid()]

    monkeypatch.setattr(scans, "read_grids", read)
    return reported


def test_a_scan_is_read_then_its_doubtful_cell_confirmed_before_the_table_is_saved(
    users: dict[str, Any], client_for: Any, fake_ocr: list[tuple[int, int]]
) -> None:
    client = client_for("clerk")
    response = upload(client, "扫描件.png", page_png())
    assert response.status_code == 302
    reading = ScanReading.objects.get()
    assert (reading.state, reading.pages_done, reading.pages_total) == (ScanState.READ, 2, 2)
    page = client.get(response["Location"]).content.decode()
    assert "核对扫描件识别结果" in page and "指标值“10户”识别把握不大" in page
    assert f'name="{DOUBT}" value="10户"' in page
    assert reverse("web:scan_cell", args=[reading.upload.pk, 0, 10, 4]) in page
    # saving is refused while the doubt is open
    refused = client.post(response["Location"], {"table": "0", "year": "2024"})
    assert refused.status_code == 400 and "1 处识别结果没有核对" in refused.content.decode()
    assert not TableRecord.objects.exists()
    # the person reads 12户 on the scan
    confirmed = client.post(response["Location"], {"confirm": "1", DOUBT: "12户"})
    assert confirmed.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "核对扫描件识别结果" not in page and "1 处识别结果已由" in page
    client.post(response["Location"], {"table": "0", "year": "2024"})
    record = TableRecord.objects.get()
    first = record.latest.data["indicators"][0]
    assert (first["name"], first["target"]) == ("支持国有企业户数", "12户")
    entry = AuditEntry.objects.get(table=record)
    assert "扫描件，OCR 识别，1 处识别结果经人工核对" in entry.comment


def test_every_doubt_must_be_answered(users: dict[str, Any], client_for: Any, fake_ocr: Any) -> None:
    client = client_for("clerk")
    location = upload(client, "扫描件.png", page_png())["Location"]
    response = client.post(location, {"confirm": "1", DOUBT: "  "})
    assert response.status_code == 400 and "第10行第4列还没有核对" in response.content.decode()
    assert ScanReading.objects.get().corrected == 0


def test_the_cell_image_is_a_png_shown_only_within_the_unit(
    users: dict[str, Any], client_for: Any, fake_ocr: Any, other_unit: Unit
) -> None:
    stranger = get_user_model().objects.create_user(username="clerk2", password="x")
    RoleAssignment.objects.create(user=stranger, role=Role.CLERK, unit=other_unit)
    outsider = Client()
    outsider.force_login(stranger)
    location = upload(client_for("clerk"), "扫描件.png", page_png())["Location"]
    pk = ScanReading.objects.get().upload.pk
    image = client_for("clerk").get(reverse("web:scan_cell", args=[pk, 0, 10, 4]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG") and Image.open(io.BytesIO(image.content)).size == (
        232,
        82,
    )  # the box and 16 px around it
    assert client_for("clerk").get(reverse("web:scan_cell", args=[pk, 0, 99, 4])).status_code == 404
    assert client_for("clerk").get(reverse("web:scan_cell", args=[pk, 3, 10, 4])).status_code == 404
    assert outsider.get(reverse("web:scan_cell", args=[pk, 0, 10, 4])).status_code == 404
    assert outsider.get(location).status_code == 404
    assert client_for(None).get(reverse("web:scan_cell", args=[pk, 0, 10, 4])).status_code == 302  # to the login


def test_while_the_scan_is_read_the_preview_shows_the_pages_and_polls(users: dict[str, Any], client_for: Any) -> None:
    # not inline: the reading thread starts after the upload's transaction; here it never runs
    client = client_for("clerk")
    response = upload(client, "扫描件.png", page_png())
    reading = ScanReading.objects.get()
    ScanReading.objects.filter(pk=reading.pk).update(pages_done=1, pages_total=3)
    page = client.get(response["Location"]).content.decode()
    assert "正在识别扫描件" in page and "第 1 / 3 页" in page and 'hx-trigger="every 2s"' in page
    poll = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert poll.status_code == 200 and "<html" not in poll.content.decode()
    ScanReading.objects.filter(pk=reading.pk).update(
        state=ScanState.READ, grids=scans.grid_json.dump([doubtful_grid()])
    )
    done = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert (done.status_code, done["HX-Refresh"]) == (204, "true")


def test_a_reading_cut_off_is_reported_and_a_failed_one_says_why(users: dict[str, Any], client_for: Any) -> None:
    client = client_for("clerk")
    location = upload(client, "扫描件.png", page_png())["Location"]
    reading = ScanReading.objects.get()
    ScanReading.objects.filter(pk=reading.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert "识别中断" in client.get(location).content.decode()
    ScanReading.objects.filter(pk=reading.pk).update(state=ScanState.FAILED, error="第 1 页识别超过 60 秒")
    assert "第 1 页识别超过 60 秒" in client.get(location).content.decode()


def test_without_the_ocr_extra_a_scan_is_refused_naming_it(
    users: dict[str, Any], client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jixiao.io.ocr.available", lambda: False)
    response = upload(client_for("clerk"), "扫描件.png", page_png())
    assert response.status_code == 400 and "jixiao[ocr]" in response.content.decode()
    assert not ScanReading.objects.exists()


def test_a_real_scanned_pdf_end_to_end(users: dict[str, Any], client_for: Any, inline: None) -> None:
    client = client_for("clerk")
    location = upload(client, "扫描件.pdf", SCAN.read_bytes())["Location"]
    reading = ScanReading.objects.get()
    assert (reading.state, reading.error, reading.pages_total) == (ScanState.READ, "", 1)
    doubts = scans.open_doubts(reading)
    assert doubts and all(doubt.has_image for doubt in doubts)
    image = client.get(
        reverse("web:scan_cell", args=[reading.upload.pk, doubts[0].grid, doubts[0].row, doubts[0].column])
    )
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    client.post(location, {"confirm": "1", **{doubt.key: doubt.offered for doubt in doubts}})
    client.post(location, {"table": "0", "year": "2024"})
    record = TableRecord.objects.get()
    assert record.project_name == "国有资本经营预算项目"
    assert [row["target"] for row in record.latest.data["indicators"]][:3] == ["10户", "10个", "45%"]
