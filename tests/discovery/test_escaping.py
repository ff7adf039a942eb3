"""What users type is escaped wherever it appears."""

from __future__ import annotations

import pytest
from django.urls import reverse

from discovery import services
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('"><img src=x onerror=alert(1)>', "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
]


@pytest.fixture(params=PAYLOADS, ids=["script", "attribute-breakout"])
def payload(request):
    return request.param


@pytest.fixture
def hostile_project(organization, consultant, payload):
    raw, _ = payload
    project = ProjectFactory(
        organization=organization,
        created_by=consultant,
        name=f"Project {raw}",
        client_name=f"Client {raw}",
        industry=f"Industry {raw}",
    )
    services.answers_load(
        project=project,
        answers={"context.process": f"Process {raw}", "context.phone_system": f"PBX {raw}"},
        user=consultant,
    )
    return project


def assert_escaped(html: str, payload) -> None:
    raw, escaped = payload
    assert raw not in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert escaped in html


def test_step_page(consultant_client, hostile_project, payload):
    response = consultant_client.get(
        reverse("discovery:step", args=[hostile_project.pk, "context"])
    )
    html = response.content.decode()
    assert_escaped(html, payload)
    assert f"Process {payload[1]}</textarea>" in html


def test_step_fragment(consultant_client, hostile_project, payload):
    response = consultant_client.get(
        reverse("discovery:step", args=[hostile_project.pk, "context"]), HTTP_HX_REQUEST="true"
    )
    assert_escaped(response.content.decode(), payload)


def test_step_page_with_an_invalid_value_echoed_back(consultant_client, project, payload):
    raw, escaped = payload
    response = consultant_client.post(
        reverse("discovery:step", args=[project.pk, "context"]),
        {"__q": ["context.team_size"], "context.team_size": raw, "action": "next"},
    )
    html = response.content.decode()
    assert "Enter a whole number" in html
    assert_escaped(html, payload)


def test_autosave_response(consultant_client, hostile_project, payload):
    raw, escaped = payload
    url = reverse("discovery:autosave", args=[hostile_project.pk])
    # A first answer moves progress, so the nav (project and client names) comes back out
    # of band with the save.
    saved = consultant_client.post(
        url,
        {"question": "audience.challenges", "audience.challenges": f"New {raw}"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert_escaped(saved, payload)
    # A follow-up re-rendered out of band carries its stored answer.
    services.answers_load(
        project=hostile_project, answers={"context.current_workflow": f"Flow {raw}"}, user=None
    )
    shown = consultant_client.post(
        url, {"question": "context.tools", "context.tools": ["none"]}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="q-context-current-workflow"' in shown
    assert_escaped(shown, payload)
    assert f"Flow {escaped}</textarea>" in shown
    # Invalid input echoed back with its error.
    invalid = consultant_client.post(
        url, {"question": "context.team_size", "context.team_size": raw}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Enter a whole number" in invalid
    # Whether or not the response repeats what was typed, it never does so raw.
    assert raw not in invalid
    assert "<script>alert" not in invalid
    assert "<img src=x" not in invalid


def test_review_page(consultant_client, hostile_project, payload):
    html = consultant_client.get(
        reverse("discovery:wizard_review", args=[hostile_project.pk])
    ).content.decode()
    assert_escaped(html, payload)
    assert f"Process {payload[1]}" in html


def test_project_page(consultant_client, hostile_project, payload):
    html = consultant_client.get(
        reverse("discovery:project_detail", args=[hostile_project.pk])
    ).content.decode()
    assert_escaped(html, payload)
    assert f"Project {payload[1]}" in html


def test_project_edit_page(consultant_client, hostile_project, payload):
    html = consultant_client.get(
        reverse("discovery:project_edit", args=[hostile_project.pk])
    ).content.decode()
    assert_escaped(html, payload)


def test_dashboard(consultant_client, hostile_project, payload):
    html = consultant_client.get("/").content.decode()
    assert_escaped(html, payload)
    assert f"Client {payload[1]}" in html
    fragment = consultant_client.get("/", {"q": "Client"}, HTTP_HX_REQUEST="true").content.decode()
    assert_escaped(fragment, payload)


def test_dashboard_search_box_echoes_the_query_escaped(consultant_client, organization, payload):
    raw, _ = payload
    html = consultant_client.get("/", {"q": raw[:100]}).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def test_messages_after_archive_and_create(consultant_client, hostile_project, payload):
    response = consultant_client.post(
        reverse("discovery:project_archive", args=[hostile_project.pk]), follow=True
    )
    assert_escaped(response.content.decode(), payload)
    raw, _ = payload
    response = consultant_client.post(
        reverse("discovery:project_create"),
        {"client_name": f"C {raw}", "name": f"N {raw}", "industry": ""},
        follow=True,
    )
    assert_escaped(response.content.decode(), payload)
