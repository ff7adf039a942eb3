"""PDF jobs: request a version's PDF, render it in a worker, keep exactly one file.

The job row is the state the page shows (queued → rendering → ready or failed). The task
is enqueued after commit; if the broker cannot take it, the job is kept as
`enqueue_failed` and the user can retry. Rendering is idempotent: the file name is fixed
per job, and a task that finds its job ready does nothing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import close_old_connections, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.broker import broker_errors
from accounts.events import event_raise
from accounts.models import Organization
from reviews.models import ProposalVersion

from .assets import PRINT_CSS
from .document import TEMPLATE, approvals_of, client_logo, document_context, logo_source
from .models import PdfJob

logger = logging.getLogger(__name__)

UNAVAILABLE = (
    "PDF generation is temporarily unavailable. Your request is kept and goes out as soon as "
    "the queue answers again; you can also retry now."
)
# A job that could not be queued is sent again by the page's next poll after this long, by
# a worker when it starts, or by `manage.py pdf_resend`; not after RESEND_WITHIN.
RESEND_AFTER = timedelta(seconds=10)
RESEND_WITHIN = timedelta(hours=24)
ENQUEUE_RETRY_POLICY = {"max_retries": 0}
# After this long still queued or rendering, the panel says so and offers a retry (the
# render itself is bounded at 90 s by the task's hard time limit).
SLOW_AFTER = timedelta(seconds=120)
# Bump when the rendering code changes what a PDF looks like.
RENDERER_REVISION = "1"


@lru_cache(maxsize=1)
def template_hash() -> str:
    """What the PDF's look depends on: the print stylesheet and every template the
    deliverable includes. A change to any of them makes the next request render anew."""
    digest = hashlib.sha256(RENDERER_REVISION.encode())
    digest.update(Path(PRINT_CSS).read_bytes())
    base = Path(settings.BASE_DIR)
    templates = [
        *(base / "deliverables" / "templates" / "deliverables").rglob("*.html"),
        *(base / "frameworks" / "templates" / "frameworks" / "sections").glob("*.html"),
    ]
    for path in sorted(templates):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def render_key(version: ProposalVersion) -> str:
    """The template hash plus the approvals: an approval turns the DRAFT mark into a
    stamp, so an approved version gets a new PDF."""
    digest = hashlib.sha256(template_hash().encode())
    # The cover carries the organization's colour and logo: a new one makes a new PDF.
    organization = version.project.organization
    client = client_logo(version.project)
    logos = f"{organization.logo.name}:{client.name if client else ''}"
    digest.update(f"{organization.brand_color}:{logos}".encode())
    for approval in approvals_of(version):
        digest.update(f"{approval.email}:{approval.approved_at}:{approval.content_hash}".encode())
    return digest.hexdigest()


def job_is_slow(job: PdfJob | None) -> bool:
    """Queued or rendering for longer than a render can take: the worker is missing, busy
    with others' jobs, or died with the job."""
    return bool(job and job.is_active and timezone.now() - job.requested_at > SLOW_AFTER)


def job_for_version(version: ProposalVersion) -> PdfJob | None:
    return PdfJob.objects.filter(version=version, template_hash=render_key(version)).first()


def pdf_request(version: ProposalVersion, user: User | None) -> PdfJob:
    """The version's PDF job for the current templates: an existing ready or running job
    is reused; a new, failed or unqueued one, or one stuck past SLOW_AFTER, is (re)queued
    after commit. A retried stuck job keeps its row and file name, and the task is
    idempotent, so a late first task and the retry still make one file."""
    key = render_key(version)
    now = timezone.now()
    with transaction.atomic():
        job, created = PdfJob.objects.select_for_update().get_or_create(
            version=version,
            template_hash=key,
            defaults={"requested_by": user, "requested_at": now},
        )
        if not created and job.state == PdfJob.State.READY and job.file:
            return job
        if not created and job.is_active and not job_is_slow(job):
            return job
        if not created:
            job.state = PdfJob.State.QUEUED
            job.error = ""
            job.requested_by = user
            job.requested_at = now
            job.started_at = job.finished_at = None
            job.save(
                update_fields=[
                    "state",
                    "error",
                    "requested_by",
                    "requested_at",
                    "started_at",
                    "finished_at",
                ]
            )
        job_id = job.pk
        transaction.on_commit(lambda: pdf_enqueue(job_id))
    return job


def pdf_enqueue(job_id: int) -> None:
    """Send the job to the workers. With no broker configured (the embedded default) the
    same task code runs in a background thread of this process, so the request returns at
    once either way. A broker that is down or hung raises within the socket timeouts in
    settings (kombu's OperationalError, or the RuntimeError the Redis result backend
    raises); the job then says so."""
    from deliverables.tasks import pdf_render_task

    if settings.CELERY_TASK_ALWAYS_EAGER:
        if settings.PDF_EMBEDDED_RUN == "sync":
            pdf_render_task.apply(args=(job_id,))
        else:
            threading.Thread(
                target=_run_in_thread, args=(job_id,), name=f"pdf-job-{job_id}", daemon=True
            ).start()
        return
    try:
        # One attempt: with the settings' 3 s socket timeout a hung broker answers the
        # request in about 3 s; a second attempt would pass the 5 s the page promises. The
        # job is kept, so the user's Retry is the second attempt.
        PdfJob.objects.filter(pk=job_id).update(sent_at=timezone.now())
        pdf_render_task.apply_async(args=(job_id,), retry_policy=ENQUEUE_RETRY_POLICY)
    except broker_errors() as exc:
        logger.warning("PDF job %s could not be queued: %s: %s", job_id, type(exc).__name__, exc)
        PdfJob.objects.filter(pk=job_id, state=PdfJob.State.QUEUED).update(
            state=PdfJob.State.ENQUEUE_FAILED, error=UNAVAILABLE, finished_at=timezone.now()
        )


def pdf_resend_stuck(*, limit: int = 200) -> int:
    """The sweep for jobs that cannot move by themselves: queued for longer than
    PDF_STUCK_QUEUED_SECONDS without starting (the message was lost: a Redis without
    persistence restarted, or it never arrived), or rendering for longer than
    PDF_STUCK_RENDERING_SECONDS (the worker died, and its message may wait out the
    visibility timeout or be gone). Each is claimed with a conditional update (so two
    sweeping workers send it once) and sent again; the task is idempotent and the file
    name fixed per job, so however many copies arrive, one file is made."""
    now = timezone.now()
    queued_before = now - timedelta(seconds=settings.PDF_STUCK_QUEUED_SECONDS)
    rendering_before = now - timedelta(seconds=settings.PDF_STUCK_RENDERING_SECONDS)
    since = now - RESEND_WITHIN
    stuck = list(
        PdfJob.objects.filter(requested_at__gte=since)
        .filter(
            models.Q(state=PdfJob.State.QUEUED, sent_at__lt=queued_before)
            | models.Q(
                state=PdfJob.State.QUEUED, sent_at__isnull=True, requested_at__lt=queued_before
            )
            | models.Q(state=PdfJob.State.RENDERING, started_at__lt=rendering_before)
        )
        .order_by("requested_at")
        .values_list("pk", "state", "started_at", "sent_at")[:limit]
    )
    sent = 0
    for job_id, state, started_at, sent_at in stuck:
        claimed = PdfJob.objects.filter(
            pk=job_id, state=state, started_at=started_at, sent_at=sent_at
        ).update(state=PdfJob.State.QUEUED, started_at=None, sent_at=now)
        if claimed:
            logger.warning("PDF job %s was stuck %s; sending it again", job_id, state)
            pdf_enqueue(job_id)
            sent += 1
    return sent


def pdf_resend(job_id: int) -> bool:
    """Send a job that could not be queued once more. True if it went out; a job someone
    else already re-sent (or retried) is left alone."""
    flipped = PdfJob.objects.filter(pk=job_id, state=PdfJob.State.ENQUEUE_FAILED).update(
        state=PdfJob.State.QUEUED, error="", finished_at=None
    )
    if not flipped:
        return False
    pdf_enqueue(job_id)
    return not PdfJob.objects.filter(pk=job_id, state=PdfJob.State.ENQUEUE_FAILED).exists()


def pdf_resend_if_due(job: PdfJob | None) -> PdfJob | None:
    """The status poll's part: a job the broker refused, last tried RESEND_AFTER ago or
    more, goes out again, so it is sent once the broker is back without anyone clicking."""
    if job is None or job.state != PdfJob.State.ENQUEUE_FAILED:
        return job
    now = timezone.now()
    if now - job.requested_at > RESEND_WITHIN:
        return job
    if job.finished_at and now - job.finished_at < RESEND_AFTER:
        return job
    pdf_resend(job.pk)
    job.refresh_from_db()
    return job


def pdf_resend_unqueued(*, limit: int = 200) -> int:
    """Send every job of the last RESEND_WITHIN that could not be queued, oldest first, and
    stop at the first the broker still refuses (each refusal costs up to the socket
    timeout). Returns how many went out."""
    since = timezone.now() - RESEND_WITHIN
    ids = list(
        PdfJob.objects.filter(state=PdfJob.State.ENQUEUE_FAILED, requested_at__gte=since)
        .order_by("requested_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for job_id in ids:
        if pdf_resend(job_id):
            sent += 1
        elif PdfJob.objects.filter(pk=job_id, state=PdfJob.State.ENQUEUE_FAILED).exists():
            break
    return sent


def _run_in_thread(job_id: int) -> None:
    from deliverables.tasks import pdf_render_task

    try:
        pdf_render_task.apply(args=(job_id,))
    finally:
        close_old_connections()


def logo_url(organization: Organization) -> str:
    """The organization's logo as the PDF reads it (a file:// URL on the local disk, a
    data: URI from S3), or "" when there is none or its file is missing (the cover then shows the name alone rather than failing the render)."""
    return logo_source(organization.logo, "print")


def deliverable_for_version(version: ProposalVersion) -> str:
    """The PDF's HTML: the document shell, for the client, in print."""
    return render_to_string(TEMPLATE, document_context(version, "client", "print"))


class JobGone(Exception):
    pass


def pdf_job_start(job_id: int) -> PdfJob | None:
    """Claim the job for rendering; None when there is nothing to do (already ready, or
    deleted). A redelivered task re-claims a job left in `rendering` by a dead worker."""
    with transaction.atomic():
        job = PdfJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or (job.state == PdfJob.State.READY and job.file):
            return None
        job.state = PdfJob.State.RENDERING
        job.started_at = timezone.now()
        job.attempts += 1
        job.error = ""
        job.save(update_fields=["state", "started_at", "attempts", "error"])
    return job


def render_pdf_pages(html: str) -> tuple[bytes, int]:
    """The PDF and its page count; WeasyPrint is imported here, when a PDF is first made,
    so that a web process that never renders one does not wait seconds to start."""
    from .render import render_pdf_pages as render

    return render(html)


def pdf_job_render(job: PdfJob) -> PdfJob:
    """Render and store the file under the job's fixed name, replacing any partial file a
    killed worker left behind: a job never has two files."""
    version = ProposalVersion.objects.select_related("project__organization").get(pk=job.version_id)
    pdf, pages = render_pdf_pages(deliverable_for_version(version))
    name = f"{version.project.client_name} {version.label}.pdf"
    storage_name = _pdf_name(job)
    saved = _store_once(job.file.storage, storage_name, ContentFile(pdf, name=name))
    with transaction.atomic():
        PdfJob.objects.filter(pk=job.pk).update(
            state=PdfJob.State.READY,
            file=saved,
            size=len(pdf),
            sha256=hashlib.sha256(pdf).hexdigest(),
            pages=pages,
            finished_at=timezone.now(),
            error="",
        )
        _pdf_ready_event(version, job.pk, len(pdf), pages)
    return PdfJob.objects.get(pk=job.pk)


def _pdf_ready_event(version: ProposalVersion, job_id: int, size: int, pages: int) -> None:
    """Tell the organization's webhooks (accounts.events): the consultant's download URL,
    which asks them to sign in, never a reviewer's link."""
    project_id, number = version.project_id, version.number
    site = settings.SITE_URL
    event_raise(
        version.project.organization,
        "pdf_ready",
        {
            "project": {"id": project_id},
            "version": {"id": version.pk, "number": number},
            "pdf": {
                "job_id": job_id,
                "pages": pages,
                "size": size,
                "url": site + reverse("deliverables:pdf_download", args=[project_id, number]),
                "api_url": f"{site}/api/v1/projects/{project_id}/versions/{number}/pdf",
            },
        },
    )


def _store_once(storage: Any, name: str, content: ContentFile[bytes]) -> str:
    """Write the file under exactly `name`, replacing whatever is there: on a file system
    through a temporary file renamed over it (atomic), so that two renders of one job that
    overlap (a redelivered message beside a sweep) still leave one whole file, never a
    second one under a suffixed name."""
    try:
        path = Path(storage.path(name))
    except NotImplementedError:  # not a file system: delete, then save under the name
        if storage.exists(name):
            storage.delete(name)
        return str(storage.save(name, content))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".rendering-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content.read())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


def _pdf_name(job: PdfJob) -> str:
    return (
        f"pdfs/{job.version.project_id}/v{job.version.number}-{job.template_hash[:16]}-{job.pk}.pdf"
    )


def pdf_job_fail(job_id: int, reason: str) -> None:
    PdfJob.objects.filter(pk=job_id).exclude(state=PdfJob.State.READY).update(
        state=PdfJob.State.FAILED, error=reason[:500], finished_at=timezone.now()
    )


def pdf_job_requeue(job_id: int, reason: str) -> None:
    PdfJob.objects.filter(pk=job_id, state=PdfJob.State.RENDERING).update(
        state=PdfJob.State.QUEUED, error=reason[:500]
    )
