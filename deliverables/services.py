"""Writes of the deliverables app."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from discovery.models import Project

from .models import ProjectBranding


def client_logo_set(*, project: Project, logo: UploadedFile | None, user: User | None) -> None:
    """Put the client's logo on the project's cover, or take it off (`logo` None). The
    file replaced or removed is deleted once the change is committed."""
    with transaction.atomic():
        branding, _ = ProjectBranding.objects.select_for_update().get_or_create(project=project)
        old = branding.client_logo.name if branding.client_logo else ""
        storage = branding.client_logo.storage
        if logo is None:
            branding.client_logo = None
        else:
            branding.client_logo.save(logo.name or "logo.png", logo, save=False)
        branding.updated_by = user
        branding.save()
        if old and old != branding.client_logo.name:
            transaction.on_commit(lambda: storage.delete(old))
