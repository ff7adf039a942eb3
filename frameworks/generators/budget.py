"""The first year's cost, one number from one source for every section that states it: the
licences are the tools section's estimate for the recommended platform (the scoring's), the
implementation and the people are the business case's, and the client's budget answer is
the ceiling they are measured against. The action plan and the executive summary read this
and never compute a figure of their own, so they cannot disagree with the licence table.

A plan whose first-year licences exceed the client's budget says so, by how much and why it
is still the recommendation; a platform sold by quote under a capped budget says the quote
must fit, and what fitting means in money.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from frameworks.scoring.data import BUDGET_CEILINGS

from .base import Context, join
from .business_case import money, the_case
from .wording import count_text


@dataclass(frozen=True)
class FirstYear:
    platform: str  # the recommended platform, "" without a shortlist
    agents: int  # the seats the licence estimate is for
    licences: Decimal | None  # a year, None when sold by quote
    licence_text: str  # the tools section's own words for the estimate
    source: str
    checked: str
    verified: bool
    budget: str  # the client's budget answer (band id), "" when not given
    budget_label: str
    ceiling: Decimal | None  # per agent per month, None for no ceiling
    implementation_days: int | None
    implementation_usd: float | None  # at the client's day rate, None until given
    people_usd: float | None  # the plan's people for a year at the client's loaded cost
    cheaper: tuple[str, ...]  # shortlisted platforms whose licences fit the budget
    kept: bool = False  # the recommended platform is the tool the client keeps
    published: bool = False  # unpriced, but the vendor publishes a price (not by quote)
    # A year on the cheapest plan, when the licence is a range (plans our sources do not map
    # to features); `licences` is then the dearest plan's.
    licences_low: Decimal | None = None

    @property
    def licences_words(self) -> str:
        """ "$13,920" or, for a range, "$2,436 to $13,920"; "" when not priced."""
        if self.licences is None:
            return ""
        if self.licences_low is not None:
            return f"{money(self.licences_low)} to {money(self.licences)}"
        return money(self.licences)

    @property
    def budget_yearly(self) -> Decimal | None:
        if self.ceiling is None or not self.budget:
            return None
        return self.ceiling * self.agents * 12

    @property
    def over(self) -> Decimal | None:
        """How far the licences exceed the budget, None when within it or not priced."""
        limit = self.budget_yearly
        if limit is None or self.licences is None or self.licences <= limit:
            return None
        return self.licences - limit


def first_year(ctx: Context) -> FirstYear | None:
    return ctx.cached("first_year", lambda: _first_year(ctx))


def _first_year(ctx: Context) -> FirstYear | None:
    shortlist = ctx.scoring.shortlist
    if not shortlist:
        return None
    top = shortlist[0]
    lic = top.licence
    budget = str(ctx.get("scale.budget") or "")
    ceiling = BUDGET_CEILINGS.get(budget)
    case = the_case(ctx)
    option = next((o for o in case.options if o.platform_id == top.platform_id), None)
    people = case.staff_cost[0] if case.staff_cost else None
    cheaper: list[str] = []
    if ceiling is not None and budget:
        limit = ceiling * lic.agents * 12
        cheaper = [
            r.name
            for r in shortlist[1:]
            if r.licence.yearly is not None and not r.licence.by_quote and r.licence.yearly <= limit
        ]
    return FirstYear(
        platform=top.name,
        agents=lic.agents,
        licences=None if lic.by_quote else lic.yearly,
        licence_text=lic.text,
        published=lic.published,
        source=lic.source,
        checked=lic.checked.isoformat() if lic.checked else "",
        verified=lic.verified,
        budget=budget,
        budget_label=ctx.text("scale.budget") if budget else "",
        ceiling=ceiling,
        implementation_days=option.implementation_days if option else None,
        implementation_usd=option.implementation_usd if option else None,
        people_usd=people,
        cheaper=tuple(cheaper),
        kept=top.kept,
        licences_low=None if lic.by_quote else lic.yearly_low,
    )


def budget_verdict(f: FirstYear) -> str:
    """How the first year's licences stand against the client's budget, in one sentence."""
    if not f.budget:
        return ""
    limit = f.budget_yearly
    inputs = {
        "platform": f.platform,
        "agents": count_text(f.agents, "agent", "agents"),
        "band": f.budget,
        "limit": money(limit) if limit is not None else "",
        "ceiling": money(f.ceiling) if f.ceiling is not None else "",
        "licences": f.licences_words,
        "over": money(f.over) if f.over is not None else "",
        "cheaper": join(f.cheaper, "or"),
    }
    if limit is None:
        return "No ceiling on the licences: the client's budget is {band}.".format(**inputs)
    if f.ceiling == 0:
        return _free_verdict(f, inputs)
    if f.licences is None and f.published:
        return (
            "{platform} publishes its price, not captured in our sources: read it on the "
            "vendor's page and check it fits the client's {band} budget, at most "
            "{limit} a year for {agents} ({ceiling} per agent per month), before choosing."
        ).format(**inputs)
    if f.licences is None:
        return (
            "{platform} is sold by quote: the quote must fit the client's {band} budget, at most "
            "{limit} a year for {agents} ({ceiling} per agent per month); confirm it before "
            "choosing."
        ).format(**inputs)
    if f.over is None:
        return (
            "Within the client's {band} budget: {licences} a year against at most {limit} for "
            "{agents} ({ceiling} per agent per month)."
        ).format(**inputs)
    if f.licences_low is not None and limit is not None and f.licences_low <= limit:
        return (
            "{licences} a year for {agents}: within the client's {band} budget (at most "
            "{limit}, {ceiling} per agent per month) on the cheaper plans, above it on the "
            "dearest; confirm with {platform} which plan has what the Must requirements need "
            "before choosing."
        ).format(**inputs)
    text = (
        "Above the client's {band} budget: {licences} a year for {agents} is {over} more than "
        "the {limit} it allows ({ceiling} per agent per month)."
    ).format(**inputs)
    if f.kept:
        text += (
            " The client keeps {platform}: the budget must grow to carry it, or the decision "
            "to keep it be revisited, before the plan starts."
        ).format(**inputs)
    elif f.cheaper:
        text += (
            " {cheaper}, also shortlisted, fits it and is the choice if the budget holds.".format(
                **inputs
            )
        )
    else:
        text += (
            " No shortlisted platform that meets the Must requirements fits it: the budget "
            "must grow, or a Must requirement be relaxed, before the contract."
        )
    return text


def _free_verdict(f: FirstYear, inputs: dict[str, str]) -> str:
    """A minimal budget prefers free or open-source tools: no ceiling in money to quote."""
    if f.licences is None:
        return (
            "{platform} is sold by quote, and the client prefers free or open-source tools: "
            "confirm a free or non-profit plan before choosing."
        ).format(**inputs)
    if f.licences == 0:
        return "No licence cost, as the client's minimal budget asks."
    if f.licences_low == 0:
        return (
            "{licences} a year for {agents}: free, as the client's minimal budget asks, on "
            "the cheaper plans, above it on the dearest; confirm with {platform} that its "
            "free plan has what the Must requirements need before choosing."
        ).format(**inputs)
    text = ("Above the client's minimal budget: {licences} a year for {agents}.").format(**inputs)
    if f.cheaper:
        text += " {cheaper}, also shortlisted, costs nothing in licences.".format(**inputs)
    else:
        text += (
            " No free platform on the shortlist meets the Must requirements: the client "
            "decides between this cost and relaxing a Must requirement before the contract."
        )
    return text


def first_year_text(f: FirstYear) -> str:
    """The first year's cost as the action plan states it, each figure from its section."""
    parts = []
    if f.licences is not None:
        parts.append(
            "licences {licences} for {agents} of {platform} (see Tools)".format(
                licences=f.licences_words,
                agents=count_text(f.agents, "seat", "seats"),
                platform=f.platform,
            )
        )
    else:
        parts.append(
            "licences for {agents} of {platform} {words} (see Tools)".format(
                agents=count_text(f.agents, "seat", "seats"),
                platform=f.platform,
                words="at the price on the vendor's page" if f.published else "by quote",
            )
        )
    if f.implementation_days is not None:
        if f.implementation_usd is not None:
            parts.append(
                f"{f.implementation_days} days of implementation at the client's day rate, {money(f.implementation_usd)}"
            )
        else:
            parts.append(
                f"{f.implementation_days} days of implementation, priced once the client gives its day rate"
            )
    if f.people_usd:
        parts.append(
            f"the plan's people at the client's loaded cost, {money(f.people_usd)} (see Business case)"
        )
    text = "First year: {parts}.".format(parts="; ".join(parts))
    if not f.verified and f.licences is not None:
        text += " The licence price is unverified: re-check it before quoting."
    verdict = budget_verdict(f)
    return f"{text} {verdict}" if verdict else text
