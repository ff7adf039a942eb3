from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from api.services import token_create


class Api:
    """A client of /api/v1/ with one bearer token (or none)."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str) -> Any:
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def send(self, method: str, path: str, body: Any = None) -> Any:
        return self.client.generic(
            method,
            f"/api/v1{path}",
            data="" if body is None else json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )

    def post(self, path: str, body: Any = None) -> Any:
        return self.send("POST", path, body)


@pytest.fixture
def write_token(consultant, organization) -> str:
    return token_create(
        user=consultant, organization=organization, name="CRM", scope="write"
    ).plaintext


@pytest.fixture
def read_token(consultant, organization) -> str:
    return token_create(
        user=consultant, organization=organization, name="BI", scope="read"
    ).plaintext


@pytest.fixture
def outsider_token(outsider) -> str:
    organization = outsider.memberships.get().organization
    return token_create(user=outsider, organization=organization, name="x", scope="write").plaintext


@pytest.fixture
def writer(write_token) -> Api:
    return Api(write_token)


@pytest.fixture
def reader(read_token) -> Api:
    return Api(read_token)


@pytest.fixture
def stranger(outsider_token) -> Api:
    return Api(outsider_token)
