"""The dashboard and project pages: list, search, filter, create, rename, archive, restore."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from discovery.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/"


def names(response) -> list[str]:
    return [p.name for p in response.context["page"].object_list]


@pytest.fixture
def projects(organization):
    return {
        "northwind": ProjectFactory(
            organization=organization,
            name="Desk for growth",
            client_name="Northwind Cloud",
            industry="B2B SaaS",
        ),
        "verde": ProjectFactory(
            organization=organization,
            name="Omnichannel",
            client_name="Verde Shop",
            industry="E-commerce",
            stage=Project.Stage.REQUIREMENTS,
        ),
        "contoso": ProjectFactory(
            organization=organization,
            name="IT service desk",
            client_name="Contoso",
            industry="Manufacturing",
            archived_at="2026-01-01T00:00:00Z",
        ),
    }


def test_dashboard_lists_active_projects_of_the_organization(consultant_client, projects):
    ProjectFactory(name="Someone else's", client_name="Elsewhere")  # another organization
    response = consultant_client.get(DASHBOARD)
    assert response.status_code == 200
    assert sorted(names(response)) == ["Desk for growth", "Omnichannel"]
    html = response.content.decode()
    assert "Elsewhere" not in html
    assert "Contoso" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "northwind"}, ["Desk for growth"]),  # client name, any case
        ({"q": "omni"}, ["Omnichannel"]),  # project name
        ({"q": "commerce"}, ["Omnichannel"]),  # industry
        ({"q": "nothing like it"}, []),
        ({"stage": "requirements"}, ["Omnichannel"]),
        ({"stage": "discovery"}, ["Desk for growth"]),
        ({"archived": "on"}, ["IT service desk"]),
        ({"archived": "on", "q": "northwind"}, []),
    ],
)
def test_dashboard_search_and_filters(consultant_client, projects, query, expected):
    response = consultant_client.get(DASHBOARD, query)
    assert names(response) == expected


def test_dashboard_says_when_nothing_matches(consultant_client, projects):
    html = consultant_client.get(DASHBOARD, {"q": "zzz"}).content.decode()
    assert "No project matches these filters." in html


def test_dashboard_htmx_returns_only_the_list(consultant_client, projects):
    response = consultant_client.get(DASHBOARD, {"q": "verde"}, HTTP_HX_REQUEST="true")
    html = response.content.decode().strip()
    assert html.startswith('<div id="project-list">')
    assert "<html" not in html
    assert "Verde Shop" in html
    assert "Northwind" not in html
    assert "HX-Request" in response["Vary"]


def test_dashboard_archived_project_offers_restore(consultant_client, projects):
    html = consultant_client.get(DASHBOARD, {"archived": "on"}).content.decode()
    assert reverse("discovery:project_restore", args=[projects["contoso"].pk]) in html


def test_dashboard_paginates(consultant_client, organization):
    for index in range(27):
        ProjectFactory(organization=organization, name=f"P{index:02}")
    first = consultant_client.get(DASHBOARD)
    assert len(names(first)) == 25
    second = consultant_client.get(DASHBOARD, {"page": 2})
    assert len(names(second)) == 2
    assert not set(names(first)) & set(names(second))


def test_dashboard_without_an_organization(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="loner"))
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "No organization yet" in response.content.decode()


def test_create_project(consultant_client, organization, consultant):
    response = consultant_client.post(
        reverse("discovery:project_create"),
        {"client_name": "Acme", "name": "Support redesign 2027", "industry": "Retail"},
    )
    project = Project.objects.get(client_name="Acme")
    assert response.status_code == 302
    assert response["Location"] == reverse("discovery:step", args=[project.pk, "objective"])
    assert project.organization == organization
    assert project.created_by == consultant
    assert project.name == "Support redesign 2027"


def test_create_project_form_errors(consultant_client):
    response = consultant_client.post(reverse("discovery:project_create"), {"client_name": "Acme"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not Project.objects.exists()


def test_create_project_page(consultant_client):
    response = consultant_client.get(reverse("discovery:project_create"))
    assert response.status_code == 200
    assert 'name="client_name"' in response.content.decode()


def test_rename_project(consultant_client, project):
    url = reverse("discovery:project_edit", args=[project.pk])
    assert consultant_client.get(url).status_code == 200
    response = consultant_client.post(
        url, {"client_name": "New client", "name": "New name", "industry": "Fintech"}
    )
    assert response["Location"] == reverse("discovery:project_detail", args=[project.pk])
    project.refresh_from_db()
    assert (project.client_name, project.name, project.industry) == (
        "New client",
        "New name",
        "Fintech",
    )


def test_archive_and_restore(consultant_client, project):
    response = consultant_client.post(reverse("discovery:project_archive", args=[project.pk]))
    assert response["Location"] == reverse("discovery:dashboard")
    project.refresh_from_db()
    assert project.is_archived
    assert names(consultant_client.get(DASHBOARD)) == []

    consultant_client.post(reverse("discovery:project_restore", args=[project.pk]))
    project.refresh_from_db()
    assert not project.is_archived
    assert names(consultant_client.get(DASHBOARD)) == [project.name]


def test_archive_and_restore_need_post(consultant_client, project):
    assert (
        consultant_client.get(reverse("discovery:project_archive", args=[project.pk])).status_code
        == 405
    )
    assert (
        consultant_client.get(reverse("discovery:project_restore", args=[project.pk])).status_code
        == 405
    )
    project.refresh_from_db()
    assert not project.is_archived


def test_there_is_no_delete_endpoint(consultant_client, project):
    with pytest.raises(NoReverseMatch):
        reverse("discovery:project_delete", args=[project.pk])
    assert consultant_client.post(f"/projects/{project.pk}/delete/").status_code == 404
    assert consultant_client.delete(f"/projects/{project.pk}/").status_code == 405
    assert Project.objects.filter(pk=project.pk).exists()


def test_another_organization_cannot_touch_a_project(client, outsider, project):
    client.force_login(outsider)
    for name in ("project_archive", "project_restore", "project_edit"):
        assert (
            client.post(
                reverse(f"discovery:{name}", args=[project.pk]), {"client_name": "x", "name": "x"}
            ).status_code
            == 404
        )
    assert client.get(reverse("discovery:project_detail", args=[project.pk])).status_code == 404
    project.refresh_from_db()
    assert not project.is_archived
    assert project.name != "x"


def test_project_page_shows_progress_gaps_and_recent_changes(
    consultant_client, project, consultant
):
    from discovery import services

    services.answers_load(project=project, answers={"context.team_size": 4}, user=consultant)
    html = consultant_client.get(
        reverse("discovery:project_detail", args=[project.pk])
    ).content.decode()
    assert project.name in html
    assert "How many people work in support today?" in html  # recent change
    gap_link = reverse("discovery:step", args=[project.pk, "objective"]) + "#q-objective-challenge"
    assert gap_link in html
