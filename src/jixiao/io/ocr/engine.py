"""The OCR model: PP-OCR text detection and recognition (RapidOCR on ONNX Runtime), from the files its wheel ships.

The ``rapidocr`` wheel carries its default Chinese models (PP-OCRv6 small detection and recognition, 31 MB). RapidOCR
checks a model file against its checksum and downloads it when it is missing; jixiao names each file by its path
inside the installed package instead, so the model never comes from the network — government networks are closed,
and a reader that reached out would fail there. A wheel whose model files are missing is refused with a message.

Detection runs on the whole page: cut into cells first, a table's text loses its context and the recogniser drops a
leading ``≥`` or reads it as a ``2`` (``≥120人`` → ``2120人``). The recogniser's character set has ``≥ ≤ ≧ ≦``.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import InputError
from . import EXTRA, MISSING, available

_MODELS = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
#: Longest side of the image text is detected on; the page is scaled down to it for detection only.
DETECTION_SIDE = 1280
#: Shortest width (at a line height of 48) a text line is padded to; most cells hold a few characters.
_LINE_WIDTH = 96


@dataclass(frozen=True)
class TextLine:
    """One line of text found on a page: its bounds in pixels (left, top, right, bottom), text and confidence."""

    box: tuple[float, float, float, float]
    text: str
    confidence: float

    @property
    def centre(self) -> tuple[float, float]:
        left, top, right, bottom = self.box
        return (left + right) / 2, (top + bottom) / 2


def model_files() -> dict[str, Path]:
    """The model files inside the installed rapidocr package, by RapidOCR setting."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise InputError(MISSING)
    folder = Path(spec.origin).parent / "models"
    files = {setting: folder / name for setting, name in _MODELS.items()}
    missing = [path.name for path in files.values() if not path.is_file()]
    if missing:
        raise InputError(f"OCR 组件的模型文件缺失（{'、'.join(missing)}），请重新安装 {EXTRA}")
    return files


class Engine:
    """Detection and recognition, loaded once per process (about a second) and shared by every page.

    Each model runs on one thread: ONNX Runtime's own thread pool spins while it waits, which on a busy two-core
    machine cost a third more CPU for no gain. The reader runs pages side by side instead; the sessions are safe
    to run from several threads at once.
    """

    def __init__(self, *, threads: int = 1) -> None:
        if not available():
            raise InputError(MISSING)
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        from rapidocr import RapidOCR

        params: dict[str, Any] = {setting: str(path) for setting, path in model_files().items()}
        params.update(
            {
                "Global.log_level": "error",
                "Global.use_cls": False,  # table text is upright; the page is straightened first
                "Global.text_score": 0.0,  # every line is kept: a doubtful one becomes a note, never a gap
                "Global.max_side_len": 10_000,  # the page image is already at the resolution we want
                "Det.limit_type": "max",
                "Det.limit_side_len": DETECTION_SIDE,
                "Rec.rec_img_shape": [3, 48, _LINE_WIDTH],
                "Rec.rec_batch_num": 8,
            }
        )
        if threads:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
            params["EngineConfig.onnxruntime.inter_op_num_threads"] = threads
        self._ocr = RapidOCR(params=params)

    def read_page(self, image: np.ndarray) -> list[TextLine]:
        """Every line of text on a greyscale page image."""
        colour = np.dstack([image] * 3)
        with _memory_errors():
            found: Any = self._ocr(colour, use_rec=False)
        boxes = getattr(found, "boxes", None)
        if boxes is None or not len(boxes):
            return []
        read = self._recognise(self._ocr.crop_text_regions(colour, boxes))
        lines = []
        for points, (text, confidence) in zip(boxes, read, strict=True):
            xs, ys = points[:, 0], points[:, 1]
            box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
            lines.append(TextLine(box, text, confidence))
        return [line for line in lines if line.text.strip()]

    def read_lines(self, images: list[np.ndarray]) -> list[tuple[str, float]]:
        """The text and confidence of each image of a single line (no detection)."""
        if not images:
            return []
        return self._recognise([np.dstack([image] * 3) for image in images])

    def _recognise(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """Text and confidence of each line image.

        The confidence is the recogniser's mean over the line's characters. The least certain character would flag
        more misread values but flags far more right ones (a full-width colon, a run of zeros), so an invented
        character that hardly moves the mean (the ``6`` of ``95%6``) is left to the plausibility checks instead.
        """
        with _memory_errors():
            result: Any = self._ocr.recognize_txt(crops)
        return [(str(text), float(score)) for text, score in zip(result.txts, result.scores, strict=True)]


@contextmanager
def _memory_errors() -> Iterator[None]:
    """ONNX Runtime out of memory (``std::bad_alloc`` inside its own exception) as the MemoryError it is."""
    try:
        yield
    except MemoryError:
        raise
    except Exception as error:
        if "bad_alloc" in str(error):
            raise MemoryError(str(error)) from None
        raise


_shared: Engine | None = None
_shared_lock = threading.Lock()


def shared_engine() -> Engine:
    """The process's engine, loaded on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Engine()
        return _shared
