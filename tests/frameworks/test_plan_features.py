"""The plan a platform is priced on is the cheapest that has what the client's Must
requirements need: a plan feature (audit log, skills-based assignment) named by a
requirement's `feature` attribute, whatever the requirement's origin, and the licence text
says which requirement picks it. A Should requirement picks nothing."""

from __future__ import annotations

import pytest

from frameworks.catalogue import PLATFORMS_BY_ID
from frameworks.scoring import licence_estimate, needs_from_answers
from frameworks.scoring.needs import Req
from tests.briefs.loader import brief

FRESHDESK = PLATFORMS_BY_ID["freshdesk"]
ANSWERS = {
    "audience.type": "external",
    "context.channels": ["email"],
    "context.volume_email": 2000,
    "context.team_size": 120,
    "scale.budget": "enterprise",
    "scale.deployment": "cloud",
}


def audit(priority: str) -> Req:
    return Req("NFR-SEC-008", priority, {"feature": ["audit_log"]})


def routing(priority: str) -> Req:
    return Req("FR-PRI-004", priority, {"feature": ["skills_routing"]})


@pytest.mark.parametrize(
    ("requirements", "plan", "why"),
    [
        ([], "Growth", None),
        ([audit("should"), routing("should")], "Growth", None),
        ([routing("must")], "Pro", "skills- and load-based assignment (FR-PRI-004)"),
        (
            [routing("must"), audit("must")],
            "Enterprise",
            "the audit log of configuration changes (NFR-SEC-008)",
        ),
        # Written by hand: the attribute counts, not the code.
        (
            [Req("NFR-MAN-003", "must", {"feature": ["audit_log"]})],
            "Enterprise",
            "the audit log of configuration changes (NFR-MAN-003)",
        ),
    ],
)
def test_the_plan_priced_is_the_cheapest_that_meets_the_musts(requirements, plan, why):
    needs = needs_from_answers(ANSWERS, requirements)
    estimate = licence_estimate(FRESHDESK, needs, "cloud")
    assert estimate.tier == plan
    if why is None:
        assert "first plan with" not in estimate.text
    else:
        assert f"{plan} is the first plan with {why}" in estimate.text


def test_the_insurers_freshdesk_is_priced_on_the_plan_its_audit_trail_needs():
    from frameworks.generate import generate_framework, requirements_from_derived
    from requirements_app.engine import derive

    answers = brief("eu-insurer-claims").answers
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    tools = next(s for s in fw["sections"] if s["key"] == "tools")
    card = next(e for e in tools["elements"] if e["id"] == "tools.shortlist.freshdesk")
    assert card["data"]["licence"]["tier"] == "Enterprise"
    assert "(NFR-SEC-008)" in card["text"]


ZOHO = PLATFORMS_BY_ID["zoho_desk"]


def test_plans_our_sources_do_not_map_are_priced_from_the_cheapest_to_the_dearest():
    """Zoho Desk's sources give its plans' prices, not what each plan holds: a team of 29
    needing SLAs and automation is never priced on the entry plan alone."""
    answers = {**ANSWERS, "context.volume_email": 30000, "scale.budget": "moderate"}
    needs = needs_from_answers(answers, [routing("must")])
    assert needs.agents > 3  # more than the free plan takes
    estimate = licence_estimate(ZOHO, needs, "cloud")
    assert estimate.is_range
    prices = [t.usd_per_agent_month for t in ZOHO.tiers if t.kind == "per_agent"]
    cheapest = min(p for p in prices if p is not None)
    dearest = max(p for p in prices if p is not None)
    n = needs.agents
    assert estimate.monthly_low == cheapest
    assert estimate.monthly_per_agent == dearest  # the budget is checked against it
    assert estimate.yearly == dearest * n * 12
    assert estimate.yearly_low == cheapest * n * 12
    assert estimate.tier == "Express to Enterprise"
    assert "which plan first has" in estimate.text
    assert "is not in our sources" in estimate.text
    assert "unverified, re-check before quoting" in estimate.text
    assert f"${cheapest * n * 12:,}–${dearest * n * 12:,} a year" in estimate.text


def test_a_free_plan_of_unmapped_plans_is_not_assumed_to_hold_what_is_needed():
    needs = needs_from_answers(ANSWERS, [routing("must")])
    assert needs.agents <= 3
    estimate = licence_estimate(ZOHO, needs, "cloud")
    assert estimate.is_range
    assert estimate.tier == "Free to Enterprise"
    assert estimate.monthly_low == 0


def test_a_mapped_platform_is_still_priced_on_one_plan():
    needs = needs_from_answers(ANSWERS, [routing("must")])
    estimate = licence_estimate(FRESHDESK, needs, "cloud")
    assert not estimate.is_range
    assert estimate.yearly_low is None


def test_the_range_reaches_the_card_the_chart_and_the_business_case():
    from deliverables.charts import _licence_rows
    from frameworks.generate import generate_framework, requirements_from_derived
    from requirements_app.engine import derive

    answers = brief("housing-association-repairs").answers
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    found = {e["id"]: e for s in fw["sections"] for e in s["elements"]}
    card = found["tools.shortlist.zoho_desk"]
    licence = card["data"]["licence"]
    assert licence["yearly_low"] < licence["yearly"]
    words = licence["price_text"]
    assert words == f"${licence['yearly_low']:,}–${licence['yearly']:,} a year (unverified)"
    rows = {name: label for name, _value, label in _licence_rows(fw["sections"])}
    assert rows["Zoho Desk"] == words
    case = " ".join(e["text"] for key, e in found.items() if key.startswith("business_case"))
    assert (
        "over three years at list prices (which plan has what the client needs is to confirm"
        in case
    )
