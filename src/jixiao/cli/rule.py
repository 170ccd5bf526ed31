"""`jixiao rule [CODE]`: a rule's documentation, or the list of rules matching a prefix or group."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import JixiaoError
from ..rules import REGISTRY, group_of, load, select
from ..rules.catalog import rule_text
from .common import fail


def rule(
    code: Annotated[
        str | None, typer.Argument(help="规则代码（JX-R001）、前缀（JX-R）或分组（合理性）；不填则列出全部")
    ] = None,
) -> None:
    """查看审核规则的说明：检查内容、为什么是问题、反例、正例和依据。"""
    load()
    if code is not None and code.strip().upper() in REGISTRY:
        typer.echo(rule_text(REGISTRY[code.strip().upper()]))
        return
    chosen = select([code] if code else None)
    if not chosen:
        fail(JixiaoError(f"没有代码、前缀或分组为“{code}”的规则；运行 jixiao rule 查看全部"))
    for item in chosen:
        typer.echo(f"{item.code}  {item.severity.value:<7}  {group_of(item.code):<5}  {item.title}")
