"""Upload, map, read (inline in tests), choose; the framework then says where its figures
came from."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from discovery.scenarios import NORTHWIND
from discovery.services import answers_load
from evidence import services
from evidence.models import ColumnMapping, TicketImport
from frameworks.services import framework_generate

from .exports import SECRET_SUBJECT, as_bytes, zendesk_csv

pytestmark = pytest.mark.django_db


def _upload(client, project, data: bytes, name="tickets.csv"):
    return client.post(
        reverse("evidence:page", args=[project.pk]),
        {"tool": "", "file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_import_journey_drives_the_staffing_plan(
    consultant_client, project, consultant, settings, django_capture_on_commit_callbacks
):
    settings.PDF_EMBEDDED_RUN = "sync"
    answers_load(project=project, answers=NORTHWIND, user=consultant)
    response = _upload(consultant_client, project, as_bytes(zendesk_csv(2000)))
    job = TicketImport.objects.get(project=project)
    assert response.status_code == 302
    assert response["Location"] == reverse("evidence:mapping", args=[project.pk, job.pk])
    assert job.tool == "zendesk"
    assert job.mapping["created"] == "created_at"
    page = consultant_client.get(response["Location"])
    assert "created_at" in page.content.decode()
    form = {f"map_{k}": v for k, v in job.mapping.items()} | {"default_channel": "email"}
    with django_capture_on_commit_callbacks(execute=True):
        response = consultant_client.post(response["Location"], form)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == TicketImport.State.READY
    assert job.summary["tickets"] == 2000
    assert not job.file  # the upload is gone
    assert SECRET_SUBJECT not in str(job.summary)
    assert ColumnMapping.objects.filter(organization=project.organization, tool="zendesk").exists()
    # Read before the page loads (a fast worker): the page it returns to still says so.
    landed = consultant_client.get(response["Location"]).content.decode()
    assert response["Location"] == reverse("evidence:page", args=[project.pk]) + f"?read={job.pk}"
    assert 'data-testid="import-status"' in landed
    assert "read: 2000 tickets" in landed
    page = consultant_client.get(reverse("evidence:page", args=[project.pk])).content.decode()
    assert "measured from 2,000 tickets, March–August 2026" in page
    consultant_client.post(
        reverse("evidence:use", args=[project.pk, job.pk]),
        {"volume_email": "on", "curve_email": "on"},
    )
    generation = framework_generate(project=project, user=consultant).generation
    staffing = next(s for s in generation.data["sections"] if s["key"] == "staffing")
    email = next(e for e in staffing["elements"] if e["id"] == "staffing.channel.email")
    assert email["data"]["volume_origin"] == "measured"
    assert email["data"]["volume_basis"] == "measured from 2,000 tickets, March–August 2026"
    assert "measured from 2,000 tickets" in email["text"]
    assert any(f["import_id"] == job.pk for f in email["data"]["inputs"])
    # The business case reads the same history: its first-contact resolution gain is held
    # to what came back of the tickets it measured.
    case = next(s for s in generation.data["sections"] if s["key"] == "business_case")
    depends = next(e for e in case["elements"] if e["id"] == "business_case.depends")
    measured = job.summary["channels"]["email"]["reopen_rate"]
    assert measured is not None
    assert depends["data"]["reopen_rate"] == pytest.approx(measured)
    assert depends["data"]["reopen_source"] == "measured from 2,000 tickets, March–August 2026"
    assert depends["data"]["fcr_range"][1] <= measured + 1e-9


def test_a_malformed_file_is_refused_and_nothing_is_kept(
    consultant_client, project, settings, django_capture_on_commit_callbacks
):
    settings.PDF_EMBEDDED_RUN = "sync"
    data = b"created_at,via\n2026-03-02T09:10:00Z,Mail\nnot a date,Mail\n"
    _upload(consultant_client, project, data)
    job = TicketImport.objects.get(project=project)
    with django_capture_on_commit_callbacks(execute=True):
        consultant_client.post(
            reverse("evidence:mapping", args=[project.pk, job.pk]),
            {"map_created": "created_at", "map_channel": "via", "default_channel": "email"},
        )
    job.refresh_from_db()
    assert job.state == TicketImport.State.FAILED
    assert "Row 3, column “created_at”" in job.error
    assert job.summary == {}
    assert not job.file
    page = consultant_client.get(reverse("evidence:page", args=[project.pk])).content.decode()
    assert "refused, nothing was imported" in page


def test_an_oversized_file_is_refused_beside_the_field(consultant_client, project, monkeypatch):
    monkeypatch.setattr(services, "MAX_UPLOAD_BYTES", 100)
    response = _upload(consultant_client, project, as_bytes(zendesk_csv(20)))
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not TicketImport.objects.exists()


def test_a_file_without_a_header_is_refused(consultant_client, project):
    response = _upload(consultant_client, project, b"")
    assert response.status_code == 400
    assert "empty" in response.content.decode()


def test_the_upload_view_takes_larger_requests_than_other_uploads(
    consultant_client, project, settings
):
    """The request limit (config.middleware) lets a ticket export through up to its own
    size, and still refuses a larger one before any of it is read."""
    from config.middleware import _view_limit

    page = reverse("evidence:page", args=[project.pk])
    mb = 1024 * 1024
    assert _view_limit(page, 5 * mb) == settings.EVIDENCE_MAX_UPLOAD_MB * mb + 256 * 1024
    assert _view_limit(reverse("exports:project_import"), 5 * mb) == 5 * mb
    response = consultant_client.generic(
        "POST",
        page,
        data=b"",
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(settings.EVIDENCE_MAX_UPLOAD_MB * mb + mb),
    )
    assert response.status_code == 413
    assert f"at most {settings.EVIDENCE_MAX_UPLOAD_MB}.2 MB" in response.content.decode()
