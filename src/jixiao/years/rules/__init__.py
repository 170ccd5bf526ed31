"""The cross-year rules (跨年度, JX-Y), one module per rule named after its code; importing this package registers
them."""

from ...rules import discover

discover(__name__, __path__)
