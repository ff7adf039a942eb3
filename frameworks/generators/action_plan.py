"""Section 8: the future action plan — phases fitted to the client's timeline, deliverables,
owners, milestones tied to KPI targets, risks with mitigations, and the improvement loop."""

from __future__ import annotations

from typing import Any

from .base import Context, element, join, scoped, section
from .integrations import integrations
from .metrics import HORIZON_MONTHS, targets
from .summary import KPI_LABELS, kpi_value
from .wording import count_text, current_tools, has_other, join_items, midsentence, named
from .workflow import CLOCKS

TIMELINE_WEEKS = {"asap": 13, "half_year": 26, "year": 52, "flexible": 26}
# Phase key, title, share of the weeks to go-live, owner roles.
PHASES: tuple[tuple[str, str, float, tuple[str, ...]], ...] = (
    ("foundation", "Foundation", 0.15, ("Consultant", "Support lead", "Client sponsor")),
    (
        "build",
        "Build and integrate",
        0.35,
        ("Platform administrator", "Integration developer", "Support lead"),
    ),
    (
        "pilot",
        "Migration and pilot",
        0.25,
        ("Support lead", "Platform administrator", "Pilot agents"),
    ),
    ("go_live", "Go-live and hypercare", 0.25, ("Support lead", "Consultant", "All agents")),
)


def phase_weeks(total: int) -> list[int]:
    weeks = [max(1, round(total * share)) for _k, _t, share, _o in PHASES]
    weeks[-1] = max(1, total - sum(weeks[:-1]))
    return weeks


def _current_tools(ctx: Context) -> tuple[list[str], bool]:
    """(the products history would move from, whether a shared inbox is in use). A tool
    the client keeps is not migrated from; one it only described is "the current tool"."""
    tools = current_tools(ctx)
    inbox = any(not t.product for t in tools)
    if ctx.get("context.tool_fate") == "keep":
        return [], inbox
    return [t.name for t in tools if t.product], inbox


def _kept_tools(ctx: Context) -> list[str]:
    if ctx.get("context.tool_fate") != "keep":
        return []
    return [t.name for t in current_tools(ctx) if t.product]


# What each regulation asks of a vendor before real data is loaded.
VENDOR_PAPERS = {
    "gdpr": "a data processing agreement (GDPR)",
    "lgpd": "a data processing agreement (LGPD)",
    "soc2": "the vendor's SOC 2 report reviewed",
    "iso27001": "the vendor's ISO 27001 certificate reviewed",
    "pci_dss": "the vendor's PCI DSS attestation reviewed",
}


def _vendor_papers(ctx: Context) -> list[str]:
    papers = []
    regulations = ctx.values("scale.compliance")
    for regulation in regulations:
        if regulation == "hipaa":
            if ctx.get("scale.hipaa_baa") == "yes":
                papers.append("a Business Associate Agreement signed (HIPAA)")
            else:
                papers.append("the vendor's HIPAA safeguards reviewed")
        elif regulation in VENDOR_PAPERS:
            papers.append(VENDOR_PAPERS[regulation])
    # A data processing agreement is signed once, whatever the number of laws behind it.
    dpas = [p for p in papers if p.startswith("a data processing agreement")]
    if len(dpas) > 1:
        laws = ", ".join(p[p.index("(") + 1 : -1] for p in dpas)
        papers = [p for p in papers if p not in dpas]
        papers.insert(0, f"a data processing agreement ({laws})")
    return [
        p.replace("a data processing agreement", "a data processing agreement signed", 1)
        for p in papers
    ]


def _foundation(ctx: Context) -> list[str]:
    f = []
    kpis = [midsentence(KPI_LABELS.get(k, k)) for k in ctx.values("metrics.kpis")]
    if kpis:
        f.append(f"baseline figures for {join_items(kpis)}")
    shortlist = [r.name for r in ctx.scoring.shortlist]
    if shortlist:
        f.append(f"platform chosen from the shortlist ({join(shortlist, 'or')})")
    f += _vendor_papers(ctx)
    clock = CLOCKS.get(str(ctx.get("context.coverage") or "business_hours"), "")
    f.append(f"SLA policy and priority matrix agreed for {clock}")
    return f


def _build(ctx: Context) -> list[str]:
    b = ["queues, priorities and SLA policies configured"]
    channels = [midsentence(c) for c in ctx.labels("context.channels")]
    if channels:
        b.append(f"channels connected: {join(channels)}")
    found = integrations(ctx)
    if found:
        b.append(f"integrations built: {join(i.label for i in found)}")
    tasks = [midsentence(t) for t in named(ctx, "objective.repetitive_tasks")]
    if ctx.reqs(categories=("self_service",)):
        topics = join_items(tasks) if tasks else "the most frequent questions"
        b.append(f"first knowledge-base articles on {topics}")
    if ctx.reqs(categories=("automation_ai",)) and tasks:
        b.append(f"automation for {join_items(tasks)}")
    return b


def _pilot(ctx: Context) -> list[str]:
    p = []
    tools, inbox = _current_tools(ctx)
    kept = _kept_tools(ctx)
    if kept:
        p.append(f"the new workflow set up around {join(kept)}, which the client keeps")
    elif tools and ctx.requirement("FR-DAT-001") is not None:
        p.append(f"ticket history migrated from {join(tools)} and checked")
    elif inbox:
        p.append("open requests imported from the shared inbox and spreadsheets")
    team = max(ctx.plan.headcount, int(ctx.num("context.team_size") or 0))
    p.append(
        f"{count_text(team, 'agent', 'agents')} trained on the new workflow"
        if team
        else "the support team trained on the new workflow"
    )
    busiest = max(
        ctx.values("context.channels"),
        key=lambda c: ctx.num(f"context.volume_{c}") or 0,
        default=None,
    )
    p.append(
        "pilot with part of the team on "
        + (midsentence(ctx.label("context.channels", busiest)) if busiest else "one channel")
    )
    return p


def _go_live(ctx: Context) -> list[str]:
    return [
        "every channel live on the new system",
        "daily hypercare stand-up for the first two weeks",
        "first KPI report against the baselines",
    ]


DELIVERABLES = {"foundation": _foundation, "build": _build, "pilot": _pilot, "go_live": _go_live}


def _phases(ctx: Context, weeks: int) -> list[dict[str, Any]]:
    out = []
    start = 0
    for (key, title, _share, owners), length in zip(PHASES, phase_weeks(weeks), strict=True):
        with ctx.reading():
            items = DELIVERABLES[key](ctx)
            out.append(
                element(
                    ctx,
                    f"action_plan.phase.{key}",
                    "phase",
                    f"{title} (weeks {start + 1}–{start + length})",
                    f"{title}, {length} week{'s' if length != 1 else ''}: {'; '.join(items)}. Owners: {join(owners)}.",
                    data={
                        "phase": key,
                        "start_week": start + 1,
                        "end_week": start + length,
                        "weeks": length,
                        "deliverables": items,
                        "owners": list(owners),
                    },
                )
            )
        start += length
    with ctx.reading():
        loop_owners = ("Support lead", "Knowledge manager", "Consultant (quarterly)")
        cadence = str(ctx.get("metrics.review_cadence") or "monthly")
        out.append(
            element(
                ctx,
                "action_plan.phase.optimize",
                "phase",
                f"Optimize (from week {start + 1} to month 24)",
                f"Optimize: {cadence} KPI reviews, knowledge-base growth from unanswered searches, more automation where volume repeats. Owners: {join(loop_owners)}.",
                data={
                    "phase": "optimize",
                    "start_week": start + 1,
                    "end_month": 24,
                    "deliverables": [
                        f"{cadence} KPI reviews",
                        "knowledge-base growth from unanswered searches",
                        "more automation where volume repeats",
                    ],
                    "owners": list(loop_owners),
                },
            )
        )
    return out


def _milestones(ctx: Context, go_live_week: int) -> list[dict[str, Any]]:
    out = []
    for horizon, month in HORIZON_MONTHS.items():
        with ctx.reading():
            goals = []
            for k in ctx.values("metrics.kpis"):
                row = next(r for r in targets(ctx, k) if r["horizon"] == horizon)
                if row["value"] is None:
                    continue
                goals.append(
                    {
                        "kpi": k,
                        "label": KPI_LABELS.get(k, k),
                        "value": row["value"],
                        "basis": row["basis"],
                    }
                )
            if not goals:
                continue
            text = (
                f"Month {month}: "
                + "; ".join(
                    f"{midsentence(g['label'])} at {kpi_value(g['kpi'], g['value'])}" for g in goals
                )
                + "."
            )
            if month * 4.33 < go_live_week:
                text += f" Before go-live (week {go_live_week}): measured on the pilot."
            out.append(
                element(
                    ctx,
                    f"action_plan.milestone.{horizon}",
                    "milestone",
                    f"Month {month} milestone",
                    text,
                    data={"month": month, "horizon": horizon, "goals": goals},
                )
            )
    return out


Risk = tuple[str, str, str]  # key, title, mitigation


def _risk_migration(ctx: Context) -> Risk | None:
    tools, inbox = _current_tools(ctx)
    if tools and ctx.requirement("FR-DAT-001") is not None:
        return (
            "migration",
            f"Migration from {join(tools)} loses history or links",
            "export through the current tool's API, a trial migration in week one of the pilot, and a read-only archive kept for a year",
        )
    if inbox:
        return (
            "adoption",
            "A team used to a shared inbox keeps answering outside the tool",
            "the inbox forwards into the help desk from day one, and only tickets count in the reports",
        )
    return None


def _risk_peak(ctx: Context) -> Risk | None:
    peak = ctx.num("scale.peak_factor") or 1
    if peak < 1.5:
        return None
    season = str(ctx.get("scale.seasonality") or "").strip().rstrip(".")
    return (
        "peak",
        f"Peaks of {peak:g}× ({season}) hit a system still settling"
        if season
        else f"Peaks of {peak:g}× hit a system still settling",
        f"no go-live in the six weeks before the peak; seasonal seats and bot answers tested at {peak:g}× volume beforehand",
    )


def _risk_compliance(ctx: Context) -> Risk | None:
    compliance = ctx.labels("scale.compliance")
    if not compliance:
        return None
    return (
        "compliance",
        f"Personal data handled outside {join(compliance)} rules",
        "agreements signed before any real data is loaded, retention rules configured in the build phase, access reviewed at go-live",
    )


def _custom_integrations(ctx: Context) -> list[Any]:
    return [i for i in integrations(ctx) if i.category != "identity"]


def _risk_integrations(ctx: Context) -> Risk | None:
    custom = _custom_integrations(ctx)
    if not custom:
        return None
    return (
        "integrations",
        f"{len(custom)} integration{'s' if len(custom) != 1 else ''} ({join(i.label for i in custom)}) delay go-live",
        "build them in order of value, each behind a queue with retries; go live with the others manual if one slips",
    )


def _risk_staffing(ctx: Context) -> Risk | None:
    team = ctx.num("context.team_size")
    if team is None or ctx.plan.headcount <= team:
        return None
    has = (
        "nobody works in support full time today"
        if team == 0
        else f"the team has {count_text(team, 'person', 'people')}"
    )
    return (
        "staffing",
        f"The plan needs {count_text(ctx.plan.headcount, 'agent', 'agents')}; {has}",
        "measure handle times in the first month to confirm the model's assumed inputs, "
        "then hire or reassign before go-live, and let self-service and automation take "
        "the repetitive load first",
    )


def _risk_timeline(ctx: Context) -> Risk | None:
    if ctx.get("objective.timeline") != "asap" or len(_custom_integrations(ctx)) < 3:
        return None
    return (
        "timeline",
        "Three months is short for this many channels and integrations",
        "go live channel by channel, the busiest first",
    )


def _risk_languages(ctx: Context) -> Risk | None:
    if len(ctx.values("audience.languages")) < 2 or not ctx.reqs(categories=("self_service",)):
        return None
    languages = named(ctx, "audience.languages")
    if has_other(ctx, "audience.languages"):
        languages.append("the languages still to be named")
    return (
        "languages",
        f"Knowledge base in {join(languages)} falls out of step",
        "write in one language first, translate on publish, review the top articles each cycle",
    )


RISKS = (
    _risk_migration,
    _risk_peak,
    _risk_compliance,
    _risk_integrations,
    _risk_staffing,
    _risk_timeline,
    _risk_languages,
)


def _risks(ctx: Context) -> list[dict[str, Any]]:
    out = []
    for check in RISKS:
        with ctx.reading():
            risk = check(ctx)
            if risk is None:
                continue
            key, title, mitigation = risk
            out.append(
                element(
                    ctx,
                    f"action_plan.risk.{key}",
                    "risk",
                    title,
                    f"Risk: {title}. Mitigation: {mitigation}.",
                    data={"risk": title, "mitigation": mitigation},
                )
            )
    return out


@scoped
def _loop(ctx: Context) -> dict[str, Any]:
    cadence = str(ctx.get("metrics.review_cadence") or "monthly")
    kpis = [midsentence(KPI_LABELS.get(k, k)) for k in ctx.values("metrics.kpis")]
    steps = [
        f"measure: {join_items(kpis) or 'the KPIs'} on the dashboard",
        f"review {cadence}: misses traced to queues, channels and request types",
        "improve: new articles for unanswered searches, automation for repeated requests, SLA and routing tweaks",
        "re-plan: staffing re-forecast with the latest volumes"
        + (" before the peak season" if (ctx.num("scale.peak_factor") or 1) >= 1.5 else ""),
    ]
    return element(
        ctx,
        "action_plan.improvement_loop",
        "improvement_loop",
        "Continuous-improvement loop",
        "; ".join(s[0].upper() + s[1:] for s in steps) + ".",
        data={"steps": steps, "cadence": cadence},
    )


def _weeks(ctx: Context) -> int:
    return TIMELINE_WEEKS.get(str(ctx.get("objective.timeline") or "flexible"), 26)


def generate(ctx: Context) -> dict[str, Any]:
    with ctx.reading():  # the weeks to go-live shape every phase and milestone
        weeks = _weeks(ctx)
        elements = _phases(ctx, weeks)
        elements += _milestones(ctx, weeks)
    timeline = str(ctx.get("objective.timeline") or "flexible")
    elements += _risks(ctx)
    elements.append(_loop(ctx))
    when = ctx.text("objective.timeline").lower() or "no fixed date"
    intro = f"Go-live in {weeks} weeks ({when}{', proposed' if timeline == 'flexible' else ''}), then continuous improvement."
    return section("action_plan", "Future action plan", intro, elements, go_live_week=weeks)
