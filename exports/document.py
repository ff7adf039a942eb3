"""The project export: one JSON document holding everything a consultant made for a project.

Format "support-blueprint/project", version 2. Top-level keys:

- format, version, exported_at (ISO 8601, UTC), question_bank_version, organization
  (the exporting organization's name: informative, never imported);
- signature: {"algorithm": "HMAC-SHA256", "key_id", "value"}, over the canonical JSON of
  everything else, with the exporting installation's key (exports/signing.py). New in
  version 2; version 1 files (unsigned) are still imported, their approvals demoted;
- project: name, client_name, industry, stage, current_step, completeness, archived_at,
  created_by, created_at, updated_at;
- answers: the current answer per question (question_id, value as the wizard stores it,
  updated_by, updated_at), in question-bank order;
- answer_revisions: every change, oldest first (question_id, value, previous_value,
  changed_by, changed_at);
- requirements: every requirement row including dismissed ones, in list order, with the
  engine's snapshot, the consultant's edited fields, trace, marks, what it constrains
  (`attributes`, requirements_app/attributes.py; optional on import, for files written
  before it) and optimistic-lock version;
- requirement_sync: when the requirements were last derived, or null;
- framework_generations: every generation, oldest first, with its data and changes;
- section_notes: the consultant's notes and introductions, by section;
- reviewers: the client reviewers, without their link tokens (only hashes are stored, and
  a link must never travel in a file): an imported reviewer's link is revoked;
- proposal_versions: every published version, oldest first, with its frozen snapshot and
  content_hash (SHA-256 of the canonical snapshot, checked on import), and its comments
  (replies nested under their thread), feedback, approvals, and imported_approvals (new
  in version 2: approvals an earlier import could not verify, which stay unverified). A
  reviewer is referred to by its index in `reviewers`.

People (created_by, updated_by, ...) are {"username", "email", "name"} or null: see
exports/people.py. Not exported: ids, the organization, notifications (each user's own
inbox, pointing at this site's URLs), rate-limit counters and PDF files (derived from a
version's snapshot: the importing side renders them again on demand).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from discovery.bank import BANK
from discovery.models import Answer, AnswerRevision, Project
from frameworks.models import FrameworkGeneration, SectionNote
from requirements_app.models import Requirement, RequirementSync
from reviews.models import Approval, Comment, Feedback, ImportedApproval, ProposalVersion, Reviewer

from .models import ProjectImport
from .people import PeopleWriter
from .signing import sign

FORMAT = "support-blueprint/project"
VERSION = 2
READABLE_VERSIONS = (1, 2)


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _kept_people(project: Project) -> dict[str, Any]:
    record = ProjectImport.objects.filter(project=project).only("people").first()
    return record.people if record is not None and isinstance(record.people, dict) else {}


def project_export(project: Project) -> dict[str, Any]:
    """The whole project as plain JSON-ready data, signed by this installation. A fixed
    number of queries, whatever the project's size."""
    who = PeopleWriter(_kept_people(project))
    project = Project.objects.select_related("organization", "created_by").get(pk=project.pk)

    answers = sorted(
        Answer.objects.filter(project=project).select_related("updated_by"),
        key=lambda a: (BANK.order.get(a.question_id, 10**6), a.question_id),
    )
    revisions = (
        AnswerRevision.objects.filter(project=project)
        .select_related("changed_by")
        .order_by("changed_at", "pk")
    )
    requirements = (
        Requirement.objects.filter(project=project)
        .select_related("updated_by")
        .order_by("position", "pk")
    )
    sync = RequirementSync.objects.filter(project=project).select_related("confirmed_by").first()
    generations = (
        FrameworkGeneration.objects.filter(project=project)
        .select_related("generated_by")
        .order_by("number")
    )
    notes = (
        SectionNote.objects.filter(project=project).select_related("updated_by").order_by("section")
    )
    reviewers = list(
        Reviewer.objects.filter(project=project).select_related("created_by").order_by("pk")
    )
    reviewer_index = {r.pk: index for index, r in enumerate(reviewers)}

    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(timezone.now()),
        "question_bank_version": BANK.version,
        "organization": project.organization.name,
        "project": {
            "name": project.name,
            "client_name": project.client_name,
            "industry": project.industry,
            "stage": project.stage,
            "current_step": project.current_step,
            "completeness": project.completeness,
            "archived_at": iso(project.archived_at),
            "created_by": who(project, "created_by"),
            "created_at": iso(project.created_at),
            "updated_at": iso(project.updated_at),
        },
        "answers": [
            {
                "question_id": a.question_id,
                "value": a.value,
                "updated_by": who(a, "updated_by"),
                "updated_at": iso(a.updated_at),
            }
            for a in answers
        ],
        "answer_revisions": [
            {
                "question_id": r.question_id,
                "value": r.value,
                "previous_value": r.previous_value,
                "changed_by": who(r, "changed_by"),
                "changed_at": iso(r.changed_at),
            }
            for r in revisions
        ],
        "requirements": [_requirement(r, who) for r in requirements],
        "requirement_sync": None
        if sync is None
        else {
            "synced_at": iso(sync.synced_at),
            "catalogue_version": sync.catalogue_version,
            "answers_hash": sync.answers_hash,
            "confirmed_at": iso(sync.confirmed_at),
            "confirmed_by": who(sync, "confirmed_by"),
        },
        "framework_generations": [
            {
                "number": g.number,
                "data": g.data,
                "changes": g.changes,
                "answers_hash": g.answers_hash,
                "requirements_hash": g.requirements_hash,
                "generated_at": iso(g.generated_at),
                "generated_by": who(g, "generated_by"),
            }
            for g in generations
        ],
        "section_notes": [
            {
                "section": n.section,
                "intro_override": n.intro_override,
                "note": n.note,
                "updated_by": who(n, "updated_by"),
                "updated_at": iso(n.updated_at),
            }
            for n in notes
        ],
        "reviewers": [
            {
                "name": r.name,
                "email": r.email,
                "expires_at": iso(r.expires_at),
                "revoked_at": iso(r.revoked_at),
                "last_used_at": iso(r.last_used_at),
                "created_at": iso(r.created_at),
                "created_by": who(r, "created_by"),
            }
            for r in reviewers
        ],
        "proposal_versions": _versions(project, who, reviewer_index),
    }
    return sign(document)


def _requirement(r: Requirement, who: PeopleWriter) -> dict[str, Any]:
    return {
        "code": r.code,
        "origin": r.origin,
        "kind": r.kind,
        "category": r.category,
        "priority": r.priority,
        "title": r.title,
        "description": r.description,
        "rationale": r.rationale,
        "acceptance_criteria": r.acceptance_criteria,
        "attributes": r.attributes,
        "derived": r.derived,
        "edited_fields": r.edited_fields,
        "trace": r.trace,
        "fingerprint": r.fingerprint,
        "mark": r.mark,
        "mark_detail": r.mark_detail,
        "dismissed": r.dismissed,
        "dismiss_reason": r.dismiss_reason,
        "position": r.position,
        "version": r.version,
        "updated_by": who(r, "updated_by"),
        "updated_at": iso(r.updated_at),
    }


def _versions(
    project: Project, who: PeopleWriter, reviewer_index: dict[int, int]
) -> list[dict[str, Any]]:
    versions = list(
        ProposalVersion.objects.filter(project=project)
        .select_related("published_by")
        .order_by("number")
    )
    comments: dict[int, list[Comment]] = {}
    for c in (
        Comment.objects.filter(version__project=project)
        .select_related("author")
        .order_by("created_at", "pk")
    ):
        comments.setdefault(c.version_id, []).append(c)
    feedback: dict[int, list[Feedback]] = {}
    for f in Feedback.objects.filter(version__project=project).order_by("submitted_at", "pk"):
        feedback.setdefault(f.version_id, []).append(f)
    approvals: dict[int, list[Approval]] = {}
    for a in Approval.objects.filter(version__project=project).order_by("approved_at", "pk"):
        approvals.setdefault(a.version_id, []).append(a)
    imported: dict[int, list[ImportedApproval]] = {}
    for i in ImportedApproval.objects.filter(version__project=project).order_by(
        "approved_at", "pk"
    ):
        imported.setdefault(i.version_id, []).append(i)

    def comment(c: Comment, replies: list[Comment]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "section": c.section,
            "element_id": c.element_id,
            "body": c.body,
            "reviewer": reviewer_index.get(c.reviewer_id) if c.reviewer_id else None,
            "author": who(c, "author"),
            "author_name": c.author_name,
            "created_at": iso(c.created_at),
            "resolved_at": iso(c.resolved_at),
            "resolved_by_name": c.resolved_by_name,
        }
        if c.parent_id is None:
            data["replies"] = [comment(reply, []) for reply in replies]
        return data

    rows = []
    for v in versions:
        threads = [c for c in comments.get(v.pk, []) if c.parent_id is None]
        replies: dict[int, list[Comment]] = {}
        for c in comments.get(v.pk, []):
            if c.parent_id is not None:
                replies.setdefault(c.parent_id, []).append(c)
        rows.append(
            {
                "number": v.number,
                "change_summary": v.change_summary,
                "snapshot": v.snapshot,
                "content_hash": v.content_hash,
                "published_at": iso(v.published_at),
                "published_by": who(v, "published_by"),
                "comments": [comment(c, replies.get(c.pk, [])) for c in threads],
                "feedback": [
                    {
                        "reviewer": reviewer_index[f.reviewer_id],
                        "alignment": f.alignment,
                        "alignment_comment": f.alignment_comment,
                        "challenge": f.challenge,
                        "submitted_at": iso(f.submitted_at),
                        "challenge_handled_as": f.challenge_handled_as,
                        "challenge_handled_ref": f.challenge_handled_ref,
                        "challenge_handled_at": iso(f.challenge_handled_at),
                    }
                    for f in feedback.get(v.pk, [])
                ],
                "approvals": [
                    {
                        "reviewer": reviewer_index[a.reviewer_id],
                        "reviewer_name": a.reviewer_name,
                        "reviewer_email": a.reviewer_email,
                        "content_hash": a.content_hash,
                        "approved_at": iso(a.approved_at),
                    }
                    for a in approvals.get(v.pk, [])
                ],
                "imported_approvals": [
                    {
                        "reviewer_name": i.reviewer_name,
                        "reviewer_email": i.reviewer_email,
                        "content_hash": i.content_hash,
                        "approved_at": iso(i.approved_at),
                        "source": i.source,
                    }
                    for i in imported.get(v.pk, [])
                ],
            }
        )
    return rows
