"""What the cross-year rules (跨年度, JX-Y) read from a profile: the satisfaction line of review, and the scoring
settings that say whether a 自评 target was met."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..profile import Profile
from ..rules import Subject, settings_builder, settings_for
from ..scoring.settings import ScoringSettings

#: Years running a target met at 100 % and never changed before it is called too easy (JX-Y002).
STREAK_YEARS = 3


@dataclass(frozen=True)
class HistorySettings:
    satisfaction_minimum: Decimal  # review.satisfaction_minimum
    scoring: ScoringSettings  # the scoring section, to judge a 自评 line met or not
    streak_years: int = STREAK_YEARS


@settings_builder(Subject.HISTORY)
def history_settings(profile: Profile) -> HistorySettings:
    review = settings_for(profile, Subject.TARGET)
    return HistorySettings(review.satisfaction_minimum, settings_for(profile, Subject.SELFEVAL))
