"""Assumptions shown as assumptions: every input the figures assume (handle times, the
busy hour, shrinkage, working time, template answers not yet confirmed) is shown with the
question that would confirm it, and no team is cut on assumed inputs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from discovery.bank import BANK
from frameworks.check.data import Assumption
from frameworks.check.inputs import CheckInput
from frameworks.check.model import Hit
from frameworks.check.registry import rule


def open_assumptions(ci: CheckInput) -> list[Assumption]:
    """The assumptions this discovery leaves open."""
    return [
        a
        for a in ci.data.assumptions
        if ci.holds(a.when)
        and not (a.confirmed_by and all(q in ci.answers for q in a.confirmed_by))
    ]


def _shown(ci: CheckInput) -> dict[str, str]:
    """Assumption key -> the question shown with it, over every element."""
    shown: dict[str, str] = {}
    for item in ci.items:
        for entry in item.data.get("assumed") or []:
            if isinstance(entry, dict) and entry.get("key"):
                shown[str(entry["key"])] = str(entry.get("question") or "")
    return shown


@rule("assumption.unshown")
def unshown(ci: CheckInput) -> Iterator[Hit]:
    if not ci.elements("staffing_channel"):
        return  # nothing is sized yet, so nothing is assumed
    shown = _shown(ci)
    where = ci.element("staffing.assumptions") or ci.element("staffing.intro")
    section, element_id = (where.section, where.element_id) if where else ("staffing", "staffing")
    for assumption in open_assumptions(ci):
        if not shown.get(assumption.key, "").strip():
            yield Hit(section, element_id, assumption.input, assumption.question)


_CUT = re.compile(
    r"\bcould move\b|\bfewer\b|\breduc\w* the team\b|\bcut\b|\bsurplus\b|\btoo many\b|\bredeploy",
    re.I,
)


@rule("assumption.team_cut")
def team_cut(ci: CheckInput) -> Iterator[Hit]:
    item = ci.element("staffing.total")
    if item is None:
        return
    team, headcount = item.data.get("team_size"), item.data.get("headcount")
    if not isinstance(team, int | float) or not isinstance(headcount, int | float) or team <= 0:
        return
    if headcount >= team * (1 - ci.data.team_difference_margin):
        return
    assumed = [a.input for a in open_assumptions(ci)]
    text = " ".join(t for _f, t in item.prose)
    if assumed and _CUT.search(text):
        yield Hit(
            item.section,
            item.element_id,
            _CUT.search(text).group(0),  # type: ignore[union-attr]
            f"The model needs {headcount:g} where the team has {team:g} today, and the text "
            f"advises moving people, while the model assumes the {assumed[0]} and "
            f"{len(assumed) - 1} more input(s) discovery never asked.",
        )


@rule("assumption.template")
def template(ci: CheckInput) -> Iterator[Hit]:
    if not ci.unconfirmed:
        return
    for item in ci.items:
        for qid in item.trace_answers:
            if qid in ci.unconfirmed and qid in ci.answers and qid in BANK.questions:
                shown = BANK.questions[qid].display(ci.answers[qid])
                yield Hit(item.section, item.element_id, f"{BANK.questions[qid].label}: {shown}")
