"""The deliverable's HTML: long and text-heavy listings are flat rows in print (WeasyPrint
lays a table row out at several times the cost of a paragraph), nothing the web page shows
is lost on the way, and the short numeric grids that stay tables are few and small."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from deliverables.jobs import deliverable_for_version
from discovery import scenarios
from discovery.services import answers_load
from tests.reviews.conftest import publish

# Text-heavy tables on the web page, written as one paragraph per row in the PDF.
FLAT_IN_PRINT = [
    "el-architecture-components",
    "el-architecture-integrations",
    "el-tools-rejected",
    "el-tools-integration-approach",
    "el-workflow-tiers",
    "el-workflow-handoffs",
    "el-metrics-definitions",
    "el-action-plan-phases",
    "el-action-plan-milestones",
    "el-action-plan-risks",
    "el-tools-licences",
]


def _tables(html: str) -> list[str]:
    return re.findall(r"<table\b.*?</table>", html, flags=re.S)


def _row_heads(table: str) -> list[str]:
    """The row headers of a web table, as text."""
    heads = re.findall(r'<th scope="row"[^>]*>(.*?)</th>', table, flags=re.S)
    return [
        re.sub(r"\s+", " ", re.sub(r"<div.*?</div>|<span.*?</span>", "", h)).strip() for h in heads
    ]


@pytest.fixture
def print_html(v1) -> str:
    return deliverable_for_version(v1)


@pytest.fixture
def web_html(v1, consultant_client) -> str:
    response = consultant_client.get(
        reverse("deliverables:version", args=[v1.project_id, v1.number])
    )
    assert response.status_code == 200
    return response.content.decode()


def test_text_heavy_tables_are_flat_rows_in_print_and_tables_on_the_web(print_html, web_html):
    for element_id in FLAT_IN_PRINT:
        web = re.search(rf'<table[^>]*id="{element_id}".*?</table>', web_html, flags=re.S)
        assert web, f"{element_id} is a table on the web page"
        flat = re.search(
            rf'<div class="prows" id="{element_id}">(.*?)</div>', print_html, flags=re.S
        )
        assert flat, f"{element_id} is flat rows in the PDF"
        rows = flat.group(1).count('<p class="prow"')
        assert rows == len(_row_heads(web.group(0))), element_id
        for head in _row_heads(web.group(0)):
            # Every row the web page shows is in the PDF, under the same name.
            assert head.split(" (")[0][:30] in flat.group(1).replace("&#x27;", "'"), (
                element_id,
                head,
            )


def test_the_cloud_blocks_are_flat_rows_in_print(project, consultant):
    # Northwind's three people run no cloud code of their own; Contoso's building blocks
    # are a table on the web and flat rows in print.
    answers_load(project=project, answers=scenarios.CONTOSO, user=consultant)
    version = publish(project, consultant, "First version.")
    html = deliverable_for_version(version)
    flat = re.search(r'<div class="prows" id="el-scalability-blocks">(.*?)</div>', html, re.S)
    assert flat
    assert flat.group(1).count('<p class="prow"') >= 1
    assert "Azure" in flat.group(1)


def test_the_long_listings_are_flat_and_the_remaining_tables_small(print_html, v1):
    requirements = v1.snapshot["requirements"]
    assert print_html.count('<p class="req ') == len(requirements)
    assert print_html.count('<p class="trace-row"') == len(requirements)
    tables = _tables(print_html)
    rows = [t.count("<tr") for t in tables]
    assert all(n <= 20 for n in rows), rows  # the scoring matrix, 16 platforms, is the largest
    assert sum(rows) <= 70, rows
    assert not re.search(r'id="sec-(requirements|traceability)".*?<table', print_html, flags=re.S)


def test_every_requirement_and_kpi_definition_keeps_its_text(print_html, v1):
    text = re.sub(r"\s+", " ", print_html)
    for requirement in v1.snapshot["requirements"]:
        assert f"<b>{requirement['code']} " in text
    kpis = [
        e for s in v1.snapshot["framework"]["sections"] for e in s["elements"] if e["kind"] == "kpi"
    ]
    assert kpis
    for kpi in kpis:
        assert f"<b>{kpi['title']}:</b> " in text


def test_the_contents_use_no_leaders(print_html):
    # leader('.') costs as much layout as a page of text; page numbers float right instead.
    from deliverables.render import PRINT_CSS

    rules = re.sub(r"/\*.*?\*/", "", PRINT_CSS.read_text(), flags=re.S)
    assert "leader(" not in rules
    assert "target-counter(attr(href url), page)" in rules
    assert 'href="#sec-requirements"' in print_html


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["one"], "one."),
        (["queues configured", "channels connected."], "queues configured; channels connected."),
        (["A ticket opens.", "Agents reply;"], "A ticket opens. Agents reply."),
        (["Email", "  ", "chat."], "Email; chat."),
    ],
)
def test_sentences(items, expected):
    rendered = Template("{% load frameworks %}{{ items|sentences }}").render(
        Context({"items": items})
    )
    assert rendered == expected


def test_the_cover_names_each_catalogue_once(print_html):
    foot = re.search(r'<p class="doc-foot">(.*?)<br>', print_html, flags=re.S)
    assert foot
    names = [
        part.rsplit(" ", 1)[0] for part in foot.group(1).removeprefix("Catalogues: ").split(" · ")
    ]
    assert names == sorted(set(names))
    assert "question bank" in names
    assert "catalogue" not in names


def test_soft_hyphens_in_long_header_words():
    rendered = Template("{% load frameworks %}{{ text|soft_hyphens }}").render(
        Context({"text": "Deployment and data residency <b>"})
    )
    assert rendered == "De\u00adploy\u00adment and data res\u00adi\u00adden\u00adcy &lt;b&gt;"


def test_the_matrix_header_carries_soft_hyphens_not_automatic_hyphenation(print_html):
    from deliverables.render import PRINT_CSS

    rules = re.sub(r"/\*.*?\*/", "", PRINT_CSS.read_text(), flags=re.S)
    assert "hyphens" not in rules
    header = re.search(r'<table class="fw-table fw-matrix">.*?</thead>', print_html, flags=re.S)
    assert header
    assert "\u00ad" in header.group(0)
