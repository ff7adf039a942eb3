"""Erlang C and Erlang A against the textbook case and pyworkforce, properties, and the
interval plan: arrival curves, queued work across its window, shifts, peaks, sources."""

from __future__ import annotations

import math

import pytest
import pyworkforce.queuing as pyworkforce  # dev dependency: the cross-check must run
from hypothesis import given, settings
from hypothesis import strategies as st

from discovery.bank import BANK
from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from frameworks.staffing import (
    COVERAGES,
    INTERVALS_PER_WEEK,
    LiveQueue,
    Measured,
    ServiceTarget,
    erlang_a,
    erlang_b,
    erlang_c,
    erlang_result,
    lay_shifts,
    offered_load,
    required_agents,
    scheduled_agents,
    service_level,
    staffing_from_answers,
)
from frameworks.staffing.erlang import required_agents_a
from frameworks.staffing.profiles import SLOTS_PER_DAY

TEXTBOOK = LiveQueue(contacts=100, interval_minutes=30, aht_minutes=3)
TARGET = ServiceTarget(service_level=0.8, answer_seconds=20, max_occupancy=0.85, shrinkage=0.3)


class TestTextbook:
    """100 contacts in 30 min, AHT 3 min, 80% in 20 s, 30% shrinkage (callcentrehelper)."""

    def test_offered_load_is_ten_erlangs(self):
        assert TEXTBOOK.load == pytest.approx(10.0)

    def test_fourteen_agents_meet_the_target(self):
        result = required_agents(TEXTBOOK, TARGET)
        assert result.agents == 14
        assert result.service_level == pytest.approx(0.888, abs=5e-4)
        assert result.waiting_probability == pytest.approx(0.174, abs=5e-4)
        assert result.occupancy == pytest.approx(0.714, abs=5e-4)
        assert result.asa_seconds == pytest.approx(7.8, abs=0.05)

    def test_thirteen_agents_fall_just_short(self):
        result = erlang_result(TEXTBOOK, 13, TARGET)
        assert result.service_level == pytest.approx(0.796, abs=5e-4)
        assert result.service_level < 0.8

    def test_twenty_scheduled_at_thirty_percent_shrinkage(self):
        assert required_agents(TEXTBOOK, TARGET).scheduled == 20
        assert scheduled_agents(14, 0.3) == 20


class TestPrimitives:
    def test_erlang_b_known_value(self):
        # B(1, 1) = 1/2; B(2, 1) = 1/5
        assert erlang_b(1, 1.0) == pytest.approx(0.5)
        assert erlang_b(2, 1.0) == pytest.approx(0.2)

    def test_unstable_queue_always_waits(self):
        assert erlang_c(10, 10.0) == 1.0
        assert service_level(9, 10.0, 180, 20) == 0.0

    def test_no_traffic_needs_no_agents(self):
        result = required_agents(LiveQueue(0, 60, 5), TARGET)
        assert result.agents == 0
        assert result.service_level == 1.0

    def test_large_queue_is_numerically_stable(self):
        # 3,000 Erlangs would overflow A^N / N! long before N reaches 3,000.
        result = required_agents(LiveQueue(36_000, 60, 5), TARGET)
        assert 3000 < result.agents < 3600
        assert 0.8 <= result.service_level <= 1

    def test_occupancy_cap_binds_before_service_level(self):
        loose = ServiceTarget(service_level=0.2, answer_seconds=60, max_occupancy=0.7)
        result = required_agents(TEXTBOOK, loose)
        assert result.occupancy <= 0.7
        assert result.agents == math.ceil(10 / 0.7)

    def test_chat_concurrency_divides_handle_time(self):
        single = required_agents(LiveQueue(60, 60, 10, concurrency=1), TARGET)
        double = required_agents(LiveQueue(60, 60, 10, concurrency=2), TARGET)
        assert double.load == pytest.approx(single.load / 2)
        assert double.agents < single.agents

    def test_offered_load_rejects_a_zero_interval(self):
        with pytest.raises(ValueError, match="interval"):
            offered_load(10, 0, 3)


loads = st.floats(min_value=0.1, max_value=200, allow_nan=False)
ahts = st.floats(min_value=0.5, max_value=30, allow_nan=False)


class TestProperties:
    @given(load=loads, extra=st.integers(min_value=0, max_value=40), t=st.integers(0, 300))
    def test_service_level_never_falls_with_more_agents(self, load, extra, t):
        n = math.floor(load) + 1 + extra
        assert service_level(n + 1, load, 180, t) >= service_level(n, load, 180, t) - 1e-12

    @given(
        contacts=st.floats(min_value=1, max_value=2000, allow_nan=False),
        growth=st.floats(min_value=1, max_value=3, allow_nan=False),
        aht=ahts,
    )
    @settings(max_examples=60)
    def test_more_volume_never_needs_fewer_agents(self, contacts, growth, aht):
        base = required_agents(LiveQueue(contacts, 60, aht), TARGET)
        more = required_agents(LiveQueue(contacts * growth, 60, aht), TARGET)
        assert more.agents >= base.agents

    @given(
        contacts=st.floats(min_value=0, max_value=2000, allow_nan=False),
        aht=ahts,
        shrinkage=st.floats(min_value=0, max_value=0.6, allow_nan=False),
    )
    @settings(max_examples=60)
    def test_scheduled_never_below_raw(self, contacts, aht, shrinkage):
        target = ServiceTarget(shrinkage=shrinkage)
        result = required_agents(LiveQueue(contacts, 60, aht), target)
        assert result.scheduled >= result.agents
        assert result.service_level >= 0.8 - 1e-9
        assert result.occupancy <= 0.85 + 1e-9


class TestErlangATextbook:
    """The same case with callers who hang up after 2 minutes on average."""

    def test_abandonment_at_fourteen_and_thirteen(self):
        fourteen = erlang_a(14, 100, 30, 3, patience_seconds=120, answer_seconds=20)
        thirteen = erlang_a(13, 100, 30, 3, patience_seconds=120, answer_seconds=20)
        assert fourteen.abandonment == pytest.approx(0.023, abs=5e-4)
        assert fourteen.waiting_probability == pytest.approx(0.127, abs=5e-4)
        assert thirteen.abandonment == pytest.approx(0.038, abs=5e-4)

    def test_thirteen_keep_abandonment_under_five_percent(self):
        result = required_agents_a(100, 30, 3, 120, abandonment=0.05)
        assert result.agents == 13
        assert required_agents(TEXTBOOK, TARGET).agents == 14  # Erlang C for 80/20

    def test_one_minute_patience_abandons_more(self):
        assert erlang_a(13, 100, 30, 3, 60, 20).abandonment == pytest.approx(0.049, abs=5e-4)

    def test_stable_where_erlang_c_is_not(self):
        ten = erlang_a(10, 100, 30, 3, 120, 20)
        assert erlang_c(10, 10.0) == 1.0
        assert ten.abandonment == pytest.approx(0.1375, abs=1e-3)

    def test_the_birth_death_check_of_the_reference(self):
        # λ = 10/min, μ = 1/min, θ = 0.5/min, N = 11 (domain-and-peers.md, staffing maths)
        f = erlang_a(11, 300, 30, 1, patience_seconds=120, answer_seconds=20)
        assert f.waiting_probability == pytest.approx(0.4747, abs=1e-4)
        assert f.abandonment == pytest.approx(0.0652, abs=1e-4)

    def test_very_patient_callers_tend_to_erlang_c(self):
        a = erlang_a(14, 100, 30, 3, patience_seconds=10**7, answer_seconds=20)
        assert a.service_level == pytest.approx(service_level(14, 10.0, 180, 20), abs=1e-3)

    @given(
        contacts=st.floats(min_value=1, max_value=400, allow_nan=False),
        patience=st.floats(min_value=10, max_value=600, allow_nan=False),
    )
    @settings(max_examples=40, deadline=None)
    def test_more_agents_never_hurt(self, contacts, patience):
        n = max(1, int(contacts * 3 / 30))
        a, b = (
            erlang_a(n, contacts, 30, 3, patience, 20),
            erlang_a(n + 1, contacts, 30, 3, patience, 20),
        )
        assert b.abandonment <= a.abandonment + 1e-12
        assert b.service_level >= a.service_level - 1e-12
        assert b.asa_seconds <= a.asa_seconds + 1e-12


class TestAgainstPyworkforce:
    """The same figures as pyworkforce 0.5.4's exact chain, on a grid of loads."""

    GRID = [
        (contacts, aht, patience, agents)
        for contacts in (20, 100, 400)
        for aht in (2, 6)
        for patience in (0.5, 2, 5)
        for agents in {max(1, round(contacts * aht / 30 * f)) for f in (0.8, 1.0, 1.2)}
    ]

    @pytest.mark.parametrize(("contacts", "aht", "patience", "agents"), GRID)
    def test_erlang_a_agrees(self, contacts, aht, patience, agents):
        theirs = pyworkforce.ErlangA(
            transactions=contacts, aht=aht, asa=20 / 60, interval=30, patience=patience
        )
        ours = erlang_a(agents, contacts, 30, aht, patience * 60, 20)
        assert ours.abandonment == pytest.approx(theirs.abandonment_probability(agents), abs=1e-9)
        assert ours.waiting_probability == pytest.approx(
            theirs.waiting_probability(agents), abs=1e-9
        )
        assert ours.asa_seconds == pytest.approx(
            theirs.average_speed_of_answer(agents) * 60, abs=1e-6
        )
        assert ours.occupancy == pytest.approx(theirs.achieved_occupancy(agents), abs=1e-9)
        assert ours.service_level == pytest.approx(theirs.service_level(agents), abs=1e-6)

    @pytest.mark.parametrize(("contacts", "aht"), [(20, 3), (100, 3), (400, 5), (1000, 4)])
    def test_erlang_c_agrees(self, contacts, aht):
        theirs = pyworkforce.ErlangC(transactions=contacts, aht=aht, asa=20 / 60, interval=30)
        wanted = theirs.required_positions(service_level=0.8, max_occupancy=0.85)
        ours = required_agents(LiveQueue(contacts, 30, aht), ServiceTarget(0.8, 20, 0.85, 0))
        assert ours.agents == wanted["raw_positions"]
        assert ours.service_level == pytest.approx(wanted["service_level"], abs=1e-3)


class TestShifts:
    def test_greedy_cover_meets_every_half_hour(self):
        coverage = COVERAGES["business_hours"]
        needed = [0] * INTERVALS_PER_WEEK
        for slot in range(18, 36):
            needed[slot] = 3 if 20 <= slot < 28 else 1
        schedule = lay_shifts(needed, coverage, 16)
        assert all(s >= n for s, n in zip(schedule.scheduled, needed, strict=True))
        # One from opening; two more from 10:00, which also cover the close.
        assert schedule.shifts_per_day[0] == 3
        assert 0 < schedule.efficiency < 1

    def test_a_short_day_gets_a_short_shift(self):
        coverage = COVERAGES["business_hours"].__class__("x", "x", (0,), 18, 26)
        schedule = lay_shifts(
            [1 if 18 <= i < 26 else 0 for i in range(INTERVALS_PER_WEEK)], coverage, 16
        )
        assert schedule.shift_slots == 8
        assert schedule.efficiency == 1


def _one_shift_at_a_time(needed, coverage, shift_slots):
    """The greedy cover as written first: a shift at a time while a half hour is short."""
    scheduled = [0] * INTERVALS_PER_WEEK
    per_day = []
    length = min(shift_slots, coverage.end_slot - coverage.start_slot)
    for day in range(7):
        count = 0
        if day in coverage.days:
            base = day * SLOTS_PER_DAY
            for slot in range(coverage.start_slot, coverage.end_slot):
                while scheduled[base + slot] < needed[base + slot]:
                    start = min(slot, coverage.end_slot - length)
                    for s in range(start, start + length):
                        scheduled[base + s] += 1
                    count += 1
        per_day.append(count)
    return tuple(scheduled), tuple(per_day)


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(0, 30),
    hours=st.integers(1, 18),
    days=st.sets(st.integers(0, 6), min_size=1),
    shift_slots=st.integers(1, 20),
    seed=st.lists(st.integers(0, 3000), min_size=1, max_size=48),
)
def test_laying_a_shortfall_at_once_is_the_greedy_cover(start, hours, days, shift_slots, seed):
    # A large contact centre needs thousands of agents in a half hour: the shifts for a
    # shortfall are laid at once, and must be exactly the one-at-a-time greedy cover.
    end = min(SLOTS_PER_DAY, start + 2 * hours)
    coverage = COVERAGES["business_hours"].__class__("x", "x", tuple(sorted(days)), start, end)
    needed = [0] * INTERVALS_PER_WEEK
    for day in days:
        for slot in range(start, end):
            needed[day * SLOTS_PER_DAY + slot] = seed[(day * 7 + slot) % len(seed)]
    schedule = lay_shifts(needed, coverage, shift_slots)
    assert (schedule.scheduled, schedule.shifts_per_day) == _one_shift_at_a_time(
        needed, coverage, shift_slots
    )


class TestPlan:
    def test_every_channel_is_planned_by_its_model(self):
        plan = staffing_from_answers(VERDE)
        assert plan.channel("phone").method == "erlang_a"
        assert plan.channel("chat").concurrency == 2
        assert plan.channel("email").method == "workload"
        assert plan.channel("messaging").method == "workload"  # a short window, not a call
        assert plan.headcount_erlang_c >= plan.headcount

    def test_typed_inputs_say_so_and_defaults_are_labelled_with_their_question(self):
        plan = staffing_from_answers(VERDE)
        phone = plan.channel("phone").inputs
        assert phone.aht.origin == "answer"
        assert phone.aht.value == 6
        assert phone.patience.origin == "assumed"
        assert phone.patience.question == "context.phone_patience"
        email_aht = plan.channel("email").inputs.aht
        assert email_aht.assumed
        email_question = BANK.questions["context.email_aht"].label.rstrip("?.")
        assert any(email_question in line for line in plan.assumptions)
        assert not any("[context." in line for line in plan.assumptions)  # no ids to a client
        assert all(
            f.question or f.ask for f in plan.figures if f.assumed and f.source != "not given"
        )

    def test_the_clients_own_targets_drive_the_live_channels(self):
        busy = {**VERDE, "context.volume_phone": 15000}
        strict = {**busy, "context.phone_sl_target": 90, "context.phone_sl_seconds": 15}
        loose = {**busy, "context.phone_abandon_target": 10}
        base = staffing_from_answers(
            {**busy, "context.phone_sl_target": 70, "context.phone_sl_seconds": 60}
        ).channel("phone")
        assert sum(staffing_from_answers(strict).channel("phone").floor) > sum(base.floor)
        assert sum(staffing_from_answers(loose).channel("phone").floor) < sum(
            staffing_from_answers(strict).channel("phone").floor
        )
        assert "at most 10.0% abandoned" in staffing_from_answers(loose).channel("phone").target

    def test_a_tighter_response_window_needs_more_people(self):
        slow = staffing_from_answers({**NORTHWIND, "context.async_response_hours": 8})
        fast = staffing_from_answers({**NORTHWIND, "context.async_response_hours": 1})
        assert fast.headcount >= slow.headcount
        assert (
            fast.headcount
            > staffing_from_answers({**NORTHWIND, "context.async_response_hours": 24}).headcount
        )

    def test_scheduled_cover_never_falls_below_what_is_needed_for_live_channels(self):
        plan = staffing_from_answers(VERDE)
        assert all(
            s >= 1 for i, s in enumerate(plan.schedule.scheduled) if plan.coverage.is_open(i)
        )

    def test_shrinkage_is_split_and_answers_replace_the_assumptions(self):
        plan = staffing_from_answers(
            {**CONTOSO, "context.shrinkage_absence": 20, "context.shrinkage_activity": 25}
        )
        assert plan.policy.absence == pytest.approx(0.2)
        assert plan.policy.activity == pytest.approx(0.25)
        assert plan.policy.shrinkage == pytest.approx(1 - 0.8 * 0.75)
        assert plan.headcount > staffing_from_answers(CONTOSO).headcount

    def test_peaks_are_their_own_days(self):
        plan = staffing_from_answers({**VERDE, "scale.peak_days": 42})
        assert plan.peak is not None
        assert plan.peak.shifts_per_day > plan.peak.normal_shifts_per_day
        assert plan.peak.extra_agent_days > 0
        # The peak does not inflate the all-year team.
        assert plan.headcount == staffing_from_answers({**VERDE, "scale.peak_factor": 1}).headcount

    def test_sensitivity_brackets_the_base(self):
        plan = staffing_from_answers(VERDE)
        low, high = plan.sensitivity
        assert low.headcount <= plan.headcount <= high.headcount

    @pytest.mark.parametrize(
        "answers", [NORTHWIND, VERDE, CONTOSO], ids=["northwind", "verde", "contoso"]
    )
    def test_around_the_clock_needs_more_people_than_business_hours(self, answers):
        business = staffing_from_answers({**answers, "context.coverage": "business_hours"})
        always = staffing_from_answers({**answers, "context.coverage": "24x7"})
        assert always.headcount > business.headcount
        assert always.coverage_floor > business.coverage_floor

    def test_the_coverage_window_is_read_from_the_answer(self):
        plan = staffing_from_answers({**NORTHWIND, "context.coverage_detail": "08:30-17:00 CET"})
        assert (plan.coverage.start_slot, plan.coverage.end_slot) == (17, 34)

    def test_a_measured_curve_and_volume_replace_the_profile(self):
        # All of a week's chats on Monday 10:00–10:30: the busiest half hour moves there.
        shares = [0.0] * INTERVALS_PER_WEEK
        shares[20] = 1.0
        measured = {
            "chat": Measured(
                "chat", "measured from 600 tickets, March–August 2026", 7, 600.0, tuple(shares)
            )
        }
        plan = staffing_from_answers(NORTHWIND, measured)
        chat = plan.channel("chat")
        assert chat.busy_interval == 20
        assert chat.inputs.monthly_volume.origin == "measured"
        assert chat.inputs.monthly_volume.import_id == 7
        assert chat.inputs.curve.source.startswith("measured from 600 tickets")
        assert not any("chat arrival curve" in line for line in plan.assumptions)

    @given(factor=st.floats(min_value=1, max_value=3, allow_nan=False))
    @settings(max_examples=10, deadline=None)
    def test_more_volume_never_needs_fewer_people(self, factor):
        plan = staffing_from_answers(VERDE)
        assert plan.scaled_headcount(factor) >= plan.headcount


# Random plans: the channels, volumes, coverage and targets a discovery can give.
CHANNELS = ["phone", "chat", "messaging", "email", "portal", "social", "in_person"]
plan_answers = st.fixed_dictionaries(
    {
        "context.channels": st.lists(
            st.sampled_from(CHANNELS), min_size=1, max_size=4, unique=True
        ),
        "context.coverage": st.sampled_from(["business_hours", "extended", "24x5", "24x7"]),
        "volume": st.sampled_from([0, 40, 300, 2000, 12000, 60000]),
        "context.phone_aht": st.sampled_from([3, 6, 12]),
        "context.phone_abandon_target": st.sampled_from([None, 3, 10]),
        "context.async_response_hours": st.sampled_from([None, 0.5, 1, 4, 24]),
        "context.shrinkage_activity": st.sampled_from([None, 0, 15, 30]),
        "audience.market": st.sampled_from(["b2b", "b2c"]),
    }
).map(
    lambda d: {
        **{k: v for k, v in d.items() if v is not None and k != "volume"},
        **{f"context.volume_{c}": d["volume"] for c in d["context.channels"]},
    }
)


class TestTheScheduleMeetsThePlan:
    """The chart's promise: the shifts laid cover what is needed in every half hour, where
    "needed" is the live channels' agents and the queued work the plan actually does then."""

    @pytest.mark.parametrize(
        "answers", [NORTHWIND, VERDE, CONTOSO], ids=["northwind", "verde", "contoso"]
    )
    def test_scheduled_is_never_below_needed(self, answers):
        plan = staffing_from_answers(answers)
        assert all(
            s >= n for s, n in zip(plan.schedule.scheduled, plan.schedule.needed, strict=True)
        )
        assert all(r["scheduled"] >= r["needed"] for r in plan.busy_day_rows())

    @given(answers=plan_answers)
    @settings(max_examples=25, deadline=None)
    def test_scheduled_is_never_below_needed_for_any_plan(self, answers):
        plan = staffing_from_answers(answers)
        assert all(
            s >= n for s, n in zip(plan.schedule.scheduled, plan.schedule.needed, strict=True)
        )

    @given(answers=plan_answers)
    @settings(max_examples=25, deadline=None)
    def test_one_pass_of_repairs_meets_every_window(self, answers):
        """The runs that only count people (sensitivity, growth, the Erlang C bound) trust
        the one pass that adds shifts where work would be late; a fresh run over its cover
        must find nothing late, so they count the same people as the full run."""
        from frameworks.staffing.plan import _totals, inputs_from_answers

        inputs = inputs_from_answers(answers)
        assert (
            _totals(inputs, "a", detail=False).headcount
            == _totals(inputs, "a", detail=True).headcount
        )

    def test_the_queued_work_on_the_floor_is_the_work_done(self):
        plan = staffing_from_answers(VERDE)
        email = plan.channel("email")
        # A week's email hours, as agents on the floor at the workload occupancy, half
        # hour by half hour where the plan does them.
        hours = sum(email.floor) * 0.5 * plan.policy.workload_occupancy
        assert hours == pytest.approx(email.workload_hours_month * 12 / 52, rel=1e-6)


def test_a_generation_plans_the_staffing_once(monkeypatch):
    """The plan is the expensive part of a generation: every section reads the one the
    generators' context made, and the scoring is given its headcount."""
    from frameworks.generate import generate_framework, requirements_from_derived
    from frameworks.generators import base
    from requirements_app.engine import derive

    calls = []
    real = base.staffing_plan

    def counted(inputs):
        calls.append(inputs)
        return real(inputs)

    monkeypatch.setattr(base, "staffing_plan", counted)
    monkeypatch.setattr(
        "frameworks.scoring.needs.staffing_from_answers",
        lambda *a, **k: pytest.fail("the scoring planned the staffing again"),
    )
    generate_framework(VERDE, requirements_from_derived(derive(VERDE)))
    assert len(calls) == 1


def test_a_channel_without_a_model_of_its_own_asks_its_handle_time():
    from frameworks.staffing import staffing_from_answers

    answers = {"context.channels": ["monitoring"], "context.volume_monitoring": 1800}
    aht = next(f for f in staffing_from_answers(answers).figures if f.name.endswith("handle time"))
    assert aht.assumed
    assert aht.question == "context.monitoring_aht"
    answered = staffing_from_answers({**answers, "context.monitoring_aht": 3})
    assert not any(f.assumed for f in answered.figures if f.name.endswith("handle time"))


def test_the_hours_of_cover_are_an_assumption_until_given():
    from frameworks.staffing import staffing_from_answers

    base = {"context.channels": ["email"], "context.volume_email": 900}
    window = [
        f
        for f in staffing_from_answers({**base, "context.coverage": "business_hours"}).figures
        if f.name == "coverage window"
    ]
    assert [(f.assumed, f.question) for f in window] == [(True, "context.coverage_detail")]
    assert any(
        "Assumed coverage window" in line
        for line in staffing_from_answers(
            {**base, "context.coverage": "business_hours"}
        ).assumptions
    )
    given_hours = {
        **base,
        "context.coverage": "business_hours",
        "context.coverage_detail": "08:00–17:00 Lisbon",
    }
    for answers in (given_hours, {**base, "context.coverage": "24x7"}):
        assert not [
            f for f in staffing_from_answers(answers).figures if f.name == "coverage window"
        ]


def test_a_discovery_without_channels_plans_no_one():
    # Every run of the plan (base, bound, sensitivity, other volumes) must cope with no rows
    # of queued work at all.
    from frameworks.staffing import staffing_from_answers

    p = staffing_from_answers({**VERDE, "context.channels": []})
    assert p.channels == ()
    assert p.headcount == 0
    assert set(p.schedule.needed) == {0}
    assert p.scaled_headcount(1.3) == 0
