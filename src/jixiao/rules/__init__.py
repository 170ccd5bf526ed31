"""The rule framework: one base class, one registry, one catalog for every rule set.

Review rules (JX-C/N/M/R, over target tables), the score audit (JX-S, over scored self-evaluations) and the
monitoring checks (JX-K, over monitoring sheets) are rule sets on it, written, registered, documented
(``jixiao rule CODE``, ``docs/rules.md``) and tested (``tests/rules/JX-xxxx.yaml``) the same way.
"""

from .base import Rule, SettingsView, Subject, UndeclaredSetting, reads
from .registry import (
    GROUPS,
    REGISTRY,
    RULE_PACKAGES,
    bind_references,
    discover,
    group_of,
    load,
    register,
    rules_for,
    select,
    settings_builder,
    settings_for,
)

__all__ = [
    "GROUPS",
    "REGISTRY",
    "RULE_PACKAGES",
    "Rule",
    "SettingsView",
    "Subject",
    "UndeclaredSetting",
    "bind_references",
    "discover",
    "group_of",
    "load",
    "reads",
    "register",
    "rules_for",
    "select",
    "settings_builder",
    "settings_for",
]
