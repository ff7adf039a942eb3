"""A weighted scoring matrix that ranks the help-desk platforms against a project.

Pure and deterministic: discovery answers and the project's requirements in, a full
matrix, a shortlist with reasons, the rejected platforms with their deciding reason and a
yearly licence estimate out. Weights, budget bands and score levels are data
(`frameworks.scoring.data`).

Hard constraints exclude a platform outright: a Must requirement's hosting model, where
data must be stored, a BAA the vendor refuses (`hosting`); a tool the client is replacing;
no free or low-cost option on a minimal budget; a platform that leaves most contacts
outside it. What our sources do not say (a data region, a BAA, a certification) is
unknown: it lowers the score and is named as something to confirm, never taken for yes.
A tool the client keeps is the recommendation, whatever the others score.

The shortlist holds two or three comparable options, as a consultant shows them: the ones
lacking least of what the client needs first (so the first never lacks what another has),
then those lacking one thing more, each card naming what it lacks. A channel the client
has and a platform cannot serve, or a price above the budget, contradicts the client: such
a platform is never shortlisted while one without that contradiction passes the hard
constraints. A channel or capability served on a higher plan, through an add-on or by
hand is an effort or a cost the card states, not something missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from frameworks.catalogue import CATALOGUE_VERSION, PLATFORMS, Platform

from .criteria import (
    _budget,
    _capabilities,
    _capability_level,
    _channels,
    _compliance,
    _deployment,
    _existing,
    _integrations,
    _purpose,
    _scale,
    enterprise_text,
    partly_text,
)
from .data import (
    AUDIENCE_LABELS,
    BUDGET_CEILINGS,
    CAPABILITY_LABELS,
    CHANNEL_LABELS,
    CLASS_LABELS,
    COMPARABLE_GAPS,
    CRITERION_LABELS,
    ENTERPRISE_MIN_TEAM,
    EXCLUSION_ORDER,
    GAP_LEVELS,
    INTEGRATION_LABELS,
    MIN_SHORTLIST,
    WEIGHTS,
)
from .hosting import BAA_TO_CONFIRM, HostingFit, hosting_fit, region_label, regions_label
from .licence import LicenceEstimate, licence_estimate, licence_tier
from .needs import Needs, Req, as_requirements, capabilities_from_requirements, needs_from_answers

__all__ = [
    "CAPABILITY_LABELS",
    "CHANNEL_LABELS",
    "CRITERION_LABELS",
    "INTEGRATION_LABELS",
    "WEIGHTS",
    "CriterionScore",
    "HostingFit",
    "LicenceEstimate",
    "Needs",
    "PlatformScore",
    "Recommendation",
    "Rejection",
    "Req",
    "ScoringResult",
    "as_requirements",
    "capabilities_from_requirements",
    "hosting_fit",
    "licence_estimate",
    "licence_tier",
    "needs_from_answers",
    "region_label",
    "regions_label",
    "score_platform",
    "score_platforms",
]


@dataclass(frozen=True)
class CriterionScore:
    criterion: str
    weight: float
    score: float
    reason: str


@dataclass(frozen=True)
class PlatformScore:
    platform_id: str
    name: str
    total: float  # 0–100
    criteria: tuple[CriterionScore, ...]
    excluded: bool
    exclusion_reason: str | None
    licence: LicenceEstimate
    deployment: str | None = None  # how it would run for this client: cloud / self_hosted
    confirm: tuple[str, ...] = ()  # what to confirm with the vendor before contract
    gaps: tuple[str, ...] = ()  # channels or needed capabilities it lacks
    # The gaps that contradict what the client has: a channel it cannot serve, a price
    # above the budget. Never on a card while a platform without them passes.
    contradicts: tuple[str, ...] = ()
    # The criterion whose hard constraint excludes it (budget, channels, …), if any.
    exclusion_key: str | None = None

    def criterion(self, key: str) -> CriterionScore:
        return next(c for c in self.criteria if c.criterion == key)


@dataclass(frozen=True)
class Recommendation:
    rank: int
    platform_id: str
    name: str
    total: float
    reasons: tuple[str, ...]
    cautions: tuple[str, ...]
    licence: LicenceEstimate
    deployment: str | None = None
    confirm: tuple[str, ...] = ()
    kept: bool = False  # the client's current tool, which it keeps


@dataclass(frozen=True)
class Rejection:
    platform_id: str
    name: str
    total: float
    excluded: bool
    reason: str
    # Why it is off the shortlist, in a word a table can show: "excluded" (a hard
    # constraint), "kept" (the client keeps another tool), "gaps" (it lacks more of what
    # the client needs than the shortlist, whatever its score) or "score".
    status: str = "score"


@dataclass(frozen=True)
class ScoringResult:
    catalogue_version: str
    weights: tuple[tuple[str, float], ...]
    needs: Needs
    matrix: tuple[PlatformScore, ...]
    shortlist: tuple[Recommendation, ...]
    rejected: tuple[Rejection, ...]
    # The client keeps a tool the catalogue does not hold: the design builds around it.
    kept_elsewhere: tuple[str, ...] = ()

    def row(self, platform_id: str) -> PlatformScore:
        return next(r for r in self.matrix if r.platform_id == platform_id)

    @property
    def shortlist_ids(self) -> tuple[str, ...]:
        return tuple(r.platform_id for r in self.shortlist)

    @property
    def requirement_codes(self) -> tuple[str, ...]:
        """The requirements the scoring read as constraints."""
        return self.needs.requirement_codes


# Criteria that fitting is expected of: a reason to worry when missing, never a selling point.
TABLE_STAKES = frozenset({"purpose"})


def _gaps(
    p: Platform, needs: Needs, licence: LicenceEstimate, fit: HostingFit
) -> tuple[list[str], list[str]]:
    """(what it lacks of what the client needs, the part of it that contradicts the client)."""
    gaps, contradicts = [], []
    # A BAA the client must have that our sources do not confirm: the shortlist prefers a
    # vendor that signs one, and the card says it is to be confirmed.
    if needs.baa and fit.option is not None and BAA_TO_CONFIRM in fit.option.confirm:
        gaps.append("a signed BAA not confirmed in our sources")
    for channel, _volume in needs.channels:
        level = p.channels.get(channel)
        label = CHANNEL_LABELS.get(channel, channel.replace("_", " "))
        if level is None:
            contradicts.append(f"no {label}")
        elif needs.external and channel in p.internal_only_channels:
            contradicts.append(f"{label} only for internal users")
    gaps += contradicts
    for capability in needs.capabilities:
        if capability in GAP_LEVELS and _capability_level(p, capability) <= GAP_LEVELS[capability]:
            gaps.append(f"no {CAPABILITY_LABELS[capability]} in our sources")
    ceiling = BUDGET_CEILINGS.get(needs.budget or "")
    # A range (plans not mapped to features) is over the budget only if its cheapest is.
    price = licence.monthly_low if licence.is_range else licence.monthly_per_agent
    over = ceiling is not None and price is not None and price > ceiling
    # Over the budget only when no cheaper fitting plan might be: an uncaptured price is
    # something to ask, not a gap.
    if over and needs.budget != "minimal" and not licence.cheaper_unpriced:
        gap = f"above the {needs.budget} budget (${price:,} per agent)"
        gaps.append(gap)
        contradicts.append(gap)
    if p.enterprise_fact is not None and needs.team < ENTERPRISE_MIN_TEAM:
        gaps.append(enterprise_text(p, needs))
    wanted = set(needs.classes) - {"psa"}  # no catalogue product is a PSA: no one's gap
    if wanted and not wanted & set(p.made_for):
        needed = " and ".join(CLASS_LABELS[c] for c in sorted(wanted))
        gaps.append(f"not made for {needed}")
    elif "customer_service" in wanted:
        others = [a for a in needs.audiences if a not in p.audiences]
        if others:
            gaps.append(f"not made for {' and '.join(AUDIENCE_LABELS[a] for a in others)}")
        elif wanted & p.partly_for:
            gaps.append(partly_text(p))
    return gaps, contradicts


def score_platform(
    p: Platform, needs: Needs, weights: Mapping[str, float] = WEIGHTS
) -> PlatformScore:
    fit = hosting_fit(p, needs)
    licence = licence_estimate(p, needs, fit.deployment)
    verdicts = {
        "budget": _budget(p, needs, licence),
        "deployment": _deployment(p, needs, fit),
        "compliance": _compliance(p, needs, fit),
        "existing_tools": _existing(p, needs),
        "integrations": _integrations(p, needs),
        "channels": _channels(p, needs),
        "capabilities": _capabilities(p, needs),
        "purpose": _purpose(p, needs),
        "scale": _scale(p, needs),
    }
    criteria = tuple(
        CriterionScore(key, weights.get(key, 0.0), round(score, 4), reason)
        for key, (score, reason, _excl) in verdicts.items()
    )
    weight_sum = sum(c.weight for c in criteria) or 1.0
    total = round(100 * sum(c.weight * c.score for c in criteria) / weight_sum, 1)
    exclusion_key = next((key for key in EXCLUSION_ORDER if verdicts[key][2]), None)
    exclusion = verdicts[exclusion_key][2] if exclusion_key else None
    gaps, contradicts = _gaps(p, needs, licence, fit)
    return PlatformScore(
        platform_id=p.id,
        name=p.name,
        total=total,
        criteria=criteria,
        excluded=exclusion is not None,
        exclusion_reason=exclusion,
        licence=licence,
        deployment=fit.deployment,
        confirm=fit.option.confirm if fit.option else (),
        gaps=tuple(gaps),
        contradicts=tuple(contradicts),
        exclusion_key=exclusion_key,
    )


def _reasons(
    row: PlatformScore, deciding: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Strengths on the criteria that separate platforms, and weak spots to discuss."""
    strong = sorted(
        (
            c
            for c in row.criteria
            if c.score >= 0.8
            and c.weight > 0
            and c.criterion in deciding
            and c.criterion not in TABLE_STAKES
        ),
        key=lambda c: (-c.weight * c.score, c.criterion),
    )
    reasons = tuple(f"{CRITERION_LABELS[c.criterion]}: {c.reason}" for c in strong[:4])
    cautions = tuple(
        f"{CRITERION_LABELS[c.criterion]}: {c.reason}"
        for c in row.criteria
        if c.score < 0.6 and c.weight > 0
    )
    if row.gaps:
        cautions = (f"what it lacks: {', '.join(row.gaps)}", *cautions)
    if row.exclusion_reason:
        cautions = (f"conflicts with a hard constraint: {row.exclusion_reason}", *cautions)
    return reasons, cautions


def _lacks_more(row: PlatformScore, benchmark: PlatformScore) -> bool:
    """Off the shortlist for what it lacks, not for its score."""
    return len(row.gaps) > len(benchmark.gaps) or (
        bool(row.contradicts) and not benchmark.contradicts
    )


def _deciding_reason(row: PlatformScore, benchmark: PlatformScore | None) -> str:
    if row.exclusion_reason:
        return row.exclusion_reason
    if benchmark is None:
        return "not shortlisted"
    if _lacks_more(row, benchmark):
        if len(row.gaps) <= len(benchmark.gaps):
            return (
                f"lacks what the client needs ({', '.join(row.contradicts)}), which "
                f"{benchmark.name} does not, whatever its score ({row.total} against "
                f"{benchmark.total})"
            )
        return (
            f"lacks more of what the client needs ({', '.join(row.gaps)}) than "
            f"{benchmark.name}, which scores {benchmark.total}"
        )
    gaps = [
        (c.weight * (benchmark.criterion(c.criterion).score - c.score), c) for c in row.criteria
    ]
    gap, worst = max(gaps, key=lambda g: (g[0], g[1].criterion))
    if gap <= 0:
        return (
            f"scores {row.total} against {benchmark.total} for {benchmark.name}; no single "
            "criterion separates them and the shortlist holds three"
        )
    return (
        f"scores {row.total} against {benchmark.total} for {benchmark.name}; "
        f"falls behind on {CRITERION_LABELS[worst.criterion]}: {worst.reason}"
    )


def _status(row: PlatformScore, benchmark: PlatformScore | None, kept: bool) -> str:
    if row.excluded:
        return "excluded"
    if kept:
        return "kept"
    if benchmark is not None and _lacks_more(row, benchmark):
        return "gaps"
    return "score"


def _kept(needs: Needs, platforms: Iterable[Platform]) -> tuple[list[str], list[str]]:
    """(catalogue ids, other names) of the tools the client keeps."""
    if needs.tool_fate != "keep":
        return [], []
    tools = [
        t
        for t in needs.current_tools
        if t not in ("none", "spreadsheets_inbox") and (t != "other" or needs.other_tool_is_desk)
    ]
    by_tool = {p.tool_id: p.id for p in platforms if p.tool_id}
    elsewhere = [t for t in tools if t not in by_tool]
    names = [needs.other_tool or "the current tool" if t == "other" else t for t in elsewhere]
    return [by_tool[t] for t in tools if t in by_tool], names


def _comparable(
    eligible: list[PlatformScore],
    size: int,
    weights: Mapping[str, float],
    rows: list[PlatformScore],
) -> list[PlatformScore]:
    """Two or three comparable options among those that pass the hard constraints: the
    fewest gaps first, then one gap more, never one that contradicts the client while
    another does not."""
    if not eligible:
        return []
    pool = [r for r in eligible if not r.contradicts] or eligible
    order = sorted(pool, key=lambda r: (len(r.gaps), -r.total, r.platform_id))
    fewest = len(order[0].gaps)
    chosen = [r for r in order if len(r.gaps) <= fewest + COMPARABLE_GAPS][:size]
    if len(chosen) < MIN_SHORTLIST:
        chosen = order[:MIN_SHORTLIST]
    return chosen


def score_platforms(
    answers: Mapping[str, Any],
    requirements: Iterable[Any] | None = None,
    *,
    agents: int | None = None,
    platforms: Iterable[Platform] = PLATFORMS,
    weights: Mapping[str, float] = WEIGHTS,
    shortlist_size: int = 3,
) -> ScoringResult:
    """Score every platform. `requirements` are the project's requirements (codes, or
    objects with code, priority and attributes); None derives them from the answers, as a
    project with no edits would hold them."""
    if requirements is None:
        from requirements_app.engine import derive

        requirements = derive(answers)
    platforms = tuple(platforms)
    needs = needs_from_answers(answers, requirements, agents)
    rows = [score_platform(p, needs, weights) for p in platforms]
    ranked = sorted(rows, key=lambda r: (r.excluded, -r.total, r.platform_id))
    kept_ids, kept_elsewhere = _kept(needs, platforms)
    if kept_ids:
        # The client keeps its tool: it is the recommendation, whatever the others score.
        chosen = [r for r in ranked if r.platform_id in kept_ids]
    elif kept_elsewhere:
        chosen = []
    else:
        chosen = _comparable([r for r in ranked if not r.excluded], shortlist_size, weights, rows)
    # A criterion on which every platform scores the same explains nothing.
    deciding = frozenset(key for key in weights if len({r.criterion(key).score for r in rows}) > 1)
    shortlist = []
    for rank, row in enumerate(chosen, start=1):
        reasons, cautions = _reasons(row, deciding)
        shortlist.append(
            Recommendation(
                rank,
                row.platform_id,
                row.name,
                row.total,
                reasons,
                cautions,
                row.licence,
                row.deployment,
                row.confirm,
                row.platform_id in kept_ids,
            )
        )
    last = chosen[-1] if chosen else None
    kept_names = [r.name for r in chosen if r.platform_id in kept_ids] or list(kept_elsewhere)
    rejected = tuple(
        Rejection(
            r.platform_id,
            r.name,
            r.total,
            r.excluded,
            f"the client keeps {', '.join(kept_names)}"
            if kept_names and not r.excluded
            else _deciding_reason(r, last),
            _status(r, last, bool(kept_names)),
        )
        for r in ranked
        if r not in chosen
    )
    return ScoringResult(
        catalogue_version=CATALOGUE_VERSION,
        weights=tuple(weights.items()),
        needs=needs,
        matrix=tuple(ranked),
        shortlist=tuple(shortlist),
        rejected=rejected,
        kept_elsewhere=tuple(kept_elsewhere),
    )
