"""Every client brief through the framework generator, against the expert's expectations of
the proposal kept in its `proposal:` slot:

    shortlist_excludes:  platforms that must not be in the top three (a hard constraint)
    shortlist_first:     the platform that must rank first (a tool the client keeps)
    shortlist_not_first: platforms that must not rank first (made for another kind of support)
    kept:                true when the client keeps a tool outside the catalogue
    staffing:            [min, max] agents the staffing model may plan
    plan:                size (small / medium / large), phases before Optimize, kinds the
                         plan must be shaped for, max_weeks to go-live
    elements:            element ids the proposal must hold
    absent:              element ids it must not hold
    says:                element id → phrases its text must contain

And every challenge the client names drives at least one framework element, which the
executive summary links to."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from frameworks.generate import generate_framework, requirements_from_derived
from frameworks.generators.executive import challenge_answers
from frameworks.outline import document_sections
from requirements_app.engine import derive

from .loader import Brief, briefs

BRIEFS = briefs()
KEYS = {
    "shortlist_excludes",
    "shortlist_first",
    "shortlist_not_first",
    "kept",
    "staffing",
    "plan",
    "elements",
    "absent",
    "says",
    "open",  # expectations not met yet, each with what the proposal does instead (untested)
}


def ids(brief: Brief) -> str:
    return brief.slug


@cache
def framework(slug: str) -> dict[str, Any]:
    brief = next(b for b in BRIEFS if b.slug == slug)
    return generate_framework(brief.answers, requirements_from_derived(derive(brief.answers)))


def sections(slug: str) -> dict[str, dict[str, Any]]:
    return {s["key"]: s for s in framework(slug)["sections"]}


def elements(slug: str) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for s in framework(slug)["sections"] for e in s["elements"]}


def test_every_brief_states_what_its_proposal_must_say():
    for brief in BRIEFS:
        expected = brief.proposal
        assert isinstance(expected, dict), brief.slug
        assert set(expected) <= KEYS, (brief.slug, set(expected) - KEYS)
        assert {"staffing", "plan"} <= set(expected), brief.slug


@pytest.mark.parametrize("brief", BRIEFS, ids=ids)
def test_the_proposal_meets_the_experts_expectations(brief):
    expected: dict[str, Any] = brief.proposal or {}
    by_key = sections(brief.slug)
    found = elements(brief.slug)
    shortlist = [
        e["data"]["platform_id"] for e in by_key["tools"]["elements"] if e["kind"] == "platform"
    ]
    for platform in expected.get("shortlist_excludes", ()):
        assert platform not in shortlist, (platform, shortlist)
    if "shortlist_first" in expected:
        assert shortlist[:1] == [expected["shortlist_first"]], shortlist
    for platform in expected.get("shortlist_not_first", ()):
        assert shortlist[:1] != [platform], shortlist
    if expected.get("kept"):
        assert "tools.kept" in found
    low, high = expected["staffing"]
    planned = found["staffing.total"]["data"]["headcount"]
    assert low <= planned <= high, planned
    plan = expected["plan"]
    action_plan = by_key["action_plan"]
    phases = [
        e
        for e in action_plan["elements"]
        if e["kind"] == "phase" and e["data"]["phase"] != "optimize"
    ]
    assert action_plan["shape"]["size"] == plan["size"]
    assert len(phases) == plan["phases"], [p["id"] for p in phases]
    assert set(plan.get("kinds", ())) <= set(action_plan["shape"]["kinds"])
    if "max_weeks" in plan:
        assert action_plan["go_live_week"] <= plan["max_weeks"]
    for element_id in expected.get("elements", ()):
        assert element_id in found, element_id
    for element_id in expected.get("absent", ()):
        assert element_id not in found, element_id
    for element_id, phrases in (expected.get("says") or {}).items():
        assert element_id in found, element_id
        for phrase in phrases:
            assert phrase in found[element_id]["text"], (element_id, phrase)


@pytest.mark.parametrize("brief", BRIEFS, ids=ids)
def test_every_challenge_the_client_names_drives_a_framework_element(brief):
    chosen = [c for c in brief.answers.get("objective.challenge", []) if c != "other"]
    assert chosen, "a brief names its challenges"
    found = elements(brief.slug)
    rows = {r["challenge"]: r for r in found["executive.priorities"]["data"]["rows"]}
    shown = {s["key"] for s in document_sections(framework(brief.slug)["sections"])}
    for challenge in chosen:
        assert challenge in challenge_answers(), f"{challenge}: no entry in challenges.yaml"
        assert challenge in rows, f"{challenge} drives no element"
        row = rows[challenge]
        assert row["element"] in found
        # The link goes to the document section that shows the element.
        assert row["link"]["section"] in shown
        assert row["does"] in found["executive.priorities"]["text"]
