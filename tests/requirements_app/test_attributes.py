"""Requirement attributes: what a requirement constrains. Derived ones take them from their
rule, a consultant sets them on a manual requirement, and unknown names or values are
refused with the reason; nothing half-saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from discovery import scenarios
from discovery.services import answers_load
from requirements_app import attributes
from requirements_app.catalogue import load_catalogue
from requirements_app.engine import derive
from requirements_app.models import Requirement
from requirements_app.services import (
    requirement_create_manual,
    requirement_update,
    requirements_sync,
)


def _by_code(answers):
    return {r.code: r for r in derive(answers)}


def test_derived_requirements_carry_their_rules_attributes():
    derived = _by_code(scenarios.NORTHWIND)
    assert derived["NFR-DAT-001"].attributes == {"residency": "eu"}
    assert derived["NFR-SCL-008"].attributes == {"hosting": "cloud"}
    assert derived["NFR-SEC-001"].attributes == {"compliance": ["gdpr"]}
    assert derived["NFR-CST-001"].attributes == {"budget": "moderate"}
    # The answer the attribute quotes is among the requirement's inputs.
    assert "scale.data_residency" in derived["NFR-DAT-001"].question_ids


def test_an_answer_outside_an_attributes_choices_leaves_it_out():
    answers = {**scenarios.NORTHWIND, "scale.data_residency": "anywhere"}
    assert "NFR-DAT-001" not in _by_code(answers)
    assert attributes.render({"residency": "{scale.data_residency}"}, answers) == {}


def test_saas_with_own_servers_for_integrations_is_not_a_self_hosted_help_desk():
    answers = {**scenarios.NORTHWIND, "scale.needs": ["servers"]}
    derived = _by_code(answers)
    assert "NFR-SCL-006" not in derived  # the help desk stays the vendor's
    assert derived["NFR-SCL-008"].attributes == {"hosting": "cloud"}


def test_clean_keeps_known_values_and_refuses_the_rest():
    assert attributes.clean({"residency": "us", "channel": ["phone", "phone"], "peak": "3"}) == {
        "residency": "us",
        "channel": ["phone"],
        "peak": 3,
    }
    assert attributes.clean({"language": [], "budget": ""}) == {}
    for bad, why in (
        ({"colour": "red"}, "unknown attribute"),
        ({"residency": "moon"}, "not one of its choices"),
        ({"hosting": ["cloud", "self_hosted"]}, "one value only"),
        ({"peak": 90}, "between 1 and 50"),
        ({"staffing": "many"}, "a number is needed"),
    ):
        with pytest.raises(ValueError, match=why):
            attributes.clean(bad)


def test_the_rules_catalogue_refuses_a_bad_attribute(tmp_path):
    from pathlib import Path

    rules = Path(__file__).resolve().parents[2] / "requirements_app" / "rules"
    for file in rules.glob("*.yaml"):
        (tmp_path / file.name).write_text(file.read_text())
    scale = tmp_path / "scale.yaml"
    scale.write_text(
        scale.read_text().replace("attributes: {hosting: cloud}", "attributes: {hosting: moon}")
    )
    from requirements_app.catalogue import CatalogueInvalid

    with pytest.raises(CatalogueInvalid, match="moon"):
        load_catalogue(tmp_path)


@pytest.mark.django_db
def test_sync_stores_the_attributes_and_updates_them_silently(project, consultant):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    requirements_sync(project=project)
    residency = Requirement.objects.get(project=project, code="NFR-DAT-001")
    assert residency.attributes == {"residency": "eu"}
    # Rows synced before attributes existed get them without a review mark.
    Requirement.objects.filter(pk=residency.pk).update(attributes={})
    requirements_sync(project=project)
    residency.refresh_from_db()
    assert residency.attributes == {"residency": "eu"}
    assert residency.mark == ""


@pytest.mark.django_db
def test_a_manual_requirement_keeps_what_it_constrains(project, consultant):
    requirement = requirement_create_manual(
        project=project,
        kind="non_functional",
        category="data",
        title="US data",
        description="Data stays in the USA.",
        priority="must",
        user=consultant,
        attributes={"residency": "us", "compliance": ["soc2"]},
    )
    assert requirement.attributes == {"residency": "us", "compliance": ["soc2"]}
    with pytest.raises(ValidationError):
        requirement_create_manual(
            project=project,
            kind="non_functional",
            category="data",
            title="Bad",
            description="",
            priority="must",
            user=consultant,
            attributes={"residency": "moon"},
        )
    assert Requirement.objects.filter(project=project).count() == 1
    updated = requirement_update(
        requirement=requirement,
        version=requirement.version,
        title="US data",
        description="Data stays in the USA.",
        priority="must",
        user=consultant,
        attributes={"residency": "ca"},
    )
    assert updated.attributes == {"residency": "ca"}


@pytest.mark.django_db
def test_a_derived_requirements_attributes_are_its_rules(project, consultant):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    requirements_sync(project=project)
    residency = Requirement.objects.get(project=project, code="NFR-DAT-001")
    updated = requirement_update(
        requirement=residency,
        version=residency.version,
        title=residency.title,
        description=residency.description,
        priority="must",
        user=consultant,
        attributes={"residency": "us"},
    )
    assert updated.attributes == {"residency": "eu"}


@pytest.mark.django_db
def test_the_add_form_sets_attributes_and_shows_a_bad_value_beside_it(consultant_client, project):
    url = reverse("requirements:create", args=[project.pk])
    page = consultant_client.get(url)
    assert b"What it constrains" in page.content
    response = consultant_client.post(
        url,
        {
            "kind": "non_functional",
            "category": "channels",
            "priority": "must",
            "title": "WhatsApp for customers",
            "description": "Customers reach us on WhatsApp.",
            "acceptance_criteria": "A WhatsApp message opens a ticket.",
            "attr_channel": ["messaging"],
            "attr_peak": "3",
        },
    )
    assert response.status_code == 302
    requirement = Requirement.objects.get(project=project, title="WhatsApp for customers")
    assert requirement.attributes == {"channel": ["messaging"], "peak": 3}
    response = consultant_client.post(
        url,
        {
            "kind": "non_functional",
            "category": "data",
            "priority": "must",
            "title": "Somewhere",
            "description": "",
            "attr_residency": "moon",
        },
    )
    assert response.status_code == 200
    assert b"moon" in response.content  # the choice error, next to the field
    assert not Requirement.objects.filter(project=project, title="Somewhere").exists()
