"""The one registry of rules: every rule set registered, discovered and selected the same way.

A code is ``JX-`` + a group letter + three digits and is never reused. A rule set is a package whose modules each
hold one rule, named after its code (``r001_target_below_prior.py`` holds JX-R001); importing the package
registers them (:func:`discover`). Selection takes codes, prefixes (``JX-C``, ``JX-C0``) or group names (完整性).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..profile import Profile
from .base import Rule, Subject

#: Group letter → group name: review groups first, then the score audit, monitoring and cross-year checks.
GROUPS: dict[str, str] = {
    "C": "完整性",
    "N": "规范性",
    "M": "可衡量性",
    "R": "合理性",
    "S": "自评复核",
    "K": "运行监控",
    "Y": "跨年度",
}
#: The rule sets: packages of rule modules. A new rule set is one more line here.
RULE_PACKAGES = ("jixiao.review.rules", "jixiao.scoring.rules", "jixiao.years.rules")

CODE = re.compile(r"^JX-([A-Z])(\d{3})$")
MODULE = re.compile(r"^([a-z])(\d{3})_[a-z0-9_]+$")

RuleClass = type[Rule[Any, Any]]
REGISTRY: dict[str, RuleClass] = {}
#: Subject → how its typed settings are built from a profile (registered by the rule sets' settings modules).
SETTINGS: dict[Subject, Callable[[Profile], object]] = {}


def group_of(code: str) -> str:
    match = CODE.match(code)
    if match is None:
        raise ValueError(f"not a rule code: {code}")
    return GROUPS[match.group(1)]


def register(rule: RuleClass) -> RuleClass:
    """Class decorator: add a rule to the registry, refusing malformed or reused codes and misnamed modules."""
    match = CODE.match(rule.code)
    if match is None or match.group(1) not in GROUPS:
        raise ValueError(f"{rule.__name__}: malformed rule code {rule.code!r}")
    if rule.code in REGISTRY and REGISTRY[rule.code] is not rule:
        raise ValueError(f"{rule.__name__}: code {rule.code} already used by {REGISTRY[rule.code].__name__}")
    module = rule.__module__.rpartition(".")[2]
    named = MODULE.match(module)
    if named is None or f"JX-{named.group(1).upper()}{named.group(2)}" != rule.code:
        raise ValueError(f"{rule.__name__}: {rule.code} must live in a module named {rule.code[3].lower()}"
                         f"{rule.code[4:]}_<problem>.py, not {module}.py")  # fmt: skip
    REGISTRY[rule.code] = rule
    return rule


def settings_builder(subject: Subject) -> Callable[[Callable[[Profile], Any]], Callable[[Profile], Any]]:
    """Decorator: the function that builds ``subject``'s typed settings from a profile."""

    def add(builder: Callable[[Profile], Any]) -> Callable[[Profile], Any]:
        SETTINGS[subject] = builder
        return builder

    return add


def discover(package: str, path: Iterable[str]) -> None:
    """Import every module of a rule-set package (called from the package's ``__init__``)."""
    for module in pkgutil.iter_modules(path):
        importlib.import_module(f"{package}.{module.name}")


def load() -> None:
    """Import every rule set, so the registry is the same however it was reached."""
    for name in RULE_PACKAGES:
        importlib.import_module(name)


def _matches(code: str, selector: str) -> bool:
    selector = selector.strip()
    if selector in GROUPS.values():
        return group_of(code) == selector
    return code.startswith(selector.upper())


def select(
    selectors: Iterable[str] | None = None, ignore: Iterable[str] | None = None, *, subject: Subject | None = None
) -> list[RuleClass]:
    """The registered rules chosen by code, prefix or group, in code order; all when ``selectors`` is None."""
    load()
    wanted, unwanted = list(selectors or []), list(ignore or [])
    return [
        REGISTRY[code]
        for code in sorted(REGISTRY)
        if (subject is None or REGISTRY[code].subject is subject)
        and (not wanted or any(_matches(code, s) for s in wanted))
        and not any(_matches(code, s) for s in unwanted)
    ]


def settings_for(profile: Profile, subject: Subject) -> Any:
    """``subject``'s typed settings under ``profile``, built once per resolved profile."""
    key = ("settings", subject)
    if key not in profile.cache:
        load()
        profile.cache[key] = SETTINGS[subject](profile)
    return profile.cache[key]


def rules_for(
    profile: Profile, subject: Subject, selectors: Iterable[str] | None = None, ignore: Iterable[str] = ()
) -> tuple[Rule[Any, Any], ...]:
    """The chosen rules of ``subject`` bound to ``profile``'s settings, built once per profile and selection."""
    chosen = tuple(selectors) if selectors is not None else None
    key = ("rules", subject, chosen, tuple(ignore))
    if key not in profile.cache:
        settings = settings_for(profile, subject)
        profile.cache[key] = tuple(rule(settings) for rule in select(chosen, ignore, subject=subject))
    rules: tuple[Rule[Any, Any], ...] = profile.cache[key]
    return rules


def bind_references(rules: Iterable[Rule[Any, Any]], references: dict[str, object]) -> tuple[Rule[Any, Any], ...]:
    """The rules that can run with ``references``: those needing none as they are, the others bound to them."""
    bound: list[Rule[Any, Any]] = []
    for rule in rules:
        if not rule.requires:
            bound.append(rule)
        elif (ready := rule.bind(references)) is not None:
            bound.append(ready)
    return tuple(bound)
