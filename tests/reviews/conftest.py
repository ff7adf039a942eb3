from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from discovery import scenarios
from discovery.services import answers_load
from reviews import services
from reviews.models import ProposalVersion, Reviewer
from tests.factories import publish as publish_overriding_check


@dataclass
class Link:
    reviewer: Reviewer
    token: str

    def url(self, name: str = "reviews:client_home", **kwargs: Any) -> str:
        return reverse(name, kwargs={"share_token": self.token, **kwargs})


def invite(
    project, user=None, name="Rita Reviewer", email="rita@client.example", days=None
) -> Link:
    invitation = services.reviewer_invite(
        project=project,
        name=name,
        email=email,
        user=user,
        link_for=lambda token: f"http://testserver/r/{token}/",
        days=days,
    )
    return Link(invitation.reviewer, invitation.token)


def publish(project, user=None, summary="") -> ProposalVersion:
    return publish_overriding_check(project, user=user, change_summary=summary)


def publish_next(project, user=None, summary="Next version.") -> ProposalVersion:
    """Change the draft (a section note), then publish it as the next version."""
    from frameworks.services import section_note_save

    count = ProposalVersion.objects.filter(project=project).count()
    section_note_save(
        project=project,
        section="summary",
        note=f"Revised after review round {count}.",
        intro_override="",
        user=user,
    )
    return publish(project, user, summary)


@pytest.fixture
def answered_project(project, consultant):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    return project


@pytest.fixture
def v1(answered_project, consultant) -> ProposalVersion:
    return publish(answered_project, consultant, "First version.")


@pytest.fixture
def link(answered_project, consultant) -> Link:
    return invite(answered_project, consultant)


@pytest.fixture
def reviewer_client() -> Client:
    return Client()
