"""Published unit costs and rates the business case prices savings with, each with its
source and the date the source published it, and the planning assumptions it
makes where no source gives a figure (labelled as such wherever they are used).

Data only; `frameworks.business_case` reads it. Figures from `../shared/reference/
operations-anchors.md` (gathered 2026-12-01), sections 4 and 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

COSTS_VERSION = "1"


@dataclass(frozen=True)
class Rate:
    """A figure the business case uses: `value` in `unit`, from `source` (dated), or an
    assumption (`assumed`, with the reason the figure was chosen and the answer or
    measurement that would replace it)."""

    key: str
    value: Decimal
    unit: str
    text: str
    source: str
    dated: str  # when the source published it (or was read), as precisely as known; "" if assumed
    assumed: bool = False


def _rate(
    key: str,
    value: str,
    unit: str,
    text: str,
    source: str,
    dated: str,
    assumed: bool = False,
) -> Rate:
    return Rate(key, Decimal(value), unit, text, source, dated, assumed)


RATES: dict[str, Rate] = {
    r.key: r
    for r in (
        _rate(
            "live_contact_usd",
            "8.01",
            "USD per contact",
            "A contact handled by an agent costs $8.01 on average",
            "Gartner survey, destinationcrm.com, 'Gartner Survey Finds Self-Service Insufficient'",
            "2019-11-26",
        ),
        _rate(
            "self_service_usd",
            "0.10",
            "USD per contact",
            "A contact resolved in self-service costs about $0.10",
            "Gartner survey, destinationcrm.com",
            "2019-11-26",
        ),
        _rate(
            "self_service_low",
            "0.09",
            "share of volume",
            "9% of issues are fully resolved in self-service",
            "Gartner survey, destinationcrm.com",
            "2019-11-26",
        ),
        _rate(
            "self_service_high",
            "0.14",
            "share of volume",
            "14% of issues are fully resolved in self-service",
            "Gartner survey, cited by Decagon (decagon.ai/blog)",
            "June 2026",
        ),
        _rate(
            "fcr_first_contact_usd",
            "49",
            "USD per incident",
            "An incident resolved at first contact costs $49",
            "ServiceXRG via KMWorld, kmworld.com/Articles/ReadArticle.aspx?ArticleID=53155",
            "2009",
        ),
        _rate(
            "fcr_next_day_usd",
            "61",
            "USD per incident",
            "An incident resolved within 24 hours, not at first contact, costs $61",
            "ServiceXRG via KMWorld",
            "2009",
        ),
        _rate(
            "ai_resolution_low",
            "0.25",
            "share of AI-handled contacts",
            "A fresh AI agent on an ordinary knowledge base resolves 25–35% of what it handles",
            "an implementer's report, wizquest.io/?p=5",
            "read 2026-12-01",
        ),
        _rate(
            "ai_resolution_high",
            "0.50",
            "share of AI-handled contacts",
            "Documented production deployments resolve 45–53% (vendors claim 66–81%, not used)",
            "clonedesk.ai/blog/intercom-fin-limitations (a competitor's count)",
            "May 2026",
        ),
        _rate(
            "fcr_gain_low",
            "0.03",
            "share of volume",
            "Repeat contacts avoided by better first-contact resolution: 3 points of volume",
            "assumption: no public source gives an FCR gain for a new help desk; measure the "
            "reopen rate before and after go-live",
            "",
            assumed=True,
        ),
        _rate(
            "fcr_gain_high",
            "0.08",
            "share of volume",
            "Repeat contacts avoided by better first-contact resolution: 8 points of volume",
            "assumption, as for the low end; it stays well under the 25–50% shorter "
            "resolution times KCS adopters report (KCS v6 Adoption Guide)",
            "",
            assumed=True,
        ),
        _rate(
            "ai_upkeep_hours",
            "16",
            "hours a month",
            "Keeping an AI agent right takes about 16 hours a month (half a day a week): reading "
            "the answers it got wrong and the questions it handed over, and fixing the articles "
            "it answers from",
            "assumption: our estimate, as no public source gives the upkeep of an AI agent; "
            "measure it in the first month of a pilot",
            "",
            assumed=True,
        ),
        _rate(
            "risk_haircut",
            "0.20",
            "share of savings",
            "Every saving is counted at 80% of its estimate: a 20% risk haircut",
            "assumption: the savings rest on published averages and our assumptions, not on "
            "the client's own measured tickets, and come only as self-service and the new ways "
            "of working are adopted; Forrester's TEI method risk-adjusts estimated benefits in "
            "the same way (20% in its TEI model of Intellum's customer education, "
            "thoughtleadership.forrester.com/go/intellum, read 2026-12-02); lift it once a "
            "quarter of measured deflection and reopen rates confirms the savings",
            "",
            assumed=True,
        ),
        _rate(
            "discount_rate",
            "0.08",
            "per year",
            "Discount rate 8% a year",
            "assumption until the client gives its own cost of capital",
            "",
            assumed=True,
        ),
    )
}

# Implementation effort, in person-days, when no partner's quote is known: an assumption
# built from what the action plan must do, each term stated in the business case.
EFFORT_DAYS = {
    "base": 10,  # project set-up, configuration of the desk, roles, SLAs, training
    "per_channel": 3,  # each channel connected and tested
    "per_integration": 5,  # each system integrated
    "self_hosted": 15,  # servers, backups, monitoring, upgrades rehearsed
    "per_10_agents": 2,  # training and go-live support per ten agents
}
EFFORT_SOURCE = (
    "assumption: our estimate of the action plan's work until a partner quotes it "
    "(10 days to set up, 3 per channel, 5 per integration, 15 to host it yourself, 2 per "
    "ten agents trained)"
)
