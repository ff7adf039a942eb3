"""Downloading exports and importing a file through the pages."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.selectors import SESSION_KEY
from discovery.models import Project
from exports.document import project_export
from exports.reading import MAX_BYTES
from exports.signing import sign


def _upload(data: bytes, name: str = "project.json", content_type: str = "application/json"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_json_download(consultant_client, rich_project):
    response = consultant_client.get(reverse("exports:project_json", args=[rich_project.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Cache-Control"] == "no-store"
    data = json.loads(b"".join(response.streaming_content))
    assert data["project"]["name"] == rich_project.name


def test_csv_download_has_a_safe_filename(consultant_client, project):
    project.client_name = 'Evil"; filename=x.exe\r\nSet-Cookie: a=b'
    project.name = "../../etc/passwd Ünïcode"
    project.save()
    response = consultant_client.get(reverse("exports:requirements_jira", args=[project.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    # Nothing of the name can end the header or name another file; the letters stay.
    assert disposition == (
        "attachment; filename*=utf-8''Evil-filename-x-exe-Set-Cookie-a-b-etc-passwd-"
        "%C3%9Cn%C3%AFcode-requirements-jira.csv"
    )


@pytest.mark.parametrize("name", ["exports:project_json", "exports:requirements_jira"])
def test_another_organizations_consultant_gets_404(outsider, project, name):
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse(name, args=[project.pk])).status_code == 404


def test_the_pages_link_to_the_exports(consultant_client, project):
    detail = consultant_client.get(reverse("discovery:project_detail", args=[project.pk]))
    assert reverse("exports:project_json", args=[project.pk]) in detail.content.decode()
    assert reverse("exports:requirements_jira", args=[project.pk]) in detail.content.decode()
    dashboard = consultant_client.get(reverse("discovery:dashboard"))
    assert reverse("exports:project_import") in dashboard.content.decode()


def test_import_creates_the_project_in_the_active_organization(
    rich_project, importer, other_organization
):
    raw = json.dumps(project_export(rich_project)).encode()
    client = Client()
    client.force_login(importer)
    response = client.post(reverse("exports:project_import"), {"file": _upload(raw)})
    imported = Project.objects.exclude(pk=rich_project.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("discovery:project_detail", args=[imported.pk])
    assert imported.organization == other_organization


def test_import_goes_to_the_organization_the_consultant_switched_to(
    rich_project, consultant, consultant_client, other_organization
):
    from tests.factories import MembershipFactory

    MembershipFactory(organization=other_organization, user=consultant)
    session = consultant_client.session
    session[SESSION_KEY] = other_organization.pk
    session.save()
    raw = json.dumps(project_export(rich_project)).encode()
    consultant_client.post(reverse("exports:project_import"), {"file": _upload(raw)})
    assert Project.objects.exclude(pk=rich_project.pk).get().organization == other_organization


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: _upload(b"not json at all"), "The file is not valid JSON"),
        (
            lambda: _upload(b'{"format": "x"}'),
            "This file is not a Support Blueprint project export.",
        ),
        (lambda: _upload(b"\x89PNG", "logo.png", "image/png"), "Choose a .json file"),
        (lambda: _upload(b" " * (MAX_BYTES + 1)), "larger than 5 MB"),
        (lambda: None, "Choose the .json file to import."),
        (lambda: _upload(b""), "The file is empty"),
    ],
)
def test_import_errors_are_shown_next_to_the_field(consultant_client, project, upload, message):
    before = Project.objects.count()
    file = upload()
    response = consultant_client.post(
        reverse("exports:project_import"), {"file": file} if file is not None else {}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # Crispy renders the error under the file input, inside the same field wrapper.
    field = html[html.index('id="div_id_file"') :]
    assert message in field[: field.index("</form>")]
    assert Project.objects.count() == before


def test_import_error_naming_the_place_in_the_file(consultant_client, rich_project):
    data = project_export(rich_project)
    data["proposal_versions"][0]["snapshot"]["answers"]["objective.timeline"] = "now"
    data = sign(data)  # as if signed so: the content check speaks, not the signature's
    before = Project.objects.count()
    response = consultant_client.post(
        reverse("exports:project_import"), {"file": _upload(json.dumps(data).encode())}
    )
    assert "the content of v1 does not match its content hash" in response.content.decode()
    assert Project.objects.count() == before


def test_import_escapes_what_the_file_says(consultant_client):
    hostile = {"format": "support-blueprint/project", "version": "<script>alert(1)</script>"}
    response = consultant_client.post(
        reverse("exports:project_import"), {"file": _upload(json.dumps(hostile).encode())}
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
