"""An answer accepted from a suggestion traces to its sentence everywhere the answer is
shown as a reason: the requirement's trace, the traceability matrix, the framework's
why-traces and the frozen version's traceability, escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from discovery.scenarios import NORTHWIND
from discovery.services import answers_load, suggestion_decide
from frameworks.services import framework_generate
from requirements_app.services import requirements_sync
from tests.factories import ProjectFactory, publish

pytestmark = pytest.mark.django_db

NOTES = 'Support history must show up in HubSpot CRM <b>for "key" accounts</b> & partners.'
SHOWN = "We use it: Support history must show up in HubSpot CRM for &quot;key&quot; accounts &amp; partners."


@pytest.fixture
def project(organization, consultant):
    project = ProjectFactory(organization=organization, created_by=consultant)
    answers = {k: v for k, v in NORTHWIND.items() if not k.startswith("integrations.crm")}
    answers["integrations.crm"] = ["none"]
    answers_load(project=project, answers=answers, user=consultant)
    answers_load(
        project=project, answers={"integrations.notes": "We use it: " + NOTES}, user=consultant
    )
    answers_load(project=project, answers={"integrations.crm": None}, user=consultant)
    outcome = suggestion_decide(
        project=project,
        source_question_id="integrations.notes",
        key="integrations.crm+hubspot",
        accept=True,
        user=consultant,
    )
    assert outcome.error == ""
    requirements_sync(project=project)
    return project


def test_the_requirement_trace_shows_the_sentence(project, consultant_client):
    html = consultant_client.get(reverse("requirements:list", args=[project.pk])).content.decode()
    assert "Heard in “Anything else about integrations?”:" in html
    assert f"<q>{SHOWN}</q>" in html
    assert "<b>for" not in html


def test_the_matrix_shows_the_sentence(project, consultant_client):
    html = consultant_client.get(reverse("requirements:matrix", args=[project.pk])).content.decode()
    assert f"<q>{SHOWN}</q>" in html


def test_the_framework_and_the_frozen_version_show_the_sentence(
    project, consultant, consultant_client
):
    framework_generate(project=project, user=consultant)
    html = consultant_client.get(
        reverse("deliverables:framework", args=[project.pk])
    ).content.decode()
    assert f"<q>{SHOWN}</q>" in html
    version = publish(project, user=consultant)
    assert version.snapshot["answer_sources"]["integrations.crm"][0]["heard"] == "HubSpot CRM"
    page = consultant_client.get(
        reverse("deliverables:version", args=[project.pk, version.number])
    ).content.decode()
    assert f"<q>{SHOWN}</q>" in page


def test_the_sentence_goes_when_the_answer_no_longer_holds_it(
    project, consultant, consultant_client
):
    answers_load(project=project, answers={"integrations.crm": ["salesforce"]}, user=consultant)
    html = consultant_client.get(reverse("requirements:matrix", args=[project.pk])).content.decode()
    assert SHOWN not in html
