"""The review rules (JX-C, JX-N, JX-M, JX-R), one module per rule named after its code; importing registers them."""

from ...rules import discover

discover(__name__, __path__)
