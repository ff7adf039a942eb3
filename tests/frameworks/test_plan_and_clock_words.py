"""Words of the workflow and the action plan that must fit the client's week, spikes,
team and requesters: an "extended hours" client with weekday and Saturday calendars is not
told its clocks run 7 days a week; a spike that comes back every week is not kept six
weeks away from go-live; the plan trains the people the client has; a patient line's
priority matrix speaks of patients."""

from __future__ import annotations

from typing import Any

from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive

BASE: dict[str, Any] = {
    "audience.type": "external",
    "audience.market": "b2c",
    "context.channels": ["email", "phone"],
    "context.volume_email": 400,
    "context.volume_phone": 1200,
    "context.phone_aht": 5,
    "context.team_size": 6,
    "context.coverage": "extended",
    "context.coverage_detail": "07:30–18:00 on weekdays, Saturday 08:00–12:00",
    "scale.volume_now": 1600,
}
WEEK_AND_SATURDAY = [
    {"name": "Front desk", "days": "mon_fri", "opens": "07:30", "closes": "18:00"},
    {"name": "Saturday cover", "days": "saturday", "opens": "08:00", "closes": "12:00"},
]


def _elements(answers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    return {e["id"]: e for s in fw["sections"] for e in s["elements"]}


def test_extended_hours_take_their_days_from_the_calendars():
    found = _elements({**BASE, "context.calendars": WEEK_AND_SATURDAY})
    sla = found["workflow.sla.p3"]["text"]
    assert "counted in extended hours, Monday to Saturday" in sla
    assert "each queue on its own calendar (Front desk and Saturday cover)" in sla
    assert "7 days" not in sla
    context = found["summary.context"]["text"]
    assert "Support is covered for extended hours, Monday to Saturday" in context
    every_day = [{"name": "Desk", "days": "every_day", "opens": "08:00", "closes": "20:00"}]
    assert (
        "7 days a week"
        in _elements({**BASE, "context.calendars": every_day})["workflow.sla.p3"]["text"]
    )
    # Without calendars the band is all the client said.
    assert "extended hours, 7 days a week" in _elements(BASE)["workflow.sla.p3"]["text"]


def test_one_calendar_is_no_queue_of_its_own():
    one = [{"name": "Desk", "days": "mon_sat", "opens": "08:00", "closes": "20:00"}]
    sla = _elements({**BASE, "context.calendars": one})["workflow.sla.p3"]["text"]
    assert "extended hours, Monday to Saturday" in sla
    assert "its own calendar" not in sla


def _spiked(often: str) -> dict[str, Any]:
    return {
        **BASE,
        "scale.spikes_known": "yes",
        "scale.spikes": [
            {
                "cause": "Monday morning",
                "factor": 2,
                "lasts": 4,
                "lasts_unit": "hours",
                "often": often,
            }
        ],
    }


def test_a_weekly_spike_sets_the_go_live_day_not_six_weeks():
    weekly = _elements(_spiked("weekly"))["action_plan.risk.peak"]["text"]
    assert "go-live on a quiet day of the week, well away from the spike" in weekly
    assert "six weeks" not in weekly
    monthly = _elements(_spiked("monthly"))["action_plan.risk.peak"]["text"]
    assert "go-live on a quiet day of the month" in monthly
    unforeseen = _elements(_spiked("unpredictable"))["action_plan.risk.peak"]["text"]
    assert "go-live waits until the plan for one works on the new tool" in unforeseen
    assert "six weeks" not in unforeseen
    yearly = _elements(_spiked("yearly"))["action_plan.risk.peak"]["text"]
    assert "no go-live in the six weeks before a known spike" in yearly


def test_the_plan_trains_the_team_there_is():
    # 20,000 calls a month at 6 minutes for a team of 12: the model plans more people than
    # the client has, which the plan never pretends to train.
    answers = {
        **BASE,
        "context.team_size": 12,
        "context.volume_phone": 20_000,
        "context.phone_aht": 6,
        "scale.volume_now": 20_400,
    }
    found = _elements(answers)
    assert found["staffing.total"]["data"]["headcount"] > 12
    pilot = found["action_plan.phase.pilot"]["text"]
    assert "the 12 people of today's team trained on the new workflow" in pilot
    assert "each new hire as they join" in pilot
    rollout = found["action_plan.phase.rollout"]["text"]
    assert "the 12 people of today's team trained wave by wave" in rollout


def test_patients_are_not_customers_in_the_priority_matrix():
    hipaa = {**BASE, "scale.compliance": ["hipaa"]}
    text = _elements(hipaa)["workflow.prioritization"]["text"]
    assert "many patients unable to reach the practice or book" in text
    assert "customer" not in text
    assert (
        "many customers unable to use the service"
        in _elements(BASE)["workflow.prioritization"]["text"]
    )


CONTRACTS: dict[str, Any] = {
    **BASE,
    "audience.market": "b2b",
    "audience.contract_slas": "yes",
    "audience.contracts": [
        {"name": "Enterprise", "customers": 140, "hours": "24x7", "response": 1, "resolution": 24},
        {"name": "Pro", "customers": 3660, "hours": "business", "response": 8},
    ],
}


def test_each_contract_has_its_own_policy_and_a_24_7_promise_its_on_call():
    found = _elements(CONTRACTS)
    contracts = found["workflow.sla.contracts"]
    text = contracts["text"]
    assert (
        "Enterprise (140 customers): first response within 1 h and resolution within 24 h, on 24/7 calendar hours"
        in text
    )
    assert "Pro (3,660 customers): first response within 8 h, on business hours" in text
    assert "Enterprise promises 24/7 while the desk works extended hours" in text
    assert contracts["data"]["on_call_for"] == ["Enterprise"]
    # A desk that works 24/7 needs no on-call rota for it.
    round_clock = _elements({**CONTRACTS, "context.coverage": "24x7"})["workflow.sla.contracts"]
    assert round_clock["data"]["on_call_for"] == []
    assert "on-call" not in round_clock["text"]
    # No contract SLAs, no element.
    assert "workflow.sla.contracts" not in _elements({**CONTRACTS, "audience.contract_slas": "no"})


def test_an_attestation_is_not_a_law_on_personal_data():
    soc2 = _elements({**BASE, "scale.compliance": ["soc2"]})["action_plan.risk.compliance"]
    assert soc2["title"] == "A vendor or integration outside the SOC 2 controls"
    assert "Personal data" not in soc2["text"]
    both = _elements({**BASE, "scale.compliance": ["gdpr", "soc2"]})["action_plan.risk.compliance"]
    assert both["title"].startswith("Personal data handled outside GDPR rules or a vendor")
    cards = _elements({**BASE, "scale.compliance": ["pci_dss"]})["action_plan.risk.compliance"]
    assert "card numbers masked on arrival" in cards["text"]


def test_the_staffing_risk_compares_like_with_like_on_the_sections_margin():
    # Seven full-time and two at 5 h a week: 7.25 full-time equivalents at the desk.
    roles = [
        {"role": "front_line", "people": 7, "employment": "full_time", "hours": 40},
        {"role": "front_line", "people": 2, "employment": "part_time", "hours": 5},
    ]
    volumes = {"context.volume_email": 6000, "context.volume_phone": 3000}
    busy = {**BASE, **volumes, "context.team_size": 9, "context.team_roles": roles}
    found = _elements(busy)
    assert found["staffing.total"]["data"]["headcount"] == 12
    risk = found["action_plan.risk.staffing"]
    assert risk["title"] == (
        "The plan needs 12 agents; the team has 7.2 full-time equivalents at the desk today"
    )
    assert "confirm in the first month the inputs the model assumed" in risk["text"]
    # Thirteen planned for a full-time team of twelve is within the staffing section's
    # margin (a quarter of the team): no risk to go-live.
    near = {**BASE, "context.team_size": 12, "context.volume_phone": 5000}
    found = _elements(near)
    assert found["staffing.total"]["data"]["headcount"] == 13
    assert "action_plan.risk.staffing" not in found


def test_a_bank_s_customers_risk_their_money_and_fraud_goes_first():
    bank = {**BASE, "scale.obligations": ["sector"], "scale.sector_rules": ["bacen"]}
    text = _elements(bank)["workflow.prioritization"]["text"]
    assert "many customers unable to pay or reach their money" in text
    assert "A report of fraud, a scam or money sent in error is P1 on any channel" in text
    # An insurer under DORA alone keeps no accounts of its customers' money.
    insurer = {**bank, "scale.sector_rules": ["dora"]}
    assert "fraud" not in _elements(insurer)["workflow.prioritization"]["text"]
