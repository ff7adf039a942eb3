"""The action plan's shape by the size and kind of the operation (plan_shapes.yaml): weeks
and no pilot group for a few people, a pilot and waves for a large operation; contracts,
time and billing for a provider of many customer companies; procurement, accessibility and
records for a public body; the BAA and where data is kept for a health organization."""

from __future__ import annotations

from typing import Any

import pytest

from discovery.bank import BANK
from frameworks.generate import generate_framework, requirements_from_derived
from frameworks.generators.action_plan import validate_plan_shapes
from frameworks.scoring import score_platforms
from requirements_app.engine import derive
from tests.briefs.loader import brief


def plan(answers: dict[str, Any]) -> dict[str, Any]:
    framework = generate_framework(answers, requirements_from_derived(derive(answers)))
    return next(s for s in framework["sections"] if s["key"] == "action_plan")


def phases(section: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        e["data"]["phase"]: e["data"]
        for e in section["elements"]
        if e["kind"] == "phase" and e["data"]["phase"] != "optimize"
    }


def text_of(section: dict[str, Any]) -> str:
    return " ".join(f"{e['title']} {e['text']}" for e in section["elements"])


@pytest.fixture(scope="module")
def plans() -> dict[str, dict[str, Any]]:
    slugs = (
        "tiny-startup",
        "law-firm-single-site",
        "msp-many-customers",
        "city-311",
        "hospital-patients",
        "contact-centre-10000",
        "fitness-app",
    )
    return {slug: plan(brief(slug).answers) for slug in slugs}


def test_the_shapes_file_is_valid():
    assert validate_plan_shapes(set(BANK.questions)) == []


@pytest.mark.parametrize("slug", ["tiny-startup", "law-firm-single-site"])
def test_a_few_people_move_in_within_weeks_without_a_programme(plans, slug):
    section = plans[slug]
    assert section["shape"]["size"] == "small"
    steps = phases(section)
    assert list(steps) == ["set_up", "move_in"]
    assert section["go_live_week"] <= 8
    owners = {o for p in steps.values() for o in p["owners"]}
    assert not owners & {"Integration developer", "Project manager", "Pilot agents"}
    text = text_of(section)
    for enterprise in ("pilot with part of the team", "queue with retries", "hypercare", "waves"):
        assert enterprise not in text, enterprise


def test_a_large_operation_pilots_then_rolls_out_in_waves(plans):
    for slug in ("contact-centre-10000", "hospital-patients", "city-311"):
        section = plans[slug]
        assert section["shape"]["size"] == "large", slug
        assert list(phases(section)) == ["foundation", "build", "pilot", "rollout", "go_live"]
    fitness = phases(plans["fitness-app"])["rollout"]
    assert fitness["deliverables"][0].startswith("waves region by region (Europe")


def test_a_provider_plans_customer_companies_contracts_time_and_billing(plans):
    section = plans["msp-many-customers"]
    assert "provider" in section["shape"]["kinds"]
    steps = phases(section)
    assert "Service delivery manager" in steps["foundation"]["owners"]
    assert any("contract" in d for d in steps["foundation"]["deliverables"])
    build = " ".join(steps["build"]["deliverables"])
    assert "time recorded on every ticket" in build
    assert "billed through HaloPSA and Xero" in build
    assert "opening tickets against the right customer company" in build
    assert "An RMM" not in build  # a label inside a sentence
    assert any("customer companies" in d for d in steps["pilot"]["deliverables"])


def test_a_public_body_plans_procurement_accessibility_and_records(plans):
    section = plans["city-311"]
    assert "public" in section["shape"]["kinds"]
    steps = phases(section)
    foundation = " ".join(steps["foundation"]["deliverables"])
    assert "procurement route agreed" in foundation
    assert "accessibility conformance report" in foundation
    assert "records schedule" in foundation
    assert {"Procurement officer", "Records manager"} <= set(steps["foundation"]["owners"])
    assert any("WCAG" in d for d in steps["build"]["deliverables"])
    assert any("assistive technology" in d for d in steps["pilot"]["deliverables"])


def test_a_health_organization_plans_the_baa_and_where_data_is_kept(plans):
    section = plans["hospital-patients"]
    assert "health" in section["shape"]["kinds"]
    foundation = phases(section)["foundation"]
    text = " ".join(foundation["deliverables"])
    assert "Business Associate Agreement signed" in text
    assert "until the BAA is signed" in text
    assert "(in the USA) confirmed in the contract" in text
    assert "Privacy and compliance officer" in foundation["owners"]


def test_a_kind_whose_detail_is_unanswered_leaves_that_deliverable_out():
    answers = dict(brief("msp-many-customers").answers)
    answers.pop("integrations.systems")  # HaloPSA and Xero, the billing systems
    build = phases(plan(answers))["build"]["deliverables"]
    assert not any("billed through" in d for d in build)
    assert "time recorded on every ticket, against the customer company's contract" in build


def test_the_plan_and_the_architecture_agree_on_the_size():
    # One sizing (fit.size) for both: the startup is given no queue and no weeks of pilot.
    answers = brief("tiny-startup").answers
    assert score_platforms(answers).shortlist  # a startup on Discord still gets a shortlist
    framework = generate_framework(answers, requirements_from_derived(derive(answers)))
    scalability = next(s for s in framework["sections"] if s["key"] == "scalability")
    assert not any(e["id"] == "scalability.block.queue" for e in scalability["elements"])


def test_a_client_on_its_own_servers_gets_no_public_cloud():
    # Self-hosted, data in the country, no cloud account: servers planned for the peak,
    # never autoscaling groups or managed services of a cloud the client does not use.
    answers = {
        **brief("city-311").answers,
        "scale.deployment": "self_hosted",
        "scale.data_residency": "in_country",
    }
    framework = generate_framework(answers, requirements_from_derived(derive(answers)))
    scalability = next(s for s in framework["sections"] if s["key"] == "scalability")
    found = {e["id"]: e for e in scalability["elements"]}
    assert scalability["provider"] is None
    assert not [i for i in found if i.startswith(("scalability.block.", "scalability.cloud"))]
    own = found["scalability.on_premises"]["text"]
    assert "two or more application servers" in own
    assert "stays in the country" in own
    assert "planned ahead rather than added on demand" in own
    assert "zones" not in found["scalability.availability"]["text"]
    # With a cloud account of its own, the same client is given that cloud's blocks.
    on_azure = {**answers, "scale.cloud_provider": "azure"}
    framework = generate_framework(on_azure, requirements_from_derived(derive(on_azure)))
    scalability = next(s for s in framework["sections"] if s["key"] == "scalability")
    assert scalability["provider"] == "azure"
