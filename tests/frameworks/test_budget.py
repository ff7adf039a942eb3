"""The first year's cost is one number from one source: the action plan's and the executive
summary's licences are the tools section's estimate for the recommended platform and the
business case's first year; the people's cost is the business case's; and a plan whose
first-year licences exceed the client's budget says so, by how much."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from frameworks.generate import generate_framework, requirements_from_derived
from frameworks.generators.business_case import money
from requirements_app.engine import derive
from tests.briefs.loader import brief, briefs

SLUGS = [b.slug for b in briefs()]


def generate(answers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    framework = generate_framework(answers, requirements_from_derived(derive(answers)))
    return {e["id"]: e for s in framework["sections"] for e in s["elements"]}


@cache
def elements(slug: str) -> dict[str, dict[str, Any]]:
    return generate(dict(brief(slug).answers))


def first_card(found: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    return next((e for e in found.values() if e["kind"] == "platform"), None)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_plan_and_the_summary_state_the_tools_sections_licences(slug):
    found = elements(slug)
    card = first_card(found)
    if card is None:  # no platform meets every hard constraint: no cost to state
        assert "action_plan.first_year" not in found
        return
    licence = card["data"]["licence"]
    plan = found["action_plan.first_year"]
    summary = found["executive.cost"]["text"]
    assert plan["data"]["platform"] == card["data"]["name"]
    assert plan["data"]["agents"] == licence["agents"]
    option = found[f"business_case.option.{card['data']['platform_id']}"]["data"]
    if licence["yearly"] is None or licence["by_quote"]:
        assert plan["data"]["licences"] is None
        assert option["licences"] is None
        # "by quote" only where the vendor publishes no price; a price it publishes that
        # our sources did not capture is sent to the vendor's page.
        words = "the vendor's page" if licence["published"] else "by quote"
        assert words in plan["text"]
        assert words in summary
    else:
        yearly = float(licence["yearly"])
        assert plan["data"]["licences"] == yearly
        assert option["licences"][0] == yearly  # the business case's first year
        words = money(yearly)
        if licence.get("yearly_low") is not None:
            # A range (plans our sources do not map): from the cheapest plan to the dearest,
            # the same in the tools section, the plan and the summary.
            low = float(licence["yearly_low"])
            assert plan["data"]["licences_low"] == low
            words = f"{money(low)} to {money(yearly)}"
        assert words in plan["text"]
        assert f"recommendation: {words} a year" in summary


@pytest.mark.parametrize("slug", SLUGS)
def test_licences_over_the_budget_are_said_to_be(slug):
    found = elements(slug)
    if "action_plan.first_year" not in found:
        return
    plan = found["action_plan.first_year"]
    data = plan["data"]
    over = (
        data["licences"] is not None
        and data["budget_yearly"] is not None
        and data["licences"] > data["budget_yearly"]
    )
    assert (data["over_budget"] is not None) == over
    # A range whose cheaper plans fit is not "above" the budget: it says which end is.
    partly = (
        over and data["licences_low"] is not None and data["licences_low"] <= data["budget_yearly"]
    )
    said = "Above the client's" in plan["text"]
    assert said == (over and not partly), plan["text"]
    assert said == ("Above the client's" in found["executive.cost"]["text"])
    assert partly == ("on the cheaper plans, above it on the dearest" in plan["text"])


def test_a_kept_tool_above_a_tight_budget_is_flagged_with_the_amount():
    answers = dict(brief("fitness-app").answers)
    answers.update(
        {"scale.budget": "tight", "context.tools": ["intercom"], "context.tool_fate": "keep"}
    )
    found = generate(answers)
    plan = found["action_plan.first_year"]
    data = plan["data"]
    assert data["platform"] == "Intercom"
    assert data["over_budget"] == data["licences"] - data["budget_yearly"] > 0
    assert money(data["over_budget"]) in plan["text"]
    assert "The client keeps Intercom" in plan["text"]
    assert money(data["over_budget"]) in found["executive.cost"]["text"]


def test_a_platform_sold_by_quote_under_a_tight_budget_must_fit_it():
    found = elements("law-firm-single-site")
    plan = found["action_plan.first_year"]
    assert plan["data"]["licences"] is None
    limit = plan["data"]["budget_yearly"]
    assert limit == 25 * 12 * plan["data"]["agents"]
    assert f"at most {money(limit)} a year" in plan["text"]
    assert f"at most {money(limit)} a year" in found["executive.cost"]["text"]


def test_the_peoples_cost_is_the_business_cases_first_year():
    answers = dict(brief("fitness-app").answers)
    answers.update({"scale.agent_cost_hour": 40, "scale.day_rate": 900})
    found = generate(answers)
    plan = found["action_plan.first_year"]
    people = plan["data"]["people_usd"]
    assert people
    assert people > 0
    assert money(people) in plan["text"]
    assert money(people) in found["executive.staffing"]["text"]
    implementation = plan["data"]["implementation_usd"]
    assert implementation == plan["data"]["implementation_days"] * 900
    assert money(implementation) in plan["text"]
