"""The framework page says when it is out of date: a banner above the document when the
answers or the requirements moved since it was generated, naming what changed, with a
Regenerate button; none when nothing moved (or a change was undone), and none once the
framework is regenerated, even when regenerating changes nothing in it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from discovery.models import Project
from discovery.scenarios import VERDE
from discovery.services import answers_load
from frameworks.selectors import framework_staleness
from frameworks.services import framework_generate
from requirements_app.models import Requirement
from requirements_app.services import requirement_dismiss
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verde(organization, consultant) -> Project:
    project = ProjectFactory(organization=organization, created_by=consultant)
    answers_load(project=project, answers=VERDE, user=consultant)
    framework_generate(project=project, user=consultant)
    return project


def _banner(client: Client, project: Project) -> str:
    response = client.get(reverse("deliverables:framework", args=[project.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<section class="alert alert-warning stale-banner".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_no_banner_on_a_framework_that_says_what_the_answers_say(verde, consultant_client):
    assert framework_staleness(verde, verde.framework_generations.first()) is None
    assert _banner(consultant_client, verde) == ""


def test_an_answer_change_shows_the_banner_naming_the_question(
    verde, consultant, consultant_client
):
    answers_load(project=verde, answers={"context.coverage": "24x7"}, user=consultant)
    banner = _banner(consultant_client, verde)
    assert "This framework is out of date" in banner
    assert "The discovery answers changed since generation 1" in banner
    assert "1 answer changed:" in banner
    assert re.search(r'href="[^"]*/discovery/[^"#]*#[^"]+"', banner)  # to the question
    assert reverse("frameworks:generate", args=[verde.pk]) in banner
    assert "Regenerate now" in banner


def test_a_requirement_change_names_the_requirement(verde, consultant, consultant_client):
    requirement = Requirement.objects.filter(project=verde, dismissed=False).first()
    assert requirement is not None
    requirement_dismiss(
        requirement=requirement, version=requirement.version, reason="Not for us.", user=consultant
    )
    banner = _banner(consultant_client, verde)
    assert "The requirements changed since generation 1" in banner
    assert requirement.code in banner
    assert "(dismissed)" in banner


def test_a_change_undone_is_no_change(verde, consultant, consultant_client):
    before = VERDE["context.coverage"]
    answers_load(project=verde, answers={"context.coverage": "24x7"}, user=consultant)
    answers_load(project=verde, answers={"context.coverage": before}, user=consultant)
    assert _banner(consultant_client, verde) == ""


def test_regenerating_clears_it_even_when_the_framework_stays_the_same(
    verde, consultant, consultant_client
):
    # A generation whose recorded inputs no longer match, though the framework they give
    # is the same (as after an answer the generator words identically): regenerating
    # stores no new generation, and the one there now stands for the current inputs.
    verde.framework_generations.update(answers_hash="0" * 64, requirements_hash="0" * 64)
    assert _banner(consultant_client, verde) != ""
    assert framework_generate(project=verde, user=consultant).created is False
    assert _banner(consultant_client, verde) == ""


def test_what_the_client_types_is_escaped_in_the_banner(
    organization, consultant, consultant_client
):
    project = ProjectFactory(organization=organization, created_by=consultant)
    answers_load(project=project, answers=VERDE, user=consultant)
    framework_generate(project=project, user=consultant)
    requirement = Requirement.objects.filter(project=project).first()
    assert requirement is not None
    Requirement.objects.filter(pk=requirement.pk).update(
        title="<script>alert(1)</script>", updated_at=timezone.now()
    )
    banner = _banner(consultant_client, project)
    assert "<script>alert(1)</script>" not in banner
    assert "&lt;script&gt;" in banner
