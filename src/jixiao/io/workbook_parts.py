"""Small facts from an xlsx package's XML parts: which styles show percentages, which part holds which sheet.

Read with regular expressions over bytes, never an XML parser that would expand entities.
"""

from __future__ import annotations

import html
import re

#: Built-in number formats that show a percentage: 0% and 0.00%.
_BUILTIN_PERCENT = {9, 10}
_NUMFMT = re.compile(rb"<(?:\w+:)?numFmt\s([^>]*)>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_NUMFMT_ID = re.compile(rb'\bnumFmtId="(\d+)"')
_SHEET = re.compile(rb"<(?:\w+:)?sheet\s([^>]*)>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\s([^>]*)>")


def _attribute(attributes: bytes, name: bytes) -> str | None:
    """One attribute's value from a tag's attribute text, in any order."""
    match = re.search(rb"(?:^|\s)" + re.escape(name) + rb'="([^"]*)"', attributes)
    return None if match is None else html.unescape(match.group(1).decode("utf-8", "replace"))


def percent_styles(styles: bytes) -> frozenset[int]:
    """Indexes of the cell formats (``s`` attribute of a cell) whose number format shows a percentage."""
    percent_formats = set(_BUILTIN_PERCENT)
    for attributes in _NUMFMT.findall(styles):
        number, code = _attribute(attributes, b"numFmtId"), _attribute(attributes, b"formatCode")
        if number and number.isdigit() and code and "%" in re.sub(r'"[^"]*"|\\.', "", code):
            percent_formats.add(int(number))
    block = _CELL_XFS.search(styles)
    if block is None:
        return frozenset()
    found = set()
    for index, xf in enumerate(_XF.finditer(block.group(1))):
        format_id = _NUMFMT_ID.search(xf.group(1))
        if format_id is not None and int(format_id.group(1)) in percent_formats:
            found.add(index)
    return frozenset(found)


def sheet_parts(workbook: bytes, relations: bytes) -> dict[str, str]:
    """Sheet name → its part in the package (xl/worksheets/sheet1.xml)."""
    targets: dict[str, str] = {}
    for attributes in _RELATION.findall(relations):
        rid, target = _attribute(attributes, b"Id"), _attribute(attributes, b"Target")
        if rid and target:
            targets[rid] = target
    parts: dict[str, str] = {}
    for attributes in _SHEET.findall(workbook):
        name, rid = _attribute(attributes, b"name"), _attribute(attributes, b"r:id")
        target = targets.get(rid or "")
        if name is None or target is None:
            continue
        parts[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts
