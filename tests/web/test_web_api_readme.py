"""The README's API example, run as it is written against `jixiao serve` on a fresh SQLite database: a table
imported, saved, submitted, approved by 主管部门 and 财政, published, then listed by the public API."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

from test_web_serve import start, stop, wait_for

ROOT = Path(__file__).resolve().parents[2]


def readme_example() -> str:
    """The first Python block of the README's "API" section."""
    section = ROOT.joinpath("README.md").read_text(encoding="utf-8").split("\n## API\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```python\n", 1)[1].split("\n```", 1)[0]


def demo_passwords(server: subprocess.Popen[str]) -> tuple[dict[str, str], list[str]]:
    """The demo users' passwords as `jixiao serve` prints them once; the rest of its output is kept being read."""
    assert server.stdout is not None
    lines: list[str] = []
    passwords: dict[str, str] = {}
    while len(passwords) < 5:
        line = server.stdout.readline()
        assert line, "jixiao serve stopped before printing the demo passwords:\n" + "".join(lines)
        lines.append(line)
        found = re.search(r"用户名 (\S+)\s+密码 (\S+)", line)
        if found:
            passwords[found[1]] = found[2]
    threading.Thread(target=lambda: lines.extend(server.stdout or ()), daemon=True).start()
    return passwords, lines


def test_the_readme_example_takes_a_table_from_import_to_the_public_list(tmp_path: Path) -> None:
    code = readme_example()
    assert "/imports" in code and "/publish" in code and "/public/tables" in code
    server, port = start(tmp_path, "--workers", "1")
    try:
        passwords, _lines = demo_passwords(server)
        url = f"http://127.0.0.1:{port}"
        assert wait_for(f"{url}/api/openapi.json", server) == 200
        run = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={"JIXIAO_URL": url, "JIXIAO_PASSWORDS": json.dumps(passwords), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        with urllib.request.urlopen(f"{url}/api/public/tables?year=2024&limit=100", timeout=30) as response:
            listed = [row["project_name"] for row in json.load(response)["items"]]
    finally:
        stop(server)
    assert run.returncode == 0, run.stderr
    assert "已公开：2024年基层干部能力提升培训（第 1 版）" in run.stdout, run.stdout
    assert "2024年基层干部能力提升培训" in listed
    with sqlite3.connect(tmp_path / "jixiao.sqlite3") as database:
        trail = database.execute(
            "SELECT a.action, u.username FROM web_auditentry a JOIN web_tablerecord t ON t.id = a.table_id"
            " JOIN auth_user u ON u.id = a.actor_id WHERE t.project_name = ? ORDER BY a.sequence",
            ["2024年基层干部能力提升培训"],
        ).fetchall()
    assert trail == [
        ("import", "clerk"),
        ("submit", "unitlead"),
        ("approve", "deptreviewer"),
        ("approve", "finance"),
        ("publish", "finance"),
    ]
