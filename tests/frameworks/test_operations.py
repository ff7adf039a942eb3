"""Operating the service: the auditor's six practices, fitted to the team's size (a small
team gets no quality team, a contact centre the full plan), each naming the standard it
answers to and traced to the answers it read."""

from __future__ import annotations

import pytest

from frameworks.catalogue.practices import PRACTICES
from frameworks.generate import generate_framework, requirements_from_derived
from frameworks.generators.operations import size_of
from requirements_app.engine import derive
from tests.briefs.loader import brief


def _operations(slug: str):
    answers = brief(slug).answers
    fw = generate_framework(answers, requirements_from_derived(derive(answers)))
    return next(s for s in fw["sections"] if s["key"] == "operations")


def test_sizes():
    assert size_of(3) == "small"
    assert size_of(10) == "small"
    assert size_of(11) == "medium"
    assert size_of(51) == "large"


def test_every_practice_has_every_size_as_one_whole_sentence_set():
    for practice in PRACTICES:
        assert set(practice.text) == {"small", "medium", "large"}
        assert practice.source
        assert practice.anchor


@pytest.mark.parametrize(
    ("slug", "size"),
    [("tiny-startup", "small"), ("university-it", "medium"), ("contact-centre-10000", "large")],
)
def test_fitted_to_the_team(slug, size):
    section = _operations(slug)
    practices = [e for e in section["elements"] if e["kind"] == "practice"]
    by_key = {e["data"]["practice"]: e for e in practices}
    assert set(by_key) == {p.key for p in PRACTICES}
    assert {e["data"]["size"] for e in practices} == {size}
    quality = by_key["quality"]["text"]
    if size == "small":
        assert "No separate quality team" in quality
        assert "real-time analysts" not in by_key["intraday"]["text"].lower()
    if size == "large":
        assert "quality team" in quality
        assert "Real-time analysts" in by_key["intraday"]["text"]
    for element in practices:
        assert "{" not in element["text"]
        assert element["data"]["standard"]["source"]
        assert element["data"]["standard"]["checked"]
        assert "context.team_size" in element["trace"]["answers"]


@pytest.mark.parametrize(
    ("slug", "partners"),
    [
        ("eu-insurer-claims", ["SOS International"]),
        ("contact-centre-10000", ["Teleperformance", "Concentrix"]),
        ("charity-donors-volunteers", []),
    ],
)
def test_a_partner_who_handles_part_of_the_work_is_overseen(slug, partners):
    """Any outsourced share, not only all of the work: the partner's access, the targets its
    contract carries and the client's own sample of its contacts (FR-RPT-025)."""
    found = {e["id"]: e for e in _operations(slug)["elements"]}
    if not partners:
        assert "operations.partners" not in found
        return
    oversight = found["operations.partners"]
    for name in partners:
        assert name in oversight["text"]
    for duty in ("reach only the queues they work", "targets", "score a sample"):
        assert duty in oversight["text"]
    assert "FR-RPT-025" in oversight["trace"]["requirements"]
    assert "context.partners" in oversight["trace"]["answers"]


def test_partner_oversight_follows_the_requirement_not_the_answer():
    answers = brief("eu-insurer-claims").answers
    requirements = [r for r in requirements_from_derived(derive(answers)) if r.code != "FR-RPT-025"]
    fw = generate_framework(answers, requirements)
    ids = {e["id"] for s in fw["sections"] for e in s["elements"]}
    assert "operations.partners" not in ids
