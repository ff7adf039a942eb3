"""Section 6: staffing — agents per channel and per half hour of the week from
`frameworks.staffing`, turned into shifts, with the peak's own days, sensitivity, and where
every input came from (the client's answer, the imported history, or an assumption)."""

from __future__ import annotations

from typing import Any

from discovery.bank import BANK
from frameworks.staffing import Figure
from frameworks.staffing.plan import headcount_with_backlog
from frameworks.staffing.profiles import DAY_NAMES

from .base import Context, element, join, number_text, scoped, section
from .team import Team, team_sentences, team_today
from .wording import count_text, midsentence

# The model and the current team differ "materially" beyond this share of the team (and by
# more than one person). Within it the figures agree as closely as their inputs allow;
# beyond it the proposal says which assumed inputs drive the model and asks, and never
# advises cutting a team on inputs nobody confirmed.
TEAM_MARGIN = 0.25


def figure_data(f: Figure) -> dict[str, Any]:
    return {
        "name": f.name,
        "value": f.value,
        "unit": f.unit,
        "origin": f.origin,
        # What the figure rests on (the client's answer, a measurement, or a planning
        # assumption and its reasoning): its basis, not a published source with a date.
        "basis": f.source,
        "question": f.question,
        "ask": f.ask,
        "import_id": f.import_id,
    }


@scoped
def _channel(ctx: Context, key: str) -> dict[str, Any]:
    # A channel's FTE is its share of one blended schedule: it moves with every channel's
    # inputs, so the element reads the whole plan.
    c = ctx.plan.channel(key)
    assert c is not None
    label = ctx.label("context.channels", c.channel)
    volume = c.inputs.monthly_volume
    data: dict[str, Any] = {
        "channel": c.channel,
        "method": c.method,
        "monthly_volume": c.monthly_volume,
        "aht_minutes": c.aht_minutes,
        "concurrency": c.concurrency,
        "target": c.target,
        "fte": round(c.fte, 2),
        "headcount": c.headcount,
        "volume_origin": volume.origin,
        "volume_basis": volume.source,
        "inputs": [figure_data(f) for f in c.inputs.figures],
    }
    if c.busy is not None:
        b = c.busy
        a = b.erlang_a
        data["busy_interval"] = {
            "day": DAY_NAMES[c.busy_interval // 48],
            "time": "{:02d}:{:02d}".format(*divmod((c.busy_interval % 48) * 30, 60)),
            "contacts": round(b.contacts, 2),
        }
        data["erlang"] = {
            "load_erlangs": round(b.load, 3),
            "agents_on_floor": b.agents,
            "service_level": round(a.service_level, 4),
            "abandonment": round(a.abandonment, 4),
            "waiting_probability": round(a.waiting_probability, 4),
            "asa_seconds": round(a.asa_seconds, 1),
            "occupancy": round(a.occupancy, 4),
            "erlang_c_agents": b.agents_erlang_c,
            "erlang_c_service_level": round(b.erlang_c_service_level, 4),
            "erlang_c_asa_seconds": round(b.erlang_c_asa_seconds, 1),
        }
        text = (
            (
                "{channel}: {volume} a month ({origin}), {aht} min handle time{concurrency}. "
                "In the busiest half hour ({day} {time}, {contacts}) one agent on "
                "the floor meets {target} by Erlang A: service level {sl}, {abandon} "
                "abandoned, average wait {asa} s. Erlang C, which lets nobody give up, would "
                "want {agents_c}. {fte} FTE across the week."
            )
            if b.agents == 1
            else (
                "{channel}: {volume} a month ({origin}), {aht} min handle time{concurrency}. "
                "In the busiest half hour ({day} {time}, {contacts}) {agents} agents "
                "on the floor meet {target} by Erlang A: service level {sl}, {abandon} "
                "abandoned, average wait {asa} s. Erlang C, which lets nobody give up, would "
                "want {agents_c}. {fte} FTE across the week."
            )
        ).format(
            channel=label,
            volume=number_text(c.monthly_volume),
            origin=volume.source,
            aht=number_text(c.aht_minutes),
            concurrency=(f", {c.concurrency} at once" if c.concurrency > 1 else ""),
            day=data["busy_interval"]["day"],
            time=data["busy_interval"]["time"],
            contacts=count_text(b.contacts, "contact", "contacts"),
            agents=b.agents,
            target=c.target,
            sl=f"{a.service_level:.0%}",
            abandon=f"{a.abandonment:.1%}",
            asa=f"{a.asa_seconds:.0f}",
            agents_c=b.agents_erlang_c,
            fte=f"{c.fte:.1f}",
        )
    else:
        data["workload"] = {"workload_hours": round(c.workload_hours_month, 1)}
        text = (
            "{channel}: {volume} a month ({origin}) × {aht} min = {hours} hours of work a "
            "month, planned so that {target}; {fte} FTE."
        ).format(
            channel=label,
            volume=number_text(c.monthly_volume),
            origin=volume.source,
            aht=number_text(c.aht_minutes),
            hours=f"{c.workload_hours_month:.0f}",
            target=c.target,
            fte=f"{c.fte:.1f}",
        )
    return element(
        ctx,
        f"staffing.channel.{c.channel}",
        "staffing_channel",
        "{channel}: {fte} FTE".format(channel=label, fte=f"{c.fte:.1f}"),
        text,
        data=data,
    )


def assumed_inputs(ctx: Context) -> list[str]:
    """The planning inputs the model assumed rather than read from an answer or measured,
    busiest channel first."""
    out = []
    for c in sorted(ctx.plan.channels, key=lambda c: -c.fte):
        label = midsentence(ctx.label("context.channels", c.channel))
        if c.inputs.aht.assumed:
            out.append(
                "{minutes} min a contact on {channel}, which carries {fte} FTE".format(
                    channel=label, minutes=number_text(c.aht_minutes), fte=f"{c.fte:.1f}"
                )
            )
        if c.inputs.concurrency is not None and c.inputs.concurrency.assumed:
            out.append(f"{c.concurrency} conversations at once per agent on {label}")
    inputs = ctx.plan.inputs
    if inputs.catch_up is not None and inputs.catch_up.assumed:
        out.append(
            f"what arrives while the desk is closed answered within {number_text(inputs.catch_up.value)} h of opening"
        )
    if inputs.absence.assumed or inputs.activity.assumed or inputs.contract_hours.assumed:
        policy = ctx.plan.policy
        out.append(
            "{shrinkage} shrinkage on {hours} contracted hours a week".format(
                shrinkage=f"{policy.shrinkage:.0%}",
                hours=number_text(policy.contract_hours_per_week),
            )
        )
    return out


def team_comparison(ctx: Context, today: Team | None) -> dict[str, Any]:
    """How the plan compares with the team the client has, like with like (full-time
    equivalents at the desk when the team's roles are known), and what to say about it."""
    plan = ctx.plan
    if today is None:
        return {"status": "unknown", "text": "", "assumed": []}
    team = today.basis()
    gap = plan.headcount - team
    margin = max(1.0, TEAM_MARGIN * team)
    assumed = assumed_inputs(ctx)
    values = {
        "team": today.desk_text(),
        "plan": plan.headcount,
        "gap": number_text(abs(gap)),
        "assumed": "; ".join(assumed),
        "margin": f"{TEAM_MARGIN:.0%}",
    }
    if abs(gap) < 0.5:
        status, text = "matches", "The team today ({team}) matches the plan."
    elif abs(gap) <= margin and gap > 0:
        status = "close"
        text = (
            "The team has {team} today, {gap} fewer than the plan: within the {margin} margin "
            "of a model built on assumed inputs, so measure them in the first month before "
            "hiring ({assumed})."
            if assumed
            else "The team has {team} today, {gap} fewer than the plan: within the {margin} "
            "margin of the model, so watch the first month's service level before hiring."
        )
    elif abs(gap) <= margin:
        status = "close"
        text = (
            "The team has {team} today, {gap} more than the plan: within the {margin} margin "
            "of a model built on assumed inputs ({assumed}), and the spare hours go to the "
            "knowledge base and automation."
            if assumed
            else "The team has {team} today, {gap} more than the plan: within the {margin} "
            "margin of the model, and the spare hours go to the knowledge base and automation."
        )
    elif gap > 0:
        status = "short"
        text = (
            "The team has {team} today and the model asks for {plan} for these volumes. "
            "Before hiring, confirm the inputs the model assumed: {assumed}." + _backlog_weight(ctx)
            if assumed
            else "The team has {team} today and the model asks for {plan} for these volumes, "
            "all from the client's own figures: plan the hiring, or the targets the team can "
            "meet as it is."
        )
    elif assumed:
        status = "above"
        text = (
            "The team has {team} today, more than the {plan} the model gives for these "
            "volumes. That is not a case for a smaller team: the model sees only the tickets "
            "counted here, not other duties the team carries (visits, projects, on-call), "
            "and it rests on inputs nobody has confirmed: {assumed}. Confirm them, and how "
            "much of the team's time goes to tickets, before drawing any conclusion."
        )
    else:
        status = "above"
        text = (
            "The team has {team} today, more than the {plan} the model gives for these "
            "volumes. That is not a case for a smaller team: the model sees only the tickets "
            "counted here, not other duties the team carries (visits, projects, on-call). "
            "Measure how much of the team's time goes to tickets before drawing any "
            "conclusion."
        )
    if today.from_roles and (lead := team_sentences(today)):
        text = lead + " " + text
    return {"status": status, "text": text.format(**values), "assumed": assumed, "gap": gap}


def _backlog_weight(ctx: Context) -> str:
    """How much the assumed backlog window weighs, where a longer one would need fewer
    people: the night's and weekend's messages on the first hours of opening are what most
    often inflates a plan for a desk that closes."""
    figure = ctx.plan.inputs.catch_up
    if figure is None or not figure.assumed:
        return ""
    hours = 2 * figure.value
    other = headcount_with_backlog(ctx.plan, hours)
    if other is None or other >= ctx.plan.headcount:
        return ""
    return (
        f" Answering that backlog within {number_text(hours)} h of opening instead would need {other} "
        "people."
    )


@scoped
def _total(ctx: Context) -> dict[str, Any]:
    plan = ctx.plan
    today = team_today(ctx)
    team = ctx.num("context.team_size")
    gap = round(plan.headcount - today.basis(), 1) if today is not None else None
    text = (
        "{headcount} people: {fte} FTE on the shifts of a normal week, grossed up for "
        "{absence} absence; at least {floor} to keep someone on duty in every covered "
        "half hour ({coverage}). Erlang C, the conservative bound, would want {bound}."
    ).format(
        headcount=plan.headcount,
        fte=f"{plan.schedule.scheduled_hours_week / plan.policy.contract_hours_per_week:.1f}",
        absence=f"{plan.policy.absence:.0%}",
        floor=plan.coverage_floor,
        coverage=plan.coverage.label[:1].lower() + plan.coverage.label[1:],
        bound=plan.headcount_erlang_c,
    )
    comparison = team_comparison(ctx, today)
    if comparison["text"]:
        text += " " + comparison["text"]
    return element(
        ctx,
        "staffing.total",
        "staffing_total",
        f"{plan.headcount} people",
        text,
        data={
            "headcount": plan.headcount,
            "headcount_erlang_c": plan.headcount_erlang_c,
            "channel_fte": round(plan.channel_fte, 2),
            "coverage_floor": plan.coverage_floor,
            "coverage": plan.coverage.key,
            "team_size": team,
            # What the plan is compared with: full-time equivalents at the desk.
            "team_basis": round(today.basis(), 1) if today is not None else None,
            "gap": gap,
            "team_comparison": comparison["status"],
            "assumed_inputs": comparison["assumed"],
            "shrinkage": round(plan.policy.shrinkage, 4),
            "absence": plan.policy.absence,
            "activity": plan.policy.activity,
            "max_occupancy": plan.policy.max_occupancy,
            "contract_hours": plan.policy.contract_hours_per_week,
            "assumed_count": sum(1 for f in plan.figures if f.assumed),
            "measured_count": sum(1 for f in plan.figures if f.origin == "measured"),
        },
    )


@scoped
def _schedule(ctx: Context) -> dict[str, Any]:
    plan = ctx.plan
    s = plan.schedule
    day = DAY_NAMES[plan.busy_day]
    rows = plan.busy_day_rows()
    peak_needed = max((r["needed"] for r in rows), default=0)
    text = (
        (
            "Shifts of {hours} h laid over each open day: {shifts} on {day}, the "
            "busiest day, when one agent on shift is enough at any time. The schedule's "
            "efficiency is {efficiency}: that share of the scheduled hours is needed cover, "
            "the rest is the price of whole shifts (quiet ends of the day, the one agent "
            "always on duty)."
        )
        if peak_needed <= 1
        else (
            "Shifts of {hours} h laid over each open day: {shifts} on {day}, the "
            "busiest day, when up to {peak} agents are needed on shift at once. The "
            "schedule's efficiency is {efficiency}: that share of the scheduled hours is "
            "needed cover, the rest is the price of whole shifts (quiet ends of the day, the "
            "one agent always on duty)."
        )
    ).format(
        hours=number_text(s.shift_hours),
        shifts=count_text(s.shifts_per_day[plan.busy_day], "shift", "shifts"),
        day=day,
        peak=peak_needed,
        efficiency=f"{s.efficiency:.0%}",
    )
    return element(
        ctx,
        "staffing.schedule",
        "staffing_schedule",
        f"Required and scheduled agents on {day}",
        text,
        data={
            "day": day,
            "rows": rows,
            "shift_hours": s.shift_hours,
            "shifts_per_day": dict(zip(DAY_NAMES, s.shifts_per_day, strict=True)),
            "efficiency": round(s.efficiency, 4),
            "activity": plan.policy.activity,
            "curve_measured": all(c.inputs.curve.origin == "measured" for c in plan.channels),
        },
    )


@scoped
def _peak(ctx: Context) -> dict[str, Any] | None:
    peak = ctx.plan.peak
    if peak is None:
        return None
    if peak.extra_agent_days is not None and peak.days is not None:
        days_text = (
            "Over the {days} peak days a year that is about {extra} extra agent-days "
            "(temporary staff, overtime or a partner), not a bigger team all year."
        ).format(days=number_text(peak.days.value), extra=f"{peak.extra_agent_days:.0f}")
    else:
        days_text = (
            "How many peak days a year is not known yet (the discovery question “{question}”), "
            "so their extra agent-days are not counted."
        ).format(question=BANK.questions["scale.peak_days"].label)
    text = (
        (
            "At {factor}× the normal volume, one agent on the floor is still enough at any "
            "time of a peak day, with {shifts} on its busiest day against {normal} on "
            "a normal one. {days}"
        )
        if peak.busiest_floor <= 1
        else (
            "At {factor}× the normal volume, a peak day needs up to {floor} agents on the "
            "floor at once and {shifts} on its busiest day, against {normal} on a "
            "normal one. {days}"
        )
    ).format(
        factor=number_text(peak.factor),
        floor=peak.busiest_floor,
        shifts=count_text(peak.shifts_per_day, "shift", "shifts"),
        normal=peak.normal_shifts_per_day,
        days=days_text,
    )
    return element(
        ctx,
        "staffing.peak",
        "staffing_peak",
        "Peak days",
        text,
        data={
            "factor": peak.factor,
            "busiest_floor": peak.busiest_floor,
            "shifts_per_day": peak.shifts_per_day,
            "normal_shifts_per_day": peak.normal_shifts_per_day,
            "days": peak.days.value if peak.days else None,
            "extra_agent_days": (
                round(peak.extra_agent_days, 1) if peak.extra_agent_days is not None else None
            ),
        },
    )


@scoped
def _sensitivity(ctx: Context) -> dict[str, Any] | None:
    plan = ctx.plan
    if not plan.sensitivity:
        return None
    points = [
        {
            "label": s.label,
            "volume_factor": s.volume_factor,
            "headcount": s.headcount,
            "by_channel": dict(s.by_channel),
        }
        for s in plan.sensitivity
    ]
    text = "; ".join(
        "{label}: {n} people".format(label=p["label"], n=p["headcount"]) for p in points
    )
    return element(
        ctx,
        "staffing.sensitivity",
        "sensitivity",
        "Sensitivity",
        f"{text} (plan: {plan.headcount}).",
        data={"points": points, "base": plan.headcount},
    )


@scoped
def _assumptions(ctx: Context) -> dict[str, Any]:
    plan = ctx.plan
    return element(
        ctx,
        "staffing.assumptions",
        "assumptions",
        "Method and assumptions",
        " ".join(plan.assumptions),
        data={
            "assumptions": list(plan.assumptions),
            "inputs": [figure_data(f) for f in plan.figures],
        },
    )


def generate(ctx: Context) -> dict[str, Any]:
    plan = ctx.plan
    elements = [_total(ctx)]
    elements += [_channel(ctx, c.channel) for c in plan.channels]
    if plan.channels:
        elements.append(_schedule(ctx))
    for build in (_peak, _sensitivity):
        built = build(ctx)
        if built is not None:
            elements.append(built)
    elements.append(_assumptions(ctx))
    intro = (
        "Agents needed to meet the response targets on {channels}, half hour by half hour "
        "over the week: Erlang A for live channels (with Erlang C as the conservative "
        "bound), queued work planned across its response window, then shifts."
    ).format(channels=join(ctx.label("context.channels", c.channel) for c in plan.channels))
    return section("staffing", "Staffing", intro, elements)
