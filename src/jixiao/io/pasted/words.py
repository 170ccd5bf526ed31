"""Cells of a space-separated row placed under the indicator header by what they hold.

A row cut at its spaces may have fewer words than the header has columns (an empty cell leaves no word) or more (a
name with a space in it). Fewer: each word goes to the next column it fits, an optional column (计量单位, 备注) left
empty where the word does not fit it. More: the 三级指标 name takes the words up to the first one that reads as a
value; where none does, it takes the surplus and a reading note says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...errors import InputError, clip
from ...notes import NoteKind, ReadingNote
from .layouts import Piece

_NUMBER = re.compile(r"^\d+(?:\.\d+)?\s*分?$")
_VALUE = re.compile(r"^[≥≤><=≧≦＞＜﹥﹤]{0,2}=?\s*[-+]?\d")
_BARE_VALUE = re.compile(r"^[≥≤><=≧≦＞＜]{0,2}=?\s*[-+]?\d[\d,.]*\s*%?$")
_OPERATORS = frozenset({"≥", "≤", ">", "<", "=", ">=", "<=", "＝", "≧", "≦", "正向", "反向", "定性", "定量", "区间"})
_EMPTY = frozenset({"-", "—", "/", "无"})
#: Columns a row may leave empty without a word standing for it.
OPTIONAL = frozenset({"unit", "remark", "basis", "evidence", "deviation", "prior", "scoring_rule", None})


def fits(role: str | None, text: str) -> bool:
    """Whether ``text`` can be the content of a column of ``role``."""
    if text in _EMPTY:
        return True
    if role in ("weight", "score"):
        return bool(_NUMBER.match(text))
    if role in ("name", "level1", "level2"):
        return not _BARE_VALUE.match(text)
    if role == "operator":
        return text in _OPERATORS
    if role == "unit":
        return len(text) <= 8 and not text[:1].isdigit() and text not in _OPERATORS
    return True


def assign_words(
    placed: list[tuple[int, Piece]], roles: Sequence[str | None], notes: list[ReadingNote], source: str
) -> list[tuple[int, Piece]]:
    """``placed``: level words with their column, the other words with -1; all of them with their column."""
    levels = [(column, piece) for column, piece in placed if column >= 0]
    words = [piece for column, piece in placed if column < 0]
    if not words:
        return levels
    first = roles.index("name") if "name" in roles else (levels[-1][0] + 1 if levels else 0)
    columns = list(range(first, len(roles)))
    core = list(columns)
    while len(core) > 1 and roles[core[-1]] in OPTIONAL:
        core.pop()
    if len(words) > len(columns):
        words = _name_absorbs(words, columns, core, roles, notes)
    if len(words) in (len(columns), len(core)):
        return levels + list(zip(columns, words, strict=False))
    return levels + _greedy(words, columns, roles, source)


def _name_absorbs(
    words: list[Piece], columns: list[int], core: list[int], roles: Sequence[str | None], notes: list[ReadingNote]
) -> list[Piece]:
    after = roles[columns[1]] if len(columns) > 1 else None
    for cut in range(1, len(words)):
        if _VALUE.match(words[cut].text) and len(words) - cut <= len(columns) - 1 and fits(after, words[cut].text):
            break
    else:
        cut = len(words) - len(core) + 1
        notes.append(
            ReadingNote(
                NoteKind.FALLBACK,
                f"这一行用空格分隔的词多于表头的列，把前{cut}个词合为三级指标名称，请核对",
                row=words[0].line,
                field="name",
                text=" ".join(word.text for word in words),
            )
        )
    name = Piece(" ".join(word.text for word in words[:cut]), words[0].line)
    return [name, *words[cut:]]


def _greedy(
    words: list[Piece], columns: list[int], roles: Sequence[str | None], source: str
) -> list[tuple[int, Piece]]:
    placed = [(columns[0], words[0])]
    at = 1
    for index, column in enumerate(columns[1:], start=1):
        if at >= len(words):
            break
        left_words, left_columns = len(words) - at, len(columns) - index
        role = roles[column]
        if left_words >= left_columns or fits(role, words[at].text) or role not in OPTIONAL:
            if not fits(role, words[at].text) and role not in OPTIONAL:
                break
            placed.append((column, words[at]))
            at += 1
    if at < len(words):
        raise InputError(
            f"用空格分隔的这一行放不进指标表头的列：“{clip(' '.join(w.text for w in words))}”，"
            "请用制表符分隔单元格，或从 Excel、Word 原件读取",
            file=source,
            row=words[0].line,
        )
    return placed
