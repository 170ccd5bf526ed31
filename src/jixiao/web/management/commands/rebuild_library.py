"""``manage.py rebuild_library [FILES…]``: put every published table of the system into the 指标库."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.batch import expand
from jixiao.errors import JixiaoError
from jixiao.library import build_library

from ...services import library


class Command(BaseCommand):
    help = (
        "重新生成指标库（JIXIAO_LIBRARY_PATH）：放入本系统每张已公开的目标表；给出文件或文件夹时，先用这些表"
        "（已公开的目标表、自评表）重建语料部分。人工整理（推荐、合并、停用）保留。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="语料：目标表、自评表文件或文件夹")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["files"]:
                built = build_library(expand(options["files"]), library.path())
                for skipped in built.skipped:
                    self.stderr.write(f"跳过：{skipped.reason}")
            found = library.rebuild()
        except JixiaoError as error:
            raise CommandError(str(error)) from None
        tables = len({o.source for o in found.observations if o.source.startswith(library.SOURCE_PREFIX)})
        self.stdout.write(
            f"指标库 {library.path()}：{len(found.observations)} 个三级指标（本系统 {tables} 张已公开的目标表），"
            f"{len(found.entries())} 个条目。"
        )
