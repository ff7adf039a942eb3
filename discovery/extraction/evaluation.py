"""Precision and recall of the extractor on a labelled set of sentences.

A labelled sentence expects findings written "category:value", with a trailing "!" for a
negated mention. A finding counts as right only with the same category, value and
negation; everything else found is a false positive, everything expected and not found a
false negative. Pure: the caller loads the set (tests/discovery/extraction/sentences.yaml).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .engine import Finding, extract
from .gazetteer import CATEGORIES

HELD_OUT_EVERY = 4  # sentence i is held out when i % 4 == 3


def finding_label(finding: Finding) -> str:
    return f"{finding.category}:{finding.value}" + ("!" if finding.negated else "")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    misses: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # text, fp, fn
    sentences: int = 0


def is_held_out(index: int) -> bool:
    return index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1


def evaluate(items: Iterable[Mapping[str, Any]]) -> Report:
    report = Report()
    for item in items:
        report.sentences += 1
        expected = set(item.get("expect") or [])
        found = {finding_label(f) for f in extract(item["text"])}
        for label in found | expected:
            category = label.split(":", 1)[0]
            score = report.scores.setdefault(category, Score())
            if label in found and label in expected:
                score.tp += 1
            elif label in found:
                score.fp += 1
            else:
                score.fn += 1
        if found != expected:
            report.misses.append((item["text"], sorted(found - expected), sorted(expected - found)))
    return report
