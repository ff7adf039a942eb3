"""Writes for the framework: generate it from the project's answers and requirements."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from discovery.models import Project
from discovery.selectors import answers_for_project
from evidence.selectors import evidence_for_framework
from requirements_app.models import Requirement
from requirements_app.services import answers_hash, requirements_sync_if_stale

from .check import rules_version, run_check
from .diff import diff_frameworks
from .generate import RequirementInput, generate_framework
from .models import FrameworkGeneration, SectionNote
from .outline import SECTION_KEYS

# Every key a section of the document can have (frameworks.outline): section notes,
# comments and the importer take it from here.
__all__ = ["SECTION_KEYS"]


@dataclass
class GenerateResult:
    generation: FrameworkGeneration
    created: bool


def requirement_inputs(project: Project) -> list[RequirementInput]:
    return [
        RequirementInput(
            code=r.code,
            title=r.title,
            kind=r.kind,
            category=r.category,
            priority=r.priority,
            question_ids=tuple(ref["question_id"] for ref in r.trace.get("inputs", [])),
            attributes=dict(r.attributes or {}),
        )
        for r in Requirement.objects.filter(project=project, dismissed=False)
    ]


def _hash(data: Any) -> str:
    encoded = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def requirements_fingerprint(inputs: list[RequirementInput]) -> str:
    """What the framework read of the requirements, as one digest (stored with each
    generation, compared by the stale banner)."""
    return _hash([dataclasses.astuple(r) for r in inputs])


def check_result(
    framework: dict[str, Any],
    answers: dict[str, Any],
    inputs: list[RequirementInput],
    *,
    on: Any,
) -> dict[str, Any]:
    """The proposal check of a framework, as stored: deterministic for the same inputs and
    date (benchmark ages are measured from `on`, the generation's day)."""
    return run_check(framework, answers, inputs, today=on).as_dict()


def framework_generate(*, project: Project, user: User | None) -> GenerateResult:
    """Generate the framework from the current answers and requirements (re-deriving the
    requirements first if the answers moved). A generation identical to the last one is
    not stored again."""
    requirements_sync_if_stale(project=project)
    answers = answers_for_project(project)
    inputs = requirement_inputs(project)
    data = generate_framework(answers, inputs, evidence_for_framework(project))
    requirements_hash = requirements_fingerprint(inputs)
    now = timezone.now()
    with transaction.atomic():
        previous = FrameworkGeneration.objects.select_for_update().filter(project=project).first()
        if previous is not None and previous.data == json.loads(json.dumps(data)):
            # Same framework; the check is refreshed if its rules (or what it reads) moved.
            checked = check_result(data, answers, inputs, on=previous.generated_at.date())
            # It now stands for the current answers and requirements too (the framework
            # page's stale banner compares these).
            fresh = {
                "check_result": checked,
                "answers_hash": answers_hash(answers),
                "requirements_hash": requirements_hash,
            }
            moved = [field for field, value in fresh.items() if getattr(previous, field) != value]
            if moved:
                for field in moved:
                    setattr(previous, field, fresh[field])
                previous.save(update_fields=moved)
            return GenerateResult(previous, created=False)
        number = (
            FrameworkGeneration.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        generation = FrameworkGeneration.objects.create(
            project=project,
            number=number,
            data=data,
            changes=diff_frameworks(previous.data, data) if previous is not None else {},
            check_result=check_result(data, answers, inputs, on=now.date()),
            answers_hash=answers_hash(answers),
            requirements_hash=requirements_hash,
            generated_at=now,
            generated_by=user,
        )
        if project.stage in (Project.Stage.DISCOVERY, Project.Stage.REQUIREMENTS):
            project.stage = Project.Stage.FRAMEWORK
            project.save(update_fields=["stage", "updated_at"])
    return GenerateResult(generation, created=True)


def generation_check(generation: FrameworkGeneration) -> dict[str, Any]:
    """The stored check of a generation; computed afresh (not stored: a read) when the
    generation predates the check or its rules changed since. Regenerating stores it."""
    stored = generation.check_result or {}
    if stored.get("version") == rules_version():
        return stored
    project = generation.project
    return check_result(
        generation.data,
        answers_for_project(project),
        requirement_inputs(project),
        on=generation.generated_at.date(),
    )


def section_note_save(
    *, project: Project, section: str, note: str, intro_override: str, user: User | None
) -> SectionNote:
    if section not in SECTION_KEYS:
        raise ValueError(f"unknown section {section!r}")
    record, _ = SectionNote.objects.update_or_create(
        project=project,
        section=section,
        defaults={
            "note": note.strip()[:5000],
            "intro_override": intro_override.strip()[:5000],
            "updated_by": user,
        },
    )
    return record
