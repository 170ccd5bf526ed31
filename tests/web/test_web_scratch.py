"""Uploads written for the readers are removed on every path out — and when the worker dies mid-read, by the
next process to start reading."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_web_imports import SEED, upload

from jixiao.web.services import scratch

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


@pytest.fixture
def scratch_root(settings: Any, tmp_path: Path) -> Path:
    settings.JIXIAO_SCRATCH_DIR = str(tmp_path / "scratch")
    return tmp_path / "scratch"


def leftovers(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.parent != root or not path.is_dir())


def test_the_file_goes_when_reading_ends_or_fails(scratch_root: Path) -> None:
    with scratch.on_disk(b"abc", ".txt") as path:
        assert path.read_bytes() == b"abc" and path.parent.parent.parent == scratch_root
    assert not path.exists() and not path.parent.exists()
    with pytest.raises(RuntimeError), scratch.on_disk(b"abc") as path:
        raise RuntimeError("a reader failed")
    assert not path.parent.exists()
    assert leftovers(scratch_root) == []


KILLED_MID_READ = """
import os, signal, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
os.environ["JIXIAO_SCRATCH_DIR"] = sys.argv[1]
django.setup()
from jixiao.web.services import scratch
with scratch.on_disk(b"half-read upload", ".xlsx") as path:
    print(path, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_what_a_killed_worker_left_is_removed_by_the_next(scratch_root: Path, tmp_path: Path) -> None:
    env = {**os.environ, "JIXIAO_DATA_DIR": str(tmp_path)}
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MID_READ, str(scratch_root)], env=env, capture_output=True, text=True
    )
    assert killed.returncode == -signal.SIGKILL
    left = Path(killed.stdout.strip())
    assert left.read_bytes() == b"half-read upload"  # no clean-up ran in the killed process
    with scratch.on_disk(b"next upload") as path:  # this process's first read sweeps
        assert path.exists()
    assert not left.exists() and not left.parent.parent.exists()
    assert [folder.name.split("-")[0] for folder in scratch_root.iterdir()] == [str(os.getpid())]


def test_a_living_workers_folder_is_kept(scratch_root: Path) -> None:
    living = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        scratch_root.mkdir(parents=True)
        theirs = scratch_root / f"{living.pid}-abcd1234"
        (theirs / "upload-x").mkdir(parents=True)
        scratch.sweep()
        assert theirs.exists()
    finally:
        living.kill()
        living.wait()
    assert scratch.sweep() == [theirs] and not theirs.exists()


def test_no_upload_leaves_a_file_behind(scratch_root: Path, users: dict[str, Any], client_for: Any) -> None:
    client = client_for("clerk")
    files = [("seed.txt", SEED.read_bytes()), ("x.exe", b"MZ\x90\x00binary")]
    files += [(path.name, path.read_bytes()) for path in sorted(HOSTILE.iterdir())[:5]]
    statuses = []
    for name, content in files:
        response = upload(client, name, content)
        if response.status_code == 302:  # stored: the preview reads it
            response = client.get(response["Location"])
        statuses.append(response.status_code)
    assert statuses[:2] == [200, 400] and len(statuses) == 7
    assert leftovers(scratch_root) == []
