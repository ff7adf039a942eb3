from __future__ import annotations

from typing import Any

from django.urls import reverse

from discovery.bank import BANK
from discovery.models import Project

from .models import SectionNote


def answer_displays(answers: dict[str, Any]) -> dict[str, str]:
    """Each answer as a person reads it, for traces."""
    return {
        qid: BANK.questions[qid].display(value)
        for qid, value in BANK.effective_answers(answers).items()
        if qid in BANK.questions
    }


def question_refs(project: Project) -> dict[str, dict[str, str]]:
    base = reverse("discovery:wizard_resume", args=[project.pk])
    return {
        qid: {"label": q.label, "url": f"{base}{q.step}/#{q.html_id}"}
        for qid, q in BANK.questions.items()
    }


def notes_by_section(project: Project) -> dict[str, SectionNote]:
    return {note.section: note for note in SectionNote.objects.filter(project=project)}
