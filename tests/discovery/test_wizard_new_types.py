"""The new answer types in the wizard: rendered with and without JavaScript, saved by
autosave and by the whole-step submit, rows added and removed without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from discovery import services
from discovery.models import Answer, Project

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def step_url(project: Project, slug: str) -> str:
    return reverse("discovery:step", args=[project.pk, slug])


def stored(project: Project) -> dict:
    return dict(Answer.objects.filter(project=project).values_list("question_id", "value"))


def autosave(client, project, question: str, data: dict):
    url = reverse("discovery:autosave", args=[project.pk])
    return client.post(url, {"question": question, **data}, **HX)


def test_languages_render_as_names_with_a_list_to_pick_from(consultant_client, project, consultant):
    services.answers_load(
        project=project, answers={"audience.languages": ["es", "ht"]}, user=consultant
    )
    html = consultant_client.get(step_url(project, "audience")).content.decode()
    assert 'name="audience.languages" value="Spanish, Haitian Creole"' in html
    assert 'list="dl-languages"' in html
    assert '<option value="German (Deutsch)">' in html
    assert html.count("<option") > 180  # every language of the vocabulary is offered


def test_a_language_list_autosaves_and_an_unknown_name_is_refused_next_to_the_field(
    consultant_client, project
):
    response = autosave(
        consultant_client,
        project,
        "audience.languages",
        {"audience.languages": "English, Vietnamese"},
    )
    assert "Saved" in response.content.decode()
    assert stored(project)["audience.languages"] == ["en", "vi"]
    response = autosave(
        consultant_client, project, "audience.languages", {"audience.languages": "English, Elvish"}
    )
    assert "Not a language we know: “Elvish”" in response.content.decode()
    assert stored(project)["audience.languages"] == ["en", "vi"]  # nothing saved is lost


def test_a_quantity_renders_its_number_and_unit(consultant_client, project, consultant):
    services.answers_load(
        project=project,
        answers={
            "metrics.kpis": ["first_response_time"],
            "metrics.first_response_time.target": {"value": 30, "unit": "min"},
        },
        user=consultant,
    )
    html = consultant_client.get(step_url(project, "metrics")).content.decode()
    assert 'name="metrics.first_response_time.target" value="30"' in html
    assert 'name="metrics.first_response_time.target.unit"' in html
    assert '<option value="min" selected>minutes</option>' in html


def test_a_quantity_autosaves_with_its_unit(consultant_client, project, consultant):
    services.answers_load(
        project=project, answers={"metrics.kpis": ["resolution_time"]}, user=consultant
    )
    autosave(
        consultant_client,
        project,
        "metrics.resolution_time.target",
        {"metrics.resolution_time.target": "3", "metrics.resolution_time.target.unit": "d"},
    )
    assert stored(project)["metrics.resolution_time.target"] == {"value": 3, "unit": "d"}


def test_rows_render_saved_rows_a_blank_row_and_a_template(consultant_client, project, consultant):
    rows = [{"name": "Acme BPO", "share": 30}]
    services.answers_load(
        project=project,
        answers={"context.outsourced": "part", "context.partners": rows},
        user=consultant,
    )
    html = consultant_client.get(step_url(project, "context")).content.decode()
    assert html.count('name="context.partners.name"') == 3  # saved, blank, template
    assert 'name="context.partners.name" value="Acme BPO"' in html
    assert "<template data-row-template>" in html
    assert 'name="__add_row" value="context.partners"' in html
    assert 'name="__remove_row" value="context.partners|0"' in html


def test_rows_autosave_as_a_whole_and_a_bad_row_keeps_the_saved_ones(consultant_client, project):
    autosave(consultant_client, project, "context.outsourced", {"context.outsourced": "part"})
    data = {
        "context.partners.name": ["Acme BPO", "NightDesk"],
        "context.partners.share": ["30", "20"],
    }
    autosave(consultant_client, project, "context.partners", data)
    assert stored(project)["context.partners"] == [
        {"name": "Acme BPO", "share": 30},
        {"name": "NightDesk", "share": 20},
    ]
    bad = {**data, "context.partners.share": ["30", "90"]}
    html = autosave(consultant_client, project, "context.partners", bad).content.decode()
    assert "adds up to 120%" in html
    assert len(stored(project)["context.partners"]) == 2


def test_without_javascript_add_a_row_shows_one_more_blank_row(consultant_client, project):
    data = {
        "__q": ["context.outsourced", "context.partners"],
        "context.outsourced": "part",
        "context.partners.name": ["Acme BPO"],
        "context.partners.share": ["30"],
        "__add_row": "context.partners",
    }
    response = consultant_client.post(step_url(project, "context"), data)
    assert response.status_code == 200
    html = response.content.decode()
    # saved row, the usual blank row, the added one, and the template
    assert html.count('name="context.partners.name"') == 4
    assert stored(project)["context.partners"] == [{"name": "Acme BPO", "share": 30}]


def test_without_javascript_remove_deletes_that_row_and_saves(
    consultant_client, project, consultant
):
    rows = [{"name": "Acme BPO", "share": 30}, {"name": "NightDesk", "share": 20}]
    services.answers_load(
        project=project,
        answers={"context.outsourced": "part", "context.partners": rows},
        user=consultant,
    )
    data = {
        "__q": ["context.outsourced", "context.partners"],
        "context.outsourced": "part",
        "context.partners.name": ["Acme BPO", "NightDesk", ""],
        "context.partners.share": ["30", "20", ""],
        "__remove_row": "context.partners|0",
    }
    response = consultant_client.post(step_url(project, "context"), data)
    assert response.status_code == 200
    assert stored(project)["context.partners"] == [{"name": "NightDesk", "share": 20}]
    assert 'value="Acme BPO"' not in response.content.decode()


def test_a_row_error_on_the_whole_step_submit_shows_what_was_typed(consultant_client, project):
    data = {
        "__q": ["context.outsourced", "context.partners"],
        "context.outsourced": "part",
        "context.partners.name": ["Acme BPO"],
        "context.partners.share": ["lots"],
        "action": "next",
    }
    html = consultant_client.post(step_url(project, "context"), data).content.decode()
    assert "Row 1, Share of contacts: Enter a whole number" in html
    assert 'name="context.partners.share" value="lots"' in html
    assert stored(project)["context.outsourced"] == "part"  # the rest was saved


def test_typed_text_in_rows_is_escaped(consultant_client, project, consultant):
    rows = [{"name": '<script>alert(1)</script>"', "class": "other"}]
    services.answers_load(project=project, answers={"integrations.systems": rows}, user=consultant)
    html = consultant_client.get(step_url(project, "integrations")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;" in html
