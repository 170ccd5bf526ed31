"""`read(path)`: any supported file → target tables, through a reader and the one recognizer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import InputError, JixiaoError
from .grid import Grid
from .io.text import read_text_file
from .model import TargetTable
from .recognize import recognize

#: Maximum size of an input file; larger files are refused before reading.
MAX_FILE_BYTES = 100 * 1024 * 1024

Reader = Callable[[Path], list[Grid]]


def sniff(path: Path) -> Reader:
    """The reader for ``path``, chosen from its content, not its name."""
    return read_text_file


def read_grids(path: str | Path) -> list[Grid]:
    """The grids in a file: each reader's output before recognition."""
    file = Path(path)
    if not file.exists():
        raise InputError("文件不存在", file=file)
    if file.is_dir():
        raise InputError("这是一个文件夹，不是文件", file=file)
    size = file.stat().st_size
    if size == 0:
        raise InputError("文件是空的", file=file)
    if size > MAX_FILE_BYTES:
        raise InputError(f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的上限", file=file)
    try:
        grids = sniff(file)(file)
    except JixiaoError as error:
        raise error.located(file=file) from None
    except OSError as error:
        raise InputError(f"无法读取：{error.strerror or error}", file=file) from None
    if not grids:
        raise InputError("文件里没有任何表格内容", file=file)
    return grids


def read(path: str | Path) -> list[TargetTable]:
    """All target tables in the file at ``path``."""
    tables: list[TargetTable] = []
    for grid in read_grids(path):
        tables.extend(recognize(grid))
    return tables
