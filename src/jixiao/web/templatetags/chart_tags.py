"""The 统计 page's chart tables: every row at once, not one template node per cell (a department's page shows some
hundreds of cells)."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..services.dashboard import Chart

register = template.Library()


@register.filter
def chart_body(chart: Chart) -> SafeString:
    """The rows of ``chart``'s table: the category as the row's header, then a cell per series (each escaped)."""
    rows = (
        '<tr><th scope="row">{}</th>{}</tr>'.format(
            escape(str(row[0])), "".join(f"<td>{escape(str(value))}</td>" for value in row[1:])
        )
        for row in chart.rows()
    )
    return mark_safe("".join(rows))  # every text in it is escaped above
