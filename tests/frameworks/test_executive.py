"""The executive summary that opens the proposal: what the client said matters in their
words and what the proposal does about each; the recommendation, the cost range, the
staffing, the timeline and the three main risks, each linking to its section; its traces
are those of the elements it summarizes, and its amounts carry their sources."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from discovery.bank import BANK
from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from frameworks.check import run_check
from frameworks.generate import generate_framework, requirements_from_derived
from frameworks.generators.executive import challenge_answers, without_asides
from frameworks.outline import OUTLINE, document_sections
from requirements_app.engine import derive
from tests.briefs.loader import brief


def generate(answers: dict[str, Any]) -> dict[str, Any]:
    return generate_framework(answers, requirements_from_derived(derive(answers)))


def executive(framework: dict[str, Any]) -> dict[str, dict[str, Any]]:
    section = next(s for s in framework["sections"] if s["key"] == "executive")
    return {e["id"]: e for e in section["elements"]}


def test_it_opens_the_document():
    assert OUTLINE[0].key == "executive"
    framework = generate(VERDE)
    assert document_sections(framework["sections"])[0]["key"] == "executive"


def framework_first_choice(framework) -> str:
    """The name on the tools section's first platform card, the one the shortlist ranks first."""
    for section in framework["sections"]:
        for element in section.get("elements", ()):
            if element.get("kind") == "platform":
                return element["data"]["name"]
    raise AssertionError("no platform card in the framework")


def test_one_page_of_what_matters_with_links_to_each_section():
    framework = generate(brief("msp-many-customers").answers)
    found = executive(framework)
    assert list(found) == [
        "executive.priorities",
        "executive.recommendation",
        "executive.cost",
        "executive.case",
        "executive.staffing",
        "executive.timeline",
        "executive.risks",
    ]
    shown = {s["key"] for s in document_sections(framework["sections"])}
    for e in found.values():
        links = [r["link"] for r in e["data"].get("rows", ())] or [e["data"]["link"]]
        for link in links:
            assert link["section"] in shown
            assert link["href"] == f"#sec-{link['section']}"
    priorities = found["executive.priorities"]["text"]
    # The client's own words, then what the proposal does about each challenge.
    assert "“Alerts from NinjaOne flood the inbox" in priorities
    assert "Reduce response times: Response and resolution targets" in priorities
    first = framework_first_choice(framework)
    assert found["executive.recommendation"]["text"].startswith(f"{first}, vendor-hosted SaaS.")
    assert "PSA" in found["executive.recommendation"]["text"]
    assert "Across the shortlist, for 14 agents: from $" in found["executive.cost"]["text"]
    assert "26 weeks, in 4 phases" in found["executive.timeline"]["text"]
    assert found["executive.risks"]["text"].count(". ") >= 3
    assert len(found["executive.risks"]["data"]["risks"]) == 3


@pytest.mark.parametrize(
    "answers", [NORTHWIND, VERDE, CONTOSO], ids=["northwind", "verde", "contoso"]
)
def test_it_quotes_the_business_case_with_the_same_figures(answers):
    """One set of figures: the summary's case is the business case's own paragraph, traced
    to what that paragraph read, and linking to it."""
    framework = generate(answers)
    case = next(s for s in framework["sections"] if s["key"] == "business_case")
    headline = next(e for e in case["elements"] if e["id"] == "business_case.headline")
    quoted = executive(framework)["executive.case"]
    assert quoted["text"] == headline["text"]
    assert set(headline["trace"]["answers"]) <= set(quoted["trace"]["answers"])
    assert quoted["data"]["link"]["href"] == "#sec-business_case"


def test_its_traces_are_those_of_what_it_summarizes():
    framework = generate(NORTHWIND)
    by_id = {e["id"]: e for s in framework["sections"] for e in s["elements"]}
    for e in executive(framework).values():
        cited = [r["element"] for r in e["data"].get("rows", ())]
        if e["id"] == "executive.risks":
            cited = e["data"]["risks"]
        for element_id in cited:
            for qid in by_id[element_id]["trace"]["answers"]:
                assert qid in e["trace"]["answers"], (e["id"], qid)
        assert e["trace"]["answers"] or e["trace"]["requirements"], e["id"]


@pytest.mark.parametrize("answers", [VERDE, NORTHWIND, CONTOSO], ids=["verde", "nw", "contoso"])
def test_its_amounts_are_sourced_and_its_text_is_whole(answers):
    framework = generate(answers)
    reqs = requirements_from_derived(derive(answers))
    result = run_check(framework, answers, reqs, today=date(2026, 12, 2))
    mine = [f for f in result.findings if f.element_id.startswith("executive.")]
    assert [(f.rule, f.element_id) for f in mine if f.blocking] == []
    for e in executive(framework).values():
        assert "(not stated)" not in e["text"]
        assert "Other" not in e["text"]


def test_every_challenge_of_the_bank_has_what_the_proposal_does():
    choices = [c.value for c in BANK.questions["objective.challenge"].choices if c.value != "other"]
    assert sorted(challenge_answers()) == sorted(choices)
    for challenge in choices:
        found = executive(generate({**VERDE, "objective.challenge": [challenge]}))
        rows = found["executive.priorities"]["data"]["rows"]
        assert [r["challenge"] for r in rows] == [challenge], challenge


def test_a_summary_keeps_no_aside():
    assert without_asides("vendor hosting in the EU (realms: EU (Frankfurt), US)") == (
        "vendor hosting in the EU"
    )
