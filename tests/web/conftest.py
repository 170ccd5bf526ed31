"""Fixtures for the web tests: the demo organisations and users, seed tables as stored data."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from jixiao.reading import read
from jixiao.web.models import TableRecord, Unit
from jixiao.web.services import demo, workflow
from jixiao.web.services.tabledata import data_from_table

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed_2024.txt"
#: A table the review finds nothing in (one of the review tests' clean tables).
CLEAN = Path(__file__).resolve().parents[2] / "tests" / "data" / "review" / "clean" / "training.txt"
PASSWORD = "demo-password-for-tests-42"
ROLES = tuple(demo.USERS)  # clerk, unitlead, deptreviewer, finance, admin


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Tests log in as five users per test; the production hasher's deliberate slowness would dominate."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def attachment_folder(settings: Any, tmp_path: Path) -> Path:
    """佐证资料 files of a test go to its own folder."""
    settings.JIXIAO_ATTACHMENT_DIR = tmp_path / "attachments"
    return Path(settings.JIXIAO_ATTACHMENT_DIR)


@pytest.fixture(autouse=True)
def library_file(settings: Any, tmp_path: Path) -> Path:
    """The 指标库 of a test is its own file, none until the test makes it (no suggestions, no JX-R010)."""
    settings.JIXIAO_LIBRARY_PATH = tmp_path / "library.sqlite"
    return Path(settings.JIXIAO_LIBRARY_PATH)


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(scope="session")
def seed_data() -> list[dict[str, Any]]:
    return [{**data_from_table(table), "year": 2024} for table in read(SEED)]


@pytest.fixture(scope="session")
def clean_data() -> dict[str, Any]:
    (table,) = read(CLEAN)
    return {**data_from_table(table), "year": 2024}


@pytest.fixture
def users(db: Any) -> dict[str, Any]:
    demo.create_organisations()
    demo.create_users(dict.fromkeys(demo.USERS, PASSWORD))
    return {name: get_user_model().objects.get(username=name) for name in demo.USERS}


@pytest.fixture
def sasac() -> Unit:
    return Unit.objects.get(name=demo.SASAC)


@pytest.fixture
def other_unit() -> Unit:
    return Unit.objects.get(name="新疆再担保（集团）有限公司")


@pytest.fixture
def draft(users: dict[str, Any], sasac: Unit, seed_data: list[dict[str, Any]]) -> TableRecord:
    """Seed table 1 as a draft of its unit, created by the clerk."""
    return workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(seed_data[0]))


@pytest.fixture
def client_for(users: dict[str, Any]) -> Any:
    def make(name: str | None) -> Client:
        client = Client()
        if name is not None:
            client.force_login(users[name])
        return client

    return make


@pytest.fixture
def submit() -> Callable[..., None]:
    """Submit a table as its unit lead does: every warning the review finds explained."""

    def submit_explained(record: TableRecord, actor: Any, **kwargs: Any) -> None:
        latest = record.latest
        explanations = demo.explain_warnings(latest.data, "已核实：按本年度计划测算。", unit=record.unit)
        kwargs.setdefault("version", latest.number)
        kwargs.setdefault("revision", latest.revision)
        workflow.submit(record, actor=actor, explanations=explanations, **kwargs)

    return submit_explained


#: The states :func:`walk` takes a table to, each one step further along the default chain.
WALK = ("submitted", "reviewed", "approved", "published")


@pytest.fixture
def walk(users: dict[str, Any], submit: Callable[..., None]) -> Callable[..., TableRecord]:
    """Take a draft of the 国资委 unit along the default chain: 'submitted' (waiting at 主管部门初审),
    'reviewed' (主管部门 approved, waiting at 财政复审), 'approved' (waiting to be published), 'published'."""

    def take(record: TableRecord, state: str) -> TableRecord:
        steps = WALK[: WALK.index(state) + 1]
        submit(record, users["unitlead"])
        if "reviewed" in steps:
            workflow.approve(record, actor=users["deptreviewer"], version=record.latest.number, comment="初审同意")
        if "approved" in steps:
            workflow.approve(record, actor=users["finance"], version=record.latest.number, comment="复审同意")
        if "published" in steps:
            workflow.publish(record, actor=users["finance"], version=record.latest.number)
        record.refresh_from_db()
        return record

    return take


@pytest.fixture
def seed_library(library_file: Path) -> Path:
    """The test's 指标库 built from the seed and the clean tables."""
    from jixiao.library import build_library

    build_library([SEED, *sorted(CLEAN.parent.glob("*.txt"))], library_file)
    return library_file
