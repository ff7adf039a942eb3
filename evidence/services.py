"""Writes for ticket-history imports: upload, map the columns, read in a task, choose
which measured figures drive the staffing plan.

The job follows the PDF pattern: a row with its state, a task that takes the id, is
idempotent and acknowledged late, enqueued after commit; without a broker the same task
runs in a background thread (or inline with PDF_EMBEDDED_RUN=sync, as the tests do).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections, transaction
from django.utils import timezone

from discovery.models import Project

from .formats import CHANNELS, FIELDS, PRESETS, detect
from .models import ColumnMapping, TicketImport
from .reading import ExportError, Mapping_, header_of, kind_of, read_export, summary_data

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = getattr(settings, "EVIDENCE_MAX_UPLOAD_MB", 200) * 1024 * 1024


def _header_hash(header: list[str]) -> str:
    return hashlib.sha256("\x1f".join(sorted(header)).encode()).hexdigest()


def import_upload(
    *, project: Project, user: User | None, upload: UploadedFile, tool: str = ""
) -> TicketImport:
    """Keep the uploaded file until it is read and propose a column mapping: the one
    remembered for these columns, else the tool's documented names. Raises ExportError
    for a file that cannot be an export (too large, not text, no header)."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ExportError(
            f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: export a shorter period."
        )
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    kind = kind_of(upload.name or "", head)
    stream: IO[bytes] = upload.file  # type: ignore[assignment]
    header = header_of(stream, kind)
    upload.seek(0)
    if not header:
        raise ExportError("The file has no column names in its first row.", row=1)
    tool = tool if tool in PRESETS else detect(header)
    remembered = ColumnMapping.objects.filter(
        organization=project.organization, tool=tool, header_hash=_header_hash(header)
    ).first()
    mapping = remembered.mapping if remembered else PRESETS[tool].suggest(header)
    ticket_import = TicketImport(
        project=project,
        token=secrets.token_hex(16),
        tool=tool,
        kind=kind,
        original_name=(upload.name or "export")[:200],
        size=upload.size or 0,
        header=header[:500],
        mapping=mapping,
        default_channel=remembered.default_channel if remembered else "email",
        created_by=user,
        created_at=timezone.now(),
    )
    ticket_import.file.save(f"{ticket_import.token}.upload", upload, save=False)
    ticket_import.save()
    return ticket_import


def import_map(
    *, ticket_import: TicketImport, mapping: dict[str, str], default_channel: str
) -> TicketImport:
    """Confirm the columns, remember them for the organization, and queue the reading."""
    clean = {k: v for k, v in mapping.items() if k in FIELDS and v in ticket_import.header}
    if default_channel not in CHANNELS:
        raise ExportError("Choose a channel for tickets that name none.")
    Mapping_(clean, ticket_import.tool, default_channel).validate(ticket_import.header)
    with transaction.atomic():
        ticket_import.mapping = clean
        ticket_import.default_channel = default_channel
        ticket_import.state = TicketImport.State.QUEUED
        ticket_import.error = ""
        ticket_import.save(update_fields=["mapping", "default_channel", "state", "error"])
        ColumnMapping.objects.update_or_create(
            organization=ticket_import.project.organization,
            tool=ticket_import.tool,
            header_hash=_header_hash(ticket_import.header),
            defaults={"mapping": clean, "default_channel": default_channel},
        )
        import_id = ticket_import.pk
        transaction.on_commit(lambda: import_enqueue(import_id))
    return ticket_import


def import_enqueue(import_id: int) -> None:
    from .tasks import ticket_import_task

    if settings.CELERY_TASK_ALWAYS_EAGER:
        if settings.PDF_EMBEDDED_RUN == "sync":
            ticket_import_task.apply(args=(import_id,))
        else:
            threading.Thread(
                target=_run_in_thread, args=(import_id,), name=f"import-{import_id}", daemon=True
            ).start()
        return
    try:
        ticket_import_task.apply_async(args=(import_id,), retry_policy={"max_retries": 0})
    except Exception as exc:  # the broker is down: keep the job, the user can retry
        logger.warning("Import %s could not be queued: %s", import_id, exc)
        TicketImport.objects.filter(pk=import_id, state=TicketImport.State.QUEUED).update(
            state=TicketImport.State.ENQUEUE_FAILED,
            error="The import could not be queued; retry in a moment.",
        )


def _run_in_thread(import_id: int) -> None:
    from .tasks import ticket_import_task

    try:
        ticket_import_task.apply(args=(import_id,))
    finally:
        close_old_connections()


def import_start(import_id: int) -> TicketImport | None:
    """Claim the job; None when there is nothing to do (ready, refused, gone)."""
    with transaction.atomic():
        job = TicketImport.objects.select_for_update().filter(pk=import_id).first()
        if job is None or job.state in (TicketImport.State.READY, TicketImport.State.FAILED):
            return None
        if not job.file:
            return None
        job.state = TicketImport.State.READING
        job.started_at = timezone.now()
        job.attempts += 1
        job.rows_read = 0
        job.save(update_fields=["state", "started_at", "attempts", "rows_read"])
    return job


def import_read(job: TicketImport) -> TicketImport:
    """Read the whole file, then store its aggregates in one write; a fault refuses the
    file with its row and column and stores nothing of it. The upload is deleted either
    way, so no ticket's text outlives the import."""

    def progress(rows: int) -> None:
        TicketImport.objects.filter(pk=job.pk).update(rows_read=rows)

    mapping = Mapping_(job.mapping, job.tool, job.default_channel)
    try:
        with job.file.open("rb") as stream:
            summary = read_export(stream, mapping, job.kind, progress=progress)
    except ExportError as exc:
        _delete_upload(job)
        TicketImport.objects.filter(pk=job.pk).update(
            state=TicketImport.State.FAILED,
            error=str(exc)[:500],
            finished_at=timezone.now(),
            file="",
        )
        job.refresh_from_db()
        return job
    data = summary_data(summary)
    _delete_upload(job)
    TicketImport.objects.filter(pk=job.pk).update(
        state=TicketImport.State.READY,
        summary=data,
        rows_read=data["tickets"],
        use=_default_use(data),
        finished_at=timezone.now(),
        error="",
        file="",
    )
    job.refresh_from_db()
    return job


def _default_use(data: dict[str, Any]) -> dict[str, dict[str, bool]]:
    """Nothing measured drives the plan until the consultant chooses it."""
    return {ch: {"use_volume": False, "use_curve": False} for ch in data.get("channels", {})}


def _delete_upload(job: TicketImport) -> None:
    if job.file and job.file.name:
        try:
            job.file.storage.delete(job.file.name)
        except OSError:
            logger.warning("Upload of import %s could not be deleted", job.pk)


def import_fail(import_id: int, reason: str) -> None:
    job = TicketImport.objects.filter(pk=import_id).first()
    if job is not None:
        _delete_upload(job)
    TicketImport.objects.filter(pk=import_id).exclude(state=TicketImport.State.READY).update(
        state=TicketImport.State.FAILED, error=reason[:500], finished_at=timezone.now(), file=""
    )


def import_requeue(import_id: int, reason: str) -> None:
    TicketImport.objects.filter(pk=import_id, state=TicketImport.State.READING).update(
        state=TicketImport.State.QUEUED, error=reason[:500]
    )


def import_use(*, ticket_import: TicketImport, choices: dict[str, dict[str, bool]]) -> TicketImport:
    """Which measured figures drive the plan. One import at a time drives it: choosing
    figures of this one clears the choices of the project's other imports."""
    channels = ticket_import.summary.get("channels", {})
    use = {
        ch: {
            "use_volume": bool(choices.get(ch, {}).get("use_volume"))
            and channels[ch].get("monthly_volume") is not None,
            "use_curve": bool(choices.get(ch, {}).get("use_curve")),
        }
        for ch in channels
    }
    with transaction.atomic():
        if any(v["use_volume"] or v["use_curve"] for v in use.values()):
            for other in TicketImport.objects.filter(
                project=ticket_import.project, state=TicketImport.State.READY
            ).exclude(pk=ticket_import.pk):
                other.use = _default_use(other.summary)
                other.save(update_fields=["use"])
        ticket_import.use = use
        ticket_import.save(update_fields=["use"])
    return ticket_import
