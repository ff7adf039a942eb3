"""The staffing plan works the week the client's calendars open, not the coverage option's
default week: a weekday calendar beside a Saturday-morning one is six days, the sixth four
hours long, with Sunday closed; calendars in two time zones are one longer day; an on-call
rota round the clock is not the desk's hours. A short response window does not put a
night's and a Sunday's messages on the first half hour of Monday. A KPI's duration reads
as the client says it ("10 days", not "240 h")."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from frameworks.generators.summary import kpi_duration_text
from frameworks.staffing import inputs_from_answers, staffing_from_answers
from frameworks.staffing.profiles import SLOTS_PER_DAY

plan_module = importlib.import_module("frameworks.staffing.plan")

BASE: dict[str, Any] = {
    "audience.type": "external",
    "audience.market": "b2c",
    "context.channels": ["phone", "messaging"],
    "context.volume_phone": 3000,
    "context.phone_aht": 5,
    "context.volume_messaging": 1500,
    "context.messaging_aht": 6,
    "context.team_size": 8,
    "context.coverage": "extended",
    "context.coverage_detail": "07:30–18:00 on weekdays, Saturday 09:00–13:00",
}
WEEK_AND_SATURDAY = [
    {"name": "Front desk", "days": "mon_fri", "opens": "07:30", "closes": "18:00"},
    {"name": "Saturday cover", "days": "saturday", "opens": "09:00", "closes": "13:00"},
]


def _slot(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 2 + int(minutes) // 30


def test_weekday_and_saturday_calendars_make_six_days_the_sixth_short():
    answers = {**BASE, "context.calendars": WEEK_AND_SATURDAY}
    coverage = inputs_from_answers(answers).coverage
    assert coverage.days == (0, 1, 2, 3, 4, 5)
    assert coverage.window(0) == (_slot("07:30"), _slot("18:00"))
    assert coverage.window(5) == (_slot("09:00"), _slot("13:00"))
    assert coverage.window(6) is None
    assert coverage.hours_per_week == pytest.approx(5 * 10.5 + 4)

    plan = staffing_from_answers(answers)
    scheduled = plan.schedule.scheduled
    saturday = scheduled[5 * SLOTS_PER_DAY : 6 * SLOTS_PER_DAY]
    sunday = scheduled[6 * SLOTS_PER_DAY :]
    assert not any(sunday)
    assert any(saturday)
    # Saturday's shifts are Saturday morning's: nobody on shift outside 09:00–13:00.
    assert all(n == 0 for s, n in enumerate(saturday) if not _slot("09:00") <= s < _slot("13:00"))
    text = " ".join(plan.assumptions)
    assert "Coverage: Monday to Friday 07:30–18:00, Saturday 09:00–13:00" in text
    assert "Front desk and Saturday cover" in text


def test_calendars_in_two_time_zones_are_one_longer_day_in_the_first_zone():
    answers = {
        **BASE,
        "context.calendars": [
            {
                "name": "Lisbon",
                "days": "mon_fri",
                "opens": "08:00",
                "closes": "17:00",
                "zone": "Europe/Lisbon",
            },
            {
                "name": "Toronto",
                "days": "mon_fri",
                "opens": "09:00",
                "closes": "18:00",
                "zone": "America/Toronto",
            },
        ],
    }
    plan = staffing_from_answers(answers)
    # Toronto is five hours behind Lisbon in January: 09:00–18:00 there is 14:00–23:00.
    assert plan.coverage.window(2) == (_slot("08:00"), _slot("23:00"))
    assert plan.coverage.days == (0, 1, 2, 3, 4)
    assert "in Europe/Lisbon time" in " ".join(plan.assumptions)


def test_an_on_call_rota_round_the_clock_is_not_the_desks_hours():
    answers = {
        **BASE,
        "context.calendars": [
            {"name": "Service desk", "days": "mon_fri", "opens": "07:30", "closes": "17:00"},
            {"name": "Gold on-call", "days": "every_day", "opens": "00:00", "closes": "23:59"},
        ],
    }
    coverage = inputs_from_answers(answers).coverage
    assert coverage.days == (0, 1, 2, 3, 4)
    assert coverage.window(0) == (_slot("07:30"), _slot("17:00"))


def test_a_calendar_past_midnight_or_without_days_leaves_the_coverage_as_it_was():
    answers = {
        **BASE,
        "context.calendars": [
            {"name": "Night line", "days": "mon_fri", "opens": "22:00", "closes": "06:00"},
            {"name": "Somewhere", "days": "", "opens": "08:00", "closes": "12:00"},
        ],
    }
    inputs = inputs_from_answers(answers)
    assert inputs.coverage.days_per_week == 7
    assert not inputs.coverage.windows


def test_the_weekend_backlog_is_cleared_over_the_first_hours_not_the_first_half_hour():
    """Messages keep coming at night and on Sunday; with a 30-minute window counted from
    opening, Monday's first half hour would need most of the week's people."""
    answers = {**BASE, "context.calendars": WEEK_AND_SATURDAY}
    monday_opening = _slot("07:30")
    with_catch_up = staffing_from_answers(answers)
    needed = with_catch_up.schedule.needed[monday_opening]

    within_window = staffing_from_answers({**answers, "context.backlog_hours": 0.5})
    assert within_window.schedule.needed[monday_opening] > needed
    assert within_window.headcount > with_catch_up.headcount
    text = " ".join(with_catch_up.assumptions)
    assert "is answered within the first 2 h of opening (assumed, below)" in text
    assert "Messaging apps and SMS" in text
    # The assumption is listed with the question that would replace it.
    assert "Assumed backlog window: 2 h" in text
    assert "What arrives while the desk is closed: answered within how many hours" in text


def test_the_bank_says_the_backlog_window_the_plan_assumes():
    from discovery.bank import BANK
    from frameworks.staffing.profiles import BACKLOG_HOURS

    question = BANK.questions["context.backlog_hours"]
    assert question.assumed is not None
    assert question.assumed.value == BACKLOG_HOURS.value
    assert BACKLOG_HOURS.question == question.id
    # Asked only where the desk closes and some channel is queued.
    visible = BANK.visibility({**BASE, "context.calendars": WEEK_AND_SATURDAY})
    assert visible[question.id]
    assert not BANK.visibility({**BASE, "context.coverage": "24x7"})[question.id]
    assert not BANK.visibility({**BASE, "context.channels": ["phone"]})[question.id]


def test_the_clients_backlog_window_replaces_the_assumed_one():
    answers = {**BASE, "context.calendars": WEEK_AND_SATURDAY}
    assumed = staffing_from_answers(answers)
    morning = staffing_from_answers({**answers, "context.backlog_hours": 4})
    assert morning.inputs.catch_up is not None
    assert not morning.inputs.catch_up.assumed
    # A longer backlog window never needs more people on Monday's opening.
    monday_opening = _slot("07:30")
    assert morning.schedule.needed[monday_opening] < assumed.schedule.needed[monday_opening]
    assert morning.headcount <= assumed.headcount
    text = " ".join(morning.assumptions)
    assert "within the first 4 h of opening (the client's answer)" in text
    assert "Assumed backlog window" not in text


def test_no_backlog_window_where_every_queued_channel_has_a_longer_one():
    """Email promised within 8 h: the 2-hour backlog window changes nothing, so it is not
    an input of the plan and is not listed as an assumption."""
    answers = {
        **BASE,
        "context.calendars": WEEK_AND_SATURDAY,
        "context.channels": ["phone", "email"],
        "context.volume_email": 1200,
        "context.async_response_hours": 8,
    }
    answers.pop("context.volume_messaging", None)
    plan = staffing_from_answers(answers)
    assert plan.inputs.catch_up is None
    assert "backlog window" not in " ".join(plan.assumptions)


def test_a_round_the_clock_desk_has_no_backlog_to_catch_up():
    plan = staffing_from_answers({**BASE, "context.coverage": "24x7"})
    assert "first 2 h of opening" not in " ".join(plan.assumptions)


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (0.5, "30 min"),
        (4, "4 h"),
        (36, "36 h"),
        (48, "2 days"),
        (240, "10 days"),
        (330, "13.8 days"),
    ],
)
def test_a_kpi_duration_reads_in_days_from_two_days(hours, text):
    assert kpi_duration_text(hours) == text


def test_a_plan_above_the_team_says_what_the_assumed_backlog_window_weighs():
    """A desk that closes at night and on Sunday, planned far above its team: the backlog
    window is one of the assumed inputs to confirm, with what a longer one would need."""
    from frameworks.generate import generate_framework, requirements_from_derived
    from requirements_app.engine import derive

    answers = {
        **BASE,
        "context.calendars": WEEK_AND_SATURDAY,
        "context.team_size": 3,
        "scale.volume_now": 4500,
    }
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    total = next(e for s in fw["sections"] for e in s["elements"] if e["id"] == "staffing.total")
    plan = staffing_from_answers(answers)
    assert "what arrives while the desk is closed answered within 2 h of opening" in total["text"]
    longer = plan_module.headcount_with_backlog(plan, 4)
    assert longer is not None
    assert longer < plan.headcount
    assert f"within 4 h of opening instead would need {longer} people" in total["text"]

    # Answered, it is no longer an assumption to confirm, and its weight is not offered.
    answered = {**answers, "context.backlog_hours": 2}
    fw = generate_framework(answered, requirements_from_derived(derive(answered)))
    total = next(e for s in fw["sections"] for e in s["elements"] if e["id"] == "staffing.total")
    assert "answered within 2 h of opening" not in total["text"]
    assert "instead would need" not in total["text"]
