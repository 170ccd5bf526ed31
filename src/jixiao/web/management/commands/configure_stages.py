"""``python -m jixiao.web.manage configure_stages``: show or set a finance office's review chain (审核流程).

Without ``--stage`` it shows the chain. Each ``--stage 名称:角色`` is one stage, in order: the first is the unit's
submission, the last the publication, those between reviews. The role is a code (``unit_lead``) or its Chinese
name (单位负责人). ``--by`` names the 财政 reviewer or administrator the change is audited under::

    configure_stages --by finance --stage 单位负责人审核:单位负责人 \
        --stage 财政复审:财政审核人 --stage 财政公开:财政审核人
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...models import DEFAULT_CHAIN, FinanceOffice, Role, Step
from ...services import stages

ROLES = {**{role.value: role.value for role in Role}, **{str(role.label): role.value for role in Role}}


def parsed(texts: list[str]) -> list[tuple[str, str, str]]:
    """``名称:角色`` per stage, as (name, role, step): submission first, publication last, reviews between."""
    rows = []
    for position, text in enumerate(texts):
        name, colon, role = text.replace("：", ":").rpartition(":")
        if not colon or not name.strip():
            raise CommandError(f"第 {position + 1} 个阶段“{text}”：请写成“名称:角色”，如“财政复审:财政审核人”")
        if role.strip() not in ROLES:
            known = "、".join(str(r.label) for r in Role)
            raise CommandError(f"第 {position + 1} 个阶段“{text}”：没有“{role.strip()}”这个角色（可用：{known}）")
        step = Step.SUBMIT if position == 0 else Step.PUBLISH if position == len(texts) - 1 else Step.REVIEW
        rows.append((name.strip(), ROLES[role.strip()], str(step)))
    return rows


class Command(BaseCommand):
    help = "查看或设置财政部门的审核流程：首个阶段为单位提交，末个为公开，其间为审核"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", help="财政部门名称（只有一个时可省略）")
        parser.add_argument("--stage", action="append", default=[], metavar="名称:角色", help="一个阶段，按顺序给出")
        parser.add_argument("--default", action="store_true", help="恢复默认流程（单位负责人→主管部门→财政→公开）")
        parser.add_argument("--by", help="办理人的用户名（财政审核人或管理员），记入审计记录")

    def handle(self, *args: Any, **options: Any) -> None:
        office = self._office(options["office"])
        if not options["stage"] and not options["default"]:
            for stage in stages.chain(office):
                self.stdout.write(
                    f"{stage.position + 1}. {stage.name}（{Role(stage.role).label} · {Step(stage.step).label}）"
                )
            return
        if options["stage"] and options["default"]:
            raise CommandError("--stage 与 --default 只能二选一")
        wanted = list(DEFAULT_CHAIN) if options["default"] else parsed(options["stage"])
        actor = get_user_model().objects.filter(username=options["by"] or "", is_active=True).first()
        if actor is None:
            raise CommandError(f"没有启用的用户“{options['by'] or ''}”：请用 --by 指定办理的财政审核人或管理员")
        try:
            stages.configure(office, wanted, actor=actor)
        except PermissionDenied:
            raise CommandError(f"用户“{actor.username}”无权设置审核流程（须为财政审核人或管理员）") from None
        except stages.ChainRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(f"已设置{office.name}的审核流程：{stages.described(stages.chain(office))}")

    def _office(self, name: str | None) -> FinanceOffice:
        offices = FinanceOffice.objects.filter(name=name) if name else FinanceOffice.objects.all()
        found = list(offices[:2])
        if not found:
            raise CommandError(f"没有财政部门“{name}”" if name else "还没有财政部门")
        if len(found) > 1:
            raise CommandError("有多个财政部门：请用 --office 指定")
        return found[0]
