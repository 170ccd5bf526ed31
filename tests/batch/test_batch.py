"""`jixiao batch`: every table of every file into a Parquet dataset DuckDB reads back; summaries; resume."""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.batch import FileJob, digest_of, process_file
from jixiao.batch.dataset import DatasetLocked, DatasetWriter
from jixiao.batch.run import run_batch
from jixiao.batch.summary import connect, summary_rows
from jixiao.cli.app import app
from testdata import SAMPLES, SEED

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    tmp_path = tmp_path / "tables"
    tmp_path.mkdir()
    shutil.copy(SEED, tmp_path / "seed.txt")
    shutil.copy(SAMPLES / "004_a.tsv", tmp_path / "huanggang.tsv")
    shutil.copy(SAMPLES / "038_a.tsv", tmp_path / "huangshi.tsv")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "broken.txt").write_bytes(b"\x00\x01 not a table")
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    return tmp_path


def query(dataset: Path, sql: str) -> list[tuple[object, ...]]:
    connection = connect(dataset)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_dataset_holds_every_table_of_every_kind(folder: Path, tmp_path: Path) -> None:
    dataset = tmp_path / "out"
    stats = run_batch([folder], dataset)
    assert (stats.files, stats.tables, stats.unreadable) == (4, 8, 1)
    assert query(dataset, "SELECT kind, count(*) FROM tables GROUP BY kind ORDER BY kind") == [
        ("monitor", 1), ("selfeval", 1), ("target", 6),
    ]  # fmt: skip
    # the seed's first table: 国有资本经营预算项目, 12 indicators, six warnings; the 7th a ≥100000 万元 target
    [(name, indicators, warnings)] = query(
        dataset, "SELECT project_name, indicators, warnings FROM tables WHERE file LIKE '%seed.txt' AND table_index = 0"
    )
    assert (name, indicators, warnings) == ("国有资本经营预算项目", 12, 6)
    [(operator, value, unit)] = query(
        dataset,
        "SELECT operator, target_value, target_unit FROM indicators JOIN tables USING (table_id)"
        " WHERE file LIKE '%seed.txt' AND table_index = 0 AND position = 6",
    )
    assert (operator, value, unit) == (">=", Decimal("100000"), "万元")
    second_codes = query(
        dataset,
        "SELECT code, severity FROM findings JOIN tables USING (table_id)"
        " WHERE file LIKE '%seed.txt' AND table_index = 1 AND code = 'JX-C003'",
    )
    assert second_codes == [("JX-C003", "error")]
    # the 黄冈 self-evaluation re-scored under hubei: 100.00 against a published 99.6
    [(profile, total, grade, published)] = query(
        dataset, "SELECT profile, total, grade, published_total FROM scores JOIN tables USING (table_id) "
        "WHERE kind = 'selfeval'",
    )  # fmt: skip
    assert (profile, total, grade, published) == ("hubei", Decimal("100"), "优", Decimal("99.6"))
    assert query(dataset, "SELECT code FROM findings JOIN tables USING (table_id) WHERE kind = 'selfeval'") == [
        ("JX-S003",)
    ]
    [(status, message)] = query(dataset, "SELECT status, message FROM files WHERE file LIKE '%broken.txt'")
    assert status == "error" and "不是文本文件" in str(message)


def test_parallel_run_gives_the_same_dataset(folder: Path, tmp_path: Path) -> None:
    run_batch([folder], tmp_path / "one", jobs=1)
    run_batch([folder], tmp_path / "two", jobs=2)
    sql = "SELECT * FROM indicators JOIN tables USING (table_id) ORDER BY file_seq, table_index, position"
    assert query(tmp_path / "one", sql) == query(tmp_path / "two", sql)
    [(indicators,)] = query(tmp_path / "two", "SELECT sum(indicators) FROM tables")
    assert len(query(tmp_path / "one", sql)) == indicators == 60


def test_one_profile_for_all(folder: Path) -> None:
    path = folder / "huanggang.tsv"
    result = process_file(FileJob(0, str(path), digest_of(path)), "national")
    assert [t["profile"] for t in result.tables] == ["national"]
    assert [s["total"] for s in result.scores] == [Decimal("100.00")]


def test_resume_skips_files_already_written_and_drops_half_written_parts(folder: Path, tmp_path: Path) -> None:
    dataset = tmp_path / "out"
    run_batch([folder / "seed.txt"], dataset)
    # a flush interrupted before its files part was renamed into place: its other parts do not count
    orphan = dataset / "tables" / "part-interrupted-00000.parquet"
    shutil.copy(next((dataset / "tables").glob("part-*.parquet")), orphan)
    stats = run_batch([folder], dataset)
    assert (stats.skipped, stats.tables) == (1, 2)
    assert not orphan.exists()
    assert query(dataset, "SELECT count(*), count(DISTINCT table_id) FROM tables") == [(8, 8)]
    assert query(dataset, "SELECT count(*) FROM files") == [(4,)]


def test_a_copy_of_a_file_is_listed_as_a_duplicate(folder: Path, tmp_path: Path) -> None:
    shutil.copy(folder / "seed.txt", folder / "seed-copy.txt")
    stats = run_batch([folder], tmp_path / "out")
    assert (stats.duplicates, stats.tables) == (1, 8)
    # seed-copy.txt sorts first, so seed.txt is the copy
    assert query(tmp_path / "out", "SELECT file, status FROM files WHERE status = 'duplicate'") == [
        (str(folder / "seed.txt"), "duplicate")
    ]


def test_a_second_run_on_the_same_dataset_is_refused(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path / "out", profile="auto"), pytest.raises(DatasetLocked):
        DatasetWriter(tmp_path / "out", profile="auto")


def test_another_profile_or_a_foreign_folder_is_refused(folder: Path, tmp_path: Path) -> None:
    run_batch([folder / "seed.txt"], tmp_path / "out")
    result = runner.invoke(app, ["batch", str(folder), "--dataset", str(tmp_path / "out"), "--profile", "hubei"])
    assert result.exit_code == 2 and "配置 auto" in result.output
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "notes.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(folder), "--dataset", str(tmp_path / "foreign")])
    assert result.exit_code == 2 and "不是空的" in result.output


def test_a_folder_with_no_file_to_read_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "empty" / ".cache").mkdir(parents=True)
    (tmp_path / "empty" / ".cache" / "seed.txt").write_text("x", encoding="utf-8")  # hidden: not read
    result = runner.invoke(app, ["batch", str(tmp_path / "empty"), "--dataset", str(tmp_path / "out")])
    assert result.exit_code == 2 and "文件夹里没有文件（以 . 开头的文件和文件夹不读）" in result.output
    assert str(tmp_path / "empty") in result.output and not (tmp_path / "out").exists()


def test_cli_writes_the_dataset_and_csv_json_and_xlsx(folder: Path, tmp_path: Path) -> None:
    for suffix in (".csv", ".json", ".xlsx"):
        out = tmp_path / f"summary{suffix}"
        result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--dataset", str(tmp_path / "ds")])
        assert result.exit_code == 1, result.output
        assert "4 个文件：目标表 6，自评表 1，监控表 1，无法读取 1" in result.output
        assert "broken.txt" in result.output
    assert "4 个文件已在数据集中，跳过" in result.output
    with (tmp_path / "summary.csv").open(encoding="utf-8-sig") as handle:
        records = list(csv.DictReader(handle))
    assert [r["类型"] for r in records].count("目标表") == 6
    assert records[0]["项目名称"] == "水土保持监测" and records[0]["公布得分"] == "99.6"
    assert records[0]["得分"] == "100" and records[-1]["类型"] == "无法读取"
    document = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert document["tables"][0]["codes"] == ["JX-S003"]
    assert document["tables"][-1]["kind"] == "error"
    sheet = load_workbook(tmp_path / "summary.xlsx").active
    assert sheet is not None and sheet.max_row == 10 and sheet["C2"].value == "水土保持监测"
    assert [row.kind for row in summary_rows(tmp_path / "ds")].count("target") == 6


def test_clean_batch_exits_0(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "003_a.tsv", tmp_path / "putuo.tsv")
    assert runner.invoke(app, ["batch", str(tmp_path)]).exit_code == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["batch", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(app, ["batch", str(SEED), "--out", str(tmp_path / "x.pdf")]).exit_code == 2
    assert runner.invoke(app, ["batch", str(SEED), "--engine", "spark"]).exit_code == 2


def test_duckdb_reads_the_folder_without_jixiao(folder: Path, tmp_path: Path) -> None:
    run_batch([folder], tmp_path / "out")
    pattern = str(tmp_path / "out" / "tables" / "*.parquet")
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{pattern}')").fetchall() == [(8,)]


def test_a_value_the_number_columns_cannot_hold_is_left_empty_not_rounded() -> None:
    from jixiao.batch.schema import fitted, table_of

    assert fitted(Decimal("335033.29")) == Decimal("335033.2900000000")
    assert fitted(Decimal("0.12345678901")) is None
    assert fitted(Decimal("1e30")) is None
    assert fitted("text") == "text"
    values = [Decimal("2.4E+3"), Decimal("0.12345678901"), Decimal("1e30"), Decimal("NaN"), None]
    stored = table_of("indicators", [{"table_id": "t", "target_value": v} for v in values])
    assert stored.column("target_value").to_pylist() == [Decimal("2400.0000000000"), None, None, None, None]


def test_rows_become_columns_in_the_schema_order_whatever_their_keys_order() -> None:
    from jixiao.batch.schema import FILES, table_of

    full = {"tables": 2, "file": "a.txt", "file_digest": "d1", "file_seq": 0, "status": "ok", "message": None,
            "row": None, "same_as": None}  # fmt: skip
    short = {"file": "b.txt", "file_digest": "d2", "file_seq": 1, "status": "error", "message": "坏了", "tables": 0}
    stored = table_of("files", [full, full | {"file": "c.txt", "file_seq": 2}])
    assert stored.schema == FILES
    assert stored.to_pylist()[1] == full | {"file": "c.txt", "file_seq": 2}
    assert stored.column("file").to_pylist() == ["a.txt", "c.txt"]
    stored = table_of("files", [full, short])  # a row without some columns: empty there
    assert stored.to_pylist()[1] == short | {"row": None, "same_as": None}
    assert table_of("files", []).num_rows == 0


WORKER_WITHOUT_EXTRAS = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pyarrow", "duckdb", "distributed", "dask", "matplotlib"):
            raise ImportError("not installed: " + name)
sys.meta_path.insert(0, Block())
from pathlib import Path
from jixiao.batch import FileJob, digest_of
from jixiao.batch.engines import process_files
path = Path(sys.argv[1])
[result] = process_files([FileJob(0, str(path), digest_of(path))], "auto")
print(len(result.tables), len(result.indicators))
"""


def test_the_per_file_work_needs_neither_pyarrow_nor_dask() -> None:
    """What a Dask worker runs imports only the core and the readers (``jixiao[formats]``)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", WORKER_WITHOUT_EXTRAS, str(SEED)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["6", "53"]


def test_a_file_is_read_once_for_its_hash_and_its_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes read to hash a file are the ones its tables are read from: the file is not opened again."""
    from jixiao.batch import records

    path = tmp_path / "seed.txt"
    shutil.copy(SEED, path)
    data, digest = records.read_and_digest(path)
    assert data == SEED.read_bytes()
    assert digest == digest_of(path)
    path.unlink()  # gone after its hash: read from the bytes kept with the job
    result = process_file(FileJob(0, str(path), digest, data))
    assert result.error is None
    assert (len(result.tables), len(result.indicators)) == (6, 53)
    assert process_file(FileJob(0, str(path), digest)).error == f"{path}：文件不存在"
    monkeypatch.setattr(records, "MAX_FILE_BYTES", 100)  # past the limit: hashed in pieces, the bytes not kept
    shutil.copy(SEED, path)
    assert records.read_and_digest(path) == (None, digest)


def test_jobs_sent_to_worker_processes_leave_their_bytes_behind(folder: Path) -> None:
    from jixiao.batch.engines import _chunks

    jobs = [FileJob(i, str(path), digest_of(path), path.read_bytes()) for i, path in enumerate(folder.glob("*.t*"))]
    [chunk] = _chunks(jobs, 8)
    assert [job.data for job in chunk] == [None] * len(jobs)
    assert [(job.seq, job.path, job.digest) for job in chunk] == [(job.seq, job.path, job.digest) for job in jobs]


def test_totals_count_every_run_into_the_dataset(folder: Path, tmp_path: Path) -> None:
    """The totals the command ends with, from the Parquet parts: the same as DuckDB finds in the dataset."""
    from jixiao.batch.totals import totals

    dataset = tmp_path / "out"
    run_batch([folder / "seed.txt"], dataset, rows_per_part=3)  # several parts, then a resumed run
    (folder / "sub" / "empty.txt").write_bytes(b"")
    shutil.copy(folder / "huanggang.tsv", folder / "a-copy.tsv")  # huanggang.tsv is then the duplicate
    run_batch([folder], dataset, rows_per_part=3)
    found = totals(dataset, top=3, unreadable=1)
    assert found.files == 6
    assert found.kinds == {"target": 6, "selfeval": 1, "monitor": 1, "error": 2, "duplicate": 1}
    assert found.kinds == dict(
        query(dataset, "SELECT kind, count(*) FROM tables GROUP BY kind")
        + query(dataset, "SELECT status, count(*) FROM files WHERE status <> 'ok' GROUP BY status")
    )
    by_count = "SELECT code, count(*) AS n FROM findings GROUP BY code ORDER BY n DESC, code LIMIT 3"
    assert found.codes == query(dataset, by_count)
    assert found.flagged
    assert found.unreadable == [(str(folder / "sub" / "broken.txt"), query(dataset, "SELECT message FROM files "
                                 "WHERE file LIKE '%broken.txt'")[0][0])]  # fmt: skip
    assert [file for file, _why in totals(dataset).unreadable] == [
        str(folder / "sub" / "broken.txt"), str(folder / "sub" / "empty.txt"),
    ]  # fmt: skip


def test_totals_of_a_clean_dataset_are_not_flagged(tmp_path: Path) -> None:
    from jixiao.batch.totals import totals

    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLES / "003_a.tsv", tmp_path / "in" / "putuo.tsv")
    run_batch([tmp_path / "in"], tmp_path / "out")
    found = totals(tmp_path / "out")
    assert query(tmp_path / "out", "SELECT sum(errors + warnings) FROM tables") == [(0,)]
    assert (found.flagged, found.files, found.unreadable) == (False, 1, [])
    assert found.kinds == {"selfeval": 1}


def test_folders_are_expanded_in_path_order_without_hidden_files_or_linked_folders_below_them(tmp_path: Path) -> None:
    from jixiao.batch import expand

    for name in ("a/b/y.txt", "a/x.txt", "a-c/w.txt", ".h/z.txt", "a/.q.txt", "top.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "a")  # a folder linked: not followed (its files are listed once)
    (tmp_path / "a" / "top-link.txt").symlink_to(tmp_path / "top.txt")  # a file linked: a file
    found = [path.relative_to(tmp_path).as_posix() for path in expand([tmp_path])]
    assert found == ["a/b/y.txt", "a/top-link.txt", "a/x.txt", "a-c/w.txt", "top.txt"]
    # a folder named is read whatever its path: a hidden one, or one reached through ..
    assert expand([tmp_path / ".h", tmp_path / "top.txt"]) == [tmp_path / ".h" / "z.txt", tmp_path / "top.txt"]
    assert expand([tmp_path / "a-c" / ".." / "a" / "b"]) == [tmp_path / "a-c" / ".." / "a" / "b" / "y.txt"]
