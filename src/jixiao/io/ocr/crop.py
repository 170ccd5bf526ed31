"""A cell as scanned, cut out of its page as PNG: what a person looks at to confirm or correct a doubtful cell."""

from __future__ import annotations

import io
from pathlib import Path

from ...grid import Region
from .pages import page_image
from .rules import straighten

#: Pixels of the page kept around the cell, so that the person sees its neighbours' edges and any stamp on it.
MARGIN = 16


def crop_png(path: str | Path, region: Region, *, margin: int = MARGIN) -> bytes:
    """The cell at ``region`` of the scan at ``path`` (the file it was read from) as PNG bytes.

    The page is made again exactly as it was read — same resolution, same straightening — so the box fits.
    """
    from PIL import Image

    page = page_image(Path(path), region.page, region.scale)
    image = straighten(page.pixels, region.angle)
    height, width = image.shape
    left, top, right, bottom = region.box
    crop = image[
        max(0, top - margin) : min(height, bottom + margin), max(0, left - margin) : min(width, right + margin)
    ]
    buffer = io.BytesIO()
    Image.fromarray(crop).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
