"""The business case: three years of today's operation against the proposal on each
shortlisted platform, in the manner of a Forrester TEI (costs, benefits as a range, present
value and payback), priced with the client's own figures where it gave them (loaded cost
of an agent hour, discount rate, day rate) and published unit costs (with source and date)
otherwise; every assumption says so.

The years: year 1 at today's volume, year 2 at the volume expected in 12 months, year 3
halfway between that and the 36-month figure (the volumes the client gave; without them,
today's volume throughout). People per year come from the staffing plan at that volume
(`StaffingPlan.scaled_headcount`, computed once per volume). The comparison is at the same
volumes: carrying on as today needs the people the volume needs; the proposal needs fewer
(the work self-service, first-contact resolution and the AI agent take away) and adds
licences, the AI agent and the implementation. Today's tool costs are not known and not
counted, so every licence counts against the proposal.

Today's team is a floor, as the staffing section says: the proposal makes no cut to a team
larger than the model on inputs nobody has measured. Each year the case carries at least
the team's paid full-time equivalents at the desk (`people_floor`; volunteers are not
priced) and licenses at least everyone on the team (`team`, the seats the tools section
prices), so the years, the seats and the staffing section say one thing.

Benefits, as a range from the stated uncertainty of their inputs: contacts resolved in
self-service, repeat contacts avoided by better first-contact resolution and, where the
plan uses a usage-priced AI agent, contacts it resolves. Each input has a low and a high
figure (catalogue.costs); the low end of the range takes every low figure, the high end
every high one, and the expected case the middle of each. Each removes work; with the
client's loaded cost the saving is the people the plan no longer needs at the lower volume
(whole people: a small team saves nothing from a few contacts), and the case counts it
after a stated risk haircut (`risk_haircut`: estimated, not yet measured benefits), so the
proposal's people are today's less the saving it counts. Without the client's loaded cost
no saving is priced at all: the contacts taken off the team are stated as contacts, never
as money at someone else's cost per contact.

Pure: plain values and the plan in, frozen dataclasses out; no ORM, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from frameworks.catalogue.costs import EFFORT_DAYS, EFFORT_SOURCE, RATES, Rate
from frameworks.staffing import StaffingPlan

YEARS = 3
WEEKS_PER_YEAR = 52
# Channels an AI agent answers (written, asynchronous or chat); never phone or in person.
AI_CHANNELS = frozenset({"email", "chat", "portal", "social", "messaging"})
# Events raised by systems, not questions people ask: self-service, better first-contact
# resolution and an AI agent take none of them off the team.
SYSTEM_CHANNELS = frozenset({"monitoring"})


@dataclass(frozen=True)
class AiPrice:
    unit: str  # resolution / session / conversation / action
    usd: float  # per `per` units
    per: int
    source: str
    checked: str = ""  # ISO date the source was read


@dataclass(frozen=True)
class OptionInput:
    """One shortlisted platform as the business case reads it."""

    platform_id: str
    name: str
    monthly_per_agent: float | None  # None: by quote
    licence_source: str
    ai: AiPrice | None = None
    licence_checked: str = ""
    # The cheapest plan's price when the platform is priced as a range (its plans are not
    # mapped to features); `monthly_per_agent` is then the dearest plan's.
    monthly_low: float | None = None


@dataclass(frozen=True)
class CaseInputs:
    agent_cost_hour: float | None  # the client's loaded cost of an agent hour, USD
    discount_rate: float | None  # the client's, a share (0.08)
    day_rate: float | None  # USD a day of implementation work
    team: int | None  # people on the team today (each works tickets in the tool: a seat)
    volume_now: float | None
    volume_12m: float | None
    volume_36m: float | None
    channels: int
    integrations: int
    self_hosted: bool
    use_ai: bool  # the client wants automation and does not refuse usage-based AI
    options: tuple[OptionInput, ...] = ()
    # The team's paid full-time equivalents at the desk: the people the case never plans
    # below (no cut on assumed inputs). None: no team given.
    people_floor: float | None = None
    # The share of tickets that came back, measured in the imported ticket history the
    # consultant chose, and where it was measured: better first-contact resolution cannot
    # avoid more repeat contacts than come back today.
    reopen_rate: float | None = None
    reopen_source: str = ""


@dataclass(frozen=True)
class Scenario:
    """One point of the range."""

    label: str  # "low" / "expected" / "high"
    # Share of the contacts people send that is removed (self-service + FCR + AI).
    reduction: float
    contacts_avoided: tuple[float, ...]  # contacts a year taken off the team
    people_saved: tuple[int, ...]  # per year
    # People priced: the people saved at the client's loaded cost, USD per year, before
    # (`gross`) and after (`savings`) the risk haircut. None: people not priced.
    gross: tuple[float, ...] | None
    savings: tuple[float, ...] | None
    ai_cost: tuple[float, ...]  # USD per year
    # The proposal's cost per year: with people priced, today's people less the saving
    # counted, licences, AI and self-service; without, licences and AI only.
    cost: tuple[float, ...]
    # Per year, people priced: today's cost less the proposal's. None: people not priced.
    net: tuple[float, ...] | None
    total: float  # the proposal's cost over three years, implementation included
    # Of the net, after implementation; None unless people and implementation are priced.
    npv: float | None
    payback_months: float | None  # None: not within three years, or not computable


@dataclass(frozen=True)
class Option:
    platform_id: str
    name: str
    licences: tuple[float, ...] | None  # USD per year; None: by quote
    licence_source: str
    licence_checked: str
    seats: tuple[int, ...]
    ai: AiPrice | None
    implementation_days: int
    implementation_usd: float | None
    low: Scenario
    expected: Scenario
    high: Scenario
    # From the cheapest plan, when the licence is a range (the case is costed on the
    # dearest, `licences`); None otherwise.
    licences_low: tuple[float, ...] | None = None


@dataclass(frozen=True)
class BusinessCase:
    factors: tuple[float, ...]  # volume per year against today's
    headcount: tuple[int, ...]  # the staffing model's people per year
    team_today: int | None  # people on the team today
    hours_per_person: float  # paid hours a year per person
    agent_cost_hour: float | None
    staff_cost: tuple[float, ...] | None  # the plan's people, USD per year
    # Carrying on as today: the people the volume needs each year, USD per year.
    today_cost: tuple[float, ...] | None
    discount_rate: float
    discount_assumed: bool
    day_rate: float | None
    priced_by: str  # "client" (its loaded cost) or "published" (cost per contact)
    options: tuple[Option, ...]
    rates: tuple[Rate, ...]  # the published figures and assumptions used
    effort_terms: tuple[tuple[str, int], ...]  # how the implementation days add up
    effort_source: str = EFFORT_SOURCE
    monthly_volume: float = 0.0  # the staffing plan's, every channel
    # Of it, raised by systems (monitoring alerts): nothing here removes them.
    system_volume: float = 0.0
    # Where the plan's volumes come from when some are measured ("measured from 14,203
    # tickets, March–August 2026"); "" when all are the client's answers.
    volume_measured: str = ""
    notes: tuple[str, ...] = field(default=())
    # The people the case carries per year: the model's, never below today's team.
    people: tuple[float, ...] = field(default=())
    people_floor: float | None = None
    seats: tuple[int, ...] = field(default=())  # licensed per year, every option alike
    haircut: float = 0.0  # the share of each saving held back for risk
    # Repeat contacts avoided by better first-contact resolution, low and high end (the
    # assumption's, held to the measured reopen rate when there is one).
    fcr_range: tuple[float, float] = (0.0, 0.0)
    reopen_rate: float | None = None
    reopen_source: str = ""

    @property
    def team_kept(self) -> bool:
        """Today's team is larger than the model in some year, and the case keeps it."""
        floor = self.people_floor
        return floor is not None and any(floor > h for h in self.headcount)

    @property
    def fcr_held(self) -> bool:
        """The measured reopen rate holds the first-contact resolution gain below the
        assumption's high end."""
        return self.reopen_rate is not None and self.fcr_range[1] < float(
            RATES["fcr_gain_high"].value
        )

    @property
    def priced(self) -> bool:
        return self.agent_cost_hour is not None

    @property
    def needs(self) -> tuple[str, ...]:
        """The client's figures the case still needs before it states a present value and a
        payback (discovery's business-case questions), in the order they matter."""
        out = []
        if self.agent_cost_hour is None:
            out.append("agent_cost_hour")
        if self.day_rate is None:
            out.append("day_rate")
        return tuple(out)


def _factors(i: CaseInputs) -> tuple[float, ...]:
    now = i.volume_now
    if not now:
        return (1.0,) * YEARS
    y2 = (i.volume_12m or now) / now
    y3 = ((i.volume_12m or now) + (i.volume_36m or i.volume_12m or now)) / 2 / now
    return (1.0, y2, y3)


def _effort(i: CaseInputs, agents: int) -> tuple[int, tuple[tuple[str, int], ...]]:
    terms = [
        ("set-up and configuration", EFFORT_DAYS["base"]),
        ("channels", EFFORT_DAYS["per_channel"] * i.channels),
        ("integrations", EFFORT_DAYS["per_integration"] * i.integrations),
        ("training and go-live", EFFORT_DAYS["per_10_agents"] * math.ceil(max(agents, 1) / 10)),
    ]
    if i.self_hosted:
        terms.append(("hosting it yourself", EFFORT_DAYS["self_hosted"]))
    terms = [(name, days) for name, days in terms if days]
    return sum(d for _, d in terms), tuple(terms)


def _npv(flows: Sequence[float], rate: float) -> float:
    """Year 0 first."""
    return sum(f / (1 + rate) ** y for y, f in enumerate(flows))


def _payback(flows: Sequence[float]) -> float | None:
    """Months until the cumulative flow (year 0 first, then whole years) turns positive."""
    total = flows[0]
    if total >= 0:
        return 0.0
    for year, flow in enumerate(flows[1:], start=1):
        if flow > 0 and total + flow >= 0:
            return round((year - 1 + -total / flow) * 12, 1)
        total += flow
    return None


def business_case(inputs: CaseInputs, plan: StaffingPlan) -> BusinessCase:
    i = inputs
    factors = _factors(i)
    headcount = tuple(plan.scaled_headcount(f) for f in factors)
    floor = i.people_floor if i.people_floor else 0.0

    def kept(needed: float) -> float:
        # No cut to today's team on the model's word: at least its paid desk FTE.
        return max(float(needed), floor)

    people = tuple(kept(h) for h in headcount)
    # Everyone on the team works tickets in the tool, every year (the tools section's seats).
    seats = tuple(max(h, i.team or 0) for h in headcount)
    hours = plan.policy.contract_hours_per_week * WEEKS_PER_YEAR
    rate = i.agent_cost_hour
    person = hours * rate if rate is not None else None
    staff = tuple(p * person for p in people) if person is not None else None
    team = i.team or None
    today = staff
    discount_assumed = i.discount_rate is None
    discount = float(RATES["discount_rate"].value) if i.discount_rate is None else i.discount_rate
    # The volumes the staffing plan works (measured where the consultant chose an imported
    # history, the answers otherwise), so the case and the staffing section count the same
    # contacts; the typed total only when the plan has no channel.
    volume = float(sum(c.monthly_volume for c in plan.channels) or i.volume_now or 0)
    system = sum(c.monthly_volume for c in plan.channels if c.channel in SYSTEM_CHANNELS)
    people_volume = volume - system
    people_share = people_volume / volume if volume else 0.0
    digital = sum(c.monthly_volume for c in plan.channels if c.channel in AI_CHANNELS)
    digital_share = digital / people_volume if people_volume else 0.0
    measured = [
        c.inputs.monthly_volume.source
        for c in plan.channels
        if c.inputs.monthly_volume.origin == "measured"
    ]
    r = {k: float(v.value) for k, v in RATES.items()}
    self_usd = r["self_service_usd"]
    haircut = r["risk_haircut"]
    people_kept = people
    days, terms = _effort(i, seats[0])
    implementation = days * i.day_rate if i.day_rate is not None else None

    used = ["self_service_low", "self_service_high", "fcr_gain_low", "fcr_gain_high"]
    if rate is not None:
        # Only a priced case prices anything with them.
        used += ["self_service_usd", "risk_haircut"]
        if discount_assumed and i.day_rate is not None:
            used.append("discount_rate")

    def scenario(label: str, ss: float, fcr: float, ai_rate: float, o: OptionInput) -> Scenario:
        ai = o.ai if i.use_ai else None
        ai_share = ai_rate * digital_share * (1 - ss) if ai is not None else 0.0
        reduction = ss + fcr + ai_share
        saved_people: list[int] = []
        avoided: list[float] = []
        gross, savings, ai_cost, cost, net = [], [], [], [], []
        for y, f in enumerate(factors):
            contacts = people_volume * f * 12
            avoided.append(contacts * reduction)
            # The work left: every channel's volume less the people's contacts removed.
            needed = kept(plan.scaled_headcount(f * (1 - reduction * people_share)))
            saved = max(0, math.floor(people_kept[y] - needed + 1e-9))
            saved_people.append(saved)
            if ai is not None:
                handled = digital * f * 12 * (1 - ss)
                # Per resolution: only what it resolves; per session or conversation:
                # every contact it takes.
                units = handled * ai_rate if ai.unit == "resolution" else handled
                ai_cost.append(units * ai.usd / ai.per)
            else:
                ai_cost.append(0.0)
            licence = (
                o.monthly_per_agent * 12 * seats[y] if o.monthly_per_agent is not None else 0.0
            )
            self_service = contacts * ss * self_usd
            if person is not None and today is not None:
                # The proposal's people: today's less the saving it counts, which is the
                # people the plan no longer needs after the risk haircut.
                gross.append(saved * person)
                savings.append(gross[-1] * (1 - haircut))
                cost.append(today[y] - savings[-1] + licence + ai_cost[-1] + self_service)
                net.append(today[y] - cost[-1])
            else:
                # People unpriced: the change's own cost only; what it takes off the team is
                # counted in contacts, never priced at someone else's cost per contact.
                cost.append(licence + ai_cost[-1])
        start = implementation or 0.0
        total = start + sum(cost)
        npv = payback = None
        # A present value and a payback only on the client's own costs: its people at its
        # loaded cost and the implementation at its day rate; never on published averages
        # or an implementation left at nothing.
        if net and implementation is not None:
            flows = [-start, *net]
            npv = _npv(flows, discount)
            payback = _payback(flows)

        def rounded(values: list[float]) -> tuple[float, ...] | None:
            return tuple(round(v, 2) for v in values) if person is not None else None

        return Scenario(
            label,
            round(reduction, 4),
            tuple(round(v) for v in avoided),
            tuple(saved_people),
            rounded(gross),
            rounded(savings),
            tuple(round(v, 2) for v in ai_cost),
            tuple(round(v, 2) for v in cost),
            rounded(net),
            round(total, 2),
            round(npv, 2) if npv is not None else None,
            payback,
        )

    # Each input's stated low and high figure; the expected case takes the middle of each.
    fcr_low, fcr_high = r["fcr_gain_low"], r["fcr_gain_high"]
    if i.reopen_rate is not None:
        # Measured: no more repeat contacts avoided than come back today.
        fcr_low, fcr_high = min(fcr_low, i.reopen_rate), min(fcr_high, i.reopen_rate)
    ends: dict[str, tuple[float, float, float]] = {
        "low": (r["self_service_low"], fcr_low, r["ai_resolution_low"]),
        "high": (r["self_service_high"], fcr_high, r["ai_resolution_high"]),
    }
    (ss_a, fcr_a, ai_a), (ss_b, fcr_b, ai_b) = ends["low"], ends["high"]
    ends["expected"] = ((ss_a + ss_b) / 2, (fcr_a + fcr_b) / 2, (ai_a + ai_b) / 2)
    options = []
    for o in i.options:
        low, expected, high = (scenario(k, *ends[k], o) for k in ("low", "expected", "high"))
        licences = (
            tuple(round(o.monthly_per_agent * 12 * s, 2) for s in seats)
            if o.monthly_per_agent is not None
            else None
        )
        options.append(
            Option(
                o.platform_id,
                o.name,
                licences,
                o.licence_source,
                o.licence_checked,
                seats,
                o.ai if i.use_ai else None,
                days,
                implementation,
                low,
                expected,
                high,
                tuple(round(o.monthly_low * 12 * s, 2) for s in seats)
                if o.monthly_low is not None
                else None,
            )
        )
        if i.use_ai and o.ai is not None:
            used += ["ai_resolution_low", "ai_resolution_high"]
    notes: list[str] = []
    return BusinessCase(
        factors=tuple(round(f, 4) for f in factors),
        headcount=headcount,
        team_today=team,
        hours_per_person=hours,
        agent_cost_hour=rate,
        staff_cost=tuple(round(s, 2) for s in staff) if staff is not None else None,
        today_cost=tuple(round(t, 2) for t in today) if today is not None else None,
        discount_rate=discount,
        discount_assumed=discount_assumed,
        day_rate=i.day_rate,
        priced_by="client" if rate is not None else "published",
        options=tuple(options),
        rates=tuple(RATES[k] for k in dict.fromkeys(used)),
        effort_terms=terms,
        monthly_volume=volume,
        system_volume=system,
        volume_measured="; ".join(dict.fromkeys(measured)),
        notes=tuple(notes),
        people=people,
        people_floor=i.people_floor,
        seats=seats,
        haircut=haircut,
        fcr_range=(fcr_low, fcr_high),
        reopen_rate=i.reopen_rate,
        reopen_source=i.reopen_source if i.reopen_rate is not None else "",
    )


def money(value: float | Decimal) -> str:
    """$1,234,567 → "$1.23M"; $48,200 → "$48,200"; negative with a minus sign."""
    v = float(value)
    sign = "−" if v < 0 else ""
    v = abs(v)
    if v >= 1_000_000:
        return f"{sign}${v / 1_000_000:,.2f}M"
    return f"{sign}${v:,.0f}"
