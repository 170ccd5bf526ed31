"""How values are written in cells: the placeholders that mean "nothing here", and decimals as text."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

#: Cells that hold a placeholder, not a value: a dash, a slash, 无.
BLANKS = frozenset({"", "-", "/", "—", "--", "——", "无", "－", "／"})


def is_blank(text: str | None) -> bool:
    """True for an empty cell or one holding only a placeholder (``-``, ``/``, ``—``, ``无``)."""
    if text is None:
        return True
    return "".join(unicodedata.normalize("NFKC", text).split()) in BLANKS


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
