"""The value grammar: a 指标值 / 上年完成值 / 实际完成值 cell as written → :class:`~jixiao.model.Target`.

Forms understood (full- and half-width alike):

* operators ≥ ≧ >= ＞= > ＞ ≤ ≦ <= ＜= < ＜ = ＝ ═ ﹦ and the words 不低于 不少于 不小于 达到 …以上 (≥),
  不超过 不高于 不大于 …以内 …以下 (≤), 大于/高于 (>), 小于/低于 (<), 约 …左右 (≈, kept as "=");
* ranges 90%-95%, 3～5个, 90%—95%, 3至5个; tolerances ±3%以内; a bare value means "=";
* numbers 114,352.00, Chinese numerals 一百二十 两千, multipliers 万/亿 before a count unit (9.9万人 → 99000 人)
  while money stays as written (50亿元);
* deadlines 15日内 / 收到…后15日内 (≤ 15 日), dates 3月30日前 / 2024年12月31日前, periods 2023.07-2024.01;
* anything else is qualitative (有效提升, 达标, 及时) and kept as text.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from . import units
from .cells import decimal_text, is_blank
from .errors import ValueSyntaxError, clip
from .model import Kind, Operator, Target, UnitSource

_SYMBOLS = {"≧": "≥", "≦": "≤", "═": "=", "⩾": "≥", "⩽": "≤", "〜": "~", "～": "~", "–": "-"}

_PREFIX_WORDS: tuple[tuple[str, Operator, bool], ...] = (
    ("大于等于", Operator.GE, False),
    ("大于或等于", Operator.GE, False),
    ("小于等于", Operator.LE, False),
    ("小于或等于", Operator.LE, False),
    ("不低于", Operator.GE, False),
    ("不少于", Operator.GE, False),
    ("不小于", Operator.GE, False),
    ("达到", Operator.GE, False),
    ("至少", Operator.GE, False),
    ("不超过", Operator.LE, False),
    ("不高于", Operator.LE, False),
    ("不大于", Operator.LE, False),
    ("不多于", Operator.LE, False),
    ("控制在", Operator.LE, False),
    ("大于", Operator.GT, False),
    ("高于", Operator.GT, False),
    ("超过", Operator.GT, False),
    ("小于", Operator.LT, False),
    ("低于", Operator.LT, False),
    ("约", Operator.EQ, True),
    ("≥", Operator.GE, False),
    (">=", Operator.GE, False),
    ("=>", Operator.GE, False),
    ("≤", Operator.LE, False),
    ("<=", Operator.LE, False),
    ("=<", Operator.LE, False),
    (">", Operator.GT, False),
    ("<", Operator.LT, False),
    ("=", Operator.EQ, False),
)

_SUFFIX_WORDS: tuple[tuple[str, Operator | None, bool], ...] = (
    ("及以上", Operator.GE, False),
    ("以上", Operator.GE, False),
    ("以内", Operator.LE, False),
    ("之内", Operator.LE, False),
    ("及以下", Operator.LE, False),
    ("以下", Operator.LE, False),
    ("左右", None, True),
)

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CN_NUMBER = r"[零〇一二两三四五六七八九十百千万亿点]+"
_RANGE_DASH = r"[-—~至到]"

_DATE_FULL = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号]|底|末)(前|之前|以前)?")
_DATE_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(?:(\d{1,2})[日号]|底|末)(前|之前|以前)?")
# The look-behind starts a match only at the beginning of a number: a long run of digits is tried once, not once
# per digit (which made a 20,000-digit cell cost a minute).
_DEADLINE = re.compile(
    r"(?<![\d.一二两三四五六七八九十])(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*"
    r"(个工作日|工作日|个月|日|天|小时|周|月|年)\s*(?:内|以内|之内)"
)
_PERIOD = re.compile(r"^\d{4}(?:[.年/]\d{1,2}月?)?\s*[-—~至到]\s*\d{4}(?:[.年/]\d{1,2}月?)?$")
_TOLERANCE = re.compile(rf"^[±]\s*({_NUMBER})\s*(%|‰)?(?:以内|之内)?$")
_QUANTITY = re.compile(rf"^([-+]?(?:{_NUMBER})|{_CN_NUMBER})\s*(.*)$")
_NAME_UNIT = re.compile(r"[（(]([^（）()]{1,12})[）)]\s*$")

# A unit the grammar accepts although it does not know it: short, with none of these characters,
# which mark a phrase rather than a unit (100%完成 is not a quantity in 完成).
_NOT_IN_UNIT = set("的了是完成提升高低于和与及或在为按达到内前后期间年度个性率")


def normalize(text: str) -> str:
    """Fold full-width forms and operator variants, drop whitespace (cached per distinct short text)."""
    return _normalized(text) if len(text) <= _CACHED_CHARS else _normalize(text)


#: Texts up to this length are folded once and remembered (a year of tables repeats them); longer ones each time.
_CACHED_CHARS = 256


def _normalize(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    for variant, plain in _SYMBOLS.items():
        folded = folded.replace(variant, plain)
    return re.sub(r"\s+", "", folded)


_normalized = lru_cache(maxsize=65536)(_normalize)


#: More characters than any amount or count in a real table has: such a "number" is text (or an attack).
MAX_NUMBER_CHARS = 32


@lru_cache(maxsize=65536)
def parse_number(text: str) -> Decimal:
    """A plain number as written (114,352.00; 一百二十) → Decimal, or :class:`ValueSyntaxError`.

    Cached per distinct text (a year of tables repeats the same weights and amounts); an error is not cached.
    """
    cleaned = normalize(text).replace(",", "")
    if len(cleaned) > MAX_NUMBER_CHARS:
        raise ValueSyntaxError(f"“{clip(text)}”位数过多，不是一个数字")
    if re.fullmatch(r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)", cleaned):
        return Decimal(cleaned)
    if re.fullmatch(_CN_NUMBER, cleaned):
        return _chinese_number(cleaned, text)
    raise ValueSyntaxError(f"“{clip(text)}”不是数字")


def _chinese_number(cleaned: str, original: str) -> Decimal:
    import cn2an  # imported when a Chinese numeral is first read: it compiles its patterns at import (≈ 0.25 CPU s)

    try:
        return Decimal(str(cn2an.cn2an(cleaned, "smart")))
    except (ValueError, KeyError, InvalidOperation) as exc:
        raise ValueSyntaxError(f"“{clip(original)}”不是数字") from exc


@lru_cache(maxsize=16384)
def unit_in_name(name: str | None) -> str | None:
    """The unit in an indicator name's closing brackets: 利润总额（万元） → 万元."""
    if not name:
        return None
    match = _NAME_UNIT.search(normalize(name))
    if match is None:
        return None
    candidate = match.group(1)
    return candidate if units.is_known(candidate) else None


def _plausible_unit(text: str) -> bool:
    if units.is_known(text):
        return True
    return len(text) <= 4 and not (set(text) & _NOT_IN_UNIT) and not any(c.isdigit() for c in text)


def _number(token: str) -> Decimal:
    if len(token) > MAX_NUMBER_CHARS:
        raise ValueSyntaxError(f"“{clip(token)}”位数过多，不是一个数字")
    if re.fullmatch(_CN_NUMBER, token):
        return _chinese_number(token, token)
    return Decimal(token.replace(",", ""))


def _apply_multiplier(value: Decimal, unit: str) -> tuple[Decimal, str | None]:
    """9.9万人 → (99000, 人); 1万 → (10000, None); 50亿元 stays (money keeps its unit)."""
    head, rest = unit[:1], unit[1:]
    if head in units.MULTIPLIERS and not rest.startswith("元") and (not rest or _plausible_unit(rest)):
        return value * units.MULTIPLIERS[head], rest or None
    return value, unit or None


def _quantity(text: str) -> tuple[Decimal, str | None] | None:
    """``number unit`` → (value, unit) when the whole text is one quantity."""
    match = _QUANTITY.match(text)
    if match is None:
        return None
    token, unit = match.groups()
    if re.fullmatch(_CN_NUMBER, token) and (unit == "" and len(token) == 1 and token in "万亿点"):
        return None
    if unit and not _plausible_unit(unit) and not _plausible_unit(unit[1:]):
        return None
    try:
        value = _number(token)
    except (ValueSyntaxError, InvalidOperation):
        return None
    return _apply_multiplier(value, unit)


def _strip_suffix(text: str) -> tuple[str, Operator | None, bool]:
    for word, operator, approximate in _SUFFIX_WORDS:
        if text.endswith(word) and len(text) > len(word):
            return text[: -len(word)], operator, approximate
    return text, None, False


def _strip_prefix(text: str) -> tuple[str, Operator | None, bool]:
    for word, operator, approximate in _PREFIX_WORDS:
        if text.startswith(word) and len(text) > len(word):
            rest = text[len(word) :]
            if word == "=" and rest.startswith("="):
                rest = rest.lstrip("=")
            return rest, operator, approximate
    return text, None, False


def _iso_date(year: str | None, month: str, day: str | None) -> str | None:
    m = int(month)
    if not 1 <= m <= 12:
        return None
    d = int(day) if day else calendar.monthrange(int(year) if year else 2001, m)[1]
    if not 1 <= d <= 31:
        return None
    return f"{int(year):04d}-{m:02d}-{d:02d}" if year else f"--{m:02d}-{d:02d}"


def _date_or_deadline(written: str, text: str) -> Target | None:
    for pattern, has_year in ((_DATE_FULL, True), (_DATE_MONTH_DAY, False)):
        match = pattern.search(text)
        if match is None:
            continue
        groups: tuple[str | None, ...] = match.groups()
        year, month, day, before = groups if has_year else (None, *groups)
        iso = _iso_date(year, month or "0", day)
        if iso is not None:
            operator = Operator.LE if before or not day else Operator.EQ
            return Target(written, Kind.DATE, operator, date=iso)
    deadline = _DEADLINE.search(text)
    if deadline is not None:
        amount, unit = deadline.groups()
        try:
            days = _number(amount)
        except ValueSyntaxError:
            return None
        unit = "工作日" if unit == "个工作日" else unit
        return Target(written, Kind.DEADLINE, Operator.LE, days, unit=unit, unit_source=UnitSource.CELL)
    return None


def _with_name_unit(target: Target, name: str | None) -> Target:
    if target.value is None or target.unit is not None or target.kind is not Kind.NUMBER:
        return target
    unit = unit_in_name(name)
    if unit is None:
        return target
    return Target(
        target.text,
        target.kind,
        target.operator,
        target.value,
        target.upper,
        unit,
        UnitSource.NAME,
        target.date,
        target.approximate,
    )


def _range(written: str, text: str) -> Target | None:
    pieces = re.fullmatch(rf"({_NUMBER})\s*([^\d\-—~至到]*?)\s*{_RANGE_DASH}\s*({_NUMBER})\s*(.*)", text)
    if pieces is None:
        return None
    low_token, low_unit, high_token, high_unit = pieces.groups()
    low = _quantity(low_token + low_unit)
    high = _quantity(high_token + high_unit)
    if low is None or high is None:
        return None
    unit = high[1] or low[1]
    if low[1] and high[1] and low[1] != high[1]:
        if not units.same_dimension(low[1], high[1]):
            return None
        low = (units.convert(low[0], low[1], high[1]), high[1])
    return Target(written, Kind.NUMBER, Operator.RANGE, low[0], high[0], unit, UnitSource.CELL if unit else None)


@lru_cache(maxsize=16384)
def parse_target(written: str | None, *, name: str | None = None) -> Target | None:
    """Parse a target cell. Empty cells give None; anything unreadable is a qualitative target.

    ``name`` is the 三级指标 name: its bracketed unit (（万元）, （%）) applies when the cell has none.
    """
    if written is None:
        return None
    written = written.strip()
    text = normalize(written)
    if is_blank(text):
        return None
    if _PERIOD.match(text):
        return Target(written, Kind.PERIOD)
    tolerance = _TOLERANCE.match(text)
    if tolerance is not None and len(tolerance.group(1)) <= MAX_NUMBER_CHARS:
        return Target(
            written,
            Kind.TOLERANCE,
            Operator.LE,
            _number(tolerance.group(1)),
            unit=tolerance.group(2),
            unit_source=UnitSource.CELL if tolerance.group(2) else None,
        )
    timed = _date_or_deadline(written, text)
    if timed is not None:
        return timed
    ranged = _range(written, text)
    if ranged is not None:
        return _with_name_unit(ranged, name)
    return _with_name_unit(_comparison(written, text), name)


def _comparison(written: str, text: str) -> Target:
    body, operator, approximate = _strip_prefix(text)
    body, suffix_operator, suffix_approximate = _strip_suffix(body)
    quantity = _quantity(body)
    if quantity is None:
        return Target(written, Kind.QUALITATIVE)
    value, unit = quantity
    return Target(
        written,
        Kind.NUMBER,
        operator or suffix_operator or Operator.EQ,
        value,
        unit=unit,
        unit_source=UnitSource.CELL if unit else None,
        approximate=approximate or suffix_approximate,
    )


def format_target(target: Target) -> str:
    """Write a target back as text in the canonical half-width form (≥2400人, 90-95%, 2024年12月31日前)."""
    if target.kind is Kind.DATE and target.date:
        return _format_date(target.date, before=target.operator is Operator.LE)
    if target.value is None:
        return target.text
    unit = target.unit if target.unit_source is not UnitSource.NAME and target.unit else ""
    value = decimal_text(target.value, trim=False)
    if target.kind is Kind.DEADLINE:
        return f"{value}{target.unit or '日'}内"
    if target.kind is Kind.TOLERANCE:
        return f"±{value}{unit}"
    if target.operator is Operator.RANGE and target.upper is not None:
        return f"{value}{unit}-{decimal_text(target.upper, trim=False)}{unit}"
    symbol = {
        Operator.GE: "≥",
        Operator.GT: ">",
        Operator.LE: "≤",
        Operator.LT: "<",
        Operator.EQ: "=",
        None: "",
    }[target.operator]
    if target.approximate and target.operator is Operator.EQ:
        symbol = "约"
    return f"{symbol}{value}{unit}"


def _format_date(iso: str, *, before: bool) -> str:
    year, month, day = iso.rsplit("-", 2)
    text = f"{int(year)}年" if year != "-" else ""
    return f"{text}{int(month)}月{int(day)}日{'前' if before else ''}"
