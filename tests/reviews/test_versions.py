"""Publishing, immutability, comments across versions, feedback, challenges, approval."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from discovery.models import Answer, Project
from frameworks.models import FrameworkGeneration
from requirements_app.models import Requirement
from reviews import selectors, services
from reviews.models import Approval, ImmutableVersionError, ProposalVersion
from tests.reviews.conftest import invite, publish, publish_next


def test_publishing_freezes_answers_requirements_framework_and_catalogues(v1, answered_project):
    snapshot = v1.snapshot
    assert v1.number == 1
    assert snapshot["answers"] == dict(
        Answer.objects.filter(project=answered_project).values_list("question_id", "value")
    )
    codes = set(
        Requirement.objects.filter(project=answered_project, dismissed=False).values_list(
            "code", flat=True
        )
    )
    assert {r["code"] for r in snapshot["requirements"]} == codes
    generation = FrameworkGeneration.objects.filter(project=answered_project).first()
    assert snapshot["framework"] == generation.data
    assert {"catalogue", "platforms", "kpis", "question_bank", "requirement_rules"} <= set(
        snapshot["catalogue_versions"]
    )
    assert snapshot["questions"]["objective.challenge"]["label"]
    answered_project.refresh_from_db()
    assert answered_project.stage == Project.Stage.REVIEW


def test_publish_generates_the_framework_when_missing(answered_project, consultant):
    assert not FrameworkGeneration.objects.filter(project=answered_project).exists()
    version = publish(answered_project, consultant)
    assert version.snapshot["framework"]["sections"]
    assert version.snapshot["framework_generation"] == 1


def test_content_hash_is_stable_and_recomputable(v1):
    stored = ProposalVersion.objects.get(pk=v1.pk)
    assert stored.content_hash == services.snapshot_hash(stored.snapshot)
    assert len(stored.content_hash) == 64


def test_a_published_version_cannot_change(v1):
    v1.change_summary = "Rewritten history"
    with pytest.raises(ImmutableVersionError):
        v1.save()
    with pytest.raises(ImmutableVersionError):
        ProposalVersion.objects.filter(pk=v1.pk).update(change_summary="x")
    assert ProposalVersion.objects.get(pk=v1.pk).change_summary == "First version."


def test_version_numbers_are_unique_per_project(v1):
    with pytest.raises(IntegrityError):
        ProposalVersion.objects.create(
            project=v1.project,
            number=1,
            snapshot={},
            content_hash="x",
            published_at=v1.published_at,
        )


def test_unchanged_content_is_not_published_again(v1, answered_project, consultant):
    with pytest.raises(services.ReviewError, match="Nothing changed since v1"):
        publish(answered_project, consultant, "Again")
    assert ProposalVersion.objects.filter(project=answered_project).count() == 1


def test_later_versions_need_a_change_summary(v1, answered_project, consultant):
    with pytest.raises(services.ReviewError, match="Say what changed"):
        publish_next(answered_project, consultant, "")


def test_working_on_the_draft_leaves_the_published_version_alone(v1, answered_project, consultant):
    from requirements_app.services import requirement_create_manual

    before = ProposalVersion.objects.get(pk=v1.pk)
    requirement_create_manual(
        project=answered_project,
        kind="functional",
        category="ticket_management",
        title="Later idea",
        description="x",
        priority="could",
        user=consultant,
    )
    after = ProposalVersion.objects.get(pk=v1.pk)
    assert after.snapshot == before.snapshot
    assert after.content_hash == before.content_hash
    v2 = publish(answered_project, consultant, "Added the later idea.")
    assert v2.number == 2
    assert "Later idea" in {r["title"] for r in v2.snapshot["requirements"]}
    assert v2.content_hash != v1.content_hash


def test_approval_records_the_audit_trail_and_approves_the_project(v1, link, answered_project):
    approval = services.version_approve(version=v1, reviewer=link.reviewer)
    assert approval.reviewer_name == "Rita Reviewer"
    assert approval.reviewer_email == "rita@client.example"
    assert approval.content_hash == v1.content_hash
    assert approval.approved_at is not None
    answered_project.refresh_from_db()
    assert answered_project.stage == Project.Stage.APPROVED
    # Approving twice keeps the first record.
    assert services.version_approve(version=v1, reviewer=link.reviewer).pk == approval.pk


def test_a_new_version_after_approval_reopens_the_review(v1, link, answered_project, consultant):
    services.version_approve(version=v1, reviewer=link.reviewer)
    v2 = publish_next(answered_project, consultant, "Changed after approval.")
    answered_project.refresh_from_db()
    assert answered_project.stage == Project.Stage.REVIEW
    # The old version cannot be approved any more; the new one must be.
    with pytest.raises(services.ReviewError, match="superseded"):
        services.version_approve(version=v1, reviewer=link.reviewer)
    services.version_approve(version=v2, reviewer=link.reviewer)
    answered_project.refresh_from_db()
    assert answered_project.stage == Project.Stage.APPROVED
    assert list(
        Approval.objects.order_by("approved_at").values_list("version__number", flat=True)
    ) == [1, 2]


def test_approving_through_the_link(v1, link, reviewer_client, answered_project):
    response = reviewer_client.post(
        link.url("reviews:client_approve", number=1), {"typed_name": "Rita Reviewer"}
    )
    assert response.status_code == 302
    assert Approval.objects.filter(version=v1, reviewer=link.reviewer).exists()
    page = reviewer_client.get(link.url("deliverables:client_version", number=1))
    assert b"You approved v1" in page.content


def test_comments_stay_with_their_version_and_show_as_carried_over_or_addressed(
    v1, link, answered_project, consultant
):
    open_ = services.comment_add(
        version=v1, section="tools", body="Open question", reviewer=link.reviewer
    )
    done = services.comment_add(
        version=v1, section="summary", body="Fixed this", reviewer=link.reviewer
    )
    services.comment_add(
        version=v1, section="summary", body="Done.", parent_id=done.pk, user=consultant
    )
    services.comment_resolve(comment=done, user=consultant)
    v2 = publish_next(answered_project, consultant, "v2")
    assert open_.version_id == v1.pk
    assert not v2.comments.exists()
    earlier = selectors.earlier_threads(v2)
    assert [t.status for t in earlier["tools"]] == ["carried over"]
    assert [t.status for t in earlier["summary"]] == ["addressed"]
    assert [r.body for r in earlier["summary"][0].replies] == ["Done."]
    counts = selectors.review_context(v2)["unresolved"]
    assert counts == {"tools": 1}
    # On v3 the still-open comment is carried again; the addressed one is history.
    v3 = publish_next(answered_project, consultant, "v3")
    earlier = selectors.earlier_threads(v3)
    assert set(earlier) == {"tools"}


def test_unresolved_counts_per_section_and_per_version(v1, link, consultant, consultant_client):
    for section in ("tools", "tools", "metrics"):
        services.comment_add(version=v1, section=section, body="?", reviewer=link.reviewer)
    assert selectors.review_context(v1)["unresolved"] == {"tools": 2, "metrics": 1}
    assert selectors.unresolved_by_version(v1.project) == {1: 3}
    page = consultant_client.get(reverse("deliverables:version", args=[v1.project_id, 1]))
    assert b"<strong>3</strong> open comments" in page.content


def test_resolve_and_reopen(v1, link, consultant, consultant_client, reviewer_client):
    comment = services.comment_add(version=v1, section="tools", body="?", reviewer=link.reviewer)
    url = reverse("reviews:resolve", args=[v1.project_id, comment.pk])
    assert consultant_client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_at
    assert comment.resolved_by_name
    # The reviewer may reopen it through the link.
    reviewer_client.post(link.url("reviews:client_reopen", comment_id=comment.pk))
    comment.refresh_from_db()
    assert comment.resolved_at is None
    consultant_client.post(url)
    consultant_client.post(reverse("reviews:reopen", args=[v1.project_id, comment.pk]))
    comment.refresh_from_db()
    assert comment.resolved_at is None


def test_a_client_reply_reopens_a_resolved_thread(v1, link, consultant):
    comment = services.comment_add(version=v1, section="tools", body="?", reviewer=link.reviewer)
    services.comment_resolve(comment=comment, user=consultant)
    reply = services.comment_add(
        version=v1, section="", body="Not quite", parent_id=comment.pk, reviewer=link.reviewer
    )
    comment.refresh_from_db()
    assert reply.parent_id == comment.pk
    assert reply.section == "tools"
    assert comment.resolved_at is None


def test_comments_record_their_author(v1, link, consultant):
    by_client = services.comment_add(version=v1, section="tools", body="a", reviewer=link.reviewer)
    by_consultant = services.comment_add(version=v1, section="tools", body="b", user=consultant)
    assert by_client.by_client
    assert by_client.author_name == "Rita Reviewer"
    assert not by_consultant.by_client
    assert by_consultant.author_id == consultant.pk


def test_comment_validation(v1, link):
    with pytest.raises(services.ReviewError):
        services.comment_add(version=v1, section="nowhere", body="x", reviewer=link.reviewer)
    with pytest.raises(services.ReviewError):
        services.comment_add(version=v1, section="tools", body="   ", reviewer=link.reviewer)
    with pytest.raises(services.ReviewError):
        services.comment_add(version=v1, section="tools", body="x" * 5001, reviewer=link.reviewer)
    # An element id that is not in the section is dropped, not stored.
    comment = services.comment_add(
        version=v1, section="tools", body="x", element_id="bogus", reviewer=link.reviewer
    )
    assert comment.element_id == ""


def test_feedback_and_the_challenge_becomes_a_requirement(
    v1, link, answered_project, consultant, consultant_client
):
    feedback = services.feedback_submit(
        version=v1,
        reviewer=link.reviewer,
        alignment="partly",
        alignment_comment="Mostly.",
        challenge="Our agents work in two time zones.",
    )
    response = consultant_client.post(
        reverse("reviews:challenge", args=[answered_project.pk, feedback.pk]),
        {
            "target": "requirement",
            "kind": "functional",
            "category": "ticket_management",
            "priority": "must",
        },
    )
    assert response.status_code == 302
    requirement = Requirement.objects.get(
        project=answered_project, title="Our agents work in two time zones."
    )
    assert requirement.origin == "manual"
    assert requirement.priority == "must"
    assert requirement.rationale.startswith("Client feedback on v1")
    feedback.refresh_from_db()
    assert feedback.challenge_handled_as == "requirement"
    assert feedback.challenge_handled_ref == requirement.code
    # Only once.
    with pytest.raises(services.ReviewError):
        services.challenge_to_requirement(
            feedback=feedback,
            user=consultant,
            kind="functional",
            category="ticket_management",
            priority="must",
        )
    v2 = publish(answered_project, consultant, "Time zones.")
    diff = selectors.version_diff(v1, v2)
    assert [r["code"] for r in diff["requirements"]["added"]] == [requirement.code]


def test_the_challenge_becomes_a_discovery_answer(v1, link, answered_project, consultant):
    feedback = services.feedback_submit(
        version=v1,
        reviewer=link.reviewer,
        alignment="no",
        alignment_comment="",
        challenge="Peak season triples the volume.",
    )
    before = Answer.objects.get(
        project=answered_project, question_id="objective.challenge_detail"
    ).value
    services.challenge_to_answer(feedback=feedback, user=consultant)
    after = Answer.objects.get(
        project=answered_project, question_id="objective.challenge_detail"
    ).value
    assert after.startswith(before)
    assert after.endswith("Client feedback on v1: Peak season triples the volume.")
    v2 = publish(answered_project, consultant, "Peak season.")
    diff = selectors.version_diff(v1, v2)
    assert any("Peak season" in a["new"] for a in diff["answers"])


def test_feedback_is_one_per_reviewer_per_version_and_can_be_changed(v1, link, reviewer_client):
    url = link.url("reviews:client_feedback", number=1)
    reviewer_client.post(url, {"alignment": "partly", "alignment_comment": "", "challenge": "A"})
    reviewer_client.post(url, {"alignment": "yes", "alignment_comment": "", "challenge": ""})
    assert v1.feedback.count() == 1
    assert v1.feedback.get().alignment == "yes"
    # Missing answer: a message, nothing stored.
    response = reviewer_client.post(url, {"alignment": "maybe"}, follow=True)
    assert b"Say whether the proposal aligns" in response.content
    assert v1.feedback.get().alignment == "yes"


def test_the_diff_shows_sections_requirements_and_notes(
    v1, answered_project, consultant, consultant_client, link, reviewer_client
):
    v2 = publish_next(answered_project, consultant, "Note added.")
    diff = selectors.version_diff(v1, v2)
    assert diff["has_changes"]
    assert diff["notes"]
    assert diff["notes"][0]["new"]["note"].startswith("Revised")
    for client, url in (
        (consultant_client, reverse("reviews:diff", args=[answered_project.pk]) + "?from=1&to=2"),
        (reviewer_client, link.url("reviews:client_diff") + "?from=1&to=2"),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert b"Revised after review round" in page.content
    # Nonsense or unknown versions: 404 (the uniform one for the client).
    assert (
        consultant_client.get(
            reverse("reviews:diff", args=[answered_project.pk]) + "?from=x"
        ).status_code
        == 404
    )
    assert reviewer_client.get(link.url("reviews:client_diff") + "?from=1&to=9").status_code == 404


def test_invite_shows_the_link_once_and_revoke_closes_it(
    answered_project, consultant_client, v1, mailoutbox, django_capture_on_commit_callbacks
):
    index_url = reverse("reviews:index", args=[answered_project.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = consultant_client.post(
            reverse("reviews:invite", args=[answered_project.pk]),
            {"name": "Carl", "email": "carl@client.example"},
        )
    # Post/redirect/get: the result page is a GET, so a reload sends nothing again.
    assert response.status_code == 302
    assert response["Location"] == index_url + "#new-link"
    shown = consultant_client.get(index_url)
    assert shown["Cache-Control"] == "no-store"
    link = shown.context["new_link"]
    assert "/r/" in link
    assert link.encode() in shown.content
    assert b'data-copy-target="new-link"' in shown.content
    # Reloading shows it no more, and invites nobody again.
    again = consultant_client.get(index_url)
    assert link.encode() not in again.content
    assert answered_project.reviewers.count() == 1
    assert len(mailoutbox) == 1
    from django.test import Client

    assert Client().get(link).status_code == 302
    reviewer = answered_project.reviewers.get(name="Carl")
    consultant_client.post(reverse("reviews:revoke", args=[answered_project.pk, reviewer.pk]))
    assert Client().get(link).status_code == 404


def test_invite_validation_keeps_what_was_typed(answered_project, consultant_client):
    response = consultant_client.post(
        reverse("reviews:invite", args=[answered_project.pk]),
        {"name": "Carl", "email": "not-an-email"},
    )
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert b'value="Carl"' in response.content
    assert not answered_project.reviewers.exists()


def test_no_version_yet_shows_a_waiting_page(answered_project, consultant):
    from django.test import Client

    link = invite(answered_project, consultant)
    page = Client().get(link.url())
    assert page.status_code == 200
    assert b"has not published a proposal" in page.content


def test_a_new_link_replaces_the_old_one_and_keeps_the_reviewers_history(
    answered_project, consultant_client, v1, mailoutbox, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    from reviews.models import Comment

    with django_capture_on_commit_callbacks(execute=True):
        consultant_client.post(
            reverse("reviews:invite", args=[answered_project.pk]),
            {"name": "Carl", "email": "carl@client.example"},
        )
    old_link = consultant_client.get(reverse("reviews:index", args=[answered_project.pk])).context[
        "new_link"
    ]
    reviewer = answered_project.reviewers.get(name="Carl")
    services.comment_add(version=v1, section="tools", body="Why Zendesk?", reviewer=reviewer)
    # The link was forwarded, then revoked; later it would have expired anyway.
    consultant_client.post(reverse("reviews:revoke", args=[answered_project.pk, reviewer.pk]))
    type(reviewer).objects.filter(pk=reviewer.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    index = consultant_client.get(
        reverse("reviews:index", args=[answered_project.pk])
    ).content.decode()
    assert "New link</button>" in index

    with django_capture_on_commit_callbacks(execute=True):
        posted = consultant_client.post(
            reverse("reviews:reissue", args=[answered_project.pk, reviewer.pk])
        )
    assert posted.status_code == 302
    response = consultant_client.get(posted["Location"])
    assert response["Cache-Control"] == "no-store"
    new_link = response.context["new_link"]
    assert new_link != old_link
    assert new_link in response.content.decode()
    assert "earlier link no longer opens anything" in response.content.decode()
    # The old link is dead, the new one opens, for the same reviewer with their comment.
    assert Client().get(old_link).status_code == 404
    assert Client().get(new_link).status_code == 302
    reviewer.refresh_from_db()
    assert reviewer.revoked_at is None
    assert reviewer.expires_at > timezone.now() + timedelta(days=1)
    assert Comment.objects.get(reviewer=reviewer).body == "Why Zendesk?"
    assert answered_project.reviewers.count() == 1
    # Emailed to them, saying it replaces the earlier one; shown nowhere else afterwards.
    assert [m.to for m in mailoutbox] == [["carl@client.example"], ["carl@client.example"]]
    assert "new review link" in mailoutbox[-1].subject
    assert new_link in mailoutbox[-1].body
    assert "earlier link no longer opens it" in mailoutbox[-1].body
    index = consultant_client.get(reverse("reviews:index", args=[answered_project.pk]))
    assert new_link.encode() not in index.content
