"""The proposal check on the framework page: stored with each generation, shown to the
consultant with a link to each element, refreshed when the rules change."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from discovery.scenarios import SCENARIOS
from discovery.services import answers_load
from frameworks.check import rules_version
from frameworks.models import FrameworkGeneration
from frameworks.services import framework_generate
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# A consultant typed a placeholder where the tool's name goes: the check always flags it.
TBD_TOOL = {
    "context.tools": ["other"],
    "context.tools_other": "TBD",
    "context.tool_fate": "replace",
}


def _generated(organization, consultant, answers):
    project = ProjectFactory(organization=organization, created_by=consultant)
    answers_load(project=project, answers=answers, user=consultant)
    generation = framework_generate(project=project, user=consultant).generation
    return project, generation


def test_each_generation_stores_its_check(organization, consultant):
    _project, generation = _generated(organization, consultant, TBD_TOOL)
    stored = FrameworkGeneration.objects.get(pk=generation.pk).check_result
    assert stored["version"] == rules_version()
    placeholders = [f for f in stored["findings"] if f["rule"] == "text.placeholder"]
    assert placeholders
    assert placeholders[0]["element_id"] == "summary.context"
    assert placeholders[0]["evidence"] == "TBD"


def test_an_unchanged_generation_gets_the_check_of_new_rules(organization, consultant):
    project, generation = _generated(organization, consultant, TBD_TOOL)
    FrameworkGeneration.objects.filter(pk=generation.pk).update(check_result={})
    again = framework_generate(project=project, user=consultant)
    assert not again.created
    assert again.generation.check_result["version"] == rules_version()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_panel_links_every_finding_to_its_element_on_the_page(
    client, organization, consultant, name
):
    project, generation = _generated(organization, consultant, SCENARIOS[name])
    client.force_login(consultant)
    html = client.get(reverse("deliverables:framework", args=[project.pk])).content.decode()
    findings = generation.check_result["findings"]
    if not findings:
        assert "Nothing blocking." in html
        return
    assert 'id="proposal-check"' in html
    ids = set(re.findall(r'id="([^"]+)"', html))
    links = re.findall(r'<li class="check-finding[^"]*"[^>]*>.*?href="#([^"]+)"', html, re.S)
    assert len(links) == len(findings)
    missing = sorted({anchor for anchor in links if anchor not in ids})
    assert not missing, f"findings link to anchors the page does not have: {missing}"


def test_the_panel_says_how_many_block_and_that_the_client_never_sees_them(
    client, organization, consultant
):
    project, _generation = _generated(organization, consultant, TBD_TOOL)
    client.force_login(consultant)
    html = client.get(reverse("deliverables:framework", args=[project.pk])).content.decode()
    assert re.search(r"\d+ blocking finding", html)
    assert "the client never does" in html
    assert "“TBD” is a placeholder" in html.replace("&ldquo;", "“").replace("&rdquo;", "”")


def test_no_panel_before_a_framework_exists(client, organization, consultant):
    project = ProjectFactory(organization=organization, created_by=consultant)
    client.force_login(consultant)
    html = client.get(reverse("deliverables:framework", args=[project.pk])).content.decode()
    assert 'id="proposal-check"' not in html
