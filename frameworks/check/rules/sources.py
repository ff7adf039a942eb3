"""Figures and claims a client can check: every source followable and dated, every money
amount sourced (or the consultant's labelled estimate, or the client's own figure), every
vendor claim sourced, unverified prices marked, and no benchmark quoted past its age."""

from __future__ import annotations

import re
from collections.abc import Iterator

from frameworks.check.inputs import AMOUNT, CheckInput, Item, SourceRef, amount_value
from frameworks.check.model import Hit
from frameworks.check.registry import rule

_DOMAIN = re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_CAPITALIZED = re.compile(r"\b[A-Z][\w&'-]+")


def internal_reason(ci: CheckInput, source: str) -> str | None:
    """Why a client cannot follow `source`, or None when they can."""
    for pattern, what in ci.data.internal_sources:
        if pattern.search(source):
            return what
    if _DOMAIN.search(source) or _YEAR.search(source):
        return None
    if len(_CAPITALIZED.findall(source)) >= 2:
        return None  # a named publication: "Reichheld, Bain & Company"
    return "neither a public address nor a named publication"


def has_estimate(item: Item) -> bool:
    """The element labels its figures as the consultant's estimate and names the inputs."""
    estimate = item.data.get("estimate")
    return isinstance(estimate, dict) and bool(estimate.get("inputs"))


@rule("source.internal")
def internal(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        seen: set[str] = set()
        for ref in item.sources:
            reason = internal_reason(ci, ref.source)
            if reason and ref.source not in seen:
                seen.add(ref.source)
                yield Hit(item.section, item.element_id, ref.source, reason)


@rule("source.undated")
def undated(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        seen: set[str] = set()
        for ref in item.sources:
            if not ref.checked and ref.source not in seen:
                seen.add(ref.source)
                yield Hit(item.section, item.element_id, ref.source)


def amounts(ci: CheckInput, item: Item) -> list[str]:
    """Money amounts the element prints, less the client's own figures."""
    found: list[str] = []
    for _field, text in item.strings():
        if "$" not in text and "€" not in text and "£" not in text and "USD" not in text:
            continue
        for match in AMOUNT.finditer(ci.without_client_quotes(text)):
            if match.group(0) not in found:
                found.append(match.group(0))
    if not found:
        return found
    own = ci.client_figures(item)
    return [a for a in found if amount_value(a) not in own]


@rule("source.amount")
def amount(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        # An element whose sources a client cannot follow is flagged once, by source.internal.
        found = amounts(ci, item)
        if not found or has_estimate(item) or item.sources:
            continue
        for text in found:
            yield Hit(item.section, item.element_id, text)


@rule("source.claim")
def claim(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        if item.kind in ci.data.claim_kinds and not item.sources:
            yield Hit(item.section, item.element_id, item.title)


@rule("source.unverified")
def unverified(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        if not any(not r.verified for r in item.sources):
            continue
        texts = [t for _f, t in item.strings()]
        priced = [a for a in amounts(ci, item) if any(a in t for _f, t in item.prose)]
        if priced and not any("unverified" in t.lower() for t in texts):
            yield Hit(item.section, item.element_id, priced[0])


def benchmark_year(ref: SourceRef) -> int | None:
    if ref.published:
        return ref.published
    years = [int(y) for y in _YEAR.findall(f"{ref.source} {ref.text}")]
    return max(years) if years else None


def _benchmarks(item: Item) -> list[SourceRef]:
    return [r for r in item.sources if r.path.startswith("benchmarks")]


@rule("source.benchmark_age")
def benchmark_age(ci: CheckInput) -> Iterator[Hit]:
    limit = ci.data.benchmark_max_age_years
    for item in ci.items:
        for ref in _benchmarks(item):
            year = benchmark_year(ref)
            if year is not None and ci.today.year - year > limit:
                yield Hit(
                    item.section,
                    item.element_id,
                    ref.text or ref.source,
                    str(year),
                    (("max_age", str(limit)),),
                )


@rule("source.benchmark_undated")
def benchmark_undated(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        for ref in _benchmarks(item):
            if benchmark_year(ref) is None:
                yield Hit(item.section, item.element_id, ref.text or ref.source)
