"""The 指标库: names grouped, typical targets from real tables, curation kept through a rebuild."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.batch import expand
from jixiao.errors import InputError
from jixiao.library import build_library, group_of, merge, name_key, open_library, project_kind, recommend, retire
from jixiao.library.entries import quantile
from testdata import DATA, SEED

#: The tables the repository keeps in its own layouts: the clean review tables, a 自评表, the unseen tables.
STABLE = [DATA / "review" / "clean", DATA / "selfeval", DATA / "unseen"]
#: All its real tables: those, the corpus transcriptions (more of them read as the readers learn), samples, seed.
SOURCES = [DATA / "corpus", DATA / "samples", *STABLE, SEED]
SATISFACTION = "服务对象满意度指标|全部|服务对象满意度"


def _built(factory: pytest.TempPathFactory, sources: list[Path]) -> Path:
    out = factory.mktemp("library") / "指标库.sqlite"
    build_library(expand(sources), out)
    return out


@pytest.fixture(scope="module")
def library_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory, SOURCES)


@pytest.fixture(scope="module")
def stable_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory, STABLE)


def test_names_fold_numbering_brackets_and_synonyms() -> None:
    assert name_key("指标1：服务对象满意率（%）") == "服务对象满意度"
    assert group_of("群众满意度") == group_of("受益农户满意度") == "服务对象满意度"
    assert group_of("参培学员满意度") == "参训人员满意度"
    assert group_of("利润总额（万元）") == "利润总额"


def test_project_kind_from_the_name() -> None:
    assert project_kind("2024年基层干部培训") == "培训"
    assert project_kind("城区供水管网改造工程") == "工程建设"
    assert project_kind("农机购置补贴") == "设备购置"  # the first kind whose words the name has
    assert project_kind("国有资本经营预算") == "其他"


def test_quartiles_interpolate_between_neighbours() -> None:
    values = [Decimal(v) for v in ("85", "90", "90", "90", "90", "95")]
    assert [quantile(values, Decimal(p) / 4) for p in (1, 2, 3)] == [Decimal("90"), Decimal("90"), Decimal("90")]
    assert quantile([Decimal(1), Decimal(2)], Decimal("0.25")) == Decimal("1.25")


def test_built_from_real_tables_with_the_unreadable_ones_named(library_file: Path) -> None:
    library = open_library(library_file)
    (refused,) = [s for s in library.skipped if s.source.endswith("035_a.tsv")]
    assert "第3行：找不到指标表头行" in refused.reason  # a 部门整体 budget block without indicators
    assert all("第" in s.reason for s in library.skipped if s.source.endswith(".tsv"))
    assert len({o.source for o in library.observations}) >= 30


def test_suggest_a_satisfaction_indicator_gives_the_satisfaction_names_and_their_typical_target(
    stable_file: Path,
) -> None:
    library = open_library(stable_file)
    first, *others = library.suggest("群众满意度", level2="满意度")
    entry = first.entry
    assert entry.key == SATISFACTION and first.score == 1.0
    assert dict(entry.names) == {"受益农户满意度": 3, "受益居民满意度": 1, "群众满意度": 1}
    (typical,) = entry.typical  # water_2025 ≥85%; ≥90% in construction, subsidy, quyu_2023, water_2025
    assert (typical.unit, typical.count, typical.q1, typical.median, typical.q3, typical.minimum, typical.maximum) == (
        "%", 5, Decimal("90"), Decimal("90"), Decimal("90"), Decimal("85"), Decimal("90"),
    )  # fmt: skip
    assert entry.operators == ((">=", 5),)
    assert (entry.evaluated, entry.met, entry.met_rate) == (1, 1, Decimal("100.0"))  # quyu_2023: 96% against ≥90%
    assert {s.entry.group for s in others} == {"参训人员满意度", "来电群众满意度", "使用部门满意度", "就诊患者满意度"}


def test_with_the_corpus_the_satisfaction_entry_gathers_every_unit_s_name(library_file: Path) -> None:
    (first, *_) = open_library(library_file).suggest("群众满意度", level2="满意度")
    names = dict(first.entry.names)
    assert {"受益农户满意度", "受益居民满意度", "群众满意度", "人民群众满意度", "受益群众满意度"} <= set(names)
    assert names["人民群众满意度"] >= 1  # 031_a (乐山 井研县) writes ≥ | 95 | % in three cells
    (typical,) = first.entry.typical
    assert (typical.unit, typical.median, typical.minimum, typical.maximum) == (
        "%", Decimal("90"), Decimal("85"), Decimal("95"),
    )  # fmt: skip


def test_suggest_by_level2_and_kind(library_file: Path) -> None:
    library = open_library(library_file)
    names = [s.entry.group for s in library.suggest("培训", level2="数量指标")]
    assert "培训人次" in names and "举办培训班期数" in names
    (training,) = [s.entry for s in library.suggest("培训人次", level2="数量", kind="培训")]
    assert training.key == "数量指标|培训|培训人次" and training.typical[0].median == Decimal("600")
    assert library.suggest("培训人次", level2="质量指标") == []


def test_curation_recommend_merge_retire_and_keep_through_a_rebuild(library_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "lib.sqlite"
    copy.write_bytes(library_file.read_bytes())
    library = open_library(copy)
    visitors = "服务对象满意度指标|其他|游客满意度"
    main = "服务对象满意度指标|工程建设|服务对象满意度"
    library = merge(library, visitors, main)
    merged = library.entry(main)
    assert "游客满意度(≥**%)" in dict(merged.names) and visitors in merged.merged
    assert library.entry(visitors).key == main  # a merged key leads to where it went
    library = recommend(library, main)
    assert library.entries()[0].recommended
    library = retire(library, "数量指标|培训|培训人次")
    assert "数量指标|培训|培训人次" not in {e.key for e in library.entries("培训")}
    rebuilt = build_library([DATA / "review" / "clean" / "training.txt", DATA / "review" / "clean" / "subsidy.txt"],
                            copy)  # fmt: skip
    assert "数量指标|培训|培训人次" not in {e.key for e in rebuilt.entries("培训")}
    assert rebuilt.curation[main].recommended
    with pytest.raises(InputError, match="没有条目"):
        recommend(rebuilt, "数量指标|培训|不存在的指标")


def test_a_file_that_is_not_a_library_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(InputError, match="不是指标库文件"):
        open_library(other)
    text = tmp_path / "a.sqlite"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="不是指标库文件"):
        open_library(text)
    with pytest.raises(InputError, match="不存在"):
        open_library(tmp_path / "missing.sqlite")


def test_a_build_that_reads_nothing_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "lib.sqlite"
    with pytest.raises(InputError, match="没有读到任何指标"):
        build_library([DATA / "corpus" / "transcribed" / "035_a.tsv"], out)
    assert list(tmp_path.iterdir()) == []


def test_a_table_read_twice_counts_once(tmp_path: Path) -> None:
    copy = tmp_path / "copy.tsv"
    copy.write_bytes((DATA / "corpus" / "transcribed" / "011_a.tsv").read_bytes())  # a 自评表 without a project name
    library = build_library([DATA / "corpus" / "transcribed" / "011_a.tsv", copy], tmp_path / "lib.sqlite")
    (entry,) = [e for e in library.entries() if e.group == "完成2021年吕梁山护工培训任务"]
    assert (entry.count, entry.tables, entry.evaluated, entry.met) == (1, 1, 1, 0)  # 12166名 of 12500名
