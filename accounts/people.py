"""How a person kept as text is found again: an imported project keeps the authors who are
not members here (exports.people) under this key, and the pages that name authors read
them back with it."""

from __future__ import annotations

from django.db.models import Model


def person_key(instance: Model, field: str) -> str:
    """The key of the person behind one user field of one row: `discovery.answerrevision:
    12:changed_by`."""
    return f"{instance._meta.label_lower}:{instance.pk}:{field}"
