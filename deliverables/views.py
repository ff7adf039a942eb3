"""The pages that show a proposal version (the consultant's and the client's, with the
review around the document) and its PDF: generate, watch and download, for the project's
consultants and for the client through their review link."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.http import signed_in_user
from discovery.selectors import project_get_for_user
from reviews import selectors
from reviews.forms import CommentForm, FeedbackForm
from reviews.http import review_page
from reviews.models import Approval, Feedback, ProposalVersion, Reviewer

from . import jobs
from .models import PdfJob

PANEL = "deliverables/pdf/_panel.html"


def panel_context(
    version: ProposalVersion, *, share_token: str = "", job: PdfJob | None = None
) -> dict[str, Any]:
    project_pk, number = version.project_id, version.number
    if share_token:
        base = reverse("deliverables:client_pdf", args=[share_token, number])
    else:
        base = reverse("deliverables:pdf", args=[project_pk, number])
    job = job if job is not None else jobs.job_for_version(version)
    return {
        "version": version,
        "job": job,
        "slow": jobs.job_is_slow(job),
        "generate_url": base,
        "status_url": base + "status/",
        "download_url": base + "download/",
    }


def _after_request(
    request: HttpRequest, version: ProposalVersion, context: dict[str, Any], back: str
) -> HttpResponse:
    job: PdfJob = context["job"]
    if request.htmx:  # type: ignore[attr-defined]
        status = 503 if job.state == PdfJob.State.ENQUEUE_FAILED else 200
        return render(request, PANEL, {"pdf": context}, status=status)
    return redirect(back)


def _download(job: PdfJob | None, version: ProposalVersion) -> HttpResponseBase:
    if job is None or job.state != PdfJob.State.READY or not job.file:
        raise Http404
    project = version.project
    filename = f"{project.client_name} - {project.name} - {version.label}.pdf"
    response = FileResponse(
        job.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- consultants ---------------------------------------------------------------------


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    version = selectors.version_get(project, number)
    versions = selectors.version_numbers(project)
    context = {
        **selectors.proposal_context(version),
        **selectors.review_context(version),
        "project": project,
        "versions": versions,
        "is_latest": number == versions[-1]["number"],
        "latest_number": versions[-1]["number"],
        "mode": "consultant",
        "feedback": selectors.feedback_for_version(version),
        "approvals": [
            a for a in selectors.approvals_for_project(project) if a.version_id == version.pk
        ],
        "comment_form": CommentForm(),
        "pdf": panel_context(version),
    }
    return render(request, "deliverables/consultant_version.html", context)


def _consultant_version(request: HttpRequest, pk: int, number: int) -> ProposalVersion:
    project = project_get_for_user(request.user, pk)
    return selectors.version_get(project, number)


@login_required
@require_POST
def pdf_generate(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _consultant_version(request, pk, number)
    job = jobs.pdf_request(version, signed_in_user(request))
    job.refresh_from_db()
    context = panel_context(version, job=job)
    return _after_request(
        request, version, context, reverse("deliverables:version", args=[pk, number])
    )


@login_required
@require_GET
def pdf_status(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _consultant_version(request, pk, number)
    job = jobs.pdf_resend_if_due(jobs.job_for_version(version))
    response = render(request, PANEL, {"pdf": panel_context(version, job=job)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def pdf_download(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    version = _consultant_version(request, pk, number)
    return _download(jobs.job_for_version(version), version)


# --- the client, through the review link ---------------------------------------------


@review_page("GET")
def client_version(
    request: HttpRequest, reviewer: Reviewer, share_token: str, number: int
) -> HttpResponse:
    project = reviewer.project
    version = selectors.version_get(project, number)
    versions = selectors.version_numbers(project)
    feedback = Feedback.objects.filter(version=version, reviewer=reviewer).first()
    approval = Approval.objects.filter(version=version, reviewer=reviewer).first()
    initial = (
        {
            "alignment": feedback.alignment,
            "alignment_comment": feedback.alignment_comment,
            "challenge": feedback.challenge,
        }
        if feedback
        else None
    )
    context = {
        **selectors.proposal_context(version),
        **selectors.review_context(version),
        "project": project,
        "reviewer": reviewer,
        "share_token": share_token,
        "versions": versions,
        "is_latest": number == versions[-1]["number"],
        "latest_number": versions[-1]["number"],
        "mode": "client",
        "my_feedback": feedback,
        "my_approval": approval,
        "feedback_form": FeedbackForm(initial=initial),
        "comment_form": CommentForm(),
        "pdf": panel_context(version, share_token=share_token),
    }
    return render(request, "deliverables/client_version.html", context)


@review_page("POST")
def client_pdf_generate(
    request: HttpRequest, reviewer: Reviewer, share_token: str, number: int
) -> HttpResponse:
    version = selectors.version_get(reviewer.project, number)
    job = jobs.pdf_request(version, None)
    job.refresh_from_db()
    context = panel_context(version, share_token=share_token, job=job)
    back = reverse("deliverables:client_version", args=[share_token, number])
    return _after_request(request, version, context, back)


@review_page("GET")
def client_pdf_status(
    request: HttpRequest, reviewer: Reviewer, share_token: str, number: int
) -> HttpResponse:
    version = selectors.version_get(reviewer.project, number)
    job = jobs.pdf_resend_if_due(jobs.job_for_version(version))
    context = {"pdf": panel_context(version, share_token=share_token, job=job)}
    return render(request, PANEL, context)


@review_page("GET")
def client_pdf_download(
    request: HttpRequest, reviewer: Reviewer, share_token: str, number: int
) -> HttpResponse:
    version = selectors.version_get(reviewer.project, number)
    # review_page types its views as returning HttpResponse; it only sets headers, which a
    # streaming FileResponse has too.
    return cast(HttpResponse, _download(jobs.job_for_version(version), version))
