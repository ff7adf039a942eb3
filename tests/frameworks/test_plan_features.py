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
