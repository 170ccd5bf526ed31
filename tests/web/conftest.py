"""Fixtures for the web tests: the demo organisations and users, seed tables as stored data, a stand-in engine."""

from __future__ import annotations

import copy
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
PASSWORD = "demo-password-for-tests-42"
ROLES = tuple(demo.USERS)  # clerk, unitlead, deptreviewer, finance, admin


@pytest.fixture(autouse=True)
def stand_in_engine(settings: Any) -> None:
    settings.JIXIAO_REVIEW_ENGINE = "review_double:review"


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(scope="session")
def seed_data() -> list[dict[str, Any]]:
    return [{**data_from_table(table), "year": 2024} for table in read(SEED)]


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
