"""Section 6: staffing — agents per channel from `frameworks.staffing`, with sensitivity and
the assumptions behind the figures."""

from __future__ import annotations

from typing import Any

from frameworks.staffing import CHANNEL_MODELS, ChannelPlan, demands_from_answers

from .base import Context, element, number_text, scoped, section

# The model and the current team differ "materially" beyond this share of the team (and by
# more than one person). Within it the figures agree as closely as their inputs allow;
# beyond it the proposal says which assumed inputs drive the model and asks, and never
# advises cutting a team on inputs nobody confirmed.
TEAM_MARGIN = 0.25


@scoped
def _channel(ctx: Context, c: ChannelPlan) -> dict[str, Any]:
    ctx.replay(ctx.channel_reads(c.channel))
    label = ctx.label("context.channels", c.channel)
    data: dict[str, Any] = {
        "channel": c.channel,
        "method": c.method,
        "monthly_volume": c.monthly_volume,
        "aht_minutes": c.aht_minutes,
        "concurrency": c.concurrency,
        "target": c.target,
        "busy_hour_contacts": round(c.busy_hour_contacts, 2),
        "average_hour_contacts": round(c.average_hour_contacts, 2),
        "fte": round(c.fte, 2),
        "headcount": c.headcount,
        "note": c.note,
    }
    if c.busy_hour is not None:
        b = c.busy_hour
        data["erlang"] = {
            "load_erlangs": round(b.load, 3),
            "agents_on_floor": b.agents,
            "scheduled": b.scheduled,
            "service_level": round(b.service_level, 4),
            "waiting_probability": round(b.waiting_probability, 4),
            "asa_seconds": round(b.asa_seconds, 1) if b.asa_seconds != float("inf") else None,
            "occupancy": round(b.occupancy, 4),
        }
        data["hourly_agents"] = list(c.hourly_agents)
        text = (
            f"{label}: {number_text(c.monthly_volume)} a month, {number_text(c.aht_minutes)} min handle time"
            + (f", {c.concurrency} at once" if c.concurrency > 1 else "")
            + f"; busy hour {b.load:.2f} Erlangs → {b.agents} on the floor for {c.target} "
            f"(service level {b.service_level:.0%}, average wait {b.asa_seconds:.0f} s, occupancy {b.occupancy:.0%}); "
            f"{c.fte:.1f} FTE across the covered week."
        )
    else:
        w = c.workload
        assert w is not None
        data["workload"] = {
            "workload_hours": round(w.workload_hours, 1),
            "productive_hours_per_agent": round(w.productive_hours_per_agent, 1),
            "fte": round(w.fte, 2),
        }
        text = (
            f"{label}: {number_text(c.monthly_volume)} a month × {number_text(c.aht_minutes)} min = "
            f"{w.workload_hours:.0f} hours of work; {w.fte:.2f} FTE at "
            f"{ctx.policy.workload_occupancy:.0%} occupancy"
            + (f" ({c.target})." if c.target else ".")
        )
    return element(
        ctx,
        f"staffing.channel.{c.channel}",
        "staffing_channel",
        f"{label}: {c.fte:.1f} FTE",
        text,
        data=data,
    )


def assumed_inputs(ctx: Context) -> list[str]:
    """The planning inputs the model assumed rather than read from an answer, busiest first."""
    demands = {d.channel: d for d in demands_from_answers(ctx.answers)}
    out = []
    for c in sorted(ctx.plan.channels, key=lambda c: -c.fte):
        demand = demands.get(c.channel)
        if demand is None or demand.aht_minutes is not None:
            continue
        label = ctx.label("context.channels", c.channel).lower()
        out.append(
            "{minutes} min a contact on {channel}, which carries {fte} FTE".format(
                channel=label, minutes=number_text(c.aht_minutes), fte=f"{c.fte:.1f}"
            )
        )
        model = CHANNEL_MODELS.get(c.channel)
        if model is not None and model.concurrency > 1 and demand.concurrency is None:
            out.append(f"{c.concurrency} conversations at once per agent on {label}")
    policy = ctx.plan.policy
    out.append(
        "{shrinkage} shrinkage on {hours} contracted hours a week".format(
            shrinkage=f"{policy.shrinkage:.0%}", hours=number_text(policy.contract_hours_per_week)
        )
    )
    return out


def team_comparison(ctx: Context, team: float | None) -> dict[str, Any]:
    """How the plan compares with the team the client has, and what to say about it."""
    plan = ctx.plan
    if team is None:
        return {"status": "unknown", "text": "", "assumed": []}
    gap = plan.headcount - team
    margin = max(1.0, TEAM_MARGIN * team)
    assumed = assumed_inputs(ctx)
    values = {
        "team": number_text(team),
        "plan": plan.headcount,
        "gap": number_text(abs(gap)),
        "assumed": "; ".join(assumed),
        "margin": f"{TEAM_MARGIN:.0%}",
    }
    if gap == 0:
        status, text = "matches", "The team today ({team}) matches the plan."
    elif abs(gap) <= margin and gap > 0:
        status = "close"
        text = (
            "The team has {team} today, {gap} fewer than the plan: within the {margin} margin "
            "of a model built on assumed inputs, so measure them in the first month before "
            "hiring ({assumed})."
        )
    elif abs(gap) <= margin:
        status = "close"
        text = (
            "The team has {team} today, {gap} more than the plan: within the {margin} margin "
            "of a model built on assumed inputs ({assumed}), and the spare hours go to the "
            "knowledge base and automation."
        )
    elif gap > 0:
        status = "short"
        text = (
            "The team has {team} today and the model asks for {plan} for these volumes. "
            "Before hiring, confirm the inputs the model assumed: {assumed}."
        )
    else:
        status = "above"
        text = (
            "The team has {team} today, more than the {plan} the model gives for these "
            "volumes. That is not a case for a smaller team: the model sees only the tickets "
            "counted here, not other duties the team carries (visits, projects, on-call), "
            "and it rests on inputs nobody has confirmed: {assumed}. Confirm them, and how "
            "much of the team's time goes to tickets, before drawing any conclusion."
        )
    return {"status": status, "text": text.format(**values), "assumed": assumed, "gap": gap}


def generate(ctx: Context) -> dict[str, Any]:
    plan = ctx.plan
    elements = [_channel(ctx, c) for c in plan.channels]
    with ctx.reading():
        elements.insert(0, _total(ctx))
    with ctx.reading():
        sensitivity = _sensitivity(ctx)
    if sensitivity is not None:
        elements.append(sensitivity)
    with ctx.reading():
        elements.append(_assumptions(ctx))
    intro = (
        f"Agents needed to meet the response targets on {len(plan.channels)} "
        f"channel{'s' if len(plan.channels) != 1 else ''}: Erlang C for live channels, a "
        "workload model for queued work."
    )
    return section("staffing", "Staffing", intro, elements)


def _total(ctx: Context) -> dict[str, Any]:
    plan = ctx.plan
    team = ctx.num("context.team_size")
    gap = plan.headcount - int(team) if team is not None else None
    text = (
        f"{plan.headcount} agent{'s' if plan.headcount != 1 else ''}: {plan.channel_fte:.1f} FTE across channels, and at least "
        f"{plan.coverage_floor} to keep someone on duty in every covered hour ({plan.coverage.label.lower()})."
    )
    comparison = team_comparison(ctx, team)
    if comparison["text"]:
        text += " " + comparison["text"]
    return element(
        ctx,
        "staffing.total",
        "staffing_total",
        f"{plan.headcount} agent{'s' if plan.headcount != 1 else ''}",
        text,
        data={
            "headcount": plan.headcount,
            "channel_fte": round(plan.channel_fte, 2),
            "coverage_floor": plan.coverage_floor,
            "coverage": plan.coverage.key,
            "team_size": team,
            "gap": gap,
            "team_comparison": comparison["status"],
            "assumed_inputs": comparison["assumed"],
            "shrinkage": plan.policy.shrinkage,
            "max_occupancy": plan.policy.max_occupancy,
        },
    )


def _sensitivity(ctx: Context) -> dict[str, Any] | None:
    plan = ctx.plan
    if plan.sensitivity:
        points = [
            {
                "label": s.label,
                "volume_factor": s.volume_factor,
                "headcount": s.headcount,
                "by_channel": dict(s.by_channel),
            }
            for s in plan.sensitivity
        ]
        return element(
            ctx,
            "staffing.sensitivity",
            "sensitivity",
            "Sensitivity",
            "; ".join(f"{p['label']}: {p['headcount']} agents" for p in points)
            + f" (plan: {plan.headcount}).",
            data={"points": points, "base": plan.headcount},
        )
    return None


def _assumptions(ctx: Context) -> dict[str, Any]:
    plan = ctx.plan
    return element(
        ctx,
        "staffing.assumptions",
        "assumptions",
        "Assumptions",
        " ".join(plan.assumptions),
        data={"assumptions": list(plan.assumptions)},
    )
