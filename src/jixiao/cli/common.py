"""Shared pieces of the CLI commands: output format option, error exit."""

from __future__ import annotations

from enum import StrEnum
from typing import NoReturn

import typer

from ..errors import JixiaoError


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def fail(error: JixiaoError) -> NoReturn:
    """Print a user error on one line and exit with code 2."""
    typer.echo(f"错误：{error}", err=True)
    raise typer.Exit(2)
