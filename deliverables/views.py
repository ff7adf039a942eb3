"""The pages that show the document: the framework page (a draft of the next version), the
consultant's and the client's version pages (the review around the document), and the PDF:
generate, watch and download, for the project's consultants and for the client through
their review link. Each renders deliverables/document.html from one document context."""

from __future__ import annotations

import logging
import re
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.http import download_filename, signed_in_user
from accounts.selectors import branding
from discovery.models import Project
from discovery.selectors import project_get_for_user, question_links
from frameworks.selectors import check_panel, framework_staleness
from frameworks.services import SECTION_KEYS, generation_check
from reviews import selectors
from reviews.forms import CommentForm, FeedbackForm
from reviews.http import review_page
from reviews.models import Approval, Feedback, ProposalVersion, Reviewer, SectionRead
from reviews.services import READABLE_SECTIONS

from . import jobs, services
from .document import document_context
from .forms import ClientLogoForm
from .models import PdfJob
from .selectors import draft_for_project, threads_by_chapter

logger = logging.getLogger(__name__)

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


def pdf_response(job: PdfJob | None, version: ProposalVersion) -> HttpResponseBase:
    if job is None or job.state != PdfJob.State.READY or not job.file:
        raise Http404
    project = version.project
    filename = download_filename(
        project.client_name, project.name, version.label, extension="pdf", fallback="proposal"
    )
    try:
        stream = job.file.open("rb")
    except OSError:  # the file or object is gone (a disk or bucket cleaned by hand)
        logger.warning("PDF %s of job %s is missing from the storage", job.file.name, job.pk)
        raise Http404 from None
    response = FileResponse(
        stream, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _review(version: ProposalVersion, document: dict[str, Any]) -> dict[str, Any]:
    """The comment threads and open counts, by the document's sections."""
    review = selectors.review_context(version)
    chapters = document["chapters"]
    threads = threads_by_chapter(review["threads"], chapters)
    earlier = threads_by_chapter(review["earlier"], chapters)
    counts = selectors.unresolved_counts(threads, earlier)
    return {
        "review": True,
        "threads": threads,
        "earlier": earlier,
        "unresolved": counts,
        "unresolved_total": sum(counts.values()),
    }


def _guide(
    version: ProposalVersion,
    reviewer: Reviewer,
    document: dict[str, Any],
    review: dict[str, Any],
) -> dict[str, Any]:
    """The guided read: each section the reviewer can mark reviewed, in the document's
    order, with its mark, its open comments and the one after it (the last leads to the
    decision), and the progress."""
    read = set(
        SectionRead.objects.filter(version=version, reviewer=reviewer).values_list(
            "section", flat=True
        )
    )
    # Every heading of the document, as the contents list elsewhere; those a reviewer
    # marks (all but the review status appendix) count towards the progress.
    sections = [c for c in document["toc"] if c.key in READABLE_SECTIONS]
    following = {
        c.key: sections[i + 1] if i + 1 < len(sections) else None for i, c in enumerate(sections)
    }
    entries = []
    for chapter in document["toc"]:
        markable = chapter.key in READABLE_SECTIONS
        after = following.get(chapter.key)
        entries.append(
            {
                "key": chapter.key,
                "heading": chapter.heading,
                "markable": markable,
                "read": markable and chapter.key in read,
                "open": review["unresolved"].get(chapter.key, 0),
                "next": after.key if after else "decision",
                "next_heading": after.heading if after else "",
            }
        )
    read_count = sum(1 for e in entries if e["read"])
    total = len(sections)
    return {
        "entries": entries,
        "by_key": {e["key"]: e for e in entries if e["markable"]},
        "read_count": read_count,
        "total": total,
        # In steps of 5, for the progress bar's width classes (no inline style under CSP).
        "percent": 5 * round(20 * read_count / total) if total else 100,
    }


# --- the framework page: the draft of the next version ---------------------------------


def _framework_page(
    request: HttpRequest,
    project: Project,
    logo_form: ClientLogoForm | None = None,
    status: int = 200,
) -> HttpResponse:
    draft = draft_for_project(project)
    generation = draft.generation if draft else None
    context: dict[str, Any] = {
        "project": project,
        "generation": generation,
        "logo_form": logo_form or ClientLogoForm(),
        "note_keys": SECTION_KEYS,
        # The proposal check's findings: the consultant's panel above the document.
        "check": check_panel(generation_check(generation)) if generation else None,
        # Said first on the page: answers or requirements moved since it was generated.
        "stale": framework_staleness(project, generation),
    }
    if draft is not None:
        links = question_links(project)
        context.update(
            document_context(draft, "consultant", "web", editable=True, question_links=links)
        )
    return render(request, "deliverables/framework.html", context, status=status)


@login_required
@require_GET
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    return _framework_page(request, project)


@login_required
@require_POST
def client_logo(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    form = ClientLogoForm(request.POST, request.FILES)
    if not form.is_valid():
        return _framework_page(request, project, logo_form=form, status=400)
    remove = form.cleaned_data["remove"]
    services.client_logo_set(
        project=project,
        logo=None if remove else form.cleaned_data["client_logo"],
        user=signed_in_user(request),
    )
    messages.success(
        request, "Client logo removed from the cover." if remove else "Client logo saved."
    )
    return redirect("deliverables:framework", pk=project.pk)


_HEX = re.compile(r"[0-9a-fA-F]{6}")


@require_GET
def brand_css(request: HttpRequest, color: str) -> HttpResponse:
    """An organization's colour as a stylesheet: the Content Security Policy allows no
    inline style, and the colour is no secret."""
    if not _HEX.fullmatch(color):
        raise Http404
    css = f".brand-bg{{background-color:#{color}}}.brand-fg{{color:#{color}}}.brand-border{{border-color:#{color}}}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- consultants ---------------------------------------------------------------------


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    version = selectors.version_get(project, number)
    versions = selectors.version_numbers(project)
    document = document_context(version, "consultant", "web")
    context = {
        **document,
        **_review(version, document),
        "version": version,
        "project": project,
        "versions": versions,
        "is_latest": number == versions[-1]["number"],
        "latest_number": versions[-1]["number"],
        "mode": "consultant",
        "feedback": selectors.feedback_for_version(version),
        "imported_approvals": [
            a
            for a in selectors.imported_approvals_for_project(project)
            if a.version_id == version.pk
        ],
        "comment_form": CommentForm(),
        "pdf": panel_context(version),
        "check_record": selectors.version_check_record(version),
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
    return pdf_response(jobs.job_for_version(version), version)


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
    document = document_context(version, "client", "web")
    review = _review(version, document)
    is_latest = number == versions[-1]["number"]
    show_why = request.GET.get("why") == "1"
    context = {
        **document,
        **review,
        "guide": _guide(version, reviewer, document, review) if is_latest else None,
        # Traces are the consultant's workings: a client sees them only on asking.
        "show_why": show_why,
        "hide_why": not show_why,
        "version": version,
        "project": project,
        "reviewer": reviewer,
        "share_token": share_token,
        "versions": versions,
        "is_latest": is_latest,
        "latest_number": versions[-1]["number"],
        "mode": "client",
        "brand": branding(project.organization),
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
    return cast(HttpResponse, pdf_response(jobs.job_for_version(version), version))
