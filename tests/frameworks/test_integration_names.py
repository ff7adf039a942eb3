"""What a CRM outside the bank's list is called in the proposal: the name the client gave
it among its systems, never a choice of the CRM question ("Other", or a listed CRM that has
its own integration)."""

from __future__ import annotations

from typing import Any

import pytest

from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive
from tests.briefs.loader import brief


def crm_titles(crm: list[str], systems: list[dict[str, str]]) -> dict[str, str]:
    answers: dict[str, Any] = {
        **brief("charity-donors-volunteers").answers,
        "integrations.crm": crm,
        "integrations.systems": systems,
    }
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    return {
        e["id"]: e["title"]
        for s in fw["sections"]
        for e in s["elements"]
        if e["id"].startswith("tools.integration.crm.")
    }


@pytest.mark.parametrize(
    ("crm", "systems", "title"),
    [
        (["other"], [{"name": "Beacon", "class": "crm"}], "Beacon: integration approach"),
        # The listed CRM has its own integration; the other one is Beacon alone.
        (
            ["salesforce", "other"],
            [{"name": "Salesforce", "class": "crm"}, {"name": "Beacon", "class": "crm"}],
            "Beacon: integration approach",
        ),
        # A row named after the catch-all choice names nothing.
        (["other"], [{"name": "Other", "class": "crm"}], "The client's CRM: integration approach"),
        (
            ["other"],
            [{"name": "Beacon", "class": "crm"}, {"name": "beacon", "class": "crm"}],
            "Beacon: integration approach",
        ),
    ],
)
def test_an_other_crm_is_named_by_the_clients_own_name(crm, systems, title):
    titles = crm_titles(crm, systems)
    assert titles["tools.integration.crm.other"] == title
    assert not any("Other" in t for t in titles.values()), titles


def test_a_crm_named_in_general_words_takes_no_second_article_in_the_handoff():
    answers: dict[str, Any] = {
        **brief("charity-donors-volunteers").answers,
        "integrations.crm": ["other"],
        "integrations.systems": [],
    }
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    handoff = next(
        e for s in fw["sections"] for e in s["elements"] if e["id"] == "workflow.handoff.crm.other"
    )
    assert "shows on the client's CRM record" in handoff["text"]
    assert "the the" not in handoff["text"]
