"""A scan read end to end by the OCR reader: the seed's first table, printed, scanned at 150 dpi with noise, blur,
a slight turn and JPEG (``bench/ocr.py --fixtures`` makes it), read in the bounded child as ``jixiao.read`` does."""

from __future__ import annotations

import io
import socket
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

import jixiao
from jixiao.errors import InputError
from jixiao.grid import Grid
from jixiao.io import ocr
from jixiao.model import Operator, TargetTable
from jixiao.reading import read_grids, tables_in
from testdata import DATA, SEED

SCAN = DATA / "scans" / "seed_p1_150dpi_medium.pdf"


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR reader needs the jixiao[ocr] extra")


@dataclass
class Scanned:
    grids: list[Grid]
    tables: list[TargetTable]
    pages: list[tuple[int, int]]


@pytest.fixture(scope="module")
def scanned() -> Scanned:
    pages: list[tuple[int, int]] = []
    grids = read_grids(SCAN, progress=lambda done, total: pages.append((done, total)))
    return Scanned(grids, tables_in(grids), pages)


@needs_ocr
def test_every_target_reads_right_or_is_noted(scanned: Scanned) -> None:
    [table] = scanned.tables
    [expected, *_rest] = jixiao.read(SEED)
    assert table.project_name == "国有资本经营预算项目" and table.funding.total == 114352
    assert len(table.indicators) == 11  # the page holds the table's first 11; the 12th is on the next page
    assert [fold(i.name) for i in table.indicators] == [fold(i.name) for i in expected.indicators[:11]]
    doubted = {(note.row, note.column) for note in table.notes if note.needs_confirmation}
    right = 0
    for indicator, want in zip(table.indicators, expected.indicators[:11], strict=True):
        got, meant = indicator.target, want.target
        assert got is not None and meant is not None
        if (got.operator, got.value, got.unit) == (meant.operator, meant.value, meant.unit):
            right += 1
        else:  # never a wrong value without a note
            assert (indicator.source.row, indicator.source.column("target")) in doubted, indicator.name
    assert right >= 10
    by_name = {fold(indicator.name): indicator.target for indicator in table.indicators}
    spent, profit = by_name["项目支出(万元)"], by_name["利润总额(万元)"]
    assert spent is not None and spent.operator is Operator.LE and spent.value == 114352 and spent.unit == "万元"
    assert profit is not None and profit.operator is Operator.GE and profit.value == 100000


@needs_ocr
def test_progress_is_told_page_by_page(scanned: Scanned) -> None:
    assert scanned.pages == [(1, 1)]


@needs_ocr
def test_each_cell_keeps_its_confidence_and_place_and_can_be_shown(scanned: Scanned) -> None:
    from PIL import Image

    from jixiao.io.ocr import crop_png

    [grid] = scanned.grids
    cell = next(cell for row in grid.rows for cell in row if cell.text == "≥100000")
    assert cell.confidence is not None and 0.9 < cell.confidence <= 1
    assert cell.region is not None and cell.region.page == 1
    left, top, right, bottom = cell.region.box
    image = Image.open(io.BytesIO(crop_png(SCAN, cell.region)))
    assert image.format == "PNG" and image.size == (right - left + 32, bottom - top + 32)


@needs_ocr
def test_the_model_loads_and_reads_with_the_network_shut(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.io.ocr.engine import Engine, model_files
    from jixiao.io.ocr.pages import page_image

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the OCR reader reached for the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    package = Path(ocr.__file__).parents[3]  # site-packages or src: the models must come from the installed wheel
    assert all(path.is_file() and "rapidocr" in path.parts for path in model_files().values()), package
    page = page_image(SCAN, 1).pixels
    lines = Engine().read_page(page[100:200, 60:700])  # the title and the first rows
    assert any("项目名称" in line.text for line in lines)


def test_without_the_extra_a_scan_is_refused_in_one_line_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(InputError) as refused:
        jixiao.read(SCAN)
    message = str(refused.value)
    assert "\n" not in message and "jixiao[ocr]" in message and "没有可提取的文字" in message


@needs_ocr
def test_an_image_file_is_read_as_a_scan(tmp_path: Path) -> None:
    from PIL import Image

    from jixiao.io.ocr.pages import page_image
    from jixiao.reading import format_of

    page = page_image(SCAN, 1).pixels
    photo = tmp_path / "photo.jpg"
    Image.fromarray(page[: page.shape[0] * 2 // 5]).save(photo, quality=80)  # the header block and the first rows
    assert format_of(photo) == "image"
    [grid] = read_grids(photo)
    texts = [cell.text for row in grid.rows for cell in row]
    assert "国有资本经营预算项目" in texts and "114352" in texts
    assert all(cell.region is not None and cell.region.page == 1 for row in grid.rows for cell in row)
