"""Helpers of the requirement persistence tests (test_sync, test_edits)."""

from __future__ import annotations

from typing import Any

from discovery.services import answers_load
from requirements_app.models import Requirement
from requirements_app.services import requirement_update


def answer(project, consultant, **changes: Any) -> None:
    """Save answers as the wizard would; keys use __ for the dots of question ids."""
    answers_load(
        project=project,
        answers={qid.replace("__", "."): value for qid, value in changes.items()},
        user=consultant,
    )


def requirements(project) -> dict[str, Requirement]:
    return {r.code: r for r in Requirement.objects.filter(project=project)}


def versions(project) -> dict[str, int]:
    return dict(Requirement.objects.filter(project=project).values_list("code", "version"))


def edit(requirement: Requirement, user, **fields: str) -> Requirement:
    values = {name: getattr(requirement, name) for name in ("title", "description", "priority")}
    values.update(fields)
    return requirement_update(
        requirement=requirement, version=requirement.version, user=user, **values
    )
