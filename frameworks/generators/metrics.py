"""Section 7: metrics and monitoring — each chosen KPI with its definition, formula, baseline,
short/medium/long targets, benchmark, measurement, dashboard place and review cadence.

Intermediate targets are interpolated linearly by elapsed time from the baseline toward the
client's target at its horizon, and held after it; without a baseline they wait for the
first month's measurement. The text says so, so nobody mistakes them for commitments the
client made.
"""

from __future__ import annotations

import re
from typing import Any

from frameworks.catalogue import KPIS_BY_ID, LATEST_CHECK, Benchmark, regulator_measures
from frameworks.catalogue.kpis import WORKING_DEFINITION
from frameworks.staffing import CHANNEL_MODELS

from .base import Context, element, join, scoped, section
from .summary import (
    KPI_LABELS,
    kpi_target,
    kpi_target_note,
    kpi_target_value,
    kpi_value,
    live_kpi_targets,
)
from .wording import count_text, midsentence
from .workflow import regulated_rows

HORIZON_MONTHS = {"short": 3, "medium": 12, "long": 24}
HORIZON_LABELS = {
    "short": "short term (month 3)",
    "medium": "medium term (month 12)",
    "long": "long term (month 24)",
}

DASHBOARD: dict[str, tuple[str, str]] = {
    "first_response_time": (
        "Service level",
        "live tile: median and 90th percentile against the SLA",
    ),
    "avg_response_time": ("Service level", "live tile per channel"),
    "resolution_time": ("Service level", "trend by priority, mean and median"),
    "sla_compliance": ("Service level", "gauge per SLA metric and priority"),
    "fcr": ("Quality", "weekly trend"),
    "csat": ("Quality", "trend with the latest survey comments"),
    "ces": ("Quality", "trend after resolution"),
    "nps": ("Quality", "quarterly relationship figure"),
    "cost_per_ticket": ("Efficiency", "monthly figure, cost centre over ticket count"),
    "self_service_rate": ("Self-service", "article views and deflections against tickets"),
    "volume_reduction": ("Self-service", "assisted tickets against the baseline month"),
}
DEFAULT_CADENCE = "monthly"


def _round(kpi: str, value: float) -> float:
    unit = KPIS_BY_ID[kpi].unit if kpi in KPIS_BY_ID else ""
    if unit == "hours":
        return round(value, 2) if value < 1 else round(value, 1)
    if unit == "USD":
        return round(value, 2)
    return float(round(value))


def targets(ctx: Context, kpi: str) -> list[dict[str, Any]]:
    baseline = ctx.num(f"metrics.{kpi}.baseline")
    target = kpi_target(ctx, kpi)
    horizon = str(ctx.get(f"metrics.{kpi}.horizon") or "medium")
    end = HORIZON_MONTHS.get(horizon, 12)
    out = []
    for h, month in HORIZON_MONTHS.items():
        if target is None:
            value, how = None, "no target agreed yet"
        elif month == end:
            value, how = target, "the client's target"
        elif month > end:
            value, how = target, "hold the target"
        elif baseline is None:
            value, how = None, "set once the first month's baseline is measured"
        else:
            value = _round(kpi, baseline + (target - baseline) * month / end)
            how = "interpolated from the baseline toward the target"
        out.append({"horizon": h, "month": month, "value": value, "basis": how})
    return out


_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# Benchmarks older than this, counted from the catalogue's date, are not quoted as current
# (the proposal check measures the same age from the proposal's date).
BENCHMARK_MAX_AGE_YEARS = 5


def target_questions(ctx: Context, kpi: str) -> list[str]:
    """The questions a KPI's target was read from: the metrics step's, or the live
    channel's that stands for it (see kpi_target)."""
    live = live_kpi_targets(ctx, kpi)
    if live:
        return list(live[0]["questions"])
    return [f"metrics.{kpi}.target"]


def benchmark_year(b: Benchmark) -> int | None:
    """The year a benchmark was published: the latest year its text or source names."""
    years = [int(y) for y in _YEAR.findall(f"{b.source} {b.text}")]
    return max(years) if years else None


def current(published: int) -> bool:
    return LATEST_CHECK.year - published <= BENCHMARK_MAX_AGE_YEARS


def _cadence(ctx: Context) -> tuple[str, bool]:
    stated = ctx.get("metrics.review_cadence")
    return str(stated or DEFAULT_CADENCE), bool(stated)


# The queues of the live channels, named by the ones the client has.
LIVE_QUEUES = {"phone": "telephony", "chat": "chat", "messaging": "messaging"}


# A live contact of each live channel, for the definitions that name them ({live_contact},
# {live_contacts}): a client without chat is never told of chats.
LIVE_CONTACTS = {
    "phone": ("a call", "calls"),
    "chat": ("a chat", "chats"),
    "messaging": ("a message", "messages"),
}


def _definition(ctx: Context, text: str) -> str:
    if "{live_contact" not in text:
        return text
    channels = ctx.values("context.channels")
    named = [words for channel, words in LIVE_CONTACTS.items() if channel in channels]
    one = f" ({join([w[0] for w in named], 'or')})" if named else ""
    many = f" ({join([w[1] for w in named])})" if named else ""
    return text.replace("{live_contacts}", many).replace("{live_contact}", one)


def _measured_by(ctx: Context, text: str) -> str:
    if "{live_queues}" not in text:
        return text
    channels = ctx.values("context.channels")
    named = [words for channel, words in LIVE_QUEUES.items() if channel in channels]
    queues = join(named, "or") + " queue" if named else "live-channel queue"
    return text.replace("{live_queues}", queues[0].upper() + queues[1:])


@scoped
def _kpi(ctx: Context, kpi: str) -> dict[str, Any]:
    k = KPIS_BY_ID.get(kpi)
    label = KPI_LABELS.get(kpi, kpi)
    baseline = ctx.num(f"metrics.{kpi}.baseline")
    rows = targets(ctx, kpi)
    ctx.related(categories=("reporting",))
    cadence, _stated = _cadence(ctx)
    panel, widget = DASHBOARD.get(kpi, ("Overview", "tile"))
    benchmarks = [
        {
            "text": b.text,
            "source": b.source,
            "checked": b.checked,
            "verified": b.verified,
            "weak": b.weak,
            "published": published,
        }
        for b in (k.benchmarks if k else ())
        if (published := benchmark_year(b)) is None or current(published)
    ]
    target_text = "; ".join(
        f"{HORIZON_LABELS[r['horizon']]}: {kpi_target_value(ctx, kpi, r['value']) if r['value'] is not None else r['basis']}"
        for r in rows
    )
    per_channel = kpi_target_note(ctx, kpi)
    text = f"{label}. "
    if k:
        text += f"{_definition(ctx, k.definition)} Formula: {k.formula}. "
    text += f"Baseline: {kpi_value(kpi, baseline) if baseline is not None else 'measured in the first month'}. "
    text += f"Targets — {target_text}"
    if any(r["basis"].startswith("interpolated") for r in rows):
        text += " (intermediate targets interpolated by elapsed time toward the client's target)"
    text += ". "
    if per_channel:
        text += (
            f"The client's target per live channel: {per_channel}; the figure above is the calls'. "
        )
    if benchmarks:
        first = benchmarks[0]
        note = " (weak source / vendor claim)" if first["weak"] else ""
        year = f" ({first['published']})" if first["published"] else ""
        text += f"Benchmark{year}: {first['text']}{note} — {first['source']}. "
    else:
        text += "No recent published benchmark in our sources. "
    if k:
        text += f"Measured from: {midsentence(_measured_by(ctx, k.measured_by))}. "
    text += f"Dashboard: {panel} panel, {widget}. Reviewed {cadence}."
    return element(
        ctx,
        f"metrics.kpi.{kpi}",
        "kpi",
        label,
        text,
        data={
            "kpi": kpi,
            "definition": _definition(ctx, k.definition) if k else "",
            "formula": k.formula if k else "",
            "unit": k.unit if k else "",
            "direction": k.direction if k else "",
            # A working definition is the consultant's, not a source a client can follow.
            "definition_source": k.definition_source
            if k and k.definition_source != WORKING_DEFINITION
            else "",
            "definition_basis": WORKING_DEFINITION
            if k and k.definition_source == WORKING_DEFINITION
            else "",
            "definition_checked": k.checked if k else None,
            "baseline": baseline,
            "target": kpi_target(ctx, kpi),
            "target_questions": target_questions(ctx, kpi),
            "horizon": ctx.get(f"metrics.{kpi}.horizon"),
            "targets": rows,
            "target_method": "linear by elapsed months from the baseline to the target; held after the target's horizon",
            "benchmarks": benchmarks,
            "measured_by": _measured_by(ctx, k.measured_by) if k else "",
            "dashboard": {"panel": panel, "widget": widget},
            "review_cadence": cadence,
        },
    )


@scoped
def _dashboard(ctx: Context) -> dict[str, Any]:
    panels: dict[str, list[str]] = {}
    for k in ctx.values("metrics.kpis"):
        panels.setdefault(DASHBOARD.get(k, ("Overview", ""))[0], []).append(KPI_LABELS.get(k, k))
    operations = [
        "open backlog by age",
        "SLA breaches and tickets at risk",
        "agents on duty against the plan",
    ]
    live = [
        c
        for c in ctx.values("context.channels")
        if (model := CHANNEL_MODELS.get(c)) is not None and model.live
    ]
    if live:
        operations.append(f"live-channel occupancy against the {ctx.policy.max_occupancy:.0%} cap")
    panels["Operations"] = operations
    satisfies = ctx.satisfies(ctx.reqs(codes=("FR-RPT-001", "FR-RPT-002", "FR-SLA-002")))
    return element(
        ctx,
        "metrics.dashboard",
        "dashboard",
        "Dashboard layout",
        "; ".join(f"{name}: {join(items)}" for name, items in panels.items()) + ".",
        data={
            "panels": [{"panel": n, "items": items} for n, items in panels.items()],
            "satisfies": satisfies,
        },
    )


@scoped
def _review(ctx: Context) -> dict[str, Any]:
    cadence, stated = _cadence(ctx)
    review = f"{cadence.capitalize()} KPI review"
    text = (
        f"{review}"
        + ("" if stated else " (proposed; no cadence was stated)")
        + ": each KPI against "
        "its current-horizon target, the biggest misses traced to queues, channels or "
        "request types, and one change agreed per miss."
    )
    if ctx.get("context.metrics_known") in ("no", "partly"):
        text += " The first review fixes the baselines measured in month one."
    satisfies = ctx.satisfies(ctx.reqs(codes=("FR-RPT-001", "FR-RPT-005", "FR-RPT-008")))
    return element(
        ctx,
        "metrics.review",
        "review",
        review,
        text,
        data={"cadence": cadence, "stated": stated, "satisfies": satisfies},
    )


@scoped
def _regulated(ctx: Context) -> dict[str, Any] | None:
    """Deadlines met, one row per regulated deadline: the law asks for every one, so the
    target is all of them, and each breach is reported with its reason."""
    rows = regulated_rows(ctx)
    if not rows:
        return None
    cadence, _stated = _cadence(ctx)
    measures = [
        {
            "measure": f"{r['duty'][:1].upper()}{r['duty'][1:]}"
            + (f" within {r['within_text']}" if r["within_text"] else ""),
            "basis": r["basis"],
        }
        for r in rows
    ]
    text = (
        "Regulated deadlines met: the share of requests of each kind answered within the "
        "deadline the law or regulator sets, target 100%; "
        + "; ".join(
            r["duty"]
            + (f" within {r['within_text']}" if r["within_text"] else "")
            + (f" ({r['basis']})" if r["basis"] else "")
            for r in rows
        )
        + f". Measured from each deadline's SLA policy in the help desk; every breach, with "
        f"its reason, goes to the {cadence} review and into the returns the regulator asks for."
    )
    satisfies = ctx.satisfies(ctx.reqs(codes=("FR-SLA-007", "FR-SLA-008", "FR-RPT-001")))
    return element(
        ctx,
        "metrics.regulated",
        "regulated_kpi",
        "Regulated deadlines met",
        text,
        data={
            "measures": measures,
            "target": "100%",
            "cadence": cadence,
            "satisfies": satisfies,
        },
    )


@scoped
def _regulator_measures(ctx: Context) -> dict[str, Any] | None:
    """The measures a regulator publishes about the client (the Regulator of Social
    Housing's Tenant Satisfaction Measures), each with what in the support system feeds
    it: the board is judged by these, so the dashboard shows them beside the KPIs."""
    found = regulator_measures.measures_for(ctx.values("scale.sector_rules"))
    if not found:
        return None
    cadence, _stated = _cadence(ctx)
    regulator = found[0].regulator
    rows = [
        {
            "code": m.code,
            "name": m.name,
            "fed_by": m.fed_by,
            "source": m.source,
            "checked": regulator_measures.READ.isoformat(),
        }
        for m in found
    ]
    text = (
        f"Measures the {regulator} publishes, shown beside the KPIs and reviewed {cadence}: "
        + "; ".join(f"{r['code']} {r['name']} (from {r['fed_by']})" for r in rows)
        + ". The annual return stays the official figure; the monthly readings show where it is heading."
    )
    satisfies = ctx.satisfies(ctx.reqs(codes=("FR-RPT-001", "FR-SLA-007")))
    return element(
        ctx,
        "metrics.regulator",
        "regulator_measures",
        f"Measures the {regulator} publishes",
        text,
        data={"regulator": regulator, "measures": rows, "cadence": cadence, "satisfies": satisfies},
    )


def generate(ctx: Context) -> dict[str, Any]:
    kpis = ctx.values("metrics.kpis")
    elements = [_kpi(ctx, k) for k in kpis]
    regulated = _regulated(ctx)
    if regulated is not None:
        elements.append(regulated)
    measures = _regulator_measures(ctx)
    if measures is not None:
        elements.append(measures)
    elements.append(_dashboard(ctx))
    elements.append(_review(ctx))
    cadence, _stated = _cadence(ctx)
    intro = (
        f"{count_text(len(kpis), 'KPI', 'KPIs')} with targets per horizon, where each is "
        f"measured and shown, reviewed {cadence}."
        if kpis
        else f"No KPI has been chosen yet: the first {cadence} review agrees them with the client; "
        "until then the dashboard tracks the operation."
    )
    return section("metrics", "Metrics and monitoring", intro, elements)
