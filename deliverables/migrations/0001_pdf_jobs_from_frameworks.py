"""The PDF job model, moved from `frameworks` with its rows: the table was renamed by
`frameworks.0003_pdf_jobs_to_deliverables`, so this migration only takes the model into this
app's state, and carries its content type (and the permissions tied to it) along."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import deliverables.models


def _move_content_type(apps, schema_editor, source="frameworks", target="deliverables"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=target, model="pdfjob").exists():
        types.filter(app_label=source, model="pdfjob").update(app_label=target)


def _move_content_type_back(apps, schema_editor):
    _move_content_type(apps, schema_editor, source="deliverables", target="frameworks")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("frameworks", "0003_pdf_jobs_to_deliverables"),
        ("reviews", "0001_review_loop"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="PdfJob",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("template_hash", models.CharField(max_length=64)),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("rendering", "Rendering"),
                                    ("ready", "Ready"),
                                    ("failed", "Failed"),
                                    ("enqueue_failed", "Could not be queued"),
                                ],
                                default="queued",
                                max_length=20,
                            ),
                        ),
                        ("error", models.CharField(blank=True, max_length=500)),
                        (
                            "file",
                            models.FileField(
                                blank=True,
                                max_length=300,
                                upload_to=deliverables.models._pdf_path,
                            ),
                        ),
                        ("size", models.PositiveIntegerField(blank=True, null=True)),
                        ("sha256", models.CharField(blank=True, max_length=64)),
                        ("pages", models.PositiveIntegerField(blank=True, null=True)),
                        ("attempts", models.PositiveIntegerField(default=0)),
                        ("requested_at", models.DateTimeField()),
                        ("started_at", models.DateTimeField(blank=True, null=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "requested_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "version",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="pdf_jobs",
                                to="reviews.proposalversion",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-requested_at", "-pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("version", "template_hash"),
                                name="unique_pdf_per_template",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(_move_content_type, _move_content_type_back, elidable=True),
    ]
