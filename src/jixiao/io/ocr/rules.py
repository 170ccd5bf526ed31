"""Ruling lines on a page image → straightened page and the tables' cells with their merged spans.

A ruled table is found from its lines, not its text: long thin strokes kept by a morphological opening with a long
horizontal (or vertical) kernel. Their slope straightens the page first (a scan is rarely square to the glass). The
distinct line positions cut the table into elementary cells; two neighbours separated by no drawn line are one
merged cell, so a cell's rowspan and colspan come from the geometry, as in the PDF reader.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

#: Largest slope corrected, degrees; a page turned further is read as it is.
MAX_ANGLE = 3.0
#: A drawn line must cover this share of a cell side to separate two cells.
_COVERED = 0.6


@dataclass(frozen=True)
class CellBox:
    """A cell of a table on the page: its elementary row and column (0-based), spans and pixel box."""

    row: int
    column: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class TableFrame:
    """One ruled table: the x of its column lines, the y of its row lines, and its cells top to bottom."""

    xs: tuple[int, ...]
    ys: tuple[int, ...]
    cells: tuple[CellBox, ...]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def ink(image: np.ndarray) -> np.ndarray:
    """Dark strokes as 255 on 0, from a greyscale page (adaptive, so uneven lighting in a photo does not matter)."""
    smooth = cv2.medianBlur(image, 3)
    mask: np.ndarray = cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 12)
    return mask


def line_masks(strokes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rules: strokes longer than a fortieth of the page, small breaks closed."""
    height, width = strokes.shape
    across = max(25, width // 40)
    down = max(25, height // 40)
    horizontal = cv2.morphologyEx(strokes, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1)))
    vertical = cv2.morphologyEx(strokes, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, down)))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9)))
    return horizontal, vertical


def slope(image: np.ndarray) -> float:
    """The page's tilt in degrees (positive: lines fall to the right), from its long horizontal rules."""
    strokes = ink(image)
    width = strokes.shape[1]
    # a short kernel and a thickened stroke keep a tilted line in one piece
    thick = cv2.dilate(strokes, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(25, width // 60), 1))
    horizontal = cv2.morphologyEx(thick, cv2.MORPH_OPEN, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    for label in range(1, count):
        left, top, length, height, _area = stats[label]
        if length < width / 4 or height > length / 8:
            continue
        ys, xs = np.nonzero(labels[top : top + height, left : left + length] == label)
        direction = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
        angles.append(float(np.degrees(np.arctan(direction))))
        weights.append(float(length))
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])
    return median if abs(median) <= MAX_ANGLE else 0.0


def straighten(image: np.ndarray, angle: float) -> np.ndarray:
    """``image`` turned by ``angle`` degrees about its centre, the corners filled with white."""
    if abs(angle) < 0.02:
        return image
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned: np.ndarray = cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )
    return turned


def _positions(profile: np.ndarray, minimum: int, gap: int) -> list[int]:
    """Centres of the runs where ``profile`` (ink per row or column of a line mask) reaches ``minimum``."""
    hits = np.flatnonzero(profile >= minimum)
    if not hits.size:
        return []
    runs = np.split(hits, np.flatnonzero(np.diff(hits) > gap) + 1)
    return [int(run.mean() + 0.5) for run in runs]


def tables(image: np.ndarray) -> list[TableFrame]:
    """The ruled tables of a straightened page, top to bottom."""
    horizontal, vertical = line_masks(ink(image))
    height, width = image.shape
    frames = cv2.dilate(horizontal | vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(frames, connectivity=8)
    found = []
    for label in range(1, count):
        left, top, w, h, _area = stats[label]
        if w < width / 5 or h < height / 20:
            continue  # a rule under a signature, a stamp's edge
        frame = _frame(horizontal[top : top + h, left : left + w], vertical[top : top + h, left : left + w])
        if frame is not None:
            found.append(_shifted(frame, int(left), int(top)))
    return sorted(found, key=lambda frame: frame.ys[0])


def _frame(horizontal: np.ndarray, vertical: np.ndarray) -> TableFrame | None:
    height, width = horizontal.shape
    ys = _positions((horizontal > 0).sum(axis=1), max(20, width // 12), 3)
    xs = _positions((vertical > 0).sum(axis=0), max(12, height // 30), 3)
    # a table cut by a page break has no rule on the cut side: its vertical rules still end there
    rows_with_rules = np.flatnonzero((vertical > 0).sum(axis=1) > 0)
    if rows_with_rules.size:
        for end in (int(rows_with_rules[0]), int(rows_with_rules[-1])):
            if all(abs(end - y) > 6 for y in ys):
                ys.append(end)
    ys.sort()
    if len(xs) < 2 or len(ys) < 2:
        return None
    return TableFrame(tuple(xs), tuple(ys), tuple(_cells(horizontal, vertical, xs, ys)))


def _drawn(mask: np.ndarray) -> bool:
    """True when a rule runs along most of a strip of a line mask (the strip's long axis is axis 0)."""
    return mask.shape[0] > 0 and float(mask.any(axis=1).mean()) >= _COVERED


def _cells(horizontal: np.ndarray, vertical: np.ndarray, xs: list[int], ys: list[int]) -> list[CellBox]:
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    band = 4
    for r in range(rows):
        top, bottom = ys[r] + band, ys[r + 1] - band
        for c in range(columns):
            left, right = xs[c] + band, xs[c + 1] - band
            if c + 1 < columns and not _drawn(vertical[top:bottom, xs[c + 1] - band : xs[c + 1] + band + 1]):
                join(r * columns + c, r * columns + c + 1)
            if r + 1 < rows and not _drawn(horizontal[ys[r + 1] - band : ys[r + 1] + band + 1, left:right].T):
                join(r * columns + c, (r + 1) * columns + c)
    spans: dict[int, list[int]] = {}
    for r in range(rows):
        for c in range(columns):
            root = find(r * columns + c)
            span = spans.setdefault(root, [r, c, r, c])
            span[0], span[1] = min(span[0], r), min(span[1], c)
            span[2], span[3] = max(span[2], r), max(span[3], c)
    boxes = _disjoint([tuple(span) for span in spans.values()])
    return [
        CellBox(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
        for r0, c0, r1, c1 in sorted(boxes)
    ]


def _disjoint(spans: list[tuple[int, ...]]) -> list[tuple[int, int, int, int]]:
    """Merged cells as rectangles: a group that is not one (a broken rule) takes its bounding box, absorbing others."""
    boxes = [(s[0], s[1], s[2], s[3]) for s in spans]
    changed = True
    while changed:
        changed = False
        boxes.sort()
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                    boxes[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    changed = True
                    break
            if changed:
                break
    return boxes


def _shifted(frame: TableFrame, left: int, top: int) -> TableFrame:
    cells = tuple(
        CellBox(
            c.row, c.column, c.rowspan, c.colspan, (c.box[0] + left, c.box[1] + top, c.box[2] + left, c.box[3] + top)
        )
        for c in frame.cells
    )
    return TableFrame(tuple(x + left for x in frame.xs), tuple(y + top for y in frame.ys), cells)
