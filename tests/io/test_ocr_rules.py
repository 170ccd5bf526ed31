"""Ruling lines on a page image: the page straightened, the table cut into cells with their merged spans."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy", reason="the OCR reader needs the jixiao[ocr] extra")
cv2 = pytest.importorskip("cv2", reason="the OCR reader needs the jixiao[ocr] extra")

from jixiao.io.ocr.rules import slope, straighten, tables  # noqa: E402

XS = (40, 200, 400, 760)
YS = (40, 100, 160, 220, 400)


def drawn_table(angle: float = 0.0) -> np.ndarray:
    """A white page with a ruled table: 4 rows × 3 columns, column 1 merged over rows 2–3, row 1 over columns 2–3."""
    page = np.full((480, 820), 255, np.uint8)
    for y in YS:
        cv2.line(page, (XS[0], y), (XS[-1], y), 0, 2)
    cv2.line(page, (XS[0], YS[2]), (XS[1], YS[2]), 255, 2)  # no rule between rows 2 and 3 in column 1
    for x in XS:
        cv2.line(page, (x, YS[0]), (x, YS[-1]), 0, 2)
    cv2.line(page, (XS[2], YS[0] + 2), (XS[2], YS[1] - 2), 255, 2)  # no rule between columns 2 and 3 in row 1
    cv2.putText(page, "2120", (60, 80), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    if angle:
        matrix = cv2.getRotationMatrix2D((410, 240), angle, 1.0)
        page = cv2.warpAffine(page, matrix, (820, 480), borderValue=255)
    return page


def test_cells_and_spans_come_from_the_rules() -> None:
    [frame] = tables(drawn_table())
    spans = {(cell.row, cell.column): (cell.rowspan, cell.colspan) for cell in frame.cells}
    assert spans == {
        (0, 0): (1, 1), (0, 1): (1, 2),
        (1, 0): (2, 1), (1, 1): (1, 1), (1, 2): (1, 1),
        (2, 1): (1, 1), (2, 2): (1, 1),
        (3, 0): (1, 1), (3, 1): (1, 1), (3, 2): (1, 1),
    }  # fmt: skip
    assert all(abs(a - b) <= 2 for a, b in zip(frame.xs, XS, strict=True))
    assert all(abs(a - b) <= 2 for a, b in zip(frame.ys, YS, strict=True))


def test_a_turned_page_is_straightened_before_its_cells_are_cut() -> None:
    page = drawn_table(angle=0.8)
    angle = slope(page)
    assert abs(angle + 0.8) < 0.1  # the tilt measured, and undone by turning the other way
    [frame] = tables(straighten(page, angle))
    assert len(frame.cells) == 10


def test_a_page_without_rules_has_no_table() -> None:
    page = np.full((480, 820), 255, np.uint8)
    cv2.putText(page, "no table here", (60, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    assert tables(page) == []
    assert slope(page) == 0.0
