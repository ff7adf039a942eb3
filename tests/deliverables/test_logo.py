"""Organization logos: PNG or JPEG only (by content), small, managed in the admin, drawn on
the PDF cover through the safe fetcher, which reads them from MEDIA_ROOT/logos and from
nowhere else."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from accounts.admin import OrganizationForm
from accounts.validators import validate_logo
from deliverables import jobs
from deliverables.document import DeliverableMeta, deliverable_html
from deliverables.fetcher import SafeURLFetcher, URLRefused, logo_root
from deliverables.render import render_pdf, render_pdf_pages
from reviews.models import ProposalVersion
from tests.factories import UserFactory


def _image(fmt: str, size: tuple[int, int] = (240, 80), color: str = "#c05000") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def _upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _page_images(pdf: bytes, page: int = 0) -> list[str]:
    """Names of the image XObjects drawn on a page, through nested form XObjects too."""
    found: list[str] = []

    def walk(resources) -> None:
        xobjects = (resources or {}).get("/XObject") or {}
        for name, ref in xobjects.items():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append(name)
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    walk(PdfReader(io.BytesIO(pdf)).pages[page].get("/Resources"))
    return found


def _fresh(version: ProposalVersion) -> ProposalVersion:
    return ProposalVersion.objects.select_related("project__organization").get(pk=version.pk)


# --- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"), [("logo.png", "PNG"), ("logo.jpg", "JPEG"), ("logo.jpeg", "JPEG")]
)
def test_png_and_jpeg_logos_are_accepted(name: str, fmt: str) -> None:
    validate_logo(_upload(name, _image(fmt)))


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/passwd"/></svg>'


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", SVG, "PNG or JPEG"),
        ("logo.png", SVG, "PNG or JPEG"),  # an SVG renamed
        ("logo.gif", _image("GIF"), "PNG or JPEG"),
        ("logo.png", _image("GIF"), "PNG or JPEG"),  # a GIF renamed
        ("logo.webp", _image("WEBP"), "PNG or JPEG"),
        ("logo.jpg", _image("PNG"), "PNG or JPEG"),  # content and name disagree
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "PNG or JPEG"),  # truncated
        ("logo.png", b"just text", "PNG or JPEG"),
        ("logo.png", _image("PNG", (2400, 300)), "2400×300 pixels"),
        ("logo.png", b"\x89PNG" + b"\x00" * (512 * 1024 + 1), "at most 512 KB"),
    ],
)
def test_other_files_are_rejected_with_a_clear_message(name, content, message) -> None:
    with pytest.raises(ValidationError) as error:
        validate_logo(_upload(name, content))
    assert message in " ".join(error.value.messages)


def test_the_admin_form_shows_the_error_beside_the_field(db) -> None:
    data = {
        "name": "Acme Consulting",
        "slug": "acme",
        "brand_color": "#1f4e79",
        "review_link_days": "30",
    }
    form = OrganizationForm(data=data, files={"logo": _upload("logo.svg", SVG, "image/svg+xml")})
    assert not form.is_valid()
    assert "PNG or JPEG" in " ".join(form.errors["logo"])
    assert list(form.errors) == ["logo"]


def test_the_admin_uploads_a_logo_under_media_root(db, client, settings) -> None:
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_organization_add"),
        {
            "name": "Acme Consulting",
            "slug": "acme",
            "brand_color": "#1f4e79",
            "review_link_days": "30",
            "logo": _upload("acme.png", _image("PNG")),
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from accounts.models import Organization

    organization = Organization.objects.get(slug="acme")
    path = Path(organization.logo.path).resolve()
    assert path.is_relative_to(logo_root())
    assert path.read_bytes()[:4] == b"\x89PNG"


# --- the PDF ---------------------------------------------------------------------------


def test_the_logo_is_drawn_on_the_cover(v1, organization) -> None:
    organization.logo.save("partners.png", io.BytesIO(_image("PNG")), save=True)
    html = jobs.deliverable_for_version(_fresh(v1))
    assert logo_root().as_uri() in html
    fetcher = SafeURLFetcher()
    pdf, _pages = render_pdf_pages(html, fetcher=fetcher)
    assert fetcher.refused == []
    assert _page_images(pdf, 0), "no image XObject on the cover"
    # Without a logo the cover has no image at all, so the one above is the logo.
    organization.logo.delete(save=True)
    plain = render_pdf(jobs.deliverable_for_version(_fresh(v1)))
    assert _page_images(plain, 0) == []


def test_a_new_logo_makes_a_new_pdf(v1, organization) -> None:
    before = jobs.render_key(v1)
    organization.logo.save("partners.jpg", io.BytesIO(_image("JPEG")), save=True)
    assert jobs.render_key(_fresh(v1)) != before


def test_a_logo_outside_media_root_is_not_fetched(settings, tmp_path) -> None:
    outside = tmp_path / "elsewhere" / "logo.png"
    outside.parent.mkdir()
    outside.write_bytes(_image("PNG"))
    inside = logo_root()
    inside.mkdir(parents=True, exist_ok=True)
    (inside / "sneaky.png").symlink_to(outside)
    (inside / "passwd.png").symlink_to("/etc/passwd")
    (Path(settings.MEDIA_ROOT) / "pdfs").mkdir(parents=True, exist_ok=True)
    other_pdf = Path(settings.MEDIA_ROOT) / "pdfs" / "other-client.png"
    other_pdf.write_bytes(_image("PNG"))
    (inside / "notes.txt").write_text("not an image")

    fetcher = SafeURLFetcher()
    for path in (
        outside,
        inside / "sneaky.png",
        inside / "passwd.png",
        other_pdf,
        inside / "notes.txt",
        inside / ".." / ".." / "elsewhere" / "logo.png",
    ):
        with pytest.raises(URLRefused):
            fetcher.fetch(Path(path).as_uri() if not str(path).count("..") else f"file://{path}")

    # Through a whole deliverable: the cover renders without the image.
    meta = DeliverableMeta("v1", timezone.now(), "Acme", logo_url=outside.as_uri())
    fetcher = SafeURLFetcher()
    pdf = render_pdf(
        deliverable_html({"project": {"client_name": "Client"}}, meta), fetcher=fetcher
    )
    assert fetcher.refused == [outside.as_uri()]
    assert _page_images(pdf, 0) == []


def test_a_missing_logo_file_leaves_the_name_alone(v1, organization) -> None:
    organization.logo.name = "logos/gone.png"
    organization.save()
    assert jobs.logo_url(organization) == ""
    assert "cover-logo" not in jobs.deliverable_for_version(_fresh(v1))
