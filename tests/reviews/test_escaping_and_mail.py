"""What people type is escaped on every review page and in every email; consultants are
notified in the app and by email, after commit."""

from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse

from frameworks.services import section_note_save
from reviews import services
from reviews.models import Notification
from tests.factories import MembershipFactory
from tests.reviews.conftest import invite, publish

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def _assert_escaped(content: bytes, where: str) -> None:
    text = content.decode()
    assert "<script>alert" not in text, where
    assert "<img src=x onerror" not in text, where
    assert ESCAPED in text, where


def test_user_text_is_escaped_on_every_page(
    answered_project, consultant, consultant_client, django_capture_on_commit_callbacks
):
    answered_project.client_name = f"ACME {EVIL}"
    answered_project.save()
    section_note_save(
        project=answered_project,
        section="tools",
        note=f"Note {EVIL}",
        intro_override="",
        user=consultant,
    )
    v1 = publish(answered_project, consultant, f"Summary {EVIL}")
    link = invite(answered_project, consultant, name=f"Rita {EVIL}")
    comment = services.comment_add(
        version=v1, section="tools", body=f"Comment {EVIL}", reviewer=link.reviewer
    )
    services.comment_add(
        version=v1, section="tools", body=f"Reply {EVIL}", parent_id=comment.pk, user=consultant
    )
    services.feedback_submit(
        version=v1,
        reviewer=link.reviewer,
        alignment="partly",
        alignment_comment=f"Why {EVIL}",
        challenge=f"Challenge {EVIL}",
    )
    section_note_save(
        project=answered_project,
        section="tools",
        note=f"Second {EVIL}",
        intro_override=f"Intro {EVIL}",
        user=consultant,
    )
    publish(answered_project, consultant, f"Second {EVIL}")
    services.version_approve(
        version=answered_project.proposal_versions.get(number=2), reviewer=link.reviewer
    )
    pk = answered_project.pk
    pages = {
        "index": (consultant_client, reverse("reviews:index", args=[pk])),
        "consultant v1": (consultant_client, reverse("deliverables:version", args=[pk, 1])),
        "consultant v2": (consultant_client, reverse("deliverables:version", args=[pk, 2])),
        "consultant diff": (consultant_client, reverse("reviews:diff", args=[pk]) + "?from=1&to=2"),
        "notifications": (consultant_client, reverse("reviews:notifications")),
        "client v1": (Client(), link.url("deliverables:client_version", number=1)),
        "client v2": (Client(), link.url("deliverables:client_version", number=2)),
        "client diff": (Client(), link.url("reviews:client_diff") + "?from=1&to=2"),
    }
    for where, (client, url) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        _assert_escaped(response.content, where)


def test_every_email_escapes_user_text(
    answered_project, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        v1 = publish(answered_project, consultant)
        link = invite(answered_project, consultant, name=f"Rita {EVIL}")
        services.comment_add(
            version=v1, section="tools", body=f"Comment {EVIL}", reviewer=link.reviewer
        )
        services.feedback_submit(
            version=v1,
            reviewer=link.reviewer,
            alignment="no",
            alignment_comment=f"Why {EVIL}",
            challenge=f"Challenge {EVIL}",
        )
        services.version_approve(version=v1, reviewer=link.reviewer)
    assert len(mail.outbox) == 4  # invitation, comment, feedback, approval
    for message in mail.outbox:
        assert "\n" not in message.subject
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        _assert_escaped(html.encode(), message.subject)
        # The plain-text part carries the words as typed; nothing there is markup.
        assert message.content_subtype == "plain"


def test_consultants_are_notified_of_client_activity_after_commit(
    answered_project, consultant, organization, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(organization=organization, user__username="bob").user
    stranger = MembershipFactory(user__username="eve").user
    v1 = publish(answered_project, consultant)
    link = invite(answered_project, consultant)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.comment_add(version=v1, section="tools", body="Hello", reviewer=link.reviewer)
    assert mail.outbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {consultant.email, colleague.email}
    assert Notification.objects.filter(user=stranger).count() == 0
    assert Notification.objects.filter(user=consultant, kind="comment").count() == 1
    # A consultant's own comment notifies nobody.
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(version=v1, section="tools", body="Reply", user=consultant)
    assert len(mail.outbox) == 1


def test_the_unread_indicator_and_marking_read(answered_project, consultant, consultant_client):
    v1 = publish(answered_project, consultant)
    link = invite(answered_project, consultant)
    services.comment_add(version=v1, section="tools", body="Hello", reviewer=link.reviewer)
    services.version_approve(version=v1, reviewer=link.reviewer)
    page = consultant_client.get(reverse("reviews:notifications"))
    # Screen readers hear the count as words; the digit is for the eye.
    assert b'<span class="visually-hidden">, 2 unread</span>' in page.content
    assert b"Rita Reviewer approved v1" in page.content
    approval = Notification.objects.get(user=consultant, kind="approval")
    response = consultant_client.post(reverse("reviews:notification_open", args=[approval.pk]))
    assert response["Location"] == reverse("deliverables:version", args=[answered_project.pk, 1])
    assert (
        b'<span class="visually-hidden">, 1 unread</span>'
        in consultant_client.get(reverse("reviews:notifications")).content
    )
    consultant_client.post(reverse("reviews:notifications_read"))
    assert b'unread"' not in consultant_client.get(reverse("reviews:notifications")).content
    assert not Notification.objects.filter(user=consultant, read_at__isnull=True).exists()
