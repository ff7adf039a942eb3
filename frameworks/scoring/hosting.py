"""How a platform would run for this client, and whether that keeps the client's hard
constraints: hosting, where data is stored, a BAA, vendor certifications.

Each platform is offered by its vendor (cloud), runs on the client's own infrastructure
(self-hosted), or both. For each way it may run, the constraints either hold (a source
says so), fail (a source says otherwise: that way is closed), or are unknown (our sources
do not say: the way stays open, to be confirmed with the vendor, at a cost to the score).
Unknown is never taken for yes.
"""

from __future__ import annotations

from dataclasses import dataclass

from frameworks.catalogue import REGIONS, Platform

from .data import (
    SMALL_TEAM,
    UNASKED_SELF_HOSTING,
    UNCONFIRMED_BAA,
    UNCONFIRMED_CERTIFICATION,
    UNCONFIRMED_REGION,
)
from .needs import Needs

# What is confirmed with the vendor when our sources do not say it signs a BAA.
BAA_TO_CONFIRM = "a signed BAA"
CERTIFICATION_LABELS = {"soc2": "SOC 2", "iso27001": "ISO 27001", "pci_dss": "PCI DSS"}


def region_label(region: str) -> str:
    if region == "in_country":
        return "the client's own country or premises"
    if region in REGIONS:
        return REGIONS[region]
    from discovery.vocab import places

    return places.name(region.upper())


def regions_label(regions: tuple[str, ...]) -> str:
    """Where data may be kept, as a person says it: "the EU", "Canada or the USA"."""
    names = [region_label(r) for r in regions]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} or {names[-1]}"


@dataclass(frozen=True)
class Option:
    """One way a platform may run for this client, and what keeping the constraints takes."""

    deployment: str  # "cloud" | "self_hosted"
    closed: str | None  # why this way breaks a hard constraint, or None
    closed_by: str | None  # the criterion that closes it: "deployment" | "compliance"
    residency: str  # what the text says about where data is kept
    compliance: str  # what the text says about the BAA and certifications
    confirm: tuple[str, ...]  # what must be confirmed with the vendor before contract
    residency_score: float
    compliance_score: float


@dataclass(frozen=True)
class HostingFit:
    option: Option | None  # the way it runs for this client, None when every way is closed
    options: tuple[Option, ...]

    @property
    def deployment(self) -> str | None:
        return self.option.deployment if self.option else None

    @property
    def exclusion(self) -> tuple[str, str] | None:
        """(criterion, reason) when every way the platform runs breaks a constraint."""
        if self.option is not None:
            return None
        closed = [o for o in self.options if o.closed]
        if not closed:
            return None
        first = closed[0]
        reason = "; ".join(o.closed for o in closed if o.closed)
        return (first.closed_by or "deployment", reason)


def _cloud(p: Platform, needs: Needs) -> Option:
    confirm: list[str] = []
    closed = closed_by = None
    residency, residency_score = "", 1.0
    allowed = needs.regions
    if allowed == ("in_country",):
        residency = (
            "the vendor's cloud, while data must stay in the client's own country or premises"
        )
        residency_score = 0.0
        if needs.region_hard:
            closed, closed_by = (
                "runs only in the vendor's cloud, and data must stay in the client's own "
                "country or premises",
                "deployment",
            )
    elif allowed:
        where = regions_label(allowed)
        fact = p.regions_fact.text if p.regions_fact else ""
        if p.hosting_regions & set(allowed):
            residency = f"vendor hosting in {where} ({fact})"
        elif p.hosting_regions:
            hosted = ", ".join(region_label(r) for r in sorted(p.hosting_regions))
            residency = f"the vendor hosts data in {hosted} ({fact or hosted}), not in {where}"
            residency_score = 0.0
            if needs.region_hard:
                closed, closed_by = (
                    f"hosted only outside {where} ({fact or hosted})",
                    "deployment",
                )
        else:
            residency = f"data location in {where} not in our sources: confirm with the vendor"
            confirm.append(f"data kept in {where}")
            residency_score = UNCONFIRMED_REGION
    compliance_parts: list[str] = []
    compliance_score = 1.0
    if needs.baa:
        if p.baa is True:
            compliance_parts.append(f"BAA: {p.baa_fact.text if p.baa_fact else 'offered'}")
        elif p.baa is False:
            compliance_score = 0.0
            if closed is None:
                closed, closed_by = ("the vendor does not sign a BAA", "compliance")
        else:
            compliance_parts.append("BAA not in our sources: confirm with the vendor")
            confirm.append(BAA_TO_CONFIRM)
            compliance_score *= UNCONFIRMED_BAA
    held = p.certifications or frozenset()
    unconfirmed = [c for c in needs.certifications if c not in held]
    confirmed = [c for c in needs.certifications if c in held]
    if confirmed and p.certifications_fact is not None:
        compliance_parts.append(
            f"{', '.join(CERTIFICATION_LABELS[c] for c in confirmed)} confirmed "
            f"({p.certifications_fact.text})"
        )
    if unconfirmed:
        names = ", ".join(CERTIFICATION_LABELS[c] for c in unconfirmed)
        compliance_parts.append(f"{names} not in our sources: confirm with the vendor")
        confirm.append(f"{names} for the hosted service")
        compliance_score *= UNCONFIRMED_CERTIFICATION ** len(unconfirmed)
    return Option(
        deployment="cloud",
        closed=closed,
        closed_by=closed_by,
        residency=residency,
        compliance="; ".join(compliance_parts),
        confirm=tuple(confirm),
        residency_score=residency_score,
        compliance_score=compliance_score,
    )


def _self_hosted(p: Platform, needs: Needs) -> Option:
    residency = ""
    if needs.regions and needs.regions != ("in_country",):
        residency = f"data kept in {regions_label(needs.regions)} by hosting it there"
    elif needs.regions:
        residency = "data kept in the client's own country or premises by hosting it there"
    parts = []
    closed = closed_by = None
    if needs.baa:
        parts.append(
            "no vendor BAA needed when self-hosted; the hosting provider signs one, and the "
            "client runs the HIPAA safeguards (access, audit, encryption, backups) itself"
        )
        if not needs.self_hosting_asked and needs.agents < SMALL_TEAM:
            # Protected health information on servers nobody at the client runs for a
            # living: the safeguards fall on a team too small to keep them, unasked.
            closed, closed_by = (
                "self-hosting would put the HIPAA safeguards (access, audit, encryption, "
                f"backups, patching) on a team of {needs.agents} that did not ask to run "
                "servers",
                "deployment",
            )
    if needs.certifications:
        names = ", ".join(CERTIFICATION_LABELS[c] for c in needs.certifications)
        parts.append(f"{names}: runs inside the client's own controls")
    score = (
        1.0
        if needs.self_hosting_asked
        else (UNASKED_SELF_HOSTING["small" if needs.agents < SMALL_TEAM else "large"])
    )
    return Option(
        deployment="self_hosted",
        closed=closed,
        closed_by=closed_by,
        residency=residency,
        compliance="; ".join(parts),
        confirm=(),
        residency_score=score,
        compliance_score=0.9 if (needs.baa or needs.certifications) else 1.0,
    )


def _value(o: Option) -> tuple[float, int]:
    return (o.residency_score * o.compliance_score, -len(o.confirm))


def hosting_fit(p: Platform, needs: Needs) -> HostingFit:
    """The ways `p` may run for this client, and the one it would run in."""
    ways = sorted(p.deployment, key=["cloud", "self_hosted"].index)
    if needs.hosting:
        ways = [w for w in ways if w == needs.hosting]
    options = tuple(_cloud(p, needs) if w == "cloud" else _self_hosted(p, needs) for w in ways)
    open_options = [o for o in options if o.closed is None]
    if not open_options:
        if not options and needs.hosting:
            if needs.hosting == "cloud":
                why = "self-hosted only, and the client runs no servers for support (SaaS)"
            elif needs.regions == ("in_country",):
                why = (
                    "cloud-only (SaaS), and data must stay in the client's own country or "
                    "premises, so the client must self-host"
                )
            else:
                why = "cloud-only (SaaS) and the client must self-host"
            closed = Option(needs.hosting, why, "deployment", "", "", (), 0.0, 0.0)
            return HostingFit(None, (closed,))
        return HostingFit(None, options)
    preferred = needs.deployment if needs.deployment in ("cloud", "self_hosted") else None
    best = max(
        open_options,
        key=lambda o: (*_value(o), o.deployment == preferred, o.deployment == "cloud"),
    )
    return HostingFit(best, options)
