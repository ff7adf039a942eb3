"""The staffing plan: agents per 30-minute interval over the week, turned into shifts.

Pure: plain data in (answers, and the figures measured from an imported ticket history that
the consultant chose), frozen dataclasses out.

1. Each channel's weekly volume is spread over the week's 336 half-hour intervals by an
   arrival curve: the one measured in the client's ticket history, or a sector profile,
   labelled as an assumption.
2. Live channels (phone, chat) get, per open interval, the fewest agents on the
   floor that meet the client's own targets (service level, average wait, abandonment) by
   Erlang A, and the same by Erlang C as the conservative bound. Chat divides handle time
   by concurrency, as WFM tools apply it when generating requirements.
3. Queued work (email, portal, social, messaging) is planned across its response window:
   it is done in the time the agents on shift are not busy with live contacts (blended),
   earliest deadline first, over two weeks (the second starts with the backlog the first
   leaves). Where a piece would miss its window, shifts are added where they cover most of
   that window, as many as the late work needs, in one pass; the plan's "needed" line is
   then the live agents, or their busy time plus the queued work actually done in that half
   hour, whichever is more. Walk-ups are worked within the hour during opening hours.
4. Agents on the floor become agents on shift by the activity shrinkage (breaks, meetings,
   training); shifts of a day's length are laid greedily over each day (a shift starts at
   the first half hour still short), and the schedule's efficiency is the needed share of
   the scheduled hours. People are the scheduled hours over contract hours, grossed up by
   the absence shrinkage (holidays, sickness).
5. Peaks are planned as their own days (the same plan at the peak factor), not as a larger
   team all year.

A plan runs this five times (the plan, the Erlang C bound, −20% and +20%, the peak), so
each is kept cheap: each distinct number of contacts in a half hour is sized once, its
search starting from the answer for fewer contacts, and the answers are remembered across
plans (bounded); closed half hours are skipped; the runs that only count people keep no
per-half-hour record.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from discovery.bank import BANK

from .erlang import ErlangAFigures, ceil, erlang_a, erlang_a_cached, erlang_c
from .erlang import service_level as erlang_c_service_level
from .profiles import (
    BACKLOG_HOURS,
    CALENDAR_DAYS,
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
    # The hours of the day covered, as an input of its own when they were not given.
    window: Figure | None = None
    # Hours of opening within which what arrived while the desk was closed is answered, for
    # the queued channels promised a faster reply (None: the desk never closes, or no
    # queued channel's window is shorter).
    catch_up: Figure | None = None
    max_occupancy: float = MAX_OCCUPANCY
    workload_occupancy: float = WORKLOAD_OCCUPANCY

    @property
    def shrinkage(self) -> float:
        """Absence and activity together: 1 − (1 − absence)(1 − activity)."""
        return 1 - (1 - self.absence.value) * (1 - self.activity.value)

    @property
    def figures(self) -> tuple[Figure, ...]:
        own = [self.absence, self.activity, self.contract_hours]
        if self.window is not None:
            own.insert(0, self.window)
        if self.catch_up is not None:
            own.append(self.catch_up)
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
    # Headcounts at other volumes, computed once each (see scaled_headcount).
    _scaled: dict[float, int] = field(default_factory=dict, compare=False, repr=False)

    def channel(self, key: str) -> ChannelPlan | None:
        return next((c for c in self.channels if c.channel == key), None)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return self.inputs.figures

    def scaled_headcount(self, factor: float) -> int:
        """People for the same plan at `factor` times the volume (growth, the business
        case's seats), once per factor."""
        key = round(factor, 6)
        if key == 1:
            return self.headcount
        found = self._scaled.get(key)
        if found is None:
            scaled = _totals(_scaled(self.inputs, key), erlang="a", detail=False)
            found = self._scaled[key] = scaled.headcount
        return found

    def busy_day_rows(self) -> list[dict[str, Any]]:
        """The busiest day, half hour by half hour, over its open window."""
        window = self.coverage.window(self.busy_day)
        rows = []
        for slot in range(*(window or (0, 0))):
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


@functools.lru_cache(maxsize=256)
def _open_mask(coverage: Coverage) -> tuple[bool, ...]:
    return tuple(coverage.is_open(i) for i in range(INTERVALS_PER_WEEK))


@functools.lru_cache(maxsize=1024)
def _open_shares(shares: tuple[float, ...], coverage: Coverage) -> tuple[float, ...]:
    """The curve restricted to open intervals and renormalised: a live contact that would
    have come while closed comes while open instead."""
    mask = _open_mask(coverage)
    opened = [s if mask[i] else 0.0 for i, s in enumerate(shares)]
    total = sum(opened)
    if total <= 0:
        count = sum(mask)
        return tuple(1 / count if open_ else 0.0 for open_ in mask)
    return tuple(s / total for s in opened)


# --- live channels -----------------------------------------------------------------------------


def _round_contacts(contacts: float) -> float:
    """Contacts to four significant figures, so that near-equal intervals share a cache."""
    if contacts <= 0:
        return 0.0
    return round(contacts, 3 - math.floor(math.log10(contacts)))


@dataclass(frozen=True)
class _LiveTargets:
    """What a live channel's agents must achieve in every half hour, and how its contacts
    behave: the key under which required agents are remembered."""

    aht: float  # minutes, after concurrency
    patience: float
    service_level: float | None
    answer_seconds: float
    asa_seconds: float | None
    abandonment: float | None
    max_occupancy: float

    @classmethod
    def of(cls, ch: ChannelInputs, aht: float, max_occupancy: float) -> _LiveTargets:
        return cls(
            aht=aht,
            patience=ch.patience.value if ch.patience else 90.0,
            service_level=ch.service_level.value if ch.service_level else None,
            answer_seconds=ch.answer_seconds.value if ch.answer_seconds else 20.0,
            asa_seconds=ch.asa_seconds.value if ch.asa_seconds else None,
            abandonment=ch.abandonment.value if ch.abandonment else None,
            max_occupancy=max_occupancy,
        )

    def meets_a(self, agents: int, contacts: float) -> bool:
        f = erlang_a_cached(
            agents, contacts, INTERVAL_MINUTES, self.aht, self.patience, self.answer_seconds
        )
        if f.occupancy > self.max_occupancy + 1e-9:
            return False
        if self.service_level is not None and f.service_level < self.service_level - 1e-9:
            return False
        if self.asa_seconds is not None and f.asa_seconds > self.asa_seconds + 1e-9:
            return False
        return self.abandonment is None or f.abandonment <= self.abandonment + 1e-9

    def meets_c(self, agents: int, contacts: float) -> bool:
        """Erlang C cannot express abandonment: without a service-level or average-wait
        target it sizes for 80/20."""
        load = contacts * self.aht / INTERVAL_MINUTES
        if agents <= load or agents < load / self.max_occupancy - 1e-9:
            return False
        sl, seconds, asa = self.service_level, self.answer_seconds, self.asa_seconds
        if sl is None and asa is None:
            sl, seconds = 0.8, 20.0
        aht_s = self.aht * 60
        waiting = erlang_c(agents, load)
        if (
            sl is not None
            and 1.0 - waiting * math.exp(-(agents - load) * seconds / aht_s) < sl - 1e-9
        ):
            return False
        return asa is None or waiting * aht_s / (agents - load) <= asa + 1e-9


# Required agents already found, per (model, targets), by contacts: a plan's sensitivity,
# peak and growth runs and the next plan (the property tests make thousands) meet the same
# half hours again. Bounded: cleared when full.
_REQUIRED: dict[tuple[str, _LiveTargets], dict[float, int]] = {}
_REQUIRED_MAX = 20_000


def clear_caches() -> None:
    """Forget every remembered Erlang figure and queue layout (benchmarks time the plan
    from cold with it)."""
    _REQUIRED.clear()
    erlang_a_cached.cache_clear()
    _arrivals.cache_clear()


def _required(model: str, targets: _LiveTargets, contacts: float, lower: int) -> int:
    """The fewest agents, at least `lower`, meeting the targets for `contacts` in a half hour
    under Erlang A ("a") or C ("c"). Every measure improves with agents, so the search
    gallops up from `lower` (the answer for fewer contacts) and bisects."""
    meets = targets.meets_a if model == "a" else targets.meets_c
    low = max(0, lower)
    if model == "c":
        load = contacts * targets.aht / INTERVAL_MINUTES
        low = max(low, math.floor(load) + 1, ceil(load / targets.max_occupancy)) - 1
    elif low > 0:
        low -= 1
    # Invariant: `low` fails (or is below the answer's lower bound), `high` meets.
    step = 1
    high = low + step
    while not meets(high, contacts):
        low = high
        step *= 2
        high = low + step
    while high - low > 1:
        mid = (low + high) // 2
        if meets(mid, contacts):
            high = mid
        else:
            low = mid
    return high


def _floor(model: str, targets: _LiveTargets, contacts: Iterable[float]) -> dict[float, float]:
    """Agents on the floor for each number of contacts in a half hour: each distinct number
    once, in ascending order, each search starting from the answer for fewer contacts."""
    known = _REQUIRED.get((model, targets))
    if known is None:
        if len(_REQUIRED) >= _REQUIRED_MAX:
            _REQUIRED.clear()
        known = _REQUIRED[(model, targets)] = {}
    answers: dict[float, int] = {0.0: 0}
    lower = 0
    for c in sorted(set(contacts)):
        if c <= 0:
            continue
        found = known.get(c)
        if found is None:
            if len(known) >= _REQUIRED_MAX:
                known.clear()
            found = known[c] = _required(model, targets, c, lower)
        lower = answers[c] = found
    return {c: float(n) for c, n in answers.items()}


@functools.lru_cache(maxsize=1024)
def _busiest(shares: tuple[float, ...]) -> int:
    """The first half hour with the largest share of the week."""
    return max(range(INTERVALS_PER_WEEK), key=shares.__getitem__)


def _live_channel(
    ch: ChannelInputs, inputs: PlanInputs, factor: float, bound: bool, detail: bool = True
) -> tuple[list[float], list[float], LiveFigures | None, int]:
    """Agents on the floor per half hour by Erlang A, and by Erlang C when `bound` (the
    runs that only count people skip it), with the busiest half hour's figures when
    `detail` (the runs that only count people never read them)."""
    weekly = ch.monthly_volume.value * factor / WEEKS_PER_MONTH
    shares = _open_shares(ch.weekly_shares, inputs.coverage)
    concurrency = max(1, int(ch.concurrency.value)) if ch.concurrency else 1
    aht = ch.aht.value / concurrency
    targets = _LiveTargets.of(ch, aht, inputs.max_occupancy)
    # Every half hour with the same share of the week has the same contacts and floor.
    by_share = {share: _round_contacts(weekly * share) for share in set(shares)}
    agents_a = _floor("a", targets, by_share.values())
    a_by_share = {share: agents_a[c] for share, c in by_share.items()}
    floor_a = [a_by_share[share] for share in shares]
    if bound:
        # Erlang C cannot express abandonment: the bound never falls below what Erlang A
        # needs for it.
        agents_c = _floor("c", targets, by_share.values())
        c_by_share = {share: max(a_by_share[share], agents_c[c]) for share, c in by_share.items()}
        floor_c = [c_by_share[share] for share in shares]
    else:
        floor_c = floor_a
    busy = _busiest(shares)
    busy_contacts = weekly * shares[busy]
    figures = None
    if busy_contacts > 0 and detail:
        n = int(floor_a[busy])
        load = busy_contacts * aht / INTERVAL_MINUTES
        n_c = int(floor_c[busy])
        seconds = targets.answer_seconds
        figures = LiveFigures(
            contacts=busy_contacts,
            load=load,
            agents=n,
            erlang_a=erlang_a(n, busy_contacts, INTERVAL_MINUTES, aht, targets.patience, seconds),
            agents_erlang_c=n_c,
            erlang_c_service_level=erlang_c_service_level(n_c, load, aht * 60, seconds),
            erlang_c_waiting=erlang_c(n_c, load),
            erlang_c_asa_seconds=(
                erlang_c(n_c, load) * aht * 60 / (n_c - load) if n_c > load else math.inf
            ),
        )
    return floor_a, floor_c, figures, busy


# --- queued work -----------------------------------------------------------------------------


WALK_UP_WINDOW_HOURS = 1.0


def catch_up_slots(inputs: PlanInputs) -> int:
    """Open half hours within which the backlog of closed hours is answered (the client's
    answer, or BACKLOG_HOURS assumed): the queue holds a piece that arrived while closed to
    the longer of this and its channel's own window. Without the input (no channel's window
    is shorter) every piece keeps its own window."""
    if inputs.catch_up is None:
        return 1
    return max(1, ceil(inputs.catch_up.value / HALF_HOUR))


@dataclass(frozen=True)
class _Work:
    """One queued channel's week of work: `hours` arriving by the channel's curve, each
    half hour's share to be done within `window` open half hours of the first open half
    hour at or after its arrival."""

    channel: int
    hours: float
    window: int
    shares: tuple[float, ...]


def _queued_work(index: int, ch: ChannelInputs, inputs: PlanInputs, factor: float) -> _Work:
    weekly = ch.monthly_volume.value * factor / WEEKS_PER_MONTH
    if ch.response_hours is None:  # walk-ups come only while the desk is open
        shares = _open_shares(ch.weekly_shares, inputs.coverage)
        window_hours = WALK_UP_WINDOW_HOURS
    else:
        shares = ch.weekly_shares
        window_hours = ch.response_hours.value
    window = max(1, ceil(window_hours / HALF_HOUR))
    return _Work(index, weekly * ch.aht.value / 60, window, shares)


@functools.lru_cache(maxsize=1024)
def _entries(shares: tuple[float, ...], coverage: Coverage) -> tuple[tuple[int, float, bool], ...]:
    """A curve as pieces of work entering the queue: (ordinal of the open half hour it
    becomes workable at, its share, whether it arrived while closed). What arrives while
    closed enters at the next opening as one piece (the backlog), beside what arrives
    then."""
    clock = _clock(coverage)
    if not clock.count:
        return ()
    merged: dict[tuple[int, bool], float] = {}
    is_open = clock.is_open
    for i, share in enumerate(shares):
        if share > 0:
            key = (clock.next_ordinal[i], not is_open[i])
            merged[key] = merged.get(key, 0.0) + share
    return tuple((o % clock.count, share, closed) for (o, closed), share in sorted(merged.items()))


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


@functools.lru_cache(maxsize=256)
def _clock(coverage: Coverage) -> _OpenClock:
    return _OpenClock(coverage)


Arrivals = tuple[tuple[tuple[int, float, int], ...], ...]
ByDeadline = tuple[tuple[tuple[int, float, int, int], ...], ...]


@functools.lru_cache(maxsize=256)
def _arrivals(
    shapes: tuple[tuple[int, tuple[float, ...]], ...], coverage: Coverage, catch_up: int
) -> tuple[Arrivals, ByDeadline]:
    """Per open half hour (its ordinal), the pieces of work becoming workable then, as
    (window, share of its work's week, index of the work), in the order of the work; and
    the same in the order the queue works them (earliest deadline, then arrival order),
    each with its place among them (its sequence number's offset)."""
    count = _clock(coverage).count
    arrivals: list[list[tuple[int, float, int]]] = [[] for _ in range(count)]
    for k, (window, shares) in enumerate(shapes):
        for ordinal, share, closed in _entries(shares, coverage):
            # The backlog of closed hours is cleared over the first hours of opening.
            arrivals[ordinal].append((max(window, catch_up) if closed else window, share, k))
    by_deadline = tuple(
        tuple(sorted(((w, sh, k, j) for j, (w, sh, k) in enumerate(a)), key=lambda x: x[0]))
        for a in arrivals
    )
    return tuple(tuple(a) for a in arrivals), by_deadline


class _Queue:
    """Queued work indexed by arrival interval, each piece with its start and deadline as
    open-time ordinals (two weeks: the second starts with the first week's backlog). Work of
    one channel arriving while closed becomes workable at the same opening: it is one
    piece."""

    def __init__(self, work: Sequence[_Work], coverage: Coverage, catch_up: int) -> None:
        self.clock = clock = _clock(coverage)
        # By the open half hour (its ordinal) at which each piece becomes workable, as
        # (window, share, which work): the same for every volume of one plan (its sensitivity,
        # growth and peak runs), so laid out once; the hours are the work's times the share.
        self.arrivals, self.by_deadline = _arrivals(
            tuple((w.window, w.shares) for w in work), coverage, catch_up
        )
        self.hours = [w.hours for w in work]
        self.channels = [w.channel for w in work]
        self.empty = not work or not clock.count

    def run(
        self,
        capacity: list[float],
        repair: Callable[[int, int, int, float], list[tuple[int, float]]] | None = None,
        done: list[list[float]] | None = None,
    ) -> list[tuple[int, float]]:
        """Two weeks of the work done earliest deadline first (which meets every deadline
        whenever any order can) with `capacity` hours per half hour. Every deadline missed in
        the second week, as (ordinal at which that work became workable, hours short); work
        that missed is dropped, so no shortfall is counted twice.

        With `done` (one list of hours per half hour for each channel), the hours of each
        channel's work done in each half hour of the second week are added to it.

        With `repair(start, deadline, now, short)`, every miss (in either week: the first
        sizes the cover from an empty start, the second tops it up for the backlog a week
        carries) is first offered to it: it may add cover (raising `capacity` from now on)
        and returns the hours it added in each open half hour of the window so far, as
        (ordinal, hours). Earliest deadline first never left the window's cover idle while
        the late work waited, so that cover goes to it first, from the earliest half hour;
        what is left of each half hour goes to the waiting work that had arrived by then,
        earliest deadline first (work that arrived later gets none of it: the plan errs on
        the safe side)."""
        clock = self.clock
        n = clock.count
        heap: list[list[float]] = []
        seq = 0
        out: list[tuple[int, float]] = []
        opened = clock.open
        arrivals, by_deadline = self.arrivals, self.by_deadline
        hours_of, channel_of = self.hours, self.channels
        push, pop = heapq.heappush, heapq.heappop
        for week in range(2):
            offset = week * n
            record = done if week == 1 else None
            for o in range(n):
                now = offset + o
                arriving = arrivals[o]
                i = opened[o]
                if not heap:
                    if not arriving:
                        continue
                    # Nothing waiting: the new pieces are worked in deadline order as they
                    # come, and only what is left of them waits (as the heap would do it).
                    left = capacity[i]
                    first = seq
                    seq += len(arriving)
                    for window, share, k, j in by_deadline[o]:
                        hours = hours_of[k] * share
                        if left > 1e-12:
                            take = hours if hours <= left else left
                            hours = hours - take
                            left -= take
                            if record is not None:
                                record[channel_of[k]][i] += take
                            if hours <= 1e-9:
                                continue
                        push(heap, [now + window, first + j, hours, now, channel_of[k]])
                else:
                    for window, share, k in arriving:
                        push(heap, [now + window, seq, hours_of[k] * share, now, channel_of[k]])
                        seq += 1
                    _work_heap(heap, capacity[i], i, record)
                while heap and heap[0][0] <= now + 1:
                    item = pop(heap)
                    if item[2] > 1e-6 and repair is not None:
                        added = repair(int(item[3]), int(item[0]), now, item[2])
                        _share(added, item, heap, clock, record)
                    if item[2] > 1e-6 and week == 1:
                        out.append((int(item[3]), item[2]))
        return out


def _work_heap(heap: list[list[float]], left: float, i: int, record: list[list[float]] | None):
    """`left` hours of half hour `i` spent on the waiting work, earliest deadline first;
    work done entirely leaves the heap."""
    pop = heapq.heappop
    if record is None:
        while left > 1e-12:
            item = heap[0]
            hours = item[2]
            if hours <= left:
                item[2] = hours - hours
                left -= hours
            else:
                item[2] = hours - left
                left -= left
            if item[2] <= 1e-9:
                pop(heap)
                if not heap:
                    break
    else:
        while left > 1e-12:
            item = heap[0]
            hours = item[2]
            take = hours if hours <= left else left
            item[2] = hours - take
            left -= take
            record[int(item[4])][i] += take
            if item[2] <= 1e-9:
                pop(heap)
                if not heap:
                    break


def _share(
    added: list[tuple[int, float]],
    late: list[float],
    heap: list[list[float]],
    clock: _OpenClock,
    record: list[list[float]] | None,
) -> None:
    """Cover added in past half hours (ordinal, hours): to the late work first, then to the
    work waiting that had arrived by each half hour, earliest deadline first (see
    `_Queue.run`). Work done entirely is left at zero hours, popped in its turn."""
    waiting = sorted(heap)
    for ordinal, hours in sorted(added):
        for item in (late, *waiting):
            if hours <= 1e-12:
                break
            if item[3] <= ordinal and item[2] > 0:
                take = min(hours, item[2])
                item[2] -= take
                hours -= take
                if record is not None:
                    record[int(item[4])][clock.interval(ordinal)] += take


# --- shifts ----------------------------------------------------------------------------------


def lay_shifts(needed: Sequence[int], coverage: Coverage, shift_slots: int) -> Schedule:
    """Shifts of `shift_slots` half hours (shorter if the day is shorter) laid greedily over
    each open day: while a half hour has fewer agents than it needs, a shift starts there
    (or as late as still fits the day). For one day and one shift length this is the
    classic greedy cover, which never uses more shifts than needed."""
    scheduled = [0] * INTERVALS_PER_WEEK
    per_day = []
    length = min(shift_slots, coverage.longest_day_slots)
    for day in range(7):
        count = 0
        window = coverage.window(day)
        if window is not None:
            opens, closes = window
            # A day shorter than a shift (a Saturday morning) has shorter shifts.
            day_length = min(length, closes - opens)
            base = day * SLOTS_PER_DAY
            last_start = closes - day_length
            for slot in range(opens, closes):
                i = base + slot
                short = needed[i] - scheduled[i]
                if short > 0:
                    # Every shift started here covers this half hour, so the shortfall's
                    # shifts all start at once (one at a time is agents × length steps:
                    # thousands of agents in a large contact centre).
                    k = math.ceil(short)
                    start = min(slot, last_start)
                    for s in range(base + start, base + start + day_length):
                        scheduled[s] += k
                    count += k
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


def _on_shift(floor: float, keep: float) -> int:
    """Agents on shift in a half hour for `floor` on the floor: the floor grossed up by the
    activity shrinkage (the share of a shift spent in breaks, meetings and training),
    rounded to whole people, never fewer than the floor nor than one. Rounded, not raised:
    a lone agent on a quiet line takes a break in its quiet moments rather than needing a
    second agent beside them all day (one on the floor is one on shift, not 1 / 0.82 = 2);
    the week's total then has to give the floor its hours after the shrinkage (_totals)."""
    return max(1, ceil(floor - 1e-9), round(floor / keep))


def _shift_slots(inputs: PlanInputs) -> int:
    """A day's shift: a fifth of the contracted week, in half hours."""
    return max(1, round(inputs.contract_hours.value / 5 / HALF_HOUR))


def _people(schedule: Schedule, inputs: PlanInputs) -> tuple[float, int]:
    fte = schedule.scheduled_hours_week / inputs.contract_hours.value
    return fte, ceil(fte / (1 - inputs.absence.value))


def _same_day(clock: _OpenClock, a: int, b: int) -> bool:
    return clock.interval(a) // SLOTS_PER_DAY == clock.interval(b) // SLOTS_PER_DAY


def _day_shift(coverage: Coverage, day: int, length: int) -> tuple[int, int, int]:
    """(opens, closes, shift length) of an open day: a shift no longer than the day."""
    opens, closes = coverage.window(day) or (coverage.start_slot, coverage.end_slot)
    return opens, closes, min(length, closes - opens)


def _add_shifts(scheduled: list[int], coverage: Coverage, interval: int, length: int, k: int):
    """`k` shifts on the day of `interval`, starting there or as late as still fits; the
    half hours they cover (fewer than `length` on a day shorter than a shift)."""
    day, slot = divmod(interval, SLOTS_PER_DAY)
    opens, closes, length = _day_shift(coverage, day, length)
    start = min(max(slot, opens), closes - length)
    for s in range(start, start + length):
        scheduled[day * SLOTS_PER_DAY + s] += k
    return day * SLOTS_PER_DAY + start, length


def _totals(
    inputs: PlanInputs, erlang: str, factor: float = 1.0, bound: bool = False, detail: bool = True
) -> Totals:
    """Live cover first (agents per half hour, on shift after activity shrinkage) with
    shifts laid over it; queued work is then done in the time agents are not busy with
    live contacts (blended), earliest deadline first, and shifts are added where a
    response window would be missed, until none is.

    `erlang` "a" plans live channels by Erlang A, "c" by the Erlang C bound (with `bound`
    an "a" plan keeps the bound per half hour too). Without `detail` only the people are
    counted (the sensitivity and growth runs): no per-half-hour record of the queued work."""
    coverage = inputs.coverage
    keep = 1 - inputs.activity.value
    clock = _clock(coverage)
    occupancy = inputs.workload_occupancy
    unit = HALF_HOUR * occupancy
    live_floor = [0.0] * INTERVALS_PER_WEEK
    live_load = [0.0] * INTERVALS_PER_WEEK
    work: list[_Work] = []
    drafts: list[tuple[ChannelInputs, list[float], list[float], LiveFigures | None, int, float]]
    drafts = []
    for index, ch in enumerate(inputs.channels):
        if ch.live:
            floor_a, floor_c, busy, busy_i = _live_channel(
                ch, inputs, factor, bound or erlang == "c", detail
            )
            floor = floor_a if erlang == "a" else floor_c
            concurrency = max(1, int(ch.concurrency.value)) if ch.concurrency else 1
            weekly = ch.monthly_volume.value * factor / WEEKS_PER_MONTH
            rate = weekly * ch.aht.value / concurrency / INTERVAL_MINUTES
            shares = _open_shares(ch.weekly_shares, coverage)
            for i, share in enumerate(shares):
                if share:
                    live_floor[i] += floor[i]
                    live_load[i] += rate * share
            drafts.append((ch, floor, floor_c, busy, busy_i, 0.0))
        else:
            work.append(_queued_work(index, ch, inputs, factor))
            hours = ch.monthly_volume.value * factor * ch.aht.value / 60
            drafts.append((ch, [], [], None, 0, hours))
    has_channels = bool(inputs.channels)
    is_open = clock.is_open
    live_needed = [0] * INTERVALS_PER_WEEK
    if has_channels:
        # Few distinct floors in a week: each grossed up once.
        on_shift: dict[float, int] = {}
        for i in clock.open:
            f = live_floor[i]
            n = on_shift.get(f)
            if n is None:
                n = on_shift[f] = _on_shift(f, keep)
            live_needed[i] = n
    length = min(_shift_slots(inputs), coverage.longest_day_slots)
    scheduled = list(lay_shifts(live_needed, coverage, length).scheduled)
    # Breaks and meetings are taken in turns, in the quiet half hours: over the week the
    # agents on shift must give the live floor its hours after their activity shrinkage.
    # Each added shift starts at the half hour shortest of it (the first of equals); only
    # its day's shortfalls change.
    live_hours = sum(live_floor)
    total_scheduled = sum(scheduled)
    if total_scheduled * keep < live_hours - 1e-9:
        gap = [f - s * keep for f, s in zip(live_floor, scheduled, strict=True)]
        while total_scheduled * keep < live_hours - 1e-9:
            busiest = gap.index(max(gap))
            total_scheduled += _add_shifts(scheduled, coverage, busiest, length, 1)[1]
            base = busiest - busiest % SLOTS_PER_DAY
            for i in range(base, base + SLOTS_PER_DAY):
                gap[i] = live_floor[i] - scheduled[i] * keep
    per_shift = length * unit * keep

    def capacity_at(i: int) -> float:
        return max(0.0, scheduled[i] * keep - live_load[i]) * unit

    def capacities() -> list[float]:
        return [
            max(0.0, s * keep - load) * unit for s, load in zip(scheduled, live_load, strict=True)
        ]

    capacity = capacities()

    def repair(start: int, deadline: int, now: int, short: float) -> list[tuple[int, float]]:
        """Work that missed its window: as many shifts as the cover they add inside the
        window (up to now) needs to have done it, placed where they cover most of it. What
        they add after now is cover for what comes next; what they would have added
        earlier in the run is not counted (so the plan errs on the safe side)."""
        # The window's open half hours, day by day (each day's part is one stretch of
        # open time), and on each day the shift placed to cover most of that stretch, as
        # late as it still does: the best day wins, the later on a tie (more of its shift is
        # left for what comes next).
        best: tuple[int, int, int, int] | None = None  # (covered, first, from, to) ordinals
        o = start
        stop = min(deadline, now + 1)
        while o < stop:
            day, a = divmod(clock.interval(o), SLOTS_PER_DAY)
            run_end = o
            while run_end + 1 < stop and clock.interval(run_end + 1) // SLOTS_PER_DAY == day:
                run_end += 1
            b = a + (run_end - o)
            _opens, closes, day_length = _day_shift(coverage, day, length)
            begin = min(a, closes - day_length) if b - a < day_length else b + 1 - day_length
            lo, hi = max(a, begin), min(b, begin + day_length - 1)
            covered = hi - lo + 1
            if covered > 0 and (best is None or covered >= best[0]):
                best = (covered, day * SLOTS_PER_DAY + begin, o + (lo - a), o + (hi - a))
            o = run_end + 1
        if best is None:
            return []
        _covered, first, low, high = best
        position = first
        inside = range(low, high + 1)

        def added(k: int) -> list[tuple[int, float]]:
            gains = []
            for o in inside:
                i = clock.interval(o)
                gain = max(0.0, (scheduled[i] + k) * keep - live_load[i]) * unit - capacity[i]
                gains.append((o, gain))
            return gains

        k = max(1, ceil(short / (len(inside) * keep * unit)))
        while sum(h for _, h in added(k)) < short - 1e-9:
            k += 1
        gains = added(k)
        first, day_length = _add_shifts(scheduled, coverage, position, length, k)
        for i in range(first, first + day_length):
            capacity[i] = capacity_at(i)
        return gains

    queue = _Queue(work, coverage, catch_up_slots(inputs))
    done = [[0.0] * INTERVALS_PER_WEEK for _ in drafts] if detail else None
    if not queue.empty:
        misses = queue.run(capacity, repair)
        # The repair errs on the safe side, so a run over the repaired cover meets every
        # window (the tests check it): the runs that only count people stop here; the
        # others run again to record what is done when.
        for _ in range(1000 if detail or misses else 0):
            if done is not None:
                for row in done:
                    row[:] = [0.0] * INTERVALS_PER_WEEK
            misses = queue.run(capacity, done=done)
            if not misses:
                break
            # Should the one pass leave a miss: shifts from where late work became
            # workable, for every stretch of a shift's length that missed at once; several
            # for a large shortfall (each shift gives at most its own hours); run again.
            misses.sort()
            group_start, group_short = misses[0]
            for ordinal, short in [*misses[1:], (-1, 0.0)]:
                if 0 <= ordinal < group_start + length and _same_day(clock, ordinal, group_start):
                    group_short += short
                    continue
                k = max(1, math.floor(group_short / per_shift))
                _add_shifts(scheduled, coverage, clock.interval(group_start), length, k)
                group_start, group_short = ordinal, short
            capacity = capacities()
    # Queued channels on the floor: the work the plan does in each half hour (blended into
    # the live channels' idle time), as agents at the workload occupancy.
    queued_hours = [d[5] / WEEKS_PER_MONTH for d in drafts]
    for index, d in enumerate(drafts):
        if not d[0].live and done is not None:
            d[1][:] = [h / unit for h in done[index]]
            d[2][:] = d[1]
    needed_floor = [0.0] * INTERVALS_PER_WEEK
    if done is not None:
        # No channels at all: nothing queued in any half hour (zip of no rows is empty).
        queued_agents = (
            [sum(column) / unit for column in zip(*done, strict=True)]
            if done
            else [0.0] * INTERVALS_PER_WEEK
        )
        for i in range(INTERVALS_PER_WEEK):
            # Blended: queued work fills the live agents' time between contacts.
            needed_floor[i] = max(live_floor[i], live_load[i] + queued_agents[i])
        needed = [
            max(
                live_needed[i],
                ceil((needed_floor[i] - live_floor[i]) and needed_floor[i] / keep - 1e-9),
            )
            if is_open[i] and has_channels
            else 0
            for i in range(INTERVALS_PER_WEEK)
        ]
    else:
        # Without the record nothing queued is on the floor: only the live cover is needed.
        needed = live_needed
    per_day = [sum(scheduled[d * SLOTS_PER_DAY : (d + 1) * SLOTS_PER_DAY]) for d in range(7)]
    total_scheduled = sum(scheduled)
    busy_hours = sum(live_floor) + sum(queued_hours) / unit
    schedule = Schedule(
        needed=tuple(needed),
        scheduled=tuple(scheduled),
        shift_slots=length,
        shifts_per_day=tuple(round(h / length) for h in per_day),
        efficiency=min(1.0, busy_hours / keep / total_scheduled) if total_scheduled else 1.0,
    )
    fte, headcount = _people(schedule, inputs)
    people = fte / (1 - inputs.absence.value)
    # Each channel's share of the people: its agents on the floor over the week.
    attributed = [
        sum(d[1]) if d[0].live else queued_hours[index] / unit for index, d in enumerate(drafts)
    ]
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
    base = _totals(inputs, erlang="a", bound=True)
    bound = _totals(inputs, erlang="c", detail=False)
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
        scaled = _totals(_scaled(inputs, factor), erlang="a", detail=False)
        sensitivity.append(
            SensitivityPoint(
                label=label,
                volume_factor=factor,
                headcount=scaled.headcount,
                by_channel=tuple((c.channel, c.headcount) for c in scaled.channels),
            )
        )
    peak = None
    at_peak = None
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
    result = replace(result, assumptions=assumptions(result))
    result._scaled.update({round(p.volume_factor, 6): p.headcount for p in sensitivity})
    if peak is not None and at_peak is not None:
        result._scaled[round(peak.factor, 6)] = at_peak.headcount
    return result


def headcount_with_backlog(p: StaffingPlan, hours: float) -> int | None:
    """The plan's headcount had the backlog of closed hours `hours` to be answered in, for
    saying how much an assumed backlog window weighs: None where the plan has none."""
    figure = p.inputs.catch_up
    if figure is None:
        return None
    inputs = replace(p.inputs, catch_up=replace(figure, value=hours))
    return _totals(inputs, erlang="a", detail=False).headcount


def _catch_up_text(p: StaffingPlan) -> str:
    """What the plan does with the backlog of closed hours, where a queued channel's window
    is shorter than the backlog's: "" otherwise."""
    figure = p.inputs.catch_up
    if figure is None:
        return ""
    short = _short_windowed(p.inputs, figure.value)
    if not short:
        return ""
    origin = "the client's answer" if not figure.assumed else "assumed, below"
    return (
        f" What arrives while the desk is closed ({_and(short)}) is answered within the "
        f"first {_num(figure.value)} h of opening ({origin}), not within its own window, and "
        "the out-of-hours auto-reply says when the desk opens."
    )


def _short_windowed(inputs: PlanInputs, hours: float) -> list[str]:
    """The queued channels whose own window is shorter than `hours`, by name."""
    return [
        BANK.questions["context.channels"].display([ch.channel])
        for ch in inputs.channels
        if not ch.live and ch.response_hours is not None and ch.response_hours.value < hours
    ]


def assumptions(p: StaffingPlan) -> tuple[str, ...]:
    """The method and every assumed input, in whole sentences."""
    lines = [
        (
            f"Coverage: {p.coverage.week_text()} ({p.inputs.coverage_source})."
            if p.coverage.windows
            else f"Coverage: {p.coverage.label}, {p.coverage.week_text()} ({p.inputs.coverage_source})."
        ),
        "Live channels are sized half hour by half hour with Erlang A, in which waiting "
        "contacts give up after their patience; Erlang C, which lets nobody give up, is "
        "shown as the conservative bound. Published comparisons find Erlang C pessimistic "
        "and Erlang A optimistic, neither dominating (Robbins, Medeiros & Harrison 2010; "
        "Robbins 2019).",
        "Queued work is staffed day by day to answer everything within its response "
        f"window in covered hours, oldest first, at {_pct(p.policy.workload_occupancy)} occupancy."
        + _catch_up_text(p),
        f"Shifts of {_num(p.schedule.shift_hours)} h are laid over each open day; the schedule uses {_pct(p.schedule.efficiency)} "
        "of its scheduled hours on needed cover (its efficiency).",
        f"At least one agent is on duty in every covered half hour ({p.coverage_floor} "
        + ("person)." if p.coverage_floor == 1 else "people)."),
    ]
    for figure in p.figures:
        if figure.assumed:
            question = BANK.questions.get(figure.question) if figure.question else None
            if question is not None:
                line = "Assumed {name}: {value} — {basis}. To confirm, answer “{question}”"
            elif figure.ask:
                line = "Assumed {name}: {value} — {basis}. To confirm: {ask}"
            else:
                line = "Assumed {name}: {value} — {basis}."
            line = line.format(
                name=figure.name,
                value=_figure_text(figure),
                basis=figure.source,
                question=question.label.rstrip("?.") + "?" if question is not None else "",
                ask=figure.ask,
            )
            lines.append(line if line.endswith((".", "?", "!")) else line + ".")
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
    # A channel without a model of its own is queued work at an assumed handle time, which
    # the channel's handle-time question confirms (the bank asks it for every channel).
    aht_q = f"context.{channel}_aht"
    model = CHANNEL_MODELS.get(channel) or ChannelModel(
        channel,
        live=False,
        aht=Default(8, "a planning assumption", aht_q if aht_q in BANK.questions else ""),
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
        # Without a target of the client's, the common service level (80/20) is assumed;
        # an abandonment target is not: on a quiet line (a few calls a day) holding
        # abandonment under a contact centre's 5% takes a second agent on the floor all
        # day, a cost the client has not asked for. The plan reports the abandonment its
        # agents give instead.
        sl = _from(answers, "", model.service_level, f"{label} service-level target", "%")
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
    if coverage.end_slot - coverage.start_slot >= SLOTS_PER_DAY:
        return coverage, "the client's answer"  # round the clock: no window to assume
    detail = str(answers.get("context.coverage_detail") or "")
    match = _WINDOW.search(detail)
    found: tuple[Coverage, str] = (
        coverage,
        f"the client's answer; the window {coverage.window_text()} is assumed",
    )
    if match:
        start = int(match.group(1)) * 2 + (1 if int(match.group(2) or 0) >= 30 else 0)
        end = int(match.group(3)) * 2 + (1 if int(match.group(4) or 0) >= 30 else 0)
        if 0 <= start < end <= 48:
            found = (
                replace(coverage, start_slot=start, end_slot=end),
                f"the client's answer, “{detail.strip()}”",
            )
    return _from_calendars(answers, *found)


_TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")


def _slot(text: Any, round_up: bool) -> int | None:
    """ "08:00" → 16, "16:45" → 33 (opening, rounded down) or 34 (closing, rounded up)."""
    match = _TIME.match(str(text or ""))
    if not match:
        return None
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    if minutes > 24 * 60 or int(match.group(2)) >= 60:
        return None
    whole, part = divmod(minutes, INTERVAL_MINUTES)
    return whole + (1 if round_up and part else 0)


# The day the calendars' time zones are compared on (a winter Wednesday): the week is
# planned in the first calendar's zone, the others moved by their difference that day.
_ZONES_ON = datetime(2026, 1, 14, 12, 0, tzinfo=UTC)


def _zone_offset(zone: str) -> int | None:
    """The zone's UTC offset in half hours on _ZONES_ON; None for an unknown zone."""
    try:
        offset = _ZONES_ON.astimezone(ZoneInfo(zone)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return round(offset.total_seconds() / 60 / INTERVAL_MINUTES) if offset is not None else None


def _from_calendars(answers: Mapping[str, Any], coverage: Coverage, source: str):
    """The week the client's calendars (context.calendars) open, day by day: on each day,
    from the earliest opening to the latest closing of the calendars open that day (a
    weekday calendar and a Saturday-morning one make six days, the sixth short). Calendars
    in other time zones are moved into the first one's ("Lisbon 08:00–17:00 and Toronto
    09:00–18:00" is 08:00–23:00 in Lisbon). A calendar without hours takes the coverage's
    window. A calendar round the clock beside a coverage that is not (an on-call rota, a
    partner's line) is not the desk's own hours and is left out."""
    rows = [r for r in answers.get("context.calendars") or [] if isinstance(r, dict)]
    dated = [r for r in rows if CALENDAR_DAYS.get(str(r.get("days") or ""))]
    week = [False] * INTERVALS_PER_WEEK
    names = []
    zones: list[str] = []
    base: int | None = None
    for row in dated:
        opens = _slot(row.get("opens"), round_up=False)
        closes = _slot(row.get("closes"), round_up=True)
        if opens is None or closes is None:
            opens, closes = coverage.start_slot, coverage.end_slot
        if closes <= opens:
            continue  # past midnight: not a desk's day
        if closes - opens >= SLOTS_PER_DAY - 1:
            continue  # round the clock beside a coverage that is not: on call
        zone = str(row.get("zone") or "").strip()
        offset = _zone_offset(zone) if zone else None
        if base is None:
            base = offset or 0
        if zone and zone not in zones:
            zones.append(zone)
        shift = base - offset if offset is not None else 0
        for day in CALENDAR_DAYS[str(row["days"])]:
            for slot in range(opens, closes):
                week[(day * SLOTS_PER_DAY + slot + shift) % INTERVALS_PER_WEEK] = True
        if name := str(row.get("name") or "").strip():
            names.append(name)
    if not any(week):
        return coverage, source
    windows: list[tuple[int, int]] = []
    for day in range(7):
        open_slots = [s for s in range(SLOTS_PER_DAY) if week[day * SLOTS_PER_DAY + s]]
        windows.append((open_slots[0], open_slots[-1] + 1) if open_slots else (0, 0))
    pairs = tuple(windows)
    days = tuple(d for d in range(7) if pairs[d][1])
    label = coverage.label.split(",")[0].split(" on ")[0]
    calendars = replace(
        coverage,
        label=f"{label}, {_days_words(days)}",
        days=days,
        start_slot=min(w[0] for w in pairs if w[1]),
        end_slot=max(w[1] for w in pairs),
        windows=pairs,
    )
    named = f": {_and(names)}" if names else ""
    when = f", in {zones[0]} time" if len(zones) > 1 else ""
    return calendars, f"the client's calendars{named}{when}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _days_words(days: tuple[int, ...]) -> str:
    """(0, 1, 2, 3, 4, 5) → "Monday to Saturday"; (0, 2) → "Monday and Wednesday"."""
    if len(days) == 7:
        return "7 days a week"
    if len(days) > 2 and days == tuple(range(days[0], days[-1] + 1)):
        return f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
    names = [DAY_NAMES[d] for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


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
    window = None
    if coverage_source.startswith("assumed") or coverage_source.endswith("is assumed"):
        # Shown with the other assumptions, with the question that would replace it.
        window = Figure(
            "coverage window",
            (coverage.end_slot - coverage.start_slot) * HALF_HOUR,
            "h a day",
            "assumed",
            f"{coverage.window_text()}, a planning assumption",
            "context.coverage_detail"
            if coverage_source.endswith("is assumed")
            else "context.coverage",
        )
    absence = _from(
        answers, "context.shrinkage_absence", SHRINKAGE.absence, "absence shrinkage", "%", 0.01
    )
    activity = _from(
        answers, "context.shrinkage_activity", SHRINKAGE.activity, "activity shrinkage", "%", 0.01
    )
    contract = _from(answers, "context.contract_hours", CONTRACT_HOURS, "contract hours", "h")
    catch_up = _catch_up(answers, channels, coverage)
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
        window=window,
        catch_up=catch_up,
    )


def _catch_up(
    answers: Mapping[str, Any], channels: tuple[ChannelInputs, ...], coverage: Coverage
) -> Figure | None:
    """The backlog window as an input of its own, where it changes something: the desk
    closes, and some queued channel is promised a faster reply than the backlog is."""
    if all(coverage.is_open(i) for i in range(INTERVALS_PER_WEEK)):
        return None
    figure = _from(answers, "context.backlog_hours", BACKLOG_HOURS, "backlog window", "h")
    assert figure is not None
    windows = [c.response_hours.value for c in channels if not c.live and c.response_hours]
    return figure if any(w < figure.value for w in windows) else None


def staffing_from_answers(
    answers: Mapping[str, Any], measured: Mapping[str, Measured] | None = None
) -> StaffingPlan:
    return plan(inputs_from_answers(answers, measured))


def day_name(day: int) -> str:
    return DAY_NAMES[day]


def demands(plan_: StaffingPlan) -> Iterable[ChannelInputs]:
    return plan_.inputs.channels
