"""Staffing math: Erlang C for live channels, a workload model for queued work, and a
per-channel plan built from a project's monthly volumes.

Pure and ORM-free: plain numbers and frozen dataclasses in, frozen dataclasses out.

Erlang C (M/M/N), with A = λ·AHT/T the offered load in Erlangs and N agents (N > A):

    P_wait = C(N, A)               the Erlang C probability that a contact waits
    SL(t)  = 1 − P_wait·e^(−(N−A)·t/AHT)
    ASA    = P_wait·AHT/(N−A)
    occupancy = A/N,   scheduled = ⌈N/(1−shrinkage)⌉

C is computed from Erlang B by the recurrence B(0)=1, B(k)=A·B(k−1)/(k+A·B(k−1)) and
C = N·B/(N − A·(1−B)), which never forms A^N or N! and stays stable for thousands of
agents. Erlang C ignores abandonment, so it errs on the side of over-staffing.

The plan turns monthly volumes into a busy hour with planning assumptions that are data
(`COVERAGE_PROFILES`, `CHANNEL_MODELS`, `StaffingPolicy`) and are shown next to the
figures, so the consultant and the client can see and challenge them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

# Floating-point quotients such as 14/0.7 land a hair above the integer; without this a
# ceiling would add a phantom agent.
_EPSILON = 1e-9

WEEKS_PER_MONTH = 52 / 12


def _ceil(value: float) -> int:
    return math.ceil(value - _EPSILON)


# --- Erlang C primitives ---------------------------------------------------------------------


def offered_load(contacts: float, interval_minutes: float, aht_minutes: float) -> float:
    """Traffic in Erlangs: contacts arriving in the interval × handle time / interval."""
    if interval_minutes <= 0:
        raise ValueError("interval_minutes must be positive")
    if contacts < 0 or aht_minutes < 0:
        raise ValueError("contacts and aht_minutes must not be negative")
    return contacts * aht_minutes / interval_minutes


def erlang_b(agents: int, load: float) -> float:
    """Blocking probability of M/M/N/N, by the stable recurrence on N."""
    if agents < 0 or load < 0:
        raise ValueError("agents and load must not be negative")
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c(agents: int, load: float) -> float:
    """Probability that a contact waits (M/M/N). 1.0 when the queue is unstable (N ≤ A)."""
    if load == 0:
        return 0.0
    if agents <= load:
        return 1.0
    blocking = erlang_b(agents, load)
    return agents * blocking / (agents - load * (1 - blocking))


def service_level(agents: int, load: float, aht_seconds: float, target_seconds: float) -> float:
    """Share of contacts answered within `target_seconds`."""
    if load == 0:
        return 1.0
    if agents <= load:
        return 0.0
    waiting = erlang_c(agents, load)
    return 1.0 - waiting * math.exp(-(agents - load) * target_seconds / aht_seconds)


def average_speed_of_answer(agents: int, load: float, aht_seconds: float) -> float:
    """Mean wait in seconds over all contacts; infinite when the queue is unstable."""
    if load == 0:
        return 0.0
    if agents <= load:
        return math.inf
    return erlang_c(agents, load) * aht_seconds / (agents - load)


def occupancy(agents: int, load: float) -> float:
    """Share of agents' time spent handling contacts (capped at 1 when overloaded)."""
    if agents <= 0:
        return 1.0 if load > 0 else 0.0
    return min(1.0, load / agents)


def scheduled_agents(agents_on_floor: float, shrinkage: float) -> int:
    """People to schedule so that `agents_on_floor` are available: ⌈N/(1−s)⌉."""
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be in [0, 1)")
    return _ceil(agents_on_floor / (1 - shrinkage))


# --- Erlang C: sizing a live queue ----------------------------------------------------------


@dataclass(frozen=True)
class LiveQueue:
    """Arrivals in one interval of a live channel (phone, chat, messaging).

    For chat, `concurrency` is how many conversations one agent handles at once; the handle
    time is divided by it, the usual approximation.
    """

    contacts: float
    interval_minutes: float
    aht_minutes: float
    concurrency: int = 1

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if self.aht_minutes <= 0:
            raise ValueError("aht_minutes must be positive")

    @property
    def effective_aht_minutes(self) -> float:
        return self.aht_minutes / self.concurrency

    @property
    def load(self) -> float:
        return offered_load(self.contacts, self.interval_minutes, self.effective_aht_minutes)


@dataclass(frozen=True)
class ServiceTarget:
    """E.g. 80% answered within 20 s, at most 85% occupancy, 30% shrinkage."""

    service_level: float = 0.8
    answer_seconds: float = 20.0
    max_occupancy: float = 0.85
    shrinkage: float = 0.3

    def __post_init__(self) -> None:
        if not 0 < self.service_level < 1:
            raise ValueError("service_level must be in (0, 1)")
        if not 0 < self.max_occupancy <= 1:
            raise ValueError("max_occupancy must be in (0, 1]")
        if not 0 <= self.shrinkage < 1:
            raise ValueError("shrinkage must be in [0, 1)")
        if self.answer_seconds < 0:
            raise ValueError("answer_seconds must not be negative")

    def describe(self) -> str:
        return (
            f"{self.service_level:.0%} answered within {self.answer_seconds:g} s, "
            f"occupancy at most {self.max_occupancy:.0%}, shrinkage {self.shrinkage:.0%}"
        )


@dataclass(frozen=True)
class ErlangResult:
    load: float
    agents: int
    scheduled: int
    service_level: float
    waiting_probability: float
    asa_seconds: float
    occupancy: float


def erlang_result(queue: LiveQueue, agents: int, target: ServiceTarget) -> ErlangResult:
    """The queue's figures with exactly `agents` on the floor."""
    load = queue.load
    aht_seconds = queue.effective_aht_minutes * 60
    return ErlangResult(
        load=load,
        agents=agents,
        scheduled=scheduled_agents(agents, target.shrinkage),
        service_level=service_level(agents, load, aht_seconds, target.answer_seconds),
        waiting_probability=erlang_c(agents, load),
        asa_seconds=average_speed_of_answer(agents, load, aht_seconds),
        occupancy=occupancy(agents, load),
    )


def required_agents(queue: LiveQueue, target: ServiceTarget) -> ErlangResult:
    """The smallest N that meets the service level AND keeps occupancy under the cap.

    SL rises with N once N > A, so the first N that meets it is the smallest.
    """
    load = queue.load
    if load == 0:
        return erlang_result(queue, 0, target)
    aht_seconds = queue.effective_aht_minutes * 60
    agents = max(math.floor(load) + 1, _ceil(load / target.max_occupancy))
    while (
        service_level(agents, load, aht_seconds, target.answer_seconds)
        < target.service_level - _EPSILON
    ):
        agents += 1
    return erlang_result(queue, agents, target)


# --- Workload model: email, tickets, anything without a live queue ---------------------------


@dataclass(frozen=True)
class Workload:
    """Queued work in one period: agents = volume × AHT / (productive hours × occupancy).

    `agent_hours` are an agent's contracted hours in the same period; productive hours are
    those less shrinkage.
    """

    volume: float
    aht_minutes: float
    agent_hours: float
    occupancy: float = 0.85
    shrinkage: float = 0.3

    def __post_init__(self) -> None:
        if self.volume < 0 or self.aht_minutes < 0:
            raise ValueError("volume and aht_minutes must not be negative")
        if self.agent_hours <= 0:
            raise ValueError("agent_hours must be positive")
        if not 0 < self.occupancy <= 1:
            raise ValueError("occupancy must be in (0, 1]")
        if not 0 <= self.shrinkage < 1:
            raise ValueError("shrinkage must be in [0, 1)")


@dataclass(frozen=True)
class WorkloadResult:
    workload_hours: float
    productive_hours_per_agent: float
    fte: float
    agents: int
    scheduled: int


def workload_agents(work: Workload) -> WorkloadResult:
    hours = work.volume * work.aht_minutes / 60
    productive = work.agent_hours * (1 - work.shrinkage)
    fte = hours / (productive * work.occupancy)
    on_floor = hours / (work.agent_hours * work.occupancy)
    return WorkloadResult(
        workload_hours=hours,
        productive_hours_per_agent=productive,
        fte=fte,
        agents=_ceil(on_floor),
        scheduled=scheduled_agents(on_floor, work.shrinkage),
    )


# --- Planning assumptions (data) -------------------------------------------------------------


@dataclass(frozen=True)
class CoverageProfile:
    """Opening hours from the coverage answer, and how contacts spread over a covered day.

    `hourly_weights` give each covered hour's relative volume (a planning assumption, not a
    measurement): days are peaky late morning and early afternoon, and nights are quiet.
    """

    key: str
    label: str
    days_per_week: int
    hourly_weights: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.hourly_weights or min(self.hourly_weights) <= 0:
            raise ValueError("hourly_weights must be positive")

    @property
    def hours_per_day(self) -> int:
        return len(self.hourly_weights)

    @property
    def hours_per_week(self) -> float:
        return self.days_per_week * self.hours_per_day

    @property
    def days_per_month(self) -> float:
        return self.days_per_week * WEEKS_PER_MONTH

    @property
    def hours_per_month(self) -> float:
        return self.days_per_month * self.hours_per_day

    @property
    def hourly_shares(self) -> tuple[float, ...]:
        """Share of a day's contacts in each covered hour (sums to 1)."""
        total = sum(self.hourly_weights)
        return tuple(w / total for w in self.hourly_weights)

    @property
    def busy_hour_share(self) -> float:
        """Share of a day's contacts that arrive in its busiest hour."""
        return max(self.hourly_shares)

    @property
    def busy_hour_share_of_month(self) -> float:
        """Share of the month's volume that lands in one busy hour."""
        return self.busy_hour_share / self.days_per_month

    def describe(self) -> str:
        return (
            f"{self.label}: {self.days_per_week} days × {self.hours_per_day} h "
            f"({self.hours_per_week:g} h a week, {self.days_per_month:.1f} days a month); "
            f"the busiest hour carries {self.busy_hour_share:.0%} of a day's contacts "
            f"({self.busy_hour_share_of_month:.2%} of the month's)"
        )


# fmt: off
# Relative volume per covered hour. 9 h: 09–18; 14 h: 08–22; 24 h: from midnight.
_BUSINESS_DAY = (0.8, 1.2, 1.4, 1.2, 0.9, 1.0, 1.2, 1.0, 0.7)
_EXTENDED_DAY = (0.6, 0.9, 1.2, 1.3, 1.2, 1.0, 1.0, 1.1, 1.2, 1.2, 1.1, 1.0, 0.8, 0.5)
_FULL_DAY = (
    0.2, 0.15, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.2, 1.5, 1.6, 1.5,
    1.3, 1.4, 1.5, 1.4, 1.3, 1.1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.3,
)
# fmt: on

COVERAGE_PROFILES: dict[str, CoverageProfile] = {
    p.key: p
    for p in (
        CoverageProfile("business_hours", "Business hours on weekdays", 5, _BUSINESS_DAY),
        CoverageProfile("extended", "Extended hours, 7 days", 7, _EXTENDED_DAY),
        CoverageProfile("24x5", "24 hours on weekdays", 5, _FULL_DAY),
        CoverageProfile("24x7", "24/7", 7, _FULL_DAY),
    )
}
DEFAULT_COVERAGE = "business_hours"


@dataclass(frozen=True)
class StaffingPolicy:
    shrinkage: float = 0.30
    max_occupancy: float = 0.85
    workload_occupancy: float = 0.85
    contract_hours_per_week: float = 40.0

    @property
    def contract_hours_per_month(self) -> float:
        return self.contract_hours_per_week * WEEKS_PER_MONTH

    def describe(self) -> str:
        return (
            f"shrinkage {self.shrinkage:.0%} (breaks, training, absence), occupancy capped "
            f"at {self.max_occupancy:.0%} on live channels and planned at "
            f"{self.workload_occupancy:.0%} on queued work, {self.contract_hours_per_week:g} "
            "contracted hours a week per agent"
        )


Method = Literal["erlang_c", "workload"]


@dataclass(frozen=True)
class ChannelModel:
    """How a channel is staffed, with default handle times where the answers give none."""

    channel: str
    method: Method
    aht_minutes: float
    concurrency: int = 1
    service_level: float = 0.8
    answer_seconds: float = 20.0
    response_hours: float | None = None
    note: str = ""

    def target_text(self) -> str:
        if self.method == "erlang_c":
            return f"{self.service_level:.0%} answered within {self.answer_seconds:g} s"
        return f"first response within {self.response_hours:g} h" if self.response_hours else ""


CHANNEL_MODELS: dict[str, ChannelModel] = {
    m.channel: m
    for m in (
        ChannelModel(
            "phone",
            "erlang_c",
            6,
            service_level=0.8,
            answer_seconds=20,
            note="80/20 is the common call-centre target; AHT from the answers when given",
        ),
        ChannelModel(
            "chat",
            "erlang_c",
            10,
            concurrency=2,
            service_level=0.8,
            answer_seconds=60,
            note="handle time divided by concurrency; benchmark chat first response < 40 s–2 min",
        ),
        ChannelModel(
            "messaging",
            "erlang_c",
            12,
            concurrency=3,
            service_level=0.8,
            answer_seconds=300,
            note="WhatsApp-style conversations are near-live: 80% answered within 5 min",
        ),
        ChannelModel(
            "email",
            "workload",
            8,
            response_hours=4,
            note="no live queue; benchmark email first response < 1–4 h",
        ),
        ChannelModel(
            "portal",
            "workload",
            8,
            response_hours=4,
            note="portal and web-form tickets are queued work, like email",
        ),
        ChannelModel(
            "social",
            "workload",
            6,
            response_hours=1,
            note="public posts and DMs; benchmark social first response < 1 h",
        ),
        ChannelModel(
            "in_person",
            "workload",
            12,
            response_hours=None,
            note="walk-ups counted as workload at the desk",
        ),
    )
}


# --- Per-channel plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelDemand:
    channel: str
    monthly_volume: float
    aht_minutes: float | None = None
    concurrency: int | None = None


@dataclass(frozen=True)
class ChannelPlan:
    channel: str
    method: Method
    monthly_volume: float
    aht_minutes: float
    concurrency: int
    target: str
    busy_hour_contacts: float
    average_hour_contacts: float
    # Erlang channels: the busy hour's figures, and agents on the floor hour by hour.
    busy_hour: ErlangResult | None
    hourly_agents: tuple[int, ...]
    workload: WorkloadResult | None
    fte: float
    note: str

    @property
    def headcount(self) -> int:
        return _ceil(self.fte)


@dataclass(frozen=True)
class SensitivityPoint:
    label: str
    volume_factor: float
    headcount: int
    by_channel: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class StaffingPlan:
    coverage: CoverageProfile
    policy: StaffingPolicy
    channels: tuple[ChannelPlan, ...]
    channel_fte: float
    coverage_floor: int
    headcount: int
    sensitivity: tuple[SensitivityPoint, ...] = field(default=())
    assumptions: tuple[str, ...] = field(default=())

    def channel(self, key: str) -> ChannelPlan | None:
        return next((c for c in self.channels if c.channel == key), None)


def _channel_plan(
    demand: ChannelDemand, coverage: CoverageProfile, policy: StaffingPolicy
) -> ChannelPlan:
    model = CHANNEL_MODELS.get(demand.channel) or ChannelModel(demand.channel, "workload", 8)
    aht = demand.aht_minutes or model.aht_minutes
    concurrency = demand.concurrency or model.concurrency
    volume = max(0.0, float(demand.monthly_volume))
    busy = volume * coverage.busy_hour_share_of_month
    average = volume / coverage.hours_per_month

    if model.method == "erlang_c":
        target = ServiceTarget(
            service_level=model.service_level,
            answer_seconds=model.answer_seconds,
            max_occupancy=policy.max_occupancy,
            shrinkage=policy.shrinkage,
        )
        daily = volume / coverage.days_per_month
        hourly = [
            required_agents(LiveQueue(daily * share, 60, aht, concurrency), target)
            for share in coverage.hourly_shares
        ]
        busy_result = required_agents(LiveQueue(busy, 60, aht, concurrency), target)
        # Everyone needed in the busy hour must exist; across the week, each covered hour's
        # floor staff must be rostered, and a rostered agent is productive (1 − s) of the time.
        agent_hours_per_week = sum(r.agents for r in hourly) * coverage.days_per_week
        roster = agent_hours_per_week / (policy.contract_hours_per_week * (1 - policy.shrinkage))
        fte = max(float(busy_result.scheduled), roster)
        return ChannelPlan(
            channel=demand.channel,
            method="erlang_c",
            monthly_volume=volume,
            aht_minutes=aht,
            concurrency=concurrency,
            target=model.target_text(),
            busy_hour_contacts=busy,
            average_hour_contacts=average,
            busy_hour=busy_result,
            hourly_agents=tuple(r.agents for r in hourly),
            workload=None,
            fte=fte,
            note=model.note,
        )

    work = workload_agents(
        Workload(
            volume=volume,
            aht_minutes=aht,
            agent_hours=policy.contract_hours_per_month,
            occupancy=policy.workload_occupancy,
            shrinkage=policy.shrinkage,
        )
    )
    return ChannelPlan(
        channel=demand.channel,
        method="workload",
        monthly_volume=volume,
        aht_minutes=aht,
        concurrency=1,
        target=model.target_text(),
        busy_hour_contacts=busy,
        average_hour_contacts=average,
        busy_hour=None,
        hourly_agents=(),
        workload=work,
        fte=work.fte,
        note=model.note,
    )


def _scaled(demands: Iterable[ChannelDemand], factor: float) -> list[ChannelDemand]:
    return [replace(d, monthly_volume=d.monthly_volume * factor) for d in demands]


def _headcount(
    demands: list[ChannelDemand], coverage: CoverageProfile, policy: StaffingPolicy
) -> tuple[tuple[ChannelPlan, ...], float, int, int]:
    plans = tuple(_channel_plan(d, coverage, policy) for d in demands)
    channel_fte = sum(p.fte for p in plans)
    # Someone must be on duty in every covered hour, however quiet it is.
    floor = (
        _ceil(coverage.hours_per_week / (policy.contract_hours_per_week * (1 - policy.shrinkage)))
        if plans
        else 0
    )
    return plans, channel_fte, floor, max(_ceil(channel_fte), floor)


# How the method names a channel; only the client's own channels are named.
_CHANNEL_WORDS = {"in_person": "walk-ups", "app_reviews": "app-store reviews"}


def _method_lines(plans: Iterable[ChannelPlan]) -> tuple[str, ...]:
    live = [p.channel for p in plans if p.method == "erlang_c"]
    queued = [p.channel for p in plans if p.method != "erlang_c"]

    def words(channels: list[str]) -> str:
        names = [_CHANNEL_WORDS.get(c, c.replace("_", " ")) for c in channels]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

    lines = []
    if live:
        lines.append(
            f"Live channels ({words(live)}) are sized with Erlang C hour by hour over the covered "
            "day; headcount is the larger of the busy hour's scheduled agents and the week's "
            "floor hours divided by each agent's productive hours."
        )
    if queued:
        lines.append(
            "{channels} {verb} sized as workload: volume × AHT / (productive hours × "
            "occupancy).".format(
                channels=words(queued).capitalize(), verb="is" if len(queued) == 1 else "are"
            )
        )
    if live:
        lines.append("Erlang C ignores abandonment, so it errs on the side of over-staffing.")
    return tuple(lines)


def plan_staffing(
    demands: Iterable[ChannelDemand],
    coverage: str = DEFAULT_COVERAGE,
    policy: StaffingPolicy | None = None,
    peak_factor: float | None = None,
) -> StaffingPlan:
    """Agents per channel for monthly volumes, with −20%/+20% and peak sensitivity."""
    policy = policy or StaffingPolicy()
    profile = COVERAGE_PROFILES.get(coverage, COVERAGE_PROFILES[DEFAULT_COVERAGE])
    base = list(demands)
    plans, channel_fte, floor, headcount = _headcount(base, profile, policy)

    factors: list[tuple[str, float]] = [("−20% volume", 0.8), ("+20% volume", 1.2)]
    if peak_factor and peak_factor > 1:
        factors.append((f"peak ×{peak_factor:g}", float(peak_factor)))
    sensitivity = []
    for label, factor in factors:
        s_plans, _, _, s_headcount = _headcount(_scaled(base, factor), profile, policy)
        sensitivity.append(
            SensitivityPoint(
                label=label,
                volume_factor=factor,
                headcount=s_headcount,
                by_channel=tuple((p.channel, p.headcount) for p in s_plans),
            )
        )

    assumptions = (
        f"Coverage — {profile.describe()}.",
        f"Policy — {policy.describe()}.",
        *_method_lines(plans),
        f"At least one agent is on duty in every covered hour ({floor} people).",
    )
    return StaffingPlan(
        coverage=profile,
        policy=policy,
        channels=plans,
        channel_fte=channel_fte,
        coverage_floor=floor,
        headcount=headcount,
        sensitivity=tuple(sensitivity),
        assumptions=assumptions,
    )


def _number(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def demands_from_answers(answers: Mapping[str, Any]) -> list[ChannelDemand]:
    """One demand per selected channel, from context.volume_<channel> and the AHT answers."""
    channels = answers.get("context.channels") or []
    demands = []
    for channel in channels:
        volume = _number(answers.get(f"context.volume_{channel}")) or 0.0
        aht = _number(answers.get("context.phone_aht")) if channel == "phone" else None
        concurrency = (
            _number(answers.get("context.chat_concurrency")) if channel == "chat" else None
        )
        demands.append(
            ChannelDemand(
                channel=channel,
                monthly_volume=volume,
                aht_minutes=aht if aht and aht > 0 else None,
                concurrency=int(concurrency) if concurrency and concurrency >= 1 else None,
            )
        )
    return demands


def staffing_from_answers(
    answers: Mapping[str, Any], policy: StaffingPolicy | None = None
) -> StaffingPlan:
    return plan_staffing(
        demands_from_answers(answers),
        coverage=str(answers.get("context.coverage") or DEFAULT_COVERAGE),
        policy=policy,
        peak_factor=_number(answers.get("scale.peak_factor")),
    )
