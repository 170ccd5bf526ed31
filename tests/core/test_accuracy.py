"""The published accuracy report: every transcribed real table in the repository, no value read wrong."""

from __future__ import annotations

from pathlib import Path

from jixiao.accuracy import BEGIN, END, FIELDS, markdown, tally

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"


def test_no_value_of_a_transcribed_table_is_read_wrong() -> None:
    result = tally(CORPUS)
    assert result.wrong == []
    assert result.tables["read"] >= 19
    assert sum(result.counts[name]["right"] for name in FIELDS) > 800


def test_docs_accuracy_md_is_current() -> None:
    text = (ROOT / "docs" / "accuracy.md").read_text(encoding="utf-8")
    section = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert section == markdown(tally(CORPUS), "tests/data/corpus"), "run `python3 dev.py accuracy`"
    assert "## OCR: scans and photos" in text
