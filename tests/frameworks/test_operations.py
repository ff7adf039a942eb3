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
    by_key = {e["data"]["practice"]: e for e in section["elements"]}
    assert set(by_key) == {p.key for p in PRACTICES}
    assert {e["data"]["size"] for e in section["elements"]} == {size}
    quality = by_key["quality"]["text"]
    if size == "small":
        assert "No separate quality team" in quality
        assert "real-time analysts" not in by_key["intraday"]["text"].lower()
    if size == "large":
        assert "quality team" in quality
        assert "Real-time analysts" in by_key["intraday"]["text"]
    for element in section["elements"]:
        assert "{" not in element["text"]
        assert element["data"]["standard"]["source"]
        assert element["data"]["standard"]["checked"]
        assert "context.team_size" in element["trace"]["answers"]
