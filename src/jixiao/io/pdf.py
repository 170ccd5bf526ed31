"""Reader for PDF: ruled tables on every page → grids, a table continued on the next page stitched back.

pdfplumber finds the cells from the ruling lines; a merged cell is one cell whose box covers several
column or row positions, so its spans come from the geometry. A table at the top of a page with the
same columns as the table that ended the previous page, and no title above it, continues that table.
Text that extracts as ``(cid:…)`` glyph codes cannot be read reliably and is refused with a request for the
Excel or Word original; a PDF with no text at all (a scan) raises :class:`NoTextLayer`, and the OCR reader
(:mod:`jixiao.io.ocr`) reads it instead.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..grid import Cell, Grid
from .limits import MAX_PDF_PAGES
from .segment import CellBudget, clean_text, is_title, split_grids

_CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_PAGE_NUMBER = re.compile(r"^[-—\s第页共/\d]+$")
_TOLERANCE = 3.0
_ASK_ORIGINAL = "请提供 Excel 或 Word 原件"


class NoTextLayer(InputError):
    """A PDF whose pages have no text to extract: a scan or pictures of pages, for the OCR reader."""


@dataclass
class PageTable:
    """One ruled table on one page, with the text lines above it."""

    rows: list[tuple[Cell, ...]]
    columns: tuple[float, ...]  # left edges of the column positions
    lines_above: list[str]
    right: float = 0.0  # right edge of the table
    lines_below: list[str] = field(default_factory=list)
    page: int = 0


def join_lines(text: str) -> str:
    """A cell's wrapped lines joined back: no space between CJK characters, a paragraph kept after 。；."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    joined = lines[0]
    for line in lines[1:]:
        if joined[-1] in "。；;！？":
            joined += "\n" + line
        elif _CJK.match(joined[-1]) or _CJK.match(line[0]) or not (joined[-1].isalnum() and line[0].isalnum()):
            joined += line
        else:
            joined += " " + line
    return joined


def read_pdf(path: Path) -> list[Grid]:
    try:
        import pdfplumber
    except ImportError as error:  # pragma: no cover - pdfplumber is in the formats extra
        raise InputError(f"无法读取 PDF：缺少 pdfplumber（{error}）", file=path) from None
    source = str(path)
    try:
        document = pdfplumber.open(source)
    except Exception as error:  # pdfminer raises many types: syntax, encryption, broken xref
        raise InputError(_open_error(error), file=path) from None
    try:
        count = _page_count(document, path)
        if count > MAX_PDF_PAGES:
            raise InputError(f"PDF 有 {count} 页，超过 {MAX_PDF_PAGES} 页的上限", file=path)
        try:
            pages = document.pages
        except Exception as error:  # a page box pdfminer cannot take (/MediaBox [0 595], [0 0 1e30 9])
            raise InputError(f"PDF 的页面无法解析（{type(error).__name__}），文件可能已损坏", file=path) from None
        found: list[PageTable] = []
        characters = 0
        for number, page in enumerate(pages, 1):
            try:
                page_tables, count = _page_tables(page, number, source)
            except InputError:
                raise
            except Exception as error:
                raise InputError(
                    f"PDF 第{number}页无法解析（{type(error).__name__}），文件可能已损坏", file=path
                ) from None
            characters += count
            found.extend(page_tables)
    finally:
        _close(document)
    if characters == 0:
        raise NoTextLayer("PDF 里没有可提取的文字（可能是扫描件或图片）", file=path)
    return page_grids(found, source)


def _close(document: Any) -> None:
    """Close without pdfplumber's own close(), which loads every page (all 100,000, or one it cannot parse)."""
    with contextlib.suppress(Exception):
        for page in getattr(document, "_pages", ()):
            page.close()
    with contextlib.suppress(Exception):
        document.stream.close()


def _page_count(document: Any, path: Path) -> int:
    """The number of pages, from the page tree's /Count, or counted up to one past the limit: a PDF of 100,000
    pages is refused before its pages are loaded."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    try:
        tree = resolve1(document.doc.catalog.get("Pages"))
        count = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
    except Exception:
        count = None
    if isinstance(count, int) and count >= 0:
        return count
    try:
        return sum(1 for _ in itertools.islice(PDFPage.create_pages(document.doc), MAX_PDF_PAGES + 1))
    except Exception as error:
        raise InputError(
            f"PDF 的页面目录无法解析（{type(error).__name__}），文件可能已损坏", file=document.stream.name
        ) from None


def _open_error(error: Exception) -> str:
    causes = [error, *error.args, error.__cause__, error.__context__]
    names = " ".join(type(cause).__name__ for cause in causes if isinstance(cause, BaseException))
    name = names.split()[1] if len(names.split()) > 1 else type(error).__name__
    if "Password" in names or "Encrypt" in names:
        return "PDF 已加密（设置了密码），请提供未加密的文件或 Excel、Word 原件"
    return f"PDF 文件已损坏或不是有效的 PDF（{name}），{_ASK_ORIGINAL}"


def _page_tables(page: Any, number: int, source: str) -> tuple[list[PageTable], int]:
    page = page.dedupe_chars()
    characters = len(page.chars)
    if characters and _CID.search("".join(char["text"] for char in page.chars[:2000])):
        raise InputError(
            f"PDF 第{number}页的文字无法正确提取（字体没有编码表，得到 (cid:…)），{_ASK_ORIGINAL}", file=source
        )
    tables = sorted(page.find_tables(_settings(page)), key=lambda table: table.bbox[1])
    boxes = [table.bbox for table in tables]
    lines = _text_lines(page, boxes)
    result: list[PageTable] = []
    previous_bottom = 0.0
    for table, box in zip(tables, boxes, strict=True):
        above = [text for top, text in lines if previous_bottom <= top < box[1]]
        result.append(PageTable(_table_rows(table), _columns(table), above, right=box[2], page=number))
        previous_bottom = box[3]
    if result:
        result[-1].lines_below = [text for top, text in lines if top >= previous_bottom]
    return result, characters


def _settings(page: Any) -> dict[str, Any]:
    """Table finding with the page's ruled block closed at the top and bottom of its vertical rules.

    A cell cut by a page break has no border on the cut side; closing the block there keeps it a cell.
    """
    verticals = [edge for edge in page.edges if edge["orientation"] == "v"]
    if not verticals:
        return {}
    top = min(edge["top"] for edge in verticals)
    bottom = max(edge["bottom"] for edge in verticals)
    return {"explicit_horizontal_lines": [top, bottom]}


def _text_lines(page: Any, boxes: Sequence[tuple[float, float, float, float]]) -> list[tuple[float, str]]:
    """Lines of text outside every table, top to bottom, as (top, text)."""

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    words = [word for word in page.extract_words(keep_blank_chars=True) if outside(word)]
    lines: list[tuple[float, list[dict[str, Any]]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0] - word["top"]) <= _TOLERANCE:
            lines[-1][1].append(word)
        else:
            lines.append((word["top"], [word]))
    return [(top, clean_text(" ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])))) for top, ws in lines]


def _columns(table: Any) -> tuple[float, ...]:
    edges = sorted({round(cell[0], 1) for cell in table.cells})
    merged: list[float] = []
    for x in edges:
        if not merged or x - merged[-1] > _TOLERANCE:
            merged.append(x)
    return tuple(merged)


def _table_rows(table: Any) -> list[tuple[Cell, ...]]:
    columns = _columns(table)
    tops = [row.bbox[1] for row in table.rows]
    texts = table.extract()
    rows: list[tuple[Cell, ...]] = []
    for r, (row, row_texts) in enumerate(zip(table.rows, texts, strict=True), 1):
        cells: list[Cell] = []
        for box, text in zip(row.cells, row_texts, strict=True):
            if box is None:
                continue
            x0, top, x1, bottom = box
            column = 1 + sum(1 for x in columns if x < x0 - _TOLERANCE)
            colspan = max(1, sum(1 for x in columns if x0 - _TOLERANCE <= x < x1 - _TOLERANCE))
            rowspan = max(1, sum(1 for t in tops if top - _TOLERANCE <= t < bottom - _TOLERANCE))
            cells.append(Cell(join_lines(text or ""), r, column, rowspan, colspan))
        rows.append(tuple(cells))
    return rows


def _continues(previous: PageTable, table: PageTable) -> bool:
    """True when ``table`` is the rest of ``previous``, cut by a page break."""
    if previous.page != table.page - 1 or (previous.lines_below and not _only_page_numbers(previous.lines_below)):
        return False
    if not _only_page_numbers(table.lines_above) or not _same_frame(previous, table):
        return False
    first = next((row for row in table.rows if row), ())
    return not is_title(first)


def _same_frame(previous: PageTable, table: PageTable) -> bool:
    """Same outer edges, and the column positions of one part all found in the other.

    A Word or web table cut in its header block has fewer column positions on one page (项目名称 and
    预算单位 rows) than on the next (the indicator rows); a spreadsheet's pages have the same positions.
    """
    if abs(previous.columns[0] - table.columns[0]) > _TOLERANCE or abs(previous.right - table.right) > _TOLERANCE:
        return False
    fewer, more = sorted((previous.columns, table.columns), key=len)
    return all(any(abs(x - y) <= _TOLERANCE for y in more) for x in fewer)


def _on_columns(part: PageTable, columns: Sequence[float]) -> list[tuple[Cell, ...]]:
    """``part``'s rows with columns and spans counted on ``columns``, the positions of the whole stitched table."""
    if len(columns) == len(part.columns):
        return list(part.rows)

    def position(x: float) -> int:
        return min(range(len(columns)), key=lambda i: abs(columns[i] - x))

    edges = [*part.columns, part.right]
    rows: list[tuple[Cell, ...]] = []
    for row in part.rows:
        cells = []
        for cell in row:
            start = position(edges[cell.column - 1])
            end = (
                position(edges[cell.column - 1 + cell.colspan])
                if cell.column + cell.colspan <= len(part.columns)
                else len(columns)
            )
            cells.append(replace(cell, column=start + 1, colspan=max(1, end - start)))
        rows.append(tuple(cells))
    return rows


def _union(columns: Sequence[Sequence[float]]) -> tuple[float, ...]:
    merged: list[float] = []
    for x in sorted(x for part in columns for x in part):
        if not merged or x - merged[-1] > _TOLERANCE:
            merged.append(x)
    return tuple(merged)


def _only_page_numbers(lines: Sequence[str]) -> bool:
    return all(_PAGE_NUMBER.match(line) for line in lines)


def page_grids(tables: Sequence[PageTable], source: str) -> list[Grid]:
    """Tables found page by page → grids: a table continued on the next page joined to its first part."""
    budget = CellBudget(source)
    grids: list[Grid] = []
    groups: list[list[PageTable]] = []
    for table in tables:
        if groups and _continues(groups[-1][-1], table):
            groups[-1].append(table)
        else:
            groups.append([table])
    for group in groups:
        rows: list[tuple[Cell, ...]] = []
        title: str | None = None
        for line in group[0].lines_above:
            if is_title((Cell(line, 0, 1),)):
                title = line
            elif not _PAGE_NUMBER.match(line):
                rows.append((Cell(line, 0, 1),))
        offset = 0
        columns = _union([part.columns for part in group])
        for part in group:
            part_rows = _on_columns(part, columns)
            header = _header_texts(rows)
            if offset and header and part_rows:
                part_rows = _drop_repeated_header(part_rows, header)
            for row in part_rows:
                rows.append(tuple(replace(c, row=c.row + offset) for c in row))
            offset += len(part.rows)
        rows.extend(
            (Cell(line, offset + 1 + i, 1),)
            for i, line in enumerate(group[-1].lines_below)
            if not _PAGE_NUMBER.match(line)
        )
        budget.add(sum(1 for row in rows for cell in row if not cell.empty))
        grids.extend(split_grids(rows, source, title=title))
    return grids


def _header_texts(rows: Sequence[tuple[Cell, ...]]) -> dict[int, str] | None:
    """The indicator header row of ``rows`` as column → label."""
    from ..recognize.columns import is_indicator_header

    for row in rows:
        if is_indicator_header(row):
            return {cell.column: cell.text for cell in row if not cell.empty}
    return None


def _drop_repeated_header(rows: list[tuple[Cell, ...]], header: dict[int, str]) -> list[tuple[Cell, ...]]:
    """Remove the indicator header printed again at the top of a continued page.

    Where a merged 一级/二级 cell runs on from the previous page, LibreOffice draws no line under the
    repeated header in its column, so the header cell holds the label and the cell's text (一级指标成本指标);
    that text goes to the first data row.
    """
    first = [cell for cell in rows[0] if not cell.empty]
    if not first or any(not cell.text.startswith(header.get(cell.column, "\0")) for cell in first):
        return rows
    if len(first) < len(header) // 2:
        return rows
    leftovers = [
        replace(cell, text=cell.text[len(header[cell.column]) :].strip(), rowspan=1, colspan=1)
        for cell in first
        if cell.text != header[cell.column]
    ]
    rest = rows[1:]
    if leftovers and rest:
        taken = {cell.column for cell in rest[0] if not cell.empty}
        extra = [replace(c, row=rest[0][0].row if rest[0] else c.row) for c in leftovers if c.column not in taken]
        merged = [cell for cell in rest[0] if not (cell.empty and cell.column in {c.column for c in extra})]
        rest[0] = tuple(sorted(merged + extra, key=lambda cell: cell.column))
    return rest
