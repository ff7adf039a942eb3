"""Generate → watch → download, in the embedded mode (the same task code run in process)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from deliverables import jobs
from deliverables.models import PdfJob
from deliverables.tasks import pdf_render_task

HTMX = {"HTTP_HX_REQUEST": "true"}


def _urls(version, token: str = "") -> dict[str, str]:
    if token:
        base = reverse("deliverables:client_pdf", args=[token, version.number])
    else:
        base = reverse("deliverables:pdf", args=[version.project_id, version.number])
    return {"generate": base, "status": base + "status/", "download": base + "download/"}


def _generate(client, url, capture) -> object:
    with capture(execute=True):
        return client.post(url, **HTMX)


def _files(settings) -> list[Path]:
    return sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_consultant_generates_watches_and_downloads(
    v1, consultant_client, django_capture_on_commit_callbacks, settings
):
    urls = _urls(v1)
    page = consultant_client.get(reverse("deliverables:version", args=[v1.project_id, v1.number]))
    assert "Generate PDF" in page.content.decode()

    response = _generate(consultant_client, urls["generate"], django_capture_on_commit_callbacks)
    assert response.status_code == 200
    job = PdfJob.objects.get(version=v1)
    assert job.state == PdfJob.State.READY, job.error
    status = consultant_client.get(urls["status"], **HTMX).content.decode()
    assert "Download PDF" in status
    assert "every 2s" not in status  # polling stops once the file is ready

    download = consultant_client.get(urls["download"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "no-store"
    pdf = b"".join(download.streaming_content)
    assert job.size == len(pdf)
    import hashlib

    assert job.sha256 == hashlib.sha256(pdf).hexdigest()

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    flat = " ".join(text.split())
    snapshot = v1.snapshot
    assert snapshot["project"]["client_name"] in flat
    from frameworks.outline import document_sections

    for section in document_sections(snapshot["framework"]["sections"]):
        assert section["title"] in flat, section["title"]
    for requirement in snapshot["requirements"]:
        assert requirement["code"] in flat, requirement["code"]
    assert "DRAFT" in flat
    assert 10 <= len(reader.pages) <= 80
    assert job.pages == len(reader.pages)


def test_while_queued_the_panel_polls_every_two_seconds(v1, consultant_client):
    urls = _urls(v1)
    # Outside captured on-commit callbacks the task never runs: the job stays queued.
    consultant_client.post(urls["generate"], **HTMX)
    status = consultant_client.get(urls["status"], **HTMX).content.decode()
    assert 'hx-trigger="every 2s"' in status
    assert "queued" in status


def test_client_generates_and_downloads_through_the_link(
    v1, link, django_capture_on_commit_callbacks
):
    from django.test import Client

    client = Client()
    urls = _urls(v1, link.token)
    page = client.get(link.url("deliverables:client_version", number=v1.number))
    assert urls["generate"] in page.content.decode()
    response = _generate(client, urls["generate"], django_capture_on_commit_callbacks)
    assert response.status_code == 200
    download = client.get(urls["download"])
    assert download.status_code == 200
    assert download["Cache-Control"] == "no-store"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(_urls(v1, "not-a-token")["download"]).status_code == 404


def test_a_second_request_reuses_the_file_unless_the_templates_change(
    v1, consultant_client, django_capture_on_commit_callbacks, settings, monkeypatch
):
    urls = _urls(v1)
    _generate(consultant_client, urls["generate"], django_capture_on_commit_callbacks)
    _generate(consultant_client, urls["generate"], django_capture_on_commit_callbacks)
    assert PdfJob.objects.filter(version=v1).count() == 1
    assert len(_files(settings)) == 1
    assert PdfJob.objects.get().attempts == 1

    monkeypatch.setattr(jobs, "template_hash", lambda: "changed")
    _generate(consultant_client, urls["generate"], django_capture_on_commit_callbacks)
    assert PdfJob.objects.filter(version=v1).count() == 2
    assert len(_files(settings)) == 2


def test_a_redelivered_task_makes_no_second_file(
    v1, consultant_client, django_capture_on_commit_callbacks, settings
):
    _generate(consultant_client, _urls(v1)["generate"], django_capture_on_commit_callbacks)
    job = PdfJob.objects.get()
    first = (job.file.name, job.sha256)
    pdf_render_task.apply(args=(job.pk,))
    # A worker killed mid-render leaves the job in `rendering`: the redelivery redoes it
    # under the same name.
    PdfJob.objects.filter(pk=job.pk).update(state=PdfJob.State.RENDERING)
    pdf_render_task.apply(args=(job.pk,))
    job.refresh_from_db()
    assert job.state == PdfJob.State.READY
    assert job.file.name == first[0]
    assert len(_files(settings)) == 1


def test_a_job_queued_under_the_name_before_the_move_is_still_rendered(v1, settings):
    """Messages in the broker from before the PDF code moved to `deliverables` carry the
    old task name: the workers still know it, and it renders like the new one."""
    from django.utils import timezone

    from config.celery import app

    assert pdf_render_task.name == "deliverables.tasks.pdf_render_task"
    old = app.tasks["frameworks.tasks.pdf_render_task"]
    assert old.acks_late
    assert old.max_retries == pdf_render_task.max_retries
    job = PdfJob.objects.create(
        version=v1, template_hash=jobs.render_key(v1), requested_at=timezone.now()
    )
    old.apply(args=(job.pk,))
    job.refresh_from_db()
    assert job.state == PdfJob.State.READY, job.error
    assert len(_files(settings)) == 1


def test_a_layout_error_fails_the_job_with_its_reason(
    v1, consultant_client, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(html: str) -> tuple[bytes, int]:
        raise ValueError("colspan too large")

    monkeypatch.setattr(jobs, "render_pdf_pages", broken)
    response = _generate(
        consultant_client, _urls(v1)["generate"], django_capture_on_commit_callbacks
    )
    job = PdfJob.objects.get()
    assert job.state == PdfJob.State.FAILED
    assert "colspan too large" in job.error
    assert job.attempts == 1  # never retried
    status = consultant_client.get(_urls(v1)["status"], **HTMX).content.decode()
    assert "colspan too large" in status
    assert "Retry" in status
    assert response.status_code == 200


def test_a_transient_error_is_retried(
    v1, consultant_client, django_capture_on_commit_callbacks, monkeypatch
):
    real = jobs.render_pdf_pages
    calls = []

    def flaky(html: str) -> tuple[bytes, int]:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk briefly unavailable")
        return real(html)

    monkeypatch.setattr(jobs, "render_pdf_pages", flaky)
    _generate(consultant_client, _urls(v1)["generate"], django_capture_on_commit_callbacks)
    job = PdfJob.objects.get()
    assert job.state == PdfJob.State.READY, job.error
    assert job.attempts == 2


# Transactional: the enqueue runs when pdf_request's transaction commits, before the view
# answers, exactly as outside tests.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("error", ["runtime", "kombu"])
def test_a_broker_that_refuses_keeps_the_request_to_retry(
    v1, consultant_client, settings, monkeypatch, error
):
    from kombu.exceptions import OperationalError

    settings.CELERY_TASK_ALWAYS_EAGER = False

    def down(*args, **kwargs):
        if error == "runtime":
            raise RuntimeError("Retry limit exceeded while trying to reconnect")
        raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setattr(pdf_render_task, "apply_async", down)
    response = consultant_client.post(_urls(v1)["generate"], **HTMX)
    job = PdfJob.objects.get()
    assert job.state == PdfJob.State.ENQUEUE_FAILED
    assert response.status_code == 503
    assert "temporarily unavailable" in response.content.decode()
    assert "Retry" in response.content.decode()

    # The broker is back: the same job is sent again.
    sent = []
    monkeypatch.setattr(pdf_render_task, "apply_async", lambda *a, **k: sent.append(k))
    response = consultant_client.post(_urls(v1)["generate"], **HTMX)
    assert response.status_code == 200
    assert [k["args"] for k in sent] == [(job.pk,)]
    assert PdfJob.objects.get().state == PdfJob.State.QUEUED


def _refuse(monkeypatch, calls: list[tuple[int, ...]]) -> None:
    from kombu.exceptions import OperationalError

    def down(*args, **kwargs):
        calls.append(kwargs["args"])
        raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setattr(pdf_render_task, "apply_async", down)


@pytest.mark.django_db(transaction=True)
def test_the_page_sends_a_refused_job_again_once_the_broker_is_back(
    v1, consultant_client, settings, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    settings.CELERY_TASK_ALWAYS_EAGER = False
    attempts: list[tuple[int, ...]] = []
    _refuse(monkeypatch, attempts)
    consultant_client.post(_urls(v1)["generate"], **HTMX)
    job = PdfJob.objects.get()
    assert job.state == PdfJob.State.ENQUEUE_FAILED

    # The panel keeps polling, slowly, while the request waits for the broker.
    status = consultant_client.get(_urls(v1)["status"], **HTMX).content.decode()
    assert "every 10s" in status
    assert "goes out as soon as the queue answers" in status
    assert len(attempts) == 1  # too soon after the refusal: no new attempt

    # Later, the broker still refuses: one attempt per poll, the job stays kept.
    PdfJob.objects.update(finished_at=timezone.now() - timedelta(seconds=11))
    consultant_client.get(_urls(v1)["status"], **HTMX)
    assert len(attempts) == 2
    assert PdfJob.objects.get().state == PdfJob.State.ENQUEUE_FAILED

    # The broker is back: the next poll sends the job, and the panel follows its progress.
    PdfJob.objects.update(finished_at=timezone.now() - timedelta(seconds=11))
    sent = []
    monkeypatch.setattr(pdf_render_task, "apply_async", lambda *a, **k: sent.append(k["args"]))
    status = consultant_client.get(_urls(v1)["status"], **HTMX).content.decode()
    assert sent == [(job.pk,)]
    assert PdfJob.objects.get().state == PdfJob.State.QUEUED
    assert "every 2s" in status
    assert "PDF queued" in status
    # A request older than a day is not sent by itself any more; Retry still works.
    PdfJob.objects.update(
        state=PdfJob.State.ENQUEUE_FAILED, requested_at=timezone.now() - timedelta(days=2)
    )
    consultant_client.get(_urls(v1)["status"], **HTMX)
    assert sent == [(job.pk,)]


@pytest.mark.django_db(transaction=True)
def test_resend_unqueued_sends_the_backlog_and_stops_at_the_first_refusal(
    answered_project, consultant, settings, monkeypatch
):
    from django.core.management import call_command

    from tests.reviews.conftest import publish, publish_next

    settings.CELERY_TASK_ALWAYS_EAGER = False
    versions = [publish(answered_project, consultant, "v1")]
    versions.append(publish_next(answered_project, consultant, "v2"))
    versions.append(publish_next(answered_project, consultant, "v3"))
    attempts: list[tuple[int, ...]] = []
    _refuse(monkeypatch, attempts)
    for version in versions:
        jobs.pdf_request(version, None)
    assert PdfJob.objects.filter(state=PdfJob.State.ENQUEUE_FAILED).count() == 3
    attempts.clear()

    # Still down: one attempt, then it stops rather than wait on every job.
    assert jobs.pdf_resend_unqueued() == 0
    assert len(attempts) == 1
    assert PdfJob.objects.filter(state=PdfJob.State.ENQUEUE_FAILED).count() == 3

    # Back: every job goes out once, oldest first; a second run finds nothing to send.
    sent = []
    monkeypatch.setattr(pdf_render_task, "apply_async", lambda *a, **k: sent.append(k["args"]))
    call_command("pdf_resend")
    expected = list(PdfJob.objects.order_by("requested_at").values_list("pk", flat=True))
    assert sent == [(pk,) for pk in expected]
    assert not PdfJob.objects.filter(state=PdfJob.State.ENQUEUE_FAILED).exists()
    assert jobs.pdf_resend_unqueued() == 0


@pytest.mark.django_db(transaction=True)
def test_a_starting_worker_sends_the_backlog(v1, settings, monkeypatch):
    from deliverables.tasks import pdf_resend_on_worker_start

    settings.CELERY_TASK_ALWAYS_EAGER = False
    _refuse(monkeypatch, [])
    job = jobs.pdf_request(v1, None)
    job.refresh_from_db()
    assert job.state == PdfJob.State.ENQUEUE_FAILED
    sent = []
    monkeypatch.setattr(pdf_render_task, "apply_async", lambda *a, **k: sent.append(k["args"]))
    pdf_resend_on_worker_start(sender=None)
    assert sent == [(job.pk,)]
