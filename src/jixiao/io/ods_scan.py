"""The used range of an OpenDocument spreadsheet's tables, from the tags of its ``content.xml``.

An ods file writes a run of equal rows or cells once, with ``table:number-rows-repeated`` or
``table:number-columns-repeated``; a spreadsheet library expands them. A trailing run of empty rows (every
sheet has one, to the end of the sheet) costs nothing, but 40,000 repeated empty rows followed by a row of a
thousand empty cells and one value make calamine allocate forty million cells. The scan counts what would be
expanded up to the last cell holding a value, per table.
"""

from __future__ import annotations

import re

_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d+)"')
_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d+)"')
_VALUE = re.compile(rb"office:value-type=")


def _repeat(pattern: re.Pattern[bytes], attributes: bytes) -> int:
    match = pattern.search(attributes)
    return int(match.group(1)[:12]) if match else 1


class OdsScan:
    """Fed the part's bytes, whole tags at a time; ``rows``/``columns`` is the largest used range of a table."""

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0
        self.cells = 0
        self._row = 0  # rows before the current one, in the current table
        self._repeat = 1
        self._column = 0
        self._used = False
        self._table_rows = 0
        self._table_columns = 0
        self._in_cell = False

    def feed(self, window: bytes) -> None:
        for closing, name, attributes, empty in _TAG.findall(window):
            if name == b"table":
                if not closing:
                    self._row, self._table_rows, self._table_columns = 0, 0, 0
                continue
            if name == b"table-row":
                if closing:
                    self._end_row()
                else:
                    self._repeat, self._column, self._used = _repeat(_ROWS_REPEATED, attributes), 0, False
                    if empty:
                        self._end_row()
                continue
            if closing:
                continue
            repeat = _repeat(_COLUMNS_REPEATED, attributes)
            self._column += repeat
            if not empty or _VALUE.search(attributes):
                self._used = True
                self._table_columns = max(self._table_columns, self._column)
                self.cells += repeat * self._repeat
                self._grow()

    def _end_row(self) -> None:
        self._row += self._repeat
        if self._used:
            self._table_rows = self._row
            self._grow()
        self._repeat, self._column, self._used = 1, 0, False

    def _grow(self) -> None:
        rows = max(self._table_rows, 1)
        if rows * self._table_columns >= self.rows * self.columns:
            self.rows, self.columns = rows, self._table_columns

    def area(self) -> int:
        return max(self.rows * self.columns, self.cells)
