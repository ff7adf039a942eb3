"""The client's logo on the cover, optional per project: uploaded on the framework page,
checked by content (type, size, dimensions), stored under a name of ours where the PDF
fetcher may read it, shown on the web re-encoded, never as the uploaded bytes."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from deliverables import jobs
from deliverables.jobs import deliverable_for_version
from deliverables.models import ProjectBranding
from deliverables.render import render_pdf
from tests.deliverables.test_logo import _image, _page_images, _upload


def _url(project) -> str:
    return reverse("deliverables:client_logo", args=[project.pk])


def _framework(client, project) -> str:
    return client.get(reverse("deliverables:framework", args=[project.pk])).content.decode()


def test_the_consultant_puts_the_clients_logo_on_the_cover(v1, consultant_client, settings, link):
    project = v1.project
    before = jobs.render_key(v1)
    response = consultant_client.post(
        _url(project), {"client_logo": _upload("acme logo.png", _image("PNG"))}
    )
    assert response.status_code == 302
    logo = ProjectBranding.objects.get(project=project).client_logo
    stored = Path(logo.path)
    assert stored.parent == Path(settings.MEDIA_ROOT) / "logos" / "clients"
    assert "acme" not in stored.name  # our name, not the uploaded one
    # The PDF: read from disk through the fetcher and drawn; a new logo is a new PDF.
    fresh = type(v1).objects.select_related("project__organization").get(pk=v1.pk)
    html = deliverable_for_version(fresh)
    assert f'src="{stored.as_uri()}"' in html
    assert len(_page_images(render_pdf(html))) == 1
    assert jobs.render_key(fresh) != before
    # The web pages: a PNG Pillow drew, as a data: URI.
    for page in (
        _framework(consultant_client, project),
        consultant_client.get(
            reverse("deliverables:version", args=[project.pk, v1.number])
        ).content.decode(),
        consultant_client.get(
            reverse("deliverables:client_version", args=[link.token, v1.number])
        ).content.decode(),
    ):
        found = re.search(
            r'<p class="doc-client-logo"><img src="data:image/png;base64,([^"]+)"', page
        )
        assert found
        with Image.open(io.BytesIO(base64.b64decode(found.group(1)))) as image:
            assert image.format == "PNG"
            assert image.width <= 600


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>",
            "PNG or JPEG",
        ),
        ("logo.png", b"GIF89a not really a png", "PNG or JPEG"),
        ("logo.jpg", _image("PNG"), "PNG or JPEG"),  # the name and the content disagree
        ("big.png", _image("PNG", (2400, 300)), "2400×300 pixels"),
        ("huge.png", b"\x89PNG" + b"0" * (600 * 1024), "KB"),
    ],
)
def test_a_bad_file_is_refused_next_to_the_field_and_nothing_is_lost(
    v1, consultant_client, name, content, message
):
    project = v1.project
    consultant_client.post(_url(project), {"client_logo": _upload("good.png", _image("PNG"))})
    kept = ProjectBranding.objects.get(project=project).client_logo.name
    response = consultant_client.post(_url(project), {"client_logo": _upload(name, content)})
    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(
        r'<div class="invalid-feedback d-block" id="logo-error" role="alert">(.*?)</div>',
        page,
        re.S,
    )
    assert error
    assert message in error.group(1)
    assert 'aria-invalid="true"' in page
    assert ProjectBranding.objects.get(project=project).client_logo.name == kept


def test_an_empty_upload_asks_for_a_file(v1, consultant_client):
    response = consultant_client.post(_url(v1.project), {})
    assert response.status_code == 400
    assert "Choose a PNG or JPEG file" in response.content.decode()
    assert not ProjectBranding.objects.filter(project=v1.project).exists()


def test_removing_the_logo_deletes_its_file(
    v1, consultant_client, django_capture_on_commit_callbacks
):
    project = v1.project
    consultant_client.post(_url(project), {"client_logo": _upload("a.png", _image("PNG"))})
    path = Path(ProjectBranding.objects.get(project=project).client_logo.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = consultant_client.post(_url(project), {"remove": "1"})
    assert response.status_code == 302
    assert not ProjectBranding.objects.get(project=project).client_logo
    assert not path.exists()
    assert 'class="doc-client-logo"' not in _framework(consultant_client, project)


def test_the_clients_name_is_escaped_where_the_logo_names_it(v1, consultant_client):
    project = v1.project
    project.client_name = 'Acme "><script>alert(1)</script>'
    project.save()
    consultant_client.post(_url(project), {"client_logo": _upload("a.png", _image("PNG"))})
    page = _framework(consultant_client, project)
    assert "<script>alert(1)</script>" not in page
    assert 'alt="Acme &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_another_organization_cannot_set_the_logo(v1, outsider):
    from django.test import Client

    client = Client()
    client.force_login(outsider)
    response = client.post(_url(v1.project), {"client_logo": _upload("a.png", _image("PNG"))})
    assert response.status_code == 404
    assert not ProjectBranding.objects.filter(project=v1.project).exists()


def test_the_brand_stylesheet_takes_a_colour_and_nothing_else(client):
    response = client.get(reverse("deliverables:brand_css", args=["1f4e79"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert response.content.decode().startswith(".brand-bg{background-color:#1f4e79}")
    for bad in ("zzzzzz", "1f4e7", "1f4e79;}body{display:none"):
        assert client.get(f"/brand/{bad}.css").status_code == 404
