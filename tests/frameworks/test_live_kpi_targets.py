"""The live-channel KPIs (abandonment, service level, ASA) take their targets from the
figures the client gave with each live channel (context.phone_abandon_target and the
rest): the bank asks them there and only there, so a metrics section reading
metrics.<kpi>.target alone told a client who wants 5% abandonment "no target agreed yet"."""

from __future__ import annotations

from typing import Any

from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive

BASE: dict[str, Any] = {
    "audience.type": "external",
    "audience.market": "b2c",
    "context.channels": ["email", "phone"],
    "context.volume_email": 300,
    "context.volume_phone": 4000,
    "context.phone_aht": 5,
    "context.coverage": "business_hours",
    "scale.volume_now": 4300,
    "metrics.kpis": ["abandonment_rate", "service_level", "asa"],
    "metrics.abandonment_rate.baseline": 18,
    "metrics.abandonment_rate.horizon": "medium",
    "metrics.service_level.horizon": "short",
    "metrics.asa.horizon": "short",
}


def _elements(answers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    return {e["id"]: e for s in fw["sections"] for e in s["elements"]}


def test_the_phone_targets_are_the_kpis_targets():
    answers = {
        **BASE,
        "context.phone_abandon_target": 6,
        "context.phone_sl_target": 80,
        "context.phone_sl_seconds": 30,
        "context.phone_asa_target": 45,
    }
    found = _elements(answers)
    abandonment = found["metrics.kpi.abandonment_rate"]
    assert abandonment["data"]["target"] == 6
    assert abandonment["data"]["target_questions"] == ["context.phone_abandon_target"]
    # From 18% at month 0 to 6% at month 12: a step of 3 points a quarter.
    assert "short term (month 3): 15%" in abandonment["text"]
    assert "medium term (month 12): 6%" in abandonment["text"]
    assert "no target agreed yet" not in abandonment["text"]
    assert "80% answered within 30 s" in found["metrics.kpi.service_level"]["text"]
    assert "short term (month 3): 45 s" in found["metrics.kpi.asa"]["text"]
    success = found["summary.success"]["text"]
    assert "abandonment rate from 18% to 6% within 3–12 months" in success
    assert "80% answered within 30 s within 3 months" in success
    milestone = found["action_plan.milestone.short"]["data"]
    assert "context.phone_abandon_target" in milestone["estimate"]["inputs"]


def test_without_a_channel_target_the_kpi_waits_for_one():
    found = _elements(BASE)
    assert "no target agreed yet" in found["metrics.kpi.abandonment_rate"]["text"]
    assert found["metrics.kpi.abandonment_rate"]["data"]["target"] is None
    assert "abandonment rate (target still to be agreed)" in found["summary.success"]["text"]


def test_a_chat_target_is_not_read_for_a_client_without_chat():
    # The answer is left from an earlier version of the discovery; chat is not a channel.
    found = _elements({**BASE, "context.chat_abandon_target": 3})
    assert found["metrics.kpi.abandonment_rate"]["data"]["target"] is None


def test_calls_and_chats_with_their_own_targets_are_both_named():
    answers = {
        **BASE,
        "context.channels": ["email", "phone", "chat"],
        "context.volume_chat": 900,
        "context.phone_abandon_target": 6,
        "context.chat_abandon_target": 3,
    }
    text = _elements(answers)["metrics.kpi.abandonment_rate"]["text"]
    assert "medium term (month 12): 6%" in text
    assert "per live channel: calls: 6%; chats: 3%" in text


def test_the_definitions_name_only_the_live_channels_the_client_has():
    found = _elements(BASE)
    assert (
        "Share of live contacts (calls) given up" in found["metrics.kpi.abandonment_rate"]["text"]
    )
    assert "a live contact (a call) waits" in found["metrics.kpi.asa"]["text"]
    assert "chat" not in found["metrics.kpi.abandonment_rate"]["data"]["definition"]
    both = _elements({**BASE, "context.channels": ["phone", "chat"], "context.volume_chat": 900})
    assert "(a call or a chat)" in both["metrics.kpi.asa"]["data"]["definition"]
