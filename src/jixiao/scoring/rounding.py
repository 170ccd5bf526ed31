"""Rounding, done once per score, as the profile says (2 decimals half-up by default).

Scores are computed as exact fractions (actual/target × weight × the rescaling factor) and rounded
here once, so that a half-way case is decided on the exact value: 2.983/8.74 × 2.3 = 0.785 → 0.79,
where 28-digit decimal arithmetic would carry 0.78499… and round it down.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from .settings import ScoringSettings


def round_score(value: Decimal | Fraction, settings: ScoringSettings) -> Decimal:
    """``value`` rounded to the profile's places and mode: 8.625 → 8.63 (half-up, 2 places)."""
    if isinstance(value, Fraction):
        return round_exact(value, settings.places, settings.rounding)
    return value.quantize(Decimal(1).scaleb(-settings.places), rounding=settings.rounding)


def round_exact(value: Fraction, places: int, mode: str) -> Decimal:
    """An exact fraction rounded to ``places`` decimals: half-up (away from zero), half-even or down."""
    denominator = value.denominator
    whole, rest = divmod(abs(value.numerator) * 10**places, denominator)
    twice = 2 * rest
    if mode == ROUND_DOWN:
        up = False
    elif mode == ROUND_HALF_EVEN:
        up = twice > denominator or (twice == denominator and whole % 2 == 1)
    else:
        up = twice >= denominator
    whole += int(up)
    return Decimal(-whole if value.numerator < 0 else whole).scaleb(-places)


def as_decimal(value: Fraction) -> Decimal:
    """A fraction as a decimal, for display and comparison (exact when it terminates within 28 digits)."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def places_of(value: Decimal) -> int:
    """Decimal places as written: 19.6 → 1, 20 → 0, 8.62 → 2."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def same_score(published: Decimal, correct: Decimal, tolerance: Decimal) -> bool:
    return abs(published - correct) <= tolerance


def coarser_rounding(
    published: Decimal, correct: Decimal, settings: ScoringSettings, exact: Fraction | None = None
) -> bool:
    """True when ``published`` is the score rounded to fewer places than the profile's (8.62 → 8.6 or 9).

    The exact score, when known, is rounded afresh: 8.445 is 8.4 to one place, though 8.45 to two.
    """
    places = places_of(published)
    if places >= settings.places:
        return False
    if exact is not None:
        return published == round_exact(exact, places, settings.rounding)
    return published == correct.quantize(Decimal(1).scaleb(-places), rounding=settings.rounding)
