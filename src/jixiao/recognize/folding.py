"""Traditional → simplified folding of labels and vocabulary terms (一級指標 → 一级指标, 績效 → 绩效).

Only what jixiao matches is folded — labels, 一级/二级 terms — never the text it keeps as written. The conversion
is OpenCC's ``t2s`` dictionary.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

_CONVERTER = opencc.OpenCC("t2s")


@lru_cache(maxsize=16384)
def simplified(text: str) -> str:
    """``text`` in simplified characters; ASCII text is returned as it is, without a look-up."""
    if text.isascii():
        return text
    return str(_CONVERTER.convert(text))
