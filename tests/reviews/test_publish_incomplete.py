"""Publishing a project whose discovery is incomplete: the one publish form says how
complete it is, which needed questions have no answer (linked to the wizard) and the
proposal check's blocking findings with their overrides before the first click; Publish
asks for one confirmation, and the service refuses without it whatever the form sent."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from discovery import scenarios
from discovery.bank import BANK
from discovery.services import answers_load
from frameworks.services import framework_generate
from reviews.models import CheckOverride, ProposalVersion
from reviews.selectors import GAPS_LISTED, discovery_state
from reviews.services import PublishBlocked, version_publish
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

REASON = "The client calls its tool TBD internally; confirmed on the call of 2 December."


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def partial(organization, consultant):
    project = ProjectFactory(organization=organization, created_by=consultant)
    answers = {k: v for k, v in scenarios.VERDE.items() if k.startswith("objective.")}
    answers_load(project=project, answers=answers, user=consultant)
    return project


def test_the_state_counts_the_gaps_and_lists_the_first_few(partial):
    state = discovery_state(partial)
    answers = {k: v for k, v in scenarios.VERDE.items() if k.startswith("objective.")}
    gaps = BANK.gaps(answers)
    assert state["percent"] == BANK.completeness(answers) < 100
    assert state["gap_count"] == len(gaps) > GAPS_LISTED
    assert len(state["gaps"]) == GAPS_LISTED
    assert state["gaps_more"] == len(gaps) - GAPS_LISTED
    assert state["gaps"][0]["label"] == gaps[0].label
    assert state["gaps"][0]["url"].startswith(f"/projects/{partial.pk}/discovery/")


def test_the_publish_form_names_the_gaps_and_asks_to_confirm(partial, consultant_client):
    html = consultant_client.get(reverse("reviews:index", args=[partial.pk])).content.decode()
    form = html.split('id="publish-form"', 1)[1].split("</form>", 1)[0]
    state = discovery_state(partial)
    text = _text(form)
    assert f"Discovery is {state['percent']}% complete." in text
    assert f"{state['gap_count']} questions the proposal needs have no answer" in text
    assert "Not covered in discovery yet" in text
    assert f'href="{state["gaps"][0]["url"]}"' in form
    assert f"and {state['gaps_more']} more questions in the discovery review" in text
    assert 'name="confirm_incomplete"' in form
    assert "Publish anyway, with discovery" in text


def test_the_service_refuses_an_unconfirmed_incomplete_discovery(partial, consultant):
    with pytest.raises(PublishBlocked) as blocked:
        version_publish(
            project=partial,
            change_summary="",
            user=consultant,
            # Whatever the check finds is overridden: only the discovery stops it.
            override_all=REASON,
        )
    percent, gaps = blocked.value.incomplete
    assert percent == discovery_state(partial)["percent"]
    assert gaps == discovery_state(partial)["gap_count"]
    assert not blocked.value.errors
    assert f"Discovery is {percent}% complete" in str(blocked.value)
    assert not ProposalVersion.objects.filter(project=partial).exists()
    version_publish(
        project=partial,
        change_summary="",
        user=consultant,
        override_all=REASON,
        incomplete_confirmed=True,
    )
    assert ProposalVersion.objects.filter(project=partial).count() == 1


def test_a_refused_publish_keeps_what_was_typed_and_says_why(partial, consultant_client):
    url = reverse("reviews:publish", args=[partial.pk])
    response = consultant_client.post(
        url,
        {"change_summary": "For the steering group.", "override_all": "1", "reason_all": REASON},
    )
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert "Not published:" in text
    assert "answer them, or confirm that it goes to the client as it is" in text
    assert "For the steering group." in html
    assert 'id="confirm-incomplete" required aria-invalid="true"' in html
    assert not ProposalVersion.objects.filter(project=partial).exists()
    response = consultant_client.post(
        url,
        {
            "change_summary": "For the steering group.",
            "override_all": "1",
            "reason_all": REASON,
            "confirm_incomplete": "1",
        },
    )
    assert response.status_code == 302
    assert ProposalVersion.objects.filter(project=partial).count() == 1


def test_findings_and_their_overrides_are_in_the_form_before_the_first_click(
    organization, consultant, consultant_client
):
    project = ProjectFactory(organization=organization, created_by=consultant)
    answers = {
        **scenarios.NORTHWIND,
        "context.tools": ["other"],
        "context.tools_other": "TBD",
        "context.tool_fate": "replace",
    }
    answers_load(project=project, answers=answers, user=consultant)
    generation = framework_generate(project=project, user=consultant).generation
    blocking = [f for f in generation.check_result["findings"] if f["severity"] == "blocking"]
    assert blocking
    html = consultant_client.get(reverse("reviews:index", args=[project.pk])).content.decode()
    form = html.split('id="publish-form"', 1)[1].split("</form>", 1)[0]
    # Every finding is offered for overriding (the same problem in several places once).
    posted = re.findall(r'name="override" value="([^"]+)"', form)
    offered = {key for value in posted for key in value.split()}
    assert offered == {f["key"] for f in blocking}
    for value in posted:
        assert f'name="reason-{value.split()[0]}"' in form
    assert "with the overrides ticked" in form

    # One submit: each finding ticked with its reason (and the discovery, if incomplete).
    data: dict = {"change_summary": "", "override": [], "confirm_incomplete": "1"}
    for finding in blocking:
        data["override"].append(finding["key"])
        data[f"reason-{finding['key']}"] = REASON
    response = consultant_client.post(reverse("reviews:publish", args=[project.pk]), data)
    assert response.status_code == 302
    rows = CheckOverride.objects.filter(version__project=project)
    assert {r.finding_key for r in rows} == {f["key"] for f in blocking}


def test_a_complete_discovery_publishes_without_the_question(
    organization, consultant, consultant_client, monkeypatch
):
    import reviews.services as services

    monkeypatch.setattr(
        services, "generation_check", lambda generation: {"version": "x", "findings": []}
    )
    project = ProjectFactory(organization=organization, created_by=consultant)
    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    assert discovery_state(project)["gap_count"] == 0
    html = consultant_client.get(reverse("reviews:index", args=[project.pk])).content.decode()
    assert "confirm_incomplete" not in html
    assert "Every question the proposal needs is answered." in _text(html)
    consultant_client.post(reverse("reviews:publish", args=[project.pk]), {"change_summary": ""})
    assert ProposalVersion.objects.filter(project=project).count() == 1
