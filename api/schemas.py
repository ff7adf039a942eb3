"""What the API sends and takes. Output schemas name every field a client may rely on;
input schemas are checked by pydantic for shape and then by the same services the web
uses for meaning (a 422 names the field in either case)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema


class Error(Schema):
    detail: Any


def read(ok: Any, *, status: int = 200, project: bool = True) -> dict[int, Any]:
    """A read's responses, with the refusals every read can give (for the schema)."""
    refusals: dict[int, Any] = {401: Error, 404: Error} if project else {401: Error}
    return {status: ok, **refusals}


def write(responses: dict[int, Any], *, project: bool = True) -> dict[int, Any]:
    """A write's responses, with the refusals every write can give: 403 for a read-only
    token (for the schema)."""
    refusals: dict[int, Any] = {401: Error, 403: Error}
    if project:
        refusals[404] = Error
    return {**responses, **refusals}


class ProjectOut(Schema):
    id: int
    name: str
    client_name: str
    industry: str
    stage: str
    completeness: int
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime


class AnswerOut(Schema):
    question_id: str
    value: Any
    revision: int
    updated_at: datetime | None
    # The project template whose guess it still is ("" once the consultant confirmed it).
    template: str


class AnswerConflict(Schema):
    detail: str
    question_id: str
    yours: Any
    theirs: Any
    revision: int
    changed_at: datetime
    changed_by: str


class RequirementOut(Schema):
    id: int
    code: str
    origin: str
    kind: str
    category: str
    priority: str
    title: str
    description: str
    rationale: str
    acceptance_criteria: list[str]
    attributes: dict[str, Any]
    mark: str
    dismissed: bool
    dismiss_reason: str
    edited_fields: list[str]
    trace: dict[str, Any]
    position: int
    version: int
    updated_at: datetime


class RequirementEdit(Schema):
    version: int
    title: str
    description: str
    priority: str
    acceptance_criteria: list[str] | None = None
    attributes: dict[str, Any] | None = None


class RequirementNew(Schema):
    kind: str
    category: str
    priority: str
    title: str
    description: str
    rationale: str = ""
    acceptance_criteria: list[str]
    attributes: dict[str, Any] | None = None


class RequirementConflictOut(Schema):
    detail: str
    current: RequirementOut


class FrameworkOut(Schema):
    generation: int
    generated_at: datetime
    data: dict[str, Any]
    changes: dict[str, Any]
    check: dict[str, Any]
    # Whether the answers or requirements changed since this generation.
    stale: bool


class GenerateOut(Schema):
    created: bool
    framework: FrameworkOut


class VersionSummary(Schema):
    number: int
    label: str
    change_summary: str
    content_hash: str
    published_at: datetime


class VersionOut(VersionSummary):
    snapshot: dict[str, Any]


class Incomplete(Schema):
    percent: int
    unanswered: int  # needed questions without an answer


class PublishBlockedOut(Schema):
    detail: str
    # The proposal check's blocking findings neither fixed nor overridden.
    findings: list[dict[str, Any]]
    # Finding key -> what is wrong with its override ("" when none was given).
    errors: dict[str, str]
    incomplete: Incomplete | None


class PdfOut(Schema):
    state: str  # none, queued, rendering, ready, failed, enqueue_failed
    requested_at: datetime | None = None
    finished_at: datetime | None = None
    pages: int | None = None
    size: int | None = None
    sha256: str = ""
    error: str = ""
    download: str = ""  # the API path of the file, once ready


class ReviewerOut(Schema):
    id: int
    name: str
    email: str
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None
    created_at: datetime


class ReviewerIn(Schema):
    name: str
    email: str


class InvitationOut(Schema):
    reviewer: ReviewerOut
    # The client's link, shown once (only its hash is stored).
    link: str


class CommentOut(Schema):
    id: int
    version: int
    section: str
    element_id: str
    parent_id: int | None
    body: str
    author_name: str
    from_client: bool
    created_at: datetime
    resolved_at: datetime | None
    resolved_by_name: str


class ApprovalOut(Schema):
    version: int
    reviewer_name: str
    reviewer_email: str
    content_hash: str
    approved_at: datetime
    typed_name: str


class ImportOut(Schema):
    project: ProjectOut
