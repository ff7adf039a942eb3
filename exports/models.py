from __future__ import annotations

from django.conf import settings
from django.db import models

from discovery.models import Project


class ProjectImport(models.Model):
    """Where an imported project came from, and the people of the source file who have no
    account in the importing organization.

    A row of the imported project whose author is not a member here keeps its user field
    empty; the author's username, email and name live in `people`, keyed
    "<model>:<pk>:<field>", so the project page can still say who did what and a
    re-export writes the same people the original export did.
    """

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="import_record")
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # {"format", "version", "exported_at", "organization"} of the file that was imported.
    source = models.JSONField(default=dict)
    people = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.project} imported {self.imported_at:%Y-%m-%d %H:%M}"
