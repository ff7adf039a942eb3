"""The wizard pages: full page vs htmx fragment, the no-JavaScript submit, resume, review."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from discovery import services
from discovery.bank import BANK
from discovery.models import Answer, AnswerRevision, Project
from discovery.scenarios import NORTHWIND

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def step_url(project: Project, slug: str) -> str:
    return reverse("discovery:step", args=[project.pk, slug])


def stored(project: Project) -> dict:
    return dict(Answer.objects.filter(project=project).values_list("question_id", "value"))


def markers(*qids: str) -> dict:
    return {"__q": list(qids)}


# --- GET: full page, fragment, history restore -------------------------------------------


def test_step_full_page(consultant_client, project):
    response = consultant_client.get(step_url(project, "context"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<!doctype html>")
    assert '<div id="wizard"' in html
    assert "Current operational context" in html
    assert 'id="q-context-channels"' in html
    assert "HX-Push-Url" not in response.headers
    assert "HX-Request" in response["Vary"]


def test_step_htmx_request_gets_only_the_wizard_fragment(consultant_client, project):
    response = consultant_client.get(step_url(project, "context"), **HX)
    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<div id="wizard"')
    assert "<html" not in html
    assert "<head" not in html
    assert 'id="step-form"' in html
    assert response["HX-Push-Url"] == step_url(project, "context")
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(consultant_client, project):
    response = consultant_client.get(
        step_url(project, "context"), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<!doctype html>")
    assert "HX-Push-Url" not in response.headers


def test_boosted_request_gets_the_full_page(consultant_client, project):
    response = consultant_client.get(step_url(project, "context"), HTTP_HX_BOOSTED="true", **HX)
    assert response.content.decode().lstrip().startswith("<!doctype html>")


def test_unknown_step_is_404(consultant_client, project):
    assert consultant_client.get(step_url(project, "nope")).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, project):
    response = client.get(step_url(project, "context"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_another_organization_gets_404(client, outsider, project):
    client.force_login(outsider)
    assert client.get(step_url(project, "context")).status_code == 404
    response = client.post(
        step_url(project, "context"), {**markers("context.team_size"), "context.team_size": "4"}
    )
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_step_shows_stored_answers_and_their_follow_ups(consultant_client, project, consultant):
    services.answers_load(
        project=project,
        answers={
            "context.tools": ["none"],
            "context.channels": ["email", "phone"],
            "context.team_size": 7,
        },
        user=consultant,
    )
    html = consultant_client.get(step_url(project, "context")).content.decode()
    assert re.search(r'name="context.team_size" value="7"', html)
    assert re.search(r'name="context.channels" value="phone" id="[^"]+" checked', html)
    assert not re.search(r'name="context.channels" value="chat" id="[^"]+" checked', html)
    # visible follow-ups render their fields; hidden ones only an empty placeholder
    assert 'name="context.current_workflow"' in html
    assert 'name="context.volume_phone"' in html
    assert 'name="context.phone_aht"' in html
    assert 'name="context.chat_concurrency"' not in html
    assert re.search(r'<div id="q-context-chat-concurrency" class="[^"]*"\s*hidden></div>', html)


# --- POST: the no-JavaScript whole-step submit -------------------------------------------


def test_next_saves_and_redirects_to_the_next_step(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "objective"),
        {
            **markers("objective.challenge", "objective.challenge_detail", "objective.timeline"),
            "objective.challenge": ["reduce_response_times", "self_service"],
            "objective.challenge_detail": "Slow answers",
            "objective.timeline": "asap",
            "action": "next",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(project, "context")
    assert stored(project) == {
        "objective.challenge": ["reduce_response_times", "self_service"],
        "objective.challenge_detail": "Slow answers",
        "objective.timeline": "asap",
    }
    project.refresh_from_db()
    assert project.completeness > 0


def test_next_on_the_last_step_goes_to_review(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "integrations"),
        {**markers("integrations.identity"), "integrations.identity": "okta", "action": "next"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("discovery:wizard_review", args=[project.pk])


def test_next_with_htmx_returns_the_next_step_with_its_url(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "objective"),
        {**markers("objective.timeline"), "objective.timeline": "year", "action": "next"},
        **HX,
    )
    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<div id="wizard"')
    assert "Current operational context" in html
    assert response["HX-Push-Url"] == step_url(project, "context")
    project.refresh_from_db()
    assert project.current_step == "context"


def test_next_on_the_last_step_with_htmx_returns_the_review(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "integrations"),
        {**markers("integrations.identity"), "integrations.identity": "okta", "action": "next"},
        **HX,
    )
    html = response.content.decode().strip()
    assert html.startswith('<div id="wizard"')
    assert "Every answer, and what is still missing" in html
    assert response["HX-Push-Url"] == reverse("discovery:wizard_review", args=[project.pk])


def test_invalid_value_with_htmx_returns_the_same_step_fragment(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "context"),
        {**markers("context.team_size"), "context.team_size": "lots", "action": "next"},
        **HX,
    )
    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<div id="wizard"')
    assert "Enter a whole number, such as 1200." in html
    assert "HX-Push-Url" not in response.headers


def test_back_with_htmx_shows_what_was_not_saved_in_the_fragment(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "context"),
        {**markers("context.team_size"), "context.team_size": "lots", "action": "back"},
        **HX,
    )
    html = response.content.decode()
    assert "Overall objective" in html
    assert "Not saved: “How many people work in support today?”" in html
    assert response["HX-Push-Url"] == step_url(project, "objective")


def test_a_question_without_its_marker_is_not_touched(consultant_client, project, consultant):
    services.answers_load(project=project, answers={"context.process": "Kept"}, user=consultant)
    consultant_client.post(
        step_url(project, "context"),
        {
            **markers("context.team_size"),
            "context.team_size": "4",
            "context.process": "",
            "action": "save",
        },
    )
    assert stored(project) == {"context.process": "Kept", "context.team_size": 4}


def test_unticking_every_box_clears_a_multi_choice(consultant_client, project, consultant):
    services.answers_load(project=project, answers={"context.channels": ["email"]}, user=consultant)
    consultant_client.post(
        step_url(project, "context"), {**markers("context.channels"), "action": "save"}
    )
    assert stored(project) == {"context.channels": None}


def test_questions_of_another_step_are_ignored(consultant_client, project):
    consultant_client.post(
        step_url(project, "context"),
        {
            **markers("audience.type", "context.team_size"),
            "audience.type": "internal",
            "context.team_size": "4",
            "action": "save",
        },
    )
    assert stored(project) == {"context.team_size": 4}


def test_save_redirects_back_to_the_same_step(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "context"),
        {**markers("context.team_size"), "context.team_size": "4", "action": "save"},
        follow=True,
    )
    assert response.redirect_chain == [(step_url(project, "context"), 302)]
    assert "Answers saved." in response.content.decode()


def test_invalid_value_on_next_stays_with_an_inline_error(consultant_client, project, consultant):
    services.answers_load(project=project, answers={"context.team_size": 3}, user=consultant)
    response = consultant_client.post(
        step_url(project, "context"),
        {
            **markers("context.team_size", "context.process", "context.coverage"),
            "context.team_size": "a dozen",
            "context.process": "Two tiers",
            "context.coverage": "24x7",
            "action": "next",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some answers could not be saved" in html
    # The error sits inside the question's block, and what was typed is shown again.
    block = html[html.index('id="q-context-team-size"') :]
    block = block[: block.index('id="q-context-tiers"')]
    assert "Enter a whole number, such as 1200." in block
    assert 'value="a dozen"' in block
    # Everything else was saved; the invalid one kept its stored value.
    assert stored(project) == {
        "context.team_size": 3,
        "context.process": "Two tiers",
        "context.coverage": "24x7",
    }


def test_invalid_multi_choice_shows_what_was_ticked(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "scale"),
        {**markers("scale.compliance"), "scale.compliance": ["gdpr", "none"], "action": "next"},
    )
    html = response.content.decode()
    assert "“None” cannot be combined with other options." in html
    assert re.search(r'name="scale.compliance" value="gdpr" id="[^"]+" checked', html)
    assert re.search(r'name="scale.compliance" value="none" id="[^"]+" checked', html)
    assert stored(project) == {}


def test_back_goes_back_even_with_an_invalid_value_and_says_what_was_not_saved(
    consultant_client, project
):
    response = consultant_client.post(
        step_url(project, "context"),
        {
            **markers("context.team_size", "context.process"),
            "context.team_size": "lots",
            "context.process": "Saved anyway",
            "action": "back",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(project, "objective")
    assert stored(project) == {"context.process": "Saved anyway"}
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes == [
        "Not saved: “How many people work in support today?”: Enter a whole number, such as 1200."
    ]


def test_back_message_is_shown_on_the_previous_step(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "context"),
        {**markers("context.team_size"), "context.team_size": "lots", "action": "back"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == step_url(project, "objective")
    assert "Not saved: “How many people work in support today?”" in response.content.decode()


def test_suggestion_fills_in_an_example(consultant_client, project):
    question = BANK.questions["context.current_workflow"]
    response = consultant_client.post(
        step_url(project, "context"),
        {
            **markers("context.tools", "context.team_size"),
            "context.tools": ["none"],
            "context.team_size": "2",
            "__suggest": "context.current_workflow|0",
        },
    )
    assert response.status_code == 200
    assert stored(project)["context.current_workflow"] == question.examples[0]
    assert stored(project)["context.team_size"] == 2
    html = response.content.decode()
    assert f">{question.examples[0]}</textarea>" in html


@pytest.mark.parametrize(
    "suggestion",
    [
        "context.current_workflow|9",
        "context.nope|0",
        "objective.challenge_detail|0",
        "context.current_workflow|x",
        "garbage",
    ],
)
def test_a_bad_suggestion_saves_nothing_extra(consultant_client, project, suggestion):
    response = consultant_client.post(
        step_url(project, "context"),
        {**markers("context.team_size"), "context.team_size": "2", "__suggest": suggestion},
    )
    assert response.status_code == 200
    assert stored(project) == {"context.team_size": 2}


def test_every_change_is_a_revision_by_the_consultant(consultant_client, project, consultant):
    consultant_client.post(
        step_url(project, "context"),
        {**markers("context.team_size"), "context.team_size": "4", "action": "save"},
    )
    revision = AnswerRevision.objects.get(project=project)
    assert (revision.question_id, revision.value, revision.changed_by) == (
        "context.team_size",
        4,
        consultant,
    )


def test_a_step_submit_does_not_undo_an_autosave_from_another_tab(consultant, project):
    from django.test import Client

    tab_a, tab_b = Client(), Client()
    tab_a.force_login(consultant)
    tab_b.force_login(consultant)
    tab_a.get(step_url(project, "context"))
    tab_b.post(
        reverse("discovery:autosave", args=[project.pk]),
        {"question": "audience.type", "audience.type": "internal"},
        **HX,
    )
    tab_a.post(
        step_url(project, "context"),
        {**markers("context.team_size"), "context.team_size": "4", "action": "next"},
    )
    assert stored(project) == {"audience.type": "internal", "context.team_size": 4}


# --- resume ------------------------------------------------------------------------------


def test_visiting_a_step_is_remembered_and_resume_goes_there(consultant_client, project):
    resume = reverse("discovery:wizard_resume", args=[project.pk])
    response = consultant_client.get(resume)
    assert response["Location"] == step_url(project, "objective")

    consultant_client.get(step_url(project, "metrics"))
    project.refresh_from_db()
    assert project.current_step == "metrics"
    response = consultant_client.get(resume)
    assert response.status_code == 302
    assert response["Location"] == step_url(project, "metrics")


def test_resume_after_review_goes_to_review(consultant_client, project):
    consultant_client.get(reverse("discovery:wizard_review", args=[project.pk]))
    response = consultant_client.get(reverse("discovery:wizard_resume", args=[project.pk]))
    assert response["Location"] == reverse("discovery:wizard_review", args=[project.pk])


def test_resume_with_an_unknown_stored_step_starts_over(consultant_client, project):
    Project.objects.filter(pk=project.pk).update(current_step="retired-step")
    response = consultant_client.get(reverse("discovery:wizard_resume", args=[project.pk]))
    assert response["Location"] == step_url(project, "objective")


# --- review ------------------------------------------------------------------------------


def test_review_lists_answers_with_who_and_when(consultant_client, project, consultant):
    consultant.first_name, consultant.last_name = "Alice", "Adams"
    consultant.save()
    services.answers_load(project=project, answers=NORTHWIND, user=consultant)
    answer = Answer.objects.get(project=project, question_id="context.volume_email")
    response = consultant_client.get(reverse("discovery:wizard_review", args=[project.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing missing" in html
    assert "Missing: answer this question" not in html
    item = html[html.index('id="review-q-context-volume-email"') :]
    item = item[: item.index('id="review-', 10)]
    assert "1,200 / month" in item
    assert "Alice Adams" in item
    assert answer.updated_at.strftime("%Y") in item
    assert "Email, Live chat" in html  # context.channels, shown with labels


def test_review_highlights_gaps_with_a_link_to_the_question(consultant_client, project, consultant):
    answers = {k: v for k, v in NORTHWIND.items() if k not in {"context.team_size", "scale.budget"}}
    services.answers_load(project=project, answers=answers, user=consultant)
    html = consultant_client.get(
        reverse("discovery:wizard_review", args=[project.pk])
    ).content.decode()
    assert "2 gaps" in html
    for slug, question in (("context", "context.team_size"), ("scale", "scale.budget")):
        html_id = BANK.questions[question].html_id
        item = html[html.index(f'id="review-{html_id}"') :]
        item = item[: item.index("</div>\n      </div>")]
        assert 'class="review-item gap"' in html[html.index(f'id="review-{html_id}"') - 40 :][:80]
        assert f'href="{step_url(project, slug)}#{html_id}"' in item
        assert "Missing: answer this question" in item


def test_review_leaves_out_hidden_follow_ups(consultant_client, project, consultant):
    services.answers_load(
        project=project,
        answers={"context.tools": ["zendesk"], "context.current_workflow": "An old answer"},
        user=consultant,
    )
    html = consultant_client.get(
        reverse("discovery:wizard_review", args=[project.pk])
    ).content.decode()
    assert "An old answer" not in html
    assert "Zendesk" in html


def test_review_htmx_fragment(consultant_client, project):
    url = reverse("discovery:wizard_review", args=[project.pk])
    response = consultant_client.get(url, **HX)
    html = response.content.decode().strip()
    assert html.startswith('<div id="wizard"')
    assert "<html" not in html
    assert response["HX-Push-Url"] == url
    assert "HX-Request" in response["Vary"]
