"""PDF jobs moved from `frameworks` to `deliverables`: a database with jobs in it (the schema
as it was before the move) keeps every row, file name and link to its version, forwards and
back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

BEFORE = [("deliverables", None), ("frameworks", "0002_pdf_jobs")]
REQUESTED = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def _migrate(targets):
    """Migrate to `targets`; the models as the database now has them."""
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationLoader(connection)
    applied = set(loader.applied_migrations)
    last = [
        key
        for key in applied
        if not any(child.key in applied for child in loader.graph.node_map[key].children)
    ]
    return loader.project_state(last).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _seed(apps) -> tuple[int, int]:
    """One version with a ready PDF and a failed one, written with the models of the time."""
    User = apps.get_model("auth", "User")
    Organization = apps.get_model("accounts", "Organization")
    Project = apps.get_model("discovery", "Project")
    ProposalVersion = apps.get_model("reviews", "ProposalVersion")
    PdfJob = apps.get_model("frameworks", "PdfJob")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="frameworks", model="pdfjob")
    user = User.objects.create(username="alice")
    organization = Organization.objects.create(name="Blueprint Partners", slug="bp")
    project = Project.objects.create(
        organization=organization, name="Support desk", client_name="Northwind"
    )
    version = ProposalVersion.objects.create(
        project=project,
        number=1,
        snapshot={"framework": {"sections": []}},
        content_hash="c" * 64,
        published_at=REQUESTED,
    )
    PdfJob.objects.create(
        version=version,
        template_hash="a" * 64,
        state="ready",
        file=f"pdfs/{project.pk}/v1-aaaa-1.pdf",
        size=123_456,
        sha256="f" * 64,
        pages=30,
        attempts=1,
        requested_by=user,
        requested_at=REQUESTED,
        started_at=REQUESTED,
        finished_at=REQUESTED,
    )
    PdfJob.objects.create(
        version=version,
        template_hash="b" * 64,
        state="failed",
        error="The document took too long to render.",
        requested_at=REQUESTED,
    )
    return version.pk, user.pk


def _rows(model) -> list[tuple]:
    return list(
        model.objects.order_by("template_hash").values_list(
            "version_id",
            "template_hash",
            "state",
            "error",
            "file",
            "size",
            "sha256",
            "pages",
            "attempts",
            "requested_by_id",
            "requested_at",
        )
    )


@pytest.mark.django_db(transaction=True)
def test_pdf_jobs_keep_their_rows_when_the_model_moves_to_deliverables():
    try:
        old = _migrate(BEFORE)
        assert "frameworks_pdfjob" in _tables()
        version_id, user_id = _seed(old)
        before = _rows(old.get_model("frameworks", "PdfJob"))

        new = _migrate(_latest())
        assert "frameworks_pdfjob" not in _tables()
        PdfJob = new.get_model("deliverables", "PdfJob")
        assert _rows(PdfJob) == before
        ready = PdfJob.objects.get(state="ready")
        assert ready.version_id == version_id
        assert ready.requested_by_id == user_id
        assert ready.file.name.endswith("v1-aaaa-1.pdf")
        # The row's relations still work, both ways.
        ProposalVersion = new.get_model("reviews", "ProposalVersion")
        assert ProposalVersion.objects.get(pk=version_id).pdf_jobs.count() == 2
        # The permissions tied to the old content type now name the new app.
        ContentType = new.get_model("contenttypes", "ContentType")
        assert ContentType.objects.filter(app_label="deliverables", model="pdfjob").exists()
        assert not ContentType.objects.filter(app_label="frameworks", model="pdfjob").exists()
        # New rows get fresh ids after the moved ones.
        fresh = PdfJob.objects.create(
            version_id=version_id, template_hash="c" * 64, requested_at=REQUESTED
        )
        assert fresh.pk > max(PdfJob.objects.exclude(pk=fresh.pk).values_list("pk", flat=True))
        fresh.delete()

        back = _migrate(BEFORE)
        assert "frameworks_pdfjob" in _tables()
        assert "deliverables_pdfjob" not in _tables()
        assert _rows(back.get_model("frameworks", "PdfJob")) == before
    finally:
        _migrate(_latest())
