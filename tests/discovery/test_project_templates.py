"""Project templates: built-in ones valid against the bank, starting a project from one
(answers marked until confirmed or changed), confirming, and saving a project as one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from discovery import selectors, services
from discovery.bank import BANK, QType
from discovery.models import Answer, Project, ProjectTemplate
from discovery.project_templates import (
    BUILT_IN,
    BUILT_IN_BY_SLUG,
    Template,
    catalogue_problems,
    template_problems,
)
from discovery.scenarios import NORTHWIND
from requirements_app.engine import derive

HX = {"HTTP_HX_REQUEST": "true"}


def marks(project: Project) -> dict[str, str]:
    return selectors.template_marks(project)


# --- the built-in templates (no database) --------------------------------------------------


def test_there_are_at_least_eight_kinds_and_all_are_valid():
    assert len(BUILT_IN) >= 8
    assert {t.slug for t in BUILT_IN} >= {
        "b2b_saas",
        "ecommerce",
        "internal_it",
        "healthcare",
        "public_sector",
        "msp",
        "consumer_app",
        "global_247",
    }
    assert catalogue_problems() == []


@pytest.mark.parametrize("template", BUILT_IN, ids=lambda t: t.slug)
def test_a_built_in_guesses_no_text_and_derives_requirements(template):
    for qid in template.answers:
        assert BANK.questions[qid].type not in (QType.TEXT, QType.TEXTAREA), qid
    assert len(derive(template.answers)) > 20


def test_template_problems_name_what_is_wrong():
    bad = Template(
        slug="bad",
        name="Bad",
        description="",
        answers={
            "context.nope": 1,
            "context.channels": ["fax"],
            "context.volume_phone": 100,  # phone is not among its channels
        },
    )
    problems = template_problems(bad)
    assert "bad: unknown question 'context.nope'" in problems
    assert "bad: context.channels: Pick from the options listed." in problems
    assert "bad: context.volume_phone is a follow-up its answers do not show" in problems


# --- starting from a template ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_project_from_a_template_has_its_answers_marked(organization, consultant):
    msp = BUILT_IN_BY_SLUG["msp"]
    project = services.project_create(
        organization=organization,
        name="Service desk",
        client_name="Acme IT",
        user=consultant,
        template=(msp.name, dict(msp.answers)),
    )
    stored = dict(Answer.objects.filter(project=project).values_list("question_id", "value"))
    assert stored.keys() == msp.answers.keys()
    for qid, value in msp.answers.items():
        # Choices are stored in the bank's order, as the wizard saves them.
        assert (
            sorted(stored[qid]) == sorted(value)
            if isinstance(value, list)
            else stored[qid] == value
        )
    assert set(marks(project)) == set(msp.answers)
    assert set(marks(project).values()) == {"IT service provider (MSP)"}


@pytest.mark.django_db
def test_unconfirmed_template_answers_are_listed_as_assumptions(organization, consultant):
    saas = BUILT_IN_BY_SLUG["b2b_saas"]
    project = services.project_create(
        organization=organization,
        name="P",
        client_name="C",
        user=consultant,
        template=(saas.name, dict(saas.answers)),
    )
    listed = selectors.unconfirmed_template_answers(project)
    budget = next(a for a in listed if a["question_id"] == "scale.budget")
    assert budget["text"] == (
        "Budget for tools (licences and hosting): Moderate: up to about $80 per agent per "
        "month (from the B2B SaaS template, not yet confirmed)"
    )
    assert selectors.question_links(project)["scale.budget"]["template"] == "B2B SaaS"


@pytest.mark.django_db
def test_the_new_project_form_offers_the_templates(consultant_client, organization):
    html = consultant_client.get(reverse("discovery:project_create")).content.decode()
    for template in BUILT_IN:
        assert f'value="builtin:{template.slug}"' in html
    response = consultant_client.post(
        reverse("discovery:project_create"),
        {
            "client_name": "Harbor Clinic",
            "name": "Patient line",
            "industry": "",
            "template": "builtin:healthcare",
        },
    )
    project = Project.objects.get(client_name="Harbor Clinic")
    assert response.status_code == 302
    assert marks(project)["scale.compliance"] == "Regulated healthcare"


@pytest.mark.django_db
def test_an_unknown_template_is_refused_on_the_form(consultant_client):
    response = consultant_client.post(
        reverse("discovery:project_create"),
        {"client_name": "X", "name": "Y", "template": "builtin:spaceport"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Project.objects.filter(client_name="X").exists()


# --- the mark in the wizard: confirm, or change ----------------------------------------------


@pytest.fixture
def from_saas(organization, consultant):
    saas = BUILT_IN_BY_SLUG["b2b_saas"]
    return services.project_create(
        organization=organization,
        name="P",
        client_name="C",
        user=consultant,
        template=(saas.name, dict(saas.answers)),
    )


@pytest.mark.django_db
def test_the_wizard_marks_each_template_answer_with_confirm(consultant_client, from_saas):
    url = reverse("discovery:step", args=[from_saas.pk, "scale"])
    html = consultant_client.get(url).content.decode()
    assert 'id="tm-q-scale-budget"' in html
    assert 'name="__confirm" value="scale.budget"' in html
    assert 'name="__confirm" value="*"' in html
    assert "a typical answer, not yet the client&#x27;s" in html or "not yet the client's" in html


@pytest.mark.django_db
def test_confirm_without_javascript_clears_one_mark(consultant_client, from_saas):
    url = reverse("discovery:step", args=[from_saas.pk, "scale"])
    response = consultant_client.post(url, {"__confirm": "scale.budget"})
    assert response.status_code == 200
    assert "scale.budget" not in marks(from_saas)
    assert "scale.availability" in marks(from_saas)
    assert 'id="tm-q-scale-budget"' not in response.content.decode()


@pytest.mark.django_db
def test_confirm_all_on_a_page_leaves_the_other_pages_marked(consultant_client, from_saas):
    url = reverse("discovery:step", args=[from_saas.pk, "scale"])
    consultant_client.post(url, {"__confirm": "*"}, **HX)
    left = marks(from_saas)
    assert not any(qid.startswith("scale.") for qid in left)
    assert "context.channels" in left


@pytest.mark.django_db
def test_changing_an_answer_makes_it_the_consultants(consultant_client, from_saas):
    url = reverse("discovery:autosave", args=[from_saas.pk])
    response = consultant_client.post(
        url, {"question": "scale.budget", "scale.budget": "tight"}, **HX
    )
    assert "data-written" in response.content.decode()
    assert "scale.budget" not in marks(from_saas)
    # Saving the same value is not a confirmation.
    response = consultant_client.post(
        url, {"question": "scale.availability", "scale.availability": "high"}, **HX
    )
    assert "data-written" not in response.content.decode()
    assert "scale.availability" in marks(from_saas)


@pytest.mark.django_db
def test_the_requirements_page_lists_template_answers_as_assumptions(consultant_client, from_saas):
    from requirements_app.services import requirements_sync

    requirements_sync(project=from_saas)
    html = consultant_client.get(reverse("requirements:list", args=[from_saas.pk])).content.decode()
    assert "Assumptions: answers from a template, not yet confirmed" in html
    assert "from the B2B SaaS template, not yet confirmed by the client" in html


# --- saving a project as a template ----------------------------------------------------------


@pytest.fixture
def northwind(project, consultant):
    services.answers_load(project=project, answers=NORTHWIND, user=consultant)
    return project


@pytest.mark.django_db
def test_save_as_template_offers_every_answer_with_the_clients_words_unticked(
    consultant_client, northwind
):
    html = consultant_client.get(
        reverse("discovery:project_template_save", args=[northwind.pk])
    ).content.decode()
    assert 'value="scale.budget" id="keep-q-scale-budget" checked' in html
    assert 'value="objective.challenge_detail" id="keep-q-objective-challenge-detail">' in html
    assert "client&#x27;s words or figures" in html or "client's words or figures" in html


@pytest.mark.django_db
def test_save_as_template_keeps_only_what_was_ticked(consultant_client, northwind, organization):
    response = consultant_client.post(
        reverse("discovery:project_template_save", args=[northwind.pk]),
        {
            "name": "Small EU SaaS",
            "description": "Email-first",
            "answers": [
                "scale.budget",
                "audience.languages",
                "context.channels",
                "context.volume_email",
            ],
        },
    )
    assert response.status_code == 302
    template = ProjectTemplate.objects.get(organization=organization, name="Small EU SaaS")
    assert template.answers == {
        "context.channels": ["email", "chat"],
        "context.volume_email": 1200,
        "audience.languages": ["en", "de"],
        "scale.budget": "moderate",
    }
    assert "Northwind" not in str(template.answers)
    key = f"org:{template.pk}"
    assert (key, "Small EU SaaS (ours)") in selectors.template_choices(organization)


@pytest.mark.django_db
def test_save_as_template_needs_a_name_and_an_answer(consultant_client, northwind):
    url = reverse("discovery:project_template_save", args=[northwind.pk])
    html = consultant_client.post(url, {"name": "", "answers": []}).content.decode()
    assert "This field is required." in html
    assert "Tick at least one answer to keep in the template." in html
    assert not ProjectTemplate.objects.exists()


@pytest.mark.django_db
def test_a_template_name_is_unique_in_its_organization(consultant_client, northwind):
    url = reverse("discovery:project_template_save", args=[northwind.pk])
    consultant_client.post(url, {"name": "Ours", "answers": ["scale.budget"]})
    html = consultant_client.post(
        url, {"name": "Ours", "answers": ["scale.budget"]}
    ).content.decode()
    assert "already exists" in html
    assert ProjectTemplate.objects.count() == 1


@pytest.mark.django_db
def test_another_organizations_template_cannot_be_used(organization, consultant, outsider):
    from tests.factories import OrganizationFactory

    elsewhere = OrganizationFactory(name="Elsewhere", slug="elsewhere")
    theirs = ProjectTemplate.objects.create(organization=elsewhere, name="Theirs", answers={})
    assert selectors.template_for_key(organization, f"org:{theirs.pk}") is None
