"""The extractor's quality gate: precision and recall per category on the labelled set."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from discovery.extraction import evaluation

SENTENCES = Path(__file__).with_name("sentences.yaml")
THRESHOLD = 0.9


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))["sentences"]


def test_the_set_is_large_and_well_formed(items):
    assert len(items) >= 200
    held_out = [s for i, s in enumerate(items) if evaluation.is_held_out(i)]
    assert len(held_out) >= 50
    assert {s["voice"] for s in items} == {"client", "consultant"}
    for item in items:
        for label in item["expect"]:
            category = label.split(":", 1)[0]
            assert category in evaluation.CATEGORIES, label


@pytest.mark.parametrize("category", evaluation.CATEGORIES)
def test_precision_and_recall_per_category(items, category):
    score = evaluation.evaluate(items).scores[category]
    assert score.tp >= 30, f"too few {category} findings labelled to measure"
    assert score.precision >= THRESHOLD, (category, score)
    assert score.recall >= THRESHOLD, (category, score)


def test_negated_mentions_are_never_read_as_used(items):
    """A sentence that says a thing is not used must not come out as using it."""
    for item in items:
        negated = {label[:-1] for label in item["expect"] if label.endswith("!")}
        found = {evaluation.finding_label(f) for f in evaluation.extract(item["text"])}
        assert not negated & found, item["text"]


@pytest.mark.parametrize(
    ("name", "key", "kinds", "size"),
    [
        ("sentences_fresh.yaml", "sector", 6, 60),
        ("sentences_heldout.yaml", "kind", 5, 60),
        ("sentences_rows.yaml", "kind", 5, 40),
        ("sentences_heard.yaml", "kind", 5, 40),
        ("sentences_expert.yaml", "kind", 6, 60),
        ("sentences_counts.yaml", "kind", 5, 12),
        ("sentences_alerts.yaml", "kind", 5, 10),
    ],
)
def test_the_sets_in_new_voices_are_read_as_well(name, key, kinds, size):
    """The second set and the held-out sets (bench/extract_bench.py prints them per class
    and per kind of client): each of at least its size, over several kinds of client, read
    at the same floor as the first set."""
    items = yaml.safe_load(SENTENCES.with_name(name).read_text(encoding="utf-8"))["sentences"]
    assert len(items) >= size
    assert len({item[key] for item in items}) >= kinds
    report = evaluation.evaluate(items)
    for category, score in report.scores.items():
        assert category in evaluation.CATEGORIES
        assert score.precision >= THRESHOLD, (name, category, score)
        assert score.recall >= THRESHOLD, (name, category, score)
