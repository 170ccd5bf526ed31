"""The score audit (自评复核, JX-S…) and monitoring (运行监控, JX-K…) rules, one module per rule.

Importing this package registers them in the shared catalog (:mod:`jixiao.review.registry`).
"""

from . import (
    jx_k001_missing_deviation,
    jx_k002_execution_behind,
    jx_k003_forecast_misses_target,
    jx_k004_forecast_execution_low,
    jx_k005_progress_not_reported,
    jx_k006_indicator_behind,
    jx_s001_score_above_weight,
    jx_s002_full_on_shortfall,
    jx_s003_docked_met_target,
    jx_s004_score_not_by_rule,
    jx_s005_over_execution,
    jx_s006_blank_execution_score,
    jx_s007_execution_score_mismatch,
    jx_s008_rate_misprinted,
    jx_s009_total_not_sum,
    jx_s010_grade_mismatch,
    jx_s011_missing_deviation,
    jx_s012_missing_actual,
    jx_s013_blank_score,
    jx_s014_coarser_rounding,
    jx_s015_unit_mismatch,
    jx_s016_weights_not_100,
)

__all__ = [
    "jx_k001_missing_deviation",
    "jx_k002_execution_behind",
    "jx_k003_forecast_misses_target",
    "jx_k004_forecast_execution_low",
    "jx_k005_progress_not_reported",
    "jx_k006_indicator_behind",
    "jx_s001_score_above_weight",
    "jx_s002_full_on_shortfall",
    "jx_s003_docked_met_target",
    "jx_s004_score_not_by_rule",
    "jx_s005_over_execution",
    "jx_s006_blank_execution_score",
    "jx_s007_execution_score_mismatch",
    "jx_s008_rate_misprinted",
    "jx_s009_total_not_sum",
    "jx_s010_grade_mismatch",
    "jx_s011_missing_deviation",
    "jx_s012_missing_actual",
    "jx_s013_blank_score",
    "jx_s014_coarser_rounding",
    "jx_s015_unit_mismatch",
    "jx_s016_weights_not_100",
]
