"""Importing a file: check its size and its content's type, keep it, read it as ``jixiao read`` does.

The type comes from :func:`jixiao.reading.format_of` (the bytes, never the name) and the tables from
:func:`jixiao.read` (a 部门整体 one as ``jixiao parse`` reads it), so an upload gives the same tables as the command
line: a workbook's cover sheet is passed over. A self-evaluation or monitoring table (a department's 评分表 too)
is not read as a target table full of errors: it is filed for the open round of its kind (:mod:`.filing`) or
refused with a message saying where it belongs.
A scan (a PDF without text, an image) is read by OCR in the background (:mod:`.scans`) and its tables come from
the grids a person has confirmed. The upload is written to a temporary folder for the readers, removed on every
path out (:mod:`.scratch`: also when the worker dies).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from jixiao.department import DepartmentKind, DepartmentTable
from jixiao.errors import JixiaoError
from jixiao.grid import Grid
from jixiao.io import ocr
from jixiao.io.text import decode
from jixiao.model import TargetTable
from jixiao.reading import ScanRefused, format_of, read_grids, tables_in
from jixiao.recognize.department import is_department, recognize_departments
from jixiao.scoring import document_kind
from jixiao.scoring.reading import KIND_NAMES, TARGET

from ..models import ScanReading, ScanState, Unit, UploadedFile
from .scratch import on_disk

if TYPE_CHECKING:
    from ..accounts import User

#: Detected type (:func:`jixiao.reading.format_of`) → (label, file suffix).
TYPES = {
    "xlsx": ("Excel 工作簿", ".xlsx"),
    "docx": ("Word 文档", ".docx"),
    "xls": ("Excel 97-2003 工作簿", ".xls"),
    "ods": ("OpenDocument 表格", ".ods"),
    "pdf": ("PDF 文档", ".pdf"),
    "html": ("网页", ".html"),
    "json": ("JSON", ".json"),
    "text": ("文本（制表符分隔）", ".txt"),
    "image": ("图片（扫描件或照片）", ".png"),
}


class UploadRefused(Exception):
    """The upload is too large, empty, of a type we do not read, or not a target table."""


def _detected_type(path: Path, content: bytes) -> str:
    try:
        detected = format_of(path)
        if detected == "image":
            _check_image(path)
        if detected == "text":
            decode(content, path.name)  # refuses binary content that no reader takes
    except JixiaoError as error:
        raise UploadRefused(error.message) from None
    return detected


def _check_image(path: Path) -> None:
    """An image upload (a scan or photo) needs the OCR extra and must open as an image."""
    if not ocr.available():
        raise UploadRefused(f"这是一张图片（扫描件或照片）：{ocr.MISSING}")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        raise UploadRefused("图片文件无法打开：可能已损坏，或只是改了扩展名") from None


#: what a grid holds, beyond the kinds the scoring reader tells apart: a department-wide 目标表 or 自评表 (评分表)
DEPT_TARGET, DEPT_SELFEVAL = DepartmentKind.TARGET.value, DepartmentKind.SELFEVAL.value
KIND_LABELS = {
    **KIND_NAMES,
    TARGET: "项目支出绩效目标表",
    DEPT_TARGET: "部门整体支出绩效目标表",
    DEPT_SELFEVAL: "部门整体支出绩效自评表",
}
#: the kinds imported as target tables
TARGET_KINDS = (TARGET, DEPT_TARGET)


class OtherKind(UploadRefused):
    """The file holds a 自评表, 监控表 or 部门整体 table: it belongs somewhere other than the target tables."""

    def __init__(self, message: str, *, kind: str, detected: str) -> None:
        super().__init__(message)
        self.kind, self.detected = kind, detected


def kind_of(grid: Grid) -> str:
    """What ``grid`` holds, as ``jixiao`` tells it: a department-wide table as the department recognizer reads it
    (its 评分表 a self-evaluation), else the scoring reader's kind."""
    if is_department(grid):
        try:
            kinds = {table.kind for table in recognize_departments(grid)}
        except JixiaoError:
            return DEPT_TARGET  # the preview shows what the reader says about it
        return DEPT_SELFEVAL if DepartmentKind.SELFEVAL in kinds else DEPT_TARGET
    return document_kind(grid)


def _refuse_other_kinds(grids: list[Grid], detected: str) -> None:
    """A file of another kind (自评表, 监控表, 部门整体) is not imported as target tables: :class:`OtherKind`
    when the whole file is of that kind, a plain refusal when the kinds are mixed."""
    kinds = [kind_of(grid) for grid in grids]
    others = [(number, kind) for number, kind in enumerate(kinds, 1) if kind not in TARGET_KINDS]
    if not others:
        return
    names = "、".join(dict.fromkeys(KIND_LABELS[kind] for _, kind in others))
    if len(set(kinds)) == 1:
        raise OtherKind(f"这是{names}，不是绩效目标表", kind=kinds[0], detected=detected)
    places = "、".join(f"第 {number} 张表" for number, _ in others)
    raise UploadRefused(
        f"文件里的{places}是{names}，不是绩效目标表；这里只导入目标表，请把目标表单独存为一个文件再导入"
    )


def check(name: str, content: bytes) -> tuple[str, bool]:
    """The upload's type and whether it is a scan, after the size check.

    :class:`UploadRefused` when it is not a target table we read, or a scan without the OCR extra installed.
    """
    limit = settings.JIXIAO_UPLOAD_MAX_BYTES
    if not content:
        raise UploadRefused("文件是空的")
    if len(content) > limit:
        raise UploadRefused(f"文件有 {len(content) / 1048576:.1f} MB，超过 {limit / 1048576:.0f} MB 的上限")
    with on_disk(content) as path:
        detected = _detected_type(path, content)
        if detected == "image":
            return detected, True
        try:
            grids = read_grids(path, scans=False)
        except ScanRefused as scan:
            if not ocr.available():
                raise UploadRefused(f"这是扫描件（没有文字层）：{ocr.MISSING}") from scan
            return detected, True
        except JixiaoError:
            return detected, False  # kept; the preview shows what the reader says about it
        _refuse_other_kinds(grids, detected)
    return detected, False


def store(unit: Unit, *, actor: User, name: str, content: bytes) -> UploadedFile:
    """Keep the uploaded file as it came (原始文件), after the size and type checks."""
    detected, scan = check(name, content)
    return keep(unit, actor=actor, name=name, content=content, detected=detected, scan=scan)


def keep(unit: Unit, *, actor: User, name: str, content: bytes, detected: str, scan: bool = False) -> UploadedFile:
    """Store a file already checked."""
    from . import scans

    with transaction.atomic():
        upload = UploadedFile.objects.create(
            name=Path(name).name[:255] or "upload",
            content=content,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            detected_type=detected,
            unit=unit,
            uploaded_by=actor,
        )
        if scan:
            scans.start(upload)
    return upload


@dataclass(frozen=True)
class Parsed:
    tables: list[TargetTable | DepartmentTable]
    error: str | None = None
    scan: ScanReading | None = None  # the OCR reading the tables come from, for a scan


def parse(upload: UploadedFile) -> Parsed:
    """The target tables in an uploaded file (as ``jixiao read`` finds them), or the reader's error in plain words.

    For a scan, the tables of the grids kept by its reading (none while it is under way).
    """
    reading = ScanReading.objects.filter(upload=upload).first()
    if reading is not None:
        return _parse_scan(reading)
    suffix = TYPES.get(upload.detected_type, ("", ".bin"))[1]
    with on_disk(bytes(upload.content), suffix) as path:
        try:
            tables = read_tables(read_grids(path, scans=False))
        except JixiaoError as error:
            return Parsed([], str(error).replace(str(path), upload.name))
    if not tables:
        return Parsed([], "文件里没有找到项目支出绩效目标表")
    return Parsed(tables)


def read_tables(grids: list[Grid]) -> list[TargetTable | DepartmentTable]:
    """The target tables in one file's ``grids``: its department-wide ones as ``jixiao parse`` reads them, the
    others as ``jixiao read`` does."""
    departments = [grid for grid in grids if is_department(grid)]
    projects = [grid for grid in grids if not is_department(grid)]
    found: list[TargetTable | DepartmentTable] = [t for grid in departments for t in recognize_departments(grid)]
    if projects:
        found.extend(tables_in(projects))
    return found


def _parse_scan(reading: ScanReading) -> Parsed:
    from . import scans

    if reading.state == ScanState.FAILED:
        return Parsed([], reading.error, reading)
    if scans.stalled(reading):
        return Parsed([], "识别中断（服务曾重启），请重新上传这个文件", reading)
    if reading.state == ScanState.READING:
        return Parsed([], None, reading)
    try:
        tables = read_tables(scans.grids(reading))
    except JixiaoError as error:
        return Parsed([], str(error), reading)
    if not tables:
        return Parsed([], "扫描件里没有找到项目支出绩效目标表", reading)
    return Parsed(tables, None, reading)
