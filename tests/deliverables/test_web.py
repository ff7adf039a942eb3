"""The document on the web: the charts under their sections with their text alternatives, a
phone drawing for narrow screens, and the architecture diagram legible on a phone."""

from __future__ import annotations

import base64
import re

from django.urls import reverse

PHONE = 390


def _page(client, v1) -> str:
    response = client.get(reverse("deliverables:version", args=[v1.project_id, v1.number]))
    assert response.status_code == 200
    return response.content.decode()


def _svg(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode()


def test_the_charts_show_on_the_web_with_a_phone_drawing_and_a_text_alternative(
    v1, consultant_client
):
    page = _page(consultant_client, v1)
    figures = re.findall(
        r'<figure class="doc-chart" id="chart-([a-z_]+)">(.*?)</figure>', page, re.S
    )
    assert {key for key, _ in figures} >= {"licence", "staffing", "kpi", "timeline"}
    for key, figure in figures:
        narrow = re.search(r'<source media="\(max-width: 640px\)" srcset="([^"]+)">', figure)
        assert narrow, key
        assert _svg(narrow.group(1)).startswith("<svg")
        alt = re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', figure)
        assert alt, key
        assert len(alt.group(1)) > 30
        assert "<table" in figure  # the figures as a table
    # Each sits in its own section.
    for key, section in (("licence", "tools"), ("kpi", "metrics"), ("timeline", "action_plan")):
        found = re.search(rf'<section[^>]*id="sec-{section}".*?</section>', page, re.S)
        assert found
        assert f'id="chart-{key}"' in found.group(0)


def test_the_architecture_diagram_keeps_11_px_text_on_a_phone(v1, consultant_client):
    page = _page(consultant_client, v1)
    found = re.search(
        r'<div class="diagram-scroll"[^>]*><img src="(data:image/svg\+xml;base64,[^"]+)"[^>]*'
        r'width="(\d+)"',
        page,
    )
    assert found
    svg = _svg(found.group(1))
    natural = float(re.search(r"<svg[^>]*\bwidth=\"([\d.]+)\"", svg).group(1))
    smallest = min(float(s) for s in re.findall(r'font-size="([\d.]+)"', svg))
    shown = int(found.group(2))
    # On a phone the image keeps this width (document.css) and scrolls sideways.
    assert shown > PHONE
    assert smallest * shown / natural >= 11
