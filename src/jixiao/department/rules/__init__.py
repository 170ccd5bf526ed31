"""The department-wide rules (部门整体, JX-D), one module per rule named after its code; importing this package
registers them."""

from ...rules import discover

discover(__name__, __path__)
