"""Scratch space for the readers: a folder per worker process, and what dead workers left behind removed.

An upload is written to disk for the readers inside a temporary folder that goes when the reading ends, on every
path out. A worker killed mid-read (``kill -9``, out of memory, a timeout of the WSGI server) runs no clean-up, so
each process works under ``JIXIAO_SCRATCH_DIR/<pid>-<token>/``, and the first process to need scratch space after
a start removes the folders of processes that are no longer alive.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

_lock = threading.Lock()
_mine: dict[tuple[int, str], Path] = {}


def root() -> Path:
    return Path(settings.JIXIAO_SCRATCH_DIR)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def sweep() -> list[Path]:
    """Remove the folders of processes that have ended; the folders removed."""
    removed = []
    for folder in root().iterdir() if root().is_dir() else ():
        pid_text = folder.name.partition("-")[0]
        if not pid_text.isdecimal() or int(pid_text) == os.getpid() or _alive(int(pid_text)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def process_folder() -> Path:
    """This process's scratch folder, made (and the dead ones swept) on first use."""
    key = (os.getpid(), str(root()))
    with _lock:
        folder = _mine.get(key)
        if folder is None or not folder.is_dir():
            root().mkdir(mode=0o700, parents=True, exist_ok=True)
            sweep()
            folder = root() / f"{os.getpid()}-{secrets.token_hex(4)}"
            folder.mkdir(mode=0o700)
            _mine[key] = folder
    return folder


@contextmanager
def on_disk(content: bytes, suffix: str = "") -> Iterator[Path]:
    """``content`` as a file in a temporary folder, for the readers; the folder goes when the block ends."""
    with tempfile.TemporaryDirectory(prefix="upload-", dir=process_folder()) as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        yield path
