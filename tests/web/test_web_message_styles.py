"""Every kind of flash message the views send has a style of its own in app.css."""

from __future__ import annotations

import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "web"


def sent_levels() -> set[str]:
    """The message levels the views use: messages.success(…), messages.warning(…) …"""
    found: set[str] = set()
    for path in WEB.rglob("*.py"):
        found |= set(re.findall(r"\bmessages\.(debug|info|success|warning|error)\(", path.read_text("utf-8")))
    return found


def styled_levels() -> set[str]:
    css = (WEB / "static" / "web" / "app.css").read_text("utf-8")
    return set(re.findall(r"^\.message\.(\w+) \{[^}]*background:", css, flags=re.M))


def test_each_message_level_sent_has_a_style() -> None:
    assert sent_levels() == {"success", "warning", "error"}
    assert sent_levels() <= styled_levels()
