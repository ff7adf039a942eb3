"""The framework screen: generating, regenerating with what changed, section notes, access,
query budget and the section tables a consultant presents."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from discovery.models import Project
from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from discovery.services import answers_load
from frameworks.models import FrameworkGeneration, SectionNote
from frameworks.services import SECTION_KEYS, framework_generate, section_note_save
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# The document's sections as frameworks.outline numbers and titles them.
SECTION_HEADINGS = (
    ("executive", "1. Executive summary"),
    ("summary", "2. Summary of identified needs"),
    ("architecture", "3. Technical architecture"),
    ("channels", "4. Channels and centralized ticketing"),
    ("tools", "5. Tools scored against the requirements"),
    ("integrations", "6. AI automation and integrations"),
    ("scalability", "7. Cloud scalability"),
    ("workflow", "8. Support workflow and SLAs"),
    ("staffing", "9. Staffing"),
    ("metrics", "10. KPIs and monitoring"),
    ("operations", "11. Operating the service"),
    ("business_case", "12. Business case"),
    ("action_plan", "13. Future action plan"),
)
# Two of them the stale banner's: the answers and the requirements, compared with the generation.
BUDGET = 15


def _project(organization, consultant, answers: dict[str, Any]) -> Project:
    project = ProjectFactory(organization=organization, created_by=consultant)
    answers_load(project=project, answers=answers, user=consultant)
    return project


def _urls(project: Project) -> dict[str, str]:
    return {
        "detail": reverse("deliverables:framework", args=[project.pk]),
        "generate": reverse("frameworks:generate", args=[project.pk]),
        "note": reverse("frameworks:note", args=[project.pk, "summary"]),
    }


def _page(client: Client, project: Project) -> str:
    response = client.get(_urls(project)["detail"])
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    """The page's text with tags dropped and whitespace collapsed, for phrase checks."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _table(html: str, element_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{element_id}"[^>]*>(.*?)</table>', html, re.S)
    assert match, f"no table #{element_id}"
    return _text(match.group(1))


@pytest.fixture
def verde(organization, consultant) -> Project:
    return _project(organization, consultant, VERDE)


def test_generate_creates_generation_one_and_moves_the_stage(verde, consultant_client):
    assert verde.stage == Project.Stage.DISCOVERY
    response = consultant_client.post(_urls(verde)["generate"], follow=True)
    assert response.status_code == 200
    generation = FrameworkGeneration.objects.get(project=verde)
    assert generation.number == 1
    verde.refresh_from_db()
    assert verde.stage == Project.Stage.FRAMEWORK
    assert "Framework generated (generation 1)" in response.content.decode()


def test_regenerating_unchanged_says_so_and_stores_nothing(verde, consultant_client):
    consultant_client.post(_urls(verde)["generate"])
    response = consultant_client.post(_urls(verde)["generate"], follow=True)
    assert "Nothing changed since the last generation." in response.content.decode()
    assert FrameworkGeneration.objects.filter(project=verde).count() == 1


def test_an_answer_change_makes_generation_two_with_what_changed(
    verde, consultant, consultant_client
):
    consultant_client.post(_urls(verde)["generate"])
    answers_load(project=verde, answers={"context.coverage": "24x7"}, user=consultant)
    consultant_client.post(_urls(verde)["generate"])
    latest = FrameworkGeneration.objects.filter(project=verde).first()
    assert latest is not None
    assert latest.number == 2
    changed = {change["key"] for change in latest.changes["sections"]}
    assert "workflow" in changed
    html = _page(consultant_client, verde)
    assert "What changed since generation 1" in html
    panel = html.split("What changed", 1)[1].split("</details>", 1)[0]
    assert 'href="#sec-workflow"' in panel
    listed = set(re.findall(r'href="#sec-([a-z_]+)"', panel))
    moved = {c["key"] for c in latest.changes["sections"] if c["status"] != "unchanged"}
    assert listed == moved


def test_notes_and_intro_overrides_survive_regeneration_escaped(
    verde, consultant, consultant_client
):
    consultant_client.post(_urls(verde)["generate"])
    response = consultant_client.post(
        _urls(verde)["note"],
        {
            "note": "<script>alert('note')</script> Ask about SSO.",
            "intro_override": "Our <b>view</b>.",
        },
    )
    assert response.status_code == 302
    answers_load(project=verde, answers={"context.coverage": "24x7"}, user=consultant)
    consultant_client.post(_urls(verde)["generate"])
    assert FrameworkGeneration.objects.filter(project=verde).count() == 2
    note = SectionNote.objects.get(project=verde, section="summary")
    assert note.note.startswith("<script>")
    html = _page(consultant_client, verde)
    assert "<script>alert('note')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;note&#x27;)&lt;/script&gt; Ask about SSO." in html
    assert "Our &lt;b&gt;view&lt;/b&gt;." in html
    # The override replaces the generated introduction.
    assert "What discovery found" not in html


def test_a_stranger_gets_404_on_every_framework_url(verde, consultant, outsider):
    framework_generate(project=verde, user=consultant)
    stranger = Client()
    stranger.force_login(outsider)
    urls = _urls(verde)
    assert stranger.get(urls["detail"]).status_code == 404
    assert stranger.post(urls["generate"]).status_code == 404
    assert stranger.post(urls["note"], {"note": "mine now"}).status_code == 404
    assert FrameworkGeneration.objects.filter(project=verde).count() == 1
    assert not SectionNote.objects.filter(project=verde).exists()


def test_anonymous_visitors_are_sent_to_sign_in(verde):
    response = Client().get(_urls(verde)["detail"])
    assert response.status_code == 302


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_page_queries_do_not_grow_with_requirements_and_notes(
    organization, consultant, consultant_client
):
    small = _project(organization, consultant, {"context.team_size": 2})
    large = _project(organization, consultant, VERDE)
    for project in (small, large):
        framework_generate(project=project, user=consultant)
    section_note_save(project=small, section="summary", note="one", intro_override="", user=None)
    for key in SECTION_KEYS:
        section_note_save(
            project=large, section=key, note=f"note {key}", intro_override=f"intro {key}", user=None
        )
    assert large.requirements.count() > 3 * small.requirements.count()
    few = _queries(consultant_client, _urls(small)["detail"])
    many = _queries(consultant_client, _urls(large)["detail"])
    assert few == many
    assert many <= BUDGET


def test_every_section_heading_and_key_table_renders(verde, consultant, consultant_client):
    framework_generate(project=verde, user=consultant)
    html = _page(consultant_client, verde)
    for key, heading in SECTION_HEADINGS:
        number, title = heading.split(". ", 1)
        assert f'id="h-{key}"><span class="doc-num">{number}.</span> {title}</h2>' in html
    for table in (
        "el-architecture-components",
        "el-channels-components",
        "el-architecture-integrations",
        "el-tools-licences",
        "el-tools-rejected",
        "el-tools-integration-approach",
        "el-scalability-blocks",
        "el-workflow-sla",
        "el-staffing-channels",
        "el-metrics-targets",
        "el-metrics-definitions",
        "el-action-plan-phases",
        "el-action-plan-risks",
    ):
        _table(html, table)
    # The architecture diagram is an image, never inline markup.
    assert 'src="data:image/svg+xml;base64,' in html
    assert "<svg" not in html
    # Every element keeps a trace.
    assert html.count('class="trace small"') > 40
    staffing = _table(html, "el-staffing-channels")
    for heading in (
        "Method",
        "Volume a month",
        "Handle time",
        "Busiest half hour",
        "FTE",
        "People",
    ):
        assert heading in staffing
    assert "Erlang A" in staffing
    assert "Erlang C" in staffing
    assert "Queued work" in staffing
    # The busiest day's required-and-scheduled chart is drawn on the web page too.
    assert "Required and scheduled agents on" in html
    text = _text(html)
    assert "Weighted scoring matrix" in text
    assert "Zoho Desk" in _table(html, "el-tools-licences")
    assert "unverified" in _table(html, "el-tools-licences")
    assert "checked 2026-" in _table(html, "el-tools-licences")
    assert "Priority = impact × urgency" in text
    assert "Escalation matrix" in text
    assert "Sensitivity" in text
    assert "+20% volume" in text


def test_contoso_sla_table_runs_on_the_24x5_clock(organization, consultant, consultant_client):
    project = _project(organization, consultant, CONTOSO)
    framework_generate(project=project, user=consultant)
    html = _page(consultant_client, project)
    sla = _table(html, "el-workflow-sla")
    assert "P1 Critical" in sla
    assert "P4 Low" in sla
    assert sla.count("24 hours on weekdays") == 4
    # The Microsoft shop: Azure building blocks and Teams.
    assert "Azure" in _table(html, "el-scalability-blocks")
    assert "Microsoft Azure" in _text(html)
    assert "Teams" in _text(html)


def test_northwind_shows_the_hubspot_integration(organization, consultant, consultant_client):
    project = _project(organization, consultant, NORTHWIND)
    framework_generate(project=project, user=consultant)
    html = _page(consultant_client, project)
    assert "HubSpot" in _table(html, "el-architecture-integrations")
    assert "HubSpot" in _table(html, "el-tools-integration-approach")
    # Three people run no cloud code of their own: the help desk's apps connect HubSpot.
    assert "Google Cloud" not in _text(html)
    assert "no-code automation service" in _text(html)


def test_client_facing_rendering_has_no_wizard_links_or_note_editor(verde, consultant):
    """The document as the client gets it (editable=False): no wizard links, no editors."""
    from django.template.loader import render_to_string

    from deliverables.document import DeliverableMeta, document_from_snapshot
    from frameworks import selectors
    from reviews.services import snapshot_build

    generation = framework_generate(project=verde, user=consultant).generation
    snapshot = snapshot_build(verde, generation.data, generation.number)
    for medium in ("web", "print"):
        context = document_from_snapshot(
            snapshot,
            DeliverableMeta("v1", None, "Org"),
            audience="client",
            medium=medium,
            question_links=selectors.question_refs(verde),
        )
        html = render_to_string("deliverables/document.html", {**context, "project": verde})
        assert "/discovery/" not in html
        assert "<form" not in html
        assert "<textarea" not in html
    assert 'style="' not in html
