"""Section 8: the future action plan — phases fitted to the client's timeline, deliverables,
owners, milestones tied to KPI targets, risks with mitigations, and the improvement loop."""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml

from discovery.conditions import evaluate, validate_condition

from .base import Context, element, join, number_text, scoped, section
from .budget import first_year, first_year_text
from .fit import Size as FitSize
from .fit import size as operation_size
from .integrations import integrations
from .metrics import HORIZON_MONTHS, target_questions, targets
from .staffing import team_comparison
from .summary import kpi_label, kpi_target_value
from .team import team_today
from .tools import connected
from .wording import (
    count_text,
    current_tools,
    has_other,
    join_items,
    midsentence,
    named,
    residency_where,
)
from .workflow import clock_name

PLAN_SHAPES = Path(__file__).with_name("plan_shapes.yaml")


@dataclass(frozen=True)
class Phase:
    key: str
    title: str
    share: float
    owners: tuple[str, ...]
    kept_title: str = ""  # the title when the client keeps its tool


@dataclass(frozen=True)
class Size:
    key: str
    label: str
    weeks: Mapping[str, int]
    phases: tuple[Phase, ...]
    integration_mitigation: str


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    when: Mapping[str, Any]
    owners: Mapping[str, tuple[str, ...]]
    # Per phase key: deliverables, each a tuple of alternatives (the first whose
    # placeholders all have an answer is used).
    deliverables: Mapping[str, tuple[tuple[str, ...], ...]]


@dataclass(frozen=True)
class Shapes:
    sizes: tuple[Size, ...]
    kinds: tuple[Kind, ...]
    fallback: Mapping[str, str]


def _alternatives(item: Any) -> tuple[str, ...]:
    return tuple(str(i) for i in item) if isinstance(item, list) else (str(item),)


@functools.cache
def plan_shapes() -> Shapes:
    """The plan's shapes by size and kind (plan_shapes.yaml), validated when first read."""
    raw = yaml.safe_load(PLAN_SHAPES.read_text(encoding="utf-8"))
    sizes = tuple(
        Size(
            key=str(s["key"]),
            label=str(s["label"]),
            weeks={str(k): int(v) for k, v in s["weeks"].items()},
            phases=tuple(
                Phase(
                    str(p["key"]),
                    str(p["title"]),
                    float(p["share"]),
                    tuple(p["owners"]),
                    str(p.get("kept_title") or ""),
                )
                for p in s["phases"]
            ),
            integration_mitigation=" ".join(str(s["integration_mitigation"]).split()),
        )
        for s in raw["sizes"]
    )
    kinds = tuple(
        Kind(
            key=str(k["key"]),
            label=str(k["label"]),
            when=k["when"],
            owners={str(p): tuple(o) for p, o in (k.get("owners") or {}).items()},
            deliverables={
                str(p): tuple(_alternatives(i) for i in items)
                for p, items in (k.get("deliverables") or {}).items()
            },
        )
        for k in raw["kinds"]
    )
    return Shapes(sizes, kinds, {str(k): str(v) for k, v in raw["fallback"].items()})


def validate_plan_shapes(known_questions: set[str]) -> list[str]:
    """Errors in plan_shapes.yaml: unknown questions in conditions, phases without a
    builder, placeholders without a filler, a size missing."""
    shapes = plan_shapes()
    errors: list[str] = []
    for size in shapes.sizes:
        errors += [
            f"size {size.key}: no builder for phase {p.key}"
            for p in size.phases
            if p.key not in DELIVERABLES
        ]
        if set(size.weeks) != set(TIMELINES):
            errors.append(f"size {size.key}: weeks for {sorted(TIMELINES)}")
    missing = set(get_args(FitSize)) - {s.key for s in shapes.sizes}
    if missing:
        errors.append(f"no shape for the sizes {sorted(missing)}")
    for kind in shapes.kinds:
        errors += [f"kind {kind.key}: {e}" for e in validate_condition(kind.when, known_questions)]
        for phase, items in kind.deliverables.items():
            if phase not in DELIVERABLES:
                errors.append(f"kind {kind.key}: unknown phase {phase}")
            for alternatives in items:
                for text in alternatives:
                    for _lit, name, _spec, _conv in string.Formatter().parse(text):
                        if name and name not in PLACEHOLDERS:
                            errors.append(f"kind {kind.key}: unknown placeholder {{{name}}}")
    return errors


TIMELINES = ("asap", "half_year", "year", "flexible")


def plan_size(ctx: Context) -> Size:
    """The shape for the operation's size, as the architecture sizes it (fit.size)."""
    key = operation_size(ctx)
    return next(s for s in plan_shapes().sizes if s.key == key)


def plan_kinds(ctx: Context) -> list[Kind]:
    answers = ctx.answers
    return [k for k in plan_shapes().kinds if evaluate(k.when, answers)]


def phase_weeks(total: int, phases: Sequence[Phase]) -> list[int]:
    weeks = [max(1, round(total * p.share)) for p in phases]
    weeks[-1] = max(1, total - sum(weeks[:-1]))
    return weeks


def _current_tools(ctx: Context) -> tuple[list[str], bool]:
    """(the products history would move from, whether a shared inbox is in use). A tool
    the client keeps is not migrated from; one it only described is "the current tool"."""
    tools = current_tools(ctx)
    inbox = any(not t.product for t in tools)
    if ctx.get("context.tool_fate") == "keep":
        return [], inbox
    return [_article(t.name) for t in tools if t.product], inbox


def _article(name: str) -> str:
    """A typed tool name inside a sentence: "An in-house case system" → "an in-house case
    system"; a product's own name ("HaloPSA", "Zendesk") stays as it is."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first in ("A", "An", "The") and rest else name


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
    kpis = [midsentence(kpi_label(ctx, k)) for k in ctx.values("metrics.kpis")]
    if kpis:
        f.append(f"baseline figures for {join_items(kpis)}")
    shortlist = [r.name for r in ctx.scoring.shortlist]
    if shortlist:
        f.append(f"platform chosen from the shortlist ({join(shortlist, 'or')})")
    f += _vendor_papers(ctx)
    f.append(f"SLA policy and priority matrix agreed for {clock_name(ctx)}")
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
    p.append(_trained(ctx, "on the new workflow"))
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


def _set_up(ctx: Context) -> list[str]:
    """A small team's first half: the tool chosen and set up, with its own apps."""
    f = []
    shortlist = [r.name for r in ctx.scoring.shortlist]
    if shortlist:
        f.append(f"the help desk chosen from the shortlist ({join(shortlist, 'or')})")
    f += _vendor_papers(ctx)
    f.append(f"reply targets and a few priorities agreed for {clock_name(ctx)}")
    channels = [midsentence(c) for c in ctx.labels("context.channels")]
    if channels:
        f.append(f"channels connected: {join(channels)}")
    f += connected(ctx)
    if ctx.reqs(categories=("self_service",)):
        tasks = [midsentence(t) for t in named(ctx, "objective.repetitive_tasks")]
        topics = join_items(tasks) if tasks else "the questions that come back every week"
        f.append(f"the first help-centre articles, on {topics}")
    return f


def _move_in(ctx: Context) -> list[str]:
    """A small team's second half: everyone moves over on one day, no pilot group."""
    m = []
    tools, inbox = _current_tools(ctx)
    kept = _kept_tools(ctx)
    if kept:
        m.append(f"the new workflow set up around {join(kept)}, which the client keeps")
    elif tools and ctx.requirement("FR-DAT-001") is not None:
        m.append(f"ticket history moved over from {join(tools)} and checked")
    elif inbox:
        m.append("open requests moved over from the inboxes they sit in today")
    m.append("the whole team shown the new workflow in one working session")
    m.append("every channel moved over on the same day: the team is too small for a pilot group")
    m.append("a first report after the first month, against the targets")
    return m


def _rollout(ctx: Context) -> list[str]:
    """A large operation's waves after the pilot: by site, region, queue or channel."""
    sites = [str(r.get("name")) for r in ctx.get("context.sites") or [] if r.get("name")]
    regions = ctx.labels("audience.regions")
    channels = [midsentence(c) for c in ctx.labels("context.channels")]
    if len(sites) > 1:
        waves = f"waves site by site ({join(sites)})"
    elif len(regions) > 1:
        waves = f"waves region by region ({join(regions)})"
    elif len(channels) > 1:
        waves = f"waves channel by channel ({join(channels)}), the busiest last"
    else:
        waves = "waves team by team"
    trained = _trained(ctx, "wave by wave, by trainers from the pilot")
    return [waves, trained, "each wave signed off on its KPIs before the next starts"]


def _trained(ctx: Context, how: str) -> str:
    """Who is trained: the people the client has. Where the staffing model plans more,
    the gap is a question to confirm before hiring (see the staffing risk), so the plan
    trains today's team and each new hire as they join, never a headcount nobody has."""
    team = int(ctx.num("context.team_size") or 0)
    planned = ctx.plan.headcount
    if not team:
        if planned:
            return f"{count_text(planned, 'agent', 'agents')} trained {how}"
        return f"the support team trained {how}"
    trained = f"the {count_text(team, 'person', 'people')} of today's team trained {how}"
    if team == 1:
        trained = f"the one person in support today trained {how}"
    if planned > team:
        trained += ", and each new hire as they join"
    return trained


DELIVERABLES = {
    "set_up": _set_up,
    "move_in": _move_in,
    "foundation": _foundation,
    "build": _build,
    "pilot": _pilot,
    "rollout": _rollout,
    "go_live": _go_live,
}


def _names(ctx: Context, qid: str) -> str:
    return join(named(ctx, qid))


def _billing(ctx: Context) -> str:
    system = str(ctx.get("integrations.billing_system") or "").strip()
    if system:
        return system
    rows = ctx.get("integrations.systems") or []
    names = [str(r.get("name")) for r in rows if r.get("class") in ("accounting", "billing", "psa")]
    return join(names)


def _retention(ctx: Context) -> str:
    rows = ctx.get("scale.retention") or []
    return join([midsentence(str(r["records"])) for r in rows if r.get("records")])


def _residency(ctx: Context) -> str:
    regions = ctx.scoring.needs.regions
    if not regions:
        return ""
    return residency_where(ctx)


def _sector_rules(ctx: Context) -> str:
    rules = [ctx.label("scale.sector_rules", v) for v in ctx.values("scale.sector_rules")]
    rules = [
        r
        for v, r in zip(ctx.values("scale.sector_rules"), rules, strict=True)
        if v not in ("other", "public_records")
    ]
    return join(rules)


def _sites(ctx: Context) -> str:
    sites = [str(r.get("name")) for r in ctx.get("context.sites") or [] if r.get("name")]
    return join(sites if len(sites) > 1 else ctx.labels("audience.regions"))


def _current_product(ctx: Context) -> str:
    return join([t.name for t in current_tools(ctx) if t.product and not t.described])


# What a kind's {placeholder} is filled with; "" leaves the deliverable (or that
# alternative) out.
PLACEHOLDERS = {
    "billing": _billing,
    "monitoring": lambda ctx: join(
        [midsentence(n) for n in named(ctx, "context.monitoring_sources")]
    ),
    "retention": _retention,
    "accessibility": lambda ctx: _names(ctx, "scale.accessibility_laws"),
    "residency": _residency,
    "sector_rules": _sector_rules,
    "sites": _sites,
    "regions": lambda ctx: join(ctx.labels("audience.regions")),
    "current_tools": _current_product,
}


def _fill(ctx: Context, alternatives: Sequence[str]) -> str:
    """The first alternative whose placeholders all have an answer ("" if none has)."""
    for text in alternatives:
        names = [n for _l, n, _s, _c in string.Formatter().parse(text) if n]
        values = {n: PLACEHOLDERS[n](ctx) for n in names}
        if all(values.values()):
            return text.format(**values)
    return ""


def _kind_additions(
    ctx: Context, size: Size, kinds: Sequence[Kind]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(deliverables, owners) the client's kinds add, per phase of this size's plan."""
    have = {p.key for p in size.phases}
    fallback = plan_shapes().fallback

    def where(phase: str) -> str:
        return phase if phase in have else fallback.get(phase, size.phases[-1].key)

    deliverables: dict[str, list[str]] = {}
    owners: dict[str, list[str]] = {}
    for kind in kinds:
        for phase, items in kind.deliverables.items():
            for alternatives in items:
                text = _fill(ctx, alternatives)
                if text and text not in deliverables.get(where(phase), []):
                    deliverables.setdefault(where(phase), []).append(text)
        for phase, roles in kind.owners.items():
            owners.setdefault(where(phase), []).extend(roles)
    return deliverables, owners


def _phases(ctx: Context, size: Size, kinds: Sequence[Kind], weeks: int) -> list[dict[str, Any]]:
    out = []
    start = 0
    for phase, length in zip(size.phases, phase_weeks(weeks, size.phases), strict=True):
        with ctx.reading():
            title = phase.kept_title if phase.kept_title and _kept_tools(ctx) else phase.title
            added, added_owners = _kind_additions(ctx, size, kinds)
            items = DELIVERABLES[phase.key](ctx) + added.get(phase.key, [])
            owners = list(dict.fromkeys([*phase.owners, *added_owners.get(phase.key, [])]))
            out.append(
                element(
                    ctx,
                    f"action_plan.phase.{phase.key}",
                    "phase",
                    f"{title} (weeks {start + 1}–{start + length})",
                    "{title}, {weeks}: {items}. Owners: {owners}.".format(
                        title=title,
                        weeks=count_text(length, "week", "weeks"),
                        items="; ".join(items),
                        owners=join(owners),
                    ),
                    data={
                        "phase": phase.key,
                        "start_week": start + 1,
                        "end_week": start + length,
                        "weeks": length,
                        "deliverables": items,
                        "owners": owners,
                    },
                )
            )
        start += length
    with ctx.reading():
        small = size.key == "small"
        loop_owners = (
            ("Support owner (one of the team)", "Consultant (quarterly)")
            if small
            else ("Support lead", "Knowledge manager", "Consultant (quarterly)")
        )
        cadence = str(ctx.get("metrics.review_cadence") or "monthly")
        steps = [
            f"{cadence} KPI reviews",
            "help-centre articles for the questions that keep coming"
            if small
            else "knowledge-base growth from unanswered searches",
            "more automation where volume repeats",
        ]
        out.append(
            element(
                ctx,
                "action_plan.phase.optimize",
                "phase",
                f"Optimize (from week {start + 1} to month 24)",
                "Optimize: {steps}. Owners: {owners}.".format(
                    steps=", ".join(steps), owners=join(loop_owners)
                ),
                data={
                    "phase": "optimize",
                    "start_week": start + 1,
                    "end_month": 24,
                    "deliverables": steps,
                    "owners": list(loop_owners),
                },
            )
        )
    return out


def _milestones(ctx: Context, go_live_week: int) -> list[dict[str, Any]]:
    out = []
    previous: list[tuple[str, Any]] = []
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
                        "label": kpi_label(ctx, k),
                        "value": row["value"],
                        "basis": row["basis"],
                    }
                )
            # A milestone that only repeats the one before it says nothing new.
            reached = [(g["kpi"], g["value"]) for g in goals]
            if not goals or reached == previous:
                continue
            previous = reached
            text = (
                f"Month {month}: "
                + "; ".join(
                    f"{midsentence(g['label'])} at {kpi_target_value(ctx, g['kpi'], g['value'])}"
                    + (
                        " (a step toward the target)"
                        if g["basis"].startswith("interpolated")
                        else ""
                    )
                    for g in goals
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
                    data={
                        "month": month,
                        "horizon": horizon,
                        "goals": goals,
                        # A step on the way is ours, drawn from the client's own figures.
                        **(
                            {
                                "estimate": {
                                    "method": "interpolated from the baseline toward the target",
                                    "inputs": [
                                        q
                                        for g in goals
                                        if g["basis"].startswith("interpolated")
                                        for q in (
                                            f"metrics.{g['kpi']}.baseline",
                                            *target_questions(ctx, g["kpi"]),
                                        )
                                    ],
                                }
                            }
                            if any(g["basis"].startswith("interpolated") for g in goals)
                            else {}
                        ),
                    },
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


def _spike(ctx: Context) -> tuple[float, str, str, str] | None:
    """The largest short spike the client named: (factor, cause, how long, how often)."""
    rows = [r for r in ctx.get("scale.spikes") or [] if isinstance(r, dict)]
    best = max(rows, key=lambda r: float(r.get("factor") or 0), default=None)
    if best is None or float(best.get("factor") or 0) < 1.5:
        return None
    lasts = ""
    if best.get("lasts") and best.get("lasts_unit"):
        lasts = f"{number_text(float(best['lasts']))} {best['lasts_unit']}"
    often = str(best.get("often") or "")
    return float(best["factor"]), str(best.get("cause") or "").strip(), lasts, often


# A spike that comes back every week or month cannot be kept six weeks away from go-live:
# the go-live day is chosen away from it instead.
RECURRING_SPIKES = {"weekly": "week", "monthly": "month"}


def _risk_peak(ctx: Context) -> Risk | None:
    spike = _spike(ctx) if ctx.get("scale.spikes_known") == "yes" else None
    peak = ctx.num("scale.peak_factor") or 1
    if spike is not None and spike[0] >= peak:
        factor, cause, lasts, often = spike
        what = " ".join(
            p for p in (f"“{cause}”" if cause else "", f"for {lasts}" if lasts else "") if p
        )
        every = RECURRING_SPIKES.get(often)
        if every:
            timing = (
                f"go-live on a quiet day of the {every}, well away from the spike, and the first "
                "spikes after go-live staffed at today's level, before any gain from the new "
                "tool is counted"
            )
        elif often == "unpredictable":
            # No date keeps an outage or a viral moment away: the plan for it must work.
            timing = "no date keeps an unforeseen spike away, so go-live waits until the plan for one works on the new tool"
        else:
            timing = "no go-live in the six weeks before a known spike"
        return (
            "peak",
            f"Spikes of {factor:g}× ({what}) hit a system still settling"
            if what
            else f"Spikes of {factor:g}× hit a system still settling",
            f"{timing}; overflow routing, "
            f"a status message and bot answers tested at {factor:g}× volume beforehand",
        )
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


# Laws on personal data, against attestations of a vendor's controls (a SOC 2 report, an
# ISO 27001 certificate) and the card-data standard: each is a different risk.
PRIVACY_LAWS = ("gdpr", "lgpd", "hipaa")
ATTESTATIONS = ("soc2", "iso27001")


def _risk_compliance(ctx: Context) -> Risk | None:
    chosen = ctx.values("scale.compliance")
    privacy = [ctx.label("scale.compliance", c) for c in chosen if c in PRIVACY_LAWS]
    attested = [ctx.label("scale.compliance", c) for c in chosen if c in ATTESTATIONS]
    cards = "pci_dss" in chosen
    if not (privacy or attested or cards):
        return None
    titles, steps = [], []
    if privacy:
        titles.append(f"personal data handled outside {join(privacy)} rules")
        steps.append(
            "agreements signed before any real data is loaded, retention rules configured "
            "while the tool is set up, access reviewed at go-live"
        )
    if attested:
        titles.append(f"a vendor or integration outside the {join(attested)} controls")
        steps.append(
            f"each vendor's current {join(attested, 'or')} evidence read before the contract, "
            "and every integration's access reviewed against the same controls at go-live"
        )
    if cards:
        titles.append("card numbers written into tickets")
        steps.append("card numbers masked on arrival and never kept in a ticket")
    title = join(titles, "or")
    return ("compliance", title[0].upper() + title[1:], "; ".join(steps))


def _custom_integrations(ctx: Context) -> list[Any]:
    return [i for i in integrations(ctx) if i.category != "identity"]


def _risk_integrations(ctx: Context) -> Risk | None:
    custom = _custom_integrations(ctx)
    if not custom:
        return None
    names = join(i.label for i in custom)
    if len(custom) > 1:
        title = f"{len(custom)} integrations ({names}) delay go-live"
    elif names.startswith("the "):  # a system named in general words: "the client's CRM"
        title = f"The integration with {names} delays go-live"
    else:
        title = f"The {names} integration delays go-live"
    return ("integrations", title, plan_size(ctx).integration_mitigation)


def _risk_staffing(ctx: Context) -> Risk | None:
    # Like with like and on the staffing section's margin: a plan a person or two above a
    # team of part-timers is no risk to go-live, and 42 against 10.5 full-time
    # equivalents is named as such, not against 12 people on the payroll.
    today = team_today(ctx)
    comparison = team_comparison(ctx, today) if today is not None else None
    if today is None or comparison is None or comparison["status"] != "short":
        return None
    assumed = comparison["assumed"]
    if today.basis() == 0:
        has = "nobody works in support full time today"
    elif today.from_roles and (today.part_time or today.away):
        has = f"the team has {today.desk_text()} today"
    else:
        has = f"the team has {count_text(today.people, 'person', 'people')}"
    return (
        "staffing",
        f"The plan needs {count_text(ctx.plan.headcount, 'agent', 'agents')}; {has}",
        (
            f"confirm in the first month the inputs the model assumed ({'; '.join(assumed)}), "
            "then hire or reassign before go-live"
            if assumed
            else "the gap comes from the client's own volumes and handle times: hire or "
            "reassign before go-live"
        )
        + ", and let self-service and automation take the repetitive load first",
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
    kpis = [midsentence(kpi_label(ctx, k)) for k in ctx.values("metrics.kpis")]
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


def _weeks(ctx: Context, size: Size) -> int:
    timeline = str(ctx.get("objective.timeline") or "flexible")
    return size.weeks.get(timeline, size.weeks["flexible"])


@scoped
def _first_year(ctx: Context) -> list[dict[str, Any]]:
    """The first year's cost, as the tools section and the business case state it."""
    f = first_year(ctx)
    if f is None:
        return []
    return [
        element(
            ctx,
            "action_plan.first_year",
            "budget",
            "Cost of the first year",
            first_year_text(f),
            data={
                "platform": f.platform,
                "agents": f.agents,
                "licences": float(f.licences) if f.licences is not None else None,
                "licences_low": float(f.licences_low) if f.licences_low is not None else None,
                "source": f.source,
                "checked": f.checked,
                "verified": f.verified,
                "budget": f.budget,
                "budget_yearly": float(f.budget_yearly) if f.budget_yearly is not None else None,
                "over_budget": float(f.over) if f.over is not None else None,
                "implementation_days": f.implementation_days,
                "implementation_usd": f.implementation_usd,
                "people_usd": f.people_usd,
            },
        )
    ]


def generate(ctx: Context) -> dict[str, Any]:
    # The size and kind of the operation, and the weeks to go-live, shape every phase and
    # milestone.
    with ctx.reading():
        size = plan_size(ctx)
        kinds = plan_kinds(ctx)
        weeks = _weeks(ctx, size)
        elements = _phases(ctx, size, kinds, weeks)
        elements += _milestones(ctx, weeks)
    elements += _first_year(ctx)
    timeline = str(ctx.get("objective.timeline") or "flexible")
    elements += _risks(ctx)
    elements.append(_loop(ctx))
    when = ctx.text("objective.timeline").lower() or "no fixed date"
    intro = f"Go-live in {weeks} weeks ({when}{', proposed' if timeline == 'flexible' else ''}), then continuous improvement."
    return section(
        "action_plan",
        "Future action plan",
        intro,
        elements,
        go_live_week=weeks,
        shape={"size": size.key, "kinds": [k.key for k in kinds]},
    )
