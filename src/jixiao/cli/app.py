"""`jixiao` — the Typer application. Each command lives in its own module and registers here."""

from __future__ import annotations

import gc
import sys

import typer

from ..errors import JixiaoError
from . import analyze as analyze_command
from . import batch as batch_command
from . import convert as convert_command
from . import library as library_command
from . import monitor as monitor_command
from . import parse as parse_command
from . import review as review_command
from . import rule as rule_command
from . import score as score_command
from . import serve as serve_command
from . import template as template_command
from . import years as years_command

app = typer.Typer(
    name="jixiao",
    help="绩效：读取、审核、评分项目支出绩效目标表、自评表和监控表。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("parse")(parse_command.parse)
app.command("review")(review_command.review)
app.command("rule")(rule_command.rule)
app.command("score")(score_command.score_command)
app.command("monitor")(monitor_command.monitor_command)
app.command("convert")(convert_command.convert)
app.add_typer(template_command.app, name="template")
app.command("batch")(batch_command.batch)
app.command("analyze")(analyze_command.analyze)
app.command("serve")(serve_command.serve)
app.add_typer(library_command.app, name="library")
app.command("diff")(years_command.diff)
app.command("history")(years_command.history)


@app.callback()
def _root() -> None:
    """绩效：读取、审核、评分项目支出绩效目标表、自评表和监控表。"""


#: Collector thresholds of the command's own process: a file of thousands of tables makes millions of small
#: objects, and Python's default (a young collection every 700) walks them again and again. The library leaves
#: the collector alone; the command owns its process.
GC_THRESHOLDS = (50_000, 20, 100)


def main() -> None:
    """Entry point: run the app; a JixiaoError becomes one line on stderr and exit code 2."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        app()
    except JixiaoError as error:
        typer.echo(f"错误：{error}", err=True)
        sys.exit(2)
