"""The staffing plan: agents per 30-minute interval over the week, turned into shifts.

Pure: plain data in (answers, and the figures measured from an imported ticket history that
the consultant chose), frozen dataclasses out.

1. Each channel's weekly volume is spread over the week's 336 half-hour intervals by an
   arrival curve: the one measured in the client's ticket history, or a sector profile,
   labelled as an assumption.
2. Live channels (phone, chat, messaging) get, per open interval, the fewest agents on the
   floor that meet the client's own targets (service level, average wait, abandonment) by
   Erlang A, and the same by Erlang C as the conservative bound. Chat divides handle time
   by concurrency, as WFM tools apply it when generating requirements.
3. Queued work (email, portal, social) is planned across its response window: each day's
   agents are the fewest that answer everything within the window, in covered hours,
   oldest first, with the previous day's backlog carried over. Walk-ups are worked as they
   come during opening hours.
4. Agents on the floor become agents on shift by the activity shrinkage (breaks, meetings,
   training); shifts of a day's length are laid greedily over each day (a shift starts at
   the first half hour still short), and the schedule's efficiency is the needed share of
   the scheduled hours. People are the scheduled hours over contract hours, grossed up by
   the absence shrinkage (holidays, sickness).
5. Peaks are planned as their own days (the same plan at the peak factor), not as a larger
   team all year.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .erlang import ErlangAFigures, ceil, erlang_a, erlang_c, required_agents_a
from .erlang import service_level as erlang_c_service_level
from .profiles import (
    CHANNEL_MODELS,
    CONTRACT_HOURS,
    COVERAGES,
    DAY_NAMES,
    DEFAULT_COVERAGE,
    INTERVAL_MINUTES,
    INTERVALS_PER_WEEK,
    MAX_OCCUPANCY,
    SECTOR_PROFILES,
    SHRINKAGE,
    SLOTS_PER_DAY,
    WEEKS_PER_MONTH,
    WORKLOAD_OCCUPANCY,
    ChannelModel,
    Coverage,
    Default,
    SectorProfile,
    sector_for,
    slot_time,
)

Origin = Literal["answer", "measured", "assumed"]
Method = Literal["erlang_a", "workload"]
HALF_HOUR = INTERVAL_MINUTES / 60


@dataclass(frozen=True)
class Figure:
    """One input of the plan and where it came from: the client's answer, the imported
    history, or an assumption (with its basis and the question that would replace it)."""

    name: str
    value: float
    unit: str
    origin: Origin
    source: str
    question: str = ""
    ask: str = ""
    import_id: int | None = None

    @property
    def assumed(self) -> bool:
        return self.origin == "assumed"


@dataclass(frozen=True)
class Measured:
    """What an imported ticket history says about one channel, as the consultant chose it
    to drive the plan (either part may be left to the typed answers)."""

    channel: str
    source: str  # "measured from 14,203 tickets, March–August 2026"
    import_id: int | None = None
    monthly_volume: float | None = None
    weekly_shares: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        if self.weekly_shares is not None and len(self.weekly_shares) != INTERVALS_PER_WEEK:
            raise ValueError("weekly_shares must have one share per half hour of the week")


@dataclass(frozen=True)
class ChannelInputs:
    channel: str
    live: bool
    monthly_volume: Figure
    aht: Figure
    concurrency: Figure | None
    service_level: Figure | None
    answer_seconds: Figure | None
    asa_seconds: Figure | None
    abandonment: Figure | None
    patience: Figure | None
    response_hours: Figure | None
    weekly_shares: tuple[float, ...]
    curve: Figure  # value 1: the curve's source text says where it came from

    @property
    def figures(self) -> tuple[Figure, ...]:
        candidates = (
            self.monthly_volume,
            self.aht,
            self.concurrency,
            self.service_level,
            self.answer_seconds,
            self.asa_seconds,
            self.abandonment,
            self.patience,
            self.response_hours,
            self.curve,
        )
        return tuple(f for f in candidates if f is not None)

    def target_text(self) -> str:
        if not self.live:
            if self.response_hours is None:
                return "worked as they arrive during opening hours"
            return (
                f"every contact answered within {_num(self.response_hours.value)} h of covered time"
            )
        parts = []
        if self.service_level is not None and self.answer_seconds is not None:
            parts.append(
                f"{_pct(self.service_level.value)} answered within {_num(self.answer_seconds.value)} s"
            )
        if self.asa_seconds is not None:
            parts.append(f"average wait at most {_num(self.asa_seconds.value)} s")
        if self.abandonment is not None:
            parts.append(f"at most {_pct(self.abandonment.value, 1)} abandoned")
        return "; ".join(parts)


@dataclass(frozen=True)
class PlanInputs:
    channels: tuple[ChannelInputs, ...]
    coverage: Coverage
    coverage_source: str
    sector: SectorProfile
    absence: Figure
    activity: Figure
    contract_hours: Figure
    peak_factor: float | None = None
    peak_days: Figure | None = None
    max_occupancy: float = MAX_OCCUPANCY
    workload_occupancy: float = WORKLOAD_OCCUPANCY

    @property
    def shrinkage(self) -> float:
        """Absence and activity together: 1 − (1 − absence)(1 − activity)."""
        return 1 - (1 - self.absence.value) * (1 - self.activity.value)

    @property
    def figures(self) -> tuple[Figure, ...]:
        own = [self.absence, self.activity, self.contract_hours]
        if self.peak_days is not None:
            own.append(self.peak_days)
        return tuple(f for c in self.channels for f in c.figures) + tuple(own)


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveFigures:
    """A live channel's busiest half hour: Erlang A at the plan's agents, and Erlang C."""

    contacts: float
    load: float
    agents: int  # Erlang A, on the floor
    erlang_a: ErlangAFigures
    agents_erlang_c: int
    erlang_c_service_level: float
    erlang_c_waiting: float
    erlang_c_asa_seconds: float


@dataclass(frozen=True)
class ChannelPlan:
    channel: str
    method: Method
    inputs: ChannelInputs
    monthly_volume: float
    aht_minutes: float
    concurrency: int
    target: str
    floor: tuple[float, ...]  # agents on the floor per half hour of the week
    floor_erlang_c: tuple[float, ...]
    busy_interval: int
    busy: LiveFigures | None
    workload_hours_month: float
    fte: float

    @property
    def headcount(self) -> int:
        return ceil(self.fte)

    @property
    def floor_hours_week(self) -> float:
        return sum(self.floor) * HALF_HOUR


@dataclass(frozen=True)
class Schedule:
    needed: tuple[int, ...]  # agents on shift needed per half hour (after activity shrinkage)
    scheduled: tuple[int, ...]  # agents on shift by the shifts laid
    shift_slots: int
    shifts_per_day: tuple[int, ...]
    efficiency: float  # needed / scheduled hours

    @property
    def scheduled_hours_week(self) -> float:
        return sum(self.scheduled) * HALF_HOUR

    @property
    def shift_hours(self) -> float:
        return self.shift_slots * HALF_HOUR


@dataclass(frozen=True)
class Totals:
    channels: tuple[ChannelPlan, ...]
    floor: tuple[float, ...]
    schedule: Schedule
    fte: float
    headcount: int


@dataclass(frozen=True)
class PeakPlan:
    factor: float
    days: Figure | None
    busiest_floor: int
    shifts_per_day: int  # on the peak's busiest day
    normal_shifts_per_day: int
    extra_agent_days: float | None  # over all the peak days, when their number is known


@dataclass(frozen=True)
class SensitivityPoint:
    label: str
    volume_factor: float
    headcount: int
    by_channel: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class StaffingPolicy:
    """The plan's policy as the other sections read it."""

    shrinkage: float
    absence: float
    activity: float
    max_occupancy: float
    workload_occupancy: float
    contract_hours_per_week: float


@dataclass(frozen=True)
class StaffingPlan:
    inputs: PlanInputs
    coverage: Coverage
    policy: StaffingPolicy
    channels: tuple[ChannelPlan, ...]
    channel_fte: float
    coverage_floor: int
    headcount: int
    headcount_erlang_c: int
    schedule: Schedule
    busy_day: int
    peak: PeakPlan | None
    sensitivity: tuple[SensitivityPoint, ...] = field(default=())
    assumptions: tuple[str, ...] = field(default=())

    def channel(self, key: str) -> ChannelPlan | None:
        return next((c for c in self.channels if c.channel == key), None)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return self.inputs.figures

    def scaled_headcount(self, factor: float) -> int:
        """People for the same plan at `factor` times the volume (growth, sensitivity)."""
        return _totals(_scaled(self.inputs, factor), erlang="a").headcount

    def busy_day_rows(self) -> list[dict[str, Any]]:
        """The busiest day, half hour by half hour, over its open window."""
        c = self.coverage
        rows = []
        for slot in range(c.start_slot, c.end_slot):
            i = self.busy_day * SLOTS_PER_DAY + slot
            rows.append(
                {
                    "time": slot_time(slot),
                    "floor": round(sum(ch.floor[i] for ch in self.channels), 2),
                    "needed": self.schedule.needed[i],
                    "scheduled": self.schedule.scheduled[i],
                }
            )
        return rows


# --- helpers ---------------------------------------------------------------------------------


def _num(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _pct(share: float, decimals: int = 0) -> str:
    return f"{share * 100:.{decimals}f}%"


def _open_shares(shares: Sequence[float], coverage: Coverage) -> list[float]:
    """The curve restricted to open intervals and renormalised: a live contact that would
    have come while closed comes while open instead."""
    opened = [s if coverage.is_open(i) else 0.0 for i, s in enumerate(shares)]
    total = sum(opened)
    if total <= 0:
        count = sum(1 for i in range(INTERVALS_PER_WEEK) if coverage.is_open(i))
        return [1 / count if coverage.is_open(i) else 0.0 for i in range(INTERVALS_PER_WEEK)]
    return [s / total for s in opened]


# --- live channels -----------------------------------------------------------------------------


def _round_contacts(contacts: float) -> float:
    """Contacts to four significant figures, so that near-equal intervals share a cache."""
    if contacts <= 0:
        return 0.0
    return float(f"{contacts:.4g}")


def _live_targets(ch: ChannelInputs) -> tuple[float | None, float, float | None, float | None]:
    sl = ch.service_level.value if ch.service_level else None
    seconds = ch.answer_seconds.value if ch.answer_seconds else 20.0
    asa = ch.asa_seconds.value if ch.asa_seconds else None
    abandon = ch.abandonment.value if ch.abandonment else None
    return sl, seconds, asa, abandon


def _required_a(contacts: float, ch: ChannelInputs, aht: float, max_occupancy: float) -> int:
    sl, seconds, asa, abandon = _live_targets(ch)
    return required_agents_a(
        _round_contacts(contacts),
        INTERVAL_MINUTES,
        aht,
        ch.patience.value if ch.patience else 90.0,
        service_level=sl,
        answer_seconds=seconds,
        asa_seconds=asa,
        abandonment=abandon,
        max_occupancy=max_occupancy,
    ).agents


def _required_c(contacts: float, ch: ChannelInputs, aht: float, max_occupancy: float) -> int:
    """The fewest agents meeting the service level and average wait under Erlang C, which
    cannot express abandonment (without a service-level target it sizes for 80/20)."""
    if contacts <= 0:
        return 0
    load = contacts * aht / INTERVAL_MINUTES
    sl, seconds, asa, _ = _live_targets(ch)
    if sl is None and asa is None:
        sl, seconds = 0.8, 20.0
    aht_s = aht * 60
    n = max(math.floor(load) + 1, ceil(load / max_occupancy))
    while True:
        ok = sl is None or erlang_c_service_level(n, load, aht_s, seconds) >= sl - 1e-9
        if ok and asa is not None:
            ok = erlang_c(n, load) * aht_s / (n - load) <= asa + 1e-9
        if ok:
            return n
        n += 1


def _live_channel(
    ch: ChannelInputs, inputs: PlanInputs, factor: float, erlang: str
) -> tuple[list[float], list[float], LiveFigures | None, int]:
    weekly = ch.monthly_volume.value * factor / WEEKS_PER_MONTH
    shares = _open_shares(ch.weekly_shares, inputs.coverage)
    concurrency = max(1, int(ch.concurrency.value)) if ch.concurrency else 1
    aht = ch.aht.value / concurrency
    floor_a: list[float] = []
    floor_c: list[float] = []
    for share in shares:
        contacts = weekly * share
        a = float(_required_a(contacts, ch, aht, inputs.max_occupancy))
        # Erlang C cannot express abandonment: the bound never falls below what Erlang A
        # needs for it.
        floor_a.append(a)
        floor_c.append(max(a, float(_required_c(contacts, ch, aht, inputs.max_occupancy))))
    busy = max(range(INTERVALS_PER_WEEK), key=lambda i: shares[i])
    contacts = weekly * shares[busy]
    figures = None
    if contacts > 0:
        n = int(floor_a[busy])
        patience = ch.patience.value if ch.patience else 90.0
        seconds = ch.answer_seconds.value if ch.answer_seconds else 20.0
        load = contacts * aht / INTERVAL_MINUTES
        n_c = int(floor_c[busy])
        figures = LiveFigures(
            contacts=contacts,
            load=load,
            agents=n,
            erlang_a=erlang_a(n, contacts, INTERVAL_MINUTES, aht, patience, seconds),
            agents_erlang_c=n_c,
            erlang_c_service_level=erlang_c_service_level(n_c, load, aht * 60, seconds),
            erlang_c_waiting=erlang_c(n_c, load),
            erlang_c_asa_seconds=erlang_c(n_c, load) * aht * 60 / (n_c - load),
        )
    return floor_a, floor_c, figures, busy


# --- queued work -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Work:
    """Hours of queued work arriving in one half hour, to be done within `window` open
    half hours of the first open half hour at or after its arrival."""

    interval: int
    window: int
    hours: float


WALK_UP_WINDOW_HOURS = 1.0


def _queued_work(ch: ChannelInputs, inputs: PlanInputs, factor: float) -> list[_Work]:
    weekly = ch.monthly_volume.value * factor / WEEKS_PER_MONTH
    hours = weekly * ch.aht.value / 60
    if ch.response_hours is None:  # walk-ups come only while the desk is open
        shares = _open_shares(ch.weekly_shares, inputs.coverage)
        window_hours = WALK_UP_WINDOW_HOURS
    else:
        shares = list(ch.weekly_shares)
        window_hours = ch.response_hours.value
    window = max(1, ceil(window_hours / HALF_HOUR))
    return [_Work(i, window, hours * share) for i, share in enumerate(shares) if share > 0]


class _OpenClock:
    """Open half hours of the week in order, and the ordinal of the first open half hour at
    or after any interval (a response window's clock runs only while covered)."""

    def __init__(self, coverage: Coverage) -> None:
        self.open = [i for i in range(INTERVALS_PER_WEEK) if coverage.is_open(i)]
        self.count = len(self.open)
        self.is_open = [coverage.is_open(i) for i in range(INTERVALS_PER_WEEK)]
        self.next_ordinal = [0] * INTERVALS_PER_WEEK
        ordinal_of = {i: o for o, i in enumerate(self.open)}
        o = self.count  # past the last: the first open half hour of next week
        for i in range(INTERVALS_PER_WEEK - 1, -1, -1):
            if i in ordinal_of:
                o = ordinal_of[i]
            self.next_ordinal[i] = o

    def interval(self, ordinal: int) -> int:
        return self.open[ordinal % self.count]


def _first_miss(
    work: Sequence[_Work], capacity: Sequence[float], clock: _OpenClock
) -> tuple[int, float] | None:
    """Two weeks of queued work done earliest deadline first (which meets every deadline
    whenever any order can) with `capacity` hours per half hour. The first deadline missed
    in the second week, as (ordinal at which that work became workable, hours short), or
    None when all are met."""
    heap: list[list[float]] = []
    n = clock.count
    seq = 0
    by_interval: dict[int, list[_Work]] = {}
    for w in work:
        by_interval.setdefault(w.interval, []).append(w)
    for week in range(2):
        for i in range(INTERVALS_PER_WEEK):
            for w in by_interval.get(i, ()):
                start = week * n + clock.next_ordinal[i]
                heapq.heappush(heap, [start + w.window, seq, w.hours, start])
                seq += 1
            if not clock.is_open[i]:
                continue
            ordinal = week * n + clock.next_ordinal[i]
            left = capacity[i]
            while heap and left > 1e-12:
                item = heap[0]
                take = min(left, item[2])
                item[2] -= take
                left -= take
                if item[2] <= 1e-9:
                    heapq.heappop(heap)
            while heap and heap[0][0] <= ordinal + 1:
                item = heapq.heappop(heap)
                if item[2] > 1e-6 and week == 1:
                    return int(item[3]), item[2]
    return None


def _spread(work: Sequence[_Work], clock: _OpenClock, occupancy: float) -> list[float]:
    """Queued work as agents on the floor per half hour if each piece were worked evenly
    across its window (how queued channels are shown beside live ones)."""
    floor = [0.0] * INTERVALS_PER_WEEK
    if not clock.count:
        return floor
    for w in work:
        start = clock.next_ordinal[w.interval]
        per_slot = w.hours / w.window / (HALF_HOUR * occupancy)
        for o in range(start, start + w.window):
            floor[clock.interval(o)] += per_slot
    return floor


# --- shifts ----------------------------------------------------------------------------------


def lay_shifts(needed: Sequence[int], coverage: Coverage, shift_slots: int) -> Schedule:
    """Shifts of `shift_slots` half hours (shorter if the day is shorter) laid greedily over
    each open day: while a half hour has fewer agents than it needs, a shift starts there
    (or as late as still fits the day). For one day and one shift length this is the
    classic greedy cover, which never uses more shifts than needed."""
    scheduled = [0] * INTERVALS_PER_WEEK
    per_day = []
    length = min(shift_slots, coverage.end_slot - coverage.start_slot)
    for day in range(7):
        count = 0
        if day in coverage.days:
            base = day * SLOTS_PER_DAY
            for slot in range(coverage.start_slot, coverage.end_slot):
                i = base + slot
                while scheduled[i] < needed[i]:
                    start = min(slot, coverage.end_slot - length)
                    for s in range(start, start + length):
                        scheduled[base + s] += 1
                    count += 1
        per_day.append(count)
    total_needed = sum(needed)
    total_scheduled = sum(scheduled)
    return Schedule(
        needed=tuple(needed),
        scheduled=tuple(scheduled),
        shift_slots=length,
        shifts_per_day=tuple(per_day),
        efficiency=total_needed / total_scheduled if total_scheduled else 1.0,
    )


def _shift_slots(inputs: PlanInputs) -> int:
    """A day's shift: a fifth of the contracted week, in half hours."""
    return max(1, round(inputs.contract_hours.value / 5 / HALF_HOUR))


def _people(schedule: Schedule, inputs: PlanInputs) -> tuple[float, int]:
    fte = schedule.scheduled_hours_week / inputs.contract_hours.value
    return fte, ceil(fte / (1 - inputs.absence.value))


def _add_shifts(scheduled: list[int], coverage: Coverage, interval: int, length: int, k: int):
    day, slot = divmod(interval, SLOTS_PER_DAY)
    start = min(max(slot, coverage.start_slot), coverage.end_slot - length)
    for s in range(start, start + length):
        scheduled[day * SLOTS_PER_DAY + s] += k


def _totals(inputs: PlanInputs, erlang: str, factor: float = 1.0) -> Totals:
    """Live cover first (agents per half hour, on shift after activity shrinkage) with
    shifts laid over it; queued work is then done in the time agents are not busy with
    live contacts (blended), earliest deadline first, and shifts are added where a
    response window would be missed, until none is."""
    coverage = inputs.coverage
    keep = 1 - inputs.activity.value
    clock = _OpenClock(coverage)
    live_floor = [0.0] * INTERVALS_PER_WEEK
    live_load = [0.0] * INTERVALS_PER_WEEK
    work: list[_Work] = []
    drafts = []
    for ch in inputs.channels:
        if ch.live:
            floor_a, floor_c, busy, busy_i = _live_channel(ch, inputs, factor, erlang)
            floor = floor_a if erlang == "a" else floor_c
            concurrency = max(1, int(ch.concurrency.value)) if ch.concurrency else 1
            weekly = ch.monthly_volume.value * factor / WEEKS_PER_MONTH
            shares = _open_shares(ch.weekly_shares, coverage)
            for i in range(INTERVALS_PER_WEEK):
                live_floor[i] += floor[i]
                live_load[i] += weekly * shares[i] * ch.aht.value / concurrency / INTERVAL_MINUTES
            drafts.append((ch, floor, floor_c, busy, busy_i, 0.0))
        else:
            items = _queued_work(ch, inputs, factor)
            work += items
            floor = _spread(items, clock, inputs.workload_occupancy)
            hours = ch.monthly_volume.value * factor * ch.aht.value / 60
            drafts.append((ch, floor, floor, None, 0, hours))
    has_channels = bool(inputs.channels)
    live_needed = [
        max(1, ceil(live_floor[i] / keep)) if clock.is_open[i] and has_channels else 0
        for i in range(INTERVALS_PER_WEEK)
    ]
    length = min(_shift_slots(inputs), coverage.end_slot - coverage.start_slot)
    scheduled = list(lay_shifts(live_needed, coverage, length).scheduled)
    occupancy = inputs.workload_occupancy
    per_shift = length * HALF_HOUR * occupancy * keep
    for _ in range(5000):
        capacity = [
            max(0.0, scheduled[i] * keep - live_load[i]) * HALF_HOUR * occupancy
            for i in range(INTERVALS_PER_WEEK)
        ]
        miss = _first_miss(work, capacity, clock) if work else None
        if miss is None:
            break
        ordinal, short = miss
        # A shift from where the late work became workable; several at once for a large
        # shortfall (each gives at most its own hours), then run again.
        k = max(1, math.floor(short / per_shift))
        _add_shifts(scheduled, coverage, clock.interval(ordinal), length, k)
    needed_floor = [sum(d[1][i] for d in drafts) for i in range(INTERVALS_PER_WEEK)]
    needed = [
        max(1, ceil(needed_floor[i] / keep)) if clock.is_open[i] and has_channels else 0
        for i in range(INTERVALS_PER_WEEK)
    ]
    per_day = [sum(scheduled[d * SLOTS_PER_DAY : (d + 1) * SLOTS_PER_DAY]) for d in range(7)]
    total_scheduled = sum(scheduled)
    busy_hours = sum(live_floor) + sum(w.hours for w in work) / (HALF_HOUR * occupancy)
    schedule = Schedule(
        needed=tuple(needed),
        scheduled=tuple(scheduled),
        shift_slots=length,
        shifts_per_day=tuple(round(h / length) for h in per_day),
        efficiency=min(1.0, busy_hours / keep / total_scheduled) if total_scheduled else 1.0,
    )
    fte, headcount = _people(schedule, inputs)
    people = fte / (1 - inputs.absence.value)
    attributed = [sum(d[1]) for d in drafts]
    total = sum(attributed) or 1.0
    channels = tuple(
        ChannelPlan(
            channel=ch.channel,
            method="erlang_a" if ch.live else "workload",
            inputs=ch,
            monthly_volume=ch.monthly_volume.value * factor,
            aht_minutes=ch.aht.value,
            concurrency=int(ch.concurrency.value) if ch.concurrency else 1,
            target=ch.target_text(),
            floor=tuple(floor),
            floor_erlang_c=tuple(floor_c),
            busy_interval=busy_i,
            busy=busy,
            workload_hours_month=hours,
            fte=people * share / total,
        )
        for (ch, floor, floor_c, busy, busy_i, hours), share in zip(drafts, attributed, strict=True)
    )
    return Totals(channels, tuple(needed_floor), schedule, fte, headcount)


def _scaled(inputs: PlanInputs, factor: float) -> PlanInputs:
    if factor == 1:
        return inputs
    return replace(
        inputs,
        channels=tuple(
            replace(
                c,
                monthly_volume=replace(c.monthly_volume, value=c.monthly_volume.value * factor),
            )
            for c in inputs.channels
        ),
    )


def plan(inputs: PlanInputs) -> StaffingPlan:
    """The plan for these inputs, with −20%/+20% sensitivity and the peak's own days."""
    base = _totals(inputs, erlang="a")
    bound = _totals(inputs, erlang="c")
    coverage = inputs.coverage
    floor_schedule = lay_shifts(
        [1 if coverage.is_open(i) else 0 for i in range(INTERVALS_PER_WEEK)],
        coverage,
        _shift_slots(inputs),
    )
    coverage_floor = _people(floor_schedule, inputs)[1] if inputs.channels else 0
    day_need = [
        sum(base.schedule.needed[d * SLOTS_PER_DAY : (d + 1) * SLOTS_PER_DAY]) for d in range(7)
    ]
    busy_day = max(range(7), key=lambda d: day_need[d])

    sensitivity = []
    for label, factor in (("−20% volume", 0.8), ("+20% volume", 1.2)):
        scaled = _totals(_scaled(inputs, factor), erlang="a")
        sensitivity.append(
            SensitivityPoint(
                label=label,
                volume_factor=factor,
                headcount=scaled.headcount,
                by_channel=tuple((c.channel, c.headcount) for c in scaled.channels),
            )
        )
    peak = None
    if inputs.peak_factor and inputs.peak_factor > 1 and inputs.channels:
        at_peak = _totals(_scaled(inputs, inputs.peak_factor), erlang="a")
        busiest = max(range(7), key=lambda d: at_peak.schedule.shifts_per_day[d])
        peak_shifts = at_peak.schedule.shifts_per_day[busiest]
        normal_shifts = base.schedule.shifts_per_day[busiest]
        extra = None
        if inputs.peak_days is not None:
            open_days = [d for d in range(7) if d in coverage.days]
            extra_per_day = sum(
                at_peak.schedule.shifts_per_day[d] - base.schedule.shifts_per_day[d]
                for d in open_days
            ) / len(open_days)
            share_open = len(open_days) / 7
            extra = extra_per_day * inputs.peak_days.value * share_open
        peak = PeakPlan(
            factor=inputs.peak_factor,
            days=inputs.peak_days,
            busiest_floor=ceil(max(at_peak.floor)),
            shifts_per_day=peak_shifts,
            normal_shifts_per_day=normal_shifts,
            extra_agent_days=extra,
        )
    policy = StaffingPolicy(
        shrinkage=inputs.shrinkage,
        absence=inputs.absence.value,
        activity=inputs.activity.value,
        max_occupancy=inputs.max_occupancy,
        workload_occupancy=inputs.workload_occupancy,
        contract_hours_per_week=inputs.contract_hours.value,
    )
    result = StaffingPlan(
        inputs=inputs,
        coverage=coverage,
        policy=policy,
        channels=base.channels,
        channel_fte=sum(c.fte for c in base.channels),
        coverage_floor=coverage_floor,
        headcount=base.headcount,
        headcount_erlang_c=bound.headcount,
        schedule=base.schedule,
        busy_day=busy_day,
        peak=peak,
        sensitivity=tuple(sensitivity),
    )
    return replace(result, assumptions=assumptions(result))


def assumptions(p: StaffingPlan) -> tuple[str, ...]:
    """The method and every assumed input, in whole sentences."""
    lines = [
        f"Coverage: {p.coverage.label}, {p.coverage.window_text()} on {p.coverage.days_per_week} days a week ({p.inputs.coverage_source}).",
        "Live channels are sized half hour by half hour with Erlang A, in which waiting "
        "contacts give up after their patience; Erlang C, which lets nobody give up, is "
        "shown as the conservative bound. Published comparisons find Erlang C pessimistic "
        "and Erlang A optimistic, neither dominating (Robbins, Medeiros & Harrison 2010; "
        "Robbins 2019).",
        "Queued work is staffed day by day to answer everything within its response "
        f"window in covered hours, oldest first, at {_pct(p.policy.workload_occupancy)} occupancy.",
        f"Shifts of {_num(p.schedule.shift_hours)} h are laid over each open day; the schedule uses {_pct(p.schedule.efficiency)} "
        "of its scheduled hours on needed cover (its efficiency).",
        f"At least one agent is on duty in every covered half hour ({p.coverage_floor} people).",
    ]
    for figure in p.figures:
        if figure.assumed:
            confirm = f"“{figure.ask}”" if figure.ask else ""
            lines.append(
                "Assumed {name}: {value} — {basis}. To confirm: {confirm}.".format(
                    name=figure.name,
                    value=_figure_text(figure),
                    basis=figure.source,
                    confirm=confirm or "the discovery question on it",
                )
                if not figure.question
                else f"Assumed {figure.name}: {_figure_text(figure)} — {figure.source}. To confirm, answer the discovery "
                f"question [{figure.question}]."
            )
    return tuple(lines)


def _figure_text(figure: Figure) -> str:
    if figure.unit == "%":
        return _pct(figure.value, 1 if figure.value * 100 % 1 else 0)
    if figure.unit == "curve":
        return "the arrival curve"
    return f"{_num(figure.value)} {figure.unit}".strip()


# --- from the answers ----------------------------------------------------------------------


def _number(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _from(
    answers: Mapping[str, Any],
    qid: str,
    default: Default | None,
    name: str,
    unit: str,
    scale: float = 1.0,
) -> Figure | None:
    value = _number(answers.get(qid)) if qid else None
    if value is not None and value > 0:
        return Figure(name, value * scale, unit, "answer", "the client's answer", qid)
    if default is None:
        return None
    return Figure(
        name,
        default.value,
        unit,
        "assumed",
        default.basis,
        default.question,
        default.ask,
    )


_CHANNEL_NAMES = {
    "phone": "phone",
    "chat": "chat",
    "messaging": "messaging",
    "email": "email",
    "portal": "portal",
    "social": "social",
    "in_person": "walk-up",
}


def _channel_inputs(
    channel: str,
    answers: Mapping[str, Any],
    measured: Measured | None,
    sector: SectorProfile,
) -> ChannelInputs:
    model = CHANNEL_MODELS.get(channel) or ChannelModel(
        channel, live=False, aht=Default(8, "a planning assumption", "")
    )
    label = _CHANNEL_NAMES.get(channel, channel.replace("_", " "))
    volume_q = f"context.volume_{channel}"
    if measured is not None and measured.monthly_volume is not None:
        volume = Figure(
            f"{label} volume",
            measured.monthly_volume,
            "a month",
            "measured",
            measured.source,
            volume_q,
            import_id=measured.import_id,
        )
    else:
        typed = _number(answers.get(volume_q))
        volume = (
            Figure(f"{label} volume", typed, "a month", "answer", "the client's answer", volume_q)
            if typed is not None
            else Figure(f"{label} volume", 0.0, "a month", "assumed", "not given", volume_q)
        )
    aht_q = "context.phone_aht" if channel == "phone" else f"context.{channel}_aht"
    aht = _from(answers, aht_q, model.aht, f"{label} handle time", "min")
    assert aht is not None
    if measured is not None and measured.weekly_shares is not None:
        shares = measured.weekly_shares
        curve = Figure(
            f"{label} arrival curve",
            1,
            "curve",
            "measured",
            measured.source,
            import_id=measured.import_id,
        )
    else:
        shares = sector.weekly_shares()
        curve = Figure(
            f"{label} arrival curve",
            1,
            "curve",
            "assumed",
            f"a sector profile for {sector.label} (a shape, not a measurement)",
            ask="Import the client's ticket history to measure it.",
        )
    if not model.live:
        response = None
        if model.response_hours is not None:
            asked = channel in ("email", "portal", "social")
            response = _from(
                answers,
                "context.async_response_hours" if asked else "",
                None,
                f"{label} response window",
                "h",
            )
            target = _number(answers.get("metrics.first_response_time.target"))
            if response is None and asked and target:
                response = Figure(
                    f"{label} response window",
                    float(answers["metrics.first_response_time.target"]),
                    "h",
                    "answer",
                    "the client's first-response target",
                    "metrics.first_response_time.target",
                )
            if response is None:
                response = _from(answers, "", model.response_hours, f"{label} response window", "h")
        return ChannelInputs(
            channel=channel,
            live=False,
            monthly_volume=volume,
            aht=aht,
            concurrency=None,
            service_level=None,
            answer_seconds=None,
            asa_seconds=None,
            abandonment=None,
            patience=None,
            response_hours=response,
            weekly_shares=tuple(shares),
            curve=curve,
        )
    prefix = f"context.{channel}" if channel in ("phone", "chat") else ""
    sl = _from(answers, f"{prefix}_sl_target" if prefix else "", None, "", "%", 0.01)
    asa = _from(answers, f"{prefix}_asa_target" if prefix else "", None, "", "s")
    abandon = _from(answers, f"{prefix}_abandon_target" if prefix else "", None, "", "%", 0.01)
    if sl is not None:
        sl = replace(sl, name=f"{label} service-level target")
    if asa is not None:
        asa = replace(asa, name=f"{label} average-wait target")
    if abandon is not None:
        abandon = replace(abandon, name=f"{label} abandonment target")
    if sl is None and asa is None and abandon is None:
        sl = _from(answers, "", model.service_level, f"{label} service-level target", "%")
        abandon = _from(answers, "", model.abandonment, f"{label} abandonment target", "%")
    seconds = _from(
        answers,
        f"{prefix}_sl_seconds" if prefix else "",
        model.answer_seconds,
        f"{label} target answer time",
        "s",
    )
    patience = _from(
        answers,
        f"{prefix}_patience" if prefix else "",
        model.patience_seconds,
        f"{label} patience",
        "s",
    )
    concurrency = None
    if model.concurrency is not None:
        concurrency = _from(
            answers,
            "context.chat_concurrency" if channel == "chat" else "",
            model.concurrency,
            f"{label} concurrency",
            "at once",
        )
    return ChannelInputs(
        channel=channel,
        live=True,
        monthly_volume=volume,
        aht=aht,
        concurrency=concurrency,
        service_level=sl,
        answer_seconds=seconds,
        asa_seconds=asa,
        abandonment=abandon,
        patience=patience,
        response_hours=None,
        weekly_shares=tuple(shares),
        curve=curve,
    )


_WINDOW = re.compile(r"(\d{1,2})[:.h]?(\d{2})?\s*(?:–|-|—|to)\s*(\d{1,2})[:.h]?(\d{2})?")


def _coverage(answers: Mapping[str, Any]) -> tuple[Coverage, str]:
    key = str(answers.get("context.coverage") or "")
    coverage = COVERAGES.get(key)
    if coverage is None:
        return COVERAGES[DEFAULT_COVERAGE], "assumed: coverage not given"
    detail = str(answers.get("context.coverage_detail") or "")
    match = _WINDOW.search(detail) if coverage.end_slot - coverage.start_slot < 48 else None
    if match:
        start = int(match.group(1)) * 2 + (1 if int(match.group(2) or 0) >= 30 else 0)
        end = int(match.group(3)) * 2 + (1 if int(match.group(4) or 0) >= 30 else 0)
        if 0 <= start < end <= 48:
            return (
                replace(coverage, start_slot=start, end_slot=end),
                f"the client's answer, “{detail.strip()}”",
            )
    return coverage, f"the client's answer; the window {coverage.window_text()} is assumed"


def inputs_from_answers(
    answers: Mapping[str, Any], measured: Mapping[str, Measured] | None = None
) -> PlanInputs:
    measured = measured or {}
    sector = SECTOR_PROFILES[
        sector_for(
            str(answers.get("audience.type") or "") or None,
            str(answers.get("audience.market") or "") or None,
        )
    ]
    channels = tuple(
        _channel_inputs(str(c), answers, measured.get(str(c)), sector)
        for c in answers.get("context.channels") or []
        if str(c) != "none"
    )
    coverage, coverage_source = _coverage(answers)
    absence = _from(
        answers, "context.shrinkage_absence", SHRINKAGE.absence, "absence shrinkage", "%", 0.01
    )
    activity = _from(
        answers, "context.shrinkage_activity", SHRINKAGE.activity, "activity shrinkage", "%", 0.01
    )
    contract = _from(answers, "context.contract_hours", CONTRACT_HOURS, "contract hours", "h")
    peak_factor = _number(answers.get("scale.peak_factor"))
    peak_days = None
    if peak_factor and peak_factor > 1:
        peak_days = _from(answers, "scale.peak_days", None, "peak days a year", "days")
    assert absence is not None
    assert activity is not None
    assert contract is not None
    # The absence and activity answers may be 0 (a real answer): _from skips 0, so read them.
    for qid, name in (
        ("context.shrinkage_absence", "absence"),
        ("context.shrinkage_activity", "activity"),
    ):
        if _number(answers.get(qid)) == 0:
            figure = Figure(f"{name} shrinkage", 0.0, "%", "answer", "the client's answer", qid)
            if name == "absence":
                absence = figure
            else:
                activity = figure
    return PlanInputs(
        channels=channels,
        coverage=coverage,
        coverage_source=coverage_source,
        sector=sector,
        absence=absence,
        activity=activity,
        contract_hours=contract,
        peak_factor=peak_factor,
        peak_days=peak_days,
    )


def staffing_from_answers(
    answers: Mapping[str, Any], measured: Mapping[str, Measured] | None = None
) -> StaffingPlan:
    return plan(inputs_from_answers(answers, measured))


def day_name(day: int) -> str:
    return DAY_NAMES[day]


def demands(plan_: StaffingPlan) -> Iterable[ChannelInputs]:
    return plan_.inputs.channels
