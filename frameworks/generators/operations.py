"""Operating the service: the sections an auditor of support operations looks for (voice of
the customer, quality management, knowledge management the KCS way, people, intraday
management, corrective action), fitted to the size of the team the staffing plan gives
and traced to the answers that call for them. A small team gets a paragraph for each; a
contact centre the full plan. The wording per size is data
(`frameworks.catalogue.practices`)."""

from __future__ import annotations

import math
from typing import Any

from discovery.bank import BANK
from frameworks.catalogue.practices import PRACTICES, READ, SIZES, Practice

from .base import Context, element, join, number_text, section
from .team import team_today

CADENCE = {"weekly": "weekly", "monthly": "monthly", "quarterly": "quarterly"}
SURVEYS = {
    "csat": "a satisfaction score (CSAT)",
    "ces": "a customer effort score (CES)",
    "nps": "a net promoter score (NPS)",
}


def size_of(people: int) -> str:
    for name, limit in SIZES:
        if people <= limit:
            return name
    return SIZES[-1][0]


def _people(ctx: Context) -> int:
    """The people who run the desk: the plan's, or today's desk as full-time equivalents
    (volunteers by their hours, field staff not at all), whichever is more."""
    today = team_today(ctx)
    team = today.basis() if today is not None else 0
    return max(ctx.plan.headcount, math.ceil(round(team, 1)))


def _headcount(ctx: Context, people: int) -> int:
    """The people named in the text: everyone at the desk, volunteers and part-timers
    included (the size is chosen by their full-time equivalents, `_people`)."""
    today = team_today(ctx)
    if today is not None and today.from_roles and today.part_time:
        return max(people, math.ceil(today.desk_people))
    return people


def _values(ctx: Context, practice: Practice, size: str, people: int) -> dict[str, str]:
    kpis = ctx.values("metrics.kpis")
    surveys = [SURVEYS[k] for k in ("csat", "ces", "nps") if k in kpis] or [SURVEYS["csat"]]
    cadence = CADENCE.get(str(ctx.get("metrics.review_cadence") or ""), "monthly")
    plan = ctx.plan
    live = [c for c in plan.channels if c.method == "erlang_a"]
    channels = [ctx.label("context.channels", c.channel) for c in plan.channels]
    sample = {"small": "five", "medium": "four to six", "large": "eight to ten"}[size]
    checks = "morning, midday and an hour before closing"
    return {
        "team": number_text(_headcount(ctx, people)),
        "leads": number_text(max(1, round(people / 10))),
        "sample": sample,
        "cadence": cadence,
        "survey": join(surveys, "or"),
        "live": join([ctx.label("context.channels", c.channel) for c in live]) or "the queues",
        "channels": join(channels) or "every channel",
        "checks": checks,
        "qa_ratio": "fifteen to twenty",
        "customer": "employee" if ctx.get("audience.type") == "internal" else "customer",
    }


def _practice(ctx: Context, practice: Practice) -> dict[str, Any]:
    with ctx.reading():
        people = _people(ctx)
        size = size_of(people)
        values = _values(ctx, practice, size, people)
        if practice.key == "voc":
            ctx.values("audience.type")
        text = practice.text[size].format(**values)
        return element(
            ctx,
            f"operations.{practice.key}",
            "practice",
            practice.title.format(**values),
            text,
            data={
                "practice": practice.key,
                "size": size,
                "people": people,
                "anchor": practice.anchor,
                "standard": {"source": practice.source, "checked": READ.isoformat()},
            },
        )


def _partners(ctx: Context) -> dict[str, Any] | None:
    """Oversight of the partners who handle part or all of the work (FR-RPT-025): what
    they reach, the targets the contract hands down to them, and the client's own sample
    of their contacts. Only while the requirement stands, whatever its origin."""
    with ctx.reading():
        if not ctx.reqs(codes=["FR-RPT-025"]):
            return None
        question = BANK.questions["context.partners"]
        rows = [
            r for r in ctx.get("context.partners") or [] if isinstance(r, dict) and r.get("name")
        ]
        named = [question.display([r]) for r in rows]
        everything = ctx.get("context.outsourced") == "all"
        if len(rows) == 1:
            row = rows[0]
            scope = str(row.get("scope") or "").strip()
            work = "all of the work" if everything else scope or "its share of the work"
            lead = f"{str(row['name']).strip()} handles {work}"
        elif rows:
            names = join([str(r["name"]).strip() for r in rows])
            lead = (
                f"{names} handle {'all of the work' if everything else 'their share of the work'}"
            )
        else:
            lead = "The partner handles " + (
                "all of the work" if everything else "its share of the work"
            )
        text = (  # noqa: UP032
            "{lead} in the client's own help desk, under the client's oversight. Partner "
            "agents reach only the queues they work; their access is reviewed each quarter "
            "and removed the day an agent leaves. The contract carries the client's own "
            "response, resolution and quality targets for that work, reported per partner "
            "every month next to the in-house team's. Each month the client's own reviewers "
            "score a sample of each partner's contacts on the in-house scorecard; a partner "
            "below target two months running agrees a corrective-action plan. The tool and "
            "the data stay with the client if the partner changes."
        ).format(lead=lead)
        return element(
            ctx,
            "operations.partners",
            "partner_oversight",
            "Oversight of the outsourcing partner" + ("s" if len(rows) > 1 else ""),
            text,
            data={"partners": named},
        )


def generate(ctx: Context) -> dict[str, Any]:
    elements = [_practice(ctx, p) for p in PRACTICES]
    if partners := _partners(ctx):
        elements.append(partners)
    people = _people(ctx)
    size = size_of(people)
    intro = {
        "small": (
            "How a team of {people} runs the service day to day: a paragraph for each "
            "practice an auditor of support operations looks for (COPC, HDI, KCS), kept "
            "to what a small team can sustain."
        ),
        "medium": (
            "How a team of {people} runs the service: voice of the {customer}, quality, "
            "knowledge, people, intraday management and corrective action, each with its "
            "owner and cadence, as the COPC and HDI standards and KCS v6 describe them."
        ),
        "large": (
            "The operating plan of a contact centre of {people}: the programmes, roles and "
            "cadences the COPC CX Standard, the HDI Support Center Standard and KCS v6 "
            "look for."
        ),
    }[size].format(
        people=number_text(_headcount(ctx, people)),
        customer="employee" if ctx.get("audience.type") == "internal" else "customer",
    )
    return section("operations", "Operating the service", intro, elements)
