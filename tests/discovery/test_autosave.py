"""Per-question autosave (htmx): feedback, follow-ups out of band, step nav, concurrency."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from discovery import services
from discovery.bank import BANK
from discovery.models import Answer, AnswerRevision, Project

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def autosave(client: Client, project: Project, question: str, value=None, **extra):
    data = {"question": question}
    if value is not None:
        data[question] = value
    return client.post(reverse("discovery:autosave", args=[project.pk]), data, **HX, **extra)


def stored(project: Project) -> dict:
    return dict(Answer.objects.filter(project=project).values_list("question_id", "value"))


def oob_block(html: str, html_id: str) -> str:
    match = re.search(rf'<div id="{html_id}"[^>]*>', html)
    assert match, f"no #{html_id} in the response"
    return match.group(0)


def test_saved_feedback(consultant_client, project, consultant):
    response = autosave(consultant_client, project, "context.team_size", "1,200")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<span class="saved" data-written>✓ Saved</span>')
    assert "<html" not in html
    assert stored(project) == {"context.team_size": 1200}
    revision = AnswerRevision.objects.get(project=project)
    assert revision.changed_by == consultant


def test_saving_an_unchanged_value_still_says_saved_and_writes_nothing(consultant_client, project):
    autosave(consultant_client, project, "context.team_size", "3")
    response = autosave(consultant_client, project, "context.team_size", " 3 ")
    assert "✓ Saved" in response.content.decode()
    assert AnswerRevision.objects.filter(project=project).count() == 1


def test_invalid_input_shows_an_error_and_keeps_the_stored_value(consultant_client, project):
    autosave(consultant_client, project, "context.team_size", "3")
    response = autosave(consultant_client, project, "context.team_size", "three")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="error" role="alert">Enter a whole number, such as 1200.</span>' in html
    assert "✓ Saved" not in html
    assert stored(project) == {"context.team_size": 3}
    assert AnswerRevision.objects.filter(project=project).count() == 1


def test_out_of_range_message(consultant_client, project):
    html = autosave(consultant_client, project, "context.chat_concurrency", "9").content.decode()
    assert "Enter a number no greater than 6." in html
    assert stored(project) == {}


def test_follow_up_appears_out_of_band_when_triggered(consultant_client, project):
    response = autosave(consultant_client, project, "context.tools", ["none"])
    html = response.content.decode()
    tag = oob_block(html, "q-context-current-workflow")
    assert 'hx-swap-oob="true"' in tag
    assert " hidden" not in tag
    assert 'name="context.current_workflow"' in html
    # Questions whose visibility did not change are not sent again.
    assert 'id="q-context-tool-fate"' not in html
    assert 'id="q-context-channels"' not in html


def test_follow_up_disappears_when_the_trigger_is_withdrawn(consultant_client, project):
    autosave(consultant_client, project, "context.tools", ["none"])
    autosave(consultant_client, project, "context.current_workflow", "A shared inbox")
    response = autosave(consultant_client, project, "context.tools", ["zendesk"])
    html = response.content.decode()
    gone = oob_block(html, "q-context-current-workflow")
    assert 'hx-swap-oob="true"' in gone
    assert gone.rstrip(">").endswith("hidden")
    assert 'name="context.current_workflow"' not in html
    # …and the question for an existing tool appears instead.
    assert " hidden" not in oob_block(html, "q-context-tool-fate")
    # The withdrawn follow-up's answer is kept in case the trigger comes back.
    assert stored(project)["context.current_workflow"] == "A shared inbox"

    back = autosave(consultant_client, project, "context.tools", ["none"]).content.decode()
    assert "A shared inbox</textarea>" in back


def test_phone_channel_opens_volume_and_handle_time(consultant_client, project):
    html = autosave(
        consultant_client, project, "context.channels", ["email", "phone"]
    ).content.decode()
    for html_id in (
        "q-context-volume-email",
        "q-context-volume-phone",
        "q-context-phone-aht",
        "q-context-phone-system",
    ):
        assert 'hx-swap-oob="true"' in oob_block(html, html_id)
    assert 'id="q-context-volume-chat"' not in html


def test_a_kpi_opens_its_baseline_target_and_horizon(consultant_client, project):
    html = autosave(consultant_client, project, "metrics.kpis", ["csat"]).content.decode()
    for part in ("baseline", "target", "horizon"):
        assert f'name="metrics.csat.{part}"' in html


def test_step_nav_is_updated_out_of_band(consultant_client, project):
    html = autosave(consultant_client, project, "context.team_size", "4").content.decode()
    nav = re.search(r'<nav id="step-nav"[^>]*>', html).group(0)
    assert 'hx-swap-oob="true"' in nav
    answered, total = BANK.step_progress(BANK.step("context"), {"context.team_size": 4})
    assert f"{answered} of {total} answered" in html


def test_unknown_question_is_400(consultant_client, project):
    response = autosave(consultant_client, project, "context.nope", "x")
    assert response.status_code == 400
    response = consultant_client.post(reverse("discovery:autosave", args=[project.pk]), {})
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_autosave_needs_post(consultant_client, project):
    response = consultant_client.get(reverse("discovery:autosave", args=[project.pk]))
    assert response.status_code == 405


def test_another_organization_cannot_autosave(client, outsider, project):
    client.force_login(outsider)
    assert autosave(client, project, "context.team_size", "4").status_code == 404
    assert not Answer.objects.exists()


def test_two_tabs_interleaved_lose_nothing(consultant, project):
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(consultant)
    tab_b.force_login(consultant)
    autosave(tab_a, project, "context.team_size", "4")
    autosave(tab_b, project, "context.coverage", "24x7")
    autosave(tab_a, project, "context.process", "Two tiers")
    autosave(tab_b, project, "context.channels", ["email", "chat"])
    autosave(tab_a, project, "context.team_size", "5")
    assert stored(project) == {
        "context.team_size": 5,
        "context.coverage": "24x7",
        "context.process": "Two tiers",
        "context.channels": ["email", "chat"],
    }
    assert AnswerRevision.objects.filter(project=project).count() == 5


def test_completeness_follows_autosaves(consultant_client, project, consultant):
    autosave(consultant_client, project, "context.team_size", "4")
    project.refresh_from_db()
    assert project.completeness > 0
    before = project.completeness
    autosave(consultant_client, project, "context.team_size", "")
    project.refresh_from_db()
    assert project.completeness < before


def test_clearing_a_text_answer(consultant_client, project, consultant):
    services.answers_load(project=project, answers={"context.process": "Old"}, user=consultant)
    html = autosave(consultant_client, project, "context.process", "").content.decode()
    assert "✓ Saved" in html
    assert stored(project) == {"context.process": None}


def test_withdrawing_a_trigger_hides_the_follow_ups_of_its_follow_ups(consultant_client, project):
    autosave(consultant_client, project, "audience.type", "external")
    html = autosave(consultant_client, project, "audience.market", "b2b").content.decode()
    assert " hidden" not in oob_block(html, "q-audience-accounts")

    html = autosave(consultant_client, project, "audience.type", "internal").content.decode()
    for html_id in ("q-audience-market", "q-audience-accounts", "q-audience-contract-slas"):
        assert oob_block(html, html_id).rstrip(">").endswith("hidden"), html_id
    assert " hidden" not in oob_block(html, "q-audience-itsm")
