"""Writer for JSON: the document ``jixiao parse --format json`` prints."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...jsonout import dumps, parse_document
from ...model import TargetTable


def write_json(tables: Sequence[TargetTable], path: Path) -> None:
    path.write_text(dumps(parse_document(list(tables))) + "\n", encoding="utf-8")
