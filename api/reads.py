"""The API's reads: what a consultant sees on the web, as data. Every route takes the
project through `project_for`, so another organization's project is a 404."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from ninja import Router

from deliverables import jobs
from deliverables.views import pdf_response
from discovery.bank import BANK
from discovery.models import Answer, Project
from discovery.selectors import project_list
from exports.document import project_export_stream
from frameworks.models import FrameworkGeneration
from frameworks.selectors import framework_staleness
from requirements_app.models import Requirement
from requirements_app.services import requirements_sync_if_stale
from reviews import selectors as review_selectors
from reviews.models import Approval, Comment, ProposalVersion, Reviewer

from . import schemas
from .auth import READ, project_for, token_of

router = Router(auth=READ, tags=["read"])  # the writes join it: api.writes
logger = logging.getLogger(__name__)


def answer_out(answer: Answer) -> dict[str, Any]:
    return {
        "question_id": answer.question_id,
        "value": answer.value,
        "revision": answer.revision,
        "updated_at": answer.updated_at,
        "template": answer.template,
    }


def stored_answer_out(project: Project, question_id: str) -> dict[str, Any]:
    """The stored answer, or a known question not answered yet as null at revision 0."""
    answer = Answer.objects.filter(project=project, question_id=question_id).first()
    if answer is None:
        return {
            "question_id": question_id,
            "value": None,
            "revision": 0,
            "updated_at": None,
            "template": "",
        }
    return answer_out(answer)


def framework_out(project: Project, generation: FrameworkGeneration) -> dict[str, Any]:
    return {
        "generation": generation.number,
        "generated_at": generation.generated_at,
        "data": generation.data,
        "changes": generation.changes,
        "check": generation.check_result,
        "stale": framework_staleness(project, generation) is not None,
    }


def version_for(project: Project, number: int) -> ProposalVersion:
    return review_selectors.version_get(project, number)


def pdf_out(project: Project, version: ProposalVersion) -> dict[str, Any]:
    job = jobs.pdf_resend_if_due(jobs.job_for_version(version))
    if job is None:
        return {"state": "none"}
    ready = job.state == job.State.READY and bool(job.file)
    return {
        "state": job.state,
        "requested_at": job.requested_at,
        "finished_at": job.finished_at,
        "pages": job.pages,
        "size": job.size,
        "sha256": job.sha256,
        "error": job.error,
        "download": reverse("api-v1:pdf_download", args=[project.pk, version.number])
        if ready
        else "",
    }


@router.get("/projects", response=schemas.read(list[schemas.ProjectOut], project=False))
def project_index(request: HttpRequest, archived: bool = False, search: str = "", stage: str = ""):
    """The token's organization's projects, last changed first (archived ones with
    `archived=true`)."""
    return list(
        project_list(
            organization=token_of(request).organization,
            search=search[:200],
            stage=stage[:20],
            archived=archived,
        )
    )


@router.get("/projects/{int:pk}", response=schemas.read(schemas.ProjectOut))
def project_read(request: HttpRequest, pk: int):
    return project_for(request, pk)


@router.get("/projects/{int:pk}/answers", response=schemas.read(list[schemas.AnswerOut]))
def answer_index(request: HttpRequest, pk: int):
    """Every stored answer, in question-bank order, each with the revision to send back
    with a change."""
    project = project_for(request, pk)
    answers = sorted(
        Answer.objects.filter(project=project),
        key=lambda a: (BANK.order.get(a.question_id, 10**6), a.question_id),
    )
    return [answer_out(a) for a in answers]


@router.get("/projects/{int:pk}/answers/{question_id}", response=schemas.read(schemas.AnswerOut))
def answer_read(request: HttpRequest, pk: int, question_id: str):
    """One answer; a known question not answered yet reads as null at revision 0."""
    project = project_for(request, pk)
    if question_id not in BANK.questions:
        raise Http404
    return stored_answer_out(project, question_id)


@router.get("/projects/{int:pk}/requirements", response=schemas.read(list[schemas.RequirementOut]))
def requirement_index(request: HttpRequest, pk: int):
    """The requirements as the web's list shows them: re-derived first if the answers
    moved since they were derived (a consultant's edits kept)."""
    project = project_for(request, pk)
    requirements_sync_if_stale(project=project)
    return list(Requirement.objects.filter(project=project).order_by("position", "pk"))


@router.get(
    "/projects/{int:pk}/requirements/{int:rid}", response=schemas.read(schemas.RequirementOut)
)
def requirement_read(request: HttpRequest, pk: int, rid: int):
    project = project_for(request, pk)
    requirement = Requirement.objects.filter(project=project, pk=rid).first()
    if requirement is None:
        raise Http404
    return requirement


@router.get("/projects/{int:pk}/framework", response=schemas.read(schemas.FrameworkOut))
def framework_read(request: HttpRequest, pk: int):
    """The latest generation of the framework (404 until one is generated)."""
    project = project_for(request, pk)
    generation = FrameworkGeneration.objects.filter(project=project).first()
    if generation is None:
        raise Http404
    return framework_out(project, generation)


@router.get("/projects/{int:pk}/versions", response=schemas.read(list[schemas.VersionSummary]))
def version_index(request: HttpRequest, pk: int):
    project = project_for(request, pk)
    return list(
        ProposalVersion.objects.filter(project=project)
        .order_by("number")
        .only("number", "change_summary", "content_hash", "published_at")
    )


@router.get("/projects/{int:pk}/versions/{int:number}", response=schemas.read(schemas.VersionOut))
def version_read(request: HttpRequest, pk: int, number: int):
    """One published version with its frozen snapshot: what the client reads and approves."""
    return version_for(project_for(request, pk), number)


@router.get("/projects/{int:pk}/versions/{int:number}/pdf", response=schemas.read(schemas.PdfOut))
def pdf_status(request: HttpRequest, pk: int, number: int):
    """The state of the version's PDF for the current templates (`none` until requested)."""
    project = project_for(request, pk)
    return pdf_out(project, version_for(project, number))


@router.get(
    "/projects/{int:pk}/versions/{int:number}/pdf/file",
    response=schemas.read(None),
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def pdf_download(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    """The PDF itself, once ready (404 before)."""
    # The same response as the web's download: filename, no-store, nosniff.
    version = version_for(project_for(request, pk), number)
    return pdf_response(jobs.job_for_version(version), version)


@router.get(
    "/projects/{int:pk}/versions/{int:number}/comments",
    response=schemas.read(list[schemas.CommentOut]),
)
def comment_index(request: HttpRequest, pk: int, number: int):
    version = version_for(project_for(request, pk), number)
    return [
        {
            "id": c.pk,
            "version": version.number,
            "section": c.section,
            "element_id": c.element_id,
            "parent_id": c.parent_id,
            "body": c.body,
            "author_name": c.author_name,
            "from_client": c.by_client,
            "created_at": c.created_at,
            "resolved_at": c.resolved_at,
            "resolved_by_name": c.resolved_by_name,
        }
        for c in Comment.objects.filter(version=version)
    ]


@router.get("/projects/{int:pk}/approvals", response=schemas.read(list[schemas.ApprovalOut]))
def approval_index(request: HttpRequest, pk: int):
    """The client's approvals, each of the exact content (hash) the client approved."""
    project = project_for(request, pk)
    return [
        {
            "version": a.version.number,
            "reviewer_name": a.reviewer_name,
            "reviewer_email": a.reviewer_email,
            "content_hash": a.content_hash,
            "approved_at": a.approved_at,
            "typed_name": a.typed_name,
        }
        for a in Approval.objects.filter(version__project=project)
        .select_related("version")
        .order_by("approved_at", "pk")
    ]


@router.get("/projects/{int:pk}/reviewers", response=schemas.read(list[schemas.ReviewerOut]))
def reviewer_index(request: HttpRequest, pk: int):
    project = project_for(request, pk)
    return list(Reviewer.objects.filter(project=project).order_by("created_at", "pk"))


@router.get("/projects/{int:pk}/export", response=schemas.read(dict[str, Any]))
def export_read(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The signed JSON export, streamed: the same document as the web's “Export project
    (JSON)”. Importing it (POST /projects/import) makes a copy of the project."""
    project = project_for(request, pk)
    response = StreamingHttpResponse(
        project_export_stream(project), content_type="application/json; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response
