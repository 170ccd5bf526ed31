"""The library as a whole: build it, read it, look an indicator up, suggest entries, curate them.

Plain functions over a library file, so the CLI, a web page and an API call the same ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import taxonomy
from ..errors import InputError
from ..model import TargetTable
from ..values import normalize
from . import store
from .entries import ALL_KINDS, Entry, entry_key, summarise
from .names import group_of, kinds, name_key, project_kind, similarity
from .observe import Observation, Skipped, from_files, from_table
from .store import Curation

#: Fewest observations of one kind of project before its own typical values are used, not all kinds pooled.
MIN_OWN_KIND = 3


@dataclass(frozen=True)
class Suggestion:
    entry: Entry
    score: float  # how well the query matches, 0–1


@dataclass
class Library:
    """A library read from its file: entries with curation applied."""

    path: Path | None
    observations: tuple[Observation, ...]
    curation: dict[str, Curation] = field(default_factory=dict)
    skipped: tuple[Skipped, ...] = ()
    built_at: str = ""
    _entries: dict[str, Entry] = field(default_factory=dict, init=False, repr=False)
    _members: dict[str, list[Observation]] = field(default_factory=dict, init=False, repr=False)
    _pool: dict[str, Entry] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._members = _members(self.observations, self.curation)
        self._entries = {
            key: summarise(
                key,
                found,
                recommended=self.curation.get(key, Curation(key)).recommended,
                merged=_merged(self.curation, key),
            )
            for key, found in self._members.items()
            if not self.curation.get(key, Curation(key)).retired
        }

    def entries(self, kind: str | None = None) -> list[Entry]:
        """The active entries (not retired, not merged into another), recommended first, then the most used.

        With ``kind`` the entries of that kind of project; without, each 二级 and name group pooled over every kind.
        """
        chosen = [e for e in self._entries.values() if e.kind == kind] if kind else self._pooled()
        return sorted(chosen, key=lambda e: (not e.recommended, -e.count, e.key))

    def _pooled(self) -> list[Entry]:
        """Each 二级 and name group over every kind, summed once per library (curation makes a new library)."""
        if self._pool is None:
            self._pool = {entry.key: entry for entry in self._pool_entries()}
        return list(self._pool.values())

    def _pool_entries(self) -> list[Entry]:
        members: dict[str, list[Entry]] = defaultdict(list)
        for entry in self._entries.values():
            members[entry_key(entry.level2, ALL_KINDS, entry.group)].append(entry)
        pooled = []
        for key, entries in members.items():
            found = [o for entry in entries for o in self._members[entry.key]]
            merged = tuple(sorted({m for entry in entries for m in (entry.key, *entry.merged)}))
            pooled.append(summarise(key, found, recommended=any(e.recommended for e in entries), merged=merged))
        return pooled

    def entry(self, key: str) -> Entry:
        """The entry ``key`` as it is now (an entry merged into another gives that one; a pooled key its pool)."""
        resolved = self.resolve(key)
        if resolved in self._entries:
            return self._entries[resolved]
        self._pooled()
        pooled = (self._pool or {}).get(key)
        if pooled is None:
            raise InputError(f"指标库中没有条目“{key}”", file=self.path)
        return pooled

    def entry_keys(self) -> set[str]:
        """Every entry key that observations make, whatever its curation."""
        return {entry_key(o.level2, o.kind, o.group) for o in self.observations}

    def resolve(self, key: str) -> str:
        """The key of the entry that ``key`` is part of now (itself unless it was merged)."""
        return resolve(self.curation, key)

    def suggest(self, query: str, *, level2: str | None = None, kind: str | None = None,
                limit: int = 10) -> list[Suggestion]:  # fmt: skip
        """Entries whose names match ``query`` (a word of the name, or a similar name), best first."""
        wanted_level2 = level2_of(level2)
        found: list[Suggestion] = []
        for entry in self.entries(kind):
            if wanted_level2 and entry.level2 != wanted_level2:
                continue
            score = _match(query, entry)
            if score > 0:
                found.append(Suggestion(entry, score))
        found.sort(key=lambda s: (-s.score, not s.entry.recommended, -s.entry.count, s.entry.key))
        return found[:limit]

    def typical_for(self, level2: str | None, name: str, project_name: str | None) -> Entry | None:
        """The entry an indicator of a project belongs to: its own kind's when that has enough observations, else
        the same 二级 and name group pooled over every kind; None when the library has neither."""
        own_key = self.resolve(entry_key(level2, project_kind(project_name), group_of(name)))
        own = self._entries.get(own_key)
        if own is not None and own.count >= MIN_OWN_KIND:
            return own
        group = own_key.rsplit("|", 1)[1]
        self._pooled()
        return (self._pool or {}).get(entry_key(level2, ALL_KINDS, group), own)


def resolve(curation: dict[str, Curation], key: str) -> str:
    """Follow merges from ``key`` to the entry it ended up in."""
    seen = {key}
    while (decision := curation.get(key)) is not None and decision.merged_into:
        key = decision.merged_into
        if key in seen:
            break
        seen.add(key)
    return key


def _members(observations: Sequence[Observation], curation: dict[str, Curation]) -> dict[str, list[Observation]]:
    """Observations by the entry they count for now (merges followed)."""
    members: dict[str, list[Observation]] = defaultdict(list)
    for observation in observations:
        members[resolve(curation, entry_key(observation.level2, observation.kind, observation.group))].append(
            observation
        )
    return members


def _merged(curation: dict[str, Curation], key: str) -> tuple[str, ...]:
    return tuple(sorted(k for k in curation if k != key and resolve(curation, k) == key))


def level2_of(text: str | None) -> str | None:
    """A 二级 as given on the command line (数量, 数量指标, 满意度) in its canonical form."""
    if not text:
        return None
    return taxonomy.canonical_level2(text) or taxonomy.canonical_level2(text + "指标") or text


def _match(query: str, entry: Entry) -> float:
    """1 for the same group, 0.9 when the query is in a name, else the names' similarity from 0.5 up."""
    wanted = name_key(query)
    if not wanted:
        return 0.0
    if group_of(query) == entry.group:
        return 1.0
    names = [entry.group, *(name for name, _ in entry.names)]
    if any(wanted in name_key(name) for name in names):
        return 0.9
    best = max(similarity(query, name) for name in names)
    return round(best, 3) if best >= 0.5 else 0.0


def library_from_tables(tables: Iterable[TargetTable], source: str = "<tables>") -> Library:
    """A library in memory learned from ``tables`` (no file, so it cannot be curated): for tests and previews."""
    return Library(None, tuple(o for n, table in enumerate(tables) for o in from_table(table, f"{source}:{n + 1}")))


def open_library(path: str | Path) -> Library:
    """The library in the file at ``path``."""
    file = Path(path)
    stored = store.read(file)
    return Library(file, stored.observations, stored.curation, stored.skipped, stored.built_at)


def build_library(files: Iterable[Path], out: str | Path, *, profile: str = "national") -> Library:
    """Build a library from every table in ``files`` into ``out``; an existing library's curation is kept."""
    target = Path(out)
    curation: Iterable[Curation] = ()
    if target.exists():
        curation = store.read(target).curation.values()
    observations, skipped = from_files(files, profile)
    if not observations:
        reasons = "；".join(s.reason for s in skipped[:3])
        raise InputError(f"没有读到任何指标，未生成指标库{('（' + reasons + '）') if reasons else ''}", file=target)
    store.write(target, observations, skipped, curation)
    return open_library(target)


def refresh_tables(out: str | Path, tables: Iterable[tuple[str, TargetTable]], *, prefix: str) -> Library:
    """Put ``tables`` (source name → table; each name starts with ``prefix``) into the library at ``out`` in
    place of the tables it held from that prefix: what a system holds, beside a corpus built with
    :func:`build_library`. Observations from other sources, the skipped files and the curation are kept; a library
    that does not exist yet is made."""
    target = Path(out)
    kept: list[Observation] = []
    skipped: Sequence[Skipped] = ()
    curation: Iterable[Curation] = ()
    if target.exists():
        stored = store.read(target)
        kept = [o for o in stored.observations if not o.source.startswith(prefix)]
        skipped, curation = stored.skipped, stored.curation.values()
    fresh: list[Observation] = []
    for source, table in tables:
        if not source.startswith(prefix):
            raise ValueError(f"source {source!r} does not start with {prefix!r}")
        fresh.extend(from_table(table, source))
    store.write(target, [*kept, *fresh], skipped, curation)
    return open_library(target)


def _decide(library: Library, key: str, decision: Curation) -> Library:
    if key not in library.entry_keys():
        raise InputError(f"指标库中没有条目“{key}”（条目写作 二级|项目类别|指标名称，见 library suggest）",
                         file=library.path)  # fmt: skip
    if library.path is None:
        raise InputError("这个指标库没有文件，不能保存")
    store.save_curation(library.path, decision)
    return open_library(library.path)


def _current(library: Library, key: str) -> Curation:
    return library.curation.get(key, Curation(key))


def recommend(library: Library, key: str, *, recommended: bool = True) -> Library:
    """Mark entry ``key`` recommended (推荐), or take the mark away."""
    key = library.resolve(key)
    current = _current(library, key)
    return _decide(library, key, Curation(key, recommended, current.retired, current.merged_into))


def retire(library: Library, key: str, *, retired: bool = True) -> Library:
    """Retire entry ``key`` (停用): no longer suggested nor used by review; ``retired=False`` restores it."""
    current = _current(library, key)
    return _decide(library, key, Curation(key, current.recommended, retired, current.merged_into))


def merge(library: Library, key: str, into: str) -> Library:
    """Merge entry ``key`` into entry ``into``: its observations count for ``into`` from now on."""
    target = library.resolve(into)
    if target not in library.entry_keys():
        raise InputError(f"指标库中没有条目“{into}”", file=library.path)
    if library.resolve(key) == target:
        raise InputError(f"“{key}”已经是“{into}”的一部分", file=library.path)
    current = _current(library, key)
    return _decide(library, key, Curation(key, current.recommended, current.retired, target))


def kind_of(text: str | None) -> str | None:
    """A kind of project as given on the command line, checked against the known kinds."""
    if text is None:
        return None
    kind = normalize(text)
    if kind not in kinds():
        raise InputError(f"没有“{text}”这类项目（可选：{'、'.join(kinds())}）")
    return kind
