"""Pasted text: a table copied out of a web page or a PDF, as it comes — never with tabs.

Three shapes are read, found from the text itself (:func:`layout_of`):

* ``|``-rows — one row a line, cells between ``|`` (``项目名称 | 春节走访慰问经费 | ||||``), or one cell a line each
  closed by a ``|``, with a run of ``||`` ending a row where the page printed one;
* one cell a line — paragraphs separated by blank lines, as a page with a cell per paragraph comes out;
* space-separated rows — one row a line, cells between runs of spaces.

Where the rows are not in the text (one cell a line), or a row lacks the cells a merged 一级/二级 cell covered above
it, the rows are rebuilt from the width of the indicator header row and the labels (:mod:`.rebuild`). A text that
is none of these is refused with what was looked for. The cells counted against the file's cell limit are the
cells found, so a hostile text costs no more than a tabbed one.
"""

from __future__ import annotations

from ...errors import InputError
from ...grid import Grid
from .layouts import Layout, cut_short, layout_of, split_cells
from .rebuild import grids_of

__all__ = ["Layout", "layout_of", "read_pasted"]

NOT_A_TABLE = (
    "认不出表格：文本里既没有制表符分隔的列，也不像从网页或 PDF 复制的表格"
    "（每行用“|”分隔单元格、一格一行，或用连续空格分隔单元格）"
)


def read_pasted(text: str, source: str) -> list[Grid]:
    """The grids of a pasted text; :class:`InputError` naming what was looked for when it is no table."""
    if not text.strip():
        return []
    layout = layout_of(text)
    if layout is None:
        raise InputError(NOT_A_TABLE, file=source)
    return grids_of(split_cells(text, layout, source), layout, source, cut_short=cut_short(text, layout))
