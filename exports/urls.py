from __future__ import annotations

from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("projects/import/", views.project_import_view, name="project_import"),
    path("projects/<int:pk>/export/project.json", views.project_json, name="project_json"),
    path(
        "projects/<int:pk>/export/requirements-jira.csv",
        views.requirements_jira,
        name="requirements_jira",
    ),
]
