"""OCR reader for scans and photos of ruled tables (the ``jixiao[ocr]`` extra).

Importing this package needs nothing beyond the core: :func:`available` says whether the extra is installed, and
:data:`MISSING` is the message a scan is refused with when it is not. The reader itself
(:func:`jixiao.io.ocr.reader.read_scan`) runs in the bounded reading process, through :func:`jixiao.reading.read`.

What an import page needs to have a person confirm a scan before it is stored: :func:`doubts` (each doubtful
cell of a grid, with its note and region), :func:`crop_png` (that cell as scanned), :class:`Correction` and
:func:`apply_corrections` (what the person said, applied to the grid before it is recognized again), and
:func:`unconfirmed` (what is still open).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from .confirm import Correction, Doubt, apply_corrections, doubts, unconfirmed

if TYPE_CHECKING:
    from ...grid import Region

__all__ = [
    "EXTRA", "MISSING", "Correction", "Doubt", "apply_corrections", "available", "crop_png", "doubts", "unconfirmed",
]  # fmt: skip

#: What a user installs to read scans; named in every message about the missing extra.
EXTRA = "jixiao[ocr]"
MISSING = f"识别扫描件和图片需要 OCR 组件，请安装 {EXTRA}（pip install '{EXTRA}'）"


def available() -> bool:
    """True when the OCR extra (rapidocr and onnxruntime) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime", "cv2"))


def crop_png(path: str | Path, region: Region, *, margin: int = 16) -> bytes:
    """The cell at ``region`` of the scan at ``path``, cut out of its page as PNG (see :mod:`.crop`)."""
    from .crop import crop_png as crop

    return crop(path, region, margin=margin)
