"""Framework generation: discovery answers and the project's requirements in, the framework
proposal out — eight sections of traced elements, as plain JSON-ready data.

Pure and deterministic: no ORM, no request, no clock. The caller passes the project's
persisted, non-dismissed requirements (consultant edits included); tests pass
`requirements_from_derived(derive(answers))`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from discovery.bank import BANK
from frameworks.catalogue import CATALOGUE_VERSION, CLOUD_VERSION, KPIS_VERSION, PLATFORMS_VERSION

from .generators import SECTIONS, Context, RequirementInput

GENERATOR_VERSION = "2"

__all__ = [
    "GENERATOR_VERSION",
    "RequirementInput",
    "generate_framework",
    "requirements_from_derived",
]


def requirements_from_derived(derived: Iterable[Any]) -> list[RequirementInput]:
    """RequirementInputs from the engine's DerivedRequirements (or anything shaped alike)."""
    return [
        RequirementInput(
            code=r.code,
            title=r.title,
            kind=r.kind,
            category=r.category,
            priority=r.priority,
            question_ids=tuple(r.question_ids),
            attributes=dict(getattr(r, "attributes", None) or {}),
        )
        for r in derived
    ]


def catalogue_versions() -> dict[str, str]:
    return {
        "catalogue": CATALOGUE_VERSION,
        "platforms": PLATFORMS_VERSION,
        "kpis": KPIS_VERSION,
        "cloud": CLOUD_VERSION,
        "question_bank": BANK.version,
        "generator": GENERATOR_VERSION,
    }


def generate_framework(
    answers: Mapping[str, Any],
    requirements: Sequence[RequirementInput],
    evidence: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """`evidence`: what the consultant chose from an imported ticket history (see
    `generators.base.measured_from`), or nothing."""
    ctx = Context.build(answers, requirements, evidence)
    sections: list[dict[str, Any]] = []
    for module in SECTIONS:
        build = module.generate
        with ctx.reading():
            # The executive summary reads the sections built before it.
            if getattr(module, "READS_SECTIONS", False):
                sections.append(build(ctx, tuple(sections)))
            else:
                sections.append(build(ctx))
    return {"catalogue_versions": catalogue_versions(), "sections": sections}
