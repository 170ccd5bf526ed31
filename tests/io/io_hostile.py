"""Broken and hostile files, built byte by byte for the tests."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path


def minimal_pdf(
    content: bytes, *, extra_objects: tuple[bytes, ...] = (), trailer: bytes = b"", resources: bytes = b""
) -> bytes:
    """A one-page PDF drawing ``content``; object 5 onwards are ``extra_objects``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R /Resources << " + resources + b" >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *extra_objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A PDF whose standard security handler wants a password nobody gave."""
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"
    ids = b"/ID [<" + b"ab" * 16 + b"><" + b"ab" * 16 + b">] "
    return minimal_pdf(b"0 0 m", extra_objects=(encrypt,), trailer=b"/Encrypt 5 0 R " + ids)


def cid_pdf() -> bytes:
    """Text in a CID font without a ToUnicode map: it extracts as (cid:1)(cid:2)…"""
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>"
    cid_font = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>"
    )
    descriptor = (
        b"<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 4 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    content = b"BT /F1 12 Tf 100 500 Td <0001000200030004> Tj ET"
    return minimal_pdf(content, extra_objects=(font, cid_font, descriptor), resources=b"/Font << /F1 5 0 R >>")


def scanned_pdf() -> bytes:
    """A page with only drawing on it, as a scan is: no text at all."""
    return minimal_pdf(b"0.5 g 50 50 700 400 re f")


def rewrite_sheet(source: Path, target: Path, change: object) -> Path:
    """Copy an xlsx, passing the first worksheet's XML through ``change``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)  # type: ignore[operator]
            new.writestr(info.filename, data)
    return target


def with_empty_formatted_rows(data: bytes, rows: int, *, keep_cells: bool = True) -> bytes:
    """Append ``rows`` rows of cells that carry a style and no value (a whole column formatted by hand).

    With ``keep_cells=False`` the sheet's own cells are dropped first: only the formatted rows remain.
    """
    text = re.sub(r'<dimension ref="[^"]*"/>', "", data.decode())
    if not keep_cells:
        text = re.sub(r"<sheetData>.*</sheetData>", "<sheetData></sheetData>", text, flags=re.DOTALL)
        text = re.sub(r"<mergeCells.*</mergeCells>", "", text, flags=re.DOTALL)
    last = max((int(n) for n in re.findall(r'<row r="(\d+)"', text)), default=0)
    filler = "".join(
        f'<row r="{r}"><c r="A{r}" s="1"/><c r="B{r}" s="1"/></row>' for r in range(last + 1, last + rows + 1)
    )
    if keep_cells:
        return text.replace("</sheetData>", filler + "</sheetData>", 1).encode()
    return text.replace("<sheetData></sheetData>", f"<sheetData>{filler}</sheetData>", 1).encode()


def far_cell(data: bytes) -> bytes:
    """Add one value at XFD1048576, the last cell of a sheet: the used range becomes the whole sheet."""
    cell = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return data.decode().replace("</sheetData>", cell + "</sheetData>").encode()


def merge_to_sheet_end(data: bytes) -> bytes:
    """Merge A30 to XFD1048576, the rest of the sheet below the table (done by selecting all and merging)."""
    return re.sub(rb'<mergeCells count="\d+">', lambda m: m.group(0) + b'<mergeCell ref="A30:XFD1048576"/>', data)


def zip_bomb(path: Path, megabytes: int = 64) -> Path:
    """An xlsx-shaped ZIP whose worksheet is ``megabytes`` of one repeated byte: ratio near 1000:1."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (megabytes * 1024 * 1024))
    return path
