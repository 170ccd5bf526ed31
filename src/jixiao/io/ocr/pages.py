"""Page images to read: the pages of a PDF without text (a scan) or an image file (PNG, JPEG, TIFF, BMP, WebP).

Every page is read at one working resolution, whatever it was scanned at: the recogniser reads table text best at
about 150–200 dpi, and a 600 dpi scan read as it is would cost four times the time for nothing. A PDF page is
rendered at the resolution of the image it holds, within those bounds; an image file is scaled down to the same
size. :func:`page_image` makes any one page again, exactly as it was read, for cutting out a cell to show.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import InputError
from ..limits import MAX_SCAN_PAGES, MAX_SCAN_PIXELS

#: Working resolution, pixels per inch of the printed page: lowest and highest.
MIN_DPI = 150
MAX_DPI = 200
#: Longest side of a page image in pixels: an A4 page at 200 dpi; a phone photo, which has no dpi, is scaled to it.
MAX_SIDE = 2400
_POINTS_PER_INCH = 72


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based
    pixels: np.ndarray  # greyscale, uint8, height × width
    scale: float  # pixels per PDF point, or per pixel of the image file


class Pages:
    """The pages of a scan: their count first (for progress), then each image in turn."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kind = _kind(path)
        self.count = _count(path, self.kind)
        if self.count > MAX_SCAN_PAGES:
            raise InputError(f"扫描件有 {self.count} 页，超过 {MAX_SCAN_PAGES} 页的上限", file=path)

    def __iter__(self) -> Iterator[PageImage]:
        for number in range(1, self.count + 1):
            yield page_image(self.path, number)


def page_image(path: Path, number: int, scale: float | None = None) -> PageImage:
    """Page ``number`` of ``path`` as read: at ``scale`` when given, else at the working resolution."""
    if _kind(path) == "pdf":
        return _pdf_page(path, number, scale)
    return _image_page(path, number, scale)


def _kind(path: Path) -> str:
    with path.open("rb") as stream:
        return "pdf" if b"%PDF-" in stream.read(1024) else "image"


def _count(path: Path, kind: str) -> int:
    if kind == "pdf":
        document = _open_pdf(path)
        try:
            return len(document)
        finally:
            document.close()
    with _open_image(path) as image:
        return getattr(image, "n_frames", 1)


def _open_pdf(path: Path) -> Any:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        raise InputError(f"PDF 文件无法打开（{error}）", file=path) from None


def _pdf_page(path: Path, number: int, scale: float | None) -> PageImage:
    import pypdfium2.raw as pdfium_c

    document = _open_pdf(path)
    try:
        page = document[number - 1]
        width, height = page.get_size()
        if scale is None:
            scale = _working_scale(page, pdfium_c.FPDF_PAGEOBJ_IMAGE, width, height)
        if width * height * scale * scale > MAX_SCAN_PIXELS:
            raise InputError(f"PDF 第{number}页的页面过大", file=path)
        bitmap = page.render(scale=scale, grayscale=True)
        pixels = np.array(bitmap.to_pil().convert("L"))
    finally:
        document.close()
    return PageImage(number, pixels, scale)


def _working_scale(page: Any, image_type: int, width: float, height: float) -> float:
    """Pixels per point to render at: the page's largest image's own resolution, within the working bounds."""
    native = 0.0
    for obj in page.get_objects(filter=(image_type,)):
        left, _bottom, right, _top = obj.get_bounds()
        pixels_wide, _pixels_high = obj.get_px_size()
        if right - left > width / 3:
            native = max(native, pixels_wide / (right - left))
    dpi = min(max(native * _POINTS_PER_INCH, MIN_DPI), MAX_DPI)
    scale = dpi / _POINTS_PER_INCH
    return min(scale, MAX_SIDE / max(width, height))


def _open_image(path: Path) -> Any:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError) as error:
        raise InputError(f"图片无法打开，文件可能已损坏（{error}）", file=path) from None
    width, height = image.size
    if width * height > MAX_SCAN_PIXELS:
        image.close()
        raise InputError(f"图片有 {width}×{height} 像素，超过上限", file=path)
    return image


def _image_page(path: Path, number: int, scale: float | None) -> PageImage:
    from PIL import Image, ImageOps

    with _open_image(path) as image:
        try:
            image.seek(number - 1)
            upright = ImageOps.exif_transpose(image).convert("L")  # a phone photo taken sideways
        except (OSError, ValueError, EOFError) as error:
            raise InputError(f"图片第{number}页无法解码，文件可能已损坏（{error}）", file=path) from None
    if scale is None:
        dpi = upright.info.get("dpi", (0, 0))[0] if isinstance(upright.info.get("dpi"), tuple) else 0
        scale = min(1.0, MAX_SIDE / max(upright.size), MAX_DPI / dpi if dpi and dpi >= MIN_DPI else 1.0)
    if scale != 1.0:
        size = (max(1, round(upright.width * scale)), max(1, round(upright.height * scale)))
        upright = upright.resize(size, Image.Resampling.LANCZOS)
    return PageImage(number, np.array(upright), scale)
