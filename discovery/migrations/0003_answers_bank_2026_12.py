"""Bring stored answers up to question bank 2026.12.1 (see discovery/bank/migrations.py):
languages without "other", time KPIs as quantities, one purpose per "other system".

The history (AnswerRevision) is left as it was written: it records what was said then.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.utils import timezone


def forwards(apps: Any, schema_editor: Any) -> None:
    from discovery.bank.migrations import migrate_answers

    Answer = apps.get_model("discovery", "Answer")
    project_ids = Answer.objects.values_list("project_id", flat=True).distinct()
    for project_id in project_ids.iterator():
        rows = {a.question_id: a for a in Answer.objects.filter(project_id=project_id)}
        before = {qid: row.value for qid, row in rows.items()}
        after = migrate_answers(before)
        if after == before:
            continue
        for qid in before.keys() - after.keys():
            rows[qid].delete()
        for qid, value in after.items():
            row = rows.get(qid)
            if row is None:
                # Split from a shared answer: keep its author and time.
                source = rows.get("integrations.other_purpose") or rows.get(
                    "integrations.other_direction"
                )
                Answer.objects.create(
                    project_id=project_id,
                    question_id=qid,
                    value=value,
                    updated_by_id=source.updated_by_id if source else None,
                    updated_at=source.updated_at if source else timezone.now(),
                )
            elif row.value != value:
                # A new revision: a page still showing the old value must not write it back.
                row.value = value
                row.revision += 1
                row.save(update_fields=["value", "revision"])


class Migration(migrations.Migration):
    dependencies = [("discovery", "0002_answer_revision_and_tab")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
