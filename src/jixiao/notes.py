"""Reading notes (读取说明): what a reader or the recognizer wants the user to see about how a table was read.

"Never a silent wrong value": a table is read right, read with a note the user sees, or refused. Notes travel with
the grid and the table: ``jixiao parse`` prints them, the JSON keeps them, the web import preview shows them and
makes the user confirm the doubtful ones (``needs_confirmation``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class NoteKind(StrEnum):
    SKIPPED_ROW = "skipped_row"  # a template or placeholder row left out (……, 指标2:)
    UNREAD_FIELD = "unread_field"  # a header field that could not be parsed, kept as text
    FALLBACK = "fallback"  # a column placed by a fallback rather than by its label
    DOUBTFUL_CELL = "doubtful_cell"  # a cell whose reading is uncertain (low OCR confidence)
    REPAIRED_CELL = "repaired_cell"  # a cell read differently from its raw text (an OCR operator repaired)
    PERIOD = "period"  # several periods' targets: which one review and scoring use
    IMPLAUSIBLE = "implausible"  # a reading that does not look right: weights that do not fill their block


#: Kinds a person must confirm before the table is stored.
CONFIRM = frozenset({NoteKind.DOUBTFUL_CELL, NoteKind.REPAIRED_CELL})


@dataclass(frozen=True)
class ReadingNote:
    kind: NoteKind
    message: str  # for the user, in Chinese: what was done and why
    row: int | None = None  # source row and column (1-based) of the cell concerned
    column: int | None = None
    field: str | None = None  # the field it concerns (a name from jixiao.fields)
    text: str | None = None  # the cell's text as read
    suggestion: str | None = None  # the value jixiao used instead, where it repaired one
    confidence: float | None = None  # 0–1, for recognized (OCR) text

    @property
    def needs_confirmation(self) -> bool:
        return self.kind in CONFIRM

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "message": self.message,
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "text": self.text,
            "suggestion": self.suggestion,
            "confidence": self.confidence,
        }

    def __str__(self) -> str:
        where = "，".join(
            part
            for part in (f"第{self.row}行" if self.row else "", f"第{self.column}列" if self.column else "")
            if part
        )
        return f"{where}：{self.message}" if where else self.message


@dataclass(frozen=True)
class ColumnPlacement:
    """How one column of the indicator header was placed, for ``jixiao parse --explain``."""

    label: str  # as printed
    column: int  # 1-based source column
    field: str | None  # the field it was read as (None: kept as an extra column)
    how: str  # in Chinese: by which label, qualifier or fallback
