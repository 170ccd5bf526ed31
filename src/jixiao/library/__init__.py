"""指标库 (indicator library): the 三级指标 real tables use, grouped, with their typical targets.

``build_library(files, out)`` reads every table in ``files`` into a library file (SQLite, see ``store``);
``open_library(path)`` reads it back; ``Library.suggest`` finds entries for a name being typed; ``recommend``,
``merge`` and ``retire`` are finance's curation, kept through rebuilds; ``refresh_tables`` puts the tables a
system holds into a library beside its corpus.
"""

from .catalog import (
    Library,
    Suggestion,
    build_library,
    library_from_tables,
    merge,
    open_library,
    recommend,
    refresh_tables,
    retire,
)
from .entries import Entry, Typical, entry_dict, entry_key
from .names import group_of, name_key, project_kind
from .observe import Observation, Skipped

__all__ = [
    "Entry",
    "Library",
    "Observation",
    "Skipped",
    "Suggestion",
    "Typical",
    "build_library",
    "entry_dict",
    "entry_key",
    "group_of",
    "library_from_tables",
    "merge",
    "name_key",
    "open_library",
    "project_kind",
    "recommend",
    "refresh_tables",
    "retire",
]
