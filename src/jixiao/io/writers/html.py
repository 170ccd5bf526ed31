"""Writer for a standalone printable HTML page: one official-layout table per project, A4 landscape.

No scripts, no external fonts or stylesheets (government networks are closed); the CJK font is
asked for by name and the PDF writer renders this same page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from ...findings import Finding
from ...model import TargetTable
from .findings import FINDING_COLUMNS, finding_rows, locate
from .layout import TableLayout, table_layout

FONTS = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", "宋体", serif'

CSS = f"""
@page {{ size: A4 landscape; margin: 12mm 10mm; }}
body {{ font-family: {FONTS}; font-size: 10.5pt; color: #000; margin: 0 auto; max-width: 277mm; }}
section.target-table {{ page-break-after: always; break-after: page; }}
section.target-table:last-of-type {{ page-break-after: auto; break-after: auto; }}
h1 {{ font-size: 16pt; text-align: center; margin: 4mm 0 1mm; }}
p.subtitle {{ text-align: center; margin: 0 0 2mm; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: middle; word-break: break-all; }}
th, td.label {{ background: #f2f2f2; font-weight: bold; text-align: center; }}
td.level, td.number {{ text-align: center; }}
td.goal {{ white-space: pre-line; vertical-align: top; }}
tr, tbody.group {{ page-break-inside: avoid; break-inside: avoid; }}
td.finding {{ outline: 1.5pt solid #c00; outline-offset: -1.5pt; }}
table.findings td, table.findings th {{ font-size: 9pt; }}
"""


def _cell_html(tag: str, text: str, css: str, rowspan: int, colspan: int, note: str | None = None) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    title = f' title="{escape(note)}"' if note else ""
    body = escape(text).replace("\n", "<br>")
    return f'<{tag} class="{css}"{spans}{title}>{body}</{tag}>'


def render_table(layout: TableLayout, notes: dict[tuple[int, int], str] | None = None) -> str:
    notes = notes or {}
    parts = ['<section class="target-table">', f"<h1>{escape(layout.title)}</h1>"]
    rows = layout.rows[1:]
    if rows and rows[0] and rows[0][0].style == "subtitle":
        parts.append(f'<p class="subtitle">{escape(rows[0][0].text)}</p>')
        rows = rows[1:]
    widths = sum(layout.widths)
    parts.append("<table>")
    parts.append(
        "<colgroup>" + "".join(f'<col style="width:{w * 100 / widths:.1f}%">' for w in layout.widths) + "</colgroup>"
    )
    parts.append("<tbody>")
    for row in rows:
        if row and row[0].field == "level1" and row[0].row > layout.header_row + 1:
            parts.append('</tbody><tbody class="group">')  # a 一级 group is kept on one page where it fits
        parts.append("<tr>")
        for cell in row:
            note = notes.get((cell.row, cell.column))
            css = cell.style + (" finding" if note else "")
            tag = "th" if cell.style == "head" else "td"
            parts.append(_cell_html(tag, cell.text, css, cell.rowspan, cell.colspan, note))
        parts.append("</tr>")
    parts.append("</tbody></table></section>")
    return "\n".join(parts)


def render_html(
    tables: Sequence[TargetTable], *, findings: Sequence[Sequence[Finding]] | None = None, title: str | None = None
) -> str:
    sections: list[str] = []
    for index, table in enumerate(tables):
        layout = table_layout(table)
        notes: dict[tuple[int, int], str] = {}
        for finding in findings[index] if findings and index < len(findings) else ():
            cell = locate(layout, table, finding)
            key = (cell.row, cell.column)
            notes[key] = (notes.get(key, "") + "\n" if key in notes else "") + f"[{finding.code}] {finding.title}"
        sections.append(render_table(layout, notes))
    if findings and any(findings):
        sections.append(_findings_table(tables, findings))
    page_title = title or (tables[0].project_name if tables and tables[0].project_name else "项目支出绩效目标表")
    return page(sections, page_title)


def page(sections: Sequence[str], title: str) -> str:
    """A standalone page of rendered tables."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(sections)
        + "\n</body>\n</html>\n"
    )


def _findings_table(tables: Sequence[TargetTable], findings: Sequence[Sequence[Finding]]) -> str:
    total = sum(width for _, width in FINDING_COLUMNS)
    columns = "".join(f'<col style="width:{width * 100 / total:.1f}%">' for _, width in FINDING_COLUMNS)
    parts = [
        f'<section class="findings"><h1>审核意见</h1><table class="findings"><colgroup>{columns}</colgroup><thead><tr>'
    ]
    parts.extend(f"<th>{escape(label)}</th>" for label, _ in FINDING_COLUMNS)
    parts.append("</tr></thead>")
    for values in finding_rows(tables, findings):
        parts.append("<tr>" + "".join(f"<td>{escape(value)}</td>" for value in values) + "</tr>")
    parts.append("</table></section>")
    return "\n".join(parts)


def write_html(
    tables: Sequence[TargetTable], path: Path, *, findings: Sequence[Sequence[Finding]] | None = None
) -> None:
    path.write_text(render_html(tables, findings=findings), encoding="utf-8")
