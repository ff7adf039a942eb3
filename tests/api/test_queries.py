"""The API's lists: their query count does not grow with the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from discovery.models import Answer
from reviews.models import Comment, Reviewer
from reviews.services import reviewer_invite
from tests.factories import ProjectFactory, publish

pytestmark = pytest.mark.django_db


def _count(api, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def _grow(project, n: int) -> None:
    now = timezone.now()
    start = Answer.objects.filter(project=project).count()
    Answer.objects.bulk_create(
        Answer(project=project, question_id=f"retired.q{i}", value=f"v{i}", updated_at=now)
        for i in range(start, start + n)
    )
    ProjectFactory.create_batch(n, organization=project.organization)
    version = project.proposal_versions.get()
    for i in range(n):
        reviewer = reviewer_invite(
            project=project, name=f"R {i}", email=f"r{i}@client.example", user=None, link_for=str
        ).reviewer
        Comment.objects.create(
            version=version,
            section="summary",
            body=f"Comment {i}",
            reviewer=reviewer,
            author_name=reviewer.name,
            created_at=now,
        )


def test_lists_cost_the_same_queries_over_a_little_data_and_a_lot(reader, project):
    publish(project)
    paths = [
        "/projects",
        f"/projects/{project.pk}/answers",
        f"/projects/{project.pk}/versions",
        f"/projects/{project.pk}/versions/1/comments",
        f"/projects/{project.pk}/approvals",
        f"/projects/{project.pk}/reviewers",
    ]
    _grow(project, 2)
    # The token's first use records it (once a minute): not part of any list's cost.
    reader.get("/projects")
    small = {path: _count(reader, path) for path in paths}
    _grow(project, 25)
    assert Reviewer.objects.filter(project=project).count() == 27
    large = {path: _count(reader, path) for path in paths}
    assert large == small
    assert max(large.values()) <= 8
