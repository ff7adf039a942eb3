"""The business case: its arithmetic (costs add up, present value and payback from the
yearly flows), the client's own figures used and never assumed silently, the range (low,
expected, high) from the stated uncertainty of its inputs, the risk haircut on every
saving, no saving priced without the client's own cost, whole people for a small team, and
no blocking finding of the proposal check in its section."""

from __future__ import annotations

from datetime import date

import pytest

from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from frameworks.business_case import _npv, _payback, money
from frameworks.catalogue.costs import RATES
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
        for end in ("low", "expected", "high"):
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
    # Nothing to discount: no saving, present value or payback on published averages.
    assert "states no saving, net present value or payback" in headline
    assert "$" not in headline.split("Self-service", 1)[1]
    # Without a day rate the implementation is days, not money, and no payback is claimed.
    for element in section["elements"]:
        if element["kind"] == "business_case_option":
            assert element["data"]["implementation_usd"] is None
            assert "no net present value or payback until" in element["text"]
    sources = by_id["business_case.sources"]["data"]
    used = {r["key"] for r in sources["rates"]}
    # Nothing is discounted or priced per contact, so neither figure is listed as used.
    assert not used & {"discount_rate", "live_contact_usd", "fcr_next_day_usd", "risk_haircut"}
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


def _clients():
    from discovery import scenarios
    from tests.briefs.loader import briefs

    return {
        **{f"demo-{name}": answers for name, answers in scenarios.SCENARIOS.items()},
        **{f"brief-{b.slug}": b.answers for b in briefs()},
    }


CLIENTS = _clients()


@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_staffing_seats_years_and_summary_say_one_thing(name):
    """The staffing section keeps a team larger than the model (no cut on assumed inputs):
    the business case then carries that team in every year, licenses everyone on it every
    year (the seats the tools section and the executive summary price), and saves people
    only as hires the growth no longer needs."""
    answers = CLIENTS[name]
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    found = {e["id"]: e for s in fw["sections"] for e in s["elements"]}
    today = found["business_case.today"]["data"]
    years = today["years"]
    seats = [y["seats"] for y in years]
    team = answers.get("context.team_size")
    if team:
        assert min(seats) >= team, (seats, team)
    # Seats follow the volume: never fewer in a year whose volume is not lower.
    for a, b in zip(years, years[1:], strict=False):
        if b["volume_factor"] >= a["volume_factor"]:
            assert b["seats"] >= a["seats"], seats
    assert seats[0] == found["tools.licence_basis"]["data"]["agents"]
    options = [e["data"] for e in found.values() if e["kind"] == "business_case_option"]
    for option in options:
        assert option["seats"] == seats, (option["name"], option["seats"], seats)
        for end in ("low", "expected", "high"):
            # The proposal's people never fall below the team kept.
            floor = today["people_floor"] or 0
            for year, saved in zip(years, option[end]["people_saved"], strict=True):
                assert year["people"] - saved >= floor - 1e-6, (year, saved, floor)
    staffing = found["staffing.total"]["data"]
    summary = found["executive.staffing"]["text"]
    if staffing["team_comparison"] == "above" or "no cut to the team" in summary:
        floor = today["people_floor"]
        assert floor is not None
        assert all(y["people"] >= floor - 1e-6 for y in years)
    cost = found.get("executive.cost")
    if cost and " a year for " in cost["text"]:
        said = cost["text"].split(" a year for ", 1)[1].split(" ", 1)[0]
        assert int(said.replace(",", "")) == seats[0], (said, seats)


def test_no_present_value_on_published_averages_or_an_unpriced_implementation():
    # No cost answers at all: the case says what it needs and prints no value or payback.
    _, section, by_id = _section(NORTHWIND)
    headline = by_id["business_case.headline"]["text"]
    assert "the loaded cost of an agent hour and the day rate" in headline
    assert "net present value of" not in headline
    for element in section["elements"]:
        if element["kind"] == "business_case_option":
            assert element["data"]["low"]["npv"] is None
            assert element["data"]["payback"] is None
            assert "no net present value or payback until" in element["text"]
    # The loaded cost without a day rate: people priced, still no value (the implementation
    # would count as nothing).
    _, section, by_id = _section({**NORTHWIND, "scale.agent_cost_hour": 32})
    headline = by_id["business_case.headline"]["text"]
    assert "not priced until the client gives the day rate" in headline
    assert "net present value of" not in headline
    # Both given: the value and the payback appear.
    _, section, by_id = _section({**NORTHWIND, **OWN})
    assert "net present value of" in by_id["business_case.headline"]["text"]


def test_what_the_savings_depend_on_is_said_with_both_ends():
    _, _, by_id = _section(VERDE)
    depends = by_id["business_case.depends"]
    drivers = {d["driver"]: d for d in depends["data"]["drivers"]}
    assert {"self-service", "first-contact resolution"} <= set(drivers)
    for d in drivers.values():
        assert d["low"] in depends["text"]
        assert d["high"] in depends["text"]
        assert d["low"] != d["high"]
    assert "Decide on the low end" in depends["text"]


def _briefs():
    from tests.briefs.loader import briefs

    return briefs()


@pytest.mark.parametrize("brief", _briefs(), ids=lambda b: b.slug)
def test_the_headline_prices_the_recommended_platform_or_says_which_it_prices(brief):
    fw, _, by_id = _section(brief.answers)
    tools = next(s for s in fw["sections"] if s["key"] == "tools")
    shortlist = [e for e in tools["elements"] if e["kind"] == "platform"]
    options = [e for e in by_id.values() if e["kind"] == "business_case_option"]
    if not shortlist or not options:
        return
    first = options[0]
    headline = by_id["business_case.headline"]
    text = headline["text"]
    assert first["data"]["platform_id"] == shortlist[0]["data"]["platform_id"]
    assert text.startswith(first["title"]) or f"on {first['title']}" in text, text
    best = headline["data"]["best"]
    if best != first["data"]["platform_id"]:
        # The figures are another platform's: the headline says which and why.
        priced = next(o for o in options if o["data"]["platform_id"] == best)
        assert first["data"]["licences"] is None
        assert f"{first['title']}, the recommended platform, is sold by quote only" in text
        assert f"the figures here price {priced['title']}" in text


def test_the_range_runs_low_expected_high_from_each_inputs_stated_ends():
    _, section, _ = _section({**VERDE, **OWN})
    options = [e["data"] for e in section["elements"] if e["kind"] == "business_case_option"]
    low_in = float(RATES["self_service_low"].value + RATES["fcr_gain_low"].value)
    high_in = float(RATES["self_service_high"].value + RATES["fcr_gain_high"].value)
    plain = [d for d in options if not d["ai"]]
    assert plain
    for d in plain:
        # Without an AI agent the share taken off is self-service plus first-contact
        # resolution: the low figures, their middles, the high figures.
        assert d["low"]["reduction"] == pytest.approx(low_in)
        assert d["expected"]["reduction"] == pytest.approx((low_in + high_in) / 2)
        assert d["high"]["reduction"] == pytest.approx(high_in)
    for d in options:
        contacts = [sum(d[k]["contacts_avoided"]) for k in ("low", "expected", "high")]
        assert contacts == sorted(contacts)
        assert contacts[0] < contacts[-1]


def test_every_saving_is_cut_by_the_stated_risk_haircut():
    _, section, by_id = _section({**VERDE, **OWN})
    haircut = float(RATES["risk_haircut"].value)
    assert 0 < haircut < 1
    person = by_id["business_case.today"]["data"]["hours_per_person"] * 32
    today = [y["today_cost"] for y in by_id["business_case.today"]["data"]["years"]]
    saved_any = False
    for element in section["elements"]:
        if element["kind"] != "business_case_option":
            continue
        d = element["data"]
        licences = d["licences"] or [0.0] * 3
        for end in ("low", "expected", "high"):
            s = d[end]
            for y, saved in enumerate(s["people_saved"]):
                saved_any |= saved > 0
                assert s["gross"][y] == pytest.approx(saved * person)
                assert s["savings"][y] == pytest.approx(saved * person * (1 - haircut), abs=0.05)
                # The proposal counts only the saving after the haircut: today's people less
                # it, plus what the change costs.
                change = s["cost"][y] - (today[y] - s["savings"][y])
                assert change >= licences[y] + s["ai_cost"][y] - 0.05
    assert saved_any  # this client saves someone, so the haircut bites
    savings = by_id["business_case.savings"]
    pct = f"{haircut:.0%}"
    # Stated where the savings are, with its reason, and in the headline.
    assert f"cut by {pct} for risk, because" in savings["text"]
    assert f"cut by {pct} for risk" in by_id["business_case.headline"]["text"]
    assert savings["data"]["haircut"] == haircut
    rates = {r["key"]: r for r in by_id["business_case.sources"]["data"]["rates"]}
    assert rates["risk_haircut"]["assumed"]
    assert "Forrester" in rates["risk_haircut"]["basis"]


@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_no_saving_is_priced_without_the_clients_own_cost(name):
    answers = {k: v for k, v in CLIENTS[name].items() if k != "scale.agent_cost_hour"}
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    section = next(s for s in fw["sections"] if s["key"] == "business_case")
    for element in section["elements"]:
        data = element.get("data") or {}
        if element["kind"] == "business_case_option":
            for end in ("low", "expected", "high"):
                assert data[end]["savings"] is None
                assert data[end]["net"] is None
                assert data[end]["npv"] is None
        if element["id"] in ("business_case.savings", "business_case.headline"):
            # Contacts and shares, never money, for what the work taken off is worth.
            said = element["text"].split("Self-service", 1)[-1]
            assert "$" not in said, (element["id"], said)


def _blocking(fw, answers):
    reqs = [
        {"code": r.code, "title": r.title, "priority": r.priority, "attributes": r.attributes}
        for r in derive(answers)
    ]
    result = run_check(fw, answers, reqs, today=date(2026, 12, 2))
    return [(f.rule, f.element_id, f.evidence) for f in result.findings if f.blocking]


def test_every_input_the_case_assumes_is_shown_with_what_confirms_it():
    # Loaded cost and day rate, but no discount rate and no volume for 36 months: the
    # present value rests on an assumed rate and year 3 on an assumed volume.
    answers = {**VERDE, "scale.agent_cost_hour": 32, "scale.day_rate": 900}
    answers.pop("scale.volume_36m", None)
    fw, _, by_id = _section(answers)
    sources = by_id["business_case.sources"]
    shown = {e["name"]: e for e in sources["data"]["inputs"]}
    assert {"discount rate", "volume in 36 months", "first-contact resolution gain"} <= set(shown)
    assert {"risk haircut", "implementation effort"} <= set(shown)
    assert shown["discount rate"]["question"] == "scale.discount_rate"
    assert "until the client answers “Discount rate for the business case”" in sources["text"]
    assert "until the client answers “Expected in 36 months”" in sources["text"]
    assert _blocking(fw, answers) == []
    # Answered, they are no longer assumptions.
    answered = {**answers, "scale.discount_rate": 9, "scale.volume_36m": 9000}
    _, _, by_id = _section(answered)
    names = {e["name"] for e in by_id["business_case.sources"]["data"]["inputs"]}
    assert not names & {"discount rate", "volume in 36 months"}


def test_the_check_finds_an_assumed_input_the_case_does_not_show():
    answers = {**VERDE, "scale.agent_cost_hour": 32, "scale.day_rate": 900}
    answers.pop("scale.volume_36m", None)
    fw, section, _ = _section(answers)
    sources = next(e for e in section["elements"] if e["id"] == "business_case.sources")
    # The discount rate's line dropped from what the client reads: the check names it.
    kept = [line for line in sources["data"]["assumptions"] if "discount rate:" not in line]
    sources["text"] = " ".join(kept)
    found = _blocking(fw, answers)
    assert ("assumption.unshown", "business_case.sources", "discount rate") in found
    # And the volume line too: both named, each where the case's figures are.
    sources["text"] = " ".join(line for line in kept if "36 months" not in line)
    found = _blocking(fw, answers)
    assert ("assumption.unshown", "business_case.sources", "volume in 36 months") in found


def _brief(slug):
    from tests.briefs.loader import brief

    return brief(slug).answers


def test_events_raised_by_systems_are_never_taken_off_by_self_service():
    # The MSP's 1,800 monitoring alerts a month are no one's question: the shares apply to
    # the 2,600 contacts its people send, and the section says so.
    answers = _brief("msp-many-customers")
    _, section, by_id = _section(answers)
    savings = by_id["business_case.savings"]
    people = sum(answers[f"context.volume_{c}"] for c in ("email", "phone", "portal"))
    assert savings["data"]["system_volume"] == answers["context.volume_monitoring"]
    for element in section["elements"]:
        if element["kind"] != "business_case_option":
            continue
        for end in ("low", "expected", "high"):
            s = element["data"][end]
            assert s["contacts_avoided"][0] == pytest.approx(people * 12 * s["reduction"], rel=1e-3)
    assert (
        "1,800 monitoring alerts and automatic events a month are raised by systems"
        in (savings["text"])
    )


def test_measured_volumes_drive_the_case_as_they_drive_the_staffing_plan():
    answers = _brief("msp-many-customers")
    source = "measured from 14,203 tickets, March–August 2026"
    evidence = {
        "import_id": 7,
        "source": source,
        "channels": {
            "email": {
                "monthly_volume": 2600,
                "weekly_shares": None,
                "use_volume": True,
                "use_curve": False,
            }
        },
    }
    typed = generate_framework(answers, requirements_from_derived(derive(answers)))
    measured = generate_framework(answers, requirements_from_derived(derive(answers)), evidence)

    def savings(fw):
        found = {e["id"]: e for s in fw["sections"] for e in s["elements"]}
        return found["business_case.savings"], found["staffing.channel.email"]

    (before, _), (after, email) = savings(typed), savings(measured)
    assert email["data"]["monthly_volume"] == 2600
    # 1,200 more emails a month than typed: the case counts the plan's volume, not the
    # typed total.
    assert after["data"]["monthly_volume"] - before["data"]["monthly_volume"] == 1200
    assert after["data"]["volume_measured"] == source
    assert f"The volumes are the staffing plan's, {source}." in after["text"]
    assert "measured from" not in before["text"]
    first = [s["data"]["expected"]["contacts_avoided"][0] for s in (before, after)]
    assert first[1] > first[0]


def _with_history(reopen_rate):
    return {
        "import_id": 7,
        "source": "measured from 14,203 tickets, March–August 2026",
        "channels": {
            "email": {
                "monthly_volume": None,
                "weekly_shares": [1 / 336] * 336,
                "use_volume": False,
                "use_curve": True,
                "reopen_rate": reopen_rate,
                "reopen_known": 14_000,
            }
        },
    }


def _case_parts(answers, evidence):
    fw = generate_framework(answers, requirements_from_derived(derive(answers)), evidence)
    section = next(s for s in fw["sections"] if s["key"] == "business_case")
    by_id = {e["id"]: e for e in section["elements"]}
    options = [e["data"] for e in section["elements"] if e["kind"] == "business_case_option"]
    return by_id, [o for o in options if not o["ai"]]


def test_a_measured_reopen_rate_holds_the_first_contact_resolution_gain():
    answers = {**VERDE, **OWN}
    low = float(RATES["fcr_gain_low"].value)
    ss = (float(RATES["self_service_low"].value), float(RATES["self_service_high"].value))
    # 4% of tickets came back: no more than 4 points of repeat contacts can be avoided.
    by_id, options = _case_parts(answers, _with_history(0.04))
    depends = by_id["business_case.depends"]
    assert depends["data"]["fcr_range"] == pytest.approx([low, 0.04])
    assert options
    for d in options:
        assert d["high"]["reduction"] == pytest.approx(ss[1] + 0.04)
        assert d["expected"]["reduction"] == pytest.approx(sum(ss) / 2 + (low + 0.04) / 2)
    assert "held to the reopen rate the ticket history measured (4.0%)" in depends["text"]
    sources = by_id["business_case.sources"]["text"]
    assert "4.0% of tickets came back (measured from 14,203 tickets, March–August 2026)" in (
        sources
    )
    # Below the assumption's low end, both ends are held to it.
    by_id, options = _case_parts(answers, _with_history(0.01))
    assert by_id["business_case.depends"]["data"]["fcr_range"] == pytest.approx([0.01, 0.01])
    # A reopen rate above the assumption's high end leaves it as it was, and says nothing.
    by_id, options = _case_parts(answers, _with_history(0.2))
    high = float(RATES["fcr_gain_high"].value)
    assert by_id["business_case.depends"]["data"]["fcr_range"] == pytest.approx([low, high])
    assert "held to" not in by_id["business_case.depends"]["text"]


def test_a_client_keeping_its_own_tool_is_told_why_nothing_is_priced():
    answers = _brief("contact-centre-10000")
    fw, _, by_id = _section(answers)
    tools = next(s for s in fw["sections"] if s["key"] == "tools")
    kept = next(e for e in tools["elements"] if e["id"] == "tools.kept")["data"]["tools"]
    assert kept
    headline = by_id["business_case.headline"]["text"]
    assert headline.startswith(f"The client keeps {kept[0]}")
    assert "yet" not in headline
    assert "not proposed" in by_id["business_case.savings"]["text"]


def test_seats_read_once_when_every_year_has_as_many():
    from frameworks.templatetags.frameworks import seats_text

    assert seats_text([120, 120, 120]) == "120 seats each year"
    assert seats_text([14, 16, 18]) == "14, 16 and 18 seats"
    assert seats_text([1200]) == "1,200 seats"
    assert seats_text([]) == ""
