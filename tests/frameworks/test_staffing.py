"""Erlang C against the textbook case, properties, workload model and the per-channel plan."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from frameworks.staffing import (
    COVERAGE_PROFILES,
    ChannelDemand,
    LiveQueue,
    ServiceTarget,
    StaffingPolicy,
    Workload,
    erlang_b,
    erlang_c,
    erlang_result,
    offered_load,
    plan_staffing,
    required_agents,
    scheduled_agents,
    service_level,
    staffing_from_answers,
    workload_agents,
)

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

    @given(
        volume=st.floats(min_value=0, max_value=50_000, allow_nan=False),
        growth=st.floats(min_value=1, max_value=3, allow_nan=False),
    )
    @settings(max_examples=40)
    def test_plan_headcount_never_falls_with_volume(self, volume, growth):
        def headcount(v: float) -> int:
            return plan_staffing([ChannelDemand("phone", v), ChannelDemand("email", v)]).headcount

        assert headcount(volume * growth) >= headcount(volume)


class TestWorkload:
    def test_formula(self):
        # 1,200 emails × 8 min = 160 h; 173.3 h × 0.85 occupancy × 0.7 productive
        work = Workload(volume=1200, aht_minutes=8, agent_hours=40 * 52 / 12)
        result = workload_agents(work)
        assert result.workload_hours == pytest.approx(160)
        assert result.fte == pytest.approx(160 / (173.333 * 0.7 * 0.85), rel=1e-3)
        assert result.scheduled == math.ceil(result.fte)
        assert result.scheduled >= result.agents

    def test_zero_volume_needs_nobody(self):
        assert workload_agents(Workload(0, 8, 160)).scheduled == 0

    def test_rejects_bad_occupancy(self):
        with pytest.raises(ValueError, match="occupancy"):
            Workload(10, 8, 160, occupancy=0)


class TestPlan:
    def test_coverage_assumptions_are_stated(self):
        business = COVERAGE_PROFILES["business_hours"]
        assert business.hours_per_week == 45
        assert sum(business.hourly_shares) == pytest.approx(1)
        assert 0 < business.busy_hour_share_of_month < business.busy_hour_share
        assert "busiest hour" in business.describe()

    def test_sensitivity_brackets_the_base(self):
        plan = staffing_from_answers(VERDE)
        by_label = {s.label: s for s in plan.sensitivity}
        assert by_label["−20% volume"].headcount <= plan.headcount
        assert by_label["+20% volume"].headcount >= plan.headcount
        assert by_label["peak ×4"].headcount > by_label["+20% volume"].headcount
        assert by_label["peak ×4"].volume_factor == 4

    def test_no_peak_line_without_a_peak(self):
        plan = plan_staffing([ChannelDemand("email", 500)], peak_factor=1)
        assert [s.label for s in plan.sensitivity] == ["−20% volume", "+20% volume"]

    def test_each_channel_uses_its_model(self):
        plan = staffing_from_answers(VERDE)
        phone, email = plan.channel("phone"), plan.channel("email")
        assert phone is not None
        assert email is not None
        assert phone.method == "erlang_c"
        assert phone.busy_hour is not None
        assert phone.aht_minutes == 6  # from the answers
        assert email.method == "workload"
        assert email.workload is not None
        chat = plan.channel("chat")
        assert chat is not None
        assert chat.concurrency == 2

    @pytest.mark.parametrize(
        "answers", [NORTHWIND, VERDE, CONTOSO], ids=["northwind", "verde", "contoso"]
    )
    def test_around_the_clock_needs_more_people_than_business_hours(self, answers):
        business = staffing_from_answers({**answers, "context.coverage": "business_hours"})
        always = staffing_from_answers({**answers, "context.coverage": "24x7"})
        assert always.headcount > business.headcount
        assert always.coverage_floor > business.coverage_floor

    def test_policy_is_data(self):
        lean = staffing_from_answers(VERDE, StaffingPolicy(shrinkage=0.1))
        assert lean.headcount < staffing_from_answers(VERDE).headcount

    def test_scenario_figures(self):
        assert staffing_from_answers(NORTHWIND).headcount == 4
        assert staffing_from_answers(VERDE).headcount == 18
        assert staffing_from_answers(CONTOSO).headcount == 10
