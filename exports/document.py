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

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import groupby
from operator import attrgetter
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from discovery.bank import BANK
from discovery.models import Answer, AnswerRevision, Project
from frameworks.models import FrameworkGeneration, SectionNote
from requirements_app.models import Requirement, RequirementSync
from reviews.models import Approval, Comment, Feedback, ImportedApproval, ProposalVersion, Reviewer

from .models import ProjectImport
from .people import PeopleWriter
from .signing import StreamSigner, encode_canonical

FORMAT = "support-blueprint/project"
VERSION = 2
READABLE_VERSIONS = (1, 2)


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _kept_people(project: Project) -> dict[str, Any]:
    record = ProjectImport.objects.filter(project=project).only("people").first()
    return record.people if record is not None and isinstance(record.people, dict) else {}


def project_export(project: Project) -> dict[str, Any]:
    """The whole project as plain JSON-ready data, signed by this installation: the
    export's file, read back."""
    return json.loads(b"".join(project_export_stream(project)))


# Rows are read from the database this many at a time: a version's snapshot or a
# generation's data is a few hundred KiB once decoded, a revision or a comment a few
# hundred bytes.
_BIG_ROWS = 4
_SMALL_ROWS = 1000
_CHUNK = 64 * 1024


def project_export_stream(project: Project) -> Iterator[bytes]:
    """The export's file, in chunks of about 64 KiB: the canonical JSON of the document
    (sorted keys, no spaces, UTF-8; exports/signing.py) with the signature as its last
    member, signed as it is written. Rows are read a few at a time, so memory stays that
    of a few rows whatever the number of versions, generations or revisions; a fixed
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
        .iterator(chunk_size=_SMALL_ROWS)
    )
    requirements = (
        Requirement.objects.filter(project=project)
        .select_related("updated_by")
        .order_by("position", "pk")
        .iterator(chunk_size=_SMALL_ROWS)
    )
    sync = RequirementSync.objects.filter(project=project).select_related("confirmed_by").first()
    generations = (
        FrameworkGeneration.objects.filter(project=project)
        .select_related("generated_by")
        .order_by("number")
        .iterator(chunk_size=_BIG_ROWS)
    )
    notes = (
        SectionNote.objects.filter(project=project).select_related("updated_by").order_by("section")
    )
    reviewers = list(
        Reviewer.objects.filter(project=project).select_related("created_by").order_by("pk")
    )
    reviewer_index = {r.pk: index for index, r in enumerate(reviewers)}

    # Each member is a value, or rows written one at a time as a list.
    members: dict[str, Any] = {
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
        "answer_revisions": _Rows(
            {
                "question_id": r.question_id,
                "value": r.value,
                "previous_value": r.previous_value,
                "changed_by": who(r, "changed_by"),
                "changed_at": iso(r.changed_at),
            }
            for r in revisions
        ),
        "requirements": _Rows(_requirement(r, who) for r in requirements),
        "requirement_sync": None
        if sync is None
        else {
            "synced_at": iso(sync.synced_at),
            "catalogue_version": sync.catalogue_version,
            "answers_hash": sync.answers_hash,
            "confirmed_at": iso(sync.confirmed_at),
            "confirmed_by": who(sync, "confirmed_by"),
        },
        "framework_generations": _Rows(
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
        ),
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
        "proposal_versions": _Rows(_versions(project, who, reviewer_index)),
    }
    return _signed_stream(members)


class _Rows:
    """A list member written one row at a time."""

    def __init__(self, rows: Iterable[Any]) -> None:
        self.rows = rows


def _signed_stream(members: dict[str, Any]) -> Iterator[bytes]:
    """The canonical JSON of `members`, then the signature over it, in chunks."""
    signer = StreamSigner()
    pending: list[str] = []
    size = 0

    def chunk() -> bytes:
        nonlocal size
        data = "".join(pending).encode()
        pending.clear()
        size = 0
        signer.update(data)
        return data

    def write(text: str) -> bool:
        nonlocal size
        pending.append(text)
        size += len(text)
        return size >= _CHUNK

    separator = "{"
    # Sorted as json.dumps(sort_keys=True) sorts them, so that the bytes are canonical.
    for key in sorted(members):
        value = members[key]
        write(separator + encode_canonical(key) + ":")
        separator = ","
        if isinstance(value, _Rows):
            row_separator = "["
            for row in value.rows:
                if write(row_separator + encode_canonical(row)):
                    yield chunk()
                row_separator = ","
            write("[]" if row_separator == "[" else "]")
        elif write(encode_canonical(value)):
            yield chunk()
    yield chunk()
    # Not signed: the signature's own member, and the closing brace (signed by signature()).
    yield (
        "," + encode_canonical("signature") + ":" + encode_canonical(signer.signature()) + "}"
    ).encode()


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
) -> Iterator[dict[str, Any]]:
    """Every version with its comments, feedback and approvals, one version at a time:
    each of those tables is read in version order alongside the versions."""
    versions = (
        ProposalVersion.objects.filter(project=project)
        .select_related("published_by")
        .order_by("number")
        .iterator(chunk_size=_BIG_ROWS)
    )
    comments = _ByVersion(
        Comment.objects.filter(version__project=project)
        .select_related("author")
        .order_by("version__number", "created_at", "pk")
    )
    feedback = _ByVersion(
        Feedback.objects.filter(version__project=project).order_by(
            "version__number", "submitted_at", "pk"
        )
    )
    approvals = _ByVersion(
        Approval.objects.filter(version__project=project).order_by(
            "version__number", "approved_at", "pk"
        )
    )
    imported = _ByVersion(
        ImportedApproval.objects.filter(version__project=project).order_by(
            "version__number", "approved_at", "pk"
        )
    )

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

    for v in versions:
        version_comments = comments.take(v.pk)
        threads = [c for c in version_comments if c.parent_id is None]
        replies: dict[int, list[Comment]] = {}
        for c in version_comments:
            if c.parent_id is not None:
                replies.setdefault(c.parent_id, []).append(c)
        yield (
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
                    for f in feedback.take(v.pk)
                ],
                "approvals": [
                    {
                        "reviewer": reviewer_index[a.reviewer_id],
                        "reviewer_name": a.reviewer_name,
                        "reviewer_email": a.reviewer_email,
                        "content_hash": a.content_hash,
                        "approved_at": iso(a.approved_at),
                    }
                    for a in approvals.take(v.pk)
                ],
                "imported_approvals": [
                    {
                        "reviewer_name": i.reviewer_name,
                        "reviewer_email": i.reviewer_email,
                        "content_hash": i.content_hash,
                        "approved_at": iso(i.approved_at),
                        "source": i.source,
                    }
                    for i in imported.take(v.pk)
                ],
            }
        )


class _ByVersion:
    """Rows of a table ordered by their version's number, taken version by version as the
    versions are written in the same order."""

    def __init__(self, rows: QuerySet[Any]) -> None:
        self._groups = groupby(rows.iterator(chunk_size=_SMALL_ROWS), key=attrgetter("version_id"))
        self._next = next(self._groups, None)

    def take(self, version_id: int) -> list[Any]:
        if self._next is None or self._next[0] != version_id:
            return []
        rows = list(self._next[1])
        self._next = next(self._groups, None)
        return rows
