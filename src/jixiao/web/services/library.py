"""The 指标库 in the web: the library file at ``settings.JIXIAO_LIBRARY_PATH``, with the system's tables in it.

The file is a library as ``jixiao library build`` makes it (a corpus of published tables, or nothing at first);
every published 目标表 of the system is put into it (its latest published version, as source ``web:table/<pk>``)
by :func:`rebuild` — after each publication and by ``manage.py rebuild_library`` — beside what the corpus gave.
The editor's suggestions, JX-R010 in the review and finance's curation page read it; curation is finance's
(``library.curate``), each decision one audit entry. Every figure comes from :mod:`jixiao.library`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction

from jixiao.errors import InputError, JixiaoError
from jixiao.library import Library, Suggestion, entry_dict, merge, open_library, project_kind, recommend, retire
from jixiao.library import refresh_tables as _refresh_tables
from jixiao.library.catalog import MIN_OWN_KIND, level2_of
from jixiao.library.entries import ALL_KINDS, split_key
from jixiao.model import TargetTable

from .. import permissions as perms
from ..models import AuditAction, TableRecord
from . import audit, deptdata
from .tabledata import table_from_data

if TYPE_CHECKING:
    from ..accounts import User

log = logging.getLogger(__name__)

#: Where the system's tables are named in the library, apart from a corpus's files.
SOURCE_PREFIX = "web:"
#: Longest entry key kept as an indicator's mark (二级|项目类别|名称).
MARK_LENGTH = 200

_lock = threading.Lock()
_cache: dict[str, tuple[tuple[int, int], Library]] = {}


class CurationRefused(Exception):
    """A curation step that cannot be taken; the message says why."""


def path() -> Path:
    return Path(settings.JIXIAO_LIBRARY_PATH)


def current() -> Library | None:
    """The library as it is on disk now (read again when the file changed), or None without a usable file."""
    file = path()
    try:
        stat = file.stat()
    except FileNotFoundError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        cached = _cache.get(str(file))
        if cached is not None and cached[0] == stamp:
            return cached[1]
    try:
        library = open_library(file)
    except JixiaoError:
        log.exception("the library at %s cannot be read", file)
        return None
    with _lock:
        _cache[str(file)] = (stamp, library)
    return library


def source_of(record: TableRecord) -> str:
    return f"{SOURCE_PREFIX}table/{record.pk}"


def system_tables() -> Iterator[tuple[str, TargetTable]]:
    """Every published project table of the system, as its published version says it (a 部门整体 table's
    indicators are no project's, as ``jixiao library build`` reads none)."""
    records = TableRecord.objects.filter(deleted_at__isnull=True, published_version__isnull=False)
    for record in records.select_related("published_version").order_by("pk"):
        assert record.published_version is not None
        if deptdata.is_department(record.published_version.data):
            continue
        table, _problems = table_from_data(record.published_version.data)
        yield source_of(record), table


def rebuild() -> Library:
    """Put every published table of the system into the library file (made when missing); the corpus's
    observations and the curation stay."""
    library = _refresh_tables(path(), system_tables(), prefix=SOURCE_PREFIX)
    with _lock:
        _cache.pop(str(path()), None)
    return library


def rebuild_after_publication() -> None:
    """Once the publication's transaction commits: the library takes the new table. A failure is logged, not the
    publication's (the next rebuild takes it)."""

    def run() -> None:
        try:
            rebuild()
        except (OSError, JixiaoError):
            log.exception("the library at %s could not be rebuilt", path())

    transaction.on_commit(run)


#: An operator as the library stores it, as a table writes it.
SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "range": "区间"}


def sign_of(operator: str | None) -> str:
    return SIGNS.get(operator or "", operator or "")


def _placeholder(entry: Any) -> str:
    """The typical target as the editor's placeholder: 中位数 with the most used operator, e.g. ≥90%."""
    typical = entry.typical[0] if entry.typical else None
    if typical is None:
        return ""
    sign = sign_of(entry.operator) if entry.operator != "range" else ""
    return f"{sign}{_number(typical.median)}{typical.unit or ''}"


def _number(value: Any) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def suggestion_dict(suggestion: Suggestion) -> dict[str, Any]:
    """What the editor shows and fills for one entry: the library's JSON of it, with the name to write, the
    operator sign and the typical target as text."""
    entry = suggestion.entry
    return {
        **entry_dict(entry),
        "score": suggestion.score,
        "name": entry.names[0][0] if entry.names else entry.group,
        "unit": entry.unit,
        "operator": entry.operator,
        "placeholder": _placeholder(entry),
    }


def suggest(query: str, *, level2: str | None, project_name: str | None, limit: int = 8) -> list[dict[str, Any]]:
    """Entries for a 三级指标 name being typed under ``level2`` in a project, the best match first: each name group
    as the project's kind of project uses it when that kind has enough of it (as JX-R010 compares), else pooled
    over every kind; [] without a library."""
    library = current()
    if library is None or not query.strip():
        return []
    kind = project_kind(project_name)
    own = {
        (s.entry.level2, s.entry.group): s for s in library.suggest(query, level2=level2, kind=kind, limit=limit * 2)
    }
    found: list[Suggestion] = []
    for pooled in library.suggest(query, level2=level2, limit=limit * 2):
        mine = own.pop((pooled.entry.level2, pooled.entry.group), None)
        found.append(mine if mine is not None and mine.entry.count >= MIN_OWN_KIND else pooled)
    found.extend(own.values())
    found.sort(key=lambda s: (-s.score, s.entry.kind != kind, not s.entry.recommended, -s.entry.count))
    return [suggestion_dict(s) for s in found[:limit]]


def mark_of(text: str | None) -> str:
    """An indicator's library mark as posted by the editor: an entry key (二级|项目类别|名称), else ""."""
    mark = (text or "").strip()
    if len(mark) > MARK_LENGTH or mark.count("|") < 2:
        return ""
    return mark


def mark_label(mark: str) -> str:
    """A mark as the page says it: 取自指标库：满意度指标 · 服务对象满意度."""
    level2, kind, group = split_key(mark)
    where = "" if kind == ALL_KINDS else f"（{kind}类项目）"
    return f"取自指标库：{level2 or '—'} · {group}{where}"


def entries_by_level2(library: Library) -> list[tuple[str, list[Any]]]:
    """The active entries pooled over every kind, per 二级 (in the taxonomy's order as the library gives them)."""
    grouped: dict[str, list[Any]] = {}
    for entry in library.entries():
        grouped.setdefault(entry.level2 or "（未写二级指标）", []).append(entry)
    return sorted(grouped.items(), key=lambda item: (-sum(e.count for e in item[1]), item[0]))


def merged_into(library: Library, entry: Any) -> list[str]:
    """The entries finance merged into ``entry`` (not the kinds of project a pooled entry sums)."""
    return [key for key in entry.merged if (decision := library.curation.get(key)) and decision.merged_into]


def retired_entries(library: Library) -> list[str]:
    return sorted(key for key, decision in library.curation.items() if decision.retired)


def _pooled_keys(library: Library, key: str) -> list[str]:
    """The entries a key of the curation page stands for: a pooled key (全部) its every kind's entry."""
    level2, kind, group = split_key(key)
    if kind != ALL_KINDS:
        return [key]
    wanted = level2_of(level2)
    found = sorted(k for k in library.entry_keys() if split_key(k)[0] == wanted and split_key(k)[2] == group)
    if not found:
        raise CurationRefused(f"指标库中没有条目“{key}”")
    return found


def curate(actor: User, action: str, key: str, *, into: str = "", undo: bool = False) -> Library:
    """One curation decision by finance — ``recommend``, ``retire`` (``undo`` takes it back) or ``merge`` ``key``
    into ``into`` — applied to every kind's entry of a pooled key, and audited once."""
    perms.require(actor, perms.LIBRARY)
    library = current()
    if library is None:
        raise CurationRefused("还没有指标库：请先生成（manage.py rebuild_library）")
    if action not in ("recommend", "retire", "merge"):
        raise CurationRefused("未知的整理操作")
    if action == "merge" and not into.strip():
        raise CurationRefused("请选择要并入的条目")
    keys = _pooled_keys(library, key)
    targets = _pooled_keys(library, into) if action == "merge" else []
    label = {"recommend": "推荐", "retire": "停用", "merge": "合并"}[action]
    change = {"field": f"library.{action}", "entry": key, "before": undo if action != "merge" else None,
              "after": into if action == "merge" else not undo}  # fmt: skip
    comment = f"指标库{'取消' if undo else ''}{label}：{key}" + (f" 并入 {into}" if action == "merge" else "")
    try:
        with transaction.atomic():
            audit.record_account(actor=actor, action=AuditAction.LIBRARY, comment=comment, diff=[change])
            for one in keys:
                if action == "recommend":
                    library = recommend(library, one, recommended=not undo)
                elif action == "retire":
                    library = retire(library, one, retired=not undo)
                else:
                    library = merge(library, one, _target(one, targets))
    except InputError as error:
        raise CurationRefused(error.message) from None
    with _lock:
        _cache.pop(str(path()), None)
    return library


def _target(key: str, targets: list[str]) -> str:
    """The entry ``key`` goes into: the target's entry of the same kind of project, else its first."""
    kind = split_key(key)[1]
    return next((t for t in targets if split_key(t)[1] == kind), targets[0])
