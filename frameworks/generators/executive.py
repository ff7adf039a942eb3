"""The executive summary that opens the proposal: what the client said matters, in their
words, and what the proposal does about each; then the recommendation, the cost range, the
staffing, the timeline and the three main risks, each linking to its section.

Built last, from the sections already generated: it says only what they say, and each of
its elements records the reads of the elements it summarizes, so its trace is theirs.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from .base import Context, element, join, number_text, quoted, section
from .budget import budget_verdict, first_year
from .business_case import money
from .staffing import team_comparison
from .summary import NEED_WORDS, kpi_label, label_phrase
from .team import team_today
from .wording import client_psa, client_words, count_text, join_items, midsentence, requesters

CHALLENGES = Path(__file__).with_name("challenges.yaml")
READS_SECTIONS = True  # generate() takes the sections built before it

# Which risks weigh most when only three are told, most serious first.
RISK_ORDER = (
    "staffing",
    "compliance",
    "migration",
    "timeline",
    "peak",
    "integrations",
    "adoption",
    "languages",
)

Element = dict[str, Any]


@functools.cache
def challenge_answers() -> dict[str, dict[str, Any]]:
    """challenges.yaml: per challenge, what the proposal does and the elements doing it."""
    raw = yaml.safe_load(CHALLENGES.read_text(encoding="utf-8"))
    return {
        str(key): {
            "does": " ".join(str(value["does"]).split()),
            "elements": tuple(str(e) for e in value["elements"]),
        }
        for key, value in raw.items()
    }


class Built:
    """The sections generated so far, looked up by element id."""

    def __init__(self, sections: Sequence[Mapping[str, Any]]) -> None:
        self.sections = list(sections)
        self.where: dict[str, tuple[str, Element]] = {}
        for s in sections:
            for e in s.get("elements", []):
                self.where[str(e["id"])] = (str(s["key"]), e)

    def find(self, ids: Sequence[str]) -> tuple[str, Element] | None:
        """The first element among `ids` (a trailing "." is a prefix) the framework holds."""
        for wanted in ids:
            if wanted.endswith("."):
                hit = next((v for k, v in self.where.items() if k.startswith(wanted)), None)
            else:
                hit = self.where.get(wanted)
            if hit is not None:
                return hit
        return None

    def of_kind(self, section_key: str, kind: str) -> list[Element]:
        s = next((s for s in self.sections if s.get("key") == section_key), None)
        return [e for e in (s or {}).get("elements", []) if e.get("kind") == kind]

    def section(self, key: str) -> Mapping[str, Any]:
        return next((s for s in self.sections if s.get("key") == key), {})


def _cite(ctx: Context, e: Element) -> None:
    """Count what element `e` read as read by the summary element being built."""
    trace = e.get("trace") or {}
    for qid in trace.get("answers", ()):
        ctx.recorder.answer(str(qid))
    ctx.recorder.requirements(str(c) for c in trace.get("requirements", ()))


def without_asides(text: str) -> str:
    """A phrase without its parenthesized asides (a vendor's list of data-centre regions),
    for a summary: the section keeps them."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
            if out and out[-1] == " ":
                out.pop()
        elif char == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(char)
    return "".join(out).strip()


def _link(section_key: str, e: Element) -> dict[str, str]:
    from frameworks.outline import ROWS, row_of

    key = row_of(section_key, e)
    title = ROWS[key].title if key in ROWS else key
    return {"href": f"#sec-{key}", "section": key, "label": title}


def said(ctx: Context, value: str) -> str:
    """A challenge as the client chose it, in words that fit whoever it serves (the bank's
    label speaks of customers; an internal help desk serves colleagues)."""
    if value in NEED_WORDS:
        text = NEED_WORDS[value].format(requesters=requesters(ctx))
        return text[0].upper() + text[1:]
    return ctx.label("objective.challenge", value)


def _priorities(ctx: Context, built: Built) -> Element:
    with ctx.reading():
        answers = challenge_answers()
        rows = []
        channels = join([midsentence(c) for c in ctx.labels("context.channels")])
        kpis = join_items([midsentence(kpi_label(ctx, k)) for k in ctx.values("metrics.kpis")])
        for value in ctx.values("objective.challenge"):
            if value == "other" or value not in answers:
                continue
            found = built.find(answers[value]["elements"])
            if found is None:
                continue
            key, e = found
            _cite(ctx, e)
            does = answers[value]["does"].format(
                channels=channels or "email, phone and the rest",
                kpis=kpis or "the KPIs chosen in discovery",
                element=f"see “{e['title']}”",
            )
            rows.append(
                {
                    "challenge": value,
                    "said": said(ctx, value),
                    "does": does,
                    "element": e["id"],
                    "link": _link(key, e),
                }
            )
        other = str(ctx.get("objective.challenge_other") or "").strip()
        detail = str(ctx.get("objective.challenge_detail") or "").strip()
        words = [quoted(detail)] if detail else []
        if other and "other" in ctx.values("objective.challenge"):
            words.append(client_words(other))
        parts = []
        if words:
            parts.append("In the client's words: {words}".format(words=" ".join(words)))
        for row in rows:
            parts.append("{said}: {does}".format(said=row["said"], does=row["does"]))
        text = " ".join(parts) or "The challenge is still to be described in discovery."
        return element(
            ctx,
            "executive.priorities",
            "priorities",
            "What the client said matters, and what this proposal does",
            text,
            data={"words": words, "rows": rows},
        )


def _recommendation(ctx: Context, built: Built) -> Element | None:
    with ctx.reading():
        cards = built.of_kind("tools", "platform")
        kept = built.find(["tools.kept"])
        if kept is not None:
            _cite(ctx, kept[1])
            return element(
                ctx,
                "executive.recommendation",
                "recommendation",
                "Recommendation",
                kept[1]["text"],
                data={"link": _link("tools", kept[1])},
            )
        if not cards:
            return element(
                ctx,
                "executive.recommendation",
                "recommendation",
                "Recommendation",
                "No platform in our catalogue meets every hard constraint of this project: "
                "the choice is made with the client against the requirements.",
                data={"link": {"href": "#sec-tools", "section": "tools", "label": "Tools"}},
            )
        top = cards[0]
        for card in cards:
            _cite(ctx, card)
        data = top["data"]
        others = [c["data"]["name"] for c in cards[1:]]
        runs = str(data["runs"])
        if data.get("confirm"):
            # What to confirm is said once, below, not also in how it runs.
            runs = runs.partition("; ")[0]
        text = "{name}, {runs}.".format(name=data["name"], runs=without_asides(runs))
        purpose = built.find(["tools.purpose"])
        if purpose is not None and ctx.get("audience.service_provider") == "yes":
            _cite(ctx, purpose[1])
            if psa := client_psa(ctx):
                text += (
                    " Contracts, time and billing per customer company stay in {psa}, the "
                    "client's PSA, connected to it; whether tickets move or stay in {psa} is "
                    "a choice to make with the client (see “{title}”).".format(
                        psa=join(psa), title=purpose[1]["title"]
                    )
                )
            else:
                text += (
                    " Contracts, time and billing per customer company belong in a PSA beside "
                    "it or instead of it, a choice to make with the client (see “{title}”).".format(
                        title=purpose[1]["title"]
                    )
                )
        if data.get("confirm"):
            text += " To confirm with the vendor before contract: {what}.".format(
                what=join(data["confirm"])
            )
        if others:
            text += f" Also shortlisted: {join(others)}."
        return element(
            ctx,
            "executive.recommendation",
            "recommendation",
            "Recommendation",
            text,
            data={"platform": data["platform_id"], "link": _link("tools", top)},
        )


def _cost(ctx: Context, built: Built) -> Element | None:
    with ctx.reading():
        cards = built.of_kind("tools", "platform")
        if not cards:
            return None
        for card in cards:
            _cite(ctx, card)
        licences = [c["data"]["licence"] for c in cards]
        priced = [(c["data"]["name"], lic) for c, lic in zip(cards, licences, strict=True)]
        # A range's cheapest plan counts too (plans our sources do not map to features).
        yearly = [
            value
            for _n, lic in priced
            if lic.get("yearly") is not None
            for value in (lic.get("yearly_low"), lic["yearly"])
            if value is not None
        ]
        quote = [
            name for name, lic in priced if lic.get("yearly") is None and not lic.get("published")
        ]
        published = [
            name for name, lic in priced if lic.get("yearly") is None and lic.get("published")
        ]
        agents = licences[0].get("agents")
        parts = []
        f = first_year(ctx)
        if f is not None:
            parts.append(
                (
                    "Licences on {platform}, the recommendation: {licences} a year for {agents}."
                    if f.licences is not None
                    else "Licences on {platform}, the recommendation: {words}."
                ).format(
                    words="price on the vendor's page, not captured here"
                    if f.published
                    else "by quote",
                    platform=f.platform,
                    licences=f.licences_words,
                    agents=count_text(f.agents, "agent", "agents"),
                )
            )
        if len(yearly) > 1:
            low, high = min(yearly), max(yearly)
            span = (
                f"${number_text(low)} a year"
                if low == high
                else f"from ${number_text(low)} to ${number_text(high)} a year"
            )
            parts.append(
                "Across the shortlist, for {agents}: {span}, at list prices with their sources "
                "and dates in the tools section.".format(
                    agents=count_text(agents or 0, "agent", "agents"), span=span
                )
            )
        others = [name for name in quote if f is None or name != f.platform]
        if others:
            parts.append(f"{join(others)}: by quote.")
        shown = [name for name in published if f is None or name != f.platform]
        if shown:
            parts.append(f"{join(shown)}: price on the vendor's page, not captured here.")
        if any(not lic.get("verified", True) and lic.get("yearly") is not None for lic in licences):
            parts.append("Some of these prices are unverified: re-check them before quoting.")
        if ctx.has("scale.budget"):
            parts.append(
                "The client's budget for tools: {budget}.".format(
                    budget=label_phrase(ctx.text("scale.budget"))
                )
            )
            verdict = budget_verdict(f) if f is not None else ""
            if verdict:
                parts.append(verdict)
        return element(
            ctx,
            "executive.cost",
            "cost",
            "Cost range",
            " ".join(parts),
            data={"licences": licences, "link": _link("tools", cards[0])},
        )


def _staffing(ctx: Context, built: Built) -> Element | None:
    with ctx.reading():
        found = built.find(["staffing.total"])
        if found is None:
            return None
        key, total = found
        _cite(ctx, total)
        planned = ctx.plan.headcount
        today = team_today(ctx)
        team = today.basis() if today is not None else None
        text = "The model plans {planned} for the volumes stated.".format(
            planned=count_text(planned, "agent", "agents")
        )
        if today is not None and today.from_roles and (today.away or today.part_time):
            # Like with like: the desk's hours, not every person on the payroll.
            text += " The team has {people} today, {desk} ({who}).".format(
                people=count_text(today.people, "person", "people"),
                desk=today.desk_text(),
                who="; ".join(
                    [*today.hours, *(f"{away} away from the desk" for away in today.away)]
                ),
            )
        elif team is not None:
            text += " The team has {team} today.".format(
                team=count_text(team, "person", "people", none="nobody")
            )
        # The staffing section's comparison and margin, so both say the same.
        comparison = team_comparison(ctx, today) if today is not None else None
        status = comparison["status"] if comparison is not None else "unknown"
        assumed = "; ".join(comparison["assumed"]) if comparison is not None else ""
        if team is not None:
            if team and status == "above":
                text += (
                    f" The difference rests on inputs still to confirm ({assumed}, and the "
                    "share of the team's time spent on tickets): no cut to the team before "
                    "they are measured."
                    if assumed
                    else " The difference may be duties the model does not see (the share of "
                    "the team's time spent on tickets): no cut to the team before it is "
                    "measured."
                )
            elif team and status == "short":
                text += (
                    f" The gap rests on inputs the model assumed ({assumed}): confirm them in "
                    "the first month, before hiring."
                    if assumed
                    else " The gap comes from the client's own volumes and handle times: plan "
                    "the hiring, or the targets the team can meet as it is."
                )
        f = first_year(ctx)
        estimate = None
        if f is not None and f.people_usd:
            text += (
                " At the client's loaded cost of an agent hour, the plan's people cost "
                f"{money(f.people_usd)} in the first year (see Business case)."
            )
            estimate = {
                "text": "the plan's people for a year at the client's loaded cost of an hour",
                "inputs": ["the staffing plan's headcount", "the client's loaded cost of an hour"],
            }
        return element(
            ctx,
            "executive.staffing",
            "staffing",
            "Staffing",
            text,
            data={
                "headcount": planned,
                "team": ctx.num("context.team_size"),
                "team_basis": team,
                "link": _link(key, total),
                **({"estimate": estimate} if estimate else {}),
            },
        )


def _case(ctx: Context, built: Built) -> Element | None:
    """The business case's own paragraph, quoted: one set of figures, one source."""
    with ctx.reading():
        found = built.find(["business_case.headline"])
        if found is None:
            return None
        key, headline = found
        if not headline.get("data", {}).get("best"):
            return None  # nothing shortlisted, nothing priced: the cost range says so
        _cite(ctx, headline)
        return element(
            ctx,
            "executive.case",
            "case",
            "Business case",
            headline["text"],
            # Its figures are the business case's labelled estimate, with the same inputs.
            data={"link": _link(key, headline), "estimate": headline["data"].get("estimate")},
        )


def _timeline(ctx: Context, built: Built) -> Element | None:
    with ctx.reading():
        plan = built.section("action_plan")
        phases = [e for e in plan.get("elements", []) if e.get("kind") == "phase"]
        if not phases:
            return None
        for phase in phases:
            _cite(ctx, phase)
        steps = [p for p in phases if p["data"].get("phase") != "optimize"]
        weeks = plan.get("go_live_week")
        titles = [p["title"].split(" (", 1)[0] for p in steps]
        text = (
            "Go-live in {weeks} weeks, in {count}: {titles}; then continuous improvement.".format(
                weeks=weeks,
                count=count_text(len(steps), "phase", "phases"),
                titles=join_items([midsentence(t) for t in titles]),
            )
        )
        return element(
            ctx,
            "executive.timeline",
            "timeline",
            "Timeline",
            text,
            data={"go_live_week": weeks, "phases": titles, "link": _link("action_plan", phases[0])},
        )


def _risks(ctx: Context, built: Built) -> Element | None:
    with ctx.reading():
        risks = built.of_kind("action_plan", "risk")
        if not risks:
            return None

        def weight(e: Element) -> int:
            key = str(e["id"]).rsplit(".", 1)[-1]
            return RISK_ORDER.index(key) if key in RISK_ORDER else len(RISK_ORDER)

        main = sorted(risks, key=weight)[:3]
        for risk in main:
            _cite(ctx, risk)
        text = " ".join(
            "{n}. {risk}: {mitigation}.".format(
                n=i, risk=r["data"]["risk"], mitigation=r["data"]["mitigation"]
            )
            for i, r in enumerate(main, start=1)
        )
        return element(
            ctx,
            "executive.risks",
            "risks",
            "The main risks" if len(main) > 1 else "The main risk",
            text,
            data={
                "risks": [r["id"] for r in main],
                "main_risks": [
                    {"risk": r["data"]["risk"], "mitigation": r["data"]["mitigation"]} for r in main
                ],
                "link": _link("action_plan", main[0]),
            },
        )


def generate(ctx: Context, built_sections: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    built = Built(built_sections)
    elements = [
        _priorities(ctx, built),
        _recommendation(ctx, built),
        _cost(ctx, built),
        _case(ctx, built),
        _staffing(ctx, built),
        _timeline(ctx, built),
        _risks(ctx, built),
    ]
    return section(
        "executive",
        "Executive summary",
        "The proposal on one page: what the client said matters and what the proposal does "
        "about it, then the recommendation, the cost and the business case, the staffing, the "
        "timeline and the main "
        "risks, each with a link to its section.",
        [e for e in elements if e is not None],
    )
