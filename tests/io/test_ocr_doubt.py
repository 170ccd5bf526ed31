"""The doubt pass over a grid read by OCR: which cells a person must confirm, and what the table then reads."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.grid import Cell, Grid, Region
from jixiao.io.ocr.confirm import Correction, apply_corrections, doubts, unconfirmed
from jixiao.io.ocr.doubt import check
from jixiao.model import Operator
from jixiao.notes import NoteKind
from jixiao.recognize import recognize

HEADER = ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重")


def scanned(rows: list[list[tuple[str, float]]], *, header: tuple[str, ...] = HEADER) -> Grid:
    """A grid as the OCR reader makes it: each cell with a confidence and a region on page 1."""
    texts = [[("项目名称", 0.99), ("培训项目", 0.99)], [(label, 0.99) for label in header], *rows]
    return Grid(
        tuple(
            tuple(
                Cell(
                    text,
                    r,
                    c,
                    confidence=confidence,
                    region=Region(1, (100 * c, 40 * r, 100 * c + 90, 40 * r + 30), 2.0),
                )
                for c, (text, confidence) in enumerate(row, 1)
            )
            for r, row in enumerate(texts, 1)
        ),
        source="scan.pdf",
    )


def row(name: str, target: str, prior: str, *, confidence: float = 0.99) -> list[tuple[str, float]]:
    return [
        ("产出指标", 0.99),
        ("数量指标", 0.99),
        (name, 0.99),
        (target, confidence),
        ("计划标准", 0.99),
        (prior, 0.99),
        ("10", 0.99),
    ]


def test_a_leading_two_beside_a_close_prior_is_read_as_ge_and_noted() -> None:
    grid = check(scanned([row("培训人数", "2120人", "118人")]))
    [table] = recognize(grid)
    target = table.indicators[0].target
    assert target is not None and target.operator is Operator.GE and target.value == Decimal("120")
    [note] = table.notes
    assert note.kind is NoteKind.REPAIRED_CELL and note.needs_confirmation
    assert (note.row, note.column, note.field) == (3, 4, "target")
    assert note.text == "2120人" and note.suggestion == "≥120人"


def test_a_low_confidence_value_is_doubtful_and_kept_as_read() -> None:
    grid = check(scanned([row("培训人数", "≥120人", "118人", confidence=0.7)]))
    [table] = recognize(grid)
    assert table.indicators[0].target is not None and table.indicators[0].target.text == "≥120人"
    [note] = table.notes
    assert note.kind is NoteKind.DOUBTFUL_CELL and note.confidence == 0.7 and "0.70" in note.message


def test_text_cells_have_a_lower_bar_than_values() -> None:
    grid = check(
        scanned(
            [
                [
                    ("产出指标", 0.9),
                    ("数量指标", 0.9),
                    ("培训人数", 0.9),
                    ("≥120人", 0.99),
                    ("计划标准", 0.9),
                    ("118人", 0.99),
                    ("10", 0.99),
                ]
            ]
        )
    )
    assert grid.notes == ()


def test_ink_without_text_is_doubtful() -> None:
    grid = check(scanned([row("培训人数", "", "118人", confidence=0.0)]))
    [note] = grid.notes
    assert note.kind is NoteKind.DOUBTFUL_CELL and "没有识别出文字" in note.message


def test_a_misread_header_label_is_put_right_so_the_table_is_not_lost() -> None:
    header = ("级指标", *HEADER[1:])
    [table] = recognize(check(scanned([row("培训人数", "≥120人", "118人")], header=header)))
    assert table.indicators[0].level1 == "产出指标"
    [note] = table.notes
    assert note.kind is NoteKind.FALLBACK and note.suggestion == "一级指标" and not note.needs_confirmation


def test_cells_not_read_by_ocr_are_never_doubted() -> None:
    grid = Grid.from_texts(
        [
            ["项目名称", "培训项目"],
            list(HEADER),
            ["产出指标", "数量指标", "培训人数", "2120人", "计划标准", "118人", "10"],
        ]
    )
    assert check(grid).notes == ()


def test_a_person_confirms_or_corrects_each_doubt() -> None:
    grid = check(scanned([row("培训人数", "2120人", "118人"), row("培训天数", "≥5天", "5天", confidence=0.6)]))
    found = doubts(grid)
    assert [(d.cell.row, d.cell.column, d.note.kind) for d in found] == [
        (3, 4, NoteKind.REPAIRED_CELL),
        (4, 4, NoteKind.DOUBTFUL_CELL),
    ]
    assert found[0].region == Region(1, (400, 120, 490, 150), 2.0)
    corrected = apply_corrections(grid, [Correction(3, 4, "≥120人"), Correction(4, 4, "≥6天")])
    [table] = recognize(corrected)
    assert unconfirmed(table.notes) == []
    assert [i.target.text for i in table.indicators if i.target] == ["≥120人", "≥6天"]
    confirmed = {cell.column: cell.confidence for cell in corrected.rows[3]}
    assert confirmed[4] == 1.0


def test_confirming_some_doubts_leaves_the_others() -> None:
    grid = check(scanned([row("培训人数", "2120人", "118人"), row("培训天数", "≥5天", "5天", confidence=0.6)]))
    [table] = recognize(apply_corrections(grid, [Correction(3, 4, "≥120人")]))
    assert [(note.row, note.column) for note in unconfirmed(table.notes)] == [(4, 4)]


def test_a_correction_for_a_cell_that_is_not_there_is_refused() -> None:
    grid = check(scanned([row("培训人数", "≥120人", "118人")]))
    with pytest.raises(KeyError, match="第30行第4列"):
        apply_corrections(grid, [Correction(30, 4, "x")])


def test_a_scanned_table_whose_header_was_not_read_is_not_passed_over() -> None:
    from jixiao.errors import LayoutError
    from jixiao.reading import tables_in

    good = check(scanned([row("培训人数", "≥120人", "118人")]))
    unreadable = scanned([row("培训人数", "≥120人", "118人")], header=("？？",) * 7)
    with pytest.raises(LayoutError, match="找不到指标表头行"):
        tables_in([good, unreadable])
    plain = Grid.from_texts([["附件：说明"], ["本表由单位填报"]])
    assert len(tables_in([good, plain])) == 1  # a grid that is no table at all is still passed over
