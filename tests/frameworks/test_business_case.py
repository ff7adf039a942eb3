"""The business case: its arithmetic (costs add up, present value and payback from the
yearly flows), the client's own figures used and never assumed silently, the range, whole
people for a small team, and no blocking finding of the proposal check in its section."""

from __future__ import annotations

from datetime import date

import pytest

from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from frameworks.business_case import _npv, _payback, money
from frameworks.check import run_check
from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive

OWN = {"scale.agent_cost_hour": 32, "scale.discount_rate": 9, "scale.day_rate": 900}


def _section(answers):
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    section = next(s for s in fw["sections"] if s["key"] == "business_case")
    return fw, section, {e["id"]: e for e in section["elements"]}


def test_present_value_and_payback():
    assert _npv([-100, 110], 0.10) == pytest.approx(0)
    assert _npv([-1000, 400, 400, 400], 0.0) == pytest.approx(200)
    # 1,000 out, 400 a year back: paid back two and a half years in.
    assert _payback([-1000, 400, 400, 400]) == pytest.approx(30)
    assert _payback([-1000, 100, 100, 100]) is None
    assert _payback([0, 10, 10, 10]) == 0
    assert money(1_234_567) == "$1.23M"
    assert money(-48_200) == "−$48,200"


def test_priced_with_the_clients_own_figures():
    answers = {**VERDE, **OWN}
    _, section, by_id = _section(answers)
    today = by_id["business_case.today"]["data"]
    hours = today["hours_per_person"]
    person = hours * 32
    for year in today["years"]:
        # Carrying on as today: the people the volume needs, at the client's cost.
        assert year["today_cost"] == pytest.approx(year["headcount"] * person)
    options = [e for e in section["elements"] if e["kind"] == "business_case_option"]
    assert options
    for element in options:
        d = element["data"]
        assert d["implementation_usd"] == d["implementation_days"] * 900
        for end in ("low", "high"):
            s = d[end]
            assert s["total"] == pytest.approx(d["implementation_usd"] + sum(s["cost"]), abs=0.05)
            # Net per year is today's team less the proposal; the value discounts it at 9%.
            nets = [y["today_cost"] - c for y, c in zip(today["years"], s["cost"], strict=True)]
            assert s["net"] == pytest.approx(nets, abs=0.05)
            assert s["npv"] == pytest.approx(
                _npv([-d["implementation_usd"], *nets], 0.09), abs=0.05
            )
        # The expected end removes more work than the conservative one.
        assert d["high"]["reduction"] > d["low"]["reduction"]
        assert sum(d["high"]["people_saved"]) >= sum(d["low"]["people_saved"])
    headline = by_id["business_case.headline"]["text"]
    assert "at 9%" in headline
    assert "(assumed)" not in headline
    assert "scale.agent_cost_hour" in by_id["business_case.today"]["trace"]["answers"]
    sources = by_id["business_case.sources"]["data"]
    assert not any(r.get("assumed") and r["key"] == "discount_rate" for r in sources["rates"])


def test_people_are_never_priced_on_an_assumed_cost():
    _, section, by_id = _section(NORTHWIND)
    assert NORTHWIND.get("scale.agent_cost_hour") is None
    today = by_id["business_case.today"]
    assert "loaded cost of one agent hour, asked in discovery" in today["text"]
    assert all(y["today_cost"] is None for y in today["data"]["years"])
    headline = by_id["business_case.headline"]["text"]
    assert "not priced" in headline
    assert "8% (assumed)" in headline
    # Without a day rate the implementation is days, not money, and no payback is claimed.
    for element in section["elements"]:
        if element["kind"] == "business_case_option":
            assert element["data"]["implementation_usd"] is None
            assert "not computed until the day rate" in element["text"]
    sources = by_id["business_case.sources"]["data"]
    assumed = {r["key"] for r in sources["rates"] if r.get("assumed")}
    assert "discount_rate" in assumed
    # Every published figure carries its source and date; every assumption says so.
    for r in sources["rates"]:
        assert (r.get("assumed") and r.get("basis")) or (r.get("source") and r.get("checked"))


def test_a_small_team_saves_whole_people_only():
    answers = {**NORTHWIND, **OWN}
    _, section, _ = _section(answers)
    for element in section["elements"]:
        if element["kind"] != "business_case_option" or element["data"]["ai"]:
            continue
        d = element["data"]
        # A team of a handful loses no one to a few percent fewer contacts.
        assert max(d["high"]["people_saved"]) <= 1


@pytest.mark.parametrize("answers", [CONTOSO, NORTHWIND, VERDE, {**VERDE, **OWN}])
def test_the_check_finds_nothing_blocking_in_the_case(answers):
    fw, _, _ = _section(answers)
    reqs = [
        {"code": r.code, "title": r.title, "priority": r.priority, "attributes": r.attributes}
        for r in derive(answers)
    ]
    result = run_check(fw, answers, reqs, today=date(2026, 12, 2))
    found = [
        (f.rule, f.element_id, f.evidence)
        for f in result.findings
        if f.blocking and f.element_id.startswith("business_case")
    ]
    assert found == []
