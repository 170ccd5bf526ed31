"""Broken and hostile files: a one-line error naming the file and the problem, in bounded time, nothing written."""

from __future__ import annotations

import time
from pathlib import Path

import docx
import io_hostile as hostile
import pytest
from io_support import write_seed
from typer.testing import CliRunner

from jixiao import read
from jixiao.cli.app import app
from jixiao.errors import InputError, JixiaoError
from jixiao.io.container import SheetScan
from jixiao.io.limits import MAX_FILE_BYTES
from jixiao.io.ods_scan import OdsScan
from jixiao.model import Kind
from jixiao.reading import read_grids


def error_of(path: Path) -> JixiaoError:
    started = time.perf_counter()
    with pytest.raises(JixiaoError) as caught:
        read(path)
    assert time.perf_counter() - started < 20
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return caught.value


def test_truncated_xlsx(tmp_path: Path) -> None:
    written = write_seed()
    data = written["xlsx"].read_bytes()
    broken = tmp_path / "truncated.xlsx"
    broken.write_bytes(data[: len(data) // 2])
    error = error_of(broken)
    assert isinstance(error, InputError) and "已损坏或不完整" in error.message


def _compression_method(data: bytes, part: bytes, method: int) -> bytes:
    """``data`` (a ZIP) with ``part``'s compression method, in its local header and its directory entry, set to
    ``method``."""
    patched = bytearray(data)
    # (signature, where the name's length is, where the name starts, where the method is) of each kind of header
    for signature, length_at, name_at, method_at in ((b"PK\x03\x04", 26, 30, 8), (b"PK\x01\x02", 28, 46, 10)):
        at = data.find(signature)
        while at != -1:
            length = int.from_bytes(data[at + length_at : at + length_at + 2], "little")
            if data[at + name_at : at + name_at + length] == part:
                patched[at + method_at : at + method_at + 2] = method.to_bytes(2, "little")
            at = data.find(signature, at + 4)
    return bytes(patched)


@pytest.mark.parametrize("part", [b"xl/styles.xml", b"xl/workbook.xml", b"xl/worksheets/sheet1.xml"])
def test_a_part_in_a_compression_zipfile_cannot_read_is_refused(tmp_path: Path, part: bytes) -> None:
    broken = tmp_path / "method.xlsx"
    broken.write_bytes(_compression_method(write_seed()["xlsx"].read_bytes(), part, 99))  # 99: AES, not supported
    error = error_of(broken)
    assert isinstance(error, InputError) and "已损坏或不完整" in error.message and part.decode() in error.message


def test_zip_bomb_is_refused_before_decompressing(tmp_path: Path) -> None:
    bomb = hostile.zip_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 1024 * 1024
    assert "压缩炸弹" in error_of(bomb).message


def test_encrypted_pdf(tmp_path: Path) -> None:
    file = tmp_path / "locked.pdf"
    file.write_bytes(hostile.encrypted_pdf())
    assert "已加密" in error_of(file).message


def test_corrupt_pdf(tmp_path: Path) -> None:
    file = tmp_path / "corrupt.pdf"
    file.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    assert "已损坏" in error_of(file).message


def test_pdf_whose_text_is_cid_codes_asks_for_the_original(tmp_path: Path) -> None:
    file = tmp_path / "cid.pdf"
    file.write_bytes(hostile.cid_pdf())
    message = error_of(file).message
    assert "(cid:" in message and "Excel 或 Word 原件" in message


def test_scanned_pdf_without_a_ruled_table_asks_for_the_original(tmp_path: Path) -> None:
    file = tmp_path / "scan.pdf"
    file.write_bytes(hostile.scanned_pdf())
    message = error_of(file).message
    assert "表格线" in message and "Excel 或 Word 原件" in message


def test_file_over_100_mb_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with big.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    assert "100 MB" in error_of(big).message


def test_100000_empty_formatted_rows_are_read_in_bounded_time(tmp_path: Path) -> None:
    written = write_seed()
    padded = hostile.rewrite_sheet(
        written["xlsx"], tmp_path / "padded.xlsx", lambda data: hostile.with_empty_formatted_rows(data, 100_000)
    )
    started = time.perf_counter()
    tables = read(padded)
    assert time.perf_counter() - started < 15
    assert len(tables) == 6 and len(tables[0].indicators) == 12


def test_a_sheet_of_only_empty_formatted_rows(tmp_path: Path) -> None:
    written = write_seed()

    def only_rows(data: bytes) -> bytes:
        return hostile.with_empty_formatted_rows(data, 100_000, keep_cells=False)

    padded = hostile.rewrite_sheet(written["xlsx"], tmp_path / "empty.xlsx", only_rows)
    tables = read(padded)  # the other five sheets still hold their tables
    assert [t.project_name for t in tables][:1] == ["自治区区属国有企业外部董事薪酬"]


def test_used_range_of_a_whole_sheet_is_refused(tmp_path: Path) -> None:
    written = write_seed()
    wide = hostile.rewrite_sheet(written["xlsx"], tmp_path / "wide.xlsx", hostile.far_cell)
    message = error_of(wide).message
    assert "使用范围" in message and "1048576 行" in message


def test_a_merged_range_reaching_the_end_of_the_sheet(tmp_path: Path) -> None:
    written = write_seed()
    merged = hostile.rewrite_sheet(written["xlsx"], tmp_path / "merged.xlsx", hostile.merge_to_sheet_end)
    started = time.perf_counter()
    tables = read(merged)
    assert time.perf_counter() - started < 20  # the range is not expanded cell by cell (17 billion of them)
    assert [len(t.indicators) for t in tables] == [12, 8, 7, 8, 9, 9]


def test_docx_with_nested_tables(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "项目名称"
    outer.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "内层"
    file = tmp_path / "nested.docx"
    document.save(str(file))
    message = error_of(file).message
    assert "嵌套" in message and "第1个表格第2行第2列" in message


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"), "密码"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le"), ".doc"),
        (b"PK\x05\x06" + b"\0" * 18, "ZIP"),
        (bytes(range(256)) * 4, "不是有效的 Excel 文件"),
    ],
    ids=["encrypted-office", "legacy-doc", "other-zip", "binary"],
)
def test_files_of_no_known_format(tmp_path: Path, content: bytes, phrase: str) -> None:
    file = tmp_path / "input.xlsx"
    file.write_bytes(content)
    assert phrase in error_of(file).message


def test_convert_of_a_broken_file_writes_nothing(tmp_path: Path) -> None:
    written = write_seed()
    broken = tmp_path / "truncated.xlsx"
    broken.write_bytes(written["xlsx"].read_bytes()[:3000])
    out = tmp_path / "out" / "table.pdf"
    out.parent.mkdir()
    result = CliRunner().invoke(app, ["convert", str(broken), str(out)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("错误：") and "truncated.xlsx" in result.output
    assert list(out.parent.iterdir()) == []


def test_html_cells_spanning_far_cost_no_memory(tmp_path: Path) -> None:
    # 13 KB of markup; placing the spans cell by cell would take 12 million positions and over a gigabyte
    page = tmp_path / "spans.html"
    rows = "".join(f'<tr><td rowspan="200" colspan="200">{r}</td></tr>' for r in range(300))
    page.write_text(f"<html><body><table>{rows}</table></body></html>", encoding="utf-8")
    started = time.perf_counter()
    grids = read_grids(page)
    assert time.perf_counter() - started < 5
    cells = [cell for grid in grids for row in grid.rows for cell in row]
    assert [(c.text, c.row, c.column, c.rowspan) for c in cells[:3]] == [
        ("0", 1, 1, 200),
        ("1", 2, 201, 200),
        ("2", 3, 401, 200),
    ]


HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
#: Each reproducer under tests/data/hostile and what its one-line error says.
REPRODUCERS = {
    "xlsx_cell_ref_past_sheet.xlsx": "单元格引用 A99999999 超出 Excel 的范围",  # calamine allocated 29 GB and aborted
    "ods_repeated_rows.ods": "40002 行 × 1001 列",  # 40,000 repeated rows, then 1,000 empty cells and a value
    "xls_corrupt_sector_chain.xls": "内存超过",  # a FAT entry pointing far away: 4 GB asked for, then abort
    "json_deep_nesting.json": "嵌套过深",  # "[" × 5000: RecursionError
    "json_5000_digit_number.json": "超过 32 位的数字",  # past Python's 4300-digit int conversion limit
    "json_funding_is_a_list.json": "tables[0].funding 应为对象",
    "json_indicators_is_a_number.json": "tables[0].indicators 应为数组",
    "pdf_mediabox_two_numbers.pdf": "PDF 的页面无法解析",  # /MediaBox [0 595]
    "pdf_mediabox_huge.pdf": "PDF 的页面无法解析",  # /MediaBox [0 0 1e30 9]
    "zip_unknown_version.xlsx": "ZIP 结构无法打开",  # version needed to extract 9.9
    "zip_name_not_utf8.xlsx": "ZIP 结构无法打开",  # a name flagged UTF-8 that is not
    "zip_lzma_members.xlsx": "compression method not supported",
}


@pytest.mark.parametrize("name", sorted(REPRODUCERS))
def test_reproducers_give_one_clean_line_and_the_process_survives(name: str) -> None:
    error = error_of(HOSTILE / name)
    assert isinstance(error, InputError)
    assert REPRODUCERS[name] in error.message


@pytest.mark.parametrize("name", ["xlsx_cell_ref_past_sheet.xlsx", "ods_repeated_rows.ods"])
def test_used_ranges_are_checked_before_calamine_even_in_process(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_ISOLATE_READERS", "0")
    assert REPRODUCERS[name] in error_of(HOSTILE / name).message


def test_every_hostile_file_is_one_line_from_the_cli_or_reads() -> None:
    for name in sorted(path.name for path in HOSTILE.iterdir()):
        result = CliRunner().invoke(app, ["parse", str(HOSTILE / name)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (name, result.exception)
        if name in REPRODUCERS:
            assert result.exit_code == 2, name
            assert result.output.count("\n") == 1 and result.output.startswith("错误：") and name in result.output


def test_a_thousand_multipliers_after_a_number_read_as_text() -> None:
    (table,) = read(HOSTILE / "text_thousand_wan.txt")  # once a RecursionError in the unit table
    target = table.indicators[0].target
    assert target is not None and target.kind is Kind.QUALITATIVE and target.text == "1" + "万" * 1000


def test_cells_without_references_count_towards_the_used_range() -> None:
    scan = SheetScan(frozenset())
    scan.feed(b"<row>" + b"<c><v>1</v></c>" * 3000 + b"</row>")
    scan.feed(b'<row r="2"><c r="B2" s="1"/></row>')
    assert (scan.cells, scan.area()) == (3001, 3001)


def test_ods_scan_counts_repeats_up_to_the_last_value() -> None:
    scan = OdsScan()
    value = b'<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    scan.feed(b'<table:table table:name="a"><table:table-row table:number-rows-repeated="9">')
    scan.feed(b'<table:table-cell table:number-columns-repeated="4"/>' + value + b"</table:table-row>")
    scan.feed(b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>')
    scan.feed(b"</table:table>")
    assert (scan.rows, scan.columns, scan.cells) == (9, 5, 9)
