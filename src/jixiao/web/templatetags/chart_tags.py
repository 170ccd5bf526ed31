"""The 统计 page's chart tables: every row at once, not one template node per cell (a department's page shows some
hundreds of cells)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from ..services.dashboard import Chart

register = template.Library()


@register.filter
def chart_body(chart: Chart) -> SafeString:
    """The rows of ``chart``'s table: the category as the row's header, then a cell per series."""
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        ((row[0], format_html_join("", "<td>{}</td>", ((value,) for value in row[1:]))) for row in chart.rows()),
    )
