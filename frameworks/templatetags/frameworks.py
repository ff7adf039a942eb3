from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

from django import template
from django.utils.html import format_html_join

from discovery.bank import BANK
from frameworks.generators.base import hours_text, join, number_text
from frameworks.generators.summary import KPI_UNITS, value_in_unit
from frameworks.generators.wording import join_items
from requirements_app.templatetags.traces import get_item

register = template.Library()


@register.filter
def svg_data_uri(svg: str) -> str:
    """An SVG as an <img> source. As an image it cannot run script or fetch anything, and
    the page marks nothing as safe: the Content Security Policy allows data: images."""
    if not svg:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@register.filter
def elements_of(section: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The section's elements of one kind, in order."""
    return [e for e in section.get("elements", []) if e.get("kind") == kind]


# Defined with the requirement traces (the lower layer); registered here too so that
# templates loading this library have it.
register.filter("get_item", get_item)


# --- Formatting for the section templates (the framework screen, the proposal page, the PDF).

_LAYERS = {
    "channels": "Channels",
    "intake": "Intake and automation",
    "core": "Ticketing core",
    "integrations": "Integrations",
    "analytics": "Analytics and monitoring",
    "hosting": "Hosting",
}
_DIRECTIONS = {
    "both": "Both ways",
    "to_helpdesk": "Into the help desk",
    "from_helpdesk": "Out of the help desk",
}
_APPROACHES = {"native": "Native", "ipaas": "iPaaS", "api": "API", "manual": "Manual"}
_CATEGORIES = {
    "crm": "CRM",
    "erp": "ERP",
    "ecommerce": "E-commerce",
    "itsm": "ITSM",
    "billing": "Billing and payments",
    "system": "Other system",
}
_TIERS = {"self_service": "Self-service", "l1": "L1", "l2": "L2", "l3": "L3"}
_METHODS = {"erlang_a": "Erlang A", "erlang_c": "Erlang C", "workload": "Queued work"}
_PROVIDERS = {"aws": "AWS", "azure": "Azure", "gcp": "Google Cloud"}
_LEVELS = ("high", "medium", "low")


def _label(table: dict[str, str], value: Any) -> str:
    return table.get(str(value), str(value or "").replace("_", " ").capitalize())


@register.filter
def layer_label(value: str) -> str:
    return _label(_LAYERS, value)


@register.filter
def direction_label(value: str) -> str:
    return _label(_DIRECTIONS, value)


@register.filter
def approach_label(value: str) -> str:
    return _label(_APPROACHES, value)


@register.filter
def category_label(value: str) -> str:
    return _label(_CATEGORIES, value)


@register.filter
def tier_label(value: str) -> str:
    return _label(_TIERS, value)


@register.filter
def method_label(value: str) -> str:
    return _label(_METHODS, value)


@register.filter
def provider_label(value: str) -> str:
    return _label(_PROVIDERS, value)


@register.filter
def channel_label(value: str) -> str:
    try:
        return BANK.questions["context.channels"].choice_label(value)
    except (KeyError, ValueError, AttributeError):
        return _label({}, value)


@register.filter
def hours(value: Any) -> str:
    """0.1 → "6 min", 24 → "24 h"; empty stays empty."""
    if value in (None, ""):
        return ""
    return hours_text(float(value))


@register.filter
def num(value: Any, decimals: int = 1) -> str:
    """1200.0 → "1,200"; 17.38 → "17.4"."""
    if value in (None, ""):
        return ""
    if int(decimals) == 0:
        return f"{round(float(value)):,}"
    return number_text(float(value), int(decimals))


@register.filter
def pct(value: Any) -> str:
    """A share 0–1 as a percentage: 0.3 → "30%"."""
    if value in (None, ""):
        return ""
    return f"{number_text(float(value) * 100)}%"


@register.filter
def kpi_value(value: Any, kpi_or_unit: str) -> str:
    """A KPI figure in its unit; the argument is a KPI key or a unit (hours, %, USD)."""
    if value in (None, ""):
        return ""
    return value_in_unit(float(value), KPI_UNITS.get(kpi_or_unit, kpi_or_unit) or "")


@register.filter
def priority_grid(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The impact × urgency list as rows of impact (high first), columns of urgency."""
    found = {(c.get("impact"), c.get("urgency")): c.get("priority") for c in data.get("matrix", [])}
    impact = data.get("impact") or {}
    return [
        {
            "impact": level,
            "meaning": impact.get(level, ""),
            "cells": [found.get((level, u), "") for u in _LEVELS],
        }
        for level in _LEVELS
        if any((level, u) in found for u in _LEVELS)
    ]


@register.filter
def urgency_columns(data: dict[str, Any]) -> list[dict[str, str]]:
    urgency = data.get("urgency") or {}
    return [{"urgency": level, "meaning": urgency.get(level, "")} for level in _LEVELS]


@register.filter
def month_label(month: Any) -> str:
    return "Today" if not month else f"In {month} months"


@register.filter
def title_head(title: str) -> str:
    """A title without its bracketed detail: Foundation (weeks 1–2) → Foundation."""
    return str(title).split(" (", 1)[0]


@register.filter
def sum_data(elements: list[dict[str, Any]], key: str) -> float:
    """The sum of one numeric data key over elements."""
    return sum(float((e.get("data") or {}).get(key) or 0) for e in elements)


@register.filter
def sum_list(values: list[Any]) -> float:
    """The sum of a list of numbers (a business case's years)."""
    return sum(float(v or 0) for v in values or ())


@register.filter
def usd_range(low: Any, high: Any) -> str:
    """Two amounts as a range, smaller first, whole dollars: "1,200 to 3,400"; one
    amount when they agree."""
    a, b = sorted((float(low or 0), float(high or 0)))
    if round(a) == round(b):
        return num(a, 0)
    return f"{num(a, 0)} to {num(b, 0)}"


@register.filter
def sentences(items: list[str]) -> str:
    """Items as running text ending in one full stop: "a; b; c." for phrases, "A. B. C." for
    sentences, whether or not each item ends with a full stop."""
    parts = [
        part for part in (str(item).strip().rstrip(".;").strip() for item in items or []) if part
    ]
    if not parts:
        return ""
    if all(part[0].isupper() for part in parts[1:]):
        # Full sentences read as sentences, not as a list cut with semicolons.
        return ". ".join(parts) + "."
    return "; ".join(parts) + "."


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@register.filter
def soft_hyphens(text: str) -> str:
    """Soft hyphens in the longer words, for narrow table headers: the browser or WeasyPrint
    breaks there only if it must. Cheaper in print than `hyphens: auto`, which hyphenates
    while laying out every render."""
    hyphenator = _hyphenator()
    return " ".join(
        hyphenator.inserted(word, hyphen="\u00ad") if len(word) > 7 else word
        for word in str(text).split(" ")
    )


@register.filter
def seats_text(seats: Any) -> str:
    """Seats licensed in each year: "120 seats each year" when every year has as many, else
    the years' counts in order ("14, 16 and 18 seats")."""
    counts = [int(n) for n in seats or []]
    if not counts:
        return ""
    if len(set(counts)) == 1:
        return f"{counts[0]:,} seats each year" if len(counts) > 1 else f"{counts[0]:,} seats"
    return f"{join([f'{n:,}' for n in counts])} seats"


@register.filter
def score_band(value: Any) -> int:
    """A 0–1 score as one of five shades of the scoring grid: 0 (under 0.2) to 4 (0.8 and
    above), so that a reader sees the strong and the weak cells at a glance."""
    try:
        score = float(value)
    except (TypeError, ValueError):
        return 0
    return max(0, min(4, int(score * 5 + 1e-9)))


def _quoted(labels: list[str]) -> str:
    return join([f"“{label}”" for label in labels])


def _basis(element: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What an element rests on: its requirements, or failing those the questions it reads."""
    trace = element.get("trace") or {}
    codes = tuple(str(code) for code in trace.get("requirements", []))
    qids = tuple(str(qid) for qid in trace.get("answers", []))
    return codes, () if codes else qids


def _because(
    basis: tuple[tuple[str, ...], tuple[str, ...]], questions: dict[str, Any], label: str
) -> str:
    codes, qids = basis
    labels = [str(get_item(get_item(questions, qid), "label") or qid) for qid in qids]
    # Whole sentences with named placeholders, so that they can be translated.
    if codes:
        text = "{label}: because of {codes}." if label else "Because of {codes}."
    elif len(labels) == 1:
        text = (
            "{label}: because of the answer to {questions}."
            if label
            else "Because of the answer to {questions}."
        )
    else:
        text = (
            "{label}: because of the answers to {questions}."
            if label
            else "Because of the answers to {questions}."
        )
    text = text.format(label=label, codes=join(list(codes)), questions=_quoted(labels))
    return text[:1].upper() + text[1:]


@register.simple_tag(takes_context=True)
def trace_sentence(
    context: template.Context, element: dict[str, Any], questions: dict[str, Any], label: str = ""
) -> str:
    """An element's trace as one whole sentence for print: every requirement it comes from,
    or failing those the questions it reads; nothing cut short. The answers themselves are
    in the traceability appendix. `label` names the row the trace is for.

    With a `trace_memo` in the context (the printed document has one) the trace is kept,
    not printed: `trace_flush` prints the kept ones once per table or section, each basis
    once with the rows it covers, instead of a list of twenty questions under every
    paragraph or "same basis as above" four times a page."""
    basis = _basis(element)
    if not any(basis):
        return ""
    memo = context.get("trace_memo")
    if isinstance(memo, dict):
        name = str(label or element.get("title") or "").strip()
        memo.setdefault("pending", []).append((name, basis, questions))
        return ""
    return _because(basis, questions, label)


# What a flush's `every` says, and how a later trace refers back to it.
GROUP_WORDS = ("Every ", "Each ", "Everything ")


def _earlier(label: str) -> str:
    """A group already traced in this section, as a later trace names it."""
    if label == "Every row":
        return "the rows of the table above"
    if label.startswith(GROUP_WORDS):
        return label[:1].lower() + label[1:] + ", above"
    return f"“{label}” above" if label else "the paragraph above"


@register.simple_tag(takes_context=True)
def trace_flush(context: template.Context, every: str = "Everything above") -> str:
    """The traces kept since the last flush (print), as whole sentences, one per basis:
    "P1 Critical, P2 High and P3 Normal: because of FR-SLA-001 and FR-SLA-002." When one
    basis covers them all, `every` names them ("Every row", "Everything in this section").
    Escaped here: a label may be a client's own words."""
    memo = context.get("trace_memo")
    if not isinstance(memo, dict) or not memo.get("pending"):
        return ""
    pending = memo.pop("pending")
    memo["flushed"] = True
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    questions: dict[str, Any] = {}
    for name, basis, asked in pending:
        names = groups.setdefault(basis, [])
        if name and name not in names:
            names.append(name)
        questions = asked
    if len(groups) == 1 and len(pending) > 1:
        labelled = [(next(iter(groups)), every)]
    else:
        labelled = [(basis, join_items(names)) for basis, names in groups.items()]
    # A basis already said in this section is named, not listed again.
    said: dict[Any, str] = memo.setdefault("said", {})
    sentences = []
    for basis, label in labelled:
        if basis in said:
            text = "{label}: because of the same {what} as {earlier}.".format(
                label=label or "This",
                what="requirements" if basis[0] else "answers",
                earlier=_earlier(said[basis]),
            )
            sentences.append(text[:1].upper() + text[1:])
        else:
            said[basis] = label
            sentences.append(_because(basis, questions, label))
    return format_html_join("", '<p class="trace">{}</p>', ((s,) for s in sentences))


@register.simple_tag(takes_context=True)
def trace_section_end(context: template.Context) -> str:
    """The traces of a section's paragraphs, once each, at the section's end (print)."""
    memo = context.get("trace_memo")
    if not isinstance(memo, dict):
        return ""
    every = (
        "Everything else in this section" if memo.get("flushed") else "Everything in this section"
    )
    text = trace_flush(context, every)
    memo["flushed"] = False
    memo["said"] = {}
    return text
