"""Rounding, done once per score, as the profile says (2 decimals half-up by default)."""

from __future__ import annotations

from decimal import Decimal

from .settings import ScoringSettings


def round_score(value: Decimal, settings: ScoringSettings) -> Decimal:
    """``value`` rounded to the profile's places and mode: 8.625 → 8.63 (half-up, 2 places)."""
    return value.quantize(Decimal(1).scaleb(-settings.places), rounding=settings.rounding)


def places_of(value: Decimal) -> int:
    """Decimal places as written: 19.6 → 1, 20 → 0, 8.62 → 2."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def same_score(published: Decimal, correct: Decimal, tolerance: Decimal) -> bool:
    return abs(published - correct) <= tolerance


def coarser_rounding(published: Decimal, correct: Decimal, settings: ScoringSettings) -> bool:
    """True when ``published`` is ``correct`` rounded to fewer places than the profile's (8.62 → 8.6 or 9)."""
    places = places_of(published)
    if places >= settings.places:
        return False
    return published == correct.quantize(Decimal(1).scaleb(-places), rounding=settings.rounding)
