"""Section 6: staffing — agents per channel from `frameworks.staffing`, with sensitivity and
the assumptions behind the figures."""

from __future__ import annotations

from typing import Any

from frameworks.staffing import ChannelPlan

from .base import Context, element, number_text, section


def _channel(ctx: Context, c: ChannelPlan) -> dict[str, Any]:
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
            f"{ctx.plan.policy.workload_occupancy:.0%} occupancy"
            + (f" ({c.target})." if c.target else ".")
        )
    qids = ["context.channels", f"context.volume_{c.channel}", "context.coverage"]
    if c.channel == "phone":
        qids.append("context.phone_aht")
    if c.channel == "chat":
        qids.append("context.chat_concurrency")
    return element(
        ctx,
        f"staffing.channel.{c.channel}",
        "staffing_channel",
        f"{label}: {c.fte:.1f} FTE",
        text,
        data=data,
        requirements=ctx.reqs(questions=[f"context.volume_{c.channel}"], categories=("channels",)),
        answers=qids,
    )


def generate(ctx: Context) -> dict[str, Any]:
    plan = ctx.plan
    elements = [_channel(ctx, c) for c in plan.channels]
    team = ctx.num("context.team_size")
    gap = plan.headcount - int(team) if team is not None else None
    text = (
        f"{plan.headcount} agent{'s' if plan.headcount != 1 else ''}: {plan.channel_fte:.1f} FTE across channels, and at least "
        f"{plan.coverage_floor} to keep someone on duty in every covered hour ({plan.coverage.label.lower()})."
    )
    if gap is not None:
        if gap > 0:
            text += f" The team has {number_text(team or 0)} today: {gap} more needed."
        elif gap < 0:
            text += f" The team has {number_text(team or 0)} today: {-gap} could move to knowledge-base and automation work."
        else:
            text += " The team today matches the plan."
    elements.insert(
        0,
        element(
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
                "shrinkage": plan.policy.shrinkage,
                "max_occupancy": plan.policy.max_occupancy,
            },
            requirements=ctx.reqs(codes=("FR-PRI-004", "FR-PRI-005", "NFR-SCL-001")),
            answers=[
                "context.channels",
                "context.team_size",
                "context.coverage",
                "context.coverage_detail",
            ],
        ),
    )
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
        elements.append(
            element(
                ctx,
                "staffing.sensitivity",
                "sensitivity",
                "Sensitivity",
                "; ".join(f"{p['label']}: {p['headcount']} agents" for p in points)
                + f" (plan: {plan.headcount}).",
                data={"points": points, "base": plan.headcount},
                requirements=ctx.reqs(codes=("NFR-SCL-001", "NFR-SCL-004", "NFR-CST-003")),
                answers=["scale.peak_factor", "scale.seasonality", "context.channels"],
            )
        )
    elements.append(
        element(
            ctx,
            "staffing.assumptions",
            "assumptions",
            "Assumptions",
            " ".join(plan.assumptions),
            data={"assumptions": list(plan.assumptions)},
            requirements=[],
            answers=["context.coverage", "context.phone_aht", "context.chat_concurrency"],
        )
    )
    intro = (
        f"Agents needed to meet the response targets on {len(plan.channels)} "
        f"channel{'s' if len(plan.channels) != 1 else ''}: Erlang C for live channels, a "
        "workload model for queued work."
    )
    return section("staffing", "Staffing", intro, elements)
