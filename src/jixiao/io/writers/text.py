"""Writer for the tab-separated text layout of the seed: a ``## `` title line, then one line per row."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...model import TargetTable
from .layout import TableLayout, table_layout


def render_text(tables: Sequence[TargetTable]) -> str:
    blocks: list[str] = []
    for table in tables:
        blocks.append(layout_text(table_layout(table)))
    return "\n\n".join(blocks) + "\n"


def layout_text(layout: TableLayout) -> str:
    """One layout as a ``## `` title line and one tab-separated line per row."""
    lines = [f"## {layout.title}", ""]
    for texts in layout.texts()[1:]:
        lines.append("\t".join(_cell(text) for text in texts).rstrip("\t"))
    return "\n".join(lines)


def _cell(text: str) -> str:
    """One cell on one line: several lines become <p> paragraphs, as in the seed."""
    text = text.replace("\t", " ")
    if "\n" not in text:
        return text
    return "".join(f"<p>{line}</p>" for line in text.split("\n"))


def write_text(tables: Sequence[TargetTable], path: Path) -> None:
    path.write_text(render_text(tables), encoding="utf-8")
