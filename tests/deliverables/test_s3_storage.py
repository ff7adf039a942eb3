"""Media on an S3-compatible store: a real one (moto in server mode) on a loopback port,
configured the way an operator does, from the S3_* environment variables. PDFs and logos
are written to the bucket and read back through the storage API, the PDF cover draws the
logos without any file on this machine, downloads go through the app, and no object can
be read without a signature."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Membership
from accounts.selectors import logo_url
from deliverables import document, jobs
from deliverables.fetcher import SafeURLFetcher
from deliverables.models import PdfJob, ProjectBranding
from deliverables.render import render_pdf_pages
from tests.deliverables.test_logo import _fresh, _image, _page_images, _upload
from tests.factories import MembershipFactory
from tests.servers import ROOT, S3_ENV, s3_client, s3_server

HTMX = {"HTTP_HX_REQUEST": "true"}


def _media_storage(env: dict[str, str]) -> dict[str, Any]:
    """STORAGES["default"] as config/settings builds it from `env` in a fresh process."""
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['default']))"
    )
    keep = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


@dataclass
class S3:
    endpoint: str
    bucket: str
    client: Any

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def unsigned_get(self, key: str) -> int:
        try:
            url = f"{self.endpoint}/{self.bucket}/{key}"  # http://127.0.0.1:port, moto's
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code


@pytest.fixture
def s3(settings, tmp_path) -> Iterator[S3]:
    with s3_server() as endpoint:
        client = s3_client(endpoint)
        client.create_bucket(Bucket=S3_ENV["S3_BUCKET"])
        storage = _media_storage({**S3_ENV, "S3_ENDPOINT_URL": endpoint})
        settings.STORAGES = {**settings.STORAGES, "default": storage}
        # Nothing may land on this machine's disk: MEDIA_ROOT points at a directory that the
        # test checks is never created.
        settings.MEDIA_ROOT = tmp_path / "no-media-here"
        document._remote_logo.cache_clear()
        yield S3(endpoint, S3_ENV["S3_BUCKET"], client)
        document._remote_logo.cache_clear()
        assert not settings.MEDIA_ROOT.exists()


def test_without_s3_settings_media_stay_on_the_local_disk() -> None:
    assert _media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_the_environment_makes_a_private_store_with_short_signed_urls() -> None:
    storage = _media_storage({**S3_ENV, "S3_ENDPOINT_URL": "http://127.0.0.1:9"})
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "sb-media"
    assert options["endpoint_url"] == "http://127.0.0.1:9"
    assert options["access_key"] == "test-access-key"
    assert options["default_acl"] is None  # never public-read
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] == 300
    assert options["addressing_style"] == "path"
    assert options["file_overwrite"] is False


def test_a_pdf_is_rendered_into_the_bucket_and_downloaded_through_the_app(
    s3, v1, consultant_client, django_capture_on_commit_callbacks
) -> None:
    base = reverse("deliverables:pdf", args=[v1.project_id, v1.number])
    with django_capture_on_commit_callbacks(execute=True):
        assert consultant_client.post(base, **HTMX).status_code == 200
    job = PdfJob.objects.get(version=v1)
    assert job.state == PdfJob.State.READY, job.error
    assert s3.keys("pdfs/") == [job.file.name]
    stored = s3.client.get_object(Bucket=s3.bucket, Key=job.file.name)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == job.sha256

    download = consultant_client.get(base + "download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    pdf = b"".join(download.streaming_content)
    assert pdf == stored
    assert (
        v1.snapshot["project"]["client_name"] in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    )
    # Someone else, signed in or not, gets nothing from the app.
    assert Client().get(base + "download/").status_code in (302, 404)

    # Not readable straight from the store without a signature; the storage's own URL is
    # signed and expires in five minutes.
    assert s3.unsigned_get(job.file.name) == 403
    grants = s3.client.get_object_acl(Bucket=s3.bucket, Key=job.file.name)["Grants"]
    assert all("URI" not in g["Grantee"] for g in grants)  # no AllUsers / AuthenticatedUsers
    signed = job.file.url
    assert signed.startswith(s3.endpoint)
    assert "X-Amz-Signature=" in signed
    assert "X-Amz-Expires=300" in signed
    with urllib.request.urlopen(signed, timeout=5) as response:  # noqa: S310 (loopback http)
        assert response.read() == stored

    # A render of the same job again (a redelivered task) replaces its object: still one.
    jobs.pdf_job_render(PdfJob.objects.get(pk=job.pk))
    assert s3.keys("pdfs/") == [job.file.name]

    # An object removed from the bucket by hand is a 404, not a server error.
    s3.client.delete_object(Bucket=s3.bucket, Key=job.file.name)
    assert consultant_client.get(base + "download/").status_code == 404


def test_logos_in_the_bucket_are_drawn_on_the_cover(
    s3, v1, organization, consultant_client
) -> None:
    owner = MembershipFactory(organization=organization, role=Membership.Role.OWNER).user
    owner_client = Client()
    owner_client.force_login(owner)
    settings_page = reverse("accounts:organization_settings")
    response = owner_client.post(
        settings_page,
        {
            "name": organization.name,
            "brand_color": "#1f4e79",
            "review_link_days": "30",
            "logo": _upload("mark.png", _image("PNG")),
        },
    )
    assert response.status_code == 302
    response = consultant_client.post(
        reverse("deliverables:client_logo", args=[v1.project_id]),
        {"client_logo": _upload("acme.jpg", _image("JPEG", color="#005a9c"), "image/jpeg")},
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    client_logo = ProjectBranding.objects.get(project=v1.project).client_logo
    assert s3.keys("logos/") == sorted([organization.logo.name, client_logo.name])
    for key in s3.keys("logos/"):
        assert s3.unsigned_get(key) == 403

    # The cover reads both through the storage as data: URIs; WeasyPrint fetches no URL.
    html = jobs.deliverable_for_version(_fresh(v1))
    assert "file://" not in html
    assert html.count('src="data:image/png;base64,') >= 2
    fetcher = SafeURLFetcher()
    pdf, _pages = render_pdf_pages(html, fetcher=fetcher)
    assert fetcher.refused == []
    assert len(_page_images(pdf, 0)) == 2

    # The organization's logo is served by the app from the bucket at its signed address.
    served = Client().get(logo_url(organization))
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")

    # An object gone from the store leaves the name alone rather than failing the render.
    s3.client.delete_object(Bucket=s3.bucket, Key=client_logo.name)
    document._remote_logo.cache_clear()
    again = jobs.deliverable_for_version(_fresh(v1))
    assert (
        again.count('src="data:image/png;base64,') == html.count('src="data:image/png;base64,') - 1
    )
