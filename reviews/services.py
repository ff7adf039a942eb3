"""Writes for the review loop: publish versions, invite and revoke reviewers, comment,
feedback, approval, turning a client's challenge into project input, notifications."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.events import event_raise
from accounts.mail import email_queue
from discovery.bank import BANK
from discovery.models import Answer, Project
from discovery.selectors import answer_sources, answers_for_project
from discovery.services import answers_load
from frameworks import outline
from frameworks.selectors import answer_displays, notes_by_section
from frameworks.services import SECTION_KEYS, framework_generate, generation_check
from requirements_app.catalogue import rule_catalogue
from requirements_app.models import Requirement
from requirements_app.services import requirement_create_manual

from .models import (
    Approval,
    CheckOverride,
    Comment,
    Feedback,
    Notification,
    ProposalVersion,
    Reviewer,
    SectionRead,
    VersionCheck,
)
from .selectors import discovery_gaps

# Sections a comment can be anchored to: the document's (frameworks.outline), plus its
# requirements and the traceability appendix.
COMMENT_SECTIONS = (*SECTION_KEYS, "requirements", "traceability")
# Sections a reviewer marks as reviewed in the guided read (the same set).
READABLE_SECTIONS = COMMENT_SECTIONS
CHALLENGE_QUESTION = "objective.challenge_detail"
MAX_TEXT = 5000


class ReviewError(Exception):
    """A request the review loop refuses, with a message for the person who made it."""


MIN_OVERRIDE_REASON = 10
MAX_OVERRIDE_REASON = 2000


class PublishBlocked(ReviewError):
    """Publish stopped, with everything that stopped it at once, so the consultant answers
    it in one go: the proposal check's blocking findings that are neither fixed nor
    overridden with a reason (`findings`, as stored dicts; `errors` maps a finding's key to
    what is wrong with its override), and an incomplete discovery not confirmed
    (`incomplete`: its percentage and how many needed questions have no answer)."""

    def __init__(
        self,
        findings: list[dict[str, Any]],
        errors: dict[str, str],
        incomplete: tuple[int, int] | None = None,
    ) -> None:
        self.findings = findings
        self.errors = errors
        self.incomplete = incomplete
        parts = []
        if errors:
            count = len(findings)
            parts.append(
                "The proposal check found {count} blocking finding{s}: fix each, or override "
                "it with the reason it can go to the client as it is.".format(
                    count=count, s="s" if count != 1 else ""
                )
            )
        if incomplete is not None:
            percent, gaps = incomplete
            parts.append(
                "Discovery is {percent}% complete ({gaps} question{s} the proposal needs "
                "{have} no answer): answer them, or confirm that it goes to the client as "
                "it is.".format(
                    percent=percent,
                    gaps=gaps,
                    s="s" if gaps != 1 else "",
                    have="have" if gaps != 1 else "has",
                )
            )
        super().__init__(" ".join(parts))


def _override_errors(blocking: list[dict[str, Any]], overrides: dict[str, str]) -> dict[str, str]:
    errors = {}
    for finding in blocking:
        reason = (overrides.get(finding["key"]) or "").strip()
        if finding["key"] not in overrides:
            errors[finding["key"]] = ""
        elif len(reason) < MIN_OVERRIDE_REASON:
            errors[finding["key"]] = "Say why this can go to the client as it is, in a sentence."
        elif len(reason) > MAX_OVERRIDE_REASON:
            errors[finding["key"]] = f"Keep the reason under {MAX_OVERRIDE_REASON:,} characters."
    return errors


# --- tokens ------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def reviewer_for_token(token: str) -> Reviewer | None:
    """The reviewer whose link this is, if the link is still good (not expired, not
    revoked). Every failure looks the same to the caller."""
    if not token or len(token) > 100:
        return None
    reviewer = (
        Reviewer.objects.filter(token_hash=token_hash(token))
        .select_related("project__organization")
        .first()
    )
    now = timezone.now()
    if reviewer is None or reviewer.revoked_at is not None or reviewer.expires_at <= now:
        return None
    return reviewer


def reviewer_touch(reviewer: Reviewer) -> None:
    now = timezone.now()
    Reviewer.objects.filter(pk=reviewer.pk).update(last_used_at=now)
    reviewer.last_used_at = now


# --- versions ----------------------------------------------------------------------------


def _canonical(data: Any) -> Any:
    return json.loads(json.dumps(data, sort_keys=True, default=str))


def snapshot_hash(snapshot: Any) -> str:
    encoded = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _requirements_snapshot(project: Project) -> list[dict[str, Any]]:
    catalogue = rule_catalogue()
    names = {c.id: c.name for c in catalogue.categories}
    rows = []
    for r in Requirement.objects.filter(project=project, dismissed=False):
        rows.append(
            {
                "code": r.code,
                "title": r.title,
                "description": r.description,
                "kind": r.kind,
                "kind_display": r.get_kind_display(),
                "category": r.category,
                "category_name": names.get(r.category, r.category),
                "priority": r.priority,
                "priority_display": r.get_priority_display(),
                "origin": r.origin,
                "rationale": r.rationale,
                "acceptance_criteria": r.acceptance_criteria,
                "attributes": r.attributes,
                "answers": [ref["question_id"] for ref in r.trace.get("inputs", [])],
            }
        )
    return rows


def snapshot_build(project: Project, framework: dict[str, Any], generation: int) -> dict[str, Any]:
    answers = answers_for_project(project)
    requirements = _requirements_snapshot(project)
    referenced = set(answers)
    for requirement in requirements:
        referenced.update(requirement["answers"])
    for section in framework.get("sections", []):
        for element in section.get("elements", []):
            referenced.update((element.get("trace") or {}).get("answers", []))
    notes = {
        key: {"intro_override": note.intro_override, "note": note.note}
        for key, note in notes_by_section(project).items()
    }
    return _canonical(
        {
            "project": {
                "name": project.name,
                "client_name": project.client_name,
                "industry": project.industry,
                "organization": project.organization.name,
            },
            "answers": answers,
            "answer_display": answer_displays(answers),
            # The sentences of the client's text that answers were accepted from.
            "answer_sources": answer_sources(project, answers),
            "questions": {
                qid: {"label": BANK.questions[qid].label, "step": BANK.questions[qid].step}
                for qid in sorted(referenced)
                if qid in BANK.questions
            },
            "requirements": requirements,
            "framework": framework,
            "framework_generation": generation,
            "notes": notes,
            "catalogue_versions": {
                **framework.get("catalogue_versions", {}),
                "requirement_rules": rule_catalogue().version,
            },
        }
    )


def _version_event(version: ProposalVersion, event: str, **data: Any) -> None:
    """Tell the organization's webhooks (accounts.events) about `version`: ids and the
    consultant's URLs only, never a reviewer's link."""
    project_id, number = version.project_id, version.number
    site = settings.SITE_URL
    payload = {
        "project": {
            "id": project_id,
            "url": site + reverse("discovery:project_detail", args=[project_id]),
        },
        "version": {
            "id": version.pk,
            "number": number,
            "url": site + reverse("deliverables:version", args=[project_id, number]),
            "api_url": f"{site}/api/v1/projects/{project_id}/versions/{number}",
        },
        **data,
    }
    event_raise(version.project.organization, event, payload)


def version_publish(
    *,
    project: Project,
    change_summary: str,
    user: User | None,
    overrides: dict[str, str] | None = None,
    override_all: str = "",
    incomplete_confirmed: bool = False,
) -> ProposalVersion:
    """Freeze the current answers, requirements and framework as the next version. The
    framework is regenerated first (a no-op when nothing moved), so the three always agree.
    Publishing content identical to the last version is refused.

    The proposal check runs on what would be published: each blocking finding must be
    fixed, or overridden in `overrides` (finding key -> reason), or all at once with the one
    reason `override_all`. A discovery with needed questions unanswered publishes only
    with `incomplete_confirmed` (the client would read "not covered in discovery yet" where
    the answers belong). Otherwise PublishBlocked names all that stopped it and nothing is
    published. Overrides are recorded on the version, who, when and why; the check's
    findings are kept with it for the consultant.
    """
    change_summary = change_summary.strip()
    if len(change_summary) > MAX_TEXT:
        raise ReviewError("Keep the change summary under 5,000 characters.")
    # Regenerated and kept even when the check then blocks: the framework page shows the
    # findings on exactly what Publish checked.
    framework_generate(project=project, user=user)
    return _publish(
        project, change_summary, user, overrides or {}, override_all.strip(), incomplete_confirmed
    )


@transaction.atomic
def _publish(
    project: Project,
    change_summary: str,
    user: User | None,
    overrides: dict[str, str],
    override_all: str,
    incomplete_confirmed: bool,
) -> ProposalVersion:
    project = Project.objects.select_for_update().select_related("organization").get(pk=project.pk)
    generation = framework_generate(project=project, user=user).generation
    snapshot = snapshot_build(project, generation.data, generation.number)
    content_hash = snapshot_hash(snapshot)
    last = ProposalVersion.objects.filter(project=project).only("number", "content_hash").first()
    if last is not None and last.content_hash == content_hash:
        raise ReviewError(
            f"Nothing changed since v{last.number}: change the answers, the requirements or "
            "a section note first."
        )
    if last is not None and not change_summary:
        raise ReviewError("Say what changed since the last version: the client reads it first.")
    result = generation_check(generation)
    findings = result.get("findings", [])
    blocking = [f for f in findings if f.get("severity") == "blocking"]
    if override_all:
        overrides = {
            **{f["key"]: override_all for f in blocking},
            **{k: v for k, v in overrides.items() if v.strip()},
        }
    errors = _override_errors(blocking, overrides)
    percent, gaps = discovery_gaps(project)
    incomplete = (percent, len(gaps)) if gaps and not incomplete_confirmed else None
    if errors or incomplete:
        raise PublishBlocked(blocking, errors, incomplete)
    number = (last.number if last else 0) + 1
    now = timezone.now()
    version = ProposalVersion.objects.create(
        project=project,
        number=number,
        change_summary=change_summary or "First version.",
        snapshot=snapshot,
        content_hash=content_hash,
        published_at=now,
        published_by=user,
    )
    VersionCheck.objects.create(
        version=version,
        rules_version=str(result.get("version", "")),
        findings=findings,
        checked_at=now,
    )
    name = (user.get_full_name() or user.username) if user is not None else "unknown"
    CheckOverride.objects.bulk_create(
        CheckOverride(
            version=version,
            finding_key=f["key"],
            rule=f["rule"],
            section=f["section"],
            element_id=f["element_id"][:160],
            element_title=f["element_title"][:300],
            explanation=f["explanation"][:2000],
            reason=overrides[f["key"]].strip(),
            overridden_by=user,
            overridden_by_name=name[:200],
            overridden_at=now,
        )
        for f in blocking
    )
    # A new version reopens the review, even after an approval: approval is per version.
    if project.stage != Project.Stage.REVIEW:
        project.stage = Project.Stage.REVIEW
        project.save(update_fields=["stage", "updated_at"])
    _version_event(version, "version_published", published_at=now.isoformat())
    return version


def _latest_number(project: Project) -> int:
    return ProposalVersion.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0


# --- reviewers ---------------------------------------------------------------------------


@dataclass
class Invitation:
    reviewer: Reviewer
    token: str  # the only copy of the raw token: shown once, emailed once


def _one_line(text: str) -> str:
    return " ".join(text.split())


def reviewer_invite(
    *,
    project: Project,
    name: str,
    email: str,
    user: User | None,
    link_for: Callable[[str], str],
    days: int | None = None,
) -> Invitation:
    """A reviewer with a fresh link (256 random bits, stored only as SHA-256), emailed to
    them after commit. `link_for(token)` builds the absolute link."""
    name, email = _one_line(name), email.strip()
    # The organization's default (its settings page), unless the caller says otherwise.
    days = project.organization.review_link_days if days is None else days
    token = secrets.token_urlsafe(32)
    reviewer = Reviewer(
        project=project,
        name=name,
        email=email,
        token_hash=token_hash(token),
        expires_at=timezone.now() + timedelta(days=days),
        created_by=user,
    )
    reviewer.full_clean()
    reviewer.save()
    link = link_for(token)
    inviter = (user.get_full_name() or user.username) if user else project.organization.name
    context = {"reviewer": reviewer, "project": project, "link": link, "inviter": inviter}
    subject = _one_line(f"Proposal for {project.client_name}: your review link")
    _send(subject, "reviews/email/invite", context, [reviewer.email])
    return Invitation(reviewer, token)


def reviewer_reissue(
    *,
    reviewer: Reviewer,
    user: User | None,
    link_for: Callable[[str], str],
    days: int | None = None,
) -> Invitation:
    """A new link for the same reviewer, emailed to them after commit: the old link (lost,
    expired, forwarded, revoked) stops opening anything at once, and their comments,
    feedback and approvals stay theirs."""
    days = reviewer.project.organization.review_link_days if days is None else days
    token = secrets.token_urlsafe(32)
    reviewer.token_hash = token_hash(token)
    reviewer.expires_at = timezone.now() + timedelta(days=days)
    reviewer.revoked_at = None
    reviewer.save(update_fields=["token_hash", "expires_at", "revoked_at"])
    project = reviewer.project
    link = link_for(token)
    inviter = (user.get_full_name() or user.username) if user else project.organization.name
    context = {
        "reviewer": reviewer,
        "project": project,
        "link": link,
        "inviter": inviter,
        "reissued": True,
    }
    subject = _one_line(f"Proposal for {project.client_name}: your new review link")
    _send(subject, "reviews/email/invite", context, [reviewer.email])
    return Invitation(reviewer, token)


def share_link_revoke(*, reviewer: Reviewer) -> Reviewer:
    if reviewer.revoked_at is None:
        reviewer.revoked_at = timezone.now()
        reviewer.save(update_fields=["revoked_at"])
    return reviewer


# --- comments ----------------------------------------------------------------------------


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ReviewError("Write a comment first.")
    if len(body) > MAX_TEXT:
        raise ReviewError("Keep comments under 5,000 characters.")
    return body


def _element_ids(version: ProposalVersion, section: str) -> set[str]:
    """The elements the document shows in `section` of this version."""
    sections = version.snapshot.get("framework", {}).get("sections", [])
    return {str(e.get("id")) for e in outline.section_elements(sections, section)}


def comment_add(
    *,
    version: ProposalVersion,
    section: str,
    body: str,
    element_id: str = "",
    parent_id: int | None = None,
    reviewer: Reviewer | None = None,
    user: User | None = None,
) -> Comment:
    """A comment (or a reply) by a reviewer or by a consultant, never both."""
    if (reviewer is None) == (user is None):
        raise ValueError("a comment has exactly one author: a reviewer or a consultant")
    body = _clean_body(body)
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(
            pk=parent_id, version__project_id=version.project_id, parent__isnull=True
        ).first()
        if parent is None:
            raise ReviewError("That comment no longer exists.")
        # Replies live with their thread, on the thread's version and section.
        version, section, element_id = parent.version, parent.section, ""
    elif section not in COMMENT_SECTIONS:
        raise ReviewError("Pick a section to comment on.")
    if element_id and element_id not in _element_ids(version, section):
        element_id = ""
    if reviewer is not None:
        author_name = reviewer.name
    else:
        assert user is not None
        author_name = user.get_full_name() or user.username
    comment = Comment.objects.create(
        version=version,
        section=section,
        element_id=element_id,
        parent=parent,
        body=body,
        reviewer=reviewer,
        author=user,
        author_name=author_name,
        created_at=timezone.now(),
    )
    if reviewer is not None:
        if parent is not None and parent.resolved_at is not None:
            _set_resolved(parent, None, "")
        _notify(
            version.project,
            Notification.Kind.COMMENT,
            f"{reviewer.name} commented on {_section_title(version, section)} ({version.label})",
            reverse("deliverables:version", args=[version.project_id, version.number])
            + f"#comment-{comment.pk}",
            "reviews/email/comment",
            {
                "comment": comment,
                "version": version,
                "reviewer": reviewer,
                "section_title": _section_title(version, section),
            },
        )
    _version_event(
        version,
        "comment_added",
        comment={
            "id": comment.pk,
            "section": section,
            "element_id": element_id,
            "parent_id": parent.pk if parent is not None else None,
            "by": "client" if reviewer is not None else "consultant",
            "reviewer_id": reviewer.pk if reviewer is not None else None,
            "url": settings.SITE_URL
            + reverse("deliverables:version", args=[version.project_id, version.number])
            + f"#comment-{comment.pk}",
        },
    )
    return comment


def _section_title(version: ProposalVersion, section: str) -> str:
    closing = {"requirements": "Requirements", "traceability": "Traceability"}
    if section in closing:
        return closing[section]
    return outline.section_title(version.snapshot.get("framework", {}).get("sections", []), section)


def _set_resolved(comment: Comment, when: Any, by: str) -> None:
    comment.resolved_at = when
    comment.resolved_by_name = by
    comment.save(update_fields=["resolved_at", "resolved_by_name"])


def comment_resolve(*, comment: Comment, user: User) -> Comment:
    if comment.parent_id is not None:
        raise ReviewError("Resolve the thread, not a reply.")
    if comment.resolved_at is None:
        _set_resolved(comment, timezone.now(), user.get_full_name() or user.username)
    return comment


def comment_reopen(*, comment: Comment) -> Comment:
    if comment.parent_id is not None:
        raise ReviewError("Reopen the thread, not a reply.")
    if comment.resolved_at is not None:
        _set_resolved(comment, None, "")
    return comment


# --- feedback and approval ---------------------------------------------------------------


def _require_latest(version: ProposalVersion, action: str) -> None:
    if version.number != _latest_number(version.project):
        raise ReviewError(f"v{version.number} has been superseded: {action} the latest version.")


def feedback_submit(
    *,
    version: ProposalVersion,
    reviewer: Reviewer,
    alignment: str,
    alignment_comment: str,
    challenge: str,
) -> Feedback:
    if alignment not in Feedback.Alignment.values:
        raise ReviewError("Say whether the proposal aligns with your expectations.")
    alignment_comment, challenge = alignment_comment.strip(), challenge.strip()
    if len(alignment_comment) > MAX_TEXT or len(challenge) > MAX_TEXT:
        raise ReviewError("Keep each answer under 5,000 characters.")
    _require_latest(version, "answer for")
    feedback, _ = Feedback.objects.update_or_create(
        version=version,
        reviewer=reviewer,
        defaults={
            "alignment": alignment,
            "alignment_comment": alignment_comment,
            "challenge": challenge,
            "submitted_at": timezone.now(),
        },
    )
    _notify(
        version.project,
        Notification.Kind.FEEDBACK,
        f"{reviewer.name} answered “{feedback.get_alignment_display()}” on {version.label}",
        reverse("reviews:index", args=[version.project_id]) + f"#feedback-{feedback.pk}",
        "reviews/email/feedback",
        {"feedback": feedback, "version": version, "reviewer": reviewer},
    )
    _feedback_event(version, feedback)
    return feedback


def _feedback_event(version: ProposalVersion, feedback: Feedback) -> None:
    _version_event(
        version,
        "feedback_given",
        feedback={
            "id": feedback.pk,
            "reviewer_id": feedback.reviewer_id,
            "alignment": feedback.alignment,
            "changes_requested": feedback.changes_requested_at is not None,
            "url": settings.SITE_URL
            + reverse("reviews:index", args=[version.project_id])
            + f"#feedback-{feedback.pk}",
        },
    )


@transaction.atomic
def version_approve(
    *, version: ProposalVersion, reviewer: Reviewer, typed_name: str | None = None
) -> Approval:
    """Record who approved exactly which content, and when, with the full name the reviewer
    typed to confirm it (the client's page always asks for it: `typed_name` is then required;
    None is for callers with no person typing, such as demo data); the project becomes
    approved."""
    typed_name = " ".join((typed_name or "").split()) if typed_name is not None else None
    if typed_name == "":
        raise ReviewError(f"Type your full name to approve {version.label}.")
    if typed_name is not None and len(typed_name) > 200:
        raise ReviewError("Keep your name under 200 characters.")
    project = Project.objects.select_for_update().get(pk=version.project_id)
    _require_latest(version, "approve")
    approval, created = Approval.objects.get_or_create(
        version=version,
        reviewer=reviewer,
        defaults={
            "reviewer_name": reviewer.name,
            "reviewer_email": reviewer.email,
            "typed_name": typed_name or "",
            "content_hash": version.content_hash,
            "approved_at": timezone.now(),
        },
    )
    if project.stage != Project.Stage.APPROVED:
        project.stage = Project.Stage.APPROVED
        project.save(update_fields=["stage", "updated_at"])
    if created:
        _notify(
            project,
            Notification.Kind.APPROVAL,
            f"{reviewer.name} approved {version.label}",
            reverse("deliverables:version", args=[project.pk, version.number]),
            "reviews/email/approval",
            {"approval": approval, "version": version, "reviewer": reviewer},
        )
        _version_event(
            version,
            "version_approved",
            approval={
                "id": approval.pk,
                "reviewer_id": reviewer.pk,
                "content_hash": approval.content_hash,
                "approved_at": approval.approved_at.isoformat(),
            },
        )
    return approval


def changes_request(*, version: ProposalVersion, reviewer: Reviewer, reason: str) -> Feedback:
    """The decision panel's "Request changes": the reason is kept as the reviewer's answer
    on this version (aligned only partly, unless they had said no), marked as a request, and
    the consultants are told."""
    reason = reason.strip()
    if not reason:
        raise ReviewError("Say what should change: the consultant reads it first.")
    if len(reason) > MAX_TEXT:
        raise ReviewError("Keep each answer under 5,000 characters.")
    _require_latest(version, "request changes to")
    if Approval.objects.filter(version=version, reviewer=reviewer).exists():
        raise ReviewError(
            f"You approved {version.label} already; comment on a section to raise something new."
        )
    existing = Feedback.objects.filter(version=version, reviewer=reviewer).first()
    alignment = (
        Feedback.Alignment.NO
        if existing is not None and existing.alignment == Feedback.Alignment.NO
        else Feedback.Alignment.PARTLY
    )
    now = timezone.now()
    feedback, _ = Feedback.objects.update_or_create(
        version=version,
        reviewer=reviewer,
        defaults={
            "alignment": alignment,
            "alignment_comment": reason,
            "submitted_at": now,
            "changes_requested_at": now,
        },
    )
    _notify(
        version.project,
        Notification.Kind.FEEDBACK,
        f"{reviewer.name} requested changes to {version.label}",
        reverse("reviews:index", args=[version.project_id]) + f"#feedback-{feedback.pk}",
        "reviews/email/feedback",
        {"feedback": feedback, "version": version, "reviewer": reviewer},
    )
    _feedback_event(version, feedback)
    return feedback


def section_read_set(
    *, version: ProposalVersion, reviewer: Reviewer, section: str, read: bool
) -> None:
    """Mark a section of the version as reviewed by this reviewer, or not any more."""
    if section not in READABLE_SECTIONS:
        raise ReviewError("That section is not part of the proposal.")
    if read:
        SectionRead.objects.get_or_create(
            version=version,
            reviewer=reviewer,
            section=section,
            defaults={"read_at": timezone.now()},
        )
    else:
        SectionRead.objects.filter(version=version, reviewer=reviewer, section=section).delete()


# --- challenges into project input -------------------------------------------------------


def _mark_handled(feedback: Feedback, kind: str, ref: str) -> None:
    feedback.challenge_handled_as = kind
    feedback.challenge_handled_ref = ref
    feedback.challenge_handled_at = timezone.now()
    feedback.save(
        update_fields=["challenge_handled_as", "challenge_handled_ref", "challenge_handled_at"]
    )


def _check_challenge(feedback: Feedback) -> str:
    if not feedback.challenge.strip():
        raise ReviewError("This feedback names no new challenge.")
    if feedback.challenge_handled_as:
        raise ReviewError("This challenge has already been taken into the project.")
    return feedback.challenge.strip()


@transaction.atomic
def challenge_to_requirement(
    *,
    feedback: Feedback,
    user: User | None,
    category: str,
    priority: str,
    kind: str,
    attributes: Mapping[str, Any] | None = None,
) -> Requirement:
    """The client's challenge as a manual requirement, with what it constrains: the next
    version's framework reads it like any other requirement."""
    text = _check_challenge(feedback)
    first_line = text.splitlines()[0]
    title = first_line if len(first_line) <= 120 else first_line[:119].rstrip() + "…"
    try:
        requirement = requirement_create_manual(
            project=feedback.version.project,
            kind=kind,
            category=category,
            title=title,
            description=text,
            priority=priority,
            user=user,
            rationale=f"Client feedback on {feedback.version.label} ({feedback.reviewer.name}).",
            attributes=attributes,
        )
    except ValidationError as exc:
        raise ReviewError("; ".join(exc.messages)) from exc
    _mark_handled(feedback, Feedback.HandledAs.REQUIREMENT, requirement.code)
    return requirement


@transaction.atomic
def challenge_to_answer(*, feedback: Feedback, user: User | None) -> str:
    """Append the challenge to the client's own description of the challenge."""
    text = _check_challenge(feedback)
    project = feedback.version.project
    current = (
        Answer.objects.filter(project=project, question_id=CHALLENGE_QUESTION)
        .values_list("value", flat=True)
        .first()
    )
    addition = f"Client feedback on {feedback.version.label}: {text}"
    value = (
        f"{current.rstrip()}\n\n{addition}" if isinstance(current, str) and current else addition
    )
    limit = BANK.questions[CHALLENGE_QUESTION].max_length or 4000
    if len(value) > limit:
        raise ReviewError(
            "The challenge description would grow past its limit: add this as a requirement, "
            "or shorten the description in the wizard first."
        )
    answers_load(project=project, answers={CHALLENGE_QUESTION: value}, user=user)
    _mark_handled(feedback, Feedback.HandledAs.ANSWER, CHALLENGE_QUESTION)
    return value


# --- notifications -----------------------------------------------------------------------


def _notify(
    project: Project,
    kind: str,
    text: str,
    url: str,
    template: str,
    context: dict[str, Any],
) -> None:
    """An in-app notification for every consultant of the project's organization, and an
    email queued with it (sent after commit: nothing is sent for a write that rolls back)."""
    users = list(
        User.objects.filter(memberships__organization_id=project.organization_id, is_active=True)
    )
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(user=u, project=project, kind=kind, text=text[:300], url=url, created_at=now)
        for u in users
    )
    recipients = [u.email for u in users if u.email]
    if not recipients:
        return
    subject = _one_line(f"{project.client_name}: {text}")[:200]
    context = {**context, "project": project, "url": settings.SITE_URL + url}
    _send(subject, template, context, recipients)


def _send(subject: str, template: str, context: dict[str, Any], to: list[str]) -> None:
    """Plain text, plus an HTML part rendered with autoescaping on, queued in the caller's
    transaction and sent by a Celery task once it commits (accounts.mail): an SMTP server
    that is down never turns the comment, feedback or approval into an error, and the
    mail goes out when it is back."""
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    email_queue(subject=subject, text=text, html=html, to=to)


def notifications_mark_read(*, user: User, notification_id: int | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
