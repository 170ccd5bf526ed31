"""``python -m jixiao.web.manage verify_audit``: is the audit trail whole and unchanged?

Exit 0 when every entry is in its place with its hash, 1 (and one line per problem) when an entry was deleted,
changed or inserted, or a table's state or versions are not what its trail says.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Max

from ... import audit_chain
from ...models import AuditEntry, Status, TableRecord, TableVersion


def links() -> Iterator[audit_chain.Link]:
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
        yield audit_chain.Link(entry.pk, entry.chain_fields(), entry.created_at, entry.previous_hash, entry.entry_hash)


def table_problems() -> list[str]:
    """Tables whose state or newest version the trail does not account for (its newest entries removed)."""
    states: dict[int, str] = {}
    versions: dict[int, int] = {}
    table_entries = AuditEntry.objects.filter(table__isnull=False).order_by("sequence")
    for table_id, number, diff in table_entries.values_list("table_id", "version_number", "diff"):
        states.setdefault(table_id, Status.DRAFT)
        for change in diff if isinstance(diff, list) else []:
            if isinstance(change, dict) and change.get("field") == "status":
                states[table_id] = str(change.get("after"))
        versions[table_id] = max(versions.get(table_id, 0), number or 0)
    newest = dict(TableVersion.objects.values("record").annotate(n=Max("number")).values_list("record", "n"))
    problems = []
    for record in TableRecord.objects.only("pk", "status", "year", "project_name"):
        if record.pk not in states:
            problems.append(f"目标表 {record.pk}（{record}）：没有任何审计记录")
            continue
        if states[record.pk] != record.status:
            told = Status(states[record.pk]).label if states[record.pk] in Status.values else states[record.pk]
            problems.append(
                f"目标表 {record.pk}（{record}）：状态为“{record.get_status_display()}”，审计记录却止于“{told}”"
            )
        if versions[record.pk] != newest.get(record.pk, 0):
            problems.append(
                f"目标表 {record.pk}（{record}）：有第 {newest.get(record.pk, 0)} 版，"
                f"审计记录却只记到第 {versions[record.pk]} 版"
            )
    return problems


class Command(BaseCommand):
    help = "核验审计记录的哈希链：发现删除、改动或缺漏时逐条列出，退出码为 1"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="序号:哈希",
            help="此前记下的某条记录的序号和哈希（可多次给出）：核验链仍到达该条且未被改写",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        anchors = dict(self._anchor(text) for text in options["anchor"])
        problems = []
        seen: dict[int, str] = {}
        chain_problems, head = audit_chain.verify(self._remember(links(), anchors, seen))
        problems += [str(p) for p in chain_problems]
        for sequence, expected in sorted(anchors.items()):
            if sequence not in seen:
                problems.append(f"第 {sequence} 条：记下的这一条已不在审计链中（其后的记录被删除）")
            elif seen[sequence] != expected:
                problems.append(f"第 {sequence} 条：哈希与记下的不同（审计链被改写过）")
        problems += table_problems()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"审计记录核验未通过：{len(problems)} 处问题", returncode=1)
        if head is None:
            self.stdout.write("审计记录为空。")
        else:
            self.stdout.write(
                f"审计记录完整：共 {head.sequence} 条，链首（第 {head.sequence} 条）哈希 {head.entry_hash}\n"
                f"可记下“{head.sequence}:{head.entry_hash}”，日后用 --anchor 核验此前的记录未被删改。"
            )

    @staticmethod
    def _remember(
        chain: Iterator[audit_chain.Link], anchors: dict[int, str], seen: dict[int, str]
    ) -> Iterator[audit_chain.Link]:
        for link in chain:
            if link.sequence in anchors:
                seen[link.sequence] = link.entry_hash
            yield link

    @staticmethod
    def _anchor(text: str) -> tuple[int, str]:
        sequence, _, digest = text.partition(":")
        if not sequence.strip().isdecimal() or len(digest.strip()) != 64:
            raise CommandError(f"--anchor 须写成“序号:哈希”（哈希 64 位），收到“{text}”")
        return int(sequence), digest.strip().lower()
