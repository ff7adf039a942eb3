"""Planning data for the staffing plan: when each coverage option is open, how contacts
spread over a week when the client's own history is not imported, and the defaults used
for inputs the client has not given.

Every default here is a planning assumption, shown to the client as one with the question
that would replace it, or a figure with its published source.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

INTERVAL_MINUTES = 30
SLOTS_PER_DAY = 24 * 60 // INTERVAL_MINUTES  # 48
DAYS_PER_WEEK = 7
INTERVALS_PER_WEEK = SLOTS_PER_DAY * DAYS_PER_WEEK  # 336
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKS_PER_MONTH = 52 / 12


@dataclass(frozen=True)
class Coverage:
    """Opening hours: the days open and the day's open window in 30-minute slots, or, from
    the client's calendars, each day's own window (`windows`: seven (start, end) pairs,
    Monday first, (0, 0) for a closed day), with `days`, `start_slot` and `end_slot` then
    the open days and the earliest opening and latest closing over them."""

    key: str
    label: str
    days: tuple[int, ...]  # 0 = Monday
    start_slot: int
    end_slot: int  # exclusive
    windows: tuple[tuple[int, int], ...] = ()

    def window(self, day: int) -> tuple[int, int] | None:
        """The (start, end) slots of `day`'s open window; None when closed."""
        if self.windows:
            start, end = self.windows[day]
            return (start, end) if end > start else None
        return (self.start_slot, self.end_slot) if day in self.days else None

    @property
    def days_per_week(self) -> int:
        return len(self.days)

    @property
    def hours_per_day(self) -> float:
        return (self.end_slot - self.start_slot) * INTERVAL_MINUTES / 60

    @property
    def hours_per_week(self) -> float:
        slots = sum(w[1] - w[0] for d in range(DAYS_PER_WEEK) if (w := self.window(d)))
        return slots * INTERVAL_MINUTES / 60

    @property
    def longest_day_slots(self) -> int:
        return max((w[1] - w[0] for d in range(DAYS_PER_WEEK) if (w := self.window(d))), default=0)

    def is_open(self, interval: int) -> bool:
        day, slot = divmod(interval, SLOTS_PER_DAY)
        w = self.window(day)
        return w is not None and w[0] <= slot < w[1]

    def window_text(self) -> str:
        return f"{slot_time(self.start_slot)}–{slot_time(self.end_slot)}"

    def week_text(self) -> str:
        """The open hours over the week in words: "08:00–18:00 on 5 days a week" for one
        window, "Monday to Friday 08:00–18:00, Saturday 09:00–13:00" for the calendars'
        own windows."""
        if not self.windows:
            return f"{self.window_text()} on {self.days_per_week} days a week"
        runs: list[tuple[int, int, tuple[int, int]]] = []  # (first day, last day, window)
        for day in range(DAYS_PER_WEEK):
            w = self.window(day)
            if w is None:
                continue
            if runs and runs[-1][2] == w and runs[-1][1] == day - 1:
                runs[-1] = (runs[-1][0], day, w)
            else:
                runs.append((day, day, w))
        parts = []
        for first, last, (start, end) in runs:
            days = DAY_NAMES[first] if first == last else f"{DAY_NAMES[first]} to {DAY_NAMES[last]}"
            parts.append(f"{days} {slot_time(start)}–{slot_time(end)}")
        return ", ".join(parts)


# A calendar's days (the bank's context.calendars "days"), Monday = 0.
CALENDAR_DAYS: dict[str, frozenset[int]] = {
    "mon_fri": frozenset(range(5)),
    "mon_sat": frozenset(range(6)),
    "every_day": frozenset(range(7)),
    "weekends": frozenset({5, 6}),
    "saturday": frozenset({5}),
}


def slot_time(slot: int) -> str:
    minutes = slot * INTERVAL_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


WEEKDAYS = (0, 1, 2, 3, 4)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)

COVERAGES: dict[str, Coverage] = {
    c.key: c
    for c in (
        Coverage("business_hours", "Business hours on weekdays", WEEKDAYS, 18, 36),
        Coverage("extended", "Extended hours, 7 days", EVERY_DAY, 16, 44),
        Coverage("24x5", "24 hours on weekdays", WEEKDAYS, 0, 48),
        Coverage("24x7", "24/7", EVERY_DAY, 0, 48),
    )
}
DEFAULT_COVERAGE = "business_hours"


@dataclass(frozen=True)
class SectorProfile:
    """How a week's contacts spread over days and hours for a kind of client.

    These shapes are planning assumptions, not measurements: no public, sourced intraday
    curve per sector was found. They say what is usual in shape (weekday-heavy for
    businesses and employees, evenings and weekends for consumers) and are replaced by the
    arrivals measured in an imported ticket history.
    """

    key: str
    label: str
    day_weights: tuple[float, ...]  # Monday … Sunday
    hour_weights: tuple[float, ...]  # 00:00 … 23:00

    def __post_init__(self) -> None:
        if len(self.day_weights) != 7 or len(self.hour_weights) != 24:
            raise ValueError(f"profile {self.key}: 7 day and 24 hour weights are needed")
        if min(self.day_weights) <= 0 or min(self.hour_weights) <= 0:
            raise ValueError(f"profile {self.key}: weights must be positive")

    @functools.cache  # noqa: B019 (a handful of module-level profiles)
    def weekly_shares(self) -> tuple[float, ...]:
        """Share of the week's contacts in each 30-minute interval (sums to 1)."""
        raw = [
            self.day_weights[day] * self.hour_weights[slot // 2]
            for day in range(DAYS_PER_WEEK)
            for slot in range(SLOTS_PER_DAY)
        ]
        total = sum(raw)
        return tuple(w / total for w in raw)


# fmt: off
SECTOR_PROFILES: dict[str, SectorProfile] = {
    p.key: p
    for p in (
        SectorProfile(
            "business",
            "business customers: weekdays, busiest late morning and early afternoon",
            (1.2, 1.1, 1.05, 1.0, 0.9, 0.12, 0.08),
            (0.05, 0.03, 0.03, 0.03, 0.05, 0.1, 0.3, 0.8, 1.6, 2.2, 2.4, 2.2,
             1.7, 2.0, 2.1, 1.9, 1.6, 1.1, 0.6, 0.4, 0.3, 0.2, 0.15, 0.08),
        ),
        SectorProfile(
            "internal",
            "employees: working days, busiest at the start of the working day",
            (1.25, 1.1, 1.0, 1.0, 0.85, 0.06, 0.04),
            (0.05, 0.03, 0.03, 0.05, 0.1, 0.3, 1.0, 2.2, 2.6, 2.3, 2.0, 1.8,
             1.3, 1.7, 1.7, 1.5, 1.2, 0.7, 0.35, 0.2, 0.15, 0.1, 0.08, 0.05),
        ),
        SectorProfile(
            "consumer",
            "consumers: every day, busiest at lunchtime and in the evening, weekends busy",
            (1.0, 0.95, 0.95, 0.95, 1.0, 1.05, 0.9),
            (0.1, 0.05, 0.03, 0.03, 0.03, 0.05, 0.15, 0.4, 0.8, 1.1, 1.3, 1.4,
             1.5, 1.4, 1.3, 1.3, 1.3, 1.4, 1.5, 1.6, 1.6, 1.3, 0.8, 0.3),
        ),
    )
}
# fmt: on


def sector_for(audience_type: str | None, market: str | None) -> str:
    if audience_type == "internal":
        return "internal"
    if market == "b2c":
        return "consumer"
    return "business"


@dataclass(frozen=True)
class Default:
    """A value used when the client has not given one: labelled, with its basis and the
    question that would replace it."""

    value: float
    basis: str
    question: str = ""  # the bank question that would replace it
    ask: str = ""  # what to ask when the bank has no such question


@dataclass(frozen=True)
class ChannelModel:
    """How a channel is staffed, with its defaults where the answers give none."""

    channel: str
    live: bool
    aht: Default
    concurrency: Default | None = None
    service_level: Default | None = None  # share, e.g. 0.8
    answer_seconds: Default | None = None
    patience_seconds: Default | None = None
    abandonment: Default | None = None  # share, e.g. 0.05
    response_hours: Default | None = None  # queued work: the window to answer in


_PATIENCE_BASIS = (
    "a planning assumption: one calculator site puts voice patience at 60–120 s "
    "(ccplanning.net, weak sourcing); Erlang A is not very sensitive to it (Whitt 2005)"
)

CHANNEL_MODELS: dict[str, ChannelModel] = {
    m.channel: m
    for m in (
        ChannelModel(
            "phone",
            live=True,
            aht=Default(6, "a planning assumption", "context.phone_aht"),
            service_level=Default(
                0.8, "the common call-centre target, not the client's", "context.phone_sl_target"
            ),
            answer_seconds=Default(20, "with 80%, the 80/20 target", "context.phone_sl_seconds"),
            patience_seconds=Default(90, _PATIENCE_BASIS, "context.phone_patience"),
            abandonment=Default(
                0.05, "a common target, not the client's", "context.phone_abandon_target"
            ),
        ),
        ChannelModel(
            "chat",
            live=True,
            aht=Default(10, "a planning assumption", "context.chat_aht"),
            concurrency=Default(
                2,
                "a planning assumption: guidance is thin and vendor-sourced (under 2 to 2–4)",
                "context.chat_concurrency",
            ),
            service_level=Default(0.8, "a planning assumption", "context.chat_sl_target"),
            answer_seconds=Default(
                60,
                "a planning assumption inside the usual 40 s–2 min for chat",
                "context.chat_sl_seconds",
            ),
            patience_seconds=Default(180, "a planning assumption", "context.chat_patience"),
            abandonment=Default(
                0.05, "a common target, not the client's", "context.chat_abandon_target"
            ),
        ),
        ChannelModel(
            "messaging",
            live=False,
            aht=Default(12, "a planning assumption", "context.messaging_aht"),
            response_hours=Default(
                0.5,
                "a planning assumption: messaging threads are answered within minutes, not "
                "held like a call, so they are worked as queued work with a short window",
                ask="How fast must a WhatsApp or other message be answered?",
            ),
        ),
        ChannelModel(
            "email",
            live=False,
            aht=Default(8, "a planning assumption", "context.email_aht"),
            response_hours=Default(
                4,
                "a planning assumption at the slow end of the usual 1–4 h for email",
                "context.async_response_hours",
            ),
        ),
        ChannelModel(
            "portal",
            live=False,
            aht=Default(8, "a planning assumption", "context.portal_aht"),
            response_hours=Default(4, "a planning assumption", "context.async_response_hours"),
        ),
        ChannelModel(
            "social",
            live=False,
            aht=Default(6, "a planning assumption", "context.social_aht"),
            response_hours=Default(
                1,
                "a planning assumption: social first response within 1 h is usual",
                "context.async_response_hours",
            ),
        ),
        ChannelModel(
            "in_person",
            live=False,
            aht=Default(12, "a planning assumption", "context.in_person_aht"),
        ),
    )
}


@dataclass(frozen=True)
class Shrinkage:
    absence: Default
    activity: Default


SHRINKAGE = Shrinkage(
    absence=Default(
        0.12,
        "a planning assumption (holidays and sickness); shrinkage as a whole is 20–30% for "
        "tier-1 teams and 30–50% for internal and tier-2 teams (Assembled, "
        "support.assembled.com/en/articles/3547583)",
        "context.shrinkage_absence",
    ),
    activity=Default(
        0.18,
        "a planning assumption (breaks, meetings, training, coaching), kept apart from "
        "absence as Calabrio's budgets do (help.calabrio.com, shrinkage)",
        "context.shrinkage_activity",
    ),
)
CONTRACT_HOURS = Default(40, "a planning assumption", "context.contract_hours")
# What arrives while the desk is closed (overnight, on a closed day) is answered within
# this many hours of opening when the channel's own window is shorter. Holding a night's
# and a Sunday's messages to a 30-minute window from opening would staff the first half
# hour of Monday with most of the week's people; a planner clears the morning backlog over
# the first hours instead, with an out-of-hours auto-reply saying when the desk opens.
BACKLOG_HOURS = Default(
    2.0,
    "a planning assumption: the night's and the weekend's backlog is cleared over the "
    "first hours of opening, and the out-of-hours auto-reply says when the desk opens",
    "context.backlog_hours",
)
MAX_OCCUPANCY = 0.85
WORKLOAD_OCCUPANCY = 0.85
