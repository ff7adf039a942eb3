"""Numbers an API client sends are bounded before they reach the database: every API
route with every integer of its path made absurd, and absurd revisions and versions in
the bodies, answers 404 or 422, never a 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_access import (  # noqa: F401  (world is a fixture)
    API_ACCESS,
    API_NAMESPACE,
    KWARG_BUILDERS,
    _api_token,
    api_routes,
    world,
)

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999999


@pytest.mark.parametrize("name", sorted(n for n, r in api_routes().items() if r.kwargs))
def test_no_api_route_fails_on_an_absurd_number(name, world):  # noqa: F811
    case = API_ACCESS[name]
    route = api_routes()[name]
    kwargs = {}
    for kw in route.kwargs:
        value = KWARG_BUILDERS[kw](world)
        kwargs[kw] = HUGE if isinstance(value, int) else value
    url = reverse(f"{API_NAMESPACE}:{name}", kwargs=kwargs)
    token = _api_token(world, "member", "write").plaintext
    body = {"value": "x", "revision": HUGE, "version": HUGE}
    response = Client().generic(
        case.method,
        url,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code in (404, 422), (name, response.status_code)


def test_an_absurd_revision_or_version_in_a_body_is_422(world):  # noqa: F811
    token = _api_token(world, "member", "write").plaintext
    project = world["project"]
    question = KWARG_BUILDERS["question_id"](world)
    rid = KWARG_BUILDERS["rid"](world)
    client = Client()
    headers = {"Authorization": f"Bearer {token}"}
    answer = client.put(
        f"/api/v1/projects/{project.pk}/answers/{question}",
        json.dumps({"value": "x", "revision": HUGE}),
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 422
    edit = client.patch(
        f"/api/v1/projects/{project.pk}/requirements/{rid}",
        json.dumps({"version": HUGE, "title": "t", "description": "d", "priority": "must"}),
        content_type="application/json",
        headers=headers,
    )
    assert edit.status_code == 422
