"""The audit trail as a hash chain (审计链): each entry carries the SHA-256 of the one before it.

An entry's hash covers its canonical serialisation — its fields as JSON with sorted keys, no spaces, UTF-8, the
time in UTC to the microsecond — and the previous entry's hash. Changing an entry changes its hash, so the next
entry no longer points at it; deleting one leaves a gap in the sequence numbers and a broken link. Removing the
newest entries leaves no gap: :func:`verify` also checks every table's state and versions against its trail,
and an anchor (a sequence number and its hash, noted down elsewhere) proves the chain still reaches that far.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The hash the first entry points back to.
GENESIS = "0" * 64
#: The fields an entry's hash covers, beside the previous entry's hash.
HASHED_FIELDS = ("sequence", "table_id", "version_number", "actor_id", "actor_name", "action", "comment", "diff")
#: Fields added later, covered when they hold a value (so the entries written before them keep their hashes).
HASHED_WHEN_SET = ("subject_id",)


def canonical(fields: Mapping[str, Any], created_at: dt.datetime, previous_hash: str) -> bytes:
    """The bytes an entry's hash is taken over."""
    document = {name: fields[name] for name in HASHED_FIELDS}
    document.update({name: fields[name] for name in HASHED_WHEN_SET if fields.get(name) is not None})
    document["created_at"] = created_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    document["previous_hash"] = previous_hash
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(fields: Mapping[str, Any], created_at: dt.datetime, previous_hash: str) -> str:
    return hashlib.sha256(canonical(fields, created_at, previous_hash)).hexdigest()


@dataclass(frozen=True)
class Problem:
    """One break in the chain, for the person checking it."""

    sequence: int | None
    message: str

    def __str__(self) -> str:
        where = f"第 {self.sequence} 条" if self.sequence is not None else "审计链"
        return f"{where}：{self.message}"


@dataclass(frozen=True)
class Link:
    """What :func:`verify` reads of one stored entry."""

    pk: int
    fields: Mapping[str, Any]
    created_at: dt.datetime
    previous_hash: str
    entry_hash: str

    @property
    def sequence(self) -> int:
        return int(self.fields["sequence"])


def verify(links: Iterable[Link]) -> tuple[list[Problem], Link | None]:
    """Walk the entries in sequence order: the problems found, and the last entry (the chain's head)."""
    problems: list[Problem] = []
    expected_sequence, expected_previous = 1, GENESIS
    last: Link | None = None
    for link in links:
        if link.sequence > expected_sequence:
            missing = link.sequence - expected_sequence
            span = f"第 {expected_sequence} 条" if missing == 1 else f"第 {expected_sequence}–{link.sequence - 1} 条"
            problems.append(Problem(link.sequence, f"前面缺少 {missing} 条记录（{span}已被删除）"))
        elif link.sequence < expected_sequence:
            problems.append(Problem(link.sequence, "序号重复"))
        if link.previous_hash != expected_previous:
            problems.append(Problem(link.sequence, "与前一条记录的哈希对不上（前一条被删除或改动过）"))
        if digest(link.fields, link.created_at, link.previous_hash) != link.entry_hash:
            problems.append(Problem(link.sequence, f"内容与其哈希不符（记录 id {link.pk} 被改动过）"))
        expected_sequence, expected_previous = link.sequence + 1, link.entry_hash
        last = link
    return problems, last
