"""Reading a file in a child process bounded in memory and time, so that a hostile file cannot take down the
process that serves other users.

Some libraries cannot be bounded from Python: a corrupted sector chain in an ``.xls`` makes calamine ask for
gigabytes and the Rust runtime aborts the whole process; a compressed PDF stream can expand past any memory.
:func:`read_isolated` hands the file to a small reading server, started once per process, that forks one child
per file. The child — forked from a single-threaded server, so forking is safe even when the caller is a threaded
web server — limits its address space (:data:`~jixiao.io.limits.MAX_READER_MEMORY`), reads, and sends back the
grids or the reader's :class:`~jixiao.errors.JixiaoError`. A child that dies or runs past
:data:`~jixiao.io.limits.MAX_READ_SECONDS` becomes one clean :class:`InputError`; the caller carries on.

A scan (kind ``scan``) is read by OCR, which needs more: the model's memory (:data:`~jixiao.io.limits.MAX_SCAN_MEMORY`)
and time by the page. Its child reports each page as it finishes; the time limit
(:data:`~jixiao.io.limits.MAX_SCAN_PAGE_SECONDS`) starts again at each report, so a long scan is not cut off while
one stuck page is, and the caller can show the progress.

Where no such server can run (no ``fork`` on the platform) the reader runs in this process with the in-process
checks only; ``JIXIAO_ISOLATE_READERS=0`` chooses that too, for profiling and debugging.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path
from typing import Any

from ..errors import InputError, JixiaoError, LayoutError
from ..grid import Grid
from .limits import MAX_READ_SECONDS, MAX_READER_MEMORY, MAX_SCAN_MEMORY, MAX_SCAN_PAGE_SECONDS
from .pdf import NoTextLayer

#: Peak resident memory (KB) of the child that read the last file in this process, for the fuzzing statistics.
last_peak_kb = 0
#: CPU seconds the last read's child used (the fuzzing suite's measure of time, which a busy machine does not inflate).
last_cpu_seconds = 0.0
_SERVER_MAIN = "import sys; from jixiao.io.isolation import serve; serve(sys.argv[1])"


class ReaderCrash(InputError):
    """A reader failed in a way no check of its own caught: shown to the user as one line, counted by the fuzzer."""


_ERRORS: dict[str, type[JixiaoError]] = {
    "InputError": InputError,
    "LayoutError": LayoutError,
    "NoTextLayer": NoTextLayer,
    "ReaderCrash": ReaderCrash,
}
#: Kinds read page by page, reporting progress: (pages done, pages in all).
PAGED = frozenset({"scan"})
Progress = Callable[[int, int], None]


def limits(kind: str) -> tuple[int, int]:
    """Address space (bytes) and time (seconds; for a scan, per page) allowed to the child reading ``kind``."""
    if kind in PAGED:
        return MAX_SCAN_MEMORY, MAX_SCAN_PAGE_SECONDS
    return MAX_READER_MEMORY, MAX_READ_SECONDS


def isolation_available() -> bool:
    """True when readers run in a bounded child process here."""
    return os.environ.get("JIXIAO_ISOLATE_READERS", "1") != "0" and hasattr(os, "fork") and os.name == "posix"


def read_isolated(kind: str, path: Path, *, progress: Progress | None = None) -> list[Grid]:
    """The grids the reader for ``kind`` finds in ``path``, read in a bounded child process when possible.

    ``progress`` is told after each page of a scan.
    """
    if not isolation_available():
        from .readers import read_kind

        return read_kind(kind, path, progress)
    connection = _SERVER.connect()
    try:
        child = connection.recv()
        connection.send((kind, str(path), os.getcwd()))
        return _answer(connection, child, path, kind, progress)
    finally:
        connection.close()


def _answer(connection: Connection, child: int, path: Path, kind: str, progress: Progress | None) -> list[Grid]:
    global last_peak_kb, last_cpu_seconds
    memory, seconds = limits(kind)
    while True:
        if not connection.poll(seconds):
            _kill(child)
            what = f"一页超过 {seconds} 秒仍未识别完" if kind in PAGED else f"读取超过 {seconds} 秒仍未完成"
            raise InputError(f"{what}，文件可能已损坏或内容异常", file=path)
        try:
            outcome, payload, *peak = connection.recv()
        except (EOFError, OSError):
            raise InputError(
                f"读取时所需内存超过 {memory // (1024 * 1024)} MB 的上限或读取程序异常退出，文件可能已损坏",
                file=path,
            ) from None
        if outcome != "progress":
            last_peak_kb = peak[0] if peak else 0
            last_cpu_seconds = peak[1] if len(peak) > 1 else 0.0
            break
        if progress is not None:
            progress(*payload)
    if outcome == "grids":
        grids: list[Grid] = payload
        return grids
    name, message, file, row, column = payload
    raise _ERRORS.get(name, InputError)(message, file=path if file is None else file, row=row, column=column)


def _kill(pid: int) -> None:
    with contextlib.suppress(OSError):  # it may have ended meanwhile
        os.kill(pid, signal.SIGKILL)


class _Server:
    """The reading server of this process, started on first use and again after a fork or its death."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._owner = 0
        self._address = ""
        self._folder = ""

    def connect(self) -> Connection:
        with self._lock:
            if self._process is None or self._owner != os.getpid() or self._process.poll() is not None:
                self._start()
            address = self._address
        return Client(address, family="AF_UNIX")

    def _start(self) -> None:
        self._folder = tempfile.mkdtemp(prefix="jixiao-readers-")
        self._address = os.path.join(self._folder, "socket")
        self._owner = os.getpid()
        self._process = subprocess.Popen(
            [sys.executable, "-c", _SERVER_MAIN, self._address],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # what a dying child prints (a Rust backtrace) is not for the user
            close_fds=True,
        )
        assert self._process.stdout is not None
        # standard input stays open: the server ends when this process does and the pipe closes
        if self._process.stdout.readline().strip() != b"ready":
            raise InputError("无法启动文件读取进程")
        folder = self._folder
        threading.Thread(target=self._cleanup, args=(self._process, folder), daemon=True).start()

    @staticmethod
    def _cleanup(process: subprocess.Popen[bytes], folder: str) -> None:
        process.wait()
        shutil.rmtree(folder, ignore_errors=True)


_SERVER = _Server()


def serve(address: str) -> None:  # pragma: no cover - runs in the reading server
    """Accept connections on ``address`` and fork a bounded child for each, until standard input closes."""
    from . import readers  # noqa: F401  (imported once here, shared by every child)

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    listener = Listener(address, family="AF_UNIX")
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    print("ready", flush=True)
    while True:
        try:
            connection = listener.accept()
        except OSError:
            continue  # a client that went away before it was accepted
        if os.fork() == 0:
            listener.close()
            _child(connection)
            os._exit(0)
        connection.close()


def _exit_with_parent() -> None:  # pragma: no cover - runs in the reading server
    """End the server when the process that started it ends (its end of our standard input closes)."""
    while sys.stdin.buffer.read(1):
        pass
    os._exit(0)


def _child(connection: Connection) -> None:  # pragma: no cover - runs in a forked child
    import resource

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    connection.send(os.getpid())
    kind, path, folder = connection.recv()
    memory, _seconds = limits(kind)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))  # before the file is opened
    os.chdir(folder)  # the path as the caller gave it, so that messages and sources name it the same way
    result: tuple[str, Any]
    try:
        from .readers import read_kind

        def report(done: int, total: int) -> None:
            connection.send(("progress", (done, total)))

        result = ("grids", read_kind(kind, Path(path), report))
    except JixiaoError as error:
        result = ("error", (type(error).__name__, error.message, error.file, error.row, error.column))
    except MemoryError:
        megabytes = memory // (1024 * 1024)
        result = ("error", ("InputError", f"读取时所需内存超过 {megabytes} MB 的上限", None, None, None))
    except BaseException as error:  # a Rust panic (pyo3's PanicException) is a BaseException
        # one clean line for the user; the name "ReaderCrash" tells tests and the fuzzer that no reader caught it
        result = ("error", ("ReaderCrash", f"文件无法读取（{type(error).__name__}），可能已损坏", None, None, None))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    try:
        connection.send((*result, peak, cpu))
    except MemoryError:
        connection.send(("error", ("InputError", "读取结果过大，超过内存上限", None, None, None), peak, cpu))
