"""Who would run the code an integration needs decides whether the design has any: a
client whose IT writes no code (one person, or a team that administers tools) is given
apps, marketplace connectors and no-code automation, never a queue and containers on a
cloud account nobody would watch; a client with developers or a paid partner may have an
integration service, and the proposal says who runs it; unanswered, it says that it
assumes someone does, with the question that would tell."""

from __future__ import annotations

from typing import Any

import pytest

from discovery.bank import BANK
from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive

# A mid-sized customer desk on SaaS with two systems no platform connects natively.
BASE: dict[str, Any] = {
    "audience.type": "external",
    "audience.market": "b2c",
    "context.channels": ["email", "phone"],
    "context.volume_email": 3000,
    "context.volume_phone": 4000,
    "context.phone_aht": 5,
    "context.team_size": 18,
    "context.coverage": "business_hours",
    "scale.volume_now": 7000,
    "scale.org_size": "m",
    "scale.deployment": "cloud",
    "integrations.crm": ["none"],
    "integrations.erp": ["none"],
    "integrations.automation": ["none"],
    "integrations.other": ["telephony"],
    "integrations.systems": [
        {"name": "Dentrix", "class": "ehr", "purpose": "the patient's appointments on the ticket"},
    ],
}


def _generate(answers: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], set[str]]:
    derived = derive(answers)
    fw = generate_framework(answers, requirements_from_derived(derived))
    found = {e["id"]: e for s in fw["sections"] for e in s["elements"]}
    return found, {r.code for r in derived}


def test_without_an_answer_the_service_is_planned_and_its_owner_asked():
    found, codes = _generate(BASE)
    containers = found["scalability.block.containers"]["text"]
    assert "assumes someone at the client builds and runs it" in containers
    assert str(BANK.questions["integrations.builders"].label) in containers
    assert "FR-INT-027" not in codes


@pytest.mark.parametrize(
    ("builders", "owner"),
    [
        ("developers", "run by the client's developers"),
        ("partner", "built and run by the partner the client pays for it"),
    ],
)
def test_developers_or_a_partner_run_the_integration_service(builders, owner):
    found, codes = _generate({**BASE, "integrations.builders": builders})
    assert "scalability.block.queue" in found
    assert owner in found["scalability.block.containers"]["text"]
    assert "integrations.builders" in found["scalability.block.containers"]["trace"]["answers"]
    assert "FR-INT-027" not in codes


@pytest.mark.parametrize("builders", ["one_person", "it_team"])
def test_it_that_runs_no_code_gets_nothing_of_its_own_to_run(builders):
    found, codes = _generate({**BASE, "integrations.builders": builders})
    assert not [e for e in found if e.startswith("scalability.block.")]
    assert "scalability.cloud" not in found
    saas = found["scalability.saas"]
    assert "a marketplace connector or a no-code automation service" in saas["text"]
    assert "FR-INT-027" in codes
    assert "FR-INT-027" in saas["trace"]["requirements"]
    assert ("NFR-UX-004" in codes) == (builders == "one_person")
    # The tools section connects each system the same way: no integration service.
    integration_text = " ".join(
        e["text"] for key, e in found.items() if key.startswith("tools.integration")
    )
    assert "Dentrix" in integration_text
    assert "no-code automation service" in integration_text
    assert "small integration service" not in integration_text
