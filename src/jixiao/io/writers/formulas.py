"""User text never becomes a formula in what jixiao writes (CSV and formula injection, OWASP).

A project or indicator name such as ``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0`` would run when the summary is
opened in Excel. In xlsx such text is stored as text with Excel's quote prefix; in csv it is prefixed with ``'``,
as OWASP recommends for a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return. A plain
negative number or percentage (-5, -3.2%) and a lone dash (the placeholder) stay as they are.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN = re.compile(r"^-(?:\d+(?:\.\d+)?%?)?$")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN.match(text)


def csv_value(value: Any) -> Any:
    """A value for a csv cell: text that a spreadsheet would read as a formula gets a leading ``'``."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def set_text(cell: Any, text: str | None) -> None:
    """Store ``text`` in an openpyxl cell as text, never as a formula (a target written “=100%” starts with “=”)."""
    cell.value = text or None
    if text and is_formula_like(text):
        cell.data_type = "s"
        cell.quotePrefix = True


def set_value(cell: Any, value: Any) -> None:
    """Store a value: numbers as numbers, text through :func:`set_text`."""
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value
