"""Charts of the analytics results, as PNG and SVG (matplotlib, no display needed), with a CJK font.

The font is the first of :data:`CJK_FONTS` that is installed (Debian: ``fonts-noto-cjk``); without one,
:func:`cjk_font` returns None and `jixiao analyze` says the charts' Chinese text cannot be drawn and draws none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .queries import Result

CJK_FONTS = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC",
)  # fmt: skip
FORMATS = ("png", "svg")
#: Bars of one chart at most (the largest groups).
MAX_BARS = 15


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _figure(title: str, bars: int) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    font = cjk_font()
    if font is not None:
        matplotlib.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
        matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG
    figure, axes = pyplot.subplots(figsize=(10, max(3.0, 0.45 * bars + 1.5)), layout="constrained")
    axes.set_title(title)
    return figure, axes


def _share(values: Sequence[Any]) -> list[float]:
    return [0.0 if value is None or value != value else float(value) for value in values]


def _horizontal(result: Result, label: str, value: str, xlabel: str, reference: float | None = None) -> Any:
    rows = [row for row in result.rows if row[0] != "合计"][:MAX_BARS]
    names = [str(row[result.columns.index(label)]) for row in rows][::-1]
    values = _share([row[result.columns.index(value)] for row in rows])[::-1]
    figure, axes = _figure(result.title, len(rows))
    axes.barh(names, values, color="#3b6ea8")
    if reference is not None:
        axes.axvline(reference, color="#b03a2e", linewidth=1)
    axes.set_xlabel(xlabel)
    return figure


def _grouped(result: Result, label: str, series: Sequence[tuple[str, str]], ylabel: str, percent: bool) -> Any:
    rows = result.rows[: MAX_BARS + 1]
    names = [str(row[result.columns.index(label)]) for row in rows]
    figure, axes = _figure(result.title, 9)
    width = 0.8 / len(series)
    for index, (column, legend) in enumerate(series):
        values = _share([row[result.columns.index(column)] for row in rows])
        axes.bar([i + index * width for i in range(len(rows))], values, width, label=legend)
    axes.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(rows))], names, rotation=30, ha="right")
    axes.set_ylabel(ylabel)
    if percent:
        from matplotlib.ticker import PercentFormatter

        axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.legend()
    return figure


def _ambition(result: Result) -> Any:
    label = result.columns[0]
    return _horizontal(result, label, "目标/上年 中位数", "目标值 / 上年完成值（中位数；1 = 与上年持平）", 1.0)


def _grades(result: Result) -> Any:
    figure = _grouped(result, "等级", (("公布占比", "公布"), ("按规则占比", "按规则")), "占比", True)
    axes = figure.axes[0]
    for index, limit in enumerate(result.column("限额占比")):
        if limit is not None:
            axes.hlines(float(limit), index - 0.4, index + 0.8, colors="#b03a2e", linestyles="dashed")
    return figure


DRAWERS: dict[str, Callable[[Result], Any]] = {
    "ambition_by_department": _ambition,
    "ambition_by_level1": _ambition,
    "ambition_by_level2": _ambition,
    "vague_share": lambda r: _grouped(
        r, "部门", (("定性占比", "定性"), ("模糊用语占比", "模糊用语"), ("缺失占比", "缺失")), "占指标数", True
    ),
    "frequent_findings": lambda r: _horizontal(r, "代码", "次数", "次数"),
    "score_breaches": lambda r: _horizontal(r, "项目名称", "差额", "公布总分 − 按规则总分（分）", 0.0),
    "grade_distribution": _grades,
    "coverage": lambda r: _grouped(
        r, "部门", (("目标完整（资金）", "目标完整"), ("已自评（资金）", "已自评"), ("已公开（资金）", "已公开")),
        "按资金加权的项目占比", True,
    ),
}  # fmt: skip


def draw(result: Result, folder: Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """The result's chart in ``folder`` as ``KEY.png`` / ``KEY.svg``; nothing for an empty result."""
    drawer = DRAWERS.get(result.key)
    if drawer is None or not result.rows:
        return []
    from matplotlib import pyplot

    figure = drawer(result)
    written = []
    try:
        for suffix in formats:
            path = folder / f"{result.key}.{suffix}"
            figure.savefig(path, dpi=150)
            written.append(path)
    finally:
        pyplot.close(figure)
    return written
