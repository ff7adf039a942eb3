from __future__ import annotations

from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("projects/<int:pk>/evidence/", views.evidence_page, name="page"),
    path("projects/<int:pk>/evidence/<int:import_id>/columns/", views.mapping, name="mapping"),
    path("projects/<int:pk>/evidence/<int:import_id>/status/", views.status, name="status"),
    path("projects/<int:pk>/evidence/<int:import_id>/use/", views.use, name="use"),
]
