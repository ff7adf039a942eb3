"""Framework traces are recorded, not written: each element cites exactly the answers and
requirements its generator read. Shown by perturbation: take one answer (or requirement)
away and every element that changes must have cited it; and nothing is cited that the
client did not answer or the project does not hold."""

from __future__ import annotations

from typing import Any

import pytest

from discovery.bank import BANK
from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from frameworks.generate import generate_framework, requirements_from_derived
from frameworks.generators.base import Context, TraceError, element
from requirements_app.engine import derive
from tests.requirements_app.clients import HARBOR_CLINIC, PIXELPRESS

SCENARIOS = {
    "northwind": NORTHWIND,
    "verde": VERDE,
    "contoso": CONTOSO,
    "harbor": HARBOR_CLINIC,
    "pixelpress": PIXELPRESS,
}


def _elements(fw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for s in fw["sections"] for e in s["elements"]}


def _content(e: dict[str, Any]) -> tuple[Any, ...]:
    return (e["title"], e["text"], e["data"])


def _without(answers: dict[str, Any], qid: str) -> tuple[dict[str, Any], set[str]]:
    """The answers without `qid`, and every question that stopped counting with it (its
    follow-ups, whose trigger it was)."""
    before = BANK.effective_answers(answers)
    rest = {k: v for k, v in answers.items() if k != qid}
    after = BANK.effective_answers(rest)
    return rest, set(before) - set(after)


@pytest.mark.parametrize("name", SCENARIOS)
def test_an_element_that_changes_with_an_answer_cites_it(name):
    answers = SCENARIOS[name]
    requirements = requirements_from_derived(derive(answers))
    base = _elements(generate_framework(answers, requirements))
    missed, seen = [], 0
    for qid in sorted(BANK.effective_answers(answers)):
        rest, gone = _without(answers, qid)
        # Requirements held still: this looks at what the generators read of the answers.
        changed = _elements(generate_framework(rest, requirements))
        for eid, e in base.items():
            if eid in changed and _content(changed[eid]) != _content(e):
                seen += 1
                if not gone & set(e["trace"]["answers"]):
                    missed.append((eid, qid))
    assert seen > 20, "the perturbations change elements"
    assert not missed


@pytest.mark.parametrize("name", SCENARIOS)
def test_an_element_that_changes_with_a_requirement_cites_it(name):
    answers = SCENARIOS[name]
    requirements = requirements_from_derived(derive(answers))
    base = _elements(generate_framework(answers, requirements))
    missed, seen = [], 0
    for r in requirements:
        rest = [x for x in requirements if x.code != r.code]
        changed = _elements(generate_framework(answers, rest))
        for eid, e in base.items():
            if eid in changed and _content(changed[eid]) != _content(e):
                seen += 1
                if r.code not in e["trace"]["requirements"]:
                    missed.append((eid, r.code))
    assert seen, "the perturbations change elements"
    assert not missed


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_trace_cites_only_what_exists(name):
    answers = SCENARIOS[name]
    effective = BANK.effective_answers(answers)
    requirements = requirements_from_derived(derive(answers))
    codes = [r.code for r in requirements]
    for e in _elements(generate_framework(answers, requirements)).values():
        trace = e["trace"]
        assert set(trace["answers"]) <= set(effective), e["id"]
        assert set(trace["requirements"]) <= set(codes), e["id"]
        order = BANK.order
        assert trace["answers"] == sorted(trace["answers"], key=order.__getitem__)
        assert trace["requirements"] == sorted(trace["requirements"], key=codes.index)


def test_the_trace_lists_exactly_what_was_read():
    ctx = Context.build(NORTHWIND, requirements_from_derived(derive(NORTHWIND)))
    with ctx.reading():  # a section's scope
        with ctx.reading():  # shared by the group
            ctx.get("context.channels")
            with ctx.reading():
                ctx.num("context.volume_email")
                ctx.get("context.phone_aht")  # read, but unanswered: not cited
                ctx.reqs(codes=("FR-CHN-002", "FR-XXX-999"))
                one = element(ctx, "x.one", "note", "One", "one")
            with ctx.reading():
                ctx.values("audience.languages")
                two = element(ctx, "x.two", "note", "Two", "two")
        ctx.get("objective.timeline")  # read by the section itself: no element's input
    assert one["trace"] == {
        "requirements": ["FR-CHN-002"],
        "answers": ["context.channels", "context.volume_email"],
    }
    # A sibling's reads never leak into the next element.
    assert two["trace"] == {
        "requirements": [],
        "answers": ["context.channels", "audience.languages"],
    }


def test_elements_outside_their_own_scope_are_refused():
    ctx = Context.build(NORTHWIND, [])
    with ctx.reading():  # the section's
        with pytest.raises(TraceError):
            element(ctx, "x.one", "note", "One", "one")
        with ctx.reading():
            element(ctx, "x.one", "note", "One", "one")
            with pytest.raises(TraceError):
                element(ctx, "x.two", "note", "Two", "two")


def test_plain_functions_given_the_answers_are_traced_too():
    ctx = Context.build(NORTHWIND, [])
    with ctx.reading(), ctx.reading():
        ctx.answers.get("scale.budget")
        "scale.deployment" in ctx.answers  # noqa: B015
        e = element(ctx, "x.one", "note", "One", "one")
    assert e["trace"]["answers"] == ["scale.budget", "scale.deployment"]
