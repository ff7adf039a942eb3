"""The API's reads: each route's answer for a member's token, and another organization's
project as 404 (as one that does not exist)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from api.management.commands.api_schema import schema_text
from discovery import scenarios
from discovery.bank import BANK
from discovery.services import answers_load
from exports.signing import Verdict, verify
from reviews import services as review_services
from tests.factories import ProjectFactory, publish

pytestmark = pytest.mark.django_db


def _text_question():
    return next(q for q in BANK.step(BANK.first_step().slug).questions if q.type == "textarea")


def test_projects_lists_only_the_tokens_organization(reader, project, outsider):
    foreign = ProjectFactory(organization=outsider.memberships.get().organization)
    response = reader.get("/projects")
    assert response.status_code == 200
    ids = [p["id"] for p in response.json()]
    assert ids == [project.pk]
    assert foreign.pk not in ids
    assert reader.get(f"/projects/{foreign.pk}").status_code == 404


def test_a_project_reads_as_the_web_shows_it(reader, project):
    body = reader.get(f"/projects/{project.pk}").json()
    assert body["name"] == project.name
    assert body["client_name"] == project.client_name
    assert body["stage"] == "discovery"


def test_answers_read_with_their_revisions(reader, project):
    question = _text_question()
    answers_load(project=project, answers={question.id: "Shared inbox, no SLA."}, user=None)
    listed = reader.get(f"/projects/{project.pk}/answers").json()
    assert listed == [
        {
            "question_id": question.id,
            "value": "Shared inbox, no SLA.",
            "revision": 1,
            "updated_at": listed[0]["updated_at"],
            "template": "",
        }
    ]
    one = reader.get(f"/projects/{project.pk}/answers/{question.id}").json()
    assert one["value"] == "Shared inbox, no SLA."
    assert one["revision"] == 1


def test_an_unanswered_question_reads_as_null_at_revision_0_and_an_unknown_one_is_404(
    reader, project
):
    question = _text_question()
    one = reader.get(f"/projects/{project.pk}/answers/{question.id}").json()
    assert one["value"] is None
    assert one["revision"] == 0
    assert reader.get(f"/projects/{project.pk}/answers/no.such.question").status_code == 404


def test_requirements_are_derived_for_the_answers_and_read_one_by_one(reader, project):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=None)
    listed = reader.get(f"/projects/{project.pk}/requirements").json()
    assert listed, "answers that name channels derive requirements"
    first = listed[0]
    one = reader.get(f"/projects/{project.pk}/requirements/{first['id']}").json()
    assert one == first
    assert first["trace"], "a derived requirement knows the answers behind it"
    assert reader.get(f"/projects/{project.pk}/requirements/999999").status_code == 404


def test_framework_is_404_until_generated_then_reads_with_its_check(reader, project):
    from frameworks.services import framework_generate

    assert reader.get(f"/projects/{project.pk}/framework").status_code == 404
    generation = framework_generate(project=project, user=None).generation
    body = reader.get(f"/projects/{project.pk}/framework").json()
    assert body["generation"] == generation.number
    assert body["data"] == generation.data
    assert "findings" in body["check"]
    assert body["stale"] is False


def test_versions_comments_approvals_and_reviewers(reader, project):
    version = publish(project, change_summary="First draft")
    invitation = review_services.reviewer_invite(
        project=project,
        name="Rita Reviewer",
        email="rita@client.example",
        user=None,
        link_for=lambda token: token,
    )
    review_services.comment_add(
        version=version, section="summary", body="Looks <b>right</b>.", reviewer=invitation.reviewer
    )
    review_services.version_approve(
        version=version, reviewer=invitation.reviewer, typed_name="Rita Reviewer"
    )

    versions = reader.get(f"/projects/{project.pk}/versions").json()
    assert [(v["number"], v["change_summary"]) for v in versions] == [(1, "First draft")]
    one = reader.get(f"/projects/{project.pk}/versions/1").json()
    assert one["content_hash"] == version.content_hash
    assert one["snapshot"] == version.snapshot
    assert reader.get(f"/projects/{project.pk}/versions/2").status_code == 404

    comments = reader.get(f"/projects/{project.pk}/versions/1/comments").json()
    assert [(c["body"], c["from_client"]) for c in comments] == [("Looks <b>right</b>.", True)]

    approvals = reader.get(f"/projects/{project.pk}/approvals").json()
    assert [(a["version"], a["content_hash"]) for a in approvals] == [(1, version.content_hash)]

    reviewers = reader.get(f"/projects/{project.pk}/reviewers").json()
    assert [(r["name"], r["email"]) for r in reviewers] == [
        ("Rita Reviewer", "rita@client.example")
    ]
    assert "token_hash" not in reviewers[0]


def test_pdf_status_is_none_until_requested_and_the_file_404_until_ready(reader, project):
    publish(project)
    assert reader.get(f"/projects/{project.pk}/versions/1/pdf").json()["state"] == "none"
    assert reader.get(f"/projects/{project.pk}/versions/1/pdf/file").status_code == 404


def test_the_export_is_the_signed_document_the_web_downloads(reader, project, consultant_client):
    response = reader.get(f"/projects/{project.pk}/export")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    web = consultant_client.get(reverse("exports:project_json", args=[project.pk]))
    document = json.loads(body)
    assert document["project"]["name"] == project.name
    assert verify(document, document["version"]) is Verdict.VERIFIED
    # The same document as the web's download, but for the moment each was made.
    web_document = json.loads(b"".join(web.streaming_content))
    web_document.pop("exported_at"), document.pop("exported_at")
    web_document.pop("signature"), document.pop("signature")
    assert document == web_document


def test_the_served_schema_is_the_committed_one():
    served = Client().get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert served.json() == json.loads(schema_text())


def test_schema_check_fails_when_the_committed_file_differs(tmp_path, monkeypatch):
    from django.core.management import CommandError, call_command

    from api.management.commands import api_schema

    stale = tmp_path / "openapi.json"
    stale.write_text(schema_text().replace('"Support Blueprint API"', '"Old"'))
    monkeypatch.setattr(api_schema, "COMMITTED", stale)
    with pytest.raises(CommandError, match="not the schema"):
        call_command("api_schema", "--check")
    call_command("api_schema")
    call_command("api_schema", "--check")


def test_a_ready_pdf_downloads_and_its_status_names_where(reader, project, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from deliverables import jobs
    from deliverables.models import PdfJob

    settings.MEDIA_ROOT = tmp_path / "media"
    version = publish(project)
    content = b"%PDF-1.7\n% a proposal\n"
    job = PdfJob(
        version=version,
        template_hash=jobs.render_key(version),
        requested_at=timezone.now(),
        finished_at=timezone.now(),
        state=PdfJob.State.READY,
        pages=1,
        size=len(content),
    )
    job.file.save("proposal.pdf", ContentFile(content), save=False)
    job.save()
    status = reader.get(f"/projects/{project.pk}/versions/1/pdf").json()
    assert status["state"] == "ready"
    assert status["download"] == f"/api/v1/projects/{project.pk}/versions/1/pdf/file"
    response = reader.get(f"/projects/{project.pk}/versions/1/pdf/file")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == content


def test_bad_query_parameters_are_422_and_ids_out_of_range_404(reader, project):
    assert reader.get("/projects?archived=perhaps").status_code == 422
    assert reader.get(f"/projects/{2**63}").status_code == 404
    assert reader.get(f"/projects/{project.pk}/versions/{2**40}").status_code == 404
    assert reader.get(f"/projects/{project.pk}/requirements/x").status_code == 404
