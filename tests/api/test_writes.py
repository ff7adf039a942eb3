"""The API's writes: each through the web's validation and service, with its conflict
rules: success, a validation error (422, nothing written), a conflict (409) where one can
happen, another organization's project (404) and a read-only token (403)."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from discovery import scenarios
from discovery.bank import BANK
from discovery.models import Answer, AnswerRevision, Project
from discovery.services import answers_load
from frameworks.models import FrameworkGeneration
from requirements_app.models import Requirement
from requirements_app.services import requirement_create_manual
from reviews.models import ProposalVersion, Reviewer
from reviews.services import reviewer_for_token, reviewer_invite
from tests.factories import TEST_OVERRIDE, publish

pytestmark = pytest.mark.django_db


def _text_question():
    return next(q for q in BANK.step(BANK.first_step().slug).questions if q.type == "textarea")


def _question_of(kind: str):
    return next(q for q in BANK.questions.values() if q.type == kind)


# --- answers ---------------------------------------------------------------------------------


def test_an_answer_is_written_through_the_wizards_service_with_its_history(
    writer, project, consultant
):
    question = _text_question()
    url = f"/projects/{project.pk}/answers/{question.id}"
    response = writer.send("PUT", url, {"value": "Shared inbox, no SLA.", "revision": 0})
    assert response.status_code == 200, response.content
    assert response.json()["revision"] == 1
    response = writer.send("PUT", url, {"value": "A shared inbox.", "revision": 1})
    assert response.json() == {**response.json(), "value": "A shared inbox.", "revision": 2}
    revisions = AnswerRevision.objects.filter(project=project, question_id=question.id)
    assert [(r.previous_value, r.value, r.changed_by) for r in revisions.order_by("id")] == [
        (None, "Shared inbox, no SLA.", consultant),
        ("Shared inbox, no SLA.", "A shared inbox.", consultant),
    ]
    project.refresh_from_db()
    assert project.completeness > 0


def test_a_stale_revision_is_409_with_both_versions_and_nothing_is_written(writer, project):
    question = _text_question()
    answers_load(project=project, answers={question.id: "Theirs"}, user=None)
    answers_load(project=project, answers={question.id: "Theirs, again"}, user=None)
    url = f"/projects/{project.pk}/answers/{question.id}"
    response = writer.send("PUT", url, {"value": "Mine", "revision": 1})
    assert response.status_code == 409
    body = response.json()
    assert (body["yours"], body["theirs"], body["revision"]) == ("Mine", "Theirs, again", 2)
    assert Answer.objects.get(project=project, question_id=question.id).value == "Theirs, again"
    # Based on the revision it was shown, the same write goes in.
    assert writer.send("PUT", url, {"value": "Mine", "revision": 2}).status_code == 200


def test_two_api_clients_on_the_same_revision_cannot_both_win(writer, reader, project):
    question = _text_question()
    url = f"/projects/{project.pk}/answers/{question.id}"
    assert writer.send("PUT", url, {"value": "First", "revision": 0}).status_code == 200
    # A second client that also read "no answer" is refused, though the first was the API too.
    assert writer.send("PUT", url, {"value": "Second", "revision": 0}).status_code == 409
    assert Answer.objects.get(project=project, question_id=question.id).value == "First"


def test_writing_the_stored_value_on_a_stale_revision_is_no_conflict(writer, project):
    question = _text_question()
    answers_load(project=project, answers={question.id: "Same"}, user=None)
    answers_load(project=project, answers={question.id: "Same!"}, user=None)
    url = f"/projects/{project.pk}/answers/{question.id}"
    response = writer.send("PUT", url, {"value": "Same!", "revision": 1})
    assert response.status_code == 200
    assert response.json()["revision"] == 2


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("integer", "twelve", "whole number"),
        ("integer", -5, ""),
        ("multi", ["not-a-choice"], ""),
        ("choice", "not-a-choice", ""),
        ("quantity", {"value": 5, "unit": "fortnights"}, "unit"),
    ],
)
def test_an_invalid_answer_is_422_with_the_wizards_message(writer, project, kind, value, message):
    question = _question_of(kind)
    url = f"/projects/{project.pk}/answers/{question.id}"
    response = writer.send("PUT", url, {"value": value, "revision": 0})
    assert response.status_code == 422, (kind, response.content)
    detail = response.json()["detail"][question.id]
    assert message in detail
    assert not Answer.objects.filter(project=project).exists()


def test_typed_answers_round_trip_as_the_api_reads_them(writer, project):
    """What the API reads can be written back unchanged, for every kind of question the
    Northwind brief answers (lists, numbers, quantities, records)."""
    answers_load(project=project, answers=scenarios.NORTHWIND, user=None)
    read = writer.get(f"/projects/{project.pk}/answers").json()
    other = Project.objects.create(
        organization=project.organization, name="Copy", client_name="Copy"
    )
    for answer in read:
        url = f"/projects/{other.pk}/answers/{answer['question_id']}"
        response = writer.send("PUT", url, {"value": answer["value"], "revision": 0})
        assert response.status_code == 200, (answer["question_id"], response.content)
    copied = dict(Answer.objects.filter(project=other).values_list("question_id", "value"))
    assert copied == {a["question_id"]: a["value"] for a in read}


def test_null_clears_an_answer(writer, project):
    question = _text_question()
    answers_load(project=project, answers={question.id: "Something"}, user=None)
    url = f"/projects/{project.pk}/answers/{question.id}"
    response = writer.send("PUT", url, {"value": None, "revision": 1})
    assert response.status_code == 200
    assert response.json()["value"] is None


def test_a_negative_revision_or_a_missing_value_is_422(writer, project):
    url = f"/projects/{project.pk}/answers/{_text_question().id}"
    assert writer.send("PUT", url, {"value": "x", "revision": -1}).status_code == 422
    assert writer.send("PUT", url, {"revision": 0}).status_code == 422


def test_answers_of_another_organization_or_an_unknown_question_are_404(stranger, writer, project):
    question = _text_question()
    body = {"value": "x", "revision": 0}
    assert (
        stranger.send("PUT", f"/projects/{project.pk}/answers/{question.id}", body).status_code
        == 404
    )
    assert writer.send("PUT", f"/projects/{project.pk}/answers/no.such", body).status_code == 404
    assert not Answer.objects.exists()


def test_a_read_only_token_writes_nothing(reader, project):
    url = f"/projects/{project.pk}/answers/{_text_question().id}"
    response = reader.send("PUT", url, {"value": "x", "revision": 0})
    assert response.status_code == 403
    assert "read only" in response.json()["detail"]
    assert not Answer.objects.exists()


# --- requirements ----------------------------------------------------------------------------


def _manual(project):
    return requirement_create_manual(
        project=project,
        kind="functional",
        category="ticket_management",
        title="Tickets from Teams",
        description="Employees raise tickets from Teams.",
        priority="should",
        user=None,
        acceptance_criteria=["A message in Teams opens a ticket."],
    )


def _edit(requirement, **changes):
    return {
        "version": requirement.version,
        "title": requirement.title,
        "description": requirement.description,
        "priority": requirement.priority,
        **changes,
    }


def test_a_requirement_edit_goes_through_the_webs_service(writer, project, consultant):
    requirement = _manual(project)
    response = writer.send(
        "PATCH",
        f"/projects/{project.pk}/requirements/{requirement.pk}",
        _edit(requirement, title="Tickets from Teams and Slack", priority="must"),
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    requirement.refresh_from_db()
    assert (requirement.title, requirement.priority, requirement.updated_by) == (
        "Tickets from Teams and Slack",
        "must",
        consultant,
    )
    # Criteria left out stay as they were.
    assert requirement.acceptance_criteria == ["A message in Teams opens a ticket."]


def test_an_edit_of_a_derived_requirement_is_kept_and_flagged(writer, project):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=None)
    derived = writer.get(f"/projects/{project.pk}/requirements").json()[0]
    response = writer.send(
        "PATCH",
        f"/projects/{project.pk}/requirements/{derived['id']}",
        {**{k: derived[k] for k in ("version", "title", "description")}, "priority": "could"},
    )
    assert response.status_code == 200
    assert "priority" in response.json()["edited_fields"]


def test_a_stale_requirement_edit_is_409_with_the_current_one(writer, project):
    requirement = _manual(project)
    url = f"/projects/{project.pk}/requirements/{requirement.pk}"
    stale = _edit(requirement, title="Mine")
    assert writer.send("PATCH", url, _edit(requirement, title="Theirs")).status_code == 200
    response = writer.send("PATCH", url, stale)
    assert response.status_code == 409
    assert response.json()["current"]["title"] == "Theirs"
    assert response.json()["current"]["version"] == 2
    requirement.refresh_from_db()
    assert requirement.title == "Theirs"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"priority": "urgent"}, "priority"),
        ({"acceptance_criteria": []}, "acceptance_criteria"),
        ({"attributes": {"no_such_attribute": 1}}, "attributes"),
    ],
)
def test_an_invalid_requirement_edit_is_422_and_changes_nothing(writer, project, changes, field):
    requirement = _manual(project)
    url = f"/projects/{project.pk}/requirements/{requirement.pk}"
    response = writer.send("PATCH", url, _edit(requirement, **changes))
    assert response.status_code == 422, response.content
    assert field in response.json()["detail"]
    requirement.refresh_from_db()
    assert requirement.version == 1


def test_a_requirement_is_added_as_the_webs_form_adds_it(writer, project):
    body = {
        "kind": "functional",
        "category": "ticket_management",
        "priority": "should",
        "title": "Tickets from Slack",
        "description": "Staff raise tickets from Slack.",
        "acceptance_criteria": ["A Slack message opens a ticket."],
    }
    response = writer.post(f"/projects/{project.pk}/requirements", body)
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "FR-MAN-001"
    assert response.json()["origin"] == "manual"
    for bad, field in (
        ({"category": "no_such_category"}, "category"),
        ({"acceptance_criteria": []}, "acceptance_criteria"),
        ({"kind": "other"}, "kind"),
    ):
        response = writer.post(f"/projects/{project.pk}/requirements", {**body, **bad})
        assert response.status_code == 422
        assert field in response.json()["detail"]
    assert Requirement.objects.filter(project=project).count() == 1


def test_requirements_of_another_organization_are_404(stranger, project):
    requirement = _manual(project)
    url = f"/projects/{project.pk}/requirements/{requirement.pk}"
    assert stranger.send("PATCH", url, _edit(requirement, title="x")).status_code == 404
    assert stranger.get(url).status_code == 404
    requirement.refresh_from_db()
    assert requirement.version == 1


# --- framework, versions, PDFs ------------------------------------------------------------


def test_framework_generates_once_and_then_reports_nothing_changed(writer, project):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=None)
    first = writer.post(f"/projects/{project.pk}/framework")
    assert first.status_code == 201
    assert first.json()["framework"]["generation"] == 1
    again = writer.post(f"/projects/{project.pk}/framework")
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert FrameworkGeneration.objects.filter(project=project).count() == 1


def test_publish_blocked_by_the_check_returns_its_findings_and_publishes_nothing(writer, project):
    response = writer.post(f"/projects/{project.pk}/versions", {"change_summary": "First"})
    assert response.status_code == 409
    body = response.json()
    assert body["incomplete"] is not None
    assert body["detail"]
    assert not ProposalVersion.objects.filter(project=project).exists()
    # Overriding each blocking finding with a reason, and confirming the incomplete
    # discovery, publishes.
    overrides = {f["key"]: TEST_OVERRIDE for f in body["findings"]}
    response = writer.post(
        f"/projects/{project.pk}/versions",
        {"change_summary": "First", "confirm_incomplete": True, "overrides": overrides},
    )
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 1
    assert response.json()["change_summary"] == "First"


def test_an_override_without_a_reason_is_named_in_the_409(writer, project):
    blocked = writer.post(f"/projects/{project.pk}/versions", {"confirm_incomplete": True}).json()
    # An empty discovery gives the check something to block on (placeholder text).
    assert blocked["findings"]
    key = blocked["findings"][0]["key"]
    response = writer.post(
        f"/projects/{project.pk}/versions",
        {"confirm_incomplete": True, "overrides": {key: "no"}},
    )
    assert response.status_code == 409
    assert "Say why" in response.json()["errors"][key]


def test_publishing_what_was_published_is_409(writer, project):
    publish(project)
    response = writer.post(
        f"/projects/{project.pk}/versions",
        {"confirm_incomplete": True, "overrides": {}},
    )
    assert response.status_code == 409
    assert ProposalVersion.objects.filter(project=project).count() == 1


def test_a_change_summary_over_5000_characters_is_422(writer, project):
    response = writer.post(f"/projects/{project.pk}/versions", {"change_summary": "x" * 5001})
    assert response.status_code == 422
    assert "change_summary" in response.json()["detail"]


def test_a_pdf_is_requested_through_the_job_service(writer, project, settings):
    publish(project)
    response = writer.post(f"/projects/{project.pk}/versions/1/pdf")
    assert response.status_code == 202
    assert response.json()["state"] in ("queued", "rendering", "ready")
    status = writer.get(f"/projects/{project.pk}/versions/1/pdf").json()
    assert status["state"] != "none"
    assert writer.post(f"/projects/{project.pk}/versions/9/pdf").status_code == 404


# --- reviewers -------------------------------------------------------------------------------


def test_a_reviewer_is_invited_with_a_link_that_opens_the_proposal(
    writer, project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = writer.post(
            f"/projects/{project.pk}/reviewers",
            {"name": "Rita Reviewer", "email": "rita@client.example"},
        )
    assert response.status_code == 201, response.content
    link = response.json()["link"]
    token = link.rstrip("/").rsplit("/", 1)[1]
    reviewer = reviewer_for_token(token)
    assert reviewer is not None
    assert reviewer.email == "rita@client.example"
    assert reviewer.token_hash not in link
    assert any(link in m.body for m in mail.outbox)


def test_an_invalid_invitation_is_422(writer, project):
    response = writer.post(f"/projects/{project.pk}/reviewers", {"name": "Rita", "email": "rita"})
    assert response.status_code == 422
    assert "email" in response.json()["detail"]
    assert not Reviewer.objects.exists()


def test_a_reviewer_is_revoked_and_another_organization_cannot(writer, stranger, project):
    invitation = reviewer_invite(
        project=project, name="Rita", email="rita@client.example", user=None, link_for=str
    )
    url = f"/projects/{project.pk}/reviewers/{invitation.reviewer.pk}/revoke"
    assert stranger.post(url).status_code == 404
    invitation.reviewer.refresh_from_db()
    assert invitation.reviewer.revoked_at is None
    response = writer.post(url)
    assert response.status_code == 200
    assert response.json()["revoked_at"] is not None
    assert reviewer_for_token(invitation.token) is None


# --- export and import -----------------------------------------------------------------------


def _export(writer, project) -> bytes:
    return b"".join(writer.get(f"/projects/{project.pk}/export").streaming_content)


def _upload(token: str, content: bytes, name: str = "export.json"):
    return Client().post(
        "/api/v1/projects/import",
        {"file": SimpleUploadedFile(name, content, content_type="application/json")},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_an_export_imports_as_a_new_project_of_the_tokens_organization(
    writer, write_token, project
):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=None)
    response = _upload(write_token, _export(writer, project))
    assert response.status_code == 201, response.content
    copy = Project.objects.get(pk=response.json()["id"])
    assert copy.pk != project.pk
    assert copy.organization_id == project.organization_id
    assert dict(copy.answers.values_list("question_id", "value")) == dict(
        project.answers.values_list("question_id", "value")
    )


def test_an_import_into_another_organization_lands_in_that_organization(
    writer, outsider_token, outsider, project
):
    response = _upload(outsider_token, _export(writer, project))
    assert response.status_code == 201
    assert Project.objects.get(pk=response.json()["id"]).organization == (
        outsider.memberships.get().organization
    )


def test_a_bad_file_is_422_naming_what_is_wrong_and_imports_nothing(write_token, project):
    before = Project.objects.count()
    response = _upload(write_token, b"{not json")
    assert response.status_code == 422
    assert "not valid JSON" in json.dumps(response.json())
    response = _upload(write_token, json.dumps({"format": "something else"}).encode())
    assert response.status_code == 422
    assert Project.objects.count() == before


def test_an_import_with_a_read_only_token_is_403(read_token, writer, project):
    response = _upload(read_token, _export(writer, project))
    assert response.status_code == 403


def test_every_question_of_the_bank_takes_back_the_value_the_api_reads(writer, project):
    """Every kind of question (records, places, languages, quantities, numbers, choices):
    a valid stored value written through the API is stored exactly, and reads back so."""
    from discovery.bank.model import sample_value

    for question in BANK.questions.values():
        value = sample_value(question)
        url = f"/projects/{project.pk}/answers/{question.id}"
        response = writer.send("PUT", url, {"value": value, "revision": 0})
        assert response.status_code == 200, (question.id, question.type, response.content)
        assert response.json()["value"] == value, (question.id, question.type)
    stored = dict(Answer.objects.filter(project=project).values_list("question_id", "value"))
    assert stored == {q.id: sample_value(q) for q in BANK.questions.values()}
