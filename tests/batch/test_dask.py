"""`jixiao batch --engine dask`: the per-file work on a Dask LocalCluster gives the local engine's dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.batch.run import run_batch
from jixiao.batch.summary import connect
from jixiao.cli.app import app
from testdata import SAMPLES, SEED

pytest.importorskip("distributed")

DATASETS = {
    "tables": "file_seq, table_index",
    "indicators": "table_id, position",
    "findings": "table_id, position",
    "scores": "table_id",
    "files": "file_seq",
}


def rows(dataset: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = connect(dataset)
    try:
        return {
            name: connection.execute(f"SELECT * FROM {name} ORDER BY {order}").fetchall()
            for name, order in DATASETS.items()
        }
    finally:
        connection.close()


def test_dask_local_cluster_gives_the_same_dataset(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    for sample in ("003_a.tsv", "004_a.tsv", "038_a.tsv"):
        shutil.copy(SAMPLES / sample, folder / sample)
    (folder / "broken.txt").write_bytes(b"\x00\x01 not a table")
    local = run_batch([folder], tmp_path / "local", jobs=1)
    dask = run_batch([folder], tmp_path / "dask", jobs=2, engine="dask")
    assert (dask.files, dask.tables, dask.unreadable) == (local.files, local.tables, local.unreadable) == (5, 9, 1)
    ours, theirs = rows(tmp_path / "local"), rows(tmp_path / "dask")
    assert {name: len(found) for name, found in theirs.items()}["tables"] == 9
    assert ours == theirs


def test_a_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["batch", str(SEED), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--engine dask" in result.output
