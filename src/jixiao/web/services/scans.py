"""Scans in the import: read by OCR once, in the background, page by page; confirmed by a person before saving.

OCR takes seconds a page, too long for a request: :func:`start` keeps a :class:`~jixiao.web.models.ScanReading`
and reads the scan in a thread of the serving process (in the request itself when ``JIXIAO_SCAN_READING_INLINE``
is set, as the tests do), telling the record after each page so the preview can show the progress. The reading
itself runs in jixiao's bounded reading process, like every other upload. The grids are kept; the preview lists
each doubtful cell (:func:`jixiao.io.ocr.doubts`) beside the cell as scanned (:func:`crop`), and the person's
answers (:func:`confirm`) are applied to the kept grids. Nothing read by OCR is saved while a doubt is open.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from jixiao import grid_json
from jixiao.errors import JixiaoError
from jixiao.grid import Grid
from jixiao.io import ocr
from jixiao.io.limits import MAX_SCAN_PAGE_SECONDS
from jixiao.reading import read_grids

from ..models import ScanReading, ScanState, UploadedFile

if TYPE_CHECKING:
    from ..accounts import User

#: A reading that has not moved for this long was cut off (the serving process restarted): it is reported failed.
STALLED = timedelta(seconds=MAX_SCAN_PAGE_SECONDS * 3)


def start(upload: UploadedFile) -> ScanReading:
    """Begin reading ``upload`` by OCR; the record says how far it has come."""
    reading = ScanReading.objects.create(upload=upload)
    if settings.JIXIAO_SCAN_READING_INLINE:
        run(reading.pk)
        reading.refresh_from_db()
    else:
        thread = threading.Thread(target=_in_thread, args=(reading.pk,), name=f"scan-{reading.pk}", daemon=True)
        transaction.on_commit(thread.start)  # at once outside a transaction
    return reading


def _in_thread(pk: int) -> None:
    try:
        run(pk)
    finally:
        connection.close()


def run(pk: int) -> None:
    """Read the scan of reading ``pk`` and keep its grids, or the reader's error in plain words."""
    from .imports import TYPES
    from .scratch import on_disk

    reading = ScanReading.objects.select_related("upload").get(pk=pk)
    upload = reading.upload

    def progress(done: int, total: int) -> None:
        ScanReading.objects.filter(pk=pk).update(pages_done=done, pages_total=total, updated_at=timezone.now())

    with on_disk(bytes(upload.content), TYPES.get(upload.detected_type, ("", ".bin"))[1]) as path:
        try:
            grids = read_grids(path, progress=progress)
        except JixiaoError as error:
            ScanReading.objects.filter(pk=pk).update(
                state=ScanState.FAILED, error=str(error).replace(str(path), upload.name), updated_at=timezone.now()
            )
            return
    ScanReading.objects.filter(pk=pk).update(
        state=ScanState.READ, grids=grid_json.dump(grids), updated_at=timezone.now()
    )


def stalled(reading: ScanReading) -> bool:
    """True when a reading still under way has not reported for :data:`STALLED`."""
    return reading.state == ScanState.READING and timezone.now() - reading.updated_at > STALLED


def grids(reading: ScanReading) -> list[Grid]:
    """The grids read, with every correction made so far."""
    return grid_json.load(reading.grids)


@dataclass(frozen=True)
class OpenDoubt:
    """A doubtful cell as the preview shows it: which grid, the cell, why, and the text to offer."""

    grid: int
    row: int
    column: int
    text: str
    message: str
    offered: str  # the repair jixiao suggests, or the text as read
    has_image: bool

    @property
    def key(self) -> str:
        return f"cell-{self.grid}-{self.row}-{self.column}"


def open_doubts(reading: ScanReading) -> list[OpenDoubt]:
    """Every cell of the reading a person has still to confirm, grid by grid, top to bottom."""
    found = []
    for index, grid in enumerate(grids(reading)):
        for doubt in ocr.doubts(grid):
            found.append(
                OpenDoubt(
                    grid=index,
                    row=doubt.cell.row,
                    column=doubt.cell.column,
                    text=doubt.cell.text,
                    message=doubt.note.message,
                    offered=doubt.note.suggestion or doubt.cell.text,
                    has_image=doubt.region is not None,
                )
            )
    return found


def confirm(reading: ScanReading, *, actor: User, answers: dict[str, str]) -> int:
    """Apply what the person read in each open doubtful cell (``answers`` by :attr:`OpenDoubt.key`).

    Every open doubt must be answered: a :class:`KeyError` names the first one that is not. Returns how many
    cells were confirmed.
    """
    doubts = open_doubts(reading)
    missing = [doubt for doubt in doubts if not answers.get(doubt.key, "").strip()]
    if missing:
        raise KeyError(f"第{missing[0].row}行第{missing[0].column}列还没有核对")
    kept = grids(reading)
    for index, grid in enumerate(kept):
        corrections = [
            ocr.Correction(doubt.row, doubt.column, answers[doubt.key]) for doubt in doubts if doubt.grid == index
        ]
        kept[index] = ocr.apply_corrections(grid, corrections)
    reading.grids = grid_json.dump(kept)
    reading.corrected += len(doubts)
    reading.confirmed_by = actor
    reading.save(update_fields=["grids", "corrected", "confirmed_by", "updated_at"])
    return len(doubts)


def crop(reading: ScanReading, grid: int, row: int, column: int) -> bytes | None:
    """The doubtful cell (``grid``, ``row``, ``column``) as scanned, PNG; None when there is no such cell."""
    from .imports import TYPES
    from .scratch import on_disk

    kept = grids(reading)
    if not 0 <= grid < len(kept):
        return None
    region = next((c.region for r in kept[grid].rows for c in r if (c.row, c.column) == (row, column)), None)
    if region is None:
        return None
    upload = reading.upload
    with on_disk(bytes(upload.content), TYPES.get(upload.detected_type, ("", ".bin"))[1]) as path:
        return ocr.crop_png(path, region)
