"""The status panel: a job stuck past two minutes says so and offers a retry; polling
stops once the job is ready or failed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deliverables import jobs
from deliverables.models import PdfJob

HTMX = {"HTTP_HX_REQUEST": "true"}


def _status(client, version) -> str:
    url = reverse("deliverables:pdf", args=[version.project_id, version.number]) + "status/"
    return client.get(url, **HTMX).content.decode()


def _job(version, state: str, age: timedelta) -> PdfJob:
    return PdfJob.objects.create(
        version=version,
        template_hash=jobs.render_key(version),
        state=state,
        requested_at=timezone.now() - age,
    )


@pytest.mark.parametrize("state", [PdfJob.State.QUEUED, PdfJob.State.RENDERING])
def test_a_job_within_two_minutes_polls_without_a_warning(v1, consultant_client, state):
    _job(v1, state, timedelta(seconds=100))
    status = _status(consultant_client, v1)
    assert 'hx-trigger="every 2s"' in status
    assert "taking longer than usual" not in status
    assert "Retry" not in status


@pytest.mark.parametrize("state", [PdfJob.State.QUEUED, PdfJob.State.RENDERING])
def test_after_two_minutes_the_panel_says_so_and_offers_a_retry(v1, consultant_client, state):
    _job(v1, state, timedelta(seconds=130))
    status = _status(consultant_client, v1)
    assert "This is taking longer than usual" in status
    assert 'data-testid="pdf-generate">Retry</button>' in status
    assert 'hx-trigger="every 2s"' in status  # it may still finish: keep watching


def test_retrying_a_stuck_job_renders_it_into_the_same_row(
    v1, consultant_client, django_capture_on_commit_callbacks
):
    stuck = _job(v1, PdfJob.State.QUEUED, timedelta(minutes=5))
    url = reverse("deliverables:pdf", args=[v1.project_id, v1.number])
    with django_capture_on_commit_callbacks(execute=True):
        response = consultant_client.post(url, **HTMX)
    assert response.status_code == 200
    assert PdfJob.objects.filter(version=v1).count() == 1
    # The answer is the fresh queued panel (requested again just now), not the warning.
    assert "taking longer than usual" not in response.content.decode()
    stuck.refresh_from_db()
    assert stuck.state == PdfJob.State.READY, stuck.error


def test_a_recent_active_job_is_not_requeued(v1, consultant):
    job = _job(v1, PdfJob.State.RENDERING, timedelta(seconds=10))
    again = jobs.pdf_request(v1, consultant)
    assert again.pk == job.pk
    again.refresh_from_db()
    assert again.state == PdfJob.State.RENDERING


@pytest.mark.parametrize(
    "state", [PdfJob.State.READY, PdfJob.State.FAILED, PdfJob.State.ENQUEUE_FAILED]
)
def test_polling_stops_when_the_job_is_done(v1, consultant_client, state):
    _job(v1, state, timedelta(minutes=10))
    status = _status(consultant_client, v1)
    assert "hx-trigger" not in status
    assert "every 2s" not in status
    assert "taking longer than usual" not in status
