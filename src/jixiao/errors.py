"""The one exception hierarchy of jixiao.

Every error a user can cause derives from :class:`JixiaoError` and carries the place it happened
(file, row, column) and a plain-Chinese message; the CLI prints it on one line and exits with 2.
"""

from __future__ import annotations

from pathlib import Path

#: Longest message kept: an error is one line, however long the cell it is about.
MAX_MESSAGE_CHARS = 300


def clip(text: str, limit: int = 40) -> str:
    """A cell's text for quoting in a message: on one line, at most ``limit`` characters (then …)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class JixiaoError(Exception):
    """Base of every error jixiao raises on purpose."""

    code = "JX-ERR"

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: int | None = None,
    ) -> None:
        message = clip(message, MAX_MESSAGE_CHARS)
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column

    def located(self, *, file: str | Path | None = None) -> JixiaoError:
        """Return this error with a file name filled in where it had none."""
        if self.file is None and file is not None:
            self.file = str(file)
        return self

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.column is not None:
            where.append(f"第{self.column}列")
        prefix = "，".join(where)
        return f"{prefix}：{self.message}" if prefix else self.message


class InputError(JixiaoError):
    """A file cannot be read: missing, a directory, binary, empty, broken or of an unknown format."""

    code = "JX-INPUT"


class LayoutError(JixiaoError):
    """A file was read but its cells do not form a table jixiao knows (no header row, misplaced cells)."""

    code = "JX-LAYOUT"


class ValueSyntaxError(JixiaoError):
    """A cell that must hold a number or a target value cannot be understood."""

    code = "JX-VALUE"


class UnitMismatchError(JixiaoError):
    """Two quantities of different dimensions (万元 and 人, say) were compared or converted."""

    code = "JX-UNIT"


class ProfileError(JixiaoError):
    """A profile file is missing or malformed."""

    code = "JX-PROFILE"
