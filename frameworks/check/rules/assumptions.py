"""Assumptions shown as assumptions: every input the figures assume (handle times, the
busy hour, shrinkage, working time; the business case's discount rate, volumes to come,
gains and effort; template answers not yet confirmed) is shown with the question that
would confirm it, and no team is cut on assumed inputs."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from discovery.bank import BANK
from frameworks.check.data import Assumption
from frameworks.check.inputs import CheckInput, Item
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


# The sections whose figures record their inputs, and the element that lists them.
WHERE = {
    "staffing": ("staffing.assumptions", "staffing.intro"),
    "business_case": ("business_case.sources",),
}


def _inputs(ci: CheckInput) -> list[tuple[Item, dict[str, Any]]]:
    """Every input the staffing and business-case figures record (name, origin, the
    question that would replace it), with the element that records it."""
    return [
        (item, entry)
        for item in ci.items
        if item.section in WHERE
        for entry in item.data.get("inputs") or []
        if isinstance(entry, dict) and entry.get("name")
    ]


def _printed(ci: CheckInput, item: Item, entry: Mapping[str, Any]) -> bool:
    """The element's text names the assumed input and says how to confirm it."""
    text = " ".join(t for _f, t in item.prose).casefold()
    if f"assumed {entry['name']}".casefold() not in text:
        return False
    qid = str(entry.get("question") or "")
    asks = [str(entry.get("ask") or "")]
    if qid in BANK.questions:
        asks.append(BANK.questions[qid].label.rstrip("?.:"))
    return any(a.strip() and a.strip().casefold().rstrip("?.") in text for a in asks)


@rule("assumption.unshown")
def unshown(ci: CheckInput) -> Iterator[Hit]:
    if not ci.elements("staffing_channel"):
        return  # nothing is sized yet, so nothing is assumed
    inputs = _inputs(ci)

    def where(key: str) -> tuple[str, str]:
        found = next((ci.element(e) for e in WHERE.get(key, ()) if ci.element(e)), None)
        return (found.section, found.element_id) if found else (key, key)

    shown = {
        (item.section, str(entry.get("question") or ""))
        for item, entry in inputs
        if entry.get("origin") == "assumed" and _printed(ci, item, entry)
    }
    # What discovery left open and the figures need: each shown, in the section whose
    # figures use it, with its question.
    for assumption in open_assumptions(ci):
        if assumption.section != "staffing" and not any(
            i.section == assumption.section for i in ci.items
        ):
            continue  # a section this framework has not got uses nothing
        if not {(assumption.section, q) for q in assumption.confirmed_by} & shown:
            yield Hit(*where(assumption.section), assumption.input, assumption.question)
    # And whatever else the figures say they assumed.
    seen: set[str] = set()
    for item, entry in inputs:
        name = str(entry["name"])
        if entry.get("origin") != "assumed" or name in seen:
            continue
        seen.add(name)
        if not any(_printed(ci, i, e) for i, e in inputs if e.get("name") == name):
            ask = str(entry.get("ask") or "")
            qid = str(entry.get("question") or "")
            if qid in BANK.questions:
                ask = BANK.questions[qid].label
            yield Hit(*where(item.section), name, ask or "no question recorded")


_CUT = re.compile(
    r"\bcould move\b|\bfewer\b|\breduc\w* the team\b|\bcut\b|\bsurplus\b|\btoo many\b|\bredeploy",
    re.I,
)


@rule("assumption.team_cut")
def team_cut(ci: CheckInput) -> Iterator[Hit]:
    item = ci.element("staffing.total")
    if item is None:
        return
    # Like with like: the desk's full-time equivalents when the team's roles are known.
    team = item.data.get("team_basis") or item.data.get("team_size")
    headcount = item.data.get("headcount")
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
