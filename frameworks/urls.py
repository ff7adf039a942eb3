from __future__ import annotations

from django.urls import path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("projects/<int:pk>/framework/generate/", views.framework_generate, name="generate"),
    path("projects/<int:pk>/framework/notes/<slug:section>/", views.section_note, name="note"),
]
