"""Download file names are built from the whole of the names people typed (issue 14,
item 7): "Acme 24/7 Support" must not become "7 Support…" where a browser cuts at "/"."""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.http import download_filename
from deliverables import jobs
from deliverables.models import PdfJob
from tests.reviews.conftest import invite, publish

ACME = "Acme 24/7 Support"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((ACME, "Service desk", "v1"), "Acme-24-7-Support-Service-desk-v1.pdf"),
        (("C:\\Users\\x", "a:b"), "C-Users-x-a-b.pdf"),
        (('Evil"; filename=x.exe\r\nSet-Cookie: a=b',), "Evil-filename-x-exe-Set-Cookie-a-b.pdf"),
        (("../../etc/passwd",), "etc-passwd.pdf"),
        (("São Paulo Atendimento",), "São-Paulo-Atendimento.pdf"),
        (("Café",), "Café.pdf"),  # composed and decomposed é are one name
        (("/// ***",), "fallback.pdf"),
        (("x" * 300,), "x" * 120 + ".pdf"),
    ],
)
def test_download_filename(parts, expected):
    assert download_filename(*parts, extension="pdf", fallback="fallback") == expected


def test_a_long_name_is_cut_between_words():
    name = download_filename("word " * 40, extension="pdf", fallback="x")
    assert name.endswith("word.pdf")
    assert len(name) <= 124


def _disposition(response) -> str:
    return response["Content-Disposition"]


@pytest.fixture
def acme(project, consultant):
    from discovery import scenarios
    from discovery.services import answers_load

    project.client_name = ACME
    project.name = "Service desk"
    project.save()
    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    return project


@pytest.mark.django_db
def test_the_exports_keep_the_whole_name(consultant_client, acme):
    response = consultant_client.get(reverse("exports:project_json", args=[acme.pk]))
    assert (
        _disposition(response)
        == 'attachment; filename="Acme-24-7-Support-Service-desk-export.json"'
    )
    assert json.loads(b"".join(response.streaming_content))["project"]["client_name"] == ACME
    response = consultant_client.get(reverse("exports:requirements_jira", args=[acme.pk]))
    assert _disposition(response) == (
        'attachment; filename="Acme-24-7-Support-Service-desk-requirements-jira.csv"'
    )


@pytest.mark.django_db
def test_the_pdf_keeps_the_whole_name_for_consultant_and_client(
    consultant_client, acme, consultant, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    version = publish(acme, consultant, "First version.")
    job = PdfJob.objects.create(
        version=version,
        template_hash=jobs.render_key(version),
        state=PdfJob.State.READY,
        requested_at=timezone.now(),
    )
    job.file.save("x.pdf", ContentFile(b"%PDF-1.7 test"))
    expected = 'attachment; filename="Acme-24-7-Support-Service-desk-v1.pdf"'
    consultant_url = reverse("deliverables:pdf_download", args=[acme.pk, version.number])
    assert _disposition(consultant_client.get(consultant_url)) == expected
    link = invite(acme, consultant)
    client_url = reverse("deliverables:client_pdf_download", args=[link.token, version.number])
    assert _disposition(consultant_client.get(client_url)) == expected
