from __future__ import annotations

from django.urls import path

from . import views

app_name = "discovery"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/archive/", views.project_archive, name="project_archive"),
    path("projects/<int:pk>/restore/", views.project_restore, name="project_restore"),
    path(
        "projects/<int:pk>/save-as-template/",
        views.project_template_save,
        name="project_template_save",
    ),
    path("projects/<int:pk>/discovery/", views.wizard_resume, name="wizard_resume"),
    path("projects/<int:pk>/discovery/review/", views.wizard_review, name="wizard_review"),
    path("projects/<int:pk>/discovery/save/", views.answer_autosave, name="autosave"),
    path("projects/<int:pk>/discovery/heard/", views.suggestion_decide, name="suggestion_decide"),
    path("projects/<int:pk>/discovery/<slug:step>/", views.wizard_step, name="step"),
]
