"""The score-audit (自评复核, JX-S) and monitoring (运行监控, JX-K) rules, one module per rule named after its code;
importing this package registers them."""

from ...rules import discover

discover(__name__, __path__)
