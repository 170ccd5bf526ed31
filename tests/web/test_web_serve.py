"""`jixiao serve`: gunicorn with the workers asked for serves pages and static files; --dev the dev server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

JIXIAO = Path(sys.executable).with_name("jixiao")
#: Seconds to wait for the server to migrate, load the demo and answer (the machine may be busy).
START_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, server: subprocess.Popen[str]) -> int:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"jixiao serve stopped: {server.communicate()[0]}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return int(response.status)
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"no answer from {url} in {START_TIMEOUT} s")


def start(tmp_path: Path, *options: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    environment = {**os.environ, "JIXIAO_DATA_DIR": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [str(JIXIAO), "serve", "--port", str(port), *options],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    return server, port


def stop(server: subprocess.Popen[str]) -> str:
    server.send_signal(signal.SIGTERM)
    try:
        output, _ = server.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        output, _ = server.communicate()
    return output


def test_gunicorn_serves_pages_and_static_files_with_the_workers_asked_for(tmp_path: Path) -> None:
    server, port = start(tmp_path, "--workers", "2")
    try:
        assert wait_for(f"http://127.0.0.1:{port}/", server) == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/web/app.css", timeout=10) as response:
            assert response.status == 200 and b"{" in response.read()
    finally:
        output = stop(server)
    assert "gunicorn，2 个工作进程" in output
    assert output.count("Booting worker with pid") == 2


def test_dev_server_only_when_asked(tmp_path: Path) -> None:
    server, port = start(tmp_path, "--dev", "--no-demo")
    try:
        assert wait_for(f"http://127.0.0.1:{port}/", server) == 200
    finally:
        output = stop(server)
    assert "开发服务器" in output and "gunicorn" not in output
