from __future__ import annotations

import pytest

from discovery import scenarios
from discovery.services import answers_load
from frameworks.services import framework_generate, section_note_save
from requirements_app.models import Requirement
from requirements_app.services import (
    requirement_create_manual,
    requirement_dismiss,
    requirement_update,
    requirements_sync,
)
from reviews import services as reviews
from tests.factories import MembershipFactory, OrganizationFactory, publish

HOSTILE = '=HYPERLINK("http://evil.example","x") <script>alert(1)</script>, "quoted"\nline two'


@pytest.fixture
def colleague(organization):
    return MembershipFactory(
        organization=organization,
        user__username="bob",
        user__first_name="Bob",
        user__last_name="Builder",
        user__email="bob@blueprint.example",
    ).user


@pytest.fixture
def rich_project(project, consultant, colleague):
    """A project with every kind of row the export covers."""
    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    answers_load(project=project, answers={"context.team_size": 4}, user=colleague)
    requirements_sync(project=project)
    first, second = list(Requirement.objects.filter(project=project).order_by("position")[:2])
    requirement_update(
        requirement=first,
        version=first.version,
        title="Every email becomes a ticket, fast",
        description=first.description,
        priority="must",
        user=colleague,
    )
    requirement_dismiss(
        requirement=second, version=second.version, reason="Client has it.", user=consultant
    )
    requirement_create_manual(
        project=project,
        kind="non_functional",
        category=first.category,
        title=HOSTILE,
        description="- starts with a minus\r\nand “quotes”",
        priority="could",
        user=consultant,
    )
    framework_generate(project=project, user=consultant)
    section_note_save(
        project=project,
        section="summary",
        note="Agreed in the workshop.",
        intro_override="",
        user=colleague,
    )
    section_note_save(
        project=project, section="staffing", note="", intro_override="Two shifts.", user=consultant
    )
    v1 = publish(project, user=consultant)
    rita = reviews.reviewer_invite(
        project=project,
        name="Rita Reviewer",
        email="rita@client.example",
        user=consultant,
        link_for=lambda token: token,
    ).reviewer
    reviews.reviewer_invite(
        project=project,
        name="Sam Sponsor",
        email="sam@client.example",
        user=colleague,
        link_for=lambda token: token,
    )
    thread = reviews.comment_add(
        version=v1, section="summary", body="Why only email?", reviewer=rita
    )
    reviews.comment_add(
        version=v1,
        section="summary",
        body="Chat comes in phase two.",
        parent_id=thread.pk,
        user=colleague,
    )
    reviews.comment_resolve(comment=thread, user=consultant)
    reviews.comment_add(version=v1, section="tools", body=HOSTILE, user=consultant)
    reviews.feedback_submit(
        version=v1,
        reviewer=rita,
        alignment="partly",
        alignment_comment="Mostly.",
        challenge="Agents in two time zones.",
    )
    reviews.version_approve(version=v1, reviewer=rita)
    section_note_save(
        project=project,
        section="summary",
        note="Revised after review.",
        intro_override="",
        user=consultant,
    )
    publish(project, user=consultant, change_summary="Summary revised.")
    project.refresh_from_db()
    return project


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Elsewhere Consulting", slug="elsewhere")


@pytest.fixture
def importer(other_organization):
    return MembershipFactory(organization=other_organization, user__username="carol").user
