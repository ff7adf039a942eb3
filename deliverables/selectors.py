"""Reads for the document pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from discovery.models import Project
from frameworks.models import FrameworkGeneration
from reviews.selectors import Thread
from reviews.services import snapshot_build

from .document import Chapter


@dataclass(frozen=True)
class Draft:
    """The next version as publishing would freeze it now, from the latest generation: what
    the framework page shows, through the same document as a published version."""

    project: Project
    generation: FrameworkGeneration
    snapshot: dict[str, Any]
    label: str = "draft"
    change_summary: str = ""
    content_hash: str = ""
    published_at: None = None
    pk: None = None


def draft_for_project(project: Project) -> Draft | None:
    generation = FrameworkGeneration.objects.filter(project=project).first()
    if generation is None:
        return None
    snapshot = snapshot_build(project, generation.data, generation.number)
    return Draft(project=project, generation=generation, snapshot=snapshot)


def threads_by_chapter(
    threads: dict[str, list[Thread]], chapters: list[Chapter]
) -> dict[str, list[Thread]]:
    """Comment threads filed under the section that showed their element when they were
    written go where the document shows that element now (a section can take elements
    from another: frameworks.outline); the rest stay under their own section."""
    home = {element_id: c.key for c in chapters for element_id, _ in c.elements}
    placed: dict[str, list[Thread]] = {}
    for section, items in threads.items():
        for thread in items:
            key = (
                home.get(thread.comment.element_id, section)
                if thread.comment.element_id
                else section
            )
            placed.setdefault(key, []).append(thread)
    return placed
