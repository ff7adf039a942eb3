"""A proposal page makes as many queries with 200 comments as with 2."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews import services
from reviews.models import Comment
from tests.reviews.conftest import invite, publish, publish_next

SECTIONS = (
    "summary",
    "architecture",
    "tools",
    "workflow",
    "metrics",
    "action_plan",
    "requirements",
)


def _comments(version, reviewer, consultant, count: int) -> None:
    now = timezone.now()
    top = Comment.objects.bulk_create(
        Comment(
            version=version,
            section=SECTIONS[i % len(SECTIONS)],
            body=f"Comment {i}",
            reviewer=reviewer,
            author_name=reviewer.name,
            created_at=now,
            resolved_at=now if i % 3 == 0 else None,
        )
        for i in range(count // 2)
    )
    Comment.objects.bulk_create(
        Comment(
            version=version,
            section=parent.section,
            parent=parent,
            body="Reply",
            author=consultant,
            author_name="Alice",
            created_at=now,
        )
        for parent in top[: count - len(top)]
    )


def _world(project, consultant, count):
    v1 = publish(project, consultant)
    link = invite(project, consultant)
    _comments(v1, link.reviewer, consultant, count)
    services.feedback_submit(
        version=v1, reviewer=link.reviewer, alignment="partly", alignment_comment="", challenge="x"
    )
    v2 = publish_next(project, consultant, "v2")
    _comments(v2, link.reviewer, consultant, count)
    services.version_approve(version=v2, reviewer=link.reviewer)
    return link


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _pages(project, link):
    return {
        "consultant version": reverse("deliverables:version", args=[project.pk, 2]),
        "consultant index": reverse("reviews:index", args=[project.pk]),
        "consultant diff": reverse("reviews:diff", args=[project.pk]),
        "client version": link.url("deliverables:client_version", number=2),
        "client diff": link.url("reviews:client_diff"),
    }


def test_proposal_pages_do_not_grow_with_comments(
    answered_project, consultant, consultant_client, organization
):
    from discovery import scenarios
    from discovery.services import answers_load
    from tests.factories import ProjectFactory

    small_link = _world(answered_project, consultant, 2)
    large = ProjectFactory(organization=organization)
    answers_load(project=large, answers=scenarios.NORTHWIND, user=consultant)
    large_link = _world(large, consultant, 200)
    assert Comment.objects.filter(version__project=large).count() == 400
    small_pages, large_pages = _pages(answered_project, small_link), _pages(large, large_link)
    for name in small_pages:
        client = (
            consultant_client if name.startswith("consultant") else consultant_client.__class__()
        )
        # Once first, each: a browser that opened a link skips the guessing limit's count.
        client.get(small_pages[name])
        client.get(large_pages[name])
        small = _count(client, small_pages[name])
        big = _count(client, large_pages[name])
        assert small == big, (name, small, big)
        # The page, its comments, the PDF panel, the badge, the imported approvals, the
        # proposal check's record and its overrides, the navigation's organizations.
        assert big <= 19, (name, big)
