"""The knowledge catalogues the app is built on, for `manage.py catalogues`.

Each catalogue registers a function returning its summary. The question bank and the rule
catalogue register here; the frameworks catalogues (platforms, KPIs, cloud building blocks)
register theirs from their app's ready() with `register_catalogue`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from discovery.bank import BANK

from . import catalogue


@dataclass(frozen=True, slots=True)
class CatalogueSummary:
    name: str
    version: str
    sizes: tuple[tuple[str, int], ...]  # ("rules", 120), in display order
    problems: tuple[str, ...] = ()


_SUMMARIES: dict[str, Callable[[], CatalogueSummary]] = {}


def register_catalogue(key: str, summarize: Callable[[], CatalogueSummary]) -> None:
    _SUMMARIES[key] = summarize


def catalogue_summaries() -> list[CatalogueSummary]:
    """Every registered catalogue's summary, in registration order."""
    return [summarize() for summarize in _SUMMARIES.values()]


def _question_bank() -> CatalogueSummary:
    return CatalogueSummary(
        name="Discovery question bank",
        version=BANK.version,
        sizes=(("steps", len(BANK.steps)), ("questions", len(BANK.questions))),
        problems=tuple(BANK.validate()),
    )


def _rule_catalogue() -> CatalogueSummary:
    problems = catalogue.catalogue_problems()
    if problems:
        raw, _ = catalogue.load_raw(catalogue.RULES_DIR)
        version = str(raw.meta.get("version", "?")) if raw else "?"
        return CatalogueSummary("Requirement rules", version, (), tuple(map(str, problems)))
    rules = catalogue.load_catalogue()
    return CatalogueSummary(
        name="Requirement rules",
        version=rules.version,
        sizes=(
            ("rules", len(rules.rules)),
            ("requirement codes", len(rules.codes)),
            ("categories", len(rules.categories)),
        ),
    )


def _gazetteer() -> CatalogueSummary:
    from discovery.extraction.gazetteer import VERSION, gazetteer, gazetteer_problems

    problems = gazetteer_problems()
    if problems:
        return CatalogueSummary("Extractor gazetteer", VERSION, (), tuple(map(str, problems)))
    return CatalogueSummary(
        name="Extractor gazetteer",
        version=VERSION,
        sizes=tuple(gazetteer().sizes.items()),
    )


register_catalogue("question_bank", _question_bank)
register_catalogue("gazetteer", _gazetteer)
register_catalogue("requirement_rules", _rule_catalogue)
