"""The team as it is, read from its roles: the staffing comparison, the operating sections,
the executive summary and the plan's size compare the model with the desk's full-time
equivalents (volunteers by their hours, field staff and seasonal agents apart), never
with every person on the payroll."""

from __future__ import annotations

from typing import Any

from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive

BASE: dict[str, Any] = {
    "audience.type": "external",
    "audience.market": "b2c",
    "context.channels": ["email", "phone"],
    "context.volume_email": 300,
    "context.volume_phone": 200,
    "context.phone_aht": 8,
    "context.email_aht": 7,
    "context.coverage": "business_hours",
    "context.coverage_detail": "09:00–17:00 London, Monday to Friday",
    "scale.volume_now": 500,
}


def _elements(answers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    return {e["id"]: e for s in fw["sections"] for e in s["elements"]} | {
        f"section.{s['key']}": s for s in fw["sections"]
    }


def test_volunteers_count_by_their_hours():
    answers = {
        **BASE,
        "context.team_size": 20,
        "context.team_roles": [
            {"role": "front_line", "people": 2, "employment": "full_time", "hours": 37.5},
            {"role": "volunteer", "people": 18, "employment": "volunteer", "hours": 4},
        ],
    }
    found = _elements(answers)
    total = found["staffing.total"]
    assert total["data"]["team_basis"] == 3.9  # 2 + 18 × 4 / 37.5
    assert "about 3.9 full-time equivalents (18 volunteers at 4 h a week)" in total["text"]
    assert "3.9 full-time equivalents at the desk" in found["executive.staffing"]["text"]
    # Twenty people at 3.9 full-time equivalents are a small team: weeks, no pilot.
    assert found["section.action_plan"]["shape"]["size"] == "small"
    assert found["operations.people"]["data"]["size"] == "small"
    # The same twenty full time are not.
    full = {**answers, "context.team_roles": [{"role": "front_line", "people": 20}]}
    assert _elements(full)["section.action_plan"]["shape"]["size"] == "medium"


def test_field_staff_and_seasonal_agents_are_not_the_desk():
    answers = {
        **BASE,
        "context.team_size": 42,
        "context.team_roles": [
            {"role": "front_line", "people": 8, "employment": "full_time", "hours": 38},
            {"role": "field", "people": 30, "employment": "full_time", "hours": 38},
            {"role": "front_line", "people": 4, "employment": "seasonal", "hours": 38},
        ],
    }
    found = _elements(answers)
    text = found["staffing.total"]["text"]
    assert "30 field or on-site staff work away from the desk" in text
    assert "The 4 seasonal agents are for the peak" in text
    assert found["staffing.total"]["data"]["team_basis"] == 8
    # Thirty-eight people move to the new tool all year: a large change.
    assert found["section.action_plan"]["shape"]["size"] == "large"


def test_a_target_the_client_did_not_set_is_labelled_as_an_assumption():
    found = _elements(BASE)
    text = found["workflow.sla.channels"]["text"]
    assert "are planning assumptions until the client sets them" in text
    answered = {**BASE, "context.phone_sl_target": 80, "context.phone_sl_seconds": 30}
    answered |= {"context.async_response_hours": 4, "context.phone_abandon_target": 5}
    assert "assumption" not in _elements(answered)["workflow.sla.channels"]["text"]


def test_an_other_crm_is_called_by_its_name_and_a_consumer_has_no_account_owner():
    answers = {
        **BASE,
        "integrations.crm": ["other"],
        "integrations.systems": [{"name": "Beacon", "class": "crm", "purpose": "donors"}],
    }
    found = _elements(answers)
    handoff = found["workflow.handoff.crm.other"]
    assert handoff["title"] == "Handoff to Beacon"
    assert "account owner" not in handoff["text"]
    assert found["action_plan.risk.integrations"]["title"].startswith("The Beacon integration")
    unnamed = {**answers, "integrations.systems": []}
    title = _elements(unnamed)["action_plan.risk.integrations"]["title"]
    assert title == "The integration with the client's CRM delays go-live"


def test_the_clients_coverage_words_are_quoted_not_spliced():
    answers = {
        **BASE,
        "context.coverage": "24x5",
        "context.coverage_detail": "24 hours on weekdays following the shifts; on-call at weekends",
    }
    text = _elements(answers)["workflow.sla.p1"]["text"]
    assert "24 hours on weekdays (“following the shifts; on-call at weekends”)" in text
