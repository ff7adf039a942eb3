"""Business case: three years of today's operation against the proposal on each shortlisted
platform (`frameworks.business_case`), with the range of savings, present value and
payback, priced with the client's own loaded cost, discount rate and day rate where it gave
them and published unit costs otherwise, each figure sourced or marked as an assumption."""

from __future__ import annotations

from typing import Any

from discovery.bank import BANK
from frameworks.business_case import (
    SYSTEM_CHANNELS,
    AiPrice,
    BusinessCase,
    CaseInputs,
    Option,
    OptionInput,
    business_case,
    money,
)
from frameworks.catalogue import PLATFORMS_BY_ID
from frameworks.catalogue.costs import RATES, Rate

from .base import Context, element, join, number_text, scoped, section
from .fit import ai_fit
from .integrations import integrations
from .team import team_today

COST_QUESTIONS = ("scale.agent_cost_hour", "scale.discount_rate", "scale.day_rate")


def case_inputs(ctx: Context) -> CaseInputs:
    challenges = ctx.values("objective.challenge")
    wants_ai = bool({"automate_repetitive", "self_service", "reduce_costs"} & set(challenges))
    refuses = "ai_usage" in ctx.values("scale.cost_sensitivity")
    options = []
    for rec in ctx.scoring.shortlist:
        p = PLATFORMS_BY_ID[rec.platform_id]
        ai = None
        if p.ai_pricing:
            a = p.ai_pricing[0]
            ai = AiPrice(
                a.unit, float(a.usd_per_unit), a.per, a.fact.source, a.fact.checked.isoformat()
            )
        monthly = rec.licence.monthly_per_agent
        options.append(
            OptionInput(
                rec.platform_id,
                rec.name,
                float(monthly) if monthly is not None and not rec.licence.by_quote else None,
                rec.licence.source,
                ai,
                rec.licence.checked.isoformat() if rec.licence.checked else "",
                float(rec.licence.monthly_low) if rec.licence.monthly_low is not None else None,
            )
        )
    discount = ctx.num("scale.discount_rate")
    team = ctx.num("context.team_size")
    today = team_today(ctx)
    reopen, reopen_source = measured_reopen(ctx)
    return CaseInputs(
        agent_cost_hour=ctx.num("scale.agent_cost_hour"),
        discount_rate=discount / 100 if discount is not None else None,
        day_rate=ctx.num("scale.day_rate"),
        team=int(team) if team else None,
        volume_now=ctx.num("scale.volume_now"),
        volume_12m=ctx.num("scale.volume_12m"),
        volume_36m=ctx.num("scale.volume_36m"),
        channels=len(ctx.plan.channels),
        integrations=len(integrations(ctx)),
        self_hosted=any(r.deployment == "self_hosted" for r in ctx.scoring.shortlist[:1]),
        use_ai=wants_ai and not refuses and ai_fit(ctx).worth,
        options=tuple(options),
        people_floor=today.paid_fte if today is not None else None,
        reopen_rate=reopen,
        reopen_source=reopen_source,
    )


def measured_reopen(ctx: Context) -> tuple[float | None, str]:
    """The reopen rate of the imported ticket history the consultant chose, over the
    channels it measured (weighted by the tickets whose reopening is known), and its source;
    (None, "") without one."""
    evidence = ctx.evidence or {}
    reopened = known = 0.0
    for chosen in (evidence.get("channels") or {}).values():
        rate, count = chosen.get("reopen_rate"), chosen.get("reopen_known")
        if rate is None or not count:
            continue
        reopened += float(rate) * float(count)
        known += float(count)
    if not known:
        return None, ""
    return reopened / known, str(evidence.get("source") or "measured from an imported history")


def the_case(ctx: Context) -> BusinessCase:
    """Once per generation; every element that uses it cites what it read."""
    return ctx.cached("business_case", lambda: business_case(case_inputs(ctx), ctx.plan))


def _range(low: float, high: float) -> str:
    a, b = sorted((low, high))
    if money(a) == money(b):
        return money(a)
    return f"{money(a)} to {money(b)}"


def _three(low: float, expected: float, high: float) -> str:
    """'$40,000 expected ($25,000 to $55,000)', or one amount when the range is one. The
    ends are the least and the most of the three: whole people saved and a bill per
    resolution can put the expected case beyond either end."""
    a, b = min(low, expected, high), max(low, expected, high)
    if money(a) == money(b):
        return money(expected)
    return f"{money(expected)} expected ({money(a)} to {money(b)})"


def _pct(share: float) -> str:
    return f"{share:.0%}"


def _levers(o: Option) -> str:
    """'Self-service and better first-contact resolution', with the AI agent when it has one."""
    return join(
        ["Self-service", "better first-contact resolution"] + (["the AI agent"] if o.ai else [])
    )


def _saves(o: Option) -> bool:
    """Some end of the range counts a saving (people priced and someone saved)."""
    return any(sum(s.savings or ()) > 0 for s in (o.low, o.expected, o.high))


def _payback_text(months: float | None) -> str:
    if months is None:
        return "not within three years"
    if months <= 0:
        return "at once"
    return "1 month" if round(months) == 1 else f"{number_text(round(months))} months"


def _option_data(o: Option) -> dict[str, Any]:
    def scenario(s: Any) -> dict[str, Any]:
        return {
            "label": s.label,
            "reduction": s.reduction,
            "contacts_avoided": list(s.contacts_avoided),
            "people_saved": list(s.people_saved),
            "gross": list(s.gross) if s.gross is not None else None,
            "savings": list(s.savings) if s.savings is not None else None,
            "savings_total": round(sum(s.savings), 2) if s.savings is not None else None,
            "ai_cost": list(s.ai_cost),
            "ai_cost_total": round(sum(s.ai_cost), 2),
            "cost": list(s.cost),
            "net": list(s.net) if s.net is not None else None,
            "total": s.total,
            "npv": s.npv,
            "payback_months": s.payback_months,
        }

    return {
        "platform_id": o.platform_id,
        "name": o.name,
        "licences": list(o.licences) if o.licences is not None else None,
        "licence_source": o.licence_source,
        "licence_checked": o.licence_checked,
        "seats": list(o.seats),
        "ai": (
            {
                "unit": o.ai.unit,
                "usd": o.ai.usd,
                "per": o.ai.per,
                "source": o.ai.source,
                "checked": o.ai.checked,
            }
            if o.ai
            else None
        ),
        "implementation_days": o.implementation_days,
        "implementation_usd": o.implementation_usd,
        # As the table prints them: the conservative case only where it reads differently
        # (1.8 and 2.2 months are both "2 months").
        "payback": _payback_cells(o),
        "cells": _cells(o),
        "low": scenario(o.low),
        "expected": scenario(o.expected),
        "high": scenario(o.high),
    }


@scoped
def _headline(ctx: Context) -> dict[str, Any]:
    case = the_case(ctx)
    best = _best(case)
    text = headline_text(case, best, kept=tuple(ctx.scoring.kept_elsewhere))
    return element(
        ctx,
        "business_case.headline",
        "business_case_headline",
        "The case in one paragraph",
        text,
        data={
            "priced_by": case.priced_by,
            "best": best.platform_id if best else None,
            "npv_low": best.low.npv if best else None,
            "npv_expected": best.expected.npv if best else None,
            "npv_high": best.high.npv if best else None,
            "payback_low": best.low.payback_months if best else None,
            "payback_high": best.high.payback_months if best else None,
            "total_low": best.low.total if best else None,
            "total_expected": best.expected.total if best else None,
            "total_high": best.high.total if best else None,
            "estimate": estimate(case),
        },
    )


def _rate_text(case: BusinessCase) -> str:
    rate = f"{case.discount_rate:.0%}"
    return f"{rate} (assumed)" if case.discount_assumed else rate


def _payback_cells(o: Option) -> dict[str, str] | None:
    if o.implementation_usd is None or o.expected.net is None:
        return None
    points = (o.low.payback_months, o.expected.payback_months, o.high.payback_months)
    expected = _payback_text(o.expected.payback_months)
    texts = {_payback_text(p) for p in points}
    if len(texts) == 1:
        # The ends only where they read differently (1.8 and 2.2 months are both "2 months").
        return {"expected": expected, "range": ""}
    if any(p is None for p in points):
        found = [p for p in points if p is not None]
        shortest = _payback_text(min(found)) if found else ""
        return {"expected": expected, "range": f"{shortest} to not within three years"}
    months = [round(p) for p in points if p is not None]
    return {
        "expected": expected,
        "range": "{a} to {b} months".format(  # noqa: UP032
            a=number_text(min(months)) if min(months) else "at once",
            b=number_text(max(months)),
        ),
    }


def _cells(o: Option) -> dict[str, dict[str, str] | None]:
    """The table's figures: the expected case, and under it the least and the most of the
    three when they differ (whole dollars; the caption says USD)."""

    def cell(values: list[float | None]) -> dict[str, str] | None:
        if any(v is None for v in values):
            return None
        found = [float(v or 0) for v in values]
        a, b = round(min(found)), round(max(found))
        return {
            "expected": f"{round(found[1]):,}",
            "range": "" if a == b else f"{a:,} to {b:,}",
        }

    points = (o.low, o.expected, o.high)
    return {
        "total": cell([p.total for p in points]),
        "ai": cell([sum(p.ai_cost) for p in points]) if o.ai else None,
        "npv": cell([p.npv for p in points]),
        "savings": cell([sum(p.savings) if p.savings is not None else None for p in points]),
    }


def _paybacks(o: Option) -> str:
    if o.implementation_usd is None:
        return "not computed until the day rate prices the implementation"
    cells = _payback_cells(o)
    if cells is None:
        return "not computed until people are priced"
    if not cells["range"]:
        return cells["expected"]
    return "{e} expected ({r})".format(e=cells["expected"], r=cells["range"])  # noqa: UP032


def _people(low: int, high: int) -> str:
    """Person-years saved over the three years, as a range."""
    a, b = sorted((low, high))
    if b == 0:
        return "no person-year"
    if a == 0:
        return "up to {b} person-year{s}".format(b=b, s="" if b == 1 else "s")  # noqa: UP032
    if a == b:
        return "{n} person-year{s}".format(n=a, s="" if a == 1 else "s")  # noqa: UP032
    return "{a} to {b} person-years".format(a=a, b=b)  # noqa: UP032


# The client's figures the case asks for, as discovery names them.
NEEDED = {
    "agent_cost_hour": "the loaded cost of an agent hour",
    "day_rate": "the day rate of the implementation work",
}


def needs_text(case: BusinessCase) -> str:
    """'the loaded cost of an agent hour and the day rate of the implementation work'."""
    return join([NEEDED[k] for k in case.needs])


def _licence_total(o: Option) -> str:
    if o.licences is None:
        return "licences by quote"
    if not sum(o.licences):
        return "no licence cost at list prices for {seats} seats".format(  # noqa: UP032
            seats=join(str(n) for n in dict.fromkeys(o.seats))
        )
    if o.licences_low is not None:
        return (
            f"licences of {money(sum(o.licences_low))} to {money(sum(o.licences))} over three "
            "years at list prices (which plan has what the client needs is to confirm; "
            "the case is costed on the dearer)"
        )
    return "licences of {total} over three years at list prices".format(  # noqa: UP032
        total=money(sum(o.licences))
    )


def _haircut_text(case: BusinessCase) -> str:
    return _pct(case.haircut)


def _kept_text(case: BusinessCase) -> str:
    """What the case does with a team larger than the model: keeps it (see Staffing)."""
    if not case.team_kept or case.people_floor is None:
        return ""
    return (  # noqa: UP032
        " Today's team ({team} full-time equivalents at the desk) is kept in every year, as "
        "the staffing section advises: the model's {model} rests on inputs still to confirm, "
        "so the case counts no saving from a smaller team."
    ).format(
        team=number_text(round(case.people_floor, 1)),
        model=join(str(n) for n in dict.fromkeys(case.headcount)),
    )


def _basis_text(case: BusinessCase, best: Option) -> str:
    """Which platform the figures price, said first when it is not the recommended one: a
    recommended platform sold by quote only is never silently replaced by the next one."""
    first = case.options[0]
    if best is first:
        return ""
    return (  # noqa: UP032
        "{first}, the recommended platform, is sold by quote only, so the figures here "
        "price {best}, the first shortlisted platform with a list price; {first}'s quote "
        "replaces them. "
    ).format(first=first.name, best=best.name)


# A client that keeps a tool outside the catalogue gets no replacement shortlist: nothing new
# to license or migrate, so nothing to price, and the case says why rather than "not yet".
_KEPT_CASE = (
    "The client keeps {tool}, so no new platform is proposed and this case prices none: no "
    "licence, migration or implementation of a new tool counts here, and what {tool} costs "
    "today stays as it is. The case compares platforms only if the client reconsiders."
)


def headline_text(case: BusinessCase, best: Option | None, kept: tuple[str, ...] = ()) -> str:
    """The case in one paragraph (the executive summary quotes it)."""
    if best is None:
        if kept:
            return _KEPT_CASE.format(tool=join(kept))
        return "No platform is shortlisted yet, so there is no case to price."
    return _basis_text(case, best) + _case_text(case, best)


def _case_text(case: BusinessCase, best: Option) -> str:
    if case.today_cost is not None:
        # Both sentences compare the same three years with carrying on as today.
        compared = {
            "name": best.name,
            "total": _three(best.low.total, best.expected.total, best.high.total),
            "days": best.implementation_days,
            "today": money(sum(case.today_cost)),
            "kept": _kept_text(case),
        }
        if best.low.npv is not None:
            return (
                "Over three years the proposal on {name} costs {total} for people, "
                "licences{ai} and {days} days to set it up, against {today} in people to carry on as "
                "today at the same volumes: a net present value of {npv} at {rate}, payback "
                "{payback}{haircut}.{kept}"
            ).format(
                **compared,
                ai=", the AI agent" if best.ai else "",
                npv=_three(best.low.npv or 0, best.expected.npv or 0, best.high.npv or 0),
                rate=_rate_text(case),
                payback=_paybacks(best),
                haircut=f", with every saving cut by {_haircut_text(case)} for risk"
                if _saves(best)
                else "",
            )
        return (
            "Over three years the proposal on {name} costs {total} in people and "
            "licences{ai}, against {today} in people to carry on as today at the same "
            "volumes. Its {days} days of implementation are not priced until the client "
            "gives {needs}, so no net present value or payback is stated yet.{kept}"
        ).format(**compared, ai=" and the AI agent" if best.ai else "", needs=needs_text(case))
    return (
        "The case is not priced yet: it needs the client's own figures, {needs} (asked in "
        "discovery), and puts no price on people meanwhile, so it states no saving, net "
        "present value or payback. Known now on {name}: {licences}{ai}, and {days} days of "
        "implementation work. {levers} would "
        "take {low} to {high} of the contacts off the team ({expected} expected); the "
        "client's loaded cost of an agent hour is what would turn that into people and money."
    ).format(
        needs=needs_text(case),
        name=best.name,
        licences=_licence_total(best),
        ai=", with the AI agent priced by its use" if best.ai else "",
        levers=_levers(best),
        days=best.implementation_days,
        low=_pct(best.low.reduction),
        expected=_pct(best.expected.reduction),
        high=_pct(best.high.reduction),
    )


def _best(case: BusinessCase) -> Option | None:
    """The first-ranked priced option (the shortlist's order), else the first."""
    priced = [o for o in case.options if o.licences is not None]
    found = priced or list(case.options)
    return found[0] if found else None


def _carried(case: BusinessCase) -> str:
    """The people the case carries, in words: the model's per year, or today's team kept."""
    first, last = case.people[0], case.people[-1]
    if case.team_kept and case.people_floor is not None and first == last:
        return (  # noqa: UP032
            "{first} people in every year: today's full-time equivalents at the desk, more "
            "than the staffing model's {model}, kept as the staffing section advises (no cut "
            "on inputs nobody has measured)"
        ).format(
            first=number_text(round(first, 1)),
            model=join(str(n) for n in dict.fromkeys(case.headcount)),
        )
    if first == last:
        return "{first} people in every year ({growth})".format(  # noqa: UP032
            first=number_text(round(first, 1)),
            growth=(
                "volumes as answered"
                if any(f != 1 for f in case.factors)
                else "no growth given: today's volume throughout"
            ),
        )
    if case.team_kept and case.people_floor is not None:
        return (  # noqa: UP032
            "{first} people in year 1 and {last} in year 3: the staffing model's {model}, "
            "never fewer than today's {team} full-time equivalents at the desk (no cut on "
            "inputs nobody has measured; see Staffing)"
        ).format(
            first=number_text(round(first, 1)),
            last=number_text(round(last, 1)),
            model=join(str(n) for n in dict.fromkeys(case.headcount)),
            team=number_text(round(case.people_floor, 1)),
        )
    return "{first} people in year 1 and {last} in year 3, as the volume grows ({growth})".format(
        first=number_text(round(first, 1)),
        last=number_text(round(last, 1)),
        growth=(
            "volumes as answered"
            if any(f != 1 for f in case.factors)
            else "no growth given: today's volume throughout"
        ),
    )


@scoped
def _today(ctx: Context) -> dict[str, Any]:
    case = the_case(ctx)
    years = [
        {
            "year": y + 1,
            "volume_factor": f,
            "headcount": case.headcount[y],
            "people": round(case.people[y], 1),
            "seats": case.seats[y],
            "today_cost": case.today_cost[y] if case.today_cost else None,
        }
        for y, f in enumerate(case.factors)
    ]
    if case.agent_cost_hour is None:
        text = (  # noqa: UP032
            "People are not priced: the loaded cost of one agent hour, asked in discovery, "
            "is what turns the plan's people into money, and it is never assumed. The case "
            "carries {carried}."
        ).format(carried=_carried(case))
    else:
        text = (
            "At the client's loaded cost of {rate} an hour and {hours} paid hours a year, one "
            "person costs {person} a year. The case carries {carried}."
        ).format(
            rate=money(case.agent_cost_hour)
            if case.agent_cost_hour >= 100
            else f"${case.agent_cost_hour:,.2f}",
            hours=number_text(round(case.hours_per_person)),
            person=money(case.hours_per_person * case.agent_cost_hour),
            carried=_carried(case),
        )
        if case.today_cost is not None:
            text += (  # noqa: UP032
                " Carried on as today, the work costs {cost} over three years in people; "
                "today's tools are not known and not counted, so every licence in the "
                "proposal counts against it."
            ).format(cost=money(sum(case.today_cost)))
    return element(
        ctx,
        "business_case.today",
        "business_case_today",
        "Carrying on as today",
        text,
        data={
            "years": years,
            "team": case.team_today,
            "team_kept": case.team_kept,
            "people_floor": case.people_floor,
            "hours_per_person": case.hours_per_person,
            "agent_cost_hour": case.agent_cost_hour,
            "estimate": estimate(case),
        },
    )


@scoped
def _option(ctx: Context, index: int) -> dict[str, Any]:
    case = the_case(ctx)
    o = case.options[index]
    parts = []
    if o.licences is not None and not sum(o.licences):
        parts.append(_licence_total(o))
    elif o.licences is not None:
        parts.append(
            f"licences for {join(str(n) for n in dict.fromkeys(o.seats))} seats, {money(sum(o.licences))}"
        )
    else:
        parts.append("licences by quote, not counted until quoted")
    if o.ai is not None:
        parts.append(
            "its AI agent at ${usd} per {per}{unit}, {band}".format(
                usd=f"{o.ai.usd:,.2f}",
                per=f"{o.ai.per} " if o.ai.per > 1 else "",
                unit=o.ai.unit + ("s" if o.ai.per > 1 else ""),
                band=_three(sum(o.low.ai_cost), sum(o.expected.ai_cost), sum(o.high.ai_cost)),
            )
        )
    if o.implementation_usd is not None:
        parts.append(
            f"{o.implementation_days} days of implementation at the client's day rate, {money(o.implementation_usd)}"
        )
    else:
        parts.append(
            f"{o.implementation_days} days of implementation, not priced until the client gives its day rate"
        )
    if case.staff_cost is not None:
        parts.append(
            "the plan's people, {saved} fewer than without self-service{ai}".format(
                saved=_people(sum(o.low.people_saved), sum(o.high.people_saved)),
                ai=" and the AI agent" if o.ai else "",
            )
        )
    if o.low.total == 0 and o.high.total == 0:
        text = "Over three years: {parts}. {nothing}".format(
            parts="; ".join(parts),
            nothing="Nothing is priced yet"
            if o.licences is None
            else "In all, nothing yet beyond the implementation's days",
        )
    else:
        text = "Over three years: {parts}. In all, {total}".format(
            parts="; ".join(parts), total=_three(o.low.total, o.expected.total, o.high.total)
        )
    if o.low.npv is not None:
        text += f"; net present value {_three(o.low.npv, o.expected.npv or 0, o.high.npv or 0)} at {_rate_text(case)}; payback {_paybacks(o)}"
    elif case.needs:
        text += "; no net present value or payback until the client gives {needs}".format(  # noqa: UP032
            needs=needs_text(case)
        )
    text += "."
    return element(
        ctx,
        f"business_case.option.{o.platform_id}",
        "business_case_option",
        o.name,
        text,
        data={**_option_data(o), "estimate": estimate(case)},
    )


@scoped
def _savings(ctx: Context) -> dict[str, Any]:
    case = the_case(ctx)
    best = _best(case)
    if best is None:
        kept = tuple(ctx.scoring.kept_elsewhere)
        text = (
            f"The client keeps {join(kept)}: no saving is sized for a change of platform that "
            "is not proposed."
            if kept
            else "Savings are sized once a platform is shortlisted."
        )
        points: dict[str, Any] = {}
    else:
        low, expected, high = best.low, best.expected, best.high
        words = {
            "levers": _levers(best),
            "low_r": _pct(low.reduction),
            "exp_r": _pct(expected.reduction),
            "high_r": _pct(high.reduction),
            "saved": _people(sum(low.people_saved), sum(high.people_saved)),
            "contacts": _range_count(low.contacts_avoided[0], high.contacts_avoided[0]),
            "haircut": _haircut_text(case),
        }
        if low.savings is not None and not _saves(best):
            text = (
                "{levers} take {low_r} to {high_r} "
                "of the contacts off the team ({exp_r} expected), {contacts} contacts in the "
                "first year. The plan needs no one fewer for it at any end of the range{why}, "
                "so the case counts no saving: the work taken off is time freed for the work "
                "that remains, not money saved."
            ).format(
                **words,
                why=" (today's team is kept, see Staffing)"
                if case.team_kept
                else " (whole people: a small team saves nothing from a few contacts)",
            )
        elif low.savings is not None:
            gross = [sum(s.gross or ()) for s in (low, expected, high)]
            text = (
                "{levers} take {low_r} to {high_r} "
                "of the contacts off the team ({exp_r} expected), {contacts} contacts in the "
                "first year. The plan then needs {saved} fewer over three years{whole}, "
                "worth {gross} at "
                "the client's loaded cost. The case counts {savings}: every saving is cut by "
                "{haircut} for risk, because it is estimated from published averages and our "
                "assumptions, not measured on the client's own tickets, and comes only as "
                "the changes are adopted."
            ).format(
                **words,
                # Only where the low end saves no one, which is what whole people explain.
                whole=" (whole people: a small team saves nothing from a few contacts)"
                if not sum(low.people_saved)
                else "",
                gross=_three(*gross),
                savings=_three(*(sum(s.savings or ()) for s in (low, expected, high))),
            )
        else:
            text = (
                "{levers} take {low_r} to {high_r} "
                "of the contacts off the team ({exp_r} expected), {contacts} contacts in the "
                "first year. No saving is priced: what that work is worth depends on the "
                "client's own loaded cost of an agent hour, asked in discovery. For this "
                "team it means {saved} fewer over three years; the rest is time freed for "
                "the work that remains, not money saved."
            ).format(**words)
        if case.team_kept and any(n > 0 for n in high.people_saved):
            text += (
                " Today's team is kept (see Staffing): a person fewer is a hire the growth "
                "no longer needs, never a cut."
            )
        text += _basis_of_contacts(ctx, case)
        points = {
            s.label: {
                "reduction": s.reduction,
                "contacts_avoided": list(s.contacts_avoided),
                "people_saved": list(s.people_saved),
                "gross": list(s.gross) if s.gross is not None else None,
                "savings": list(s.savings) if s.savings is not None else None,
            }
            for s in (low, expected, high)
        }
    return element(
        ctx,
        "business_case.savings",
        "business_case_savings",
        "Savings, as a range",
        text,
        data={
            "priced_by": case.priced_by,
            "platform": best.name if best else None,
            "haircut": case.haircut if case.priced else None,
            "monthly_volume": case.monthly_volume,
            "system_volume": case.system_volume,
            "volume_measured": case.volume_measured,
            **points,
            "estimate": estimate(case),
        },
    )


def _basis_of_contacts(ctx: Context, case: BusinessCase) -> str:
    """Which contacts the shares apply to: the staffing plan's, measured where it says so,
    and never the events systems raise."""
    out = ""
    systems = [c for c in ctx.plan.channels if c.channel in SYSTEM_CHANNELS and c.monthly_volume]
    if systems:
        out += (  # noqa: UP032
            " The shares are of the contacts people send: the {events} {labels} a month "
            "are raised by systems, and none of this takes them off the team."
        ).format(
            events=number_text(round(sum(c.monthly_volume for c in systems))),
            labels=join(ctx.label("context.channels", c.channel).lower() for c in systems),
        )
    if case.volume_measured:
        out += " The volumes are the staffing plan's, {basis}.".format(  # noqa: UP032
            basis=case.volume_measured
        )
    return out


def _range_count(low: float, high: float) -> str:
    a, b = sorted(
        (
            round(low, -1) if low >= 100 else round(low),
            round(high, -1) if high >= 100 else round(high),
        )
    )
    if a == b:
        return f"about {number_text(a)}"
    return f"about {number_text(a)} to {number_text(b)}"


def _share(key: str) -> str:
    return f"{float(RATES[key].value):.0%}"


@scoped
def _depends(ctx: Context) -> dict[str, Any] | None:
    """What the range rests on, said plainly: the few figures that move it, where each end
    comes from, and what the client can do to land at the expected end."""
    case = the_case(ctx)
    best = _best(case)
    if best is None:
        return None
    drivers = [
        {
            "driver": "self-service",
            "low": _share("self_service_low"),
            "high": _share("self_service_high"),
            "basis": "published surveys",
        },
        {
            "driver": "first-contact resolution",
            "low": f"{case.fcr_range[0]:.0%}",
            "high": f"{case.fcr_range[1]:.0%}",
            "basis": "our assumption"
            + (", held to the measured reopen rate" if case.fcr_held else ""),
        },
    ]
    if best.ai:
        drivers.append(
            {
                "driver": "AI agent",
                "low": _share("ai_resolution_low"),
                "high": _share("ai_resolution_high"),
                "basis": "published deployments",
            }
        )
    text = (
        "The range rests on what is not known yet; its low end takes the low figure of "
        "each, its high end the high one, the expected case the middle. How many contacts "
        "self-service resolves: {ss_low} of them at the low end, {ss_high} at the "
        "high (published surveys), and only once the help centre answers the questions "
        "asked most, written before go-live. How many repeat contacts better first-contact "
        "resolution avoids: {fcr_low} to {fcr_high} of the volume, {fcr_basis}.{ai} "
        "{people} Decide on the "
        "low end; the rest is earned, not given."
    ).format(
        ss_low=drivers[0]["low"],
        ss_high=drivers[0]["high"],
        fcr_low=drivers[1]["low"],
        fcr_high=drivers[1]["high"],
        fcr_basis="our assumption, to be measured by the reopen rate before and after go-live"
        if not case.fcr_held
        else "our assumption held to the reopen rate the ticket history measured ({rate}), "
        "no more than come back today".format(rate=f"{case.reopen_rate:.1%}"),
        ai=(
            " What the AI agent resolves of what it handles: {low} to {high} (published "
            "deployments), and its bill grows with its use.".format(
                low=drivers[2]["low"], high=drivers[2]["high"]
            )
            if best.ai
            else ""
        ),
        people=(
            "And the people: the model's handle times and shares of time are assumptions "
            "until measured, and today's team is kept until they are."
            if case.team_kept
            else "And the people: the staffing model's inputs, each listed in the staffing "
            "section with the question that confirms it."
        ),
    )
    return element(
        ctx,
        "business_case.depends",
        "business_case_savings",
        "What the savings depend on",
        text,
        data={
            "drivers": drivers,
            "team_kept": case.team_kept,
            "fcr_range": list(case.fcr_range),
            "reopen_rate": case.reopen_rate,
            "reopen_source": case.reopen_source,
            "estimate": estimate(case),
        },
    )


# Assumed rates named as the proposal check reads them ("assumed <name>"), each with what
# would confirm it: a discovery question, or the measurement that replaces it.
RATE_INPUTS = {
    "fcr_gain": (
        "first-contact resolution gain",
        "",
        "measure the reopen rate before and after go-live",
    ),
    "risk_haircut": (
        "risk haircut",
        "",
        "lift it once a quarter of measured deflection and reopen rates confirms the savings",
    ),
    "discount_rate": ("discount rate", "scale.discount_rate", ""),
}


_FCR_LINE = (
    "Assumed {name}: {lo} to {hi} points of volume, the repeat contacts better first-contact "
    "resolution avoids ({low}; the high end is an {high})."
)


def _asked(qid: str) -> str:
    return f"until the client answers “{BANK.questions[qid].label}”"


def case_inputs_shown(ctx: Context, case: BusinessCase) -> list[dict[str, Any]]:
    """Every input the case's figures assume, each with its value, why, and what would
    confirm it: a line for the section and an entry the proposal check reads."""
    out: list[dict[str, Any]] = []

    def add(name: str, line: str, question: str = "", ask: str = "") -> None:
        out.append(
            {"name": name, "origin": "assumed", "question": question, "ask": ask, "line": line}
        )

    keys = {r.key for r in case.rates}
    if {"fcr_gain_low", "fcr_gain_high"} <= keys:
        low, high = RATES["fcr_gain_low"], RATES["fcr_gain_high"]
        name, _, ask = RATE_INPUTS["fcr_gain"]
        held = ""
        if case.fcr_held:
            held = (  # noqa: UP032
                " Held to the reopen rate measured in the client's ticket history, {rate} of "
                "tickets came back ({source}): no more repeat contacts can be avoided than "
                "come back today."
            ).format(rate=f"{case.reopen_rate:.1%}", source=case.reopen_source)
        add(
            name,
            _FCR_LINE.format(
                name=name,
                lo=number_text(round(case.fcr_range[0] * 100, 1)),
                hi=number_text(round(case.fcr_range[1] * 100, 1)),
                low=low.source,
                high=high.source,
            )
            + held,
            ask=ask,
        )
    if "risk_haircut" in keys:
        r = RATES["risk_haircut"]
        name, _, ask = RATE_INPUTS["risk_haircut"]
        add(name, f"Assumed {name}: {r.text[:1].lower()}{r.text[1:]} ({r.source}).", ask=ask)
    if "discount_rate" in keys and case.discount_assumed:
        name, qid, _ = RATE_INPUTS["discount_rate"]
        add(
            name,
            f"Assumed {name}: {case.discount_rate:.0%} a year, the client's cost of capital "
            f"{_asked(qid)}.",
            question=qid,
        )
    now, in_12, in_36 = (ctx.num(f"scale.volume_{k}") for k in ("now", "12m", "36m"))
    if not now:
        add(
            "volume growth",
            "Assumed volume growth: the volume of today in every year, "
            f"{_asked('scale.volume_now')}.",
            question="scale.volume_now",
        )
    else:
        if in_12 is None:
            add(
                "volume in 12 months",
                "Assumed volume in 12 months: today's {n} a month, {asked}.".format(
                    n=number_text(now), asked=_asked("scale.volume_12m")
                ),
                question="scale.volume_12m",
            )
        if in_36 is None:
            add(
                "volume in 36 months",
                "Assumed volume in 36 months: {n} a month, as expected in 12 months, so year "
                "3 grows no further; {asked}.".format(
                    n=number_text(in_12 if in_12 is not None else now),
                    asked=_asked("scale.volume_36m"),
                ),
                question="scale.volume_36m",
            )
    contract = ctx.plan.inputs.contract_hours
    if case.priced and contract.assumed:
        add(
            contract.name,
            "Assumed {name}: {h} h a week, so one person is paid {hours} hours a year, "
            "{asked}.".format(
                name=contract.name,
                h=number_text(contract.value),
                hours=number_text(round(case.hours_per_person)),
                asked=_asked(contract.question)
                if contract.question in BANK.questions
                else "until the client gives it",
            ),
            question=contract.question,
        )
    if case.options:
        add(
            "implementation effort",
            "Assumed implementation effort: {days} days ({terms}); {source}.".format(
                days=sum(d for _, d in case.effort_terms),
                terms=join(f"{name} {d}" for name, d in case.effort_terms),
                source=case.effort_source,
            ),
            ask="until a partner quotes it",
        )
    return out


@scoped
def _sources(ctx: Context) -> dict[str, Any]:
    case = the_case(ctx)
    lines = []
    own = []
    if case.agent_cost_hour is not None:
        own.append("loaded cost of an agent hour")
    if not case.discount_assumed:
        own.append("discount rate")
    if case.day_rate is not None:
        own.append("day rate")
    if own:
        lines.append(f"The client's own figures: {join(own)}.")
    shown = case_inputs_shown(ctx, case)
    lines += [entry["line"] for entry in shown]
    for r in case.rates:
        if not r.assumed:
            lines.append(
                "{text}: {source}{dated}.".format(
                    text=r.text, source=r.source, dated=f", {r.dated}" if r.dated else ""
                )
            )
    lines.append(
        "Licence prices are the catalogue's list prices with their sources on each platform "
        "in the tools section; a quote replaces them."
    )
    return element(
        ctx,
        "business_case.sources",
        "assumptions",
        "Where each figure comes from",
        " ".join(lines),
        data={
            "assumptions": lines,
            "inputs": [{k: v for k, v in e.items() if k != "line"} for e in shown],
            "rates": [_rate_data(r) for r in case.rates],
            "estimate": estimate(case),
        },
    )


def _rate_data(r: Rate) -> dict[str, Any]:
    data: dict[str, Any] = {"key": r.key, "value": float(r.value), "unit": r.unit, "text": r.text}
    if r.assumed:
        data.update(assumed=True, basis=r.source)
    else:
        # The date the source published the figure: a year is as precise as some are.
        data.update(source=r.source, checked=r.dated, published=_year(r.dated))
    return data


def _year(dated: str) -> int | None:
    digits = [int(w) for w in dated.replace("-", " ").split() if w.isdigit() and len(w) == 4]
    return digits[0] if digits else None


def estimate(case: BusinessCase) -> dict[str, Any]:
    """The consultant's estimate, labelled, with the inputs behind it (the proposal check
    reads this label on every element that prints an amount)."""
    inputs = []
    if case.agent_cost_hour is not None:
        inputs.append("the client's loaded cost of an agent hour")
    if case.day_rate is not None:
        inputs.append("the client's day rate")
    if not case.discount_assumed:
        inputs.append("the client's discount rate")
    inputs += ["the staffing plan's people per year", "catalogue list prices"]
    inputs += [r.key.replace("_", " ") for r in case.rates]
    return {"label": "consultant's estimate", "inputs": inputs}


def generate(ctx: Context) -> dict[str, Any]:
    case = the_case(ctx)
    elements = [_headline(ctx), _today(ctx)]
    elements += [_option(ctx, i) for i in range(len(case.options))]
    elements += [_savings(ctx)]
    depends = _depends(ctx)
    if depends is not None:
        elements.append(depends)
    elements.append(_sources(ctx))
    intro = (
        "What the proposal costs and saves over three years against today's operation, "
        "for each shortlisted platform, as a range: {priced}."
    ).format(
        priced=(
            "priced with the client's own loaded cost of an agent hour"
            if case.priced
            else "people are not priced until the loaded cost of an agent hour is known"
        )
    )
    return section("business_case", "Business case", intro, elements)
