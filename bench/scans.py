"""Synthetic scans of tables in the official layout: the test set the OCR benchmark and fixtures are made from.

A table file is written as PDF by jixiao's own writer (the official layout, WeasyPrint), rasterised with
pypdfium2 at a chosen resolution, and degraded as a scanner or a phone camera would: blur, noise, a slight
rotation and JPEG compression. :func:`image_pdf` wraps the page images back into a PDF with no text layer — what
a scanned disclosure is.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image, ImageFilter

import jixiao
from jixiao.io.writers import write


@dataclass(frozen=True)
class Degradation:
    blur: float  # Gaussian blur radius, pixels at 150 dpi (scaled with the resolution)
    noise: float  # standard deviation of Gaussian noise, grey levels
    angle: float  # largest rotation, degrees (the sign is drawn at random)
    jpeg: int | None  # JPEG quality, or None for lossless pages


#: Degradation levels, from a clean digital print to a poor office scan.
LEVELS = {
    "clean": Degradation(blur=0.0, noise=0.0, angle=0.0, jpeg=None),
    "light": Degradation(blur=0.5, noise=6.0, angle=0.3, jpeg=85),
    "medium": Degradation(blur=0.8, noise=12.0, angle=0.6, jpeg=70),
    "heavy": Degradation(blur=1.1, noise=20.0, angle=1.0, jpeg=50),
}


def official_pdf(source: Path, destination: Path) -> Path:
    """``source`` (any table file jixiao reads) written as PDF in the official layout."""
    return write(jixiao.read(source), destination)


def rasterise(pdf: Path, dpi: int) -> list[Image.Image]:
    """The PDF's pages as greyscale images at ``dpi``."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def degrade(image: Image.Image, level: Degradation, dpi: int, rng: random.Random) -> Image.Image:
    """``image`` blurred, noised, turned and JPEG-compressed as ``level`` says; ``rng`` makes it repeatable."""
    scale = dpi / 150
    if level.blur:
        image = image.filter(ImageFilter.GaussianBlur(level.blur * scale))
    if level.angle:
        angle = rng.uniform(0.5, 1.0) * level.angle * rng.choice((-1, 1))
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if level.noise:
        pixels = np.asarray(image, dtype=np.float32)
        noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, level.noise, pixels.shape)
        image = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8), "L")
    if level.jpeg:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=level.jpeg)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return image


def image_pdf(images: list[Image.Image], destination: Path, dpi: int, *, quality: int = 75) -> Path:
    """The images as the pages of a PDF without text (each page one JPEG), at ``dpi``."""
    first, *rest = images
    first.save(destination, "PDF", save_all=True, append_images=rest, resolution=dpi, quality=quality)
    return destination


def scan(
    source: Path,
    destination: Path,
    *,
    dpi: int,
    level: str,
    seed: int = 1,
    pages: slice | None = None,
    quality: int | None = None,
) -> Path:
    """``source`` printed in the official layout, scanned at ``dpi`` with degradation ``level``, as an image PDF."""
    rng = random.Random(f"{seed}-{dpi}-{level}")
    printed = official_pdf(source, destination.with_suffix(".printed.pdf"))
    images = rasterise(printed, dpi)[pages or slice(None)]
    printed.unlink()
    degraded = [degrade(image, LEVELS[level], dpi, rng) for image in images]
    return image_pdf(degraded, destination, dpi, quality=quality or LEVELS[level].jpeg or 90)


def page_count(pdf: Path) -> int:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()
