"""How values are written in cells: the placeholders that mean "nothing here", and decimals as text."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

#: Cells that hold a placeholder, not a value: a dash, a slash, 无.
BLANKS = frozenset({"", "-", "/", "—", "--", "——", "无", "－", "／"})


def is_blank(text: str | None) -> bool:
    """True for an empty cell or one holding only a placeholder (``-``, ``/``, ``—``, ``无``)."""
    if text is None:
        return True
    if text in BLANKS:
        return True
    return _folded_blank(text) if len(text) <= _CACHED_CHARS else _fold(text) in BLANKS


#: Texts up to this length are answered from a cache (cells repeat); longer ones, rarer, are folded each time.
_CACHED_CHARS = 64


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@lru_cache(maxsize=65536)
def _folded_blank(text: str) -> bool:
    return _fold(text) in BLANKS


def decimal_text(value: Decimal | None, places: int | None = None, *, trim: bool = True) -> str:
    """A decimal as a person writes it: 8.6200 → 8.62, 20.00 → 20, 1E+2 → 100; ``places`` rounds half up first.

    ``trim=False`` keeps the places as written (114352.00). None is the empty string.
    """
    if value is None:
        return ""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(value.normalize() if trim else value, "f")
    return "0" if text == "-0" else text
