"""Integrations and AI automation sized to the team and the budget, across briefs of every
size: a small team connects its systems with the help desk's own integration or a no-code
automation service, never a service of its own to write and run; an AI agent only where the
written volume repays its upkeep (the threshold and the cost basis stated), and never before
the articles it answers from exist."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from frameworks.catalogue.costs import RATES
from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive
from tests.briefs.loader import brief

SMALL = ("tiny-startup", "law-firm-single-site")


@cache
def elements(slug: str) -> dict[str, dict[str, Any]]:
    answers = brief(slug).answers
    framework = generate_framework(answers, requirements_from_derived(derive(answers)))
    return {e["id"]: e for s in framework["sections"] for e in s["elements"]}


def approaches(slug: str) -> list[dict[str, Any]]:
    return [e for e in elements(slug).values() if e["kind"] == "integration_approach"]


@pytest.mark.parametrize("slug", SMALL)
def test_a_small_team_runs_no_integration_code_of_its_own(slug):
    found = approaches(slug)
    assert found, slug  # each small brief has an integration to connect
    for e in found:
        for choice in e["data"]["by_platform"].values():
            assert choice["approach"] in ("native", "ipaas", "no_code"), (e["id"], choice)
        assert "integration service" not in e["text"], e["text"]
    plan = " ".join(e["text"] for i, e in elements(slug).items() if i.startswith("action_plan"))
    assert "own apps" not in plan  # never claims an app the platform lacks
    assert not any(i.startswith("scalability.block.") for i in elements(slug))


def test_a_large_operation_without_a_connector_gets_an_integration_service():
    found = {e["data"]["system"]: e for e in approaches("retail-bank")}
    teams = found["Microsoft Teams"]["data"]["recommended"]
    assert teams["approach"] == "api"


def test_a_microsoft_365_client_is_offered_a_ready_made_teams_connection_first():
    # The platform's own Teams app where it has one, else Power Automate: never a service
    # of the client's own for a two-person desk.
    teams = next(e for e in approaches("law-firm-single-site") if e["data"]["key"] == "teams")
    recommended = teams["data"]["recommended"]
    assert recommended["approach"] != "api"
    assert recommended["via"] in ("Power Automate", "Jira Service Management", "Zammad")


def test_a_two_person_desk_is_told_an_ai_agent_is_not_worth_it_yet_and_why():
    found = elements("law-firm-single-site")
    component = found["architecture.automation"]
    assert component["data"]["ai_agent"] is False
    assert "AI" not in component["title"]
    tools = found["tools.automation"]
    ai = tools["data"]["ai_agent"]
    assert ai["worth"] is False
    assert ai["written_monthly"] < ai["threshold"]
    assert ai["hours_freed"] < float(RATES["ai_upkeep_hours"].value)
    assert f"from about {ai['threshold']:,} written contacts a month" in tools["text"]
    assert "not worth it yet" in tools["text"]
    assert RATES["ai_resolution_low"].source in tools["text"]  # the rate's basis, named


@pytest.mark.parametrize("slug", ["fitness-app", "retail-bank", "saas-tiered-plans"])
def test_a_high_written_volume_gets_an_ai_agent_with_its_threshold_and_cost_basis(slug):
    found = elements(slug)
    assert found["architecture.automation"]["data"]["ai_agent"] is True
    tools = found["tools.automation"]
    ai = tools["data"]["ai_agent"]
    assert ai["worth"] is True
    assert ai["written_monthly"] >= ai["threshold"] > 0
    assert f"from about {ai['threshold']:,} written contacts a month" in tools["text"]
    if "pricing" in ai:
        assert ai["pricing"]["source"] in tools["text"]
    else:
        assert "confirm with the vendor" in tools["text"]


def test_a_per_resolution_price_is_costed_at_the_starting_rate():
    tools = elements("saas-tiered-plans")["tools.automation"]
    ai = tools["data"]["ai_agent"]
    assert ai["pricing"]["unit"] == "resolution"
    resolved = round(ai["written_monthly"] * ai["rate"]["value"])
    assert ai["pricing"]["monthly_cost"] > 0
    assert f"for {resolved:,} resolutions" in tools["text"]


def test_no_ai_agent_before_the_articles_it_answers_from_exist():
    answers = dict(brief("law-firm-single-site").answers)
    answers["context.volume_email"] = 26_000  # ten times the written volume of a large desk
    framework = generate_framework(answers, requirements_from_derived(derive(answers)))
    found = {e["id"]: e for s in framework["sections"] for e in s["elements"]}
    tools = found["tools.automation"]
    assert tools["data"]["ai_agent"]["worth"] is False
    assert "once the articles cover the common questions" in tools["text"]


def test_a_client_avoiding_usage_priced_ai_is_not_given_one():
    answers = dict(brief("saas-tiered-plans").answers)
    answers["scale.cost_sensitivity"] = ["ai_usage"]
    framework = generate_framework(answers, requirements_from_derived(derive(answers)))
    found = {e["id"]: e for s in framework["sections"] for e in s["elements"]}
    tools = found["tools.automation"]
    if tools["data"]["ai_agent"].get("pricing"):  # the first platform bills AI by usage
        assert tools["data"]["ai_agent"]["worth"] is False
        assert "No usage-priced AI agent, as the client asked" in tools["text"]
    else:
        assert "flat or capped" in tools["text"]
